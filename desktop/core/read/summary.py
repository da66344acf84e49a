"""One customer on one printable page: profile, risk and its reasons, health, payment methods,
recent orders and tickets, notes and interventions.

Read here and laid out as simple HTML (tables and headings only, the subset Qt's rich text
draws); the window turns it into a PDF page (`desktop.ui.widgets.export`). Each list is cut to
its newest few and long text to a few lines, so the page holds whatever the history.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from db import models as m
from desktop.core.read import customer360
from desktop.core.read.customer360 import Customer360

RECENT = 8  # orders, tickets
NOTES = 4
INTERVENTIONS = 5
TEXT_MAX = 240  # characters of a note shown


@dataclass
class CustomerSummary:
    view: Customer360
    orders: list[m.Order]
    tickets: list[m.SupportTicket]
    printed_at: datetime


def load(customer_id: int) -> CustomerSummary:
    view = customer360.load(customer_id)
    orders = list(
        m.Order.select()
        .where(m.Order.customer == customer_id)
        .order_by(m.Order.placed_at.desc(), m.Order.id.desc())
        .limit(RECENT)
    )
    tickets = customer360.tickets(customer_id)[:RECENT]
    return CustomerSummary(view, orders, tickets, m.utcnow())


def _words(value: Any) -> str:
    return "—" if value in (None, "") else str(value).replace("_", " ")


def _day(value: date | datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def _cut(text: str | None, limit: int = TEXT_MAX) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p><i>{html.escape(empty)}</i></p>"
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='2' border='0'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def summary_html(s: CustomerSummary) -> str:
    """The page as HTML; every value from the database is escaped."""
    v, c, esc = s.view, s.view.customer, html.escape
    parts = [
        f"<h2>{esc(c.name)}</h2>",
        f"<p>{esc(c.email)}{' · ' + esc(c.phone) if c.phone else ''}"
        f"{' · ' + esc(c.country) if c.country else ''}<br>"
        f"Account {esc(_words(c.account_status))} · customer since {_day(c.customer_since)} · "
        f"account value {c.account_value:,.2f} a month · customer #{c.id}</p>",
    ]
    if c.churn_probability is not None:
        level = c.risk_level or (v.prediction.risk_level if v.prediction else "")
        reasons = customer360.factor_lines(v.prediction.factors if v.prediction else None)
        scored = f" (scored {_day(v.prediction.scored_at)})" if v.prediction else ""
        parts.append(
            f"<h3>Churn risk</h3><p><b>{c.churn_probability * 100:.0f}% · "
            f"{esc(_words(level).title())}</b>{scored}</p>"
        )
        parts.append(
            "<ul>" + "".join(f"<li>{esc(r)}</li>" for r in reasons) + "</ul>"
            if reasons
            else "<p><i>No factors recorded.</i></p>"
        )
    else:
        parts.append("<h3>Churn risk</h3><p><i>Not scored yet.</i></p>")
    h = v.health
    parts.append(
        "<h3>Health</h3>"
        + (
            f"<p><b>{h.score} / 100</b> · purchase {h.purchase_score} · engagement "
            f"{h.engagement_score} · support {h.support_score} · recency {h.recency_score}</p>"
            if h is not None
            else "<p><i>No health score computed yet.</i></p>"
        )
    )
    metrics = " · ".join(f"{esc(label)} {esc(value)}" for label, value in v.metrics())
    parts.append(f"<p>{metrics}</p>")
    payments = [
        [p.label, _words(p.status), ("expiring " if p.expiring else "")
         + (f"failed ×{p.failure_count}" if p.failed else "")]
        for p in v.payments
    ]  # fmt: skip
    parts.append("<h3>Payment methods</h3>")
    parts.append(_table(["Method", "Status", "Flags"], payments, "No stored payment method."))
    parts.append("<h3>Recent orders</h3>")
    parts.append(
        _table(
            ["Order", "Placed", "Status", "Total"],
            [
                [
                    o.order_number,
                    _day(o.placed_at),
                    _words(o.status),
                    f"{o.total:,.2f} {o.currency}",
                ]
                for o in s.orders
            ],
            "No orders.",
        )
    )
    parts.append("<h3>Recent tickets</h3>")
    parts.append(
        _table(
            ["Number", "Opened", "Subject", "Status"],
            [
                [t.number, _day(t.opened_at), _cut(t.subject, 60), _words(t.status)]
                for t in s.tickets
            ],
            "No tickets.",
        )
    )
    parts.append("<h3>Notes</h3>")
    parts.append(
        _table(
            ["When", "By", "Note"],
            [[_day(n.created_at), n.author.display_name, _cut(n.body)] for n in v.notes[:NOTES]],
            "No notes.",
        )
    )
    parts.append("<h3>Interventions</h3>")
    parts.append(
        _table(
            ["Started", "By", "Channel", "Kind", "Status", "Outcome"],
            [
                [
                    _day(i.started_at),
                    i.user.display_name,
                    _words(i.channel),
                    _words(i.kind),
                    _words(i.status),
                    _words(i.outcome),
                ]
                for i in v.interventions[:INTERVENTIONS]
            ],
            "No interventions.",
        )
    )
    parts.append(
        f"<p><small>ChurnWatch · printed {s.printed_at:%Y-%m-%d %H:%M} UTC · "
        "personal data: keep it safe</small></p>"
    )
    return "<html><body>" + "".join(parts) + "</body></html>"

"""One customer on one printable page: profile, risk and its reasons, health, payment methods,
recent orders and tickets, notes and interventions.

Read here and laid out as simple HTML (tables and headings only, the subset Qt's rich text
draws), in the reader's language (the texts are `Message`s rendered through the window's
translator; English without one); the window turns it into a PDF page
(`desktop.ui.widgets.export`). Each list is cut to its newest few and long text to a few lines,
so the page holds whatever the history.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from db import models as m
from db.i18n import Day, Message, Number, render
from desktop.core.i18n import QT_TRANSLATE_NOOP
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
    """A stored code as the window's `words` shows it ("Past due"), in the reader's language."""
    if value in (None, ""):
        return "—"
    return render(Message(str(value).replace("_", " ").capitalize(), "Words"))


def _t(message: str) -> str:
    return render(message)


def _day(value: date | datetime | None) -> str:
    return render(Day(value)) if value else "—"


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


RISK = QT_TRANSLATE_NOOP("Summary", "Churn risk")
STATUS = QT_TRANSLATE_NOOP("Summary", "Status")
BY = QT_TRANSLATE_NOOP("Summary", "By")
HEALTH = QT_TRANSLATE_NOOP("Summary", "Health")
NO_FACTORS = QT_TRANSLATE_NOOP("Summary", "No factors recorded.")
NOT_SCORED = QT_TRANSLATE_NOOP("Summary", "Not scored yet.")
NO_HEALTH = QT_TRANSLATE_NOOP("Summary", "No health score computed yet.")


def _heading(title: Message) -> str:
    return f"<h3>{html.escape(_t(title))}</h3>"


def _note(text: Message) -> str:
    """An empty part's line, in italics."""
    return f"<p><i>{html.escape(_t(text))}</i></p>"


def summary_html(s: CustomerSummary) -> str:
    """The page as HTML; every value from the database is escaped."""
    v, c, esc = s.view, s.view.customer, html.escape
    parts = [
        f"<h2>{esc(c.name)}</h2>",
        f"<p>{esc(c.email)}{' · ' + esc(c.phone) if c.phone else ''}"
        f"{' · ' + esc(c.country) if c.country else ''}<br>"
        + esc(
            _t(
                QT_TRANSLATE_NOOP(
                    "Summary",
                    "Account {status} · customer since {since} · account value {value} a month "
                    "· customer #{id}",
                ).format(
                    status=_words(c.account_status).lower(),
                    since=_day(c.customer_since),
                    value=Number(float(c.account_value), 2),
                    id=c.id,
                )
            )
        )
        + "</p>",
    ]
    if c.churn_probability is not None:
        level = c.risk_level or (v.prediction.risk_level if v.prediction else "")
        reasons = customer360.factor_lines(v.prediction.factors if v.prediction else None)
        scored = (
            _t(
                QT_TRANSLATE_NOOP("Summary", " (scored {day})").format(
                    day=_day(v.prediction.scored_at)
                )
            )
            if v.prediction
            else ""
        )
        parts.append(
            f"<h3>{esc(_t(RISK))}</h3><p><b>{c.churn_probability * 100:.0f}% · "
            f"{esc(_words(level))}</b>{esc(scored)}</p>"
        )
        parts.append(
            "<ul>" + "".join(f"<li>{esc(_t(r))}</li>" for r in reasons) + "</ul>"
            if reasons
            else _note(NO_FACTORS)
        )
    else:
        parts.append(f"<h3>{esc(_t(RISK))}</h3>" + _note(NOT_SCORED))
    h = v.health
    parts.append(
        _heading(HEALTH)
        + (
            f"<p><b>{h.score} / 100</b> · "
            + esc(
                _t(
                    QT_TRANSLATE_NOOP(
                        "Summary",
                        "purchase {purchase} · engagement {engagement} · support {support} "
                        "· recency {recency}",
                    ).format(
                        purchase=h.purchase_score,
                        engagement=h.engagement_score,
                        support=h.support_score,
                        recency=h.recency_score,
                    )
                )
            )
            + "</p>"
            if h is not None
            else _note(NO_HEALTH)
        )
    )
    metrics = " · ".join(f"{esc(_t(label))} {esc(_t(value))}" for label, value in v.metrics())
    parts.append(f"<p>{metrics}</p>")
    payments = [
        [p.label, _words(p.status), " ".join(
            [*([_t(QT_TRANSLATE_NOOP("Summary", "expiring"))] if p.expiring else []),
             *([_t(QT_TRANSLATE_NOOP("Summary", "failed ×{n}").format(n=p.failure_count))]
               if p.failed else [])])]
        for p in v.payments
    ]  # fmt: skip
    parts.append(_heading(QT_TRANSLATE_NOOP("Summary", "Payment methods")))
    parts.append(
        _table(
            [_t(QT_TRANSLATE_NOOP("Summary", "Method")), _t(STATUS),
             _t(QT_TRANSLATE_NOOP("Summary", "Flags"))],
            payments,
            _t(QT_TRANSLATE_NOOP("Summary", "No stored payment method.")),
        )
    )  # fmt: skip
    parts.append(_heading(QT_TRANSLATE_NOOP("Summary", "Recent orders")))
    parts.append(
        _table(
            [
                _t(QT_TRANSLATE_NOOP("Summary", "Order")),
                _t(QT_TRANSLATE_NOOP("Summary", "Placed")),
                _t(STATUS),
                _t(QT_TRANSLATE_NOOP("Summary", "Total")),
            ],
            [
                [
                    o.order_number,
                    _day(o.placed_at),
                    _words(o.status),
                    f"{_t(Number(float(o.total), 2))} {o.currency}",
                ]
                for o in s.orders
            ],
            _t(QT_TRANSLATE_NOOP("Summary", "No orders.")),
        )
    )
    parts.append(_heading(QT_TRANSLATE_NOOP("Summary", "Recent tickets")))
    parts.append(
        _table(
            [
                _t(QT_TRANSLATE_NOOP("Summary", "Number")),
                _t(QT_TRANSLATE_NOOP("Summary", "Opened")),
                _t(QT_TRANSLATE_NOOP("Summary", "Subject")),
                _t(STATUS),
            ],
            [
                [t.number, _day(t.opened_at), _cut(t.subject, 60), _words(t.status)]
                for t in s.tickets
            ],
            _t(QT_TRANSLATE_NOOP("Summary", "No tickets.")),
        )
    )
    parts.append(_heading(QT_TRANSLATE_NOOP("Summary", "Notes")))
    parts.append(
        _table(
            [
                _t(QT_TRANSLATE_NOOP("Summary", "When")),
                _t(BY),
                _t(QT_TRANSLATE_NOOP("Summary", "Note")),
            ],
            [[_day(n.created_at), n.author.display_name, _cut(n.body)] for n in v.notes[:NOTES]],
            _t(QT_TRANSLATE_NOOP("Summary", "No notes.")),
        )
    )
    parts.append(_heading(QT_TRANSLATE_NOOP("Summary", "Interventions")))
    parts.append(
        _table(
            [
                _t(QT_TRANSLATE_NOOP("Summary", "Started")),
                _t(BY),
                _t(QT_TRANSLATE_NOOP("Summary", "Channel")),
                _t(QT_TRANSLATE_NOOP("Summary", "Kind")),
                _t(STATUS),
                _t(QT_TRANSLATE_NOOP("Summary", "Outcome")),
            ],
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
            _t(QT_TRANSLATE_NOOP("Summary", "No interventions.")),
        )
    )
    printed = QT_TRANSLATE_NOOP(
        "Summary", "ChurnWatch · printed {when} UTC · personal data: keep it safe"
    ).format(when=f"{s.printed_at:%Y-%m-%d %H:%M}")
    parts.append(f"<p><small>{esc(_t(printed))}</small></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"

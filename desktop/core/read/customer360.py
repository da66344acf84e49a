"""Everything the Customer 360 view shows about one customer, read in a few indexed queries.

Kept free of Qt so the merge of the timeline and the payment flags are tested without a display.
The lists are bounded (`LIMIT`): a customer with years of events shows the newest ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from db import models as m
from db.choices import AlertStatus, PaymentMethodStatus
from desktop.core.churn import alert_text
from desktop.core.churn.explain.words import after_label
from desktop.core.churn.features.spec import label_for
from desktop.core.i18n import QT_TRANSLATE_NOOP, Day, Joined, Number, Word

# The event types ChurnWatch and the demo record (`CustomerEvent.event_type`, free text an import
# may extend), as the timeline words them: marked here for the catalogue's "Words".
EVENT_WORDS = (
    QT_TRANSLATE_NOOP("Words", "Order placed"),
    QT_TRANSLATE_NOOP("Words", "Order cancelled"),
    QT_TRANSLATE_NOOP("Words", "Refund requested"),
    QT_TRANSLATE_NOOP("Words", "Login"),
    QT_TRANSLATE_NOOP("Words", "Email open"),
    QT_TRANSLATE_NOOP("Words", "Email click"),
    QT_TRANSLATE_NOOP("Words", "Product view"),
    QT_TRANSLATE_NOOP("Words", "Ticket opened"),
    QT_TRANSLATE_NOOP("Words", "Card updated"),
    QT_TRANSLATE_NOOP("Words", "Profile updated"),
)
TIMELINE_LIMIT = 200
TIMELINE_KINDS = ("order", "event", "ticket", "alert", "note", "intervention")


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # one of TIMELINE_KINDS
    title: str
    detail: str = ""
    ref: int | None = None


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    label: str
    status: str
    expiring: bool
    failed: bool
    failure_count: int


@dataclass
class Customer360:
    customer: m.Customer
    prediction: m.ChurnPrediction | None
    health: m.CustomerHealthScore | None
    payments: list[PaymentInfo]
    tags: list[m.CustomerTag]
    segments: list[m.CustomerSegment]
    notes: list[m.CustomerNote]
    interventions: list[m.Intervention]
    open_alerts: list[m.Alert]
    timeline: list[TimelineItem] = field(default_factory=list)

    def metrics(self) -> list[tuple[str, str]]:
        c = self.customer
        return [
            (QT_TRANSLATE_NOOP("Customer360", "Orders"), Number(c.total_orders)),
            (QT_TRANSLATE_NOOP("Customer360", "Total spent"), Number(c.total_spent, 2)),
            (QT_TRANSLATE_NOOP("Customer360", "Average order"), Number(c.average_order_value, 2)),
            (QT_TRANSLATE_NOOP("Customer360", "Last order"), _day(c.last_order_at)),
            (QT_TRANSLATE_NOOP("Customer360", "Last activity"), _day(c.last_activity_at)),
            (QT_TRANSLATE_NOOP("Customer360", "Logins (30 days)"), Number(c.logins_30d)),
            (
                QT_TRANSLATE_NOOP("Customer360", "Email engagement"),
                Number(c.email_engagement_rate, share=True),
            ),
            (QT_TRANSLATE_NOOP("Customer360", "Support tickets"), Number(c.support_tickets)),
            (QT_TRANSLATE_NOOP("Customer360", "Returns"), Number(c.returns_count)),
            (QT_TRANSLATE_NOOP("Customer360", "Payment failures"), Number(c.payment_failures)),
            (
                QT_TRANSLATE_NOOP("Customer360", "Discount usage"),
                Number(c.discount_usage, share=True),
            ),
            (QT_TRANSLATE_NOOP("Customer360", "Loyalty points"), Number(c.loyalty_points)),
        ]


def _day(value: datetime | date | None) -> str:
    return Day(value) if value else "—"


def _amount(total: Any, currency: str) -> str:
    return Joined(" ", [Number(float(total), 2), currency])


def factor_lines(factors: Any) -> list[str]:
    """The prediction's top factors as short lines, whatever shape the scorer stored them in:
    a list of strings, of {label/feature, contribution} objects (the contribution a share of the
    probability, shown in percentage points), or a name → weight map."""
    if not factors:
        return []
    if isinstance(factors, dict):
        items = sorted(factors.items(), key=lambda kv: -abs(_num(kv[1])))
        return [f"{k.replace('_', ' ')} ({_num(v):+.2f})" for k, v in items[:5]]
    lines: list[str] = []
    for item in list(factors)[:6]:  # the scorer's top five and "Other factors"
        if isinstance(item, dict):
            feature = str(item.get("feature") or "")
            name = str(item.get("label") or item.get("name") or feature or "?")
            name = label_for(feature) or name.replace("_", " ")
            if "contribution" in item:  # our scorer's: a share of the probability
                points = _points(_num(item["contribution"]))
                if feature == "_other":
                    lines.append(OTHER_FACTORS.format(points=points))
                    continue
                text: str = str(item.get("text") or "")
                value = item.get("value")
                if feature and isinstance(value, int | float):  # again, in the user's language
                    text = after_label(feature, name, float(value))
                line = FACTOR_LINE if text else FACTOR_NAME
                lines.append(line.format(name=name, text=text, points=points))
                continue
            weight = item.get("impact", item.get("weight"))
            lines.append(f"{name} ({_num(weight):+.2f})" if weight is not None else name)
        else:
            lines.append(str(item))
    return lines


def baseline_of(factors: Any, probability: float) -> float | None:
    """The baseline the stored factors add to: the probability minus their points (the scorer
    stores every feature's share, the rest as "Other factors"). None for older predictions."""
    if not isinstance(factors, list) or not factors:
        return None
    if not all(isinstance(f, dict) and "log_odds" in f for f in factors):
        return None
    return probability - sum(_num(f.get("contribution")) for f in factors)


HEALTH_VS_RISK = QT_TRANSLATE_NOOP(
    "Customer360",
    "Health and churn risk answer different questions: health is a rule-based reading of the "
    "customer's recent activity (four parts you can check by hand), churn risk is the model's "
    "probability of churn within its horizon, learned from customers who left. They can "
    "disagree: a customer can be active today in a pattern that preceded churn (failed "
    "payments, an escalated ticket), or quiet in a way that rarely ended in churn.",
)


FACTOR_LINE = QT_TRANSLATE_NOOP("Customer360", "{name}: {text} ({points})")
FACTOR_NAME = QT_TRANSLATE_NOOP("Customer360", "{name} ({points})")
OTHER_FACTORS = QT_TRANSLATE_NOOP("Customer360", "Other factors ({points})")


def _points(share: float) -> str:
    """A contribution to the probability in percentage points: "+12 pts", "-0.4 pts"."""
    points = share * 100
    shown = Number(points, 0 if abs(points) >= 9.5 else 1, signed=True)
    return QT_TRANSLATE_NOOP("Customer360", "{points} pts").format(points=shown)


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def expiring(method: m.PaymentMethod, today: date) -> bool:
    """A card that expires this month or next (seed 003's "expiring" flag)."""
    months_left = (method.expiry_year - today.year) * 12 + (method.expiry_month - today.month)
    return 0 <= months_left <= 1 and method.status == PaymentMethodStatus.ACTIVE


def _card_label(method: m.PaymentMethod) -> str:
    card = (
        f"{method.brand.title()} ···· {method.last_four}"
        f"  {method.expiry_month:02d}/{method.expiry_year}"
    )
    if method.is_default:
        return QT_TRANSLATE_NOOP("Customer360", "{card}  (default)").format(card=card)
    return card


def load(customer_id: int, today: date | None = None) -> Customer360:
    today = today or m.utcnow().date()
    customer = m.Customer.get_by_id(customer_id)
    prediction = (
        m.ChurnPrediction.select()
        .where(m.ChurnPrediction.customer == customer_id)
        .order_by(m.ChurnPrediction.scored_at.desc(), m.ChurnPrediction.id.desc())
        .first()
    )
    health = (
        m.CustomerHealthScore.select()
        .where(m.CustomerHealthScore.customer == customer_id)
        .order_by(m.CustomerHealthScore.computed_at.desc(), m.CustomerHealthScore.id.desc())
        .first()
    )
    payments = [
        PaymentInfo(
            id=p.id,
            label=_card_label(p),
            status=p.status,
            expiring=expiring(p, today),
            failed=p.status == PaymentMethodStatus.FAILED or p.failure_count > 0,
            failure_count=p.failure_count,
        )
        for p in m.PaymentMethod.select()
        .where(m.PaymentMethod.customer == customer_id)
        .order_by(m.PaymentMethod.is_default.desc(), m.PaymentMethod.id)
    ]
    tags = list(
        m.CustomerTag.select()
        .join(m.CustomerTagAssignment)
        .where(m.CustomerTagAssignment.customer == customer_id)
        .order_by(m.CustomerTag.name)
    )
    segments = list(
        m.CustomerSegment.select()
        .join(m.CustomerSegmentAssignment)
        .where(m.CustomerSegmentAssignment.customer == customer_id)
        .order_by(m.CustomerSegment.name)
    )
    notes = list(
        m.CustomerNote.select(m.CustomerNote, m.User)
        .join(m.User)
        .where(m.CustomerNote.customer == customer_id)
        .order_by(m.CustomerNote.created_at.desc(), m.CustomerNote.id.desc())
        .limit(TIMELINE_LIMIT)
    )
    interventions = list(
        m.Intervention.select(m.Intervention, m.User)
        .join(m.User)
        .where(m.Intervention.customer == customer_id)
        .order_by(m.Intervention.started_at.desc(), m.Intervention.id.desc())
        .limit(TIMELINE_LIMIT)
    )
    open_alerts = list(
        m.Alert.select()
        .where(
            (m.Alert.customer == customer_id)
            & m.Alert.status.in_([AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value])
        )
        .order_by(m.Alert.created_at.desc())
    )
    view = Customer360(
        customer, prediction, health, payments, tags, segments, notes, interventions, open_alerts
    )
    view.timeline = _timeline(customer_id, notes, interventions)
    return view


def _timeline(
    customer_id: int, notes: list[m.CustomerNote], interventions: list[m.Intervention]
) -> list[TimelineItem]:
    """Newest first, at most TIMELINE_LIMIT items of each kind, merged."""
    items: list[TimelineItem] = []
    for o in (
        m.Order.select()
        .where(m.Order.customer == customer_id)
        .order_by(m.Order.placed_at.desc())
        .limit(TIMELINE_LIMIT)
    ):
        items.append(
            TimelineItem(o.placed_at, "order",
                         QT_TRANSLATE_NOOP("Customer360", "Order {number}").format(
                             number=o.order_number),
                         Joined(" · ", [Word(o.status), _amount(o.total, o.currency)]), o.id)
        )  # fmt: skip
    for e in (
        m.CustomerEvent.select()
        .where(m.CustomerEvent.customer == customer_id)
        .order_by(m.CustomerEvent.occurred_at.desc())
        .limit(TIMELINE_LIMIT)
    ):
        items.append(
            TimelineItem(e.occurred_at, "event", Word(e.event_type), Word(e.category or ""),
                         e.id)
        )  # fmt: skip
    for t in (
        m.SupportTicket.select()
        .where(m.SupportTicket.customer == customer_id)
        .order_by(m.SupportTicket.opened_at.desc())
        .limit(TIMELINE_LIMIT)
    ):
        items.append(
            TimelineItem(t.opened_at, "ticket",
                         QT_TRANSLATE_NOOP("Customer360", "Ticket {number}: {subject}").format(
                             number=t.number, subject=t.subject),
                         Joined(" · ", [Word(t.status), Word(t.priority)]), t.id)
        )  # fmt: skip
    for a in (
        m.Alert.select()
        .where(m.Alert.customer == customer_id)
        .order_by(m.Alert.created_at.desc())
        .limit(TIMELINE_LIMIT)
    ):
        items.append(
            TimelineItem(
                a.created_at,
                "alert",
                alert_text.title(a.title),
                Joined(" · ", [Word(a.priority), Word(a.status)]),
                a.id,
            )
        )
    for n in notes:
        items.append(
            TimelineItem(
                n.created_at,
                "note",
                QT_TRANSLATE_NOOP("Customer360", "Note by {name}").format(
                    name=n.author.display_name
                ),
                n.body,
                n.id,
            )
        )
    for i in interventions:
        done = [Word(i.status), *([Word(i.outcome)] if i.outcome else [])]
        items.append(
            TimelineItem(i.started_at, "intervention",
                         QT_TRANSLATE_NOOP("Customer360", "{kind} by {channel}").format(
                             kind=Word(i.kind), channel=Word(i.channel)),
                         Joined(" → ", done), i.id)
        )  # fmt: skip
    items.sort(key=lambda it: (it.at, it.kind), reverse=True)
    return items


def order_items(order_id: int) -> list[m.OrderItem]:
    return list(m.OrderItem.select().where(m.OrderItem.order == order_id).order_by(m.OrderItem.id))


def tickets(customer_id: int) -> list[m.SupportTicket]:
    return list(
        m.SupportTicket.select()
        .where(m.SupportTicket.customer == customer_id)
        .order_by(m.SupportTicket.opened_at.desc())
        .limit(TIMELINE_LIMIT)
    )


def all_tags() -> list[m.CustomerTag]:
    return list(m.CustomerTag.select().order_by(m.CustomerTag.name))


def all_segments() -> list[m.CustomerSegment]:
    return list(m.CustomerSegment.select().order_by(m.CustomerSegment.name))


def staff() -> list[m.User]:
    return list(m.User.select().where(m.User.active == True).order_by(m.User.display_name))  # noqa: E712

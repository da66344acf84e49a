"""A realistic, reproducible demo history: `churnwatch demo`.

Every customer gets latent traits (engagement, price sensitivity, service friction, payment
reliability) that set its churn risk. Customers on a churn path decline before they go: orders thin
out, engagement fades, tickets and payment failures rise, a card may lapse unreplaced (loyal
customers' cards run out too, and mostly get replaced). Some go suddenly, some quiet customers
stay, some recover; so a model finds real signal, far from perfect.

Reproducible: each customer draws from its own `Random(f"{seed}:{index}")` and every time is
relative to `today`, so the same seed and day give the same rows, ids included, whatever the chunk
size. Streaming: customers are generated and written a chunk at a time, one transaction per chunk,
so memory stays flat however many customers are asked for. Fast: rows are plain tuples with values
already in the form the drivers send (see `db.bulk`), written with `executemany`.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import peewee as pw

from db import models as m
from db.bulk import BulkWriter
from db.choices import (
    AccountStatus,
    AlertStatus,
    AlertType,
    EventCategory,
    InterventionKind,
    InterventionOutcome,
    InterventionStatus,
    OrderStatus,
    PaymentMethodStatus,
    PaymentStatus,
    Priority,
    Role,
    SubscriptionStatus,
    TicketStatus,
    TransactionStatus,
)
from db.passwords import ScryptParams, current_params, hash_password

if TYPE_CHECKING:
    from db.tasks import TaskState

log = logging.getLogger(__name__)

DAY = 86_400
HOUR = 3_600
# Events go back a year: training snapshots look 90 days back from cutoffs up to 240 days ago.
EVENT_WINDOW_DAYS = 365
METRIC_DAYS = 90
MAX_TENURE_DAYS = 1_460
CHURN_WINDOW_DAYS = 360  # churned customers left within the last year
FUTURE_CHURN_DAYS = 90  # customers "in decline" would leave within this many days from today
DEFAULT_CHUNK = 1_000
NEWSLETTERS_90D = 6  # a fortnightly newsletter: email_engagement_rate = opens in 90 days / 6
NEVER = 10**12  # a time after any generated time (seconds)

Row = tuple[Any, ...]


@dataclass
class DemoSummary:
    rows: dict[str, int]  # table name -> rows written, in insertion order
    elapsed: float  # seconds
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Batch:
    """Rows for one table, as tuples in `columns` order."""

    model: type[m.BaseModel]
    columns: tuple[str, ...]
    rows: list[Row]


# --- columns written per table (field names; ids are explicit) ---------------------------------

COLUMNS: dict[type[m.BaseModel], tuple[str, ...]] = {
    m.User: (
        "id", "username", "email", "display_name", "role", "password_hash", "active",
        "last_login_at", "version", "created_at", "updated_at",
    ),
    m.Plan: ("id", "name", "interval", "price", "currency", "active", "created_at", "updated_at"),
    m.CustomerTag: ("id", "name", "color", "description", "created_at", "updated_at"),
    m.CustomerSegment: (
        "id", "name", "description", "criteria", "is_automatic", "created_at", "updated_at",
    ),
    m.Customer: (
        "id", "name", "email", "phone", "country", "account_status", "customer_since",
        "churned_at", "last_order_at", "last_activity_at", "total_orders", "total_spent",
        "average_order_value", "email_engagement_rate", "logins_30d", "support_tickets",
        "returns_count", "payment_failures", "discount_usage", "loyalty_points", "health_score",
        "account_value", "custom_attributes", "version", "created_at", "updated_at",
    ),
    m.Order: (
        "id", "order_number", "customer", "status", "subtotal", "discount", "shipping", "total",
        "currency", "payment_status", "carrier", "tracking_number", "placed_at", "delivered_at",
        "created_at", "updated_at",
    ),
    m.OrderItem: (
        "id", "order", "sku", "name", "quantity", "unit_price", "created_at", "updated_at",
    ),
    m.Subscription: (
        "id", "customer", "plan", "status", "started_at", "current_period_end", "cancelled_at",
        "cancel_reason", "created_at", "updated_at",
    ),
    m.PaymentMethod: (
        "id", "customer", "brand", "last_four", "expiry_month", "expiry_year", "status",
        "is_default", "failure_count", "last_failure_at", "last_success_at", "version",
        "created_at", "updated_at",
    ),
    m.PaymentTransaction: (
        "id", "customer", "subscription", "order", "payment_method", "amount", "currency",
        "status", "failure_reason", "occurred_at", "created_at", "updated_at",
    ),
    m.CustomerEvent: (
        "id", "customer", "category", "event_type", "session_id", "device", "occurred_at", "data",
        "order", "created_at", "updated_at",
    ),
    m.SupportTicket: (
        "id", "number", "customer", "subject", "category", "priority", "status", "assignee",
        "channel", "opened_at", "first_response_at", "resolved_at", "escalated", "satisfaction",
        "version", "created_at", "updated_at",
    ),
    m.TicketMessage: (
        "id", "ticket", "author", "from_customer", "body", "internal", "created_at", "updated_at",
    ),
    m.CustomerNote: ("id", "customer", "author", "body", "version", "created_at", "updated_at"),
    m.CustomerTagAssignment: (
        "id", "customer", "tag", "assigned_by", "assigned_at", "created_at", "updated_at",
    ),
    m.CustomerSegmentAssignment: (
        "id", "customer", "segment", "assigned_at", "created_at", "updated_at",
    ),
    m.CustomerHealthScore: (
        "id", "customer", "score", "purchase_score", "engagement_score", "support_score",
        "recency_score", "factors", "recommendations", "computed_at", "created_at", "updated_at",
    ),
    m.Intervention: (
        "id", "customer", "user", "channel", "kind", "status", "outcome", "started_at",
        "ended_at", "resolution_seconds", "revenue_retained", "notes", "version", "created_at",
        "updated_at",
    ),
    m.Alert: (
        "id", "type", "priority", "status", "customer", "title", "message", "correlated_events",
        "assignee", "acknowledged_by", "acknowledged_at", "resolved_by", "resolved_at",
        "resolution_note", "dedupe_key", "dedupe_basis", "version", "created_at", "updated_at",
    ),
    m.SystemMetric: ("id", "name", "value", "tags", "recorded_at", "created_at", "updated_at"),
}  # fmt: skip

# Insertion order: parents before children (foreign keys are enforced on both backends).
STATIC_MODELS = (m.User, m.Plan, m.CustomerTag, m.CustomerSegment)
CHUNK_MODELS = (
    m.Customer,
    m.Order,
    m.OrderItem,
    m.Subscription,
    m.PaymentMethod,
    m.PaymentTransaction,
    m.CustomerEvent,
    m.SupportTicket,
    m.TicketMessage,
    m.CustomerNote,
    m.CustomerTagAssignment,
    m.CustomerSegmentAssignment,
    m.CustomerHealthScore,
    m.Intervention,
    m.Alert,
)
FINAL_MODELS = (m.Alert, m.SystemMetric)
DEMO_MODELS: tuple[type[m.BaseModel], ...] = (*STATIC_MODELS, *CHUNK_MODELS, m.SystemMetric)

# --- fixed reference data ----------------------------------------------------------------------

STAFF: tuple[tuple[str, str, Role, str], ...] = (
    ("admin", "admin-demo", Role.ADMIN, "Ada Admin"),
    ("supervisor", "supervisor-demo", Role.SUPERVISOR, "Sam Supervisor"),
    ("agent1", "agent-demo", Role.AGENT, "Alex Agent"),
    ("agent2", "agent-demo", Role.AGENT, "Blair Agent"),
    ("agent3", "agent-demo", Role.AGENT, "Casey Agent"),
)


@lru_cache(maxsize=16)
def _demo_password_hash(password: str, params: ScryptParams) -> str:
    """One hash per distinct demo password and process: a hash costs about 0.4 s at today's
    parameters, and the demo's passwords are printed for everyone anyway."""
    return hash_password(password)


SUPERVISOR_ID = 2
AGENT_IDS = (3, 4, 5)
STAFF_IDS = (2, 3, 4, 5)

PLANS = ((1, "Basic", 999), (2, "Pro", 2999), (3, "Premium", 7999))  # id, name, cents a month

TAG_VIP, TAG_WHOLESALE, TAG_PRICE, TAG_FOLLOW_UP, TAG_NEWSLETTER, TAG_BETA = 1, 2, 3, 4, 5, 6
TAGS = (
    (TAG_VIP, "VIP", "#C9A227", "Spends far above the average"),
    (TAG_WHOLESALE, "Wholesale", "#1565C0", "Buys for resale; bulk orders"),
    (TAG_PRICE, "Price sensitive", "#EF6C00", "Mostly buys with a discount"),
    (TAG_FOLLOW_UP, "Needs follow-up", "#C62828", "An agent should get back to this customer"),
    (TAG_NEWSLETTER, "Newsletter fan", "#2E7D32", "Opens most newsletters"),
    (TAG_BETA, "Beta tester", "#6A1B9A", "Tries new features early"),
)

SEG_HIGH_VALUE, SEG_NEW, SEG_LAPSED, SEG_SUBSCRIBERS, SEG_WIN_BACK = 1, 2, 3, 4, 5
HIGH_VALUE_CENTS = 50_000
SEGMENTS: tuple[tuple[int, str, str, Any, bool], ...] = (
    (SEG_HIGH_VALUE, "High value", "Spent $500 or more",
     {"field": "total_spent", "op": ">=", "value": 500}, True),
    (SEG_NEW, "New customers", "Joined in the last 90 days",
     {"field": "customer_since", "op": "within_days", "value": 90}, True),
    (SEG_LAPSED, "Lapsed 60d", "No order in 60 days, not churned",
     {"field": "last_order_at", "op": "older_than_days", "value": 60}, True),
    (SEG_SUBSCRIBERS, "Subscribers", "Holds a live subscription",
     {"field": "subscription.status", "op": "in", "value": ["active", "past_due", "trialing"]},
     True),
    (SEG_WIN_BACK, "Win-back campaign", "Former customers picked for the spring campaign",
     None, False),
)  # fmt: skip

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Levi", "Harper", "Ethan", "Evelyn", "Aiden", "Luna", "Daniel",
    "Camila", "Henry", "Gianna", "Jack", "Ella", "Samuel", "Aria", "Owen", "Nora", "Leo",
    "Zoe", "Hugo", "Chloe", "Felix", "Ines", "Jonas", "Lea", "Malik", "Priya", "Ravi",
    "Sofia", "Tomas", "Yara", "Kenji", "Aiko", "Omar", "Fatima", "Lars", "Freya", "Mei",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    "Muller", "Schmidt", "Dubois", "Rossi", "Jansen", "Nilsson", "Kowalski", "Novak", "Silva",
    "Tanaka", "Kim", "Nguyen", "Patel", "Okafor",
)  # fmt: skip
DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
COUNTRIES = ("US", "US", "US", "GB", "DE", "FR", "CA", "AU", "NL", "SE", "ES", "IT")
CUSTOM_ATTRIBUTES = (
    None,
    '{"acquisition":"organic"}',
    '{"acquisition":"paid_search"}',
    '{"acquisition":"referral","referrer_program":true}',
    '{"acquisition":"social"}',
    None,
)

PRODUCTS: tuple[tuple[str, str, int], ...] = tuple(
    (f"SKU-{n:04d}", name, cents)
    for n, (name, cents) in enumerate(
        (
            ("Organic coffee beans 1 kg", 2490),
            ("Green tea sampler", 1850),
            ("Ceramic pour-over set", 3900),
            ("Insulated travel mug", 2400),
            ("Stainless kettle", 5900),
            ("Espresso cups (4)", 2200),
            ("Cold brew bottle", 1990),
            ("Hand grinder", 6900),
            ("Oat milk barista 6-pack", 1599),
            ("Dark chocolate bar", 499),
            ("Almond biscotti", 699),
            ("Single-origin sampler", 3450),
            ("Decaf blend 500 g", 1390),
            ("Milk frother", 2900),
            ("Digital scale", 3290),
            ("Paper filters (100)", 650),
            ("Gift card", 5000),
            ("Coffee subscription box", 4500),
            ("Cleaning tablets", 899),
            ("Linen apron", 3100),
            ("Glass carafe", 2750),
            ("Chai spice mix", 1190),
            ("Matcha whisk set", 2890),
            ("Espresso machine", 34900),
        ),
        start=1,
    )
)
CARRIERS = ("UPS", "DHL", "FedEx", "USPS", "PostNL")
CARD_BRANDS = ("visa", "visa", "visa", "mastercard", "mastercard", "amex", "discover")
CARD_YEARS = (2, 3, 3, 3, 4, 4, 5, 5)  # how long a new card is valid
# Card history (see DemoGenerator._card_history): what happens when a card runs out.
P_LATE = 0.25  # replaced only after it expired (1-60 days later)
P_LATE_SUBSCRIBER = 0.45  # many subscribers wait for the renewal charge to bounce
P_LAPSE = 0.06  # never replaced by a non-subscriber who stays (pays another way)
P_LATE_DECLINING = 0.35  # the same for a customer in decline
P_LAPSE_DECLINING = 0.25
P_INVOLUNTARY = 0.08  # churners whose card ran out in the two months before they left
SPARE_CARD_SHARE = 0.08
DEVICES = ("desktop", "mobile", "tablet")
CHANNELS = ("email", "chat", "phone", "web", "email", "chat")
FAILURE_REASONS = ("insufficient_funds", "do_not_honor", "insufficient_funds", "processing_error")
CANCEL_REASONS = (
    "too expensive",
    "not using it enough",
    "switched to a competitor",
    "payment failed repeatedly",
    "poor support experience",
)
SEARCHES = ("decaf", "grinder", "gift", "espresso", "tea", "filters")

TICKET_SUBJECTS: dict[str, tuple[str, ...]] = {
    "billing": ("Charged twice for one order", "Why did my payment fail?",
                "Refund not received yet", "Question about my invoice"),
    "shipping": ("Where is my order?", "Parcel arrived damaged", "Delivery is late again",
                 "Wrong delivery address"),
    "product": ("Item not as described", "Missing part in the box", "Product stopped working",
                "How do I descale the machine?"),
    "account": ("Cannot log in", "Please change my email address", "Remove my saved card",
                "Password reset link expired"),
    "technical": ("Checkout shows an error", "Discount code not accepted", "App crashes on start"),
    "other": ("Feedback about your service", "Question about loyalty points"),
}  # fmt: skip
TICKET_CATEGORIES = tuple(TICKET_SUBJECTS)
DECLINE_CATEGORIES = ("billing", "billing", "shipping", "product", "shipping", "technical")
STAFF_REPLIES = (
    "Thanks for getting in touch. I am looking into this now.",
    "Sorry about the trouble. I have checked your account and will update you shortly.",
    "Thank you for your patience. I have passed this to the right team.",
)
CUSTOMER_FOLLOW_UPS = (
    "Any news on this?",
    "Thanks, but it is still not working.",
    "Great, thank you for the quick help!",
    "This is the second time this has happened.",
)
INTERNAL_NOTES = (
    "Second contact about this; customer sounds frustrated.",
    "Checked with the warehouse, parcel is at the depot.",
    "Offered a 10% voucher as goodwill.",
)
CLOSING_REPLIES = (
    "This is sorted now. Let us know if anything else comes up.",
    "Refund issued; it should show within 5 business days.",
    "Closing this ticket; reply any time to reopen it.",
)
NOTES_AT_RISK = (
    "Order frequency dropped sharply; call scheduled.",
    "Complained about delivery times twice this quarter.",
    "Card keeps failing; sent the update-payment link.",
    "Asked about cheaper plans. Consider a retention offer.",
)
NOTES_CHURNED = (
    "Left for a competitor; said prices were lower there.",
    "No reply to three emails after the last failed payment.",
    "Cancelled after the damaged-parcel issue.",
)
NOTES_OTHER = (
    "Prefers contact by email.",
    "Long-time customer; orders before holidays.",
    "Interested in the wholesale programme.",
    "Happy with the new subscription box.",
)
NOTES_RESOLVED = (
    "Back to ordering after the retention call.",
    "Updated card on file; payments going through again.",
)

# Enum values as plain strings (drivers send str, not a str subclass they do not know).
_ORDER_PENDING = OrderStatus.PENDING.value
_ORDER_PAID = OrderStatus.PAID.value
_ORDER_SHIPPED = OrderStatus.SHIPPED.value
_ORDER_DELIVERED = OrderStatus.DELIVERED.value
_ORDER_CANCELLED = OrderStatus.CANCELLED.value
_ORDER_REFUNDED = OrderStatus.REFUNDED.value
_ORDER_RETURNED = OrderStatus.RETURNED.value
_PAY_PENDING = PaymentStatus.PENDING.value
_PAY_PAID = PaymentStatus.PAID.value
_PAY_FAILED = PaymentStatus.FAILED.value
_PAY_REFUNDED = PaymentStatus.REFUNDED.value
_TX_OK = TransactionStatus.SUCCEEDED.value
_TX_FAILED = TransactionStatus.FAILED.value
_EV_ORDER = EventCategory.ORDER.value
_EV_ENGAGEMENT = EventCategory.ENGAGEMENT.value
_EV_SUPPORT = EventCategory.SUPPORT.value
_EV_PAYMENT = EventCategory.PAYMENT.value
_EV_ACCOUNT = EventCategory.ACCOUNT.value


@lru_cache(maxsize=1)
def _times_of_day() -> list[str]:
    """' HH:MM:SS' for every second of a day: formatting a timestamp becomes two list lookups."""
    return [f" {h:02d}:{mi:02d}:{s:02d}" for h in range(24) for mi in range(60) for s in range(60)]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _json(value: Any) -> str:
    """JSON text exactly as db.fields.JSONField writes it."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)


@dataclass(slots=True)
class _Facts:
    """What the health score and the staff's traces need to know about one customer.

    Times are seconds relative to the start of today; NEVER when something does not happen.
    """

    cid: int
    account_status: str
    churned: bool
    tc: int  # churn time (in the future for a customer in decline now)
    ds: int  # start of the decline (== tc for a sudden churner)
    dip_start: int  # a past dip the customer recovered from (both 0 without one)
    dip_end: int
    t_since: int
    since_days: int
    spent: int  # cents
    discount_share: float
    price: float  # price sensitivity trait
    opens_90: int
    sub_status: str | None
    last_order: int
    value_cents: int
    expiring: tuple[int, int, int] | None  # a live card that runs out within 30 days
    order_ts: list[int]
    login_ts: list[int]
    open_ts: list[int]
    fail_ts: list[int]  # sorted
    last_fail_tx: tuple[int, int, float, str]  # the latest failed payment: time, id, amount, why
    tickets: list[tuple[int, bool, bool, int]]  # (opened, escalated, still open, ticket id)


class _Rows:
    """One chunk's rows per table."""

    def __init__(self) -> None:
        self.by_model: dict[type[m.BaseModel], list[Row]] = {model: [] for model in CHUNK_MODELS}

    def batches(self) -> list[Batch]:
        return [Batch(model, COLUMNS[model], rows) for model, rows in self.by_model.items()]


class DemoGenerator:
    """Produces the demo rows: reference data, then chunks of customers, then series and alerts.

    Ids are counted as rows are made, so children name their parents without reading back, and a
    given seed and day always produce the same ids. Times are whole seconds relative to midnight
    (UTC) at the start of `today`; nothing but card expiry and a subscription's current period end
    lies after that moment.
    """

    def __init__(self, customers: int, seed: int, today: date) -> None:
        self.customers = customers
        self.seed = seed
        self.today = today
        self.t0 = datetime(today.year, today.month, today.day)
        self.month0 = today.year * 12 + today.month - 1  # month index of today
        past, future = MAX_TENURE_DAYS + 120, 40
        # D[d] is the date of day d relative to today; negative d index from the end of the list.
        self.days: list[str] = [(today + timedelta(days=d)).isoformat() for d in range(future)] + [
            (today + timedelta(days=d)).isoformat() for d in range(-past, 0)
        ]
        self.day_month: list[int] = [int(s[:4]) * 12 + int(s[5:7]) - 1 for s in self.days]
        self.tod = _times_of_day()
        weeks = EVENT_WINDOW_DAYS // 7 + 3
        self.campaigns: list[str] = [
            '{"campaign":"newsletter-%s"}' % (today + timedelta(weeks=w)).strftime("%G-w%V")  # noqa: UP031
            for w in range(-weeks, 0)
        ]
        self.sku_json = [f'{{"sku":"{sku}"}}' for sku, _, _ in PRODUCTS]
        self.search_json = [_json({"query": q}) for q in SEARCHES]
        # Running ids (the last one used) per table.
        self.ids: dict[type[m.BaseModel], int] = {model: 0 for model in DEMO_MODELS}
        # Daily business series for the last METRIC_DAYS days (index = day + METRIC_DAYS).
        self.m_orders = [0] * METRIC_DAYS
        self.m_revenue = [0] * METRIC_DAYS  # cents
        self.m_tickets = [0] * METRIC_DAYS
        self.m_failures = [0] * METRIC_DAYS
        self.m_new = [0] * METRIC_DAYS
        self.m_active_delta = [0] * (METRIC_DAYS + 1)
        self.m_active_before = 0

    # -- formatting ---------------------------------------------------------------------------

    def ts(self, t: int) -> str:
        """'YYYY-MM-DD HH:MM:SS' for `t` seconds after the start of today (negative = past)."""
        return self.days[t // DAY] + self.tod[t % DAY]

    def _month_start(self, month_index: int) -> int:
        """Seconds from today's midnight to the first day of the month with this index."""
        first = date(month_index // 12, month_index % 12 + 1, 1)
        return (first - self.today).days * DAY

    # -- the three stages -------------------------------------------------------------------------

    def static_batches(self) -> list[Batch]:
        """Staff, plans, tags and segments: the reference rows customers point at."""
        ts = self.ts
        users = []
        for uid, (username, password, role, display) in enumerate(STAFF, start=1):
            created = ts(-(400 - uid) * DAY + 9 * HOUR)
            hashed = _demo_password_hash(password, current_params())
            users.append((
                uid, username, f"{username}@staff.example.com", display, role.value,
                hashed, 1, ts(-(uid * 5 + 2) * HOUR), 1, created, created,
            ))  # fmt: skip
        created = ts(-MAX_TENURE_DAYS * DAY - DAY)
        plans = [(pid, name, "month", cents / 100, "USD", 1, created, created)
                 for pid, name, cents in PLANS]  # fmt: skip
        tags = [(tid, name, color, desc, created, created) for tid, name, color, desc in TAGS]
        segments = [
            (sid, name, desc, None if crit is None else _json(crit), int(auto), created, created)
            for sid, name, desc, crit, auto in SEGMENTS
        ]
        for model, rows in ((m.User, users), (m.Plan, plans), (m.CustomerTag, tags),
                            (m.CustomerSegment, segments)):  # fmt: skip
            self.ids[model] = len(rows)
        return [
            Batch(m.User, COLUMNS[m.User], users),
            Batch(m.Plan, COLUMNS[m.Plan], plans),
            Batch(m.CustomerTag, COLUMNS[m.CustomerTag], tags),
            Batch(m.CustomerSegment, COLUMNS[m.CustomerSegment], segments),
        ]

    def chunk_batches(self, start: int, stop: int) -> list[Batch]:
        """Customers with indexes start..stop-1 (ids start+1..stop) and everything they own."""
        rows = _Rows()
        for index in range(start, stop):
            self._customer(index, rows)
        return rows.batches()

    def final_batches(self) -> list[Batch]:
        """Daily system metrics over the last 90 days, and a few system alerts."""
        ts = self.ts
        metric_rows: list[Row] = []
        mid = self.ids[m.SystemMetric]
        active = self.m_active_before
        series = (
            ("orders.daily", self.m_orders, '{"source":"demo","unit":"orders"}', 1),
            ("revenue.daily", self.m_revenue, '{"currency":"USD","source":"demo"}', 100),
            ("tickets.opened.daily", self.m_tickets, '{"source":"demo","unit":"tickets"}', 1),
            ("payments.failed.daily", self.m_failures, '{"source":"demo","unit":"payments"}', 1),
            ("customers.new.daily", self.m_new, '{"source":"demo","unit":"customers"}', 1),
        )
        for k in range(METRIC_DAYS):
            day = k - METRIC_DAYS
            at = ts(day * DAY + DAY - 1)
            active += self.m_active_delta[k]
            for name, values, tags, divisor in series:
                mid += 1
                metric_rows.append((mid, name, values[k] / divisor, tags, at, at, at))
            mid += 1
            metric_rows.append(
                (mid, "active_customers", float(active), '{"source":"demo"}', at, at, at)
            )
        self.ids[m.SystemMetric] = mid

        aid = self.ids[m.Alert]
        t_ack = -2 * DAY - 5 * HOUR
        alerts = [
            (aid + 1, AlertType.SYSTEM.value, Priority.HIGH.value, AlertStatus.ACKNOWLEDGED.value,
             None, "Payment gateway failures above 5%",
             "Card payments failed more often than usual in the last 24 hours.", None,
             SUPERVISOR_ID, SUPERVISOR_ID, ts(t_ack + 40 * 60), None, None, None,
             "system:payment_gateway_failures", None, 2, ts(t_ack), ts(t_ack + 40 * 60)),
            (aid + 2, AlertType.SYSTEM.value, Priority.LOW.value, AlertStatus.RESOLVED.value,
             None, "Nightly backup finished late", "The backup took 3 h instead of 1 h.", None,
             1, 1, ts(-9 * DAY + 7 * HOUR), 1, ts(-9 * DAY + 8 * HOUR),
             "Storage was being migrated; back to normal.", None, "system:backup_late", 3,
             ts(-9 * DAY + 6 * HOUR), ts(-9 * DAY + 8 * HOUR)),
        ]  # fmt: skip
        self.ids[m.Alert] = aid + 2
        return [
            Batch(m.Alert, COLUMNS[m.Alert], alerts),
            Batch(m.SystemMetric, COLUMNS[m.SystemMetric], metric_rows),
        ]

    def batches(self, chunk_size: int = DEFAULT_CHUNK) -> Iterator[tuple[int, list[Batch]]]:
        """(customers done, batches) per unit of work: reference data, each chunk, final rows."""
        yield 0, self.static_batches()
        for start in range(0, self.customers, chunk_size):
            stop = min(start + chunk_size, self.customers)
            yield stop, self.chunk_batches(start, stop)
        yield self.customers, self.final_batches()

    # -- one customer ---------------------------------------------------------------------------

    def _customer(self, index: int, out: _Rows) -> None:  # noqa: PLR0912, PLR0915
        """All rows of one customer, from its own seeded random stream."""
        rng = random.Random(f"{self.seed}:{index}")
        r = rng.random
        log_ = math.log
        D, T = self.days, self.tod  # noqa: N806 (short: they format every timestamp)
        ids = self.ids
        cid = index + 1
        by = out.by_model
        add_order = by[m.Order].append
        add_item = by[m.OrderItem].append
        add_event = by[m.CustomerEvent].append
        add_tx = by[m.PaymentTransaction].append
        oid = ids[m.Order]
        iid = ids[m.OrderItem]
        eid = ids[m.CustomerEvent]
        txid = ids[m.PaymentTransaction]

        # Profile.
        first = FIRST_NAMES[int(r() * len(FIRST_NAMES))]
        last = LAST_NAMES[int(r() * len(LAST_NAMES))]
        name = f"{first} {last}"
        email = f"{first.lower()}.{last.lower()}.{cid}@{DOMAINS[int(r() * len(DOMAINS))]}"
        phone = f"+1-555-{int(r() * 10000):04d}" if r() < 0.7 else None
        country = COUNTRIES[int(r() * len(COUNTRIES))]
        attributes = CUSTOM_ATTRIBUTES[int(r() * len(CUSTOM_ATTRIBUTES))]
        device_pref = DEVICES[int(r() * 2.4)]
        if r() < 0.12:
            since_days = 3 + int(r() * 88)
        else:
            since_days = 90 + int(r() ** 1.6 * (MAX_TENURE_DAYS - 90))
        t_since = -since_days * DAY + int(r() * DAY)
        since_day = t_since // DAY

        # Latent traits and fate.
        eng = (r() + r() + r()) / 3  # engagement, 0..1, centred
        price = r()  # price sensitivity
        friction = r() ** 2  # service friction: most customers have little
        reliability = 1.0 - 0.8 * r() ** 3  # payment reliability: mostly high
        logit = (
            -0.8
            + 3.2 * (0.5 - eng)
            + 1.0 * (price - 0.5)
            + 2.2 * (friction - 0.33)
            + 2.6 * (0.8 - reliability)
            + (0.5 if since_days < 180 else 0.0)
            + rng.gauss(0.0, 0.6)
        )
        on_path = r() < _sigmoid(logit)
        tc = ds = NEVER  # churn time, decline start
        depth = 0.0
        span = 1
        rs = re_ = 0  # a past dip the customer recovered from
        dip = 1.0
        occasional = 1.0  # activity scale of a loyal but quiet customer
        if on_path and since_days > 45:
            lo = max(-CHURN_WINDOW_DAYS * DAY, t_since + 40 * DAY)
            tc = lo + int(r() * (FUTURE_CHURN_DAYS * DAY - lo))
            if r() < 0.15:  # sudden: no warning signs
                ds = tc
            else:
                ds = max(tc - (45 + int(r() * 105)) * DAY, t_since + 7 * DAY)
                depth = 0.7 + 0.27 * r()
                span = max(tc - ds, 1)
        else:
            on_path = False
            if r() < 0.12:  # an occasional (seasonal) shopper: quiet, yet staying
                occasional = 0.3
            elif since_days > 150 and r() < 0.08:
                re_ = -(10 + int(r() * 100)) * DAY
                rs = re_ - (30 + int(r() * 40)) * DAY
                dip = 0.3
        churned = tc <= 0
        end = tc if churned else 0  # activity ends at churn (or now)

        def act(t: int) -> float:
            """Activity level at t: 1 normally, fading through a decline, 0 after churning."""
            if t >= ds:
                if t >= tc:
                    return 0.0
                return 1.0 - depth * ((t - ds) / span) ** 0.6
            if rs <= t < re_:
                return dip
            return 1.0

        # Cards: one after another, each replacing the last around its expiry (a subscription
        # needs a working card, so only a non-subscriber may let a card lapse for good).
        wants_sub = r() < 0.4
        c_created, c_exp = self._card_history(
            r, t_since=t_since, tc=tc, ds=ds, on_path=on_path, subscriber=wants_sub
        )
        n_cards = len(c_created)
        c_end = [self._month_start(e + 1) for e in c_exp]  # each card works until this moment
        pm_base = ids[m.PaymentMethod]  # card ck (oldest first) gets id pm_base + 1 + ck
        c_fails = [0] * n_cards
        c_fail_last = [-NEVER] * n_cards
        c_ok_last = [-NEVER] * n_cards
        ck = 0  # the card in use (the newest one created by then); times only grow
        fail_ts: list[int] = []  # failed payments (for metrics, health and alerts)
        last_fail_tx: tuple[int, int, float, str] = (-NEVER, 0, 0.0, "")

        # Orders.
        order_ts: list[int] = []
        n_orders = n_paid = n_disc = n_returns = 0
        spent = 0
        last_order = -NEVER
        disc_p = 0.05 + 0.55 * price
        per_year = 0.8 + 5.0 * eng * (0.6 + 0.8 * r())
        rate = per_year / 365 * occasional  # orders a day
        gap = DAY / rate
        window = -EVENT_WINDOW_DAYS * DAY
        metric_start = -METRIC_DAYS * DAY
        t = t_since + int(r() * 2 * DAY)
        while t < end:
            a = act(t)
            if a >= 1.0 or r() < a:
                oid += 1
                n_orders += 1
                order_ts.append(t)
                placed = D[t // DAY] + T[t % DAY]
                n_items = 1 + (r() < 0.45) + (r() < 0.2)
                subtotal = 0
                for _ in range(n_items):
                    sku, pname, cents = PRODUCTS[int(r() * 24)]
                    qty = 2 if r() < 0.15 else 1
                    subtotal += qty * cents
                    iid += 1
                    add_item((iid, oid, sku, pname, qty, cents / 100, placed, placed))
                discount = 0
                if r() < disc_p:
                    discount = subtotal * (10 + int(r() * 16)) // 100
                    n_disc += 1
                shipping = 0 if subtotal >= 5000 else 499
                total = subtotal - discount + shipping
                declining = t >= ds
                x = r()
                p_cancel = 0.03 + (0.10 if declining else 0.0)
                p_return = p_cancel + 0.02 + 0.04 * price + (0.07 if declining else 0.0)
                age = -t
                delivered_t = t + (2 + int(r() * 4)) * DAY + int(r() * 8 * HOUR)
                pay_failed = False
                carrier = tracking = delivered = None
                updated = placed
                if x < p_cancel:
                    status = _ORDER_CANCELLED
                    pay_failed = r() < 0.25 + 0.5 * (1.0 - reliability) + (0.3 if declining else 0)
                    pay = _PAY_FAILED if pay_failed else _PAY_REFUNDED
                elif x < p_return and delivered_t + 3 * DAY < 0:
                    status = _ORDER_RETURNED
                    pay = _PAY_REFUNDED
                    n_returns += 1
                elif x < p_return + 0.015:
                    status = _ORDER_REFUNDED
                    pay = _PAY_REFUNDED
                elif age < 6 * HOUR:
                    status, pay = _ORDER_PENDING, _PAY_PENDING
                elif delivered_t >= 0:
                    status = _ORDER_PAID if age < DAY else _ORDER_SHIPPED
                    pay = _PAY_PAID
                else:
                    status, pay = _ORDER_DELIVERED, _PAY_PAID
                if status in (_ORDER_SHIPPED, _ORDER_DELIVERED, _ORDER_RETURNED):
                    carrier = CARRIERS[int(r() * 5)]
                    tracking = f"TRK{oid:010d}"
                    if status != _ORDER_SHIPPED:
                        delivered = D[delivered_t // DAY] + T[delivered_t % DAY]
                        updated = delivered
                while ck + 1 < n_cards and c_created[ck + 1] <= t:
                    ck += 1
                if pay == _PAY_PAID:
                    n_paid += 1
                    spent += total
                    last_order = t
                    if t < c_end[ck]:
                        c_ok_last[ck] = t
                    if t >= metric_start:
                        k = t // DAY + METRIC_DAYS
                        self.m_orders[k] += 1
                        self.m_revenue[k] += total
                elif status != _ORDER_CANCELLED:
                    last_order = t
                add_order((
                    oid, f"ORD-{oid:07d}", cid, status, subtotal / 100, discount / 100,
                    shipping / 100, total / 100, "USD", pay, carrier, tracking, placed, delivered,
                    placed, updated,
                ))  # fmt: skip
                if pay_failed:
                    ft = min(t + 60 + int(r() * 600), -1)
                    reason = "card_expired" if t >= c_end[ck] else FAILURE_REASONS[int(r() * 4)]
                    txid += 1
                    f_at = D[ft // DAY] + T[ft % DAY]
                    add_tx((txid, cid, None, oid, pm_base + 1 + ck, total / 100, "USD", _TX_FAILED,
                            reason, f_at, f_at, f_at))  # fmt: skip
                    fail_ts.append(ft)
                    if ft >= last_fail_tx[0]:
                        last_fail_tx = (ft, txid, total / 100, reason)
                    c_fails[ck] += 1
                    c_fail_last[ck] = max(c_fail_last[ck], ft)
                    if ft >= window:
                        eid += 1
                        add_event((eid, cid, _EV_PAYMENT, "payment_failed", None, None, f_at,
                                   f'{{"amount":{total / 100},"reason":"{reason}"}}', oid, f_at,
                                   f_at))  # fmt: skip
                if t >= window:
                    dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                    eid += 1
                    add_event((eid, cid, _EV_ORDER, "order_placed", f"s{cid}-{t // 1800}", dev,
                               placed, f'{{"items":{n_items},"total":{total / 100}}}', oid,
                               placed, placed))  # fmt: skip
                    if status == _ORDER_CANCELLED:
                        ct = min(t + 600 + int(r() * 3 * HOUR), -1)
                        c_at = D[ct // DAY] + T[ct % DAY]
                        eid += 1
                        add_event((eid, cid, _EV_ORDER, "order_cancelled", None, dev, c_at,
                                   None, oid, c_at, c_at))  # fmt: skip
                    elif status == _ORDER_RETURNED:
                        rt = delivered_t + DAY + int(r() * DAY)
                        r_at = D[rt // DAY] + T[rt % DAY]
                        eid += 1
                        add_event((eid, cid, _EV_ORDER, "refund_requested", None, dev, r_at,
                                   None, oid, r_at, r_at))  # fmt: skip
            t += int(-log_(1.0 - r()) * gap) + 1

        # Subscription with monthly charges.
        sub_id = None
        sub_status = None
        plan_cents = 0
        # When a subscription starts does not depend on whether the customer leaves later (it is
        # only never taken out by one who left first): were it drawn before the churn date, at a
        # past cutoff churners would more often hold one than customers who stay.
        earliest = max(t_since, -365 * DAY)
        started = earliest + int(r() * 0.8 * max(-20 * DAY - earliest, 0))
        if wants_sub and started < end - 20 * DAY:
            ids[m.Subscription] += 1
            sub_id = ids[m.Subscription]
            x = r()
            plan_id, _, plan_cents = PLANS[0 if x < 0.5 else 1 if x < 0.85 else 2]
            stop_t = end
            cancelled_at = cancel_reason = None
            if churned:
                cancelled_at = tc
                cancel_reason = CANCEL_REASONS[
                    3 if any(c_fails) or (c_end[-1] <= tc and r() < 0.7) else int(r() * 5)
                ]
            elif r() < 0.1 and -started > 90 * DAY:
                cancelled_at = started + int(r() * (-started - 30 * DAY)) + 30 * DAY
                cancel_reason = CANCEL_REASONS[1]
                stop_t = cancelled_at
            t = started + 14 * DAY  # after a two-week trial
            last_charge = None
            last_failed = False
            amount = plan_cents / 100
            base_fail = 0.015 + 0.12 * (1.0 - reliability)
            ck = 0
            while t < stop_t:
                tries = 0
                tt = t
                while tt < stop_t and tries < 2:
                    tries += 1
                    why: str | None
                    while ck + 1 < n_cards and c_created[ck + 1] <= tt:
                        ck += 1
                    if tt >= c_end[ck]:
                        ok, why = False, "card_expired"
                    else:
                        p_fail = base_fail + (0.4 * (1.0 - act(tt)) + 0.1 if tt >= ds else 0.0)
                        ok = r() >= p_fail
                        why = None if ok else FAILURE_REASONS[int(r() * 4)]
                    txid += 1
                    at = D[tt // DAY] + T[tt % DAY]
                    add_tx((txid, cid, sub_id, None, pm_base + 1 + ck, amount, "USD",
                            _TX_OK if ok else _TX_FAILED, why, at, at, at))  # fmt: skip
                    last_charge = tt
                    last_failed = not ok
                    if ok:
                        c_ok_last[ck] = tt
                        break
                    fail_ts.append(tt)
                    if tt >= last_fail_tx[0]:
                        last_fail_tx = (tt, txid, amount, why or "")
                    c_fails[ck] += 1
                    c_fail_last[ck] = tt
                    if tt >= window:
                        eid += 1
                        data = f'{{"amount":{amount},"reason":"{why}"}}'
                        add_event((eid, cid, _EV_PAYMENT, "payment_failed", None, None, at, data,
                                   None, at, at))  # fmt: skip
                    tt += 3 * DAY
                t += 30 * DAY
            if cancelled_at is not None:
                sub_status = SubscriptionStatus.CANCELLED.value
                period_end = None
            elif last_charge is None:
                sub_status = SubscriptionStatus.TRIALING.value
                period_end = started + 14 * DAY
            else:
                sub_status = (SubscriptionStatus.PAST_DUE if last_failed
                              else SubscriptionStatus.ACTIVE).value  # fmt: skip
                period_end = t
            s_at = self.ts(started)
            by[m.Subscription].append((
                sub_id, cid, plan_id, sub_status, s_at,
                None if period_end is None else self.ts(period_end),
                None if cancelled_at is None else self.ts(cancelled_at), cancel_reason, s_at,
                self.ts(cancelled_at if cancelled_at is not None else max(last_charge or started,
                                                                          started)),
            ))  # fmt: skip

        # Engagement events in the retention window.
        e_start = max(window, t_since)
        gap = DAY / ((0.011 + 0.07 * eng) * occasional)
        login_ts: list[int] = []
        open_ts: list[int] = []
        last_event = -NEVER
        campaigns = self.campaigns
        t = e_start + int(-log_(1.0 - r()) * gap)
        while t < 0:
            if t >= tc:
                a = 0.04  # gone, but still opens the odd newsletter
            else:
                a = act(t)
                a *= a  # engagement fades ahead of purchases
            if a >= 1.0 or r() < a:
                x = r() if t < tc else 0.5
                at = D[t // DAY] + T[t % DAY]
                eid += 1
                if x < 0.35:
                    login_ts.append(t)
                    dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                    add_event((eid, cid, _EV_ENGAGEMENT, "login", f"s{cid}-{t // 1800}", dev, at,
                               None, None, at, at))  # fmt: skip
                    last_event = t
                elif x < 0.47:
                    dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                    add_event((eid, cid, _EV_ENGAGEMENT, "product_view", f"s{cid}-{t // 1800}",
                               dev, at, self.sku_json[int(r() * 24)], None, at, at))  # fmt: skip
                    last_event = t
                elif x < 0.8:
                    open_ts.append(t)
                    add_event((eid, cid, _EV_ENGAGEMENT, "email_open", None, None, at,
                               campaigns[(t // DAY) // 7], None, at, at))  # fmt: skip
                elif x < 0.92:
                    add_event((eid, cid, _EV_ENGAGEMENT, "email_click", None, None, at,
                               campaigns[(t // DAY) // 7], None, at, at))  # fmt: skip
                    last_event = t
                elif x < 0.97:
                    dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                    add_event((eid, cid, _EV_ENGAGEMENT, "search", f"s{cid}-{t // 1800}", dev, at,
                               self.search_json[int(r() * 6)], None, at, at))  # fmt: skip
                    last_event = t
                else:
                    add_event((eid, cid, _EV_ACCOUNT, "profile_updated", None, device_pref, at,
                               '{"fields":["phone"]}', None, at, at))  # fmt: skip
                    last_event = t
            t += int(-log_(1.0 - r()) * gap) + 1

        # Support tickets: a low base rate, many more while declining.
        ticket_ts: list[int] = []
        base_rate = 0.0001 + 0.0007 * friction
        t = t_since + int(-log_(1.0 - r()) * DAY / base_rate)
        while t < end:
            ticket_ts.append(t)
            t += int(-log_(1.0 - r()) * DAY / base_rate)
        if ds < end and ds < tc:
            decl_rate = 0.004 + 0.008 * friction
            t = ds + int(-log_(1.0 - r()) * DAY / decl_rate)
            while t < end:
                ticket_ts.append(t)
                t += int(-log_(1.0 - r()) * DAY / decl_rate)
            ticket_ts.sort()
        ticket_esc: list[tuple[int, bool, bool, int]] = []  # (opened, escalated, open?, ticket id)
        if ticket_ts:
            tkid = ids[m.SupportTicket]
            mid = ids[m.TicketMessage]
            add_ticket = by[m.SupportTicket].append
            add_msg = by[m.TicketMessage].append
            for t in ticket_ts:
                tkid += 1
                declining = t >= ds
                if declining and r() < 0.7:
                    category = DECLINE_CATEGORIES[int(r() * 6)]
                else:
                    category = TICKET_CATEGORIES[int(r() * 6)]
                subjects = TICKET_SUBJECTS[category]
                subject = subjects[int(r() * len(subjects))]
                x = r()
                priority = ("low" if x < 0.3 else "medium" if x < 0.75 else
                            "high" if x < 0.95 else "critical")  # fmt: skip
                escalated = r() < (0.3 if declining else 0.06)
                channel = CHANNELS[int(r() * 6)]
                opened = D[t // DAY] + T[t % DAY]
                ft = t + int((0.2 + r() * 20) * HOUR)
                rt = ft + int((0.5 + r() ** 2.5 * 500) * HOUR)  # mostly quick, some take weeks
                first_resp = resolved = None
                assignee: int | None = AGENT_IDS[int(r() * 3)]
                satisfaction: int | None = None
                if ft >= 0:
                    status = TicketStatus.OPEN.value
                    if r() < 0.5:
                        assignee = None
                elif rt >= 0:
                    first_resp = D[ft // DAY] + T[ft % DAY]
                    status = (TicketStatus.IN_PROGRESS if r() < 0.6 else TicketStatus.PENDING).value
                else:
                    first_resp = D[ft // DAY] + T[ft % DAY]
                    resolved = D[rt // DAY] + T[rt % DAY]
                    status = (
                        TicketStatus.CLOSED if rt < -14 * DAY else TicketStatus.RESOLVED
                    ).value
                    if r() < 0.45:
                        satisfaction = 1 + int(r() * 3) if declining else 3 + int(r() * 3)
                is_open = resolved is None
                ticket_esc.append((t, escalated, is_open, tkid))
                add_ticket((
                    tkid, f"T-{tkid:06d}", cid, subject, category, priority, status, assignee,
                    channel, opened, first_resp, resolved, int(escalated), satisfaction,
                    1 if is_open else 2, opened, resolved or first_resp or opened,
                ))  # fmt: skip
                mid += 1
                add_msg((mid, tkid, None, 1, f"Hello, {subject.lower()}. Can you help?", 0,
                         opened, opened))  # fmt: skip
                if first_resp is not None:
                    mid += 1
                    add_msg((mid, tkid, assignee, 0, STAFF_REPLIES[int(r() * 3)], 0, first_resp,
                             first_resp))  # fmt: skip
                    if escalated or r() < 0.15:
                        nt = min(ft + 600, -1)
                        n_at = D[nt // DAY] + T[nt % DAY]
                        mid += 1
                        add_msg((mid, tkid, SUPERVISOR_ID if escalated else assignee, 0,
                                 INTERNAL_NOTES[int(r() * 3)], 1, n_at, n_at))  # fmt: skip
                    if r() < 0.5:
                        ut = ft + int((1 + r() * 10) * HOUR)
                        if ut < min(rt, 0):
                            u_at = D[ut // DAY] + T[ut % DAY]
                            mid += 1
                            add_msg((mid, tkid, None, 1, CUSTOMER_FOLLOW_UPS[int(r() * 4)], 0,
                                     u_at, u_at))  # fmt: skip
                if resolved is not None:
                    mid += 1
                    add_msg((mid, tkid, assignee, 0, CLOSING_REPLIES[int(r() * 3)], 0, resolved,
                             resolved))  # fmt: skip
                if t >= window:
                    eid += 1
                    add_event((eid, cid, _EV_SUPPORT, "ticket_opened", None, None, opened,
                               f'{{"ticket":"T-{tkid:06d}"}}', None, opened, opened))  # fmt: skip
                if t >= metric_start:
                    self.m_tickets[t // DAY + METRIC_DAYS] += 1
            ids[m.SupportTicket] = tkid
            ids[m.TicketMessage] = mid

        # The cards, now that their payment history is known. The newest is the default; an
        # older one stays on file, expired once its month is over.
        ts = self.ts
        add_card = by[m.PaymentMethod].append
        expiring: tuple[int, int, int] | None = None  # (card id, expiry month, created)
        for j in range(n_cards):
            created, exp, card_end = c_created[j], c_exp[j], c_end[j]
            last_fail = c_fail_last[j] if c_fails[j] else None
            ok_last = c_ok_last[j]
            default = j == n_cards - 1
            if card_end <= 0:
                status = PaymentMethodStatus.EXPIRED.value
            elif default and c_fails[j] >= 2 and c_fail_last[j] > ok_last:
                status = PaymentMethodStatus.FAILED.value
            else:
                status = PaymentMethodStatus.ACTIVE.value
                if card_end <= 30 * DAY:
                    expiring = (pm_base + 1 + j, exp, created)
            replaced = -NEVER if default else c_created[j + 1]
            add_card((
                pm_base + 1 + j, cid, CARD_BRANDS[int(r() * 7)], f"{int(r() * 10000):04d}",
                exp % 12 + 1, exp // 12, status, int(default), c_fails[j],
                None if last_fail is None else ts(last_fail),
                None if ok_last < created else ts(ok_last), 1 if default else 2, ts(created),
                ts(max(created, last_fail or created, ok_last, replaced)),
            ))  # fmt: skip
        pm_last = pm_base + n_cards
        if r() < SPARE_CARD_SHARE and end - t_since > DAY:  # a second card, never the default
            created = t_since + int(r() * (end - t_since - HOUR))
            exp = self._month_of(created) + 12 * CARD_YEARS[int(r() * len(CARD_YEARS))]
            card_end = self._month_start(exp + 1)
            status = (PaymentMethodStatus.EXPIRED if card_end <= 0
                      else PaymentMethodStatus.ACTIVE).value  # fmt: skip
            pm_last += 1
            if expiring is None and 0 < card_end <= 30 * DAY:
                expiring = (pm_last, exp, created)
            c_at = ts(created)
            add_card((pm_last, cid, CARD_BRANDS[int(r() * 7)], f"{int(r() * 10000):04d}",
                      exp % 12 + 1, exp // 12, status, 0, 0, None, None, 1, c_at,
                      c_at))  # fmt: skip
        ids[m.PaymentMethod] = pm_last

        ids[m.Order] = oid
        ids[m.OrderItem] = iid
        ids[m.PaymentTransaction] = txid

        # Account status and the denormalised metrics.
        declining_now = on_path and not churned and ds < 0
        if churned:
            account_status = AccountStatus.CHURNED.value
        elif declining_now and -ds > 14 * DAY and r() < 0.65:
            account_status = AccountStatus.AT_RISK.value
        elif re_ < 0 and r() < 0.8:
            account_status = AccountStatus.RESOLVED.value
        elif r() < 0.007:
            account_status = AccountStatus.AT_RISK.value  # a false alarm
        else:
            account_status = AccountStatus.ACTIVE.value

        # Card updated after the recovery: a payment_update intervention's trace.
        if account_status == AccountStatus.RESOLVED.value and re_ >= window:
            eid += 1
            u_at = self.ts(re_ - 2 * HOUR)
            add_event((eid, cid, _EV_ACCOUNT, "card_updated", None, device_pref, u_at,
                       '{"source":"update_link"}', None, u_at, u_at))  # fmt: skip
            last_event = max(last_event, re_ - 2 * HOUR)
        ids[m.CustomerEvent] = eid

        fail_ts.sort()
        logins_30 = sum(1 for x in login_ts if x >= -30 * DAY)
        opens_90 = sum(1 for x in open_ts if x >= -90 * DAY)
        email_rate = min(1.0, opens_90 / NEWSLETTERS_90D)
        last_ticket = ticket_ts[-1] if ticket_ts else -NEVER
        last_activity = max(
            last_order, last_event, last_ticket, order_ts[-1] if order_ts else -NEVER
        )
        active_days = max((end - t_since) // DAY, 30)
        value_cents = plan_cents + spent * 30 // active_days
        value_cents = max(value_cents, 100)
        aov = spent // n_paid if n_paid else 0

        # Health: the newest score goes on the customer; older customers have a month-old one too.
        facts = _Facts(
            cid=cid, account_status=account_status, churned=churned, tc=tc, ds=ds, dip_start=rs,
            dip_end=re_, t_since=t_since, since_days=since_days, spent=spent,
            discount_share=n_disc / n_orders if n_orders else 0.0, price=price, opens_90=opens_90,
            sub_status=sub_status, last_order=last_order, value_cents=value_cents,
            expiring=expiring, order_ts=order_ts, login_ts=login_ts, open_ts=open_ts,
            fail_ts=fail_ts, tickets=ticket_esc, last_fail_tx=last_fail_tx,
        )  # fmt: skip
        hs_t = -int((1 + r() * 5) * HOUR)
        health_rows = by[m.CustomerHealthScore]
        hid = ids[m.CustomerHealthScore]
        if since_days > 45 and r() < 0.5:
            hid += 1
            health_rows.append(self._health(hid, facts, hs_t - 30 * DAY))
        hid += 1
        newest = self._health(hid, facts, hs_t)
        health_rows.append(newest)
        ids[m.CustomerHealthScore] = hid

        since_at = D[since_day] + T[t_since % DAY]
        by[m.Customer].append((
            cid, name, email, phone, country, account_status, D[since_day],
            self.ts(tc) if churned else None,
            None if last_order < -MAX_TENURE_DAYS * DAY else self.ts(last_order),
            None if last_activity < -MAX_TENURE_DAYS * DAY else self.ts(last_activity),
            n_orders, spent / 100, aov / 100, round(email_rate, 3), logins_30, len(ticket_ts),
            n_returns, len(fail_ts), round(n_disc / n_orders, 3) if n_orders else 0.0,
            spent // 100, newest[2], value_cents / 100, attributes, 1, since_at, self.ts(hs_t),
        ))  # fmt: skip

        # Business series.
        if since_day >= -METRIC_DAYS:
            self.m_new[since_day + METRIC_DAYS] += 1
        for ft in fail_ts:
            if ft >= metric_start:
                self.m_failures[ft // DAY + METRIC_DAYS] += 1
        # A customer counts as active from the day it joined up to (not including) its churn day.
        churn_day = tc // DAY if churned else None
        if churn_day is None or churn_day > -METRIC_DAYS:
            if since_day <= -METRIC_DAYS:
                self.m_active_before += 1
            else:
                self.m_active_delta[since_day + METRIC_DAYS] += 1
            if churn_day is not None:
                self.m_active_delta[churn_day + METRIC_DAYS] -= 1

        self._extras(out, rng, facts)

    def _month_of(self, t: int) -> int:
        """The month index (year * 12 + month - 1) of the day `t` seconds after today's start."""
        d = self.today + timedelta(days=t // DAY)
        return d.year * 12 + d.month - 1

    def _card_history(
        self,
        r: Callable[[], float],
        *,
        t_since: int,
        tc: int,
        ds: int,
        on_path: bool,
        subscriber: bool,
    ) -> tuple[list[int], list[int]]:
        """Creation times and expiry months of the customer's cards, oldest first.

        Cards run 2-5 years, so loyal customers see theirs expire too: most enter the new one in
        the weeks before (the bank's updater, a reminder), some only after a charge bounced, a
        few never (they pay another way). A customer in decline is likelier to let it lapse,
        and for a few churners the lapse is the reason they go (involuntary churn). Moderate
        differences, so an expiring card raises the risk without settling it.
        """
        created = t_since  # the card given when joining, issued some time before
        years = CARD_YEARS[int(r() * len(CARD_YEARS))]
        exp = self._month_of(created + (60 + int(r() * (years * 365 - 60))) * DAY)
        lapse_at = tc - int(r() * 60 * DAY) if tc < NEVER and r() < P_INVOLUNTARY else NEVER
        times: list[int] = []
        months: list[int] = []
        while True:
            end = self._month_start(exp + 1)
            if end > lapse_at:  # the card in use then runs out at the start of that month
                month = self._month_of(lapse_at) - 1
                if self._month_start(month + 1) >= created + 60 * DAY:
                    times.append(created)
                    months.append(month)
                    return times, months
                lapse_at = NEVER  # too new a card to run out then
            times.append(created)
            months.append(exp)
            if end > 40 * DAY:  # far from expiry: nobody replaced it yet
                return times, months
            if on_path and end >= ds - 30 * DAY:
                p_lapse, p_late = P_LAPSE_DECLINING, P_LATE_DECLINING
            elif subscriber:
                p_lapse, p_late = 0.0, P_LATE_SUBSCRIBER
            else:
                p_lapse, p_late = P_LAPSE, P_LATE
            x = r()
            if x < p_lapse:
                return times, months
            if x < p_lapse + p_late:  # after the expiry: a bounced charge, a reminder
                nxt = end + int((1 + r() * 59) * DAY)
            else:  # before it: the bank's updater, or the customer after a reminder
                nxt = end - int((1 + r() * 34) * DAY)
            nxt = max(nxt, created + DAY)
            if nxt >= min(tc, 0):  # gone by then, or not yet
                return times, months
            created = nxt
            exp = self._month_of(created) + 12 * CARD_YEARS[int(r() * len(CARD_YEARS))]

    def _health(self, hid: int, facts: _Facts, as_of: int) -> Row:
        """A rule-based health score as of `as_of`: purchase, engagement, support, recency."""
        order_ts, login_ts, open_ts = facts.order_ts, facts.login_ts, facts.open_ts
        tickets, fail_ts = facts.tickets, facts.fail_ts
        orders_180 = sum(1 for x in order_ts if as_of - 180 * DAY <= x < as_of)
        lifetime = sum(1 for x in order_ts if x < as_of)
        purchase = min(100, orders_180 * 25 + (15 if lifetime >= 5 else 0))
        logins_30 = sum(1 for x in login_ts if as_of - 30 * DAY <= x < as_of)
        opens_90 = sum(1 for x in open_ts if as_of - 90 * DAY <= x < as_of)
        engagement = min(100, logins_30 * 15 + round(40 * min(1.0, opens_90 / NEWSLETTERS_90D)))
        tickets_90 = esc_90 = 0
        for t, escalated, _, _ in tickets:
            if as_of - 90 * DAY <= t < as_of:
                tickets_90 += 1
                esc_90 += escalated
        fails_90 = sum(1 for x in fail_ts if as_of - 90 * DAY <= x < as_of)
        support = max(0, 100 - 25 * tickets_90 - 20 * esc_90 - 15 * fails_90)
        last = max((x for x in order_ts if x < as_of), default=None)
        days = None if last is None else (as_of - last) // DAY
        if days is None:
            recency = 0
        elif days <= 14:
            recency = 100
        else:
            recency = max(0, round(100 - (days - 14) * 100 / 166))
        score = round(0.3 * purchase + 0.25 * engagement + 0.2 * support + 0.25 * recency)
        factors: list[str] = []
        advice: list[str] = []
        if days is None or days > 60:
            factors.append("no order yet" if days is None else f"no order in {days} days")
            advice.append("send a win-back offer")
        if fails_90:
            factors.append(f"{fails_90} failed payment{'s' if fails_90 > 1 else ''} in 90 days")
            advice.append("ask for an updated payment method")
        if tickets_90 >= 2 or esc_90:
            factors.append(f"{tickets_90} support tickets in 90 days")
            advice.append("follow up on the support issue")
        if logins_30 == 0:
            factors.append("no login in 30 days")
            advice.append("send a re-engagement email")
        if orders_180 >= 3:
            factors.append("orders regularly")
        if opens_90 >= 4:
            factors.append("reads the newsletter")
        if score >= 75:
            advice.append("invite to the loyalty programme")
        at = self.ts(as_of)
        return (hid, facts.cid, score, purchase, engagement, support, recency, _json(factors),
                _json(advice), at, at, at)  # fmt: skip

    def _extras(self, out: _Rows, rng: random.Random, facts: _Facts) -> None:  # noqa: PLR0912, PLR0915
        """Notes, tags, segments, interventions and alerts: the staff's traces on a customer."""
        cid, account_status, churned = facts.cid, facts.account_status, facts.churned
        at_risk = account_status == AccountStatus.AT_RISK.value
        tc, ds, rs, re_ = facts.tc, facts.ds, facts.dip_start, facts.dip_end
        t_since, since_days, spent = facts.t_since, facts.since_days, facts.spent
        fail_ts, tickets = facts.fail_ts, facts.tickets
        out_ids = self.ids
        r = rng.random
        ts = self.ts
        by = out.by_model
        notes, tags = by[m.CustomerNote], by[m.CustomerTagAssignment]
        segs, ivs, alerts = by[m.CustomerSegmentAssignment], by[m.Intervention], by[m.Alert]

        # Interventions.
        last_fail = fail_ts[-1] if fail_ts else -NEVER  # sorted
        recent_fail = last_fail >= -21 * DAY
        iv_id = out_ids[m.Intervention]
        if at_risk and r() < 0.7:
            start = max(ds if ds < 0 else -20 * DAY, -30 * DAY) + int(r() * 10 * DAY)
            start = min(start, -HOUR)
            kind = (InterventionKind.PAYMENT_UPDATE if recent_fail
                    else InterventionKind.RETENTION_OFFER if r() < 0.5
                    else InterventionKind.CHECK_IN).value  # fmt: skip
            status = (InterventionStatus.IN_PROGRESS if r() < 0.6
                      else InterventionStatus.INITIATED).value  # fmt: skip
            iv_id += 1
            s_at = ts(start)
            ivs.append((iv_id, cid, AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)], kind, status,
                        None, s_at, None, None, 0.0, "Reached out about falling activity.", 1,
                        s_at, s_at))  # fmt: skip
        elif account_status == AccountStatus.RESOLVED.value:
            start = rs + int(r() * (re_ - rs) * 0.5)
            finish = re_
            kind = (InterventionKind.PAYMENT_UPDATE if r() < 0.4
                    else InterventionKind.RETENTION_OFFER).value  # fmt: skip
            outcome = (InterventionOutcome.PAYMENT_UPDATED if kind == "payment_update"
                       else InterventionOutcome.RETAINED).value  # fmt: skip
            iv_id += 1
            ivs.append((iv_id, cid, AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)], kind,
                        InterventionStatus.COMPLETED.value, outcome, ts(start), ts(finish),
                        finish - start, facts.value_cents * 3 / 100, "Customer agreed to stay.", 2,
                        ts(start), ts(finish)))  # fmt: skip
        elif churned and ds < tc and r() < 0.3:
            start = ds + int(r() * (tc - ds))
            finish = min(start + (1 + int(r() * 14)) * DAY, tc)
            finish = max(start, min(max(finish, start + HOUR), -1))
            x = r()
            outcome = (InterventionOutcome.CHURNED if x < 0.4 else InterventionOutcome.DECLINED
                       if x < 0.7 else InterventionOutcome.NO_RESPONSE).value  # fmt: skip
            iv_id += 1
            ivs.append((iv_id, cid, AGENT_IDS[int(r() * 3)], CHANNELS[int(r() * 6)],
                        InterventionKind.RETENTION_OFFER.value, InterventionStatus.COMPLETED.value,
                        outcome, ts(start), ts(finish), finish - start, 0.0,
                        "Offered a discount; customer was not interested.", 2, ts(start),
                        ts(finish)))  # fmt: skip
        if churned and tc < -10 * DAY and r() < 0.1:
            start = tc + (7 + int(r() * 30)) * DAY
            if start < -2 * DAY:
                finish = min(start + (1 + int(r() * 5)) * DAY, -HOUR)
                iv_id += 1
                ivs.append((iv_id, cid, SUPERVISOR_ID, "email", InterventionKind.WIN_BACK.value,
                            InterventionStatus.COMPLETED.value,
                            InterventionOutcome.NO_RESPONSE.value, ts(start), ts(finish),
                            finish - start, 0.0, "Win-back email with a 20% voucher.", 2,
                            ts(start), ts(finish)))  # fmt: skip
        out_ids[m.Intervention] = iv_id

        # Notes by staff.
        texts: tuple[str, ...]
        if at_risk:
            p_note, texts, base = 0.5, NOTES_AT_RISK, max(ds, -40 * DAY) if ds < 0 else -20 * DAY
        elif churned:
            p_note, texts, base = 0.2, NOTES_CHURNED, tc
        elif account_status == AccountStatus.RESOLVED.value:
            p_note, texts, base = 0.7, NOTES_RESOLVED, re_
        else:
            p_note, texts, base = 0.05, NOTES_OTHER, t_since
        if r() < p_note:
            at_t = min(base + int(r() * 10 * DAY), -HOUR)
            at_t = max(at_t, t_since + HOUR)
            out_ids[m.CustomerNote] += 1
            at = ts(at_t)
            notes.append((out_ids[m.CustomerNote], cid, STAFF_IDS[int(r() * 4)],
                          texts[int(r() * len(texts))], 1, at, at))  # fmt: skip

        # Tags.
        tag_ids: list[int] = []
        if spent >= 80_000:
            tag_ids.append(TAG_VIP)
        if r() < 0.03:
            tag_ids.append(TAG_WHOLESALE)
        if facts.price > 0.7 and facts.discount_share >= 0.3:
            tag_ids.append(TAG_PRICE)
        if at_risk and r() < 0.6:
            tag_ids.append(TAG_FOLLOW_UP)
        if facts.opens_90 >= 4:
            tag_ids.append(TAG_NEWSLETTER)
        if r() < 0.02:
            tag_ids.append(TAG_BETA)
        for tag in tag_ids:
            at_t = max(t_since, -200 * DAY) + int(r() * 30 * DAY)
            at_t = min(at_t, -HOUR)
            out_ids[m.CustomerTagAssignment] += 1
            at = ts(at_t)
            tags.append((out_ids[m.CustomerTagAssignment], cid, tag,
                         STAFF_IDS[int(r() * 4)] if r() < 0.8 else None, at, at, at))  # fmt: skip

        # Segments: automatic ones were recomputed overnight.
        seg_ids: list[int] = []
        if spent >= HIGH_VALUE_CENTS:
            seg_ids.append(SEG_HIGH_VALUE)
        if since_days <= 90:
            seg_ids.append(SEG_NEW)
        if not churned and facts.last_order < -60 * DAY:
            seg_ids.append(SEG_LAPSED)
        if facts.sub_status in ("active", "past_due", "trialing"):
            seg_ids.append(SEG_SUBSCRIBERS)
        if churned and r() < 0.4:
            seg_ids.append(SEG_WIN_BACK)
        if seg_ids:
            nightly = ts(-DAY + 2 * HOUR + int(r() * 600))
            for seg in seg_ids:
                out_ids[m.CustomerSegmentAssignment] += 1
                at = nightly if seg != SEG_WIN_BACK else ts(min(tc + 5 * DAY, -HOUR))
                segs.append((out_ids[m.CustomerSegmentAssignment], cid, seg, at, at, at))

        # Alerts: a few, keyed like desktop.core.churn.alert_rules keys them, so scoring later does
        # not raise the same condition again.
        aid = out_ids[m.Alert]
        if facts.expiring is not None and not churned and r() < 0.6:
            card_id, exp, created = facts.expiring
            year, month = exp // 12, exp % 12 + 1
            # Raised by a scoring run in the last days, once the expiry was within 30 days.
            lo = max(self._month_start(exp + 1) - 30 * DAY, -10 * DAY, created) + HOUR
            if lo < -HOUR:
                aid += 1
                at = ts(lo + int(r() * (-HOUR - lo)))
                key = f"card_expiring:card:{card_id}:{year}-{month:02d}"
                alerts.append((aid, AlertType.CARD_EXPIRING.value, Priority.MEDIUM.value,
                               AlertStatus.OPEN.value, cid, f"Card expires {month:02d}/{year}",
                               "A card on file expires within 30 days; ask for a new one.",
                               _json([{"payment_method": card_id}]), None, None, None, None,
                               None, None, key, None, 1, at, at))  # fmt: skip
        fail_t, fail_tx, fail_amount, why = facts.last_fail_tx
        if fail_tx and ((recent_fail and not churned and r() < 0.7) or (churned and r() < 0.3)):
            aid += 1
            at_t = min(fail_t + 15 * 60, -60)
            at = ts(at_t)
            key = f"payment_failed:transaction:{fail_tx}"
            message = (f"A payment of {fail_amount:.2f} failed on {self.days[fail_t // DAY]}"
                       f" ({why.replace('_', ' ')}).")  # fmt: skip
            correlated = _json([{"payment_transaction": fail_tx}])
            assignee = AGENT_IDS[int(r() * 3)]
            if churned or at_t < -10 * DAY:
                done = min(at_t + 2 * DAY, -HOUR)
                done_at = ts(done)
                alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                               AlertStatus.RESOLVED.value, cid, "Payment failed", message,
                               correlated, assignee, assignee, done_at, assignee, done_at,
                               "Customer did not update the card." if churned else
                               "Card updated; the retry went through.", None, key, 3, at,
                               done_at))  # fmt: skip
            elif r() < 0.6 or at_t > -2 * HOUR:
                alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                               AlertStatus.OPEN.value, cid, "Payment failed", message, correlated,
                               assignee, None, None, None, None, None, key, None, 1, at,
                               at))  # fmt: skip
            else:
                ack = ts(at_t + HOUR)
                alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                               AlertStatus.ACKNOWLEDGED.value, cid, "Payment failed", message,
                               correlated, assignee, assignee, ack, None, None, None, key, None,
                               2, at, ack))  # fmt: skip
        for t, escalated, is_open, tkid in tickets:
            at_t = t + 2 * HOUR
            if not escalated or t < -120 * DAY or (is_open and at_t >= 0):
                continue
            aid += 1
            key = f"ticket_escalation:ticket:{tkid}"
            if is_open:
                at = ts(at_t)
                alerts.append((aid, AlertType.TICKET_ESCALATION.value, Priority.CRITICAL.value,
                               AlertStatus.OPEN.value, cid, f"Ticket T-{tkid:06d} escalated",
                               "An escalated ticket is still open.", None, SUPERVISOR_ID, None,
                               None, None, None, None, key, None, 1, at, at))  # fmt: skip
            else:
                done = min(at_t + DAY, -HOUR)
                at, done_at = ts(min(at_t, done)), ts(done)
                alerts.append((aid, AlertType.TICKET_ESCALATION.value, Priority.HIGH.value,
                               AlertStatus.RESOLVED.value, cid, f"Ticket T-{tkid:06d} escalated",
                               "A ticket was escalated to a supervisor.", None, SUPERVISOR_ID,
                               SUPERVISOR_ID, done_at, SUPERVISOR_ID, done_at,
                               "Handled with the customer.", None, key, 3, at,
                               done_at))  # fmt: skip
        out_ids[m.Alert] = aid


def customer_count(database: pw.Database) -> int:
    """How many customers the database holds (0 = empty, the demo may fill it)."""
    row = database.execute_sql(f"SELECT COUNT(*) FROM {m.Customer._meta.table_name}").fetchone()
    return int(row[0])


def generate_demo(
    database: pw.Database,
    *,
    customers: int = 100,
    seed: int = 42,
    today: date | None = None,
    state: TaskState | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> DemoSummary:
    """Fill an empty, current-schema database with the demo history.

    One transaction per chunk of customers, so memory stays flat and a cancel (raised by
    `state.progress` after a chunk) leaves whole chunks only.
    """
    if customers < 1:
        raise ValueError("customers must be at least 1")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    started = time.perf_counter()
    today = today or datetime.now(UTC).date()
    generator = DemoGenerator(customers, seed, today)
    writer = BulkWriter(database)
    rows = {model._meta.table_name: 0 for model in DEMO_MODELS}
    log.info("generating demo data: %d customers, seed %d, as of %s", customers, seed, today)
    for done, batches in generator.batches(chunk_size):
        with writer.database.atomic():
            for batch in batches:
                rows[batch.model._meta.table_name] += writer.insert(
                    batch.model, batch.columns, batch.rows
                )
        if state is not None:
            state.progress(done, customers, f"{done:,} of {customers:,} customers")
    elapsed = time.perf_counter() - started
    log.info("demo data written: %d rows in %.1f s", sum(rows.values()), elapsed)
    credentials = [(username, password, role.value) for username, password, role, _ in STAFF]
    return DemoSummary(rows=rows, elapsed=elapsed, credentials=credentials)

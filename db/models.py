"""ChurnWatch's domain as Peewee models: one `DatabaseProxy`, one base model.

The same models run on the embedded SQLite file and on the shared MySQL database; `db.connection`
decides which at run time. Naive UTC datetimes everywhere. The whole schema stays in this one
module (the one place a migration step and the drift test compare against).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, ClassVar

import peewee as pw

from db import limits, search
from db import validation as v
from db.choices import (
    AccountStatus,
    AlertStatus,
    AlertType,
    CardBrand,
    Channel,
    ChunkStatus,
    EventCategory,
    InterventionKind,
    InterventionOutcome,
    InterventionStatus,
    ModelStatus,
    OrderStatus,
    PaymentMethodStatus,
    PaymentStatus,
    Priority,
    RiskLevel,
    Role,
    RunStatus,
    SubscriptionStatus,
    TicketCategory,
    TicketStatus,
    TransactionStatus,
    choices,
)
from db.fields import JSONField, LongBlobField, MediumTextField, WordField
from db.i18n import QT_TRANSLATE_NOOP, Number
from db.proxy import RoutedProxy

# One proxy for every model; `DB.using(replica)` routes one thread to the offline replica.
DB = RoutedProxy()

Errors = dict[str, str]


def utcnow() -> datetime:
    """Now in UTC, naive and to the second (MySQL DATETIME keeps no fraction by default)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def money(**kwargs: Any) -> pw.DecimalField:
    return pw.DecimalField(max_digits=12, decimal_places=2, auto_round=True, **kwargs)


class BaseModel(pw.Model):
    """Every table has `created_at`/`updated_at`; `save()` validates before it writes: the
    model's own rules, then every value against its column (`db.limits`), so SQLite and MySQL
    refuse the same input."""

    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)

    validators: ClassVar[tuple[Callable[[Any, Errors], None], ...]] = ()

    class Meta:
        database = DB
        legacy_table_names = False

    def validation_errors(self) -> Errors:
        errors: Errors = {}
        self.check(errors)
        limits.instance_errors(self, errors)
        return errors

    def check(self, errors: Errors) -> None:
        """Add `field: message` entries for broken rules; models override this."""

    def validate(self) -> None:
        errors = self.validation_errors()
        if errors:
            raise v.ValidationError(errors, entity=type(self).__name__)

    def normalize(self) -> None:
        """Put values in their stored form before validation; models override this."""

    def save(self, *args: Any, **kwargs: Any) -> int:
        self.normalize()
        self.validate()
        if self._pk is not None:
            self.updated_at = utcnow()
        return super().save(*args, **kwargs)


def _add(errors: Errors, field: str, message: str | None) -> None:
    if message:
        errors.setdefault(field, message)


class SchemaVersion(BaseModel):
    """A single row: the schema version this database is at (see `db.migrations`)."""

    version = pw.IntegerField()


class User(BaseModel):
    """A staff member: agents work queues, supervisors also assign and train, admins configure."""

    username = pw.CharField(max_length=64, unique=True)
    email = pw.CharField(max_length=254, unique=True)
    display_name = pw.CharField(max_length=128)
    role = pw.CharField(max_length=16, choices=choices(Role), default=Role.AGENT.value)
    password_hash = pw.CharField(max_length=255)
    active = pw.BooleanField(default=True)
    last_login_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "username",
            v.required_error(self.username, QT_TRANSLATE_NOOP("Validation", "a username")),
        )
        _add(errors, "email", v.email_error(self.email))
        _add(
            errors,
            "display_name",
            v.required_error(self.display_name, QT_TRANSLATE_NOOP("Validation", "a display name")),
        )
        if self.role not in Role.__members__.values():
            errors["role"] = QT_TRANSLATE_NOOP(
                "Validation", "the role must be one of {join}"
            ).format(join=", ".join(Role))


class SignInAttempt(BaseModel):
    """Failed sign-ins per username as typed (folded to lower case), whether or not such a user
    exists, so a lockout holds on every workstation and does not tell which usernames exist."""

    username = pw.CharField(max_length=64, unique=True)
    failures = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)


class Customer(BaseModel):
    """A shop's customer: profile, behaviour metrics (seed 000) and the current churn estimate."""

    name = pw.CharField(max_length=160, index=True)
    email = pw.CharField(
        max_length=254, unique=True
    )  # stored lower-case: prefix search relies on it
    phone = pw.CharField(max_length=32, null=True)
    country = pw.CharField(max_length=2, null=True)
    account_status = pw.CharField(
        max_length=16,
        choices=choices(AccountStatus),
        default=AccountStatus.ACTIVE.value,
        index=True,
    )
    customer_since = pw.DateField(default=date.today)  # indexed with deleted_at, see Meta
    churned_at = pw.DateTimeField(null=True)  # indexed with deleted_at, see Meta
    last_order_at = pw.DateTimeField(null=True, index=True)
    last_activity_at = pw.DateTimeField(null=True, index=True)
    # Behaviour metrics, kept current by whatever records the behaviour.
    total_orders = pw.IntegerField(default=0, index=True)
    total_spent = money(default=0, index=True)
    average_order_value = money(default=0)
    email_engagement_rate = pw.DoubleField(default=0.0)
    logins_30d = pw.IntegerField(default=0)
    support_tickets = pw.IntegerField(default=0)
    returns_count = pw.IntegerField(default=0)
    payment_failures = pw.IntegerField(default=0)
    discount_usage = pw.DoubleField(default=0.0)
    loyalty_points = pw.IntegerField(default=0)
    # The current estimate; the history lives in ChurnPrediction.
    churn_probability = pw.DoubleField(null=True, index=True)
    risk_level = pw.CharField(max_length=8, choices=choices(RiskLevel), null=True)  # see Meta
    health_score = pw.SmallIntegerField(null=True)  # indexed below: see HEALTH_INDEX
    account_value = money(default=1, index=True)
    custom_attributes = JSONField(null=True)
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    deleted_at = pw.DateTimeField(null=True)  # leads the indexes in Meta
    version = pw.IntegerField(default=1)

    class Meta:
        # Covering indexes for counts over every live customer (the dashboard's risk levels,
        # revenue at risk, customers and churn over time; lists sorted by "since"). They lead
        # with deleted_at so "deleted_at IS NULL" reads a covering range: MariaDB otherwise walks
        # a deleted_at index that matches nearly every row. They replace the single-column
        # indexes they contain, so scoring's updates maintain no more indexes than before.
        indexes = (
            (("deleted_at", "risk_level", "account_status", "account_value"), False),
            (("deleted_at", "customer_since"), False),
            (("deleted_at", "churned_at"), False),
        )

    def normalize(self) -> None:
        if isinstance(self.email, str):
            self.email = self.email.strip().lower()
        if isinstance(self.name, str):
            self.name = self.name.strip()

    def check(self, errors: Errors) -> None:
        _add(errors, "name", v.required_error(self.name, QT_TRANSLATE_NOOP("Validation", "a name")))
        _add(errors, "email", v.email_error(self.email))
        _add(
            errors,
            "account_value",
            v.positive_error(
                self.account_value, QT_TRANSLATE_NOOP("Validation", "the account value")
            ),
        )
        _add(errors, "churn_probability", v.probability_error(self.churn_probability))
        if self.account_status not in AccountStatus.__members__.values():
            errors["account_status"] = QT_TRANSLATE_NOOP(
                "Validation", "the account status must be one of {join}"
            ).format(join=", ".join(AccountStatus))
        if self.risk_level is not None and self.risk_level not in RiskLevel.__members__.values():
            errors["risk_level"] = QT_TRANSLATE_NOOP(
                "Validation", "the risk level must be one of {join}"
            ).format(join=", ".join(RiskLevel))
        for field in ("total_orders", "support_tickets", "returns_count", "payment_failures"):
            _add(errors, field, v.non_negative_error(getattr(self, field), field.replace("_", " ")))
        if self.health_score is not None:
            _add(
                errors,
                "health_score",
                v.score_error(
                    self.health_score, QT_TRANSLATE_NOOP("Validation", "the health score")
                ),
            )

    def save(self, *args: Any, **kwargs: Any) -> int:
        """Saved with its search words (`db.search`) when it is new or its name, email or
        deletion changed."""
        searchable = self._pk is None or bool(search.SEARCHED_FIELDS & set(self._dirty))
        with self._meta.database.atomic():
            saved = super().save(*args, **kwargs)
            if searchable and self._pk is not None:
                search.index_customers(
                    self._meta.database, [(self.id, self.name, self.email, self.deleted_at)]
                )
        return saved


# Named by hand: the automatic name would clash with the customer_health_score table in SQLite.
HEALTH_INDEX = "idx_customer_health"
Customer.add_index(Customer.index(Customer.health_score, name=HEALTH_INDEX))


class CustomerSearchToken(pw.Model):
    """One word a customer is found by (`db.search`), stored in word order: the customers with
    a word that starts with "oka" are one range of the primary key, whose rows also hold what a
    search of several words checks (`all_tokens`) and what counts each customer once
    (`prev_token`), so no other row is read. No id and no timestamps: a customer's words are
    replaced whole whenever the name, email or deletion changes."""

    token = WordField(max_length=search.TOKEN_MAX_CHARS)
    customer = pw.ForeignKeyField(Customer, on_delete="CASCADE")  # indexed: re-indexing
    prev_token = WordField(max_length=search.TOKEN_MAX_CHARS)  # the customer's word before
    all_tokens = WordField(max_length=search.ALL_TOKENS_MAX_CHARS)  # " emma okafor shop "

    class Meta:
        database = DB
        table_name = search.TOKEN_TABLE
        legacy_table_names = False
        primary_key = pw.CompositeKey("token", "customer")


class Order(BaseModel):
    """An order through its lifecycle: pending → paid → shipped → delivered (or cancelled,
    refunded, returned)."""

    order_number = pw.CharField(max_length=32, unique=True)
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    customer = pw.ForeignKeyField(Customer, backref="orders", on_delete="CASCADE")
    status = pw.CharField(
        max_length=16, choices=choices(OrderStatus), default=OrderStatus.PENDING.value, index=True
    )
    subtotal = money(default=0)
    discount = money(default=0)
    shipping = money(default=0)
    total = money(default=0, index=True)
    currency = pw.CharField(max_length=3, default="USD")
    payment_status = pw.CharField(
        max_length=16, choices=choices(PaymentStatus), default=PaymentStatus.PENDING.value
    )
    carrier = pw.CharField(max_length=32, null=True)
    tracking_number = pw.CharField(max_length=64, null=True)
    placed_at = pw.DateTimeField(default=utcnow, index=True)
    delivered_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "orders"
        indexes = ((("customer", "placed_at"), False),)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "order_number",
            v.required_error(self.order_number, QT_TRANSLATE_NOOP("Validation", "an order number")),
        )
        for field in ("subtotal", "discount", "shipping", "total"):
            _add(errors, field, v.non_negative_error(getattr(self, field), f"the {field}"))


class OrderItem(BaseModel):
    order = pw.ForeignKeyField(Order, backref="items", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    sku = pw.CharField(max_length=32)
    name = pw.CharField(max_length=160)
    quantity = pw.IntegerField(default=1, constraints=[pw.Check("quantity > 0")])
    unit_price = money(default=0)

    def check(self, errors: Errors) -> None:
        if self.quantity is None or self.quantity <= 0:
            errors["quantity"] = QT_TRANSLATE_NOOP("Validation", "the quantity must be at least 1")
        _add(
            errors,
            "unit_price",
            v.non_negative_error(
                self.unit_price, QT_TRANSLATE_NOOP("Validation", "the unit price")
            ),
        )


class Plan(BaseModel):
    name = pw.CharField(max_length=64, unique=True)
    interval = pw.CharField(max_length=8, default="month")
    price = money()
    currency = pw.CharField(max_length=3, default="USD")
    active = pw.BooleanField(default=True)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "name",
            v.required_error(self.name, QT_TRANSLATE_NOOP("Validation", "a plan name")),
        )
        _add(
            errors,
            "price",
            v.positive_error(self.price, QT_TRANSLATE_NOOP("Validation", "the price")),
        )


class Subscription(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="subscriptions", on_delete="CASCADE")
    plan = pw.ForeignKeyField(Plan, backref="subscriptions")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    status = pw.CharField(
        max_length=16,
        choices=choices(SubscriptionStatus),
        default=SubscriptionStatus.ACTIVE.value,
        index=True,
    )
    started_at = pw.DateTimeField(default=utcnow)
    current_period_end = pw.DateTimeField(null=True)
    cancelled_at = pw.DateTimeField(null=True)
    cancel_reason = pw.CharField(max_length=255, null=True)


class PaymentMethod(BaseModel):
    """A stored card (seed 003): brand, last four, expiry, and how often charging it failed."""

    customer = pw.ForeignKeyField(Customer, backref="payment_methods", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    brand = pw.CharField(max_length=16, choices=choices(CardBrand))
    last_four = pw.CharField(max_length=4)
    expiry_month = pw.SmallIntegerField(constraints=[pw.Check("expiry_month BETWEEN 1 AND 12")])
    expiry_year = pw.SmallIntegerField(index=True)
    status = pw.CharField(
        max_length=16,
        choices=choices(PaymentMethodStatus),
        default=PaymentMethodStatus.ACTIVE.value,
        index=True,
    )
    is_default = pw.BooleanField(default=True)
    failure_count = pw.IntegerField(default=0, constraints=[pw.Check("failure_count >= 0")])
    last_failure_at = pw.DateTimeField(null=True)
    last_success_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    def check(self, errors: Errors) -> None:
        if self.brand not in CardBrand.__members__.values():
            errors["brand"] = QT_TRANSLATE_NOOP(
                "Validation", "the card brand must be one of {join}"
            ).format(join=", ".join(CardBrand))
        _add(errors, "last_four", v.last_four_error(self.last_four))
        _add(errors, "expiry_month", v.expiry_month_error(self.expiry_month))
        if self._pk is None:
            _add(errors, "expiry_year", v.expiry_year_error(self.expiry_year, utcnow().year))
        _add(
            errors,
            "failure_count",
            v.non_negative_error(
                self.failure_count, QT_TRANSLATE_NOOP("Validation", "the failure count")
            ),
        )


class PaymentTransaction(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="transactions", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    subscription = pw.ForeignKeyField(Subscription, null=True, on_delete="SET NULL")
    order = pw.ForeignKeyField(Order, null=True, on_delete="SET NULL")
    payment_method = pw.ForeignKeyField(PaymentMethod, null=True, on_delete="SET NULL")
    amount = money()
    currency = pw.CharField(max_length=3, default="USD")
    status = pw.CharField(max_length=16, choices=choices(TransactionStatus), index=True)
    failure_reason = pw.CharField(max_length=128, null=True)
    occurred_at = pw.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("customer", "occurred_at"), False),)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "amount",
            v.non_negative_error(self.amount, QT_TRANSLATE_NOOP("Validation", "the amount")),
        )


class CustomerEvent(BaseModel):
    """Something a customer did or had happen: order, engagement, support, payment or account."""

    customer = pw.ForeignKeyField(Customer, backref="events", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    category = pw.CharField(max_length=16, choices=choices(EventCategory), index=True)
    event_type = pw.CharField(max_length=32, index=True)
    session_id = pw.CharField(max_length=40, null=True)
    device = pw.CharField(max_length=16, null=True)
    occurred_at = pw.DateTimeField(default=utcnow, index=True)
    data = JSONField(null=True)
    order = pw.ForeignKeyField(Order, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("customer", "occurred_at"), False),)


class SupportTicket(BaseModel):
    number = pw.CharField(max_length=16, unique=True)
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    customer = pw.ForeignKeyField(Customer, backref="tickets", on_delete="CASCADE")
    subject = pw.CharField(max_length=200)
    category = pw.CharField(max_length=16, choices=choices(TicketCategory), index=True)
    priority = pw.CharField(
        max_length=8, choices=choices(Priority), default=Priority.MEDIUM.value, index=True
    )
    status = pw.CharField(
        max_length=16, choices=choices(TicketStatus), default=TicketStatus.OPEN.value, index=True
    )
    assignee = pw.ForeignKeyField(User, null=True, backref="tickets", on_delete="SET NULL")
    channel = pw.CharField(max_length=8, choices=choices(Channel), default=Channel.EMAIL.value)
    opened_at = pw.DateTimeField(default=utcnow, index=True)
    first_response_at = pw.DateTimeField(null=True)
    resolved_at = pw.DateTimeField(null=True, index=True)
    escalated = pw.BooleanField(default=False, index=True)
    satisfaction = pw.SmallIntegerField(null=True)
    version = pw.IntegerField(default=1)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "subject",
            v.required_error(self.subject, QT_TRANSLATE_NOOP("Validation", "a subject")),
        )
        if self.satisfaction is not None and not 1 <= self.satisfaction <= 5:
            errors["satisfaction"] = QT_TRANSLATE_NOOP(
                "Validation", "satisfaction is rated from 1 to 5"
            )


class TicketMessage(BaseModel):
    """One message in a ticket's thread: from the customer, or from staff (maybe internal)."""

    ticket = pw.ForeignKeyField(SupportTicket, backref="messages", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)  # the source's id (import)
    author = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    from_customer = pw.BooleanField(default=False)
    body = MediumTextField()
    internal = pw.BooleanField(default=False)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "body",
            v.required_error(self.body, QT_TRANSLATE_NOOP("Validation", "a message")),
        )
        if self.from_customer and self.internal:
            errors["internal"] = QT_TRANSLATE_NOOP(
                "Validation", "a customer's message cannot be an internal note"
            )


class ChurnRecord(BaseModel):
    """A churn the shop recorded (a cancellation), for businesses whose churn is not inactivity:
    imported; the customer's `churned_at` follows the latest one."""

    customer = pw.ForeignKeyField(Customer, backref="churn_records", on_delete="CASCADE")
    external_id = pw.CharField(max_length=64, null=True, unique=True)
    churned_on = pw.DateField()
    reason = pw.CharField(max_length=255, null=True)


class ImportMapping(BaseModel):
    """A named column mapping saved from an import, shared by every workstation: which source
    column fills which field of a kind, and the date and number forms the file used."""

    name = pw.CharField(max_length=64, unique=True)
    kind = pw.CharField(max_length=24)
    columns = JSONField()  # {"source column": "field"}
    options = JSONField(null=True)  # {"date_format": "%d/%m/%Y", "decimal_comma": true}


class ImportRun(BaseModel):
    """One import of a file: its counts, and the marker that lets an import cut short resume
    after the last batch it committed (`lines_done` data rows of the file with this
    `fingerprint`)."""

    kind = pw.CharField(max_length=24)
    file_name = pw.CharField(max_length=255)
    fingerprint = pw.CharField(max_length=64, index=True)  # file contents, kind and mapping
    status = pw.CharField(max_length=16, default="running")
    lines_done = pw.IntegerField(default=0)
    rows_read = pw.IntegerField(default=0)
    inserted = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    rejected = pw.IntegerField(default=0)
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    finished_at = pw.DateTimeField(null=True)


class ModelVersion(BaseModel):
    """A trained churn model: its metrics, features and a skops artifact with its sha256."""

    name = pw.CharField(max_length=64, unique=True)
    algorithm = pw.CharField(max_length=64)
    parameters = JSONField(null=True)
    feature_definitions = JSONField(null=True)
    training_summary = JSONField(null=True)
    metrics = JSONField(null=True)
    threshold = pw.DoubleField(default=0.5)
    artifact = LongBlobField(null=True)
    artifact_sha256 = pw.CharField(max_length=64, null=True)
    status = pw.CharField(
        max_length=16, choices=choices(ModelStatus), default=ModelStatus.CANDIDATE.value, index=True
    )
    trained_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    trained_at = pw.DateTimeField(default=utcnow, index=True)
    activated_at = pw.DateTimeField(null=True)


class ScoringRun(BaseModel):
    """One pass of a model over the customers, split into chunks that workstations claim."""

    model_version = pw.ForeignKeyField(ModelVersion, backref="runs")
    status = pw.CharField(
        max_length=16, choices=choices(RunStatus), default=RunStatus.PENDING.value, index=True
    )
    started_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    started_at = pw.DateTimeField(default=utcnow, index=True)
    finished_at = pw.DateTimeField(null=True)
    as_of = pw.DateTimeField(default=utcnow)
    total_customers = pw.IntegerField(default=0)
    scored_customers = pw.IntegerField(default=0)
    alerts_raised = pw.IntegerField(default=0)
    risk_counts = JSONField(null=True)  # customers per risk level, once the run completed
    # Customers per churn-probability bin (a list of PROBABILITY_BINS counts), once completed:
    # the dashboard's histogram reads it instead of bucketing every customer.
    probability_bins = JSONField(null=True)
    error = pw.TextField(null=True)
    # The alert policy the run applies, fixed when it starts so every workstation's chunks
    # apply the same one: {"policy": {...}, "cutoff": expected lost value, "agents": n,
    # "version": the live policy's version}. None for runs from before the policy.
    alert_policy = JSONField(null=True)


class ScoringChunk(BaseModel):
    """A range of customer ids within a run; a lease lets a crashed scorer's chunk be reclaimed."""

    run = pw.ForeignKeyField(ScoringRun, backref="chunks", on_delete="CASCADE")
    seq = pw.IntegerField()
    first_customer_id = pw.IntegerField()
    last_customer_id = pw.IntegerField()
    status = pw.CharField(
        max_length=16, choices=choices(ChunkStatus), default=ChunkStatus.PENDING.value, index=True
    )
    claimed_by = pw.CharField(max_length=128, null=True)
    lease_expires_at = pw.DateTimeField(null=True, index=True)
    attempts = pw.IntegerField(default=0)
    scored = pw.IntegerField(default=0)
    risk_counts = JSONField(null=True)  # written with the chunk's predictions
    probability_bins = JSONField(null=True)  # likewise: customers per probability bin

    class Meta:
        indexes = ((("run", "seq"), True),)


class ChurnPrediction(BaseModel):
    # Scoring writes a row per customer per run, so every index here costs: the composite
    # indexes below serve the foreign keys too, and nothing filters predictions by probability or
    # level (lists use the customer's current estimate; runs keep their own risk counts).
    customer = pw.ForeignKeyField(Customer, backref="predictions", on_delete="CASCADE", index=False)
    model_version = pw.ForeignKeyField(ModelVersion, backref="predictions", on_delete="CASCADE")
    run = pw.ForeignKeyField(
        ScoringRun, null=True, backref="predictions", on_delete="CASCADE", index=False
    )
    probability = pw.DoubleField()
    risk_level = pw.CharField(max_length=8, choices=choices(RiskLevel))
    confidence = pw.DoubleField(null=True)
    factors = JSONField(null=True)
    scored_at = pw.DateTimeField(default=utcnow, index=True)
    # Probability x the customer's usual revenue per day: what the alert policy ranks by; the
    # next run's cut-off is taken from these values.
    expected_loss = pw.DoubleField(null=True)

    class Meta:
        indexes = (
            (("run", "customer"), True),
            (("customer", "scored_at"), False),
        )

    def check(self, errors: Errors) -> None:
        _add(errors, "probability", v.probability_error(self.probability))
        if self.risk_level not in RiskLevel.__members__.values():
            errors["risk_level"] = QT_TRANSLATE_NOOP(
                "Validation", "the risk level must be one of {join}"
            ).format(join=", ".join(RiskLevel))


class Alert(BaseModel):
    """A customer or system alert.

    `dedupe_key` is unique while the alert is open or acknowledged, so raising the same condition
    again finds the existing alert; closing an alert moves the key to `dedupe_basis` and frees it.
    """

    type = pw.CharField(max_length=24, choices=choices(AlertType), index=True)
    priority = pw.CharField(max_length=8, choices=choices(Priority), index=True)
    status = pw.CharField(
        max_length=16, choices=choices(AlertStatus), default=AlertStatus.OPEN.value, index=True
    )
    customer = pw.ForeignKeyField(Customer, null=True, backref="alerts", on_delete="CASCADE")
    prediction = pw.ForeignKeyField(ChurnPrediction, null=True, on_delete="SET NULL")
    title = pw.CharField(max_length=200)
    message = pw.TextField(null=True)
    correlated_events = JSONField(null=True)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="assigned_alerts")
    acknowledged_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    acknowledged_at = pw.DateTimeField(null=True)
    resolved_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    resolved_at = pw.DateTimeField(null=True, index=True)
    resolution_note = MediumTextField(null=True)
    dedupe_key = pw.CharField(max_length=128, null=True, unique=True)
    dedupe_basis = pw.CharField(max_length=128, null=True, index=True)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("status", "priority", "created_at"), False),)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "title",
            v.required_error(self.title, QT_TRANSLATE_NOOP("Validation", "a title")),
        )
        if self.priority not in Priority.__members__.values():
            errors["priority"] = QT_TRANSLATE_NOOP(
                "Validation", "the priority must be one of {join}"
            ).format(join=", ".join(Priority))


class SystemMetric(BaseModel):
    """A tagged time-series point: business metrics and ChurnWatch's own measurements."""

    name = pw.CharField(max_length=64)
    value = pw.DoubleField()
    tags = JSONField(null=True)
    recorded_at = pw.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("name", "recorded_at"), False),)


class CustomerNote(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="notes", on_delete="CASCADE")
    author = pw.ForeignKeyField(User, backref="authored_notes")
    body = MediumTextField()
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("customer", "created_at"), False),)

    def check(self, errors: Errors) -> None:
        _add(
            errors, "body", v.required_error(self.body, QT_TRANSLATE_NOOP("Validation", "the note"))
        )


class CustomerTag(BaseModel):
    name = pw.CharField(max_length=48, unique=True)
    color = pw.CharField(max_length=7, default="#607D8B")
    description = pw.CharField(max_length=255, null=True)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "name",
            v.required_error(self.name, QT_TRANSLATE_NOOP("Validation", "a tag name")),
        )
        _add(errors, "color", v.color_error(self.color))


class CustomerTagAssignment(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="tag_assignments", on_delete="CASCADE")
    tag = pw.ForeignKeyField(CustomerTag, backref="assignments", on_delete="CASCADE")
    assigned_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    assigned_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("customer", "tag"), True),)


class CustomerSegment(BaseModel):
    name = pw.CharField(max_length=64, unique=True)
    description = pw.CharField(max_length=255, null=True)
    criteria = JSONField(null=True)
    is_automatic = pw.BooleanField(default=False)

    def check(self, errors: Errors) -> None:
        _add(
            errors,
            "name",
            v.required_error(self.name, QT_TRANSLATE_NOOP("Validation", "a segment name")),
        )


class CustomerSegmentAssignment(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="segment_assignments", on_delete="CASCADE")
    segment = pw.ForeignKeyField(CustomerSegment, backref="assignments", on_delete="CASCADE")
    assigned_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("customer", "segment"), True),)


class CustomerHealthScore(BaseModel):
    """A health score (0–100) and its four parts; the newest is copied to Customer.health_score."""

    customer = pw.ForeignKeyField(
        Customer, backref="health_scores", on_delete="CASCADE", index=False
    )  # the (customer, computed_at) index below serves it
    score = pw.SmallIntegerField()
    purchase_score = pw.SmallIntegerField()
    engagement_score = pw.SmallIntegerField()
    support_score = pw.SmallIntegerField()
    recency_score = pw.SmallIntegerField()
    factors = JSONField(null=True)
    recommendations = JSONField(null=True)
    computed_at = pw.DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("customer", "computed_at"), False),)

    def check(self, errors: Errors) -> None:
        for field in (
            "score",
            "purchase_score",
            "engagement_score",
            "support_score",
            "recency_score",
        ):
            _add(errors, field, v.score_error(getattr(self, field), field.replace("_", " ")))


class Intervention(BaseModel):
    """A retention outreach (seed 003): who reached out, how, and what came of it."""

    customer = pw.ForeignKeyField(Customer, backref="interventions", on_delete="CASCADE")
    user = pw.ForeignKeyField(User, backref="interventions")
    channel = pw.CharField(max_length=8, choices=choices(Channel))
    kind = pw.CharField(max_length=24, choices=choices(InterventionKind))
    status = pw.CharField(
        max_length=16,
        choices=choices(InterventionStatus),
        default=InterventionStatus.INITIATED.value,
        index=True,
    )
    outcome = pw.CharField(
        max_length=16, choices=choices(InterventionOutcome), null=True, index=True
    )
    started_at = pw.DateTimeField(default=utcnow, index=True)
    ended_at = pw.DateTimeField(null=True)
    resolution_seconds = pw.IntegerField(null=True)
    revenue_retained = money(default=0)
    notes = MediumTextField(null=True)
    version = pw.IntegerField(default=1)

    def check(self, errors: Errors) -> None:
        started, ended = self.started_at, self.ended_at
        if ended is not None and started is not None and ended < started:
            errors["ended_at"] = QT_TRANSLATE_NOOP(
                "Validation", "the end cannot be before the start"
            )
        _add(
            errors,
            "revenue_retained",
            v.non_negative_error(self.revenue_retained, QT_TRANSLATE_NOOP("Validation", "revenue")),
        )


class AuditLog(BaseModel):
    """Who changed what: one row per write through the service layer."""

    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    action = pw.CharField(max_length=32, index=True)
    entity = pw.CharField(max_length=48)
    entity_id = pw.IntegerField(null=True)
    before = JSONField(null=True)
    after = JSONField(null=True)
    # Set when the change was made offline and applied by a sync: where and when the user acted
    # (created_at is when the server applied it).
    device = pw.CharField(max_length=64, null=True)
    acted_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("entity", "entity_id"), False), (("created_at",), False))


class AppliedMutation(BaseModel):
    """An offline change a sync applied: the unique (device, mutation id) is inserted in the
    same transaction as the change, so a push whose reply was lost is never applied twice."""

    device = pw.CharField(max_length=64)
    mutation_id = pw.CharField(max_length=36)
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    operation = pw.CharField(max_length=32)
    acted_at = pw.DateTimeField()
    outcome = pw.CharField(max_length=16)  # applied, merged, superseded, partial, conflict
    detail = JSONField(null=True)  # per row: what was applied and what conflicted, and why

    class Meta:
        indexes = ((("device", "mutation_id"), True),)


RETENTION_DAYS_MIN = 1
RETENTION_DAYS_MAX = 36_500  # a hundred years: "keep everything" without a special value


class RetentionPolicy(BaseModel):
    """How long old rows are kept (Settings, `churnwatch retention`): one row, id 1, written by
    an admin through the service layer; no row means the seeds' defaults
    (`desktop.core.retention.policy.DEFAULTS`)."""

    events_days = pw.IntegerField(default=90)
    predictions_days = pw.IntegerField(default=30)
    resolved_alerts_days = pw.IntegerField(default=7)
    metrics_days = pw.IntegerField(default=365)
    deleted_customers_days = pw.IntegerField(default=30)
    version = pw.IntegerField(default=1)

    def check(self, errors: Errors) -> None:
        for name in ("events_days", "predictions_days", "resolved_alerts_days", "metrics_days",
                     "deleted_customers_days"):  # fmt: skip
            value = getattr(self, name)
            if not isinstance(value, int) or not (
                RETENTION_DAYS_MIN <= value <= RETENTION_DAYS_MAX
            ):
                errors[name] = QT_TRANSLATE_NOOP(
                    "Validation",
                    "{name} must be a whole number of days from {retention_days_min} to "
                    "{retention_days_max}",
                ).format(
                    name=name.replace("_", " "),
                    retention_days_min=RETENTION_DAYS_MIN,
                    retention_days_max=Number(RETENTION_DAYS_MAX),
                )


ALERT_POLICY_MODES = ("top_share", "threshold", "top_k", "per_agent_cap")


class AlertPolicySetting(BaseModel):
    """The live alert policy (`desktop.core.churn.policy.rules.AlertPolicy`): one row, id 1,
    created with the adaptive default (the top decile by expected lost value) and changed only
    by a supervisor or an admin through the service layer ("Apply", audited, versioned)."""

    mode = pw.CharField(max_length=16, default="top_share")
    top_share = pw.DoubleField(default=0.10)
    threshold = pw.DoubleField(default=0.5)
    top_k = pw.IntegerField(default=50)
    per_agent_per_day = pw.IntegerField(default=5)
    rise_points = pw.DoubleField(default=20.0)
    payment_at_risk = pw.BooleanField(default=True)
    set_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    set_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "alert_policy"

    def check(self, errors: Errors) -> None:
        if self.mode not in ALERT_POLICY_MODES:
            errors["mode"] = f"the mode must be one of {', '.join(ALERT_POLICY_MODES)}"


class RetentionRun(BaseModel):
    """One purge by the retention policy, the marker that makes it resumable: the cutoffs fixed
    when it started (so a run resumed after a crash removes what the first attempt meant to),
    and the rows removed so far per table, counted in each batch's own transaction. Finished,
    its counts go to the audit log, one row per table."""

    started_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    plan = JSONField()  # {table: {"before": iso datetime, ...}}
    deleted = JSONField(null=True)  # {table: rows removed so far}
    finished_at = pw.DateTimeField(null=True, index=True)


# In dependency order: create in this order, drop in reverse.
ALL_MODELS: tuple[type[pw.Model], ...] = (
    SchemaVersion,
    User,
    SignInAttempt,
    Customer,
    CustomerSearchToken,
    Order,
    OrderItem,
    Plan,
    Subscription,
    PaymentMethod,
    PaymentTransaction,
    CustomerEvent,
    SupportTicket,
    TicketMessage,
    ChurnRecord,
    ImportMapping,
    ImportRun,
    ModelVersion,
    ScoringRun,
    ScoringChunk,
    ChurnPrediction,
    Alert,
    SystemMetric,
    CustomerNote,
    CustomerTag,
    CustomerTagAssignment,
    CustomerSegment,
    CustomerSegmentAssignment,
    CustomerHealthScore,
    Intervention,
    AuditLog,
    AppliedMutation,
    RetentionPolicy,
    RetentionRun,
    AlertPolicySetting,
)

DATA_MODELS: tuple[type[pw.Model], ...] = tuple(m for m in ALL_MODELS if m is not SchemaVersion)

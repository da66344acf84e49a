"""The first commit's models (ef90290), frozen: the schema the oldest databases were made with.

Vendored for the migration tests: `git show ef90290:db/models.py`, keeping every field and index
exactly and dropping what has no effect on the DDL (validation methods, docstrings, `choices=`;
enum defaults written as their values). Never edit it to follow the current models: it is the
starting point the migration ladder must bring up to date.

`first_release_models(database, health_score=True)` is that commit's schema, which it stamped
version 2; without `health_score` it is version 1, the schema step 2 starts from.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import peewee as pw

from db.fields import JSONField, LongBlobField

HEALTH_INDEX = "idx_customer_health"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def money(**kwargs: Any) -> pw.DecimalField:
    return pw.DecimalField(max_digits=12, decimal_places=2, auto_round=True, **kwargs)


def first_release_models(
    bound: pw.Database, *, health_score: bool = True
) -> tuple[type[pw.Model], ...]:
    """Fresh model classes of the first commit, bound to `bound`, in dependency order."""

    class BaseModel(pw.Model):
        created_at = pw.DateTimeField(default=utcnow)
        updated_at = pw.DateTimeField(default=utcnow)

        class Meta:
            database = bound
            legacy_table_names = False

    class SchemaVersion(BaseModel):
        version = pw.IntegerField()

    class User(BaseModel):
        username = pw.CharField(max_length=64, unique=True)
        email = pw.CharField(max_length=254, unique=True)
        display_name = pw.CharField(max_length=128)
        role = pw.CharField(max_length=16, default="agent")
        password_hash = pw.CharField(max_length=255)
        active = pw.BooleanField(default=True)
        last_login_at = pw.DateTimeField(null=True)
        version = pw.IntegerField(default=1)

    class Customer(BaseModel):
        name = pw.CharField(max_length=160)
        email = pw.CharField(max_length=254, unique=True)
        phone = pw.CharField(max_length=32, null=True)
        country = pw.CharField(max_length=2, null=True)
        account_status = pw.CharField(max_length=16, default="active", index=True)
        customer_since = pw.DateField(default=date.today, index=True)
        churned_at = pw.DateTimeField(null=True, index=True)
        last_order_at = pw.DateTimeField(null=True, index=True)
        last_activity_at = pw.DateTimeField(null=True, index=True)
        total_orders = pw.IntegerField(default=0, index=True)
        total_spent = money(default=0, index=True)
        average_order_value = money(default=0)
        email_engagement_rate = pw.FloatField(default=0.0)
        logins_30d = pw.IntegerField(default=0)
        support_tickets = pw.IntegerField(default=0)
        returns_count = pw.IntegerField(default=0)
        payment_failures = pw.IntegerField(default=0)
        discount_usage = pw.FloatField(default=0.0)
        loyalty_points = pw.IntegerField(default=0)
        churn_probability = pw.FloatField(null=True, index=True)
        risk_level = pw.CharField(max_length=8, null=True, index=True)
        health_score = pw.SmallIntegerField(null=True)
        account_value = money(default=1, index=True)
        custom_attributes = JSONField(null=True)
        deleted_at = pw.DateTimeField(null=True, index=True)
        version = pw.IntegerField(default=1)

    class Order(BaseModel):
        order_number = pw.CharField(max_length=32, unique=True)
        customer = pw.ForeignKeyField(Customer, backref="orders", on_delete="CASCADE")
        status = pw.CharField(max_length=16, default="pending", index=True)
        subtotal = money(default=0)
        discount = money(default=0)
        shipping = money(default=0)
        total = money(default=0, index=True)
        currency = pw.CharField(max_length=3, default="USD")
        payment_status = pw.CharField(max_length=16, default="pending")
        carrier = pw.CharField(max_length=32, null=True)
        tracking_number = pw.CharField(max_length=64, null=True)
        placed_at = pw.DateTimeField(default=utcnow, index=True)
        delivered_at = pw.DateTimeField(null=True)

        class Meta:
            table_name = "orders"
            indexes = ((("customer", "placed_at"), False),)

    class OrderItem(BaseModel):
        order = pw.ForeignKeyField(Order, backref="items", on_delete="CASCADE")
        sku = pw.CharField(max_length=32)
        name = pw.CharField(max_length=160)
        quantity = pw.IntegerField(default=1, constraints=[pw.Check("quantity > 0")])
        unit_price = money(default=0)

    class Plan(BaseModel):
        name = pw.CharField(max_length=64, unique=True)
        interval = pw.CharField(max_length=8, default="month")
        price = money()
        currency = pw.CharField(max_length=3, default="USD")
        active = pw.BooleanField(default=True)

    class Subscription(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="subscriptions", on_delete="CASCADE")
        plan = pw.ForeignKeyField(Plan, backref="subscriptions")
        status = pw.CharField(max_length=16, default="active", index=True)
        started_at = pw.DateTimeField(default=utcnow)
        current_period_end = pw.DateTimeField(null=True)
        cancelled_at = pw.DateTimeField(null=True)
        cancel_reason = pw.CharField(max_length=255, null=True)

    class PaymentMethod(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="payment_methods", on_delete="CASCADE")
        brand = pw.CharField(max_length=16)
        last_four = pw.CharField(max_length=4)
        expiry_month = pw.SmallIntegerField(constraints=[pw.Check("expiry_month BETWEEN 1 AND 12")])
        expiry_year = pw.SmallIntegerField(index=True)
        status = pw.CharField(max_length=16, default="active", index=True)
        is_default = pw.BooleanField(default=True)
        failure_count = pw.IntegerField(default=0, constraints=[pw.Check("failure_count >= 0")])
        last_failure_at = pw.DateTimeField(null=True)
        last_success_at = pw.DateTimeField(null=True)
        version = pw.IntegerField(default=1)

    class PaymentTransaction(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="transactions", on_delete="CASCADE")
        subscription = pw.ForeignKeyField(Subscription, null=True, on_delete="SET NULL")
        order = pw.ForeignKeyField(Order, null=True, on_delete="SET NULL")
        payment_method = pw.ForeignKeyField(PaymentMethod, null=True, on_delete="SET NULL")
        amount = money()
        currency = pw.CharField(max_length=3, default="USD")
        status = pw.CharField(max_length=16, index=True)
        failure_reason = pw.CharField(max_length=128, null=True)
        occurred_at = pw.DateTimeField(default=utcnow, index=True)

        class Meta:
            indexes = ((("customer", "occurred_at"), False),)

    class CustomerEvent(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="events", on_delete="CASCADE")
        category = pw.CharField(max_length=16, index=True)
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
        customer = pw.ForeignKeyField(Customer, backref="tickets", on_delete="CASCADE")
        subject = pw.CharField(max_length=200)
        category = pw.CharField(max_length=16, index=True)
        priority = pw.CharField(max_length=8, default="medium", index=True)
        status = pw.CharField(max_length=16, default="open", index=True)
        assignee = pw.ForeignKeyField(User, null=True, backref="tickets", on_delete="SET NULL")
        channel = pw.CharField(max_length=8, default="email")
        opened_at = pw.DateTimeField(default=utcnow, index=True)
        first_response_at = pw.DateTimeField(null=True)
        resolved_at = pw.DateTimeField(null=True, index=True)
        escalated = pw.BooleanField(default=False, index=True)
        satisfaction = pw.SmallIntegerField(null=True)
        version = pw.IntegerField(default=1)

    class TicketMessage(BaseModel):
        ticket = pw.ForeignKeyField(SupportTicket, backref="messages", on_delete="CASCADE")
        author = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
        from_customer = pw.BooleanField(default=False)
        body = pw.TextField()
        internal = pw.BooleanField(default=False)

    class ModelVersion(BaseModel):
        name = pw.CharField(max_length=64, unique=True)
        algorithm = pw.CharField(max_length=64)
        parameters = JSONField(null=True)
        feature_definitions = JSONField(null=True)
        training_summary = JSONField(null=True)
        metrics = JSONField(null=True)
        threshold = pw.FloatField(default=0.5)
        artifact = LongBlobField(null=True)
        artifact_sha256 = pw.CharField(max_length=64, null=True)
        status = pw.CharField(max_length=16, default="candidate", index=True)
        trained_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
        trained_at = pw.DateTimeField(default=utcnow, index=True)
        activated_at = pw.DateTimeField(null=True)

    class ScoringRun(BaseModel):
        model_version = pw.ForeignKeyField(ModelVersion, backref="runs")
        status = pw.CharField(max_length=16, default="pending", index=True)
        started_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
        started_at = pw.DateTimeField(default=utcnow, index=True)
        finished_at = pw.DateTimeField(null=True)
        as_of = pw.DateTimeField(default=utcnow)
        total_customers = pw.IntegerField(default=0)
        scored_customers = pw.IntegerField(default=0)
        alerts_raised = pw.IntegerField(default=0)
        error = pw.TextField(null=True)

    class ScoringChunk(BaseModel):
        run = pw.ForeignKeyField(ScoringRun, backref="chunks", on_delete="CASCADE")
        seq = pw.IntegerField()
        first_customer_id = pw.IntegerField()
        last_customer_id = pw.IntegerField()
        status = pw.CharField(max_length=16, default="pending", index=True)
        claimed_by = pw.CharField(max_length=128, null=True)
        lease_expires_at = pw.DateTimeField(null=True, index=True)
        attempts = pw.IntegerField(default=0)
        scored = pw.IntegerField(default=0)

        class Meta:
            indexes = ((("run", "seq"), True),)

    class ChurnPrediction(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="predictions", on_delete="CASCADE")
        model_version = pw.ForeignKeyField(ModelVersion, backref="predictions", on_delete="CASCADE")
        run = pw.ForeignKeyField(ScoringRun, null=True, backref="predictions", on_delete="CASCADE")
        probability = pw.FloatField(index=True)
        risk_level = pw.CharField(max_length=8, index=True)
        confidence = pw.FloatField(null=True)
        factors = JSONField(null=True)
        scored_at = pw.DateTimeField(default=utcnow, index=True)

        class Meta:
            indexes = ((("run", "customer"), True), (("customer", "scored_at"), False))

    class Alert(BaseModel):
        type = pw.CharField(max_length=24, index=True)
        priority = pw.CharField(max_length=8, index=True)
        status = pw.CharField(max_length=16, default="open", index=True)
        customer = pw.ForeignKeyField(Customer, null=True, backref="alerts", on_delete="CASCADE")
        prediction = pw.ForeignKeyField(ChurnPrediction, null=True, on_delete="SET NULL")
        title = pw.CharField(max_length=200)
        message = pw.TextField(null=True)
        correlated_events = JSONField(null=True)
        assignee = pw.ForeignKeyField(
            User, null=True, on_delete="SET NULL", backref="assigned_alerts"
        )
        acknowledged_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        acknowledged_at = pw.DateTimeField(null=True)
        resolved_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        resolved_at = pw.DateTimeField(null=True, index=True)
        resolution_note = pw.TextField(null=True)
        dedupe_key = pw.CharField(max_length=128, null=True, unique=True)
        dedupe_basis = pw.CharField(max_length=128, null=True, index=True)
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("status", "priority", "created_at"), False),)

    class SystemMetric(BaseModel):
        name = pw.CharField(max_length=64)
        value = pw.FloatField()
        tags = JSONField(null=True)
        recorded_at = pw.DateTimeField(default=utcnow, index=True)

        class Meta:
            indexes = ((("name", "recorded_at"), False),)

    class CustomerNote(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="notes", on_delete="CASCADE")
        author = pw.ForeignKeyField(User, backref="authored_notes")
        body = pw.TextField()
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("customer", "created_at"), False),)

    class CustomerTag(BaseModel):
        name = pw.CharField(max_length=48, unique=True)
        color = pw.CharField(max_length=7, default="#607D8B")
        description = pw.CharField(max_length=255, null=True)

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

    class CustomerSegmentAssignment(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="segment_assignments", on_delete="CASCADE")
        segment = pw.ForeignKeyField(CustomerSegment, backref="assignments", on_delete="CASCADE")
        assigned_at = pw.DateTimeField(default=utcnow)

        class Meta:
            indexes = ((("customer", "segment"), True),)

    class CustomerHealthScore(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="health_scores", on_delete="CASCADE")
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

    class Intervention(BaseModel):
        customer = pw.ForeignKeyField(Customer, backref="interventions", on_delete="CASCADE")
        user = pw.ForeignKeyField(User, backref="interventions")
        channel = pw.CharField(max_length=8)
        kind = pw.CharField(max_length=24)
        status = pw.CharField(max_length=16, default="initiated", index=True)
        outcome = pw.CharField(max_length=16, null=True, index=True)
        started_at = pw.DateTimeField(default=utcnow, index=True)
        ended_at = pw.DateTimeField(null=True)
        resolution_seconds = pw.IntegerField(null=True)
        revenue_retained = money(default=0)
        notes = pw.TextField(null=True)
        version = pw.IntegerField(default=1)

    class AuditLog(BaseModel):
        user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
        action = pw.CharField(max_length=32, index=True)
        entity = pw.CharField(max_length=48)
        entity_id = pw.IntegerField(null=True)
        before = JSONField(null=True)
        after = JSONField(null=True)

        class Meta:
            indexes = ((("entity", "entity_id"), False), (("created_at",), False))

    if health_score:
        Customer.add_index(Customer.index(Customer.health_score, name=HEALTH_INDEX))
    else:
        Customer._meta.remove_field("health_score")
    return (
        SchemaVersion,
        User,
        Customer,
        Order,
        OrderItem,
        Plan,
        Subscription,
        PaymentMethod,
        PaymentTransaction,
        CustomerEvent,
        SupportTicket,
        TicketMessage,
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
    )

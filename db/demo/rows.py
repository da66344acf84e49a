"""The row plumbing every part of the demo shares: columns per table, batches, one chunk's rows.

Rows are plain tuples in `COLUMNS` order with values already in the form the drivers send (see
`db.bulk`): enum values as plain strings, times as text, JSON as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from db import models as m
from db.choices import EventCategory, TransactionStatus

Row = tuple[Any, ...]
Draw = Callable[[], float]  # a customer's random stream: rng.random


@dataclass
class Batch:
    """Rows for one table, as tuples in `columns` order."""

    model: type[pw.Model]
    columns: tuple[str, ...]
    rows: list[Row]


# --- columns written per table (field names; ids are explicit) ---------------------------------

COLUMNS: dict[type[pw.Model], tuple[str, ...]] = {
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
    m.CustomerSearchToken: ("token", "customer", "prev_token", "all_tokens"),
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
CHUNK_MODELS: tuple[type[pw.Model], ...] = (
    m.Customer,
    m.CustomerSearchToken,
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
DEMO_MODELS: tuple[type[pw.Model], ...] = (*STATIC_MODELS, *CHUNK_MODELS, m.SystemMetric)

# Enum values as plain strings (drivers send str, not a str subclass they do not know).
TX_OK = TransactionStatus.SUCCEEDED.value
TX_FAILED = TransactionStatus.FAILED.value
EV_ORDER = EventCategory.ORDER.value
EV_ENGAGEMENT = EventCategory.ENGAGEMENT.value
EV_SUPPORT = EventCategory.SUPPORT.value
EV_PAYMENT = EventCategory.PAYMENT.value
EV_ACCOUNT = EventCategory.ACCOUNT.value


def to_json(value: Any) -> str:
    """JSON text exactly as db.fields.JSONField writes it."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)


class Rows:
    """One chunk's rows per table, and the running ids (the last one used per table) they get.

    The ids belong to the generator and carry on from chunk to chunk: counted as rows are made,
    children name their parents without reading back, and a seed and day always give the same ids.
    """

    def __init__(self, ids: dict[type[pw.Model], int]) -> None:
        self.ids = ids
        self.by_model: dict[type[pw.Model], list[Row]] = {model: [] for model in CHUNK_MODELS}

    def batches(self) -> list[Batch]:
        return [Batch(model, COLUMNS[model], rows) for model, rows in self.by_model.items()]

"""The domain's closed vocabularies, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    AT_RISK = "at_risk"
    RESOLVED = "resolved"
    CHURNED = "churned"


class RiskLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"
    # Already churned by the model's inactivity definition: not scored (`churn.lapsed`).
    LAPSED = "LAPSED"


class OrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    RETURNED = "returned"


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    REFUNDED = "refunded"


class SubscriptionStatus(StrEnum):
    TRIALING = "trialing"
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class TransactionStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    PENDING = "pending"
    REFUNDED = "refunded"


class CardBrand(StrEnum):
    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    DISCOVER = "discover"


class PaymentMethodStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    FAILED = "failed"
    INVALID = "invalid"


class EventCategory(StrEnum):
    ORDER = "order"
    ENGAGEMENT = "engagement"
    SUPPORT = "support"
    PAYMENT = "payment"
    ACCOUNT = "account"


class TicketCategory(StrEnum):
    BILLING = "billing"
    SHIPPING = "shipping"
    PRODUCT = "product"
    ACCOUNT = "account"
    TECHNICAL = "technical"
    OTHER = "other"


class Priority(StrEnum):
    """Ticket and alert priority, in increasing urgency."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Channel(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"
    WEB = "web"
    SMS = "sms"


class AlertType(StrEnum):
    CHURN_RISK = "churn_risk"
    RISK_INCREASE = "risk_increase"
    PAYMENT_FAILED = "payment_failed"
    CARD_EXPIRING = "card_expiring"
    TICKET_ESCALATION = "ticket_escalation"
    SYSTEM = "system"


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class ModelStatus(StrEnum):
    CANDIDATE = "candidate"
    ACTIVE = "active"
    RETIRED = "retired"


class RunStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"


class ChunkStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    DONE = "done"


class InterventionKind(StrEnum):
    PAYMENT_UPDATE = "payment_update"
    RETENTION_OFFER = "retention_offer"
    CHECK_IN = "check_in"
    WIN_BACK = "win_back"


class InterventionStatus(StrEnum):
    INITIATED = "initiated"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class InterventionOutcome(StrEnum):
    PAYMENT_UPDATED = "payment_updated"
    RETAINED = "retained"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    CHURNED = "churned"


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Peewee `choices` for an enum: (stored value, label)."""
    return [(member.value, member.value.replace("_", " ")) for member in enum]

"""What can be imported: the kinds, the fields of each, and the column names (synonyms) each
field is recognised by, including the titles the list views export under ("Name", "Since",
"Orders", "Value / month" …), so an exported list imports back."""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee as pw

from db import models as m
from db.choices import (
    AccountStatus,
    CardBrand,
    Channel,
    EventCategory,
    OrderStatus,
    PaymentMethodStatus,
    PaymentStatus,
    Priority,
    SubscriptionStatus,
    TicketCategory,
    TicketStatus,
    TransactionStatus,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP

# Field types: how a cell is read (see `rows.convert`).
TEXT, EMAIL, INT, MONEY, FLOAT, PERCENT, DATE, DATETIME, BOOL, CHOICE = (
    "text", "email", "int", "money", "float", "percent", "date", "datetime", "bool", "choice",
)  # fmt: skip
REF = "ref"  # a reference to another kind's row, by its external id (or number, email)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    synonyms: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    column: str | None = None  # the model's field it fills (default: `name`)

    @property
    def target(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    model: type[pw.Model]
    fields: tuple[Field, ...]
    extras: str | None = None  # JSON field that keeps unmapped columns (custom attributes)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def norm(text: str) -> str:
    """A column name reduced for matching: `Customer ID`, `customer_id`, `CustomerID` alike."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _values(enum: type) -> tuple[str, ...]:
    return tuple(e.value for e in enum)  # type: ignore[attr-defined]


EXTERNAL_ID = ("external id", "source id", "import id")
CUSTOMER_REF = Field(
    "customer", QT_TRANSLATE_NOOP("Imports", "Customer (id or email)"), REF, True,
    ("CustomerID", "customer_id", "Customer ID", "customer", "Customer", "client id", "client",
     "customer number", "customer no", "buyer", "user id", "account id", "member id"),
)  # fmt: skip
CUSTOMER_EMAIL = Field(
    "customer_email", QT_TRANSLATE_NOOP("Imports", "Customer email"), EMAIL, False,
    ("email", "Email", "customer email", "e-mail", "email address", "buyer email"),
)  # fmt: skip
CUSTOMER_NAME = Field(
    "customer_name", QT_TRANSLATE_NOOP("Imports", "Customer name"), TEXT, False,
    ("customer name", "full name"),
)  # fmt: skip
CUSTOMER_COUNTRY = Field(
    "customer_country", QT_TRANSLATE_NOOP("Imports", "Customer country"), TEXT, False,
    ("country",),
)  # fmt: skip

CUSTOMERS = Kind(
    "customers", QT_TRANSLATE_NOOP("Imports", "Customers"), m.Customer,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Customer id"), TEXT, False,
              ("CustomerID", "customer_id", "Customer ID", "ID", "id", "customer number",
               "customer no", "client id", "user id", "account id", "member id", *EXTERNAL_ID)),
        Field("name", QT_TRANSLATE_NOOP("Imports", "Name"), TEXT, False,
              ("name", "Name", "full name", "customer name", "customer", "contact name")),
        Field("first_name", QT_TRANSLATE_NOOP("Imports", "First name"),
              TEXT, False, ("first name", "given name", "firstname")),
        Field("last_name", QT_TRANSLATE_NOOP("Imports", "Last name"), TEXT, False,
              ("last name", "surname", "family name", "lastname")),
        Field("email", QT_TRANSLATE_NOOP("Imports", "Email"),
              EMAIL, False, ("email", "e-mail", "email address", "mail")),
        Field("phone", QT_TRANSLATE_NOOP("Imports", "Phone"),
              TEXT, False, ("phone", "telephone", "phone number", "mobile")),
        Field("country", QT_TRANSLATE_NOOP("Imports", "Country"),
              TEXT, False, ("country", "country code")),
        Field("customer_since", QT_TRANSLATE_NOOP("Imports", "Customer since"), DATE, False,
              ("Since", "Customer since", "signup date", "sign up date", "created", "created at",
               "registration date", "registered", "joined", "join date", "first seen",
               "date joined", "start date")),
        Field("account_status", QT_TRANSLATE_NOOP("Imports", "Account status"), CHOICE, False,
              ("Account", "account status", "status"), _values(AccountStatus)),
        Field("churned", QT_TRANSLATE_NOOP("Imports", "Churned (yes/no)"), BOOL, False,
              ("churned", "churn", "is churned", "churn flag", "exited", "cancelled", "left")),
        Field("churned_at", QT_TRANSLATE_NOOP("Imports", "Churned on"), DATETIME, False,
              ("churned at", "churned on", "churn date", "cancellation date", "cancelled at")),
        Field("total_orders", QT_TRANSLATE_NOOP("Imports", "Orders"), INT, False,
              ("Orders", "total orders", "order count", "number of orders")),
        Field("total_spent", QT_TRANSLATE_NOOP("Imports", "Spent"), MONEY, False,
              ("Spent", "total spent", "total spend", "lifetime value", "ltv", "revenue")),
        Field("last_order_at", QT_TRANSLATE_NOOP("Imports", "Last order"), DATETIME, False,
              ("Last order", "last order date", "last purchase", "last order at")),
        Field("account_value", QT_TRANSLATE_NOOP("Imports", "Value per month"), MONEY, False,
              ("Value / month", "value per month", "account value", "mrr", "monthly value",
               "monthly revenue")),
        Field("loyalty_points", QT_TRANSLATE_NOOP("Imports", "Loyalty points"),
              INT, False, ("loyalty points", "points")),
        Field("risk_level", QT_TRANSLATE_NOOP("Imports", "Risk"),
              CHOICE, False, ("Risk", "risk level"),
              ("LOW", "MEDIUM", "HIGH", "CRITICAL")),
        Field("churn_probability", QT_TRANSLATE_NOOP("Imports", "Churn probability"),
              PERCENT, False,
              ("Churn probability", "churn probability", "churn %")),
        Field("health_score", QT_TRANSLATE_NOOP("Imports", "Health"),
              INT, False, ("Health", "health score")),
    ),
    extras="custom_attributes",
)  # fmt: skip

ITEM_FIELDS = (
    Field("item_external_id", QT_TRANSLATE_NOOP("Imports", "Item id"),
          TEXT, False, ("item id", "line id", "line item id")),
    Field("item_sku", QT_TRANSLATE_NOOP("Imports", "Item SKU"), TEXT, False,
          ("StockCode", "SKU", "product id", "product code", "item sku", "article number",
           "product sku", "item code")),
    Field("item_name", QT_TRANSLATE_NOOP("Imports", "Item name"), TEXT, False,
          ("Description", "product name", "product", "item name", "item", "article")),
    Field("item_quantity", QT_TRANSLATE_NOOP("Imports", "Quantity"),
          INT, False, ("Qty", "Quantity", "units", "item quantity")),
    Field("item_unit_price", QT_TRANSLATE_NOOP("Imports", "Unit price"), MONEY, False,
          ("UnitPrice", "unit price", "price", "item price", "price each")),
)  # fmt: skip

ORDERS = Kind(
    "orders",
    QT_TRANSLATE_NOOP("Imports", "Orders (optionally with their items, one row per item)"),
    m.Order,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Order id"), TEXT, False,
              ("OrderID", "order_id", "Order ID", "id", "InvoiceNo", "Invoice", "invoice id",
               "transaction id", *EXTERNAL_ID)),
        Field("order_number", QT_TRANSLATE_NOOP("Imports", "Order number"), TEXT, False,
              ("Order", "order number", "order no", "order #", "invoice number",
               "invoice no")),
        CUSTOMER_REF, CUSTOMER_EMAIL, CUSTOMER_NAME, CUSTOMER_COUNTRY,
        Field("status", QT_TRANSLATE_NOOP("Imports", "Status"),
              CHOICE, False, ("Status", "order status", "state"),
              _values(OrderStatus)),
        Field("payment_status", QT_TRANSLATE_NOOP("Imports", "Payment status"), CHOICE, False,
              ("Payment", "payment status", "financial status"), _values(PaymentStatus)),
        Field("subtotal", QT_TRANSLATE_NOOP("Imports", "Subtotal"),
              MONEY, False, ("subtotal", "sub total", "net")),
        Field("discount", QT_TRANSLATE_NOOP("Imports", "Discount"),
              MONEY, False, ("discount", "discounts", "discount amount")),
        Field("shipping", QT_TRANSLATE_NOOP("Imports", "Shipping"),
              MONEY, False, ("shipping", "shipping cost", "delivery")),
        Field("total", QT_TRANSLATE_NOOP("Imports", "Total"), MONEY, False,
              ("Total", "Amount", "order total", "grand total", "order value", "value", "sum",
               "total amount", "sales")),
        Field("currency", QT_TRANSLATE_NOOP("Imports", "Currency"),
              TEXT, False, ("currency", "currency code")),
        Field("placed_at", QT_TRANSLATE_NOOP("Imports", "Placed at"), DATETIME, True,
              ("InvoiceDate", "Order Date", "Placed", "placed at", "date", "order_date",
               "created at", "purchase date", "ordered at", "order time", "created",
               "transaction date")),
        Field("delivered_at", QT_TRANSLATE_NOOP("Imports", "Delivered at"), DATETIME, False,
              ("Delivered", "delivered at", "delivery date")),
        Field("carrier", QT_TRANSLATE_NOOP("Imports", "Carrier"),
              TEXT, False, ("carrier", "shipping carrier")),
        Field("tracking_number", QT_TRANSLATE_NOOP("Imports", "Tracking number"),
              TEXT, False, ("tracking number", "tracking")),
        *ITEM_FIELDS,
    ),
)  # fmt: skip

ORDER_ITEMS = Kind(
    "order-items", QT_TRANSLATE_NOOP("Imports", "Order items"), m.OrderItem,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Item id"),
              TEXT, False, ("item id", "line id", "id", *EXTERNAL_ID)),
        Field("order", QT_TRANSLATE_NOOP("Imports", "Order (id or number)"), REF, True,
              ("OrderID", "order_id", "Order", "InvoiceNo", "Invoice", "order number")),
        Field("sku", QT_TRANSLATE_NOOP("Imports", "SKU"), TEXT, True,
              ("StockCode", "SKU", "product id", "product code", "item code")),
        Field("name", QT_TRANSLATE_NOOP("Imports", "Name"), TEXT, False,
              ("Description", "product name", "product", "name", "item")),
        Field("quantity", QT_TRANSLATE_NOOP("Imports", "Quantity"),
              INT, False, ("Qty", "Quantity", "units")),
        Field("unit_price", QT_TRANSLATE_NOOP("Imports", "Unit price"),
              MONEY, False, ("UnitPrice", "unit price", "price")),
    ),
)  # fmt: skip

EVENTS = Kind(
    "events", QT_TRANSLATE_NOOP("Imports", "Customer events"), m.CustomerEvent,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Event id"),
              TEXT, False, ("event id", "id", *EXTERNAL_ID)),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("category", QT_TRANSLATE_NOOP("Imports", "Category"),
              CHOICE, False, ("category", "event category"),
              _values(EventCategory)),
        Field("event_type", QT_TRANSLATE_NOOP("Imports", "Event type"), TEXT, True,
              ("event", "event type", "type", "event name", "action")),
        Field("occurred_at", QT_TRANSLATE_NOOP("Imports", "Occurred at"), DATETIME, True,
              ("timestamp", "occurred at", "date", "time", "event time", "event date",
               "created at")),
        Field("session_id", QT_TRANSLATE_NOOP("Imports", "Session"),
              TEXT, False, ("session", "session id")),
        Field("device", QT_TRANSLATE_NOOP("Imports", "Device"),
              TEXT, False, ("device", "platform")),
    ),
    extras="data",
)  # fmt: skip

TICKETS = Kind(
    "tickets", QT_TRANSLATE_NOOP("Imports", "Support tickets"), m.SupportTicket,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Ticket id"),
              TEXT, False, ("ticket id", "id", *EXTERNAL_ID)),
        Field("number", QT_TRANSLATE_NOOP("Imports", "Ticket number"),
              TEXT, False, ("Number", "ticket number", "ticket no")),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("subject", QT_TRANSLATE_NOOP("Imports", "Subject"),
              TEXT, True, ("Subject", "title", "summary")),
        Field("category", QT_TRANSLATE_NOOP("Imports", "Category"),
              CHOICE, False, ("Category", "type", "topic"),
              _values(TicketCategory)),
        Field("priority", QT_TRANSLATE_NOOP("Imports", "Priority"),
              CHOICE, False, ("Priority", "urgency"), _values(Priority)),
        Field("status", QT_TRANSLATE_NOOP("Imports", "Status"),
              CHOICE, False, ("Status", "state"), _values(TicketStatus)),
        Field("channel", QT_TRANSLATE_NOOP("Imports", "Channel"),
              CHOICE, False, ("channel", "source", "via"),
              _values(Channel)),
        Field("opened_at", QT_TRANSLATE_NOOP("Imports", "Opened at"), DATETIME, True,
              ("Opened", "opened at", "created at", "created", "date", "submitted at")),
        Field("first_response_at", QT_TRANSLATE_NOOP("Imports", "First response"), DATETIME, False,
              ("First response", "first response at", "first reply")),
        Field("resolved_at", QT_TRANSLATE_NOOP("Imports", "Resolved at"), DATETIME, False,
              ("Resolved", "resolved at", "closed at", "solved at")),
        Field("escalated", QT_TRANSLATE_NOOP("Imports", "Escalated"), BOOL, False, ("escalated",)),
        Field("satisfaction", QT_TRANSLATE_NOOP("Imports", "Satisfaction (1–5)"), INT, False,
              ("satisfaction", "csat", "rating")),
    ),
)  # fmt: skip

TICKET_MESSAGES = Kind(
    "ticket-messages", QT_TRANSLATE_NOOP("Imports", "Support ticket messages"), m.TicketMessage,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Message id"),
              TEXT, False, ("message id", "id", *EXTERNAL_ID)),
        Field("ticket", QT_TRANSLATE_NOOP("Imports", "Ticket (id or number)"), REF, True,
              ("ticket", "ticket id", "ticket number", "Number")),
        Field("body", QT_TRANSLATE_NOOP("Imports", "Message"),
              TEXT, True, ("body", "message", "text", "comment", "content")),
        Field("from_customer", QT_TRANSLATE_NOOP("Imports", "From the customer"), BOOL, False,
              ("from customer", "from_customer", "customer message", "is customer")),
        Field("internal", QT_TRANSLATE_NOOP("Imports", "Internal note"),
              BOOL, False, ("internal", "private", "is internal")),
        Field("created_at", QT_TRANSLATE_NOOP("Imports", "Sent at"), DATETIME, False,
              ("sent at", "created at", "date", "timestamp", "created")),
    ),
)  # fmt: skip

PAYMENT_METHODS = Kind(
    "payment-methods", QT_TRANSLATE_NOOP("Imports", "Payment methods"), m.PaymentMethod,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Payment method id"), TEXT, False,
              ("payment method id", "card id", "id", *EXTERNAL_ID)),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("brand", QT_TRANSLATE_NOOP("Imports", "Card brand"),
              CHOICE, True, ("brand", "card brand", "card type"),
              _values(CardBrand)),
        Field("last_four", QT_TRANSLATE_NOOP("Imports", "Last four digits"), TEXT, True,
              ("last four", "last 4", "last4", "last digits")),
        Field("expiry_month", QT_TRANSLATE_NOOP("Imports", "Expiry month"), INT, True,
              ("expiry month", "exp month", "expiration month")),
        Field("expiry_year", QT_TRANSLATE_NOOP("Imports", "Expiry year"), INT, True,
              ("expiry year", "exp year", "expiration year")),
        Field("status", QT_TRANSLATE_NOOP("Imports", "Status"),
              CHOICE, False, ("status",), _values(PaymentMethodStatus)),
        Field("is_default", QT_TRANSLATE_NOOP("Imports", "Default"),
              BOOL, False, ("default", "is default", "primary")),
        Field("failure_count", QT_TRANSLATE_NOOP("Imports", "Failures"),
              INT, False, ("failures", "failure count")),
        Field("last_failure_at", QT_TRANSLATE_NOOP("Imports", "Last failure"),
              DATETIME, False, ("last failure",)),
        Field("last_success_at", QT_TRANSLATE_NOOP("Imports", "Last success"),
              DATETIME, False, ("last success",)),
    ),
)  # fmt: skip

TRANSACTIONS = Kind(
    "transactions", QT_TRANSLATE_NOOP("Imports", "Payment transactions"), m.PaymentTransaction,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Transaction id"), TEXT, False,
              ("transaction id", "payment id", "charge id", "id", *EXTERNAL_ID)),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("amount", QT_TRANSLATE_NOOP("Imports", "Amount"),
              MONEY, True, ("Amount", "value", "total", "sum")),
        Field("currency", QT_TRANSLATE_NOOP("Imports", "Currency"), TEXT, False, ("currency",)),
        Field("status", QT_TRANSLATE_NOOP("Imports", "Status"),
              CHOICE, True, ("status", "outcome", "result"),
              _values(TransactionStatus)),
        Field("failure_reason", QT_TRANSLATE_NOOP("Imports", "Failure reason"), TEXT, False,
              ("failure reason", "decline reason", "error")),
        Field("occurred_at", QT_TRANSLATE_NOOP("Imports", "Occurred at"), DATETIME, True,
              ("date", "occurred at", "created at", "timestamp", "charged at", "paid at")),
    ),
)  # fmt: skip

SUBSCRIPTIONS = Kind(
    "subscriptions", QT_TRANSLATE_NOOP("Imports", "Subscriptions"), m.Subscription,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Subscription id"), TEXT, False,
              ("subscription id", "id", *EXTERNAL_ID)),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("plan", QT_TRANSLATE_NOOP("Imports", "Plan"),
              TEXT, True, ("plan", "plan name", "product", "tier")),
        Field("price", QT_TRANSLATE_NOOP("Imports", "Plan price"),
              MONEY, False, ("price", "plan price", "amount", "mrr")),
        Field("interval", QT_TRANSLATE_NOOP("Imports", "Billing interval"), CHOICE, False,
              ("interval", "billing interval", "billing period", "period"), ("month", "year")),
        Field("status", QT_TRANSLATE_NOOP("Imports", "Status"), CHOICE, False, ("status", "state"),
              _values(SubscriptionStatus)),
        Field("started_at", QT_TRANSLATE_NOOP("Imports", "Started at"), DATETIME, True,
              ("started at", "start date", "start", "created at", "subscribed at")),
        Field("current_period_end", QT_TRANSLATE_NOOP("Imports", "Period end"), DATETIME, False,
              ("current period end", "period end", "renews at", "next billing date")),
        Field("cancelled_at", QT_TRANSLATE_NOOP("Imports", "Cancelled at"), DATETIME, False,
              ("cancelled at", "canceled at", "cancellation date", "ended at", "end date")),
        Field("cancel_reason", QT_TRANSLATE_NOOP("Imports", "Cancel reason"), TEXT, False,
              ("cancel reason", "cancellation reason", "reason")),
    ),
)  # fmt: skip

CHURN = Kind(
    "churn", QT_TRANSLATE_NOOP("Imports", "Churn records (customer, churned on, reason)"),
    m.ChurnRecord,
    (
        Field("external_id", QT_TRANSLATE_NOOP("Imports", "Churn record id"),
              TEXT, False, ("churn id", "id", *EXTERNAL_ID)),
        CUSTOMER_REF, CUSTOMER_EMAIL,
        Field("churned_on", QT_TRANSLATE_NOOP("Imports", "Churned on"), DATE, True,
              ("churned on", "churn date", "churned at", "date", "cancelled at",
               "cancellation date", "ended at")),
        Field("reason", QT_TRANSLATE_NOOP("Imports", "Reason"),
              TEXT, False, ("reason", "churn reason", "cancel reason")),
    ),
)  # fmt: skip

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        CUSTOMERS, ORDERS, ORDER_ITEMS, EVENTS, TICKETS, TICKET_MESSAGES, PAYMENT_METHODS,
        TRANSACTIONS, SUBSCRIPTIONS, CHURN,
    )
}  # fmt: skip
ALIASES = {"items": "order-items", "order_items": "order-items", "customer-events": "events",
           "ticket_messages": "ticket-messages", "messages": "ticket-messages",
           "payment_methods": "payment-methods", "cards": "payment-methods",
           "payments": "transactions", "payment-transactions": "transactions",
           "churn-records": "churn"}  # fmt: skip


def kind(name: str) -> Kind:
    """The kind a user names (`orders`, `order-items`, `items` …); `KeyError` with the list."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in KINDS:
        raise KeyError(f"'{name}' is not something ChurnWatch imports: {', '.join(KINDS)}")
    return KINDS[key]

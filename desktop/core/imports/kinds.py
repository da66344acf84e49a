"""Per kind: the columns a converted row becomes, and its identity (`external_id`, or the key
made from what identifies it when the file has no id)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from db import models as m
from db.validation import email_error, last_four_error
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.imports.rows import CENT
from desktop.core.imports.store import CHURNED, Outcome, Row, Store, natural_key, placeholder_email

Writer = Callable[[Store, list[Row]], Outcome]


def customers(store: Store, rows: list[Row]) -> Outcome:  # noqa: PLR0912, PLR0915 - one rule a line
    out = Outcome()
    C = m.Customer  # noqa: N806
    ready: list[tuple[Row, dict[str, Any]]] = []
    for row in rows:
        v = row[1]
        name = v.get("name") or " ".join(p for p in (v.get("first_name"), v.get("last_name")) if p)
        email = v.get("email")
        if email and email_error(email):
            store.reject(out, row, "email", f"'{email}' is not an email address")
            continue
        if not v.get("external_id") and not email:
            store.reject(out, row, None, "a customer needs an id or an email address")
            continue
        values: dict[str, Any] = {
            k: v.get(k)
            for k in ("external_id", "email", "phone", "country", "customer_since", "churned_at",
                      "total_orders", "total_spent", "last_order_at", "account_value",
                      "loyalty_points", "risk_level", "churn_probability", "health_score",
                      "account_status")
        }  # fmt: skip
        values["name"] = name or None
        if v.get("churned") is True:
            values["account_status"] = CHURNED
        if values["account_value"] is not None and values["account_value"] <= 0:
            store.reject(out, row, "account_value", "the value per month must be above 0")
            continue
        if values["country"] and len(values["country"]) > 2:
            store.reject(out, row, "country", f"'{values['country']}' is not a 2-letter code")
            continue
        values["__extras__"] = v.get("__extras__")
        ready.append((row, values))
    by_ext = store.fetch(C, "external_id", [x["external_id"] for _, x in ready],
                         _CUSTOMER_COLUMNS)  # fmt: skip
    by_email = store.fetch(C, "email", [x["email"] for _, x in ready], _CUSTOMER_COLUMNS)
    new: dict[str, dict[str, Any]] = {}
    changed: dict[int, dict[str, Any]] = {}
    renamed: set[int] = set()
    for row, values in ready:
        ext, email = values["external_id"], values["email"]
        stored = by_ext.get(ext) if ext else None
        if stored is None and email:
            stored = by_email.get(email)
            if stored is not None and ext and stored["external_id"] not in (None, ext):
                store.reject(out, row, "email", f"'{email}' belongs to another customer "
                             f"(id {stored['external_id']})")  # fmt: skip
                continue
        extras = values.pop("__extras__")
        if stored is None:
            key = ext or email
            values["name"] = values["name"] or email or ext
            values["email"] = email or placeholder_email(ext)
            if extras:
                values["custom_attributes"] = extras
            if key in new:
                out.unchanged += 1
            new[key] = {k: x for k, x in values.items() if x is not None}
            continue
        if extras:
            values["custom_attributes"] = {**(stored.get("custom_attributes") or {}), **extras}
        diff = store.changes(stored, values)
        out.customers.add(stored["id"])
        if diff:
            changed.setdefault(stored["id"], {}).update(diff)
            if {"name", "email"} & set(diff):
                renamed.add(stored["id"])
        else:
            out.unchanged += 1
    emails = [x["email"] for x in new.values()]
    taken = store.fetch(C, "email", emails, ())
    seen: set[str] = set()
    for key, values in list(new.items()):
        if values["email"] in taken or values["email"] in seen:
            del new[key]
            out.rejected.append((_problem(store, rows, key, values["email"]), []))
        seen.add(values["email"])
    out.inserted += store.insert(C, list(new.values()))
    out.updated += store.update(C, list(changed.items()))
    if store.write:
        created = store.fetch(C, "email", emails, ())
        store.index_names([*(r["id"] for r in created.values()), *renamed])
        out.customers |= {r["id"] for r in created.values()}
    return out


def _problem(store: Store, rows: list[Row], key: str, email: str) -> Any:
    from desktop.core.imports.rows import RowProblem

    line = next((r[0] for r in rows if key in (r[1].get("external_id"), r[1].get("email"))), 0)
    return RowProblem(
        line,
        store.plan.header_of("email"),
        QT_TRANSLATE_NOOP("Imports", "'{email}' is already taken").format(email=email),
    )


_CUSTOMER_COLUMNS = (
    "external_id", "email", "name", "phone", "country", "customer_since", "churned_at",
    "total_orders", "total_spent", "last_order_at", "account_value", "loyalty_points",
    "risk_level", "churn_probability", "health_score", "account_status", "custom_attributes",
)  # fmt: skip

_ORDER_COLUMNS = ("status", "payment_status", "subtotal", "discount", "shipping", "total",
                  "currency", "placed_at", "delivered_at", "carrier",
                  "tracking_number")  # fmt: skip
_MONEY = ("subtotal", "discount", "shipping", "total")
_ITEM_KEYS = ("item_sku", "item_name", "item_quantity", "item_unit_price", "item_external_id")


def orders(store: Store, rows: list[Row]) -> Outcome:  # noqa: PLR0912, PLR0915 - one rule a line
    """Orders, one row per order or one row per item (rows of an order next to each other)."""
    out = Outcome()
    with_items = any(k in store.plan.index for k in _ITEM_KEYS[:2])
    groups: dict[str, list[Row]] = {}
    for row in rows:
        v = row[1]
        key = v.get("external_id") or v.get("order_number")
        if not key:
            store.reject(out, row, None, "an order needs an order id or number")
            continue
        number = v.get("order_number") or key
        if len(number) > 32:
            store.reject(out, row, "order_number", f"'{number}' is longer than 32 characters")
            continue
        if with_items:
            quantity = v.get("item_quantity", 1)
            if quantity < 1:
                store.reject(out, row, "item_quantity", f"'{quantity}' is not a quantity of 1 "
                             "or more (returns are orders of their own)")  # fmt: skip
                continue
            if v.get("item_unit_price", 0) < 0:
                store.reject(out, row, "item_unit_price", "the unit price cannot be negative")
                continue
        groups.setdefault(key, []).append(row)
    firsts = [g[0] for g in groups.values()]
    resolved = {r[0]: cid for r, cid in store.customers_for(firsts, out)}
    # Another order holding a number: only possible when the file gives numbers of their own
    # (otherwise the number is the id, found as the same order).
    taken = (
        store.fetch(m.Order, "order_number",
                    [g[0][1].get("order_number") or k for k, g in groups.items()],
                    ("external_id",))
        if "order_number" in store.plan.index
        else {}
    )  # fmt: skip
    items: list[tuple[int, str, dict[str, Any]]] = []
    numbers: set[str] = set()
    orders_in: list[tuple[int, str, dict[str, Any]]] = []
    # Only a mapped column can hold a value: every row gets those (None when empty, so the
    # rows of a batch share their names, see `Store.insert`); the others stay NULL or default.
    index = store.plan.index
    mapped = [name for name in _ORDER_COLUMNS if name in index]
    monies = [name for name in _MONEY if name in index]
    touched = out.customers
    for key, group in groups.items():
        first = group[0]
        customer = resolved.get(first[0])
        if customer is None:
            for other_row in group[1:]:
                store.reject(out, other_row, "customer", "the order's customer is not known")
            continue
        v = first[1]
        number = v.get("order_number") or key
        other = taken.get(number) if taken else None
        if (other is not None and other["external_id"] not in (None, key)) or number in numbers:
            store.reject(out, first, "order_number", f"'{number}' is another order's number")
            continue
        values: dict[str, Any] = dict(zip(mapped, map(v.get, mapped), strict=True))
        negative = None
        for name in monies:
            amount = values[name]
            if amount is not None and amount < 0:
                negative = name
                break
        if negative is not None:
            store.reject(out, first, negative, f"the {negative} cannot be negative")
            continue
        values["customer"] = customer
        values["order_number"] = number
        numbers.add(number)
        if values.get("currency"):
            values["currency"] = str(values["currency"]).upper()[:3]
        if with_items:
            lines_total = Decimal(0)
            for n, (_line, iv, _cells) in enumerate(group, start=1):
                sku = iv.get("item_sku") or (iv.get("item_name") or "")[:32]
                if not sku:
                    continue
                quantity = iv.get("item_quantity", 1)
                price = iv.get("item_unit_price", Decimal(0))
                lines_total += quantity * price
                items.append((_line, iv.get("item_external_id") or f"{key}#{n}", {
                    "sku": sku[:32], "name": (iv.get("item_name") or sku)[:160],
                    "quantity": quantity, "unit_price": price,
                }))  # fmt: skip
            if values.get("total") is None:
                values["total"] = lines_total.quantize(CENT)
        if values.get("subtotal") is None:
            values["subtotal"] = values.get("total")
        orders_in.append((first[0], key, values))
        touched.add(customer)
    ids = store.upsert(m.Order, orders_in, out, ids_of_new=bool(items)) if orders_in else {}
    if items:
        sub = Outcome()
        for _line, ikey, iv in items:
            iv["order"] = ids.get(ikey.rsplit("#", 1)[0]) or _order_of(ikey, orders_in, ids)
        store.upsert(m.OrderItem, [i for i in items if i[2]["order"]], sub)
    if not store.write:
        out.inserted = sum(1 for _l, k, _v in orders_in) - out.updated - out.unchanged
    return out


def _order_of(item_key: str, orders_in: list[tuple[int, str, dict[str, Any]]],
              ids: dict[str, int]) -> int | None:  # fmt: skip
    for _line, key, _values in orders_in:
        if item_key.startswith(key + "#"):
            return ids.get(key)
    return None


def order_items(store: Store, rows: list[Row]) -> Outcome:
    out = Outcome()
    store.orders_for(str(r[1]["order"]) for r in rows)
    items = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        v = row[1]
        order = store.order_ids.get(v["order"])
        if order is None:
            store.reject(out, row, "order", f"no order '{v['order']}' is known")
            continue
        quantity = v.get("quantity", 1)
        if quantity < 1:
            store.reject(out, row, "quantity", f"'{quantity}' is not a quantity of 1 or more")
            continue
        price = v.get("unit_price", Decimal(0))
        if price < 0:
            store.reject(out, row, "unit_price", "the unit price cannot be negative")
            continue
        n = seen[(v["order"], v["sku"])] = seen.get((v["order"], v["sku"]), 0) + 1
        key = v.get("external_id") or natural_key(v["order"], v["sku"], n)
        items.append((row[0], key, {"order": order, "sku": v["sku"],
                                    "name": v.get("name") or v["sku"], "quantity": quantity,
                                    "unit_price": price}))  # fmt: skip
    store.upsert(m.OrderItem, items, out)
    if items and store.write:
        for part in (list({i[2]["order"] for i in items}),):
            for (cid,) in m.Order.select(m.Order.customer).where(m.Order.id.in_(part)).tuples():
                out.customers.add(cid)
    return out


def _simple(
    model: type[m.BaseModel],
    columns: tuple[str, ...],
    identity: tuple[str, ...],
    check: Callable[[Store, Outcome, Row, dict[str, Any]], bool] | None = None,
) -> Writer:
    """A kind whose rows refer to a customer and become one row each."""

    def write(store: Store, rows: list[Row]) -> Outcome:
        out = Outcome()
        items = []
        for row, cid in store.customers_for(rows, out):
            v = row[1]
            values = {k: v.get(k) for k in columns}
            values["customer"] = cid
            if check is not None and not check(store, out, row, values):
                continue
            key = v.get("external_id") or natural_key(
                store._ref(v), *(values.get(k) for k in identity)
            )
            items.append((row[0], key, values))
        store.upsert(model, items, out)
        return out

    return write


def _event_check(store: Store, out: Outcome, row: Row, values: dict[str, Any]) -> bool:
    if not values.get("category"):
        kind = str(values["event_type"]).lower()
        values["category"] = next(
            (cat for prefix, cat in (("order", "order"), ("purchase", "order"), ("cart", "order"),
             ("ticket", "support"), ("support", "support"), ("payment", "payment"),
             ("charge", "payment"), ("login", "account"), ("signup", "account"),
             ("account", "account")) if kind.startswith(prefix)),
            "engagement",
        )  # fmt: skip
    extras = row[1].get("__extras__")
    if extras:
        values["data"] = extras
    return True


def _card_check(store: Store, out: Outcome, row: Row, values: dict[str, Any]) -> bool:
    digits = "".join(ch for ch in str(values["last_four"]) if ch.isdigit())[-4:]
    if last_four_error(digits):
        store.reject(out, row, "last_four", f"'{values['last_four']}' holds no 4 last digits")
        return False
    values["last_four"] = digits
    year = values["expiry_year"]
    if year < 100:
        values["expiry_year"] = year = 2000 + year
    if not 1 <= values["expiry_month"] <= 12:
        store.reject(out, row, "expiry_month", f"'{values['expiry_month']}' is not a month")
        return False
    if (values.get("failure_count") or 0) < 0:
        store.reject(out, row, "failure_count", "the failure count cannot be negative")
        return False
    return True


def _amount_check(store: Store, out: Outcome, row: Row, values: dict[str, Any]) -> bool:
    if values["amount"] < 0:
        store.reject(out, row, "amount", "the amount cannot be negative")
        return False
    if values.get("currency"):
        values["currency"] = str(values["currency"]).upper()[:3]
    return True


def _subscription_check(store: Store, out: Outcome, row: Row, values: dict[str, Any]) -> bool:
    plan = values.pop("plan")
    price, interval = values.pop("price"), values.pop("interval")
    plan_id = store.plan_for(str(plan)[:64], price, interval)
    if plan_id is None:
        store.reject(out, row, "plan", f"no plan '{plan}' is known; add a price column to "
                     "create it")  # fmt: skip
        return False
    values["plan"] = plan_id or None
    return bool(plan_id) or not store.write


def _ticket_writer(store: Store, rows: list[Row]) -> Outcome:
    out = Outcome()
    items = []
    for row, cid in store.customers_for(rows, out):
        v = row[1]
        key = v.get("external_id") or v.get("number")
        if not key:
            store.reject(out, row, None, "a ticket needs an id or a number")
            continue
        number = v.get("number") or (key if len(key) <= 16 else "I-" + natural_key(key)[2:14])
        if len(number) > 16:
            store.reject(out, row, "number", f"'{number}' is longer than 16 characters")
            continue
        values = {k: v.get(k) for k in ("subject", "category", "priority", "status", "channel",
                                         "opened_at", "first_response_at", "resolved_at",
                                         "escalated", "satisfaction")}  # fmt: skip
        if values["satisfaction"] is not None and not 1 <= values["satisfaction"] <= 5:
            store.reject(out, row, "satisfaction", "satisfaction is rated from 1 to 5")
            continue
        if values["status"] is None and values["resolved_at"] is not None:
            values["status"] = "resolved"
        values["category"] = values["category"] or None
        values.update(customer=cid, number=number)
        items.append((row[0], key, values))
    taken = store.fetch(m.SupportTicket, "number", [i[2]["number"] for i in items],
                        ("external_id",))  # fmt: skip
    kept = []
    for line, key, values in items:
        other = taken.get(values["number"])
        if other is not None and other["external_id"] not in (None, key):
            out.rejected.append(
                (
                    _row_problem(
                        store, line, "number", f"'{values['number']}' is another ticket's number"
                    ),
                    [],
                )
            )
            continue  # fmt: skip
        if values["category"] is None:
            values["category"] = "other"
        kept.append((line, key, values))
    store.upsert(m.SupportTicket, kept, out)
    return out


def _row_problem(store: Store, line: int, field_name: str, reason: str) -> Any:
    from desktop.core.imports.rows import RowProblem

    return RowProblem(line, store.plan.header_of(field_name), reason)


def _messages(store: Store, rows: list[Row]) -> Outcome:
    out = Outcome()
    T = m.SupportTicket  # noqa: N806
    refs = list({str(r[1]["ticket"]) for r in rows})
    found: dict[str, tuple[int, int]] = {}
    for i in range(0, len(refs), 900):
        part = refs[i : i + 900]
        query = T.select(T.external_id, T.number, T.id, T.customer).where(
            T.external_id.in_(part) | T.number.in_(part)
        )
        for ext, number, tid, cid in query.tuples():
            for key in (ext, number):
                if key in part:
                    found[key] = (tid, cid)
    items = []
    for row in rows:
        v = row[1]
        ticket = found.get(str(v["ticket"]))
        if ticket is None:
            store.reject(out, row, "ticket", f"no ticket '{v['ticket']}' is known")
            continue
        if v.get("from_customer") and v.get("internal"):
            store.reject(out, row, "internal", "a customer's message cannot be an internal note")
            continue
        values = {"ticket": ticket[0], "body": v["body"], "from_customer": v.get("from_customer"),
                  "internal": v.get("internal"), "created_at": v.get("created_at")}  # fmt: skip
        key = v.get("external_id") or natural_key(v["ticket"], v.get("created_at"), v["body"])
        items.append((row[0], key, values))
        out.customers.add(ticket[1])
    store.upsert(m.TicketMessage, items, out)
    return out


WRITERS: dict[str, Writer] = {
    "customers": customers,
    "orders": orders,
    "order-items": order_items,
    "events": _simple(
        m.CustomerEvent,
        ("category", "event_type", "occurred_at", "session_id", "device"),
        ("event_type", "occurred_at"),
        _event_check,
    ),
    "tickets": _ticket_writer,
    "ticket-messages": _messages,
    "payment-methods": _simple(
        m.PaymentMethod,
        (
            "brand",
            "last_four",
            "expiry_month",
            "expiry_year",
            "status",
            "is_default",
            "failure_count",
            "last_failure_at",
            "last_success_at",
        ),
        ("brand", "last_four", "expiry_month", "expiry_year"),
        _card_check,
    ),
    "transactions": _simple(
        m.PaymentTransaction,
        ("amount", "currency", "status", "failure_reason", "occurred_at"),
        ("occurred_at", "amount", "status"),
        _amount_check,
    ),
    "subscriptions": _simple(
        m.Subscription,
        (
            "plan",
            "price",
            "interval",
            "status",
            "started_at",
            "current_period_end",
            "cancelled_at",
            "cancel_reason",
        ),
        ("plan", "started_at"),
        _subscription_check,
    ),
    "churn": _simple(m.ChurnRecord, ("churned_on", "reason"), ("churned_on",)),
}

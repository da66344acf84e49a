"""Export, import into an empty database, export again: the same content (issue 13), on SQLite and
MariaDB, through the service layer as the window and the commands use it."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from db import models as m
from desktop.core import imports
from desktop.core.read import lists
from desktop.core.read.listing import ListQuery
from desktop.core.services import Services

IDS = ("ID", "Customer ID")  # the database's own ids: new ones in the new database


def _shop() -> None:
    """A shop's own data: customers and their orders, nothing scored."""
    start = datetime(2025, 1, 6, 9, 30)
    for i in range(12):
        who = m.Customer.create(
            name=f"Émilie Ø'Brien {i}" if i % 4 == 0 else f"Customer {i}",
            email=f"c{i}@shop.example",
            customer_since=date(2024, 1, 1) + timedelta(days=17 * i),
            country="FR" if i % 2 else "GB",
        )
        placed = [start + timedelta(days=9 * i + k, hours=k) for k in range(i % 4)]
        for k, when in enumerate(placed):
            m.Order.create(
                order_number=f"ORD-{i:03d}{k}", customer=who, status="delivered",
                total=12.5 + i + k, subtotal=12.5 + i + k, discount=0, placed_at=when,
            )  # fmt: skip
        # The summary columns as the shop's history says (what an import recomputes).
        who.total_orders = len(placed)
        who.total_spent = sum(12.5 + i + k for k in range(len(placed)))
        who.last_order_at = max(placed, default=None)
        who.save()


def _export(services: Services, name: str, path: Path) -> list[dict[str, str]]:
    spec = lists.SPECS[name]
    services.export_list(spec, ListQuery(sort=spec.default_sort), path)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _without_ids(rows: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    return sorted(({k: v for k, v in r.items() if k not in IDS} for r in rows),
                  key=lambda r: r[key])  # fmt: skip


def _empty(database) -> None:
    """Every row of the shop's data gone (the staff account stays, it imports)."""
    for model in reversed(m.DATA_MODELS):
        if model not in (m.User, m.AuditLog, m.SignInAttempt):
            model.delete().execute()


@pytest.fixture
def lead(database):
    return m.User.create(username="lead", email="lead@staff.example", display_name="Lead",
                         role="supervisor", password_hash="x")  # fmt: skip


def test_customers_and_orders_export_import_and_export_the_same(database, lead, tmp_path):
    _shop()
    services = Services(database, lead)
    customers = _export(services, "customers", tmp_path / "customers.csv")
    orders = _export(services, "orders", tmp_path / "orders.csv")
    assert len(customers) == 12 and len(orders) == sum(i % 4 for i in range(12))
    owner = {r["ID"]: r["Email"] for r in customers}
    order_owner = {r["Order"]: owner[r["Customer ID"]] for r in orders}

    _empty(database)
    assert m.Customer.select().count() == 0
    for kind, path in (("customers", "customers.csv"), ("orders", "orders.csv")):
        report = services.import_file(imports.prepare(kind, tmp_path / path))
        assert report.rejected == 0, kind

    again_customers = _export(services, "customers", tmp_path / "again-customers.csv")
    again_orders = _export(services, "orders", tmp_path / "again-orders.csv")
    assert _without_ids(again_customers, "Email") == _without_ids(customers, "Email")
    assert _without_ids(again_orders, "Order") == _without_ids(orders, "Order")
    # Each order still belongs to the same customer, found by the exported customer id.
    owner = {r["ID"]: r["Email"] for r in again_customers}
    assert {r["Order"]: owner[r["Customer ID"]] for r in again_orders} == order_owner

    # Importing the same files again changes nothing and duplicates nothing.
    for kind, path in (("customers", "customers.csv"), ("orders", "orders.csv")):
        report = services.import_file(imports.prepare(kind, tmp_path / path))
        assert report.inserted == 0 and report.rejected == 0, kind
    assert m.Customer.select().count() == 12
    assert _without_ids(_export(services, "orders", tmp_path / "third.csv"), "Order") == (
        _without_ids(orders, "Order")
    )

"""The import's shortcuts for a large first load (issue 13's speed), on SQLite and MariaDB: a
table empty at the start is written without looking its ids up, yet an id repeated in a later
batch still updates its row; a large all-or-nothing load builds the orders' indexes after
(SQLite) and ends with the same indexes and the same customer summaries, or with the indexes
as they were when it is refused; the collector is left as it was found."""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from db import models as m
from desktop.core import imports
from desktop.core.imports import runner, store, summary
from desktop.core.services.imports import run_import

SUMMARY = ("total_orders", "total_spent", "average_order_value", "last_order_at",
           "returns_count", "customer_since")  # fmt: skip


def _import(path: Path, **kwargs: Any) -> runner.Report:
    return run_import(m.DB, None, imports.prepare("orders", path), **kwargs)


def _orders_file(path: Path, rows: list[str]) -> Path:
    path.write_text("OrderID,CustomerID,Order Date,Status,Amount\n" + "\n".join(rows) + "\n")
    return path


@pytest.fixture
def customers(database) -> None:
    for ref in ("C1", "C2", "C3"):
        m.Customer.create(external_id=ref, name=ref, email=f"{ref.lower()}@example.com")


def _summaries() -> dict[str, tuple[Any, ...]]:
    fields = [getattr(m.Customer, name) for name in SUMMARY]
    return {c[0]: c[1:] for c in m.Customer.select(m.Customer.external_id, *fields).tuples()}


def _indexes() -> list[tuple[str, tuple[str, ...], bool]]:
    return sorted((i.name, tuple(i.columns), i.unique) for i in m.DB.get_indexes("orders"))


@pytest.fixture
def spied(monkeypatch) -> dict[str, list[Any]]:
    """What the shortcuts decided: `expect_new`'s answers, `_insert_new`'s results."""
    seen: dict[str, list[Any]] = {"expect_new": [], "insert_new": []}
    expect, insert = store.Store.expect_new, store.Store._insert_new

    def expect_new(self: store.Store, model: Any) -> bool:
        seen["expect_new"].append(answer := expect(self, model))
        return answer

    def insert_new(self: store.Store, *args: Any) -> bool:
        seen["insert_new"].append(done := insert(self, *args))
        return done

    monkeypatch.setattr(store.Store, "expect_new", expect_new)
    monkeypatch.setattr(store.Store, "_insert_new", insert_new)
    return seen


@pytest.mark.parametrize("keep_valid", [False, True])
def test_an_id_repeated_in_a_later_batch_of_a_first_import_updates_its_row(
    customers, tmp_path: Path, monkeypatch, spied, keep_valid: bool
) -> None:
    monkeypatch.setattr(runner, "BATCH", 2)
    path = _orders_file(tmp_path / "o.csv", [
        "A1,C1,2024-01-01,paid,10", "A2,C2,2024-01-02,paid,20", "A3,C1,2024-01-03,paid,5",
        "A1,C1,2024-01-04,paid,25", "A4,C3,2024-01-05,paid,1",
    ])  # fmt: skip
    report = _import(path, keep_valid=keep_valid)
    assert report.written, report.problems
    assert (report.inserted, report.updated) == (4, 1)
    assert spied["expect_new"] == [True]
    assert spied["insert_new"][:2] == [True, False]  # the batch with A1 again: the usual way
    assert m.Order.select().count() == 4
    first = m.Order.get(m.Order.external_id == "A1")
    assert (first.total, first.placed_at.day) == (Decimal("25.00"), 4)
    c1 = m.Customer.get(m.Customer.external_id == "C1")
    assert (c1.total_orders, c1.total_spent) == (2, Decimal("30.00"))


def test_a_re_import_after_a_first_import_updates_and_never_duplicates(
    customers, tmp_path: Path, spied
) -> None:
    rows = ["A1,C1,2024-01-01,paid,10", "A2,C2,2024-01-02,paid,20"]
    assert _import(_orders_file(tmp_path / "o.csv", rows)).inserted == 2
    again = _import(_orders_file(tmp_path / "o.csv", [rows[0], "A2,C2,2024-01-02,paid,22",
                                                      "A3,C3,2024-01-03,paid,3"]))  # fmt: skip
    assert (again.inserted, again.updated, again.unchanged) == (1, 1, 1)
    assert spied["expect_new"] == [True, False]
    assert m.Order.select().count() == 3
    assert m.Customer.get(m.Customer.external_id == "C2").total_spent == Decimal("22.00")


def test_a_large_first_load_ends_with_the_same_indexes_and_summaries(
    customers, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(runner, "DEFER_INDEXES_MIN", 1)
    deferred: list[bool] = []
    real = runner._defer_indexes

    def defer(*args: Any) -> Any:
        deferred.append((answer := real(*args)) is not None)
        return answer

    monkeypatch.setattr(runner, "_defer_indexes", defer)
    before = _indexes()
    statuses = ("paid", "cancelled", "returned", "delivered")
    path = _orders_file(tmp_path / "o.csv", [
        f"A{i},C{1 + i % 3},2024-0{1 + i % 9}-1{i % 10} 10:00:00,{statuses[i % 4]},{i}.5"
        for i in range(40)
    ])  # fmt: skip
    assert _import(path).inserted == 40
    assert _indexes() == before
    assert deferred == [isinstance(m.DB.obj, pw.SqliteDatabase)]  # MySQL's DDL would commit
    whole = _summaries()
    with m.DB.atomic() as tx:  # the same columns the customer by customer way
        summary.recompute(m.DB, "orders", [c.id for c in m.Customer.select()])
        assert _summaries() == whole
        tx.rollback()
    assert whole["C1"][0] > 0


def test_a_refused_large_load_keeps_the_indexes(customers, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "DEFER_INDEXES_MIN", 1)
    before = _indexes()
    path = _orders_file(tmp_path / "o.csv", [f"A{i},C1,2024-01-01,paid,{'x' if i == 7 else i}"
                                             for i in range(20)])  # fmt: skip
    report = _import(path)
    assert not report.written and report.rejected == 1
    assert _indexes() == before
    assert m.Order.select().count() == 0


def test_the_collector_is_left_as_it_was(customers, tmp_path: Path, monkeypatch) -> None:
    assert gc.get_freeze_count() == 0
    path = _orders_file(tmp_path / "o.csv", ["A1,C1,2024-01-01,paid,10"])
    assert _import(path).inserted == 1
    assert gc.get_freeze_count() == 0

    def fail(*_args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(runner.WRITERS, "orders", fail)
    with pytest.raises(RuntimeError):
        _import(path)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_rows_become_columns_in_one_pass_only_when_they_share_their_names() -> None:
    rows = [{"a": 1, "b": None}, {"a": 2, "b": "x"}]
    assert store._transposed(rows) == {"a": [1, 2], "b": [None, "x"]}
    assert store._transposed([{"a": 1, "b": 2}, {"a": 1, "c": 2}]) is None
    assert store._transposed([{"a": 1, "b": 2}, {"a": 1}]) is None


def test_a_money_cell_already_in_cents_reads_as_the_full_way_would() -> None:
    from desktop.core.imports import rows, values

    def fits(value: Any) -> Any:
        raise values.ValueProblem(f"'{value}' is too large")

    read = rows._money(False, Decimal(10) ** 10, fits)
    for cell in ("12.50", "-0.00", "0.01", "9999999999.99", "0000000001.25", "7", "3.5"):
        expected = Decimal(cell).quantize(rows.CENT)
        assert read(cell).as_tuple() == expected.as_tuple(), cell
    for cell in ("10000000000.00", "-12345678901.25"):
        with pytest.raises(values.ValueProblem):
            read(cell)
    assert rows._money(True, Decimal(10) ** 10, fits)("12,50") == Decimal("12.50")

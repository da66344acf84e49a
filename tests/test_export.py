"""Exporting a list, on SQLite and MariaDB: the file holds exactly the rows and columns the table
shows (search, filters, sort, columns, every page), typed cells in XLSX, ISO text in CSV, no file
after a cancel, the permission matrix, one audit row without the search text; and the
`churnwatch export` command."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import models as m
from db import search
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop import cli
from desktop.core.read import audit, list_export, listing
from desktop.core.read.listing import PAGE_SIZE, ListQuery
from desktop.core.read.lists import SPECS
from desktop.core.services import NotAllowed, Services

N = PAGE_SIZE * 2 + 37  # more than two of the table's pages
BATCH = 57  # the export's batches, small so a test crosses many of them


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "EXPORT_BATCH", BATCH)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for the exports alone (the SQLite file is beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _user(name: str, role: str) -> m.User:
    return m.User.create(
        username=name, email=f"{name}@staff.example", display_name=name.title(), role=role,
        password_hash="x",
    )  # fmt: skip


@pytest.fixture
def shop(database):
    """A supervisor, an agent, N customers (two in three an "Okafor", with ties on the churn
    probability), an order each, alerts (some assigned to the agent)."""
    lead, agent = _user("lead", "supervisor"), _user("agent", "agent")
    base = datetime(2026, 1, 1, 9, 30)
    rows = []
    for i in range(N):
        rows.append({
            "name": f"{'Jo Smith' if i % 3 == 0 else 'Emma Okafor'} {i:04d}",
            "email": f"c{i:04d}@shop.example",
            "account_status": "at_risk" if i % 2 else "active",
            "churn_probability": None if i % 11 == 0 else round((i % 17) / 17, 4),
            "risk_level": "HIGH" if i % 4 == 0 else "LOW",
            "total_spent": Decimal(i) + Decimal("0.25"),
            "total_orders": i % 9,
            "customer_since": date(2024, 1, 1) + timedelta(days=i),
            "last_order_at": base + timedelta(hours=i),
        })  # fmt: skip
    m.Customer.insert_many(rows).execute()
    customers = list(m.Customer.select().order_by(m.Customer.id))
    search.index_customers(database, [(c.id, c.name, c.email, None) for c in customers])
    m.Customer.create(name='=HYPERLINK("x")', email="formula@shop.example")
    m.Order.insert_many(
        [{"order_number": f"ORD-{i:07d}", "customer": c.id, "status": "paid",
          "total": Decimal("10.50") + i, "placed_at": base + timedelta(days=i)}
         for i, c in enumerate(customers)]
    ).execute()  # fmt: skip
    m.Alert.insert_many(
        [{"type": "churn_risk", "priority": "high", "customer": c.id, "title": f"Alert {i}",
          "assignee": agent.id if i % 5 == 0 else None, "dedupe_key": f"k{i}",
          "created_at": base + timedelta(minutes=i)}
         for i, c in enumerate(customers[:120])]
    ).execute()  # fmt: skip
    return {"lead": lead, "agent": agent}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def shown_rows(spec, query, me=None):
    """The rows the table shows, page by page as the lazy model plans them."""
    total = listing.count(spec, query, me)
    pages: dict[int, list[listing.Row]] = {}

    def edges(p: int):
        rows = pages.get(p)
        return (rows[0].key, rows[-1].key) if rows else None

    for page in range((total + PAGE_SIZE - 1) // PAGE_SIZE):
        pages[page] = listing.run_plan(spec, query, listing.plan_page(page, total, edges), me)
    return [row for page in sorted(pages) for row in pages[page]]


QUERY = ListQuery(
    search="okafor",
    filters={"account_status": ["active", "at_risk"], "date_from": date(2024, 1, 15)},
    sort=(("churn_probability", False),),
)
COLUMNS = ["email", "name", "churn_probability", "total_spent", "customer_since"]


def test_csv_holds_exactly_what_the_table_shows_every_page(database, shop, out: Path):
    spec = SPECS["customers"]
    expected = shown_rows(spec, QUERY)
    assert len(expected) > PAGE_SIZE  # the first page is not all there is
    target = out / "customers.csv"
    result = Services(database, shop["lead"]).export_list(spec, QUERY, target, columns=COLUMNS)
    with target.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["ID", "Email", "Name", "Churn", "Spent", "Since"]  # the table's titles
    assert result.rows == len(lines) - 1 == len(expected)
    assert [int(r[0]) for r in lines[1:]] == [row.id for row in expected]  # same order
    for line, row in zip(lines[1:], expected, strict=True):
        v = row.values
        assert line[1:] == [
            v["email"], v["name"],
            "" if v["churn_probability"] is None else repr(v["churn_probability"]),
            f"{v['total_spent']:.2f}", v["customer_since"].isoformat(),
        ]  # fmt: skip
    assert not list(out.glob("*.part"))


def test_xlsx_cells_are_real_dates_and_numbers(database, shop, out: Path):
    spec = SPECS["customers"]
    target = out / "customers.xlsx"
    query = ListQuery(sort=(("name", False),))
    columns = ["name", "total_spent", "total_orders", "churn_probability", "last_order_at",
               "customer_since"]  # fmt: skip
    result = Services(database, shop["lead"]).export_list(
        spec, query, target, fmt="xlsx", columns=columns
    )
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ID", "Name", "Spent", "Orders", "Churn", "Last order", "Since")
    assert result.rows == len(rows) - 1 == N + 1
    assert rows[1][1] == '=HYPERLINK("x")'  # text stays text, never a formula
    cells = next(sheet.iter_rows(min_row=3, max_row=3))
    assert cells[0].data_type == "n" and isinstance(cells[0].value, int)
    assert isinstance(cells[2].value, (int, float)) and cells[2].number_format == "#,##0.00"
    assert isinstance(cells[3].value, int)
    assert isinstance(cells[5].value, datetime) and cells[5].is_date  # a date, not text
    assert isinstance(cells[6].value, datetime) and cells[6].is_date
    first = m.Customer.get(m.Customer.id == cells[0].value)
    assert cells[2].value == float(first.total_spent)
    assert cells[5].value == datetime.combine(first.last_order_at.date(), datetime.min.time())


def test_a_cancelled_export_leaves_no_file_and_no_audit_row(database, shop, out: Path):
    target = out / "customers.csv"
    audits = m.AuditLog.select().count()
    calls = []

    def progress(done: int, total: int, text: str) -> None:
        calls.append(done)
        if done > BATCH:  # cancelled part-way: some batches were written
            state.cancel()

    state = TaskState(on_progress=progress)
    for fmt in ("csv", "xlsx"):
        calls.clear()
        state._cancel.clear()
        with pytest.raises(Cancelled):
            Services(database, shop["lead"]).export_list(
                SPECS["customers"], ListQuery(), target, fmt=fmt, state=state
            )
        assert calls[-1] > BATCH
        assert list(out.iterdir()) == []  # neither the file nor its temporary
    assert m.AuditLog.select().count() == audits


def test_an_earlier_file_is_replaced_only_by_a_complete_one(database, shop, out: Path):
    target = out / "alerts.csv"
    target.write_text("the earlier export\n", encoding="utf-8")
    state = TaskState(on_progress=lambda done, total, text: state.cancel() if done else None)
    with pytest.raises(Cancelled):
        Services(database, shop["lead"]).export_list(SPECS["alerts"], ListQuery(), target,
                                                     state=state)  # fmt: skip
    assert target.read_text(encoding="utf-8") == "the earlier export\n"


def test_who_may_export_what(database, shop, out: Path):
    agent = Services(database, shop["agent"])
    audits = m.AuditLog.select().count()
    for name in ("customers", "orders"):
        with pytest.raises(NotAllowed, match=r"^only supervisors and admins may export lists"):
            agent.export_list(SPECS[name], ListQuery(), out / f"{name}.csv")
    with pytest.raises(NotAllowed, match="you may export your own queue"):
        agent.export_list(SPECS["alerts"], ListQuery(), out / "alerts.csv")
    assert list(out.iterdir()) == [] and m.AuditLog.select().count() == audits
    mine = ListQuery(filters={"assigned_to_me": True})
    result = agent.export_list(SPECS["alerts"], mine, out / "mine.csv")
    assert result.rows == len(range(0, 120, 5))
    lead = Services(database, shop["lead"])
    assert lead.export_list(SPECS["alerts"], ListQuery(), out / "all.csv").rows == 120


def test_one_audit_row_per_export_without_the_search_text(database, shop, out: Path):
    target = out / "customers.csv"
    before = m.AuditLog.select().count()
    result = Services(database, shop["lead"]).export_list(
        SPECS["customers"], QUERY, target, columns=COLUMNS
    )
    assert m.AuditLog.select().count() == before + 1
    row = m.AuditLog.select().order_by(m.AuditLog.id.desc()).get()
    assert (row.user_id, row.action, row.entity, row.entity_id) == (
        shop["lead"].id, "export", "Customer", None
    )  # fmt: skip
    assert row.after["rows"] == result.rows and row.after["list"] == "customers"
    assert row.after["searched"] is True and row.after["format"] == "csv"
    assert row.after["columns"] == ["id", *COLUMNS]
    assert row.after["filters"]["account_status"] == ["active", "at_risk"]
    assert "okafor" not in json.dumps(row.after).lower()  # typed text is not kept


def test_identity_columns_and_the_audit_list_in_full(database, shop, out: Path):
    lead = Services(database, shop["lead"])
    orders = lead.export_list(SPECS["orders"], ListQuery(), out / "o.csv", columns=["total"])
    assert orders.columns == ("id", "customer_id", "total")
    header = (out / "o.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "ID,Customer ID,Total"
    long_note = "x" * (audit.SHOWN_MAX * 3)
    lead.add_note(m.Customer.get().id, long_note)
    spec = audit.audit_spec("admin")
    query = ListQuery(filters={"action": ["note.add"]})
    lead.export_list(spec, query, out / "audit.csv", columns=["action", "changes"])
    lines = read_csv(out / "audit.csv")
    assert lines[0] == ["ID", "Action", "Changes (before → after)"]
    assert len(lines) == 2 and long_note in lines[1][2]  # whole, where the table cuts it


def test_bad_columns_and_formats_name_the_problem(database, shop, out: Path):
    lead = Services(database, shop["lead"])
    with pytest.raises(ValidationError, match="customers have no column 'nmae'"):
        lead.export_list(SPECS["customers"], ListQuery(), out / "c.csv", columns=["nmae"])
    with pytest.raises(ValidationError, match="'ods' is not an export format"):
        lead.export_list(SPECS["customers"], ListQuery(), out / "c.ods", fmt="ods")
    assert list_export.export_columns(SPECS["customers"], ["Email", "NAME"])[1:] == [
        SPECS["customers"].by_key["email"], SPECS["customers"].by_key["name"]
    ]  # titles or keys, any letter case  # fmt: skip
    assert list(out.iterdir()) == []


# --- the command line --------------------------------------------------------------------------


def _cli(db_url: str, *args: str) -> int:
    return cli.main(["--db", db_url, "export", *args])


def test_the_command_exports_with_the_windows_filters(
    db_url, database, shop, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "pw")
    from db.passwords import hash_password

    m.User.update(password_hash=hash_password("pw")).execute()
    target = tmp_path / "c.csv"
    code = _cli(
        db_url, "customers", "--as", "lead", "--search", "okafor", "--status", "active,AT_RISK",
        "--from", "2024-01-15", "--sort", "churn_probability", "--columns",
        ",".join(COLUMNS), "-o", str(target),
    )  # fmt: skip
    out = capsys.readouterr().out
    expected = shown_rows(SPECS["customers"], QUERY)
    assert code == 0 and out.strip() == f"Exported {len(expected):,} customers to {target}"
    ids = [int(line[0]) for line in read_csv(target)[1:]]
    assert ids == [row.id for row in expected]
    xlsx = tmp_path / "o.xlsx"
    assert _cli(db_url, "orders", "--as", "lead", "--status", "paid", "-o", str(xlsx)) == 0
    assert load_workbook(xlsx).active.max_row == N + 1
    capsys.readouterr()
    for args, message in (
        (["orders", "--risk", "high"], "--risk: orders have no risk filter"),
        (["customers", "--risk", "extreme"], "--risk: 'extreme' is not a risk of customers"),
        (["customers", "--columns", "name,wat"], "customers have no column 'wat'"),
        (["tickets", "--sort", "subject"], "--sort: tickets cannot be sorted by 'subject'"),
        (["alerts", "--from", "2026-13-01"], "--from: '2026-13-01' is not a date"),
        (["customers", "--tag", "nope"], "--tag: no tag is named 'nope'"),
    ):
        assert _cli(db_url, *args, "--as", "lead", "-o", str(tmp_path / "x.csv")) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], err
    assert not (tmp_path / "x.csv").exists()
    assert _cli(db_url, "customers", "--as", "agent", "-o", str(tmp_path / "x.csv")) == 2
    assert "only supervisors and admins may export" in capsys.readouterr().err

"""Import of a shop's data (issue 13), on SQLite and MariaDB: every date, number and encoding
form; a bad row in the middle (nothing written, or the valid rows and a rejects file);
re-import updates without duplicates; a cancelled import leaves no half; memory stays flat;
the command line."""

from __future__ import annotations

import csv
import json
import tracemalloc
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db import models as m
from db import search
from db.tasks import Cancelled, TaskState
from desktop.cli import main
from desktop.core import imports
from desktop.core.imports import runner
from desktop.core.services.imports import run_import


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _import(path: Path, kind: str = "orders", **kwargs: object) -> runner.Report:
    options = imports.Options(
        date_format=kwargs.pop("date_format", None),  # type: ignore[arg-type]
        decimal_comma=kwargs.pop("decimal_comma", None),  # type: ignore[arg-type]
        create_customers=bool(kwargs.pop("create_customers", False)),
    )
    plan = imports.prepare(kind, path, options=options, overrides=kwargs.pop("overrides", None))  # type: ignore[arg-type]
    state = kwargs.pop("state", None)
    return run_import(m.DB, None, plan, state, **kwargs)  # type: ignore[arg-type]


def _customers(tmp_path: Path) -> None:
    _write(tmp_path / "c.csv", "CustomerID,Name,Email\nC1,Ann Lee,ann@example.com\n"
           "C2,Bob Stone,bob@example.com\n")  # fmt: skip
    assert _import(tmp_path / "c.csv", "customers").written


@pytest.mark.parametrize(
    ("cell", "fmt", "expected"),
    [
        ("2024-03-31", None, datetime(2024, 3, 31)),
        ("2024-03-31T14:05:09", None, datetime(2024, 3, 31, 14, 5, 9)),
        ("2024-03-31 14:05", None, datetime(2024, 3, 31, 14, 5)),
        ("31/03/2024", None, datetime(2024, 3, 31)),
        ("03/31/2024", None, datetime(2024, 3, 31)),
        ("31.03.2024 08:26", None, datetime(2024, 3, 31, 8, 26)),
        ("20240331", None, datetime(2024, 3, 31)),
        ("45382", None, datetime(2024, 3, 31)),
        ("04/03/2024", None, datetime(2024, 3, 4)),  # ambiguous: day first, with a note
        ("04/03/2024", "MM/DD/YYYY", datetime(2024, 4, 3)),
        ("31-Mar-2024", "%d-%b-%Y", datetime(2024, 3, 31)),
    ],
)
def test_every_date_form(database, tmp_path: Path, cell: str, fmt: str | None,
                         expected: datetime) -> None:  # fmt: skip
    _customers(tmp_path)
    _write(tmp_path / "o.csv", f"OrderID,CustomerID,Order Date,Amount\nA1,C1,{cell},10\n")
    report = _import(tmp_path / "o.csv", date_format=fmt)
    assert report.written, report.problems
    assert m.Order.get(m.Order.external_id == "A1").placed_at == expected


def test_an_ambiguous_date_column_says_so(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date\nA1,C1,04/03/2024\n")
    assert "DD/MM/YYYY or MM/DD/YYYY" in _import(tmp_path / "o.csv").warnings[0]


@pytest.mark.parametrize(
    ("cells", "comma", "expected"),
    [
        (["12.50", "1,234.56"], None, ["12.50", "1234.56"]),
        (["12,50", "1.234,56"], None, ["12.50", "1234.56"]),
        (["12,5", "7"], None, ["12.50", "7.00"]),
        (["€12.50", "$ 3"], None, ["12.50", "3.00"]),
        (["1,234", "2,000"], True, ["1.23", "2.00"]),  # told: a decimal comma
    ],
)
def test_numbers_with_a_decimal_point_or_comma(
    database, tmp_path: Path, cells: list[str], comma: bool | None, expected: list[str]
) -> None:
    _customers(tmp_path)
    body = "".join(f'A{i},C1,2024-01-0{i + 1},"{c}"\n' for i, c in enumerate(cells))
    _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n" + body)
    assert _import(tmp_path / "o.csv", decimal_comma=comma).written
    totals = [str(t) for (t,) in m.Order.select(m.Order.total).order_by(m.Order.external_id)
              .tuples()]  # fmt: skip
    assert [Decimal(t) for t in totals] == [Decimal(e) for e in expected]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_delimiters_and_quoting(database, tmp_path: Path, encoding: str,
                                          delimiter: str) -> None:  # fmt: skip
    name = "Zoë Müller" if encoding != "cp1252" else "Zoë “Zo” Müller"
    d = delimiter
    text = (f"CustomerID{d}Name{d}Email{d}Note\n"
            f'C1{d}"{name}"{d}zoe@example.com{d}"says ""hi""{d} twice"\n'
            f"C2{d}Bob{d}bob@example.com{d}\n")  # fmt: skip
    report = _import(_write(tmp_path / "c.csv", text, encoding), "customers")
    assert report.written and report.inserted == 2
    zoe = m.Customer.get(m.Customer.external_id == "C1")
    assert zoe.name == name
    assert zoe.custom_attributes == {"Note": f'says "hi"{d} twice'}


def test_a_bad_row_in_the_middle_writes_nothing_by_default(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    bad = '"12,5O"'
    rows = [f"A{i},C1,2024-01-01,{bad if i == 4312 else '10'}" for i in range(1, 9001)]
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n"
                  + "\n".join(rows) + "\n")  # fmt: skip
    report = _import(path, decimal_comma=False)
    assert not report.written
    assert report.problems == ["line 4,313, column Amount: '12,5O' is not a number"]
    assert m.Order.select().count() == 0
    assert m.AuditLog.select().where(m.AuditLog.entity == "ImportRun").count() == 1  # customers


def test_keep_valid_writes_the_valid_rows_and_a_rejects_file(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n"
                  "A1,C1,2024-01-01,10\nA2,C1,2024-01-02,ten\nA3,NOBODY,2024-01-03,5\n"
                  "A4,C2,2024-01-04,7\n")  # fmt: skip
    report = _import(path, keep_valid=True)
    assert (report.inserted, report.rejected) == (2, 2)
    assert sorted(o.external_id for o in m.Order.select()) == ["A1", "A4"]
    with (tmp_path / "o.rejects.csv").open(newline="") as handle:
        rejects = list(csv.reader(handle))
    assert report.rejects_file == str(tmp_path / "o.rejects.csv")
    assert rejects[0] == ["OrderID", "CustomerID", "Order Date", "Amount", "line", "problem"]
    assert rejects[1] == ["A2", "C1", "2024-01-02", "ten", "3", "Amount: 'ten' is not a number"]
    assert rejects[2][:5] == ["A3", "NOBODY", "2024-01-03", "5", "4"]
    assert rejects[2][5].startswith("CustomerID: no customer 'NOBODY' is known")


def test_reimport_updates_what_changed_and_never_duplicates(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    head = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
    first = head + ("536365,85123A,HEART,6,2010-12-01 08:26,2.55,C1\n"
                    "536365,71053,LANTERN,6,2010-12-01 08:26,3.39,C1\n"
                    "536366,22633,WARMER,6,2010-12-01 08:28,1.85,C2\n")  # fmt: skip
    assert _import(_write(tmp_path / "o.csv", first)).inserted == 2
    ann = m.Customer.get(m.Customer.external_id == "C1")
    assert (ann.total_orders, ann.total_spent) == (1, Decimal("35.64"))
    assert ann.customer_since == date(2010, 12, 1)  # the first order moves it back
    again = _import(tmp_path / "o.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    changed = first.replace("536366,22633,WARMER,6", "536366,22633,WARMER,10")
    report = _import(_write(tmp_path / "o.csv", changed))
    assert (report.inserted, report.updated) == (0, 1)
    assert m.Order.select().count() == 2 and m.OrderItem.select().count() == 3
    bob = m.Customer.get(m.Customer.external_id == "C2")
    assert bob.total_spent == Decimal("18.50")
    assert m.AuditLog.select().where(m.AuditLog.action == "import").count() == 4  # one each


def test_customers_keep_extra_columns_and_are_found_by_their_words(database, tmp_path) -> None:
    path = _write(tmp_path / "c.csv", "customer_id,First name,Last name,E-mail,Tier,Churned\n"
                  "X1,Ada,Okafor,ADA@EXAMPLE.COM,gold,yes\nX2,,,,silver,no\n")  # fmt: skip
    assert _import(path, "customers").inserted == 2
    ada = m.Customer.get(m.Customer.external_id == "X1")
    assert (ada.name, ada.email, ada.account_status) == ("Ada Okafor", "ada@example.com",
                                                        "churned")  # fmt: skip
    assert ada.churned_at is None  # a churned flag without a date stays without one
    assert ada.custom_attributes == {"Tier": "gold"}
    assert search.SEARCHED_FIELDS  # the words table holds the new customers' words
    found = m.CustomerSearchToken.select().where(m.CustomerSearchToken.token == "okafor")
    assert [t.customer_id for t in found] == [ada.id]
    renamed = _write(tmp_path / "c.csv", "customer_id,Name\nX1,Ada Obi\n")
    assert _import(renamed, "customers").updated == 1
    ada = m.Customer.get(m.Customer.external_id == "X1")
    assert ada.version == 2 and ada.custom_attributes == {"Tier": "gold"}
    tokens = m.CustomerSearchToken.select().where(m.CustomerSearchToken.customer == ada.id)
    assert "obi" in {t.token for t in tokens}


def test_an_exported_customer_list_imports_back(database, tmp_path: Path) -> None:
    path = _write(tmp_path / "c.csv", "Name,Email,Account,Orders,Spent,Value / month,"
                  "Last order,Since,Country\nEmma Shop,emma@example.com,at_risk,3,120.50,"
                  "12.00,2024-05-01 10:00:00,2023-01-02,GB\n")  # fmt: skip
    plan = imports.prepare("customers", path)
    assert set(plan.columns.values()) == {
        "name", "email", "account_status", "total_orders", "total_spent", "account_value",
        "last_order_at", "customer_since", "country",
    }  # fmt: skip
    assert run_import(m.DB, None, plan).inserted == 1
    emma = m.Customer.get(m.Customer.email == "emma@example.com")
    assert (emma.total_orders, emma.total_spent, emma.customer_since) == (
        3, Decimal("120.50"), date(2023, 1, 2))  # fmt: skip
    again = _import(path, "customers")
    assert (again.inserted, again.unchanged) == (0, 1)  # found by email: no duplicate


def test_unknown_customers_are_reported_or_created(database, tmp_path: Path) -> None:
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Email,Order Date,Amount\n"
                  "A1,K9,k9@example.com,2024-02-01,10\nA2,K10,,2024-02-03,5\n")  # fmt: skip
    refused = _import(path)
    assert not refused.written and "no customer 'K9'" in refused.problems[0]
    report = _import(path, create_customers=True)
    assert (report.inserted, report.created_customers) == (2, 2)
    k9 = m.Customer.get(m.Customer.external_id == "K9")
    assert (k9.email, k9.customer_since, k9.total_orders) == ("k9@example.com",
                                                              date(2024, 2, 1), 1)  # fmt: skip
    k10 = m.Customer.get(m.Customer.external_id == "K10")
    assert k10.email.endswith("@unknown.invalid")


def test_dry_run_reports_and_writes_nothing(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n"
                  "A1,C1,2024-01-01,10\nA2,C1,someday,10\n")  # fmt: skip
    report = _import(path, dry_run=True)
    assert report.dry_run and (report.inserted, report.rejected) == (1, 1)
    assert report.problems == ["line 3, column Order Date: 'someday' is not a date"]
    assert m.Order.select().count() == 0


def test_a_cancelled_import_leaves_no_half(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    rows = "".join(f"A{i},C{1 + i % 2},2024-01-01,10\n" for i in range(12_000))
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n" + rows)

    def cancel_at_second_batch() -> TaskState:
        state = TaskState()
        calls = []
        real = state.progress

        def progress(done: int, total: int, text: str = "") -> None:
            calls.append(done)
            if len(calls) == 2:
                state.cancel()
            real(done, total, text)

        state.progress = progress  # type: ignore[method-assign]
        return state

    with pytest.raises(Cancelled):
        _import(path, state=cancel_at_second_batch())
    assert m.Order.select().count() == 0  # all or nothing: rolled back whole
    with pytest.raises(Cancelled):
        _import(path, keep_valid=True, state=cancel_at_second_batch())
    assert m.Order.select().count() == 2 * runner.BATCH  # whole batches, and the marker
    run = m.ImportRun.get(m.ImportRun.status == "cancelled")
    assert run.lines_done == 2 * runner.BATCH
    report = _import(path, keep_valid=True)  # the same import resumes
    assert report.resumed_after == 2 * runner.BATCH
    assert m.Order.select().count() == 12_000
    assert m.Customer.get(m.Customer.external_id == "C1").total_orders == 6_000


def test_every_kind_imports(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    files = {
        "orders": "Order,Customer,Placed,Total\nN1,C1,2024-01-01,10\n",
        "order-items": "Order,SKU,Description,Qty,Price\nN1,S1,Thing,2,1.50\n",
        "events": "customer,event,timestamp,page\nC1,login,2024-01-02 10:00,home\n",
        "tickets": "Number,Customer,Subject,Category,Priority,Status,Opened\n"
                   "T-1,ann@example.com,Late parcel,shipping,high,open,2024-01-03\n",
        "ticket-messages": "ticket,message,from customer\nT-1,Where is it?,yes\n",
        "payment-methods": "customer,brand,last 4,exp month,exp year\nC1,Visa,4242,12,2020\n",
        "transactions": "customer,amount,status,date\nC1,9.99,failed,2024-01-04\n",
        "subscriptions": "customer,plan,price,status,start date\nC1,Gold,20,active,2024-01-01\n",
        "churn": "customer,churned on,reason\nC2,2024-02-01,too expensive\n",
    }  # fmt: skip
    for kind, text in files.items():
        report = _import(_write(tmp_path / f"{kind}.csv", text), kind)
        assert report.written and report.inserted == 1, (kind, report.problems)
        assert _import(tmp_path / f"{kind}.csv", kind).inserted == 0, kind  # no duplicates
    ann = m.Customer.get(m.Customer.external_id == "C1")
    assert (ann.support_tickets, ann.payment_failures, ann.account_value) == (
        1,
        1,
        Decimal("20.00"),
    )
    assert m.Order.get().items.count() == 1
    assert m.CustomerEvent.get().data == {"page": "home"}
    bob = m.Customer.get(m.Customer.external_id == "C2")
    assert (bob.account_status, bob.churned_at) == ("churned", datetime(2024, 2, 1))


def test_xlsx_with_typed_cells_and_excel_serials(database, tmp_path: Path) -> None:
    _customers(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["OrderID", "CustomerID", "Order Date", "Amount"])
    sheet.append(["A1", "C1", datetime(2024, 3, 31, 9, 30), 12.5])
    sheet.append([2, "C2", 45382, "7,25"])
    book.save(tmp_path / "o.xlsx")
    assert _import(tmp_path / "o.xlsx").inserted == 2
    second = m.Order.get(m.Order.external_id == "2")
    assert (second.placed_at, second.total) == (datetime(2024, 3, 31), Decimal("7.25"))


@pytest.mark.slow
@pytest.mark.parametrize("first_load", [True, False], ids=["into-empty", "into-existing"])
def test_memory_stays_flat_for_a_large_file(
    database, tmp_path: Path, monkeypatch, first_load: bool
) -> None:
    """tracemalloc's peak for four times the rows stays within half again: what is held is
    the batch being written and the few read ahead (`imports.ahead`), not the file. Each size
    is measured on the same path: a first load into an empty table (inserted without looking
    ids up), or a load beside orders already there."""
    from desktop.core.imports import ahead, runner

    _customers(tmp_path)
    _write(tmp_path / "seed.csv", "OrderID,CustomerID,Order Date,Amount\nS1,C1,2024-01-01,1\n")

    def peak(rows: int) -> int:
        m.Order.delete().execute()
        if not first_load:
            assert _import(tmp_path / "seed.csv").inserted == 1
        path = tmp_path / f"o{rows}.csv"
        with path.open("w") as handle:
            handle.write("OrderID,CustomerID,Order Date,Amount\n")
            for i in range(rows):
                handle.write(f"R{rows}-{i},C{1 + i % 2},2024-01-01 10:00:00,{i % 500}.25\n")
        tracemalloc.start()
        try:
            assert _import(path).inserted == rows
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    monkeypatch.setattr(runner, "BATCH", 2_000)  # small batches: the same holding, sooner
    rows = (ahead.DEPTH + 2) * runner.BATCH  # the read-ahead full: as much as is ever held
    small, large = peak(rows), peak(4 * rows)
    assert large < small * 1.5, (small, large)


def test_a_saved_mapping_is_used_for_the_next_file(database, tmp_path: Path) -> None:
    from desktop.core.services import Services

    _customers(tmp_path)
    admin = m.User.create(username="a", email="a@staff.example", display_name="A",
                          role="admin", password_hash="x")  # fmt: skip
    path = _write(tmp_path / "o.csv", "ref,who,when,paid\nA1,C1,01/02/2024,10\n")
    plan = imports.prepare("orders", path, overrides={"ref": "external_id", "who": "customer",
                                                      "when": "placed_at", "paid": "total"},
                           options=imports.Options(date_format="MM/DD/YYYY"))  # fmt: skip
    Services(m.DB, admin).save_mapping("my shop", plan)
    again = imports.prepare("orders", path, saved="my shop")
    assert again.columns == plan.columns and again.options.date_format == "mdy"
    assert Services(m.DB, admin).import_file(again).inserted == 1
    assert m.Order.get().placed_at == datetime(2024, 1, 2)


# --- the command line -------------------------------------------------------------------------


def test_cli_prints_counts_and_exits_2_listing_problems(db_url: str, database, tmp_path: Path,
                                                        capsys) -> None:  # fmt: skip
    _customers(tmp_path)
    good = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date,Amount\n"
                  "A1,C1,2024-01-01,10\nA2,C2,2024-01-02,5\n")  # fmt: skip
    assert main(["--db", db_url, "import", "orders", str(good)]) == 0
    out = capsys.readouterr().out
    assert "read 2, inserted 2, updated 0, unchanged 0, rejected 0" in out
    assert main(["--db", db_url, "import", "orders", str(good), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["read"], data["inserted"], data["unchanged"]) == (2, 0, 2)
    bad = _write(tmp_path / "b.csv", "OrderID,CustomerID,Order Date,Amount\n"
                 + "".join(f"B{i},C1,2024-01-01,x{i}\n" for i in range(25)))  # fmt: skip
    assert main(["--db", db_url, "import", "orders", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    problems = [line for line in err if line.startswith("churnwatch: error: line")]
    assert len(problems) == 20 and problems[0].endswith("column Amount: 'x0' is not a number")
    assert "churnwatch: error: … and 5 more" in err
    assert m.Order.select().count() == 2
    assert main(["--db", db_url, "import", "orders", str(bad), "--map", "Amount=",
                 "--keep-valid"]) == 0  # fmt: skip
    assert "inserted 25" in capsys.readouterr().out


def test_cli_bad_input_is_one_line(db_url: str, database, tmp_path: Path, capsys) -> None:
    assert main(["--db", db_url, "import", "planets", str(tmp_path / "x.csv")]) == 2
    assert "'planets' is not something ChurnWatch imports" in capsys.readouterr().err
    assert main(["--db", db_url, "import", "orders", str(tmp_path / "none.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = _write(tmp_path / "o.csv", "OrderID,CustomerID,Order Date\nA1,C1,2024-01-01\n")
    assert main(["--db", db_url, "import", "orders", str(path), "--map", "Nope=total"]) == 2
    assert "the file has no column 'Nope'" in capsys.readouterr().err
    assert main(["--db", db_url, "import", "orders", str(path), "--date-format", "soon"]) == 2
    assert "'soon' is not a date format" in capsys.readouterr().err


def test_two_rows_claiming_one_email_are_refused_by_line(database, tmp_path: Path) -> None:
    path = _write(tmp_path / "c.csv", "id,name,email\nD1,Dee,dee@example.com\n"
                  "D2,Dee Two,dee@example.com\n")  # fmt: skip
    report = _import(path, "customers")
    assert not report.written
    assert report.problems == ["line 3, column email: 'dee@example.com' is already taken"]
    assert m.Customer.select().count() == 0

"""Search by word and by number, on SQLite and MariaDB alike: any word of a customer's name or
email by its start, orders and tickets by their digits, the words kept in sync with every write
of a name or email, and each search an index range on the words table (db.search)."""

from __future__ import annotations

import re

import pytest

from db import migrations, search
from db import models as m
from db.connection import is_mysql
from db.migrations import init_db
from desktop.core.read import listing as ls
from desktop.core.read import lists
from desktop.core.read.listing import ListQuery
from desktop.core.services import Services

CUSTOMERS = lists.SPECS["customers"]
TICKETS = lists.SPECS["tickets"]
ORDERS = lists.SPECS["orders"]

PEOPLE = [
    ("Emma Okafor", "emma.o@shop.example"),
    ("Chidi Okafor", "c.okafor@mail.example"),
    ("Northwind Coffee Traders Ltd", "orders@northwind-traders.co.uk"),
    ("María de la Cruz", "mdlc@shop.example"),
    ("Jürgen Müller", "juergen.m@shop.example"),
    ("Zoë Ng", "zoe@shop.example"),
    ("Sean O'Brien", "sob@shop.example"),
    ("Okafo Nwosu", "nwosu@shop.example"),
]


@pytest.fixture
def people(database) -> dict[str, m.Customer]:
    return {name: m.Customer.create(name=name, email=email) for name, email in PEOPLE}


def names(text: str, spec: lists.ListSpec = CUSTOMERS) -> list[str]:
    rows = ls.fetch(spec, ListQuery(search=text, sort=(("name", False),)), limit=1000)
    found = [r.values["name"] for r in rows]
    assert ls.count(spec, ListQuery(search=text)) == len(found), text  # count agrees
    return found


def test_any_word_of_a_name_by_its_start(people):
    assert names("okafor") == ["Chidi Okafor", "Emma Okafor"]  # a surname
    assert names("oka") == ["Chidi Okafor", "Emma Okafor", "Okafo Nwosu"]
    assert names("traders") == ["Northwind Coffee Traders Ltd"]  # a word inside a company name
    assert names("coffee") == ["Northwind Coffee Traders Ltd"]
    assert names("cruz") == ["María de la Cruz"]
    assert names("la") == ["María de la Cruz"]  # short words and common ones count too
    assert names("ng") == ["Zoë Ng"]
    assert names("kafor") == []  # the start of a word, not any part of it


def test_every_word_typed_must_start_a_word(people):
    assert names("emma oka") == ["Emma Okafor"]
    assert names("oka emma") == ["Emma Okafor"]  # in any order
    assert names("okafor nwosu") == []
    assert names("okaf nwo") == ["Okafo Nwosu"]
    assert names("cruz de") == ["María de la Cruz"]


def test_letter_case_and_accents_do_not_matter(people):
    for text in ("OKAFOR", "OkAfOr"):
        assert names(text) == ["Chidi Okafor", "Emma Okafor"]
    for text in ("müller", "muller", "MÜL", "Mul"):
        assert names(text) == ["Jürgen Müller"], text
    assert names("jurgen") == ["Jürgen Müller"]
    assert names("maria") == ["María de la Cruz"]
    assert names("zoe") == ["Zoë Ng"]
    # An apostrophe joins a name and splits it: all three spellings find it.
    for text in ("o'brien", "obrien", "brien", "O’Bri"):
        assert names(text) == ["Sean O'Brien"], text


def test_email_words_and_starts(people):
    assert names("juer") == ["Jürgen Müller"]  # the start of an address's local part
    assert names("mdlc") == ["María de la Cruz"]
    assert names("northwind") == ["Northwind Coffee Traders Ltd"]  # a word of a domain
    assert names("mail") == ["Chidi Okafor"]
    assert names("c.okafor") == ["Chidi Okafor"]  # several words of one address
    assert names("c.okafor@mail") == ["Chidi Okafor"]  # with "@": the address's start
    assert names("okafor@") == []
    assert names("@northwind") == ["Northwind Coffee Traders Ltd"]  # a domain's words


def test_no_match_and_nothing_to_search(people):
    assert names("zzz") == []
    assert names("emma zzz") == []
    assert names("--") == []  # punctuation alone has no word to look for
    assert len(ls.fetch(CUSTOMERS, ListQuery())) == len(PEOPLE)


def test_soft_deleted_customers_are_not_found(people, database):
    emma = people["Emma Okafor"]
    emma.deleted_at = m.utcnow()
    emma.save()
    assert names("okafor") == ["Chidi Okafor"]
    assert not m.CustomerSearchToken.select().where(m.CustomerSearchToken.customer == emma.id)
    chidi = people["Chidi Okafor"]  # deleted in bulk, then re-indexed
    m.Customer.update(deleted_at=m.utcnow()).where(m.Customer.id == chidi.id).execute()
    search.reindex_customer_ids(database, [chidi.id])
    assert names("okafor") == []


def test_orders_and_tickets_by_their_digits(people):
    emma, chidi, zoe = people["Emma Okafor"], people["Chidi Okafor"], people["Zoë Ng"]
    m.Order.create(order_number="ORD-0000003", customer=emma)
    m.Order.create(order_number="ORD-0000030", customer=chidi)
    m.Order.create(order_number="ORD-0000300", customer=zoe)
    for text in ("3", "0003", "ord-3", "ORD-0000003", "ord 3", "ORD3", " 3 "):
        assert names(text) == ["Emma Okafor"], text
    assert names("30") == ["Chidi Okafor"]
    assert names("4") == []
    order_numbers = [r.values["order_number"] for r in ls.fetch(ORDERS, ListQuery(search="3"))]
    assert order_numbers == ["ORD-0000003"]

    m.SupportTicket.create(
        number="T-000003", customer=zoe, subject="Where is 30?", category="shipping"
    )
    m.SupportTicket.create(number="T-000030", customer=chidi, subject="Refund", category="billing")
    m.SupportTicket.create(
        number="T-000031-ab12", customer=chidi, subject="Again", category="billing"
    )
    tickets = ListQuery(filters={})
    assert ls.count(TICKETS, tickets) == 3
    for text in ("3", "t-3", "T-000003", "0003", "T3"):
        found = [r.values["number"] for r in ls.fetch(TICKETS, ListQuery(search=text))]
        assert found == ["T-000003"], text
    assert [r.values["number"] for r in ls.fetch(TICKETS, ListQuery(search="31"))] == [
        "T-000031-ab12"  # a number that was taken when the ticket was made
    ]
    assert names("T-3") == ["Zoë Ng"]  # the customer who opened that ticket
    assert ls.count(TICKETS, ListQuery(search="refund")) == 1  # text still finds subjects


def test_a_renamed_customer_is_found_by_the_new_name_only(people, database):
    boss = m.User.create(
        username="b",
        email="b@staff.example",
        display_name="B",
        password_hash="x",
        role="supervisor",  # a customer's name or email is changed by supervisors and admins
    )
    services = Services(database, boss)
    emma = people["Emma Okafor"]
    services.update_customer(emma.id, name="Emma Adeyemi", version=emma.version)
    assert names("adeyemi") == ["Emma Adeyemi"]
    assert names("okafor") == ["Chidi Okafor"]
    assert names("emma") == ["Emma Adeyemi"]
    audit = m.AuditLog.get(m.AuditLog.action == "customer.edit")
    assert audit.before == {"name": "Emma Okafor"} and audit.after == {"name": "Emma Adeyemi"}

    services.update_customer(emma.id, email="E.Adeyemi@Work.example")
    assert names("work") == ["Emma Adeyemi"]
    assert "Emma Adeyemi" not in names("shop")
    assert m.Customer.get_by_id(emma.id).email == "e.adeyemi@work.example"

    # A save through the model keeps the words in step too.
    chidi = m.Customer.get_by_id(people["Chidi Okafor"].id)
    chidi.name = "Chidi Eze"
    chidi.save()
    assert names("okafor") == ["Chidi Eze"]  # still in the email address
    assert names("eze") == ["Chidi Eze"]
    assert names("chidi okafor") == ["Chidi Eze"]
    chidi.email = "chidi@shop.example"
    chidi.save()
    assert names("okafor") == []


def test_the_words_are_those_of_the_stored_name_and_email(people):
    W = m.CustomerSearchToken  # noqa: N806
    stored = sorted(W.select(W.token, W.customer, W.prev_token, W.all_tokens).tuples())
    assert stored == sorted(
        row for c in people.values() for row in search.token_rows(c.id, c.name, c.email)
    )
    assert search.token_rows(3, "Jürgen Müller", "juergen.m@shop.example") == [
        ("example", 3, "", " example juergen jurgen m muller shop "),
        ("juergen", 3, "example", " example juergen jurgen m muller shop "),
        ("jurgen", 3, "juergen", " example juergen jurgen m muller shop "),
        ("m", 3, "jurgen", " example juergen jurgen m muller shop "),
        ("muller", 3, "m", " example juergen jurgen m muller shop "),
        ("shop", 3, "muller", " example juergen jurgen m muller shop "),
    ]


def test_the_upgrade_to_schema_5_fills_the_words_of_existing_customers(
    people, database, monkeypatch
):
    """Step 5 on a database at version 4: the table, its index, every customer's words,
    in batches (two customers a batch here), and nothing twice when it runs again."""
    want = sorted(m.CustomerSearchToken.select().tuples())
    database.execute_sql("DROP TABLE customer_search_token")
    m.SchemaVersion.update(version=4).execute()
    monkeypatch.setattr(migrations, "BACKFILL_BATCH", 2)
    monkeypatch.setattr(
        migrations,
        "_backfill_search_words",
        lambda db, batch=2, real=migrations._backfill_search_words: real(db, batch),
    )
    result = init_db(database, backup=False)
    assert (result.from_version, result.to_version) == (4, migrations.SCHEMA_VERSION)
    assert sorted(m.CustomerSearchToken.select().tuples()) == want
    assert names("okafor") == ["Chidi Okafor", "Emma Okafor"]
    # Run again halfway (the words of some customers lost): only those are written.
    first = people["Emma Okafor"].id
    m.CustomerSearchToken.delete().where(m.CustomerSearchToken.customer == first).execute()
    migrations._step_5_customer_search_words(database)
    assert sorted(m.CustomerSearchToken.select().tuples()) == want


def plan_text(database, select) -> str:
    sql, params = select.sql()
    if is_mysql(database):
        rows = database.execute_sql("EXPLAIN " + sql, params).fetchall()
        return "\n".join(" ".join(str(v) for v in row) for row in rows)
    rows = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(str(row[-1]) for row in rows)


@pytest.fixture
def crowd(database):
    """Enough customers that the planners prefer an index to reading the tables."""
    m.Customer.insert_many(
        [
            {"name": f"Person{i} Family{i % 97}", "email": f"p{i}@x{i % 13}.example"}
            for i in range(3000)
        ]
    ).execute()
    search.reindex_customer_ids(database, [c.id for c in m.Customer.select(m.Customer.id)])
    m.Customer.create(name="Emma Okafor", email="emma@shop.example")
    if is_mysql(database):
        database.execute_sql("ANALYZE TABLE customer, customer_search_token")
    else:
        database.execute_sql("ANALYZE")


def test_a_word_search_reads_a_range_of_the_words_index(crowd, database):
    query = ListQuery(search="okafor", sort=CUSTOMERS.default_sort)
    selects = [ls.fetch_select(CUSTOMERS, query)[0]]
    selects += [select for _sign, select in ls.count_selects(CUSTOMERS, query)]
    for select in selects:
        plan = plan_text(database, select)
        if is_mysql(database):
            # A range of the words table's primary key on its first part (token, 4 × 64 + 2
            # bytes); no table read whole.
            assert re.search(r" range \S*PRIMARY\S* PRIMARY 258 ", plan), plan
            assert " ALL " not in plan.replace("<subquery2> ALL distinct_key", ""), plan
        else:
            assert (
                "USING INDEX sqlite_autoindex_customer_search_token_1 (token>? AND token<?)" in plan
            ), plan
            assert "SCAN" not in plan, plan
    assert [r.values["name"] for r in ls.fetch(CUSTOMERS, query)] == ["Emma Okafor"]
    assert ls.count(CUSTOMERS, query) == 1


def test_a_number_search_is_a_lookup_of_the_number(crowd, database):
    emma = m.Customer.get(m.Customer.name == "Emma Okafor")
    m.Order.create(order_number="ORD-0000003", customer=emma)
    for spec, index in ((CUSTOMERS, "orders_order_number"), (ORDERS, "orders_order_number")):
        select, _ = ls.fetch_select(spec, ListQuery(search="ord-3"))
        plan = plan_text(database, select)
        assert index in plan, plan
    m.SupportTicket.create(number="T-000003", customer=emma, subject="Hello", category="other")
    select, _ = ls.fetch_select(TICKETS, ListQuery(search="3"))
    plan = plan_text(database, select)
    assert "support_ticket_number" in plan, plan


@pytest.mark.parametrize(
    ("few", "many"), [(lists.FEW_MATCHES, lists.MANY_MATCHES), (3, 10_000), (3, 5)]
)
def test_every_plan_gives_the_rows_of_one_full_query_on_every_page(
    database, monkeypatch, few, many
):
    """Few matches: read and sort them; more (here: more than 3): page along the sort index,
    against the set of matches, or (more than 5) checking each entry in the words table
    (MySQL). Whichever plan, every way of paging gives the same rows, deleted customers left
    out."""
    monkeypatch.setattr(lists, "FEW_MATCHES", few)
    monkeypatch.setattr(lists, "MANY_MATCHES", many)
    pairs = [(f, la) for f in ("Ann", "Anna", "Bob", "Joan") for la in ("Lee", "Okafor", "Annan")]
    rows = [
        {"name": f"{first} {last}", "email": f"{first[0]}{i}@{last.lower()}.example",
         "churn_probability": None if i % 7 == 0 else (i * 37 % 11) / 10, "total_orders": i % 4}
        for i, (first, last) in enumerate(pairs * 3)
    ]  # fmt: skip
    m.Customer.insert_many(rows).execute()
    search.reindex_customer_ids(database, [c.id for c in m.Customer.select(m.Customer.id)])
    gone = m.Customer.get(m.Customer.name == "Anna Lee")
    gone.deleted_at = m.utcnow()
    gone.save()
    live = list(m.Customer.select().where(m.Customer.deleted_at.is_null()))

    def expected(words):
        return {
            c.id for c in live
            if all(any(t.startswith(w) for t in search.customer_tokens(c.name, c.email))
                   for w in words)
        }  # fmt: skip

    for text, sort in [("ann", (("churn_probability", True),)), ("ann", (("name", False),)),
                       ("an ok", (("total_orders", True),)), ("lee", (("email", False),)),
                       ("ann", (("customer_since", True),))]:  # fmt: skip
        query = ListQuery(search=text, sort=sort)
        full = ls.fetch(CUSTOMERS, query, limit=1000)
        ids = [r.id for r in full]
        assert set(ids) == expected(search.words(text)) and len(ids) == len(set(ids)), text
        assert ls.count(CUSTOMERS, query) == len(ids)
        assert walk_forward(query, 4) == ids, (text, sort)
        assert walk_backward(query, 4) == ids, (text, sort)
        for offset in (0, 3, len(ids) - 2):
            page = ls.fetch(CUSTOMERS, query, offset=offset, limit=4)
            assert [r.id for r in page] == ids[offset : offset + 4]
            page = ls.fetch(CUSTOMERS, query, offset=offset, from_end=True, limit=4)
            end = len(ids) - offset
            assert [r.id for r in page] == ids[max(0, end - 4) : end]
        # A filter as well: the engine's plan, the same rows.
        risky = query.with_(filters={"account_status": ["active"]})
        assert [r.id for r in ls.fetch(CUSTOMERS, risky, limit=1000)] == ids
        assert ls.count(CUSTOMERS, risky) == len(ids)
    if is_mysql(database) and few == 3:
        select, _ = ls.fetch_select(CUSTOMERS, ListQuery(search="ann", sort=CUSTOMERS.default_sort))
        sql = select.sql()[0]
        assert "FORCE INDEX (`customer_churn_probability`)" in sql
        assert ("AS `probe`" in sql) == (many == 5)


def walk_forward(query, size):
    rows, page = [], ls.fetch(CUSTOMERS, query, limit=size)
    while page:
        rows += page
        page = ls.fetch(CUSTOMERS, query, after=page[-1].key, limit=size)
    return [r.id for r in rows]


def walk_backward(query, size):
    rows, page = [], ls.fetch(CUSTOMERS, query, from_end=True, limit=size)
    while page:
        rows = page + rows
        page = ls.fetch(CUSTOMERS, query, before=page[0].key, limit=size)
    return [r.id for r in rows]

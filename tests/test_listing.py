"""Keyset-paginated list queries on SQLite and MariaDB: order, filters, search, paging plans."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from db import models as m
from db import search
from desktop.core.read import listing as ls
from desktop.core.read import lists
from desktop.core.read.listing import ListQuery

CUSTOMERS = lists.SPECS["customers"]
ALERTS = lists.SPECS["alerts"]
TICKETS = lists.SPECS["tickets"]
ORDERS = lists.SPECS["orders"]


@pytest.fixture
def customers(database) -> list[m.Customer]:
    """61 customers with duplicate and NULL sort values, so tie-breaks and NULLs are exercised."""
    rnd = random.Random(7)
    rows = []
    for i in range(61):
        prob = None if i % 9 == 0 else rnd.choice([0.1, 0.35, 0.35, 0.62, 0.8, 0.95])
        risk = None if prob is None else ("CRITICAL" if prob >= 0.8 else "LOW")
        rows.append(
            {
                "name": f"Person {i:02d}" + (" Smith" if i % 5 == 0 else ""),
                "email": f"p{i:03d}@shop{i % 3}.example",
                "churn_probability": prob,
                "risk_level": risk,
                "health_score": None if i % 4 == 0 else rnd.randint(0, 3) * 10,
                "total_orders": rnd.randint(0, 3),
                "total_spent": rnd.choice([0, 10, 99.5]),
                "account_value": rnd.choice([1, 5, 50]),
                "account_status": "at_risk" if i % 7 == 0 else "active",
                "customer_since": date(2023, 1, 1) + timedelta(days=i * 5),
                "last_order_at": None
                if i % 6 == 0
                else datetime(2024, 1, 1) + timedelta(days=i % 4),
            }
        )
    m.Customer.insert_many(rows).execute()
    index_all(database)
    return list(m.Customer.select().order_by(m.Customer.id))


def index_all(database) -> None:
    """Search words for customers a test inserted in bulk (`Customer.save()` writes its own)."""
    search.reindex_customer_ids(database, [c.id for c in m.Customer.select(m.Customer.id)])


def walk_forward(spec, query, size):
    rows, page = [], ls.fetch(spec, query, limit=size)
    while page:
        rows += page
        page = ls.fetch(spec, query, after=page[-1].key, limit=size)
    return [r.id for r in rows]


def walk_backward(spec, query, size):
    rows, page = [], ls.fetch(spec, query, from_end=True, limit=size)
    while page:
        rows = page + rows
        page = ls.fetch(spec, query, before=page[0].key, limit=size)
    return [r.id for r in rows]


SORTABLE = [c.key for c in CUSTOMERS.columns if c.sort is not None]


@pytest.mark.parametrize("desc", [False, True])
def test_keyset_pages_match_one_full_query_for_every_sortable_column(customers, desc):
    for key in SORTABLE:
        query = ListQuery(sort=((key, desc),))
        full = [r.id for r in ls.fetch(CUSTOMERS, query, limit=1000)]
        assert len(full) == len(customers)
        assert walk_forward(CUSTOMERS, query, 7) == full, key
        assert walk_backward(CUSTOMERS, query, 7) == full, key


def test_sort_by_churn_probability_puts_nulls_last_descending(customers):
    ids = [r.id for r in ls.fetch(CUSTOMERS, ListQuery(sort=(("churn_probability", True),)))]

    def sort_key(c):
        # descending probability, NULL last, ties by id descending
        return (c.churn_probability is None, -(c.churn_probability or 0), -c.id)

    assert ids == [c.id for c in sorted(customers, key=sort_key)]


def test_plan_page_loads_any_page_correctly(customers):
    query = ListQuery(sort=(("health_score", False),))
    full = [r.id for r in ls.fetch(CUSTOMERS, query, limit=1000)]
    total = ls.count(CUSTOMERS, query)
    size = 8
    loaded: dict[int, list[ls.Row]] = {}

    def edges(p):
        rows = loaded.get(p)
        return (rows[0].key, rows[-1].key) if rows else None

    pages = (total + size - 1) // size
    for p in [pages - 1, 3, 0, 4, 2, pages - 2, 1]:  # last first, then jumps and neighbours
        plan = ls.plan_page(p, total, edges, size)
        rows = ls.run_plan(CUSTOMERS, query, plan, None)
        assert [r.id for r in rows] == full[p * size : (p + 1) * size], (p, plan)
        loaded[p] = rows
    plan = ls.plan_page(pages - 1, total, lambda p: None, size)
    assert plan.from_end and plan.offset == 0


def test_customer_filters_and_soft_delete(customers, database):
    assert ls.count(CUSTOMERS, ListQuery()) == 61
    m.Customer.update(deleted_at=m.utcnow()).where(m.Customer.id == customers[0].id).execute()
    assert ls.count(CUSTOMERS, ListQuery()) == 60

    critical = ListQuery(filters={"risk_level": ["CRITICAL"]})
    expected = {c.id for c in customers[1:] if c.risk_level == "CRITICAL"}
    assert {r.id for r in ls.fetch(CUSTOMERS, critical, limit=100)} == expected
    assert ls.count(CUSTOMERS, critical) == len(expected)

    at_risk = ListQuery(filters={"account_status": ["at_risk"]})
    assert ls.count(CUSTOMERS, at_risk) == len(
        [c for c in customers[1:] if c.id and c.account_status == "at_risk"]
    )

    since = ListQuery(filters={"date_from": date(2023, 1, 6), "date_to": date(2023, 1, 16)})
    assert {r.values["customer_since"] for r in ls.fetch(CUSTOMERS, since)} == {
        date(2023, 1, 6),
        date(2023, 1, 11),
        date(2023, 1, 16),
    }

    tag = m.CustomerTag.create(name="VIP")
    seg = m.CustomerSegment.create(name="Big spenders")
    m.CustomerTagAssignment.create(customer=customers[3], tag=tag)
    m.CustomerSegmentAssignment.create(customer=customers[4], segment=seg)
    assert [r.id for r in ls.fetch(CUSTOMERS, ListQuery(filters={"tag": tag.id}))] == [
        customers[3].id
    ]
    assert [r.id for r in ls.fetch(CUSTOMERS, ListQuery(filters={"segment": seg.id}))] == [
        customers[4].id
    ]


def test_customer_search_by_email_prefix_name_and_order_number(customers):
    m.Customer.create(name="Under Score", email="a_b@x.example")
    m.Customer.create(name="Other", email="axb@x.example")
    # "_" is literal, not a LIKE wildcard
    assert [r.values["email"] for r in ls.fetch(CUSTOMERS, ListQuery(search="a_b@"))] == [
        "a_b@x.example"
    ]
    found = ls.fetch(CUSTOMERS, ListQuery(search="p01"))
    assert {r.values["email"][:4] for r in found} == {
        "p010",
        "p011",
        "p012",
        "p013",
        "p014",
        "p015",
        "p016",
        "p017",
        "p018",
        "p019",
    }
    # Other text: every word typed starts a word of the name or email, in any letter case.
    tens = ls.fetch(CUSTOMERS, ListQuery(search="person 1"))
    assert sorted(r.values["name"] for r in tens) == [
        f"Person {i}" + (" Smith" if i % 5 == 0 else "") for i in range(10, 20)
    ]
    assert [r.values["name"] for r in ls.fetch(CUSTOMERS, ListQuery(search="PERSON 05 s"))] == [
        "Person 05 Smith"
    ]
    assert ls.count(CUSTOMERS, ListQuery(search="pErS")) == 61
    # A word inside the name is found by its start.
    assert ls.count(CUSTOMERS, ListQuery(search="smith")) == len(range(0, 61, 5))
    assert ls.count(CUSTOMERS, ListQuery(search="mith")) == 0
    m.Order.create(order_number="ORD-777", customer=customers[5])
    assert [r.id for r in ls.fetch(CUSTOMERS, ListQuery(search="ORD-777"))] == [customers[5].id]
    assert [r.id for r in ls.fetch(CUSTOMERS, ListQuery(search="777"))] == [customers[5].id]
    assert ls.count(CUSTOMERS, ListQuery(search="P01")) == 10


def test_alert_queue_order_filters_and_me(customers):
    me = m.User.create(username="me", email="me@x.example", display_name="Me", password_hash="x")
    base = datetime(2024, 5, 1)
    specs = [("low", 0), ("critical", 2), ("high", 1), ("critical", 1), ("medium", 5)]
    for i, (prio, age_days) in enumerate(specs):
        m.Alert.create(
            type="churn_risk",
            priority=prio,
            title=f"A{i}",
            customer=customers[i],
            created_at=base - timedelta(days=age_days),
            assignee=me if i % 2 == 0 else None,
            status="resolved" if i == 4 else "open",
        )
    rows = ls.fetch(ALERTS, ListQuery())
    # priority first (critical → low), then oldest first
    assert [r.values["title"] for r in rows] == ["A1", "A3", "A2", "A4", "A0"]
    assert rows[0].values["customer_name"] == customers[1].name
    open_only = ListQuery(filters={"status": ["open", "acknowledged"]})
    assert ls.count(ALERTS, open_only) == 4
    mine = ListQuery(filters={"assigned_to_me": True})
    assert {r.values["title"] for r in ls.fetch(ALERTS, mine, me=me.id)} == {"A0", "A2", "A4"}
    assert walk_forward(ALERTS, ListQuery(), 2) == [r.id for r in rows]
    assert walk_backward(ALERTS, ListQuery(), 2) == [r.id for r in rows]
    by_customer = ListQuery(search=customers[2].email[:4])
    assert [r.values["title"] for r in ls.fetch(ALERTS, by_customer)] == ["A2"]
    assert ls.count(ALERTS, by_customer) == 1
    assert [len(b) for b in ls.matching_ids(ALERTS, open_only, batch=3)] == [3, 1]


def test_ticket_and_order_lists(customers):
    c = customers[1]
    for i, status in enumerate(["open", "resolved", "open"]):
        m.SupportTicket.create(
            number=f"T-{i:06d}",
            customer=c,
            subject=f"Refund request {i}",
            category="billing",
            status=status,
            opened_at=datetime(2024, 1, 1 + i),
        )
    assert [r.values["number"] for r in ls.fetch(TICKETS, ListQuery())] == [
        "T-000002",
        "T-000001",
        "T-000000",
    ]
    assert ls.count(TICKETS, ListQuery(filters={"status": ["open"]})) == 2
    assert ls.count(TICKETS, ListQuery(search="refund")) == 3
    assert [r.values["number"] for r in ls.fetch(TICKETS, ListQuery(search="t-000001"))] == [
        "T-000001"
    ]
    order = m.Order.create(order_number="ORD-1", customer=c, total=20)
    m.OrderItem.create(order=order, sku="A", name="Mug", quantity=2, unit_price=10)
    m.OrderItem.create(order=order, sku="B", name="Tea", quantity=1, unit_price=0)
    m.Order.create(order_number="ORD-2", customer=customers[2])
    rows = ls.fetch(ORDERS, ListQuery(filters={"customer": c.id}))
    assert [(r.values["order_number"], r.values["items"]) for r in rows] == [("ORD-1", 2)]


def test_name_sort_and_word_search_with_ties_case_and_accents(database):
    names = ["ann lee", "Ann Lee", "Ann Lee", "Bob", "bob", "Zoë", "Émile", "O'Brien", "Mary-Jane",
             "Tea 100% Co", "Tea 1000 Co"]  # fmt: skip
    m.Customer.insert_many(
        [{"name": n, "email": f"n{i}@x.example"} for i, n in enumerate(names)]
    ).execute()
    index_all(database)
    for desc in (False, True):
        query = ListQuery(sort=(("name", desc),))
        full = ls.fetch(CUSTOMERS, query, limit=100)
        assert len(full) == len(names)
        assert walk_forward(CUSTOMERS, query, 2) == [r.id for r in full]
        assert walk_backward(CUSTOMERS, query, 2) == [r.id for r in full]
        ordered = [r.values["name"] for r in full]
        assert ordered.index("Bob") != ordered.index("Zoë")
        first, last = ordered.index("Ann Lee"), ordered.index("Zoë")
        assert (first < last) != desc

    def found(text):
        return sorted(r.values["name"] for r in ls.fetch(CUSTOMERS, ListQuery(search=text)))

    assert found("ann l") == ["Ann Lee", "Ann Lee", "ann lee"]
    assert found("BOB") == ["Bob", "bob"]
    assert found("o'b") == ["O'Brien"]
    assert found("mary-j") == ["Mary-Jane"]
    assert found("tea 100%") == ["Tea 100% Co", "Tea 1000 Co"]  # "%" separates words
    assert found("100") == []  # a number alone is an order number, and there are no orders
    assert found("Émi") == ["Émile"]
    assert ls.count(CUSTOMERS, ListQuery(search="ann l")) == 3


def test_one_word_searches_name_and_email_words_with_every_paging_plan(database):
    """A word may start any word of a name or an email: paging forward, backward, from the
    end and by offset gives the rows of one full query, each once."""
    rnd = random.Random(3)
    rows = []
    for i in range(40):
        first = rnd.choice(["Jo", "Joan", "John", "Anna", "Mike"])
        email = rnd.choice([f"{first.lower()}.{i}", f"j{i}smith", f"x{i}"]) + "@shop.example"
        prob = None if i % 7 == 0 else rnd.choice([0.2, 0.5, 0.5, 0.9])
        rows.append({"name": f"{first} Smith", "email": email, "churn_probability": prob})
    rows.append({"name": "Mike Smith", "email": "jsmithy@shop.example", "churn_probability": 0.5})
    m.Customer.insert_many(rows).execute()
    index_all(database)
    m.Customer.create(name="Dora Deleted", email="jdora@shop.example", deleted_at=m.utcnow())
    by_id = {c.id: c for c in m.Customer.select().where(m.Customer.deleted_at.is_null())}

    plain = {r.id: r for r in ls.fetch(CUSTOMERS, ListQuery(), limit=1000)}

    def starts(c, text):
        return any(w.startswith(text) for w in search.customer_tokens(c.name, c.email))

    for text, sort in [("jo", (("churn_probability", True),)), ("J", (("name", False),)),
                       ("mike", (("email", True),))]:  # fmt: skip
        query = ListQuery(search=text, sort=sort)
        expected = {i for i, c in by_id.items() if starts(c, text.lower())}
        full = ls.fetch(CUSTOMERS, query, limit=1000)
        assert len(full) == len({r.id for r in full}) == len(expected) > 0
        assert {r.id for r in full} == expected, text
        assert ls.count(CUSTOMERS, query) == len(expected)
        ids = [r.id for r in full]
        assert walk_forward(CUSTOMERS, query, 3) == ids
        assert walk_backward(CUSTOMERS, query, 3) == ids
        for offset in (0, 4, len(ids) - 2):
            page = ls.fetch(CUSTOMERS, query, offset=offset, limit=3)
            assert [r.id for r in page] == ids[offset : offset + 3]
        # Values come back as the model gives them, whichever way the rows were read.
        assert all(r.values == plain[r.id].values for r in full)
    # An email that starts with the word is found though no name starts so.
    assert [r.values["email"] for r in ls.fetch(CUSTOMERS, ListQuery(search="jsmith"))] == [
        "jsmithy@shop.example"
    ]


def test_a_date_range_sorted_by_another_column_pages_like_one_full_query(
    customers, database, monkeypatch
):
    """A "Custom range…" of join dates, sorted by churn, health or spend: on MySQL a wide range
    walks the sort column's index (`CustomerList.date_window_page`); every paging plan gives
    the rows of the range in order, each once, as a plain filter would."""
    from db.connection import is_mysql

    taken = []
    plain = lists.CustomerList.date_window_page

    def spy(self, *args):
        select = plain(self, *args)
        taken.append(select is not None)
        return select

    monkeypatch.setattr(lists.CustomerList, "date_window_page", spy)
    if is_mysql():
        database.execute_sql("ANALYZE TABLE customer")
    window = {"date_from": date(2023, 1, 11), "date_to": date(2023, 9, 30)}
    inside = [c for c in customers if date(2023, 1, 11) <= c.customer_since <= date(2023, 9, 30)]
    for key, desc in [("churn_probability", True), ("health_score", False), ("total_spent", True)]:
        query = ListQuery(filters=window, sort=((key, desc),))

        def sort_key(c, key=key, desc=desc):
            value = getattr(c, key)
            value = float(value) if value is not None else None
            missing_first = value is None if desc else value is not None
            return (missing_first, -(value or 0) if desc else (value or 0), -c.id if desc else c.id)

        expected = [c.id for c in sorted(inside, key=sort_key)]
        assert walk_forward(CUSTOMERS, query, 7) == expected, key
        assert walk_backward(CUSTOMERS, query, 7) == expected, key
        page = ls.fetch(CUSTOMERS, query, offset=10, limit=7)
        assert [r.id for r in page] == expected[10:17]
        assert ls.count(CUSTOMERS, query) == len(inside)
    assert any(taken) == is_mysql()  # the walk is MySQL's plan (SQLite's planner picks well)

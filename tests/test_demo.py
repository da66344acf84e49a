"""The demo generator: complete, valid, reproducible, with churn signal; `churnwatch demo`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import peewee as pw
import pytest

from db import demo, search
from db import models as m
from db.connection import connect
from db.fields import JSONField
from db.passwords import verify_password
from db.tasks import Cancelled, TaskState
from desktop.cli import main
from desktop.core.churn.features import IdRange, card_expiry_end, compute_features

TODAY = date(2025, 6, 15)
MIDNIGHT = datetime(2025, 6, 15)
# Tables filled by training and scoring (another feature), the audit trail of user writes, and
# what imports, offline syncs and retention keep of their own runs.
NOT_DEMO = (m.SchemaVersion, m.ModelVersion, m.ScoringRun, m.ScoringChunk, m.ChurnPrediction,
            m.AuditLog, m.SignInAttempt, m.ImportRun, m.ImportMapping, m.ChurnRecord,
            m.AppliedMutation, m.RetentionPolicy, m.RetentionRun)  # fmt: skip
# Settings a new database holds one row of, demo or not: the live alert policy's default.
SETTINGS = (m.AlertPolicySetting,)
FUTURE_ALLOWED = {(m.Subscription, "current_period_end")}  # a live subscription's period ends later


def _clear(database: pw.Database) -> None:
    with database.atomic():
        for model in reversed(demo.DEMO_MODELS):
            model.delete().execute()


def _dump(model: type[m.BaseModel]) -> list[tuple]:
    return list(model.select().order_by(model.id).tuples())


def test_fills_every_table_and_reports_its_counts(database: pw.Database) -> None:
    summary = demo.generate_demo(database, customers=40, seed=3, today=TODAY)

    assert list(summary.rows) == [model._meta.table_name for model in demo.DEMO_MODELS]
    expected = [model for model in m.ALL_MODELS if model not in NOT_DEMO + SETTINGS]
    assert set(expected) == set(demo.DEMO_MODELS)
    for model in expected:
        count = model.select().count()
        assert count > 0, model.__name__
        assert summary.rows[model._meta.table_name] == count, model.__name__
    for model in NOT_DEMO[1:]:
        assert model.select().count() == 0, model.__name__
    for model in SETTINGS:
        assert model.select().count() == 1, model.__name__
    assert demo.customer_count(database) == 40
    assert summary.elapsed > 0


def test_volume_per_customer_stays_modest() -> None:
    """A million customers must stay feasible on a small machine: ~25-40 rows each."""
    generator = demo.DemoGenerator(2000, 42, TODAY)
    generator.static_batches()
    rows = sum(len(batch.rows) for batch in generator.chunk_batches(0, 2000))
    assert 20 <= rows / 2000 <= 42


def test_same_seed_and_day_give_identical_rows_whatever_the_chunk_size(
    database: pw.Database,
) -> None:
    compared = (m.Customer, m.Order, m.OrderItem, m.PaymentMethod, m.PaymentTransaction,
                m.CustomerEvent, m.SupportTicket, m.TicketMessage, m.CustomerHealthScore,
                m.Alert, m.SystemMetric, m.Intervention)  # fmt: skip
    demo.generate_demo(database, customers=30, seed=11, today=TODAY)
    first = {model: _dump(model) for model in compared}
    _clear(database)
    demo.generate_demo(database, customers=30, seed=11, today=TODAY, chunk_size=7)
    again = {model: _dump(model) for model in compared}
    for model in compared:
        assert again[model] == first[model], model.__name__
    _clear(database)
    demo.generate_demo(database, customers=30, seed=12, today=TODAY)
    other = _dump(m.Customer)
    assert other != first[m.Customer]
    assert [row[2] for row in other] != [row[2] for row in first[m.Customer]]  # emails differ


def test_rows_are_valid_unique_and_not_in_the_future(database: pw.Database) -> None:
    demo.generate_demo(database, customers=60, seed=5, today=TODAY)

    for model in demo.DEMO_MODELS:
        if model is m.CustomerSearchToken:
            continue  # no id, nothing to validate: its rows are checked against the customers
        for instance in model.select().order_by(model.id).limit(300):
            assert instance.validation_errors() == {}, (model.__name__, instance.id)
        for name, fld in model._meta.fields.items():
            if isinstance(fld, pw.DateTimeField) and (model, name) not in FUTURE_ALLOWED:
                latest = model.select(pw.fn.MAX(fld)).scalar()
                if isinstance(latest, str):
                    latest = datetime.fromisoformat(latest)
                assert latest is None or latest <= MIDNIGHT, (model.__name__, name, latest)
    assert m.Customer.select(pw.fn.MAX(m.Customer.customer_since)).scalar() <= TODAY
    emails = [c.email for c in m.Customer.select(m.Customer.email)]
    assert len(emails) == len(set(emails)) == 60
    W = m.CustomerSearchToken  # noqa: N806
    assert sorted(W.select(W.token, W.customer, W.prev_token, W.all_tokens).tuples()) == sorted(
        row for c in m.Customer.select() for row in search.token_rows(c.id, c.name, c.email)
    )  # the demo's search words are the ones db.search gives every stored customer
    numbers = [o.order_number for o in m.Order.select(m.Order.order_number)]
    assert len(numbers) == len(set(numbers))
    # Live alerts never share a dedupe key; closed ones have given theirs up.
    closed = m.Alert.select().where(m.Alert.status.in_(["resolved", "dismissed"]))
    assert all(a.dedupe_key is None and a.dedupe_basis for a in closed)
    live = m.Alert.select().where(m.Alert.status.in_(["open", "acknowledged"]))
    assert all(a.dedupe_key for a in live)
    acknowledged = m.Alert.select().where(m.Alert.status == "acknowledged")
    assert all(a.acknowledged_at and a.acknowledged_by_id for a in acknowledged)
    assert all(a.resolved_at and a.resolved_at >= a.created_at for a in closed)


def test_json_is_stored_as_the_json_field_writes_it(database: pw.Database) -> None:
    demo.generate_demo(database, customers=30, seed=9, today=TODAY)
    cursor = database.execute_sql(
        "SELECT data FROM customer_event WHERE data IS NOT NULL "
        "UNION ALL SELECT factors FROM customer_health_score "
        "UNION ALL SELECT criteria FROM customer_segment WHERE criteria IS NOT NULL "
        "UNION ALL SELECT tags FROM system_metric"
    )
    texts = [row[0] for row in cursor.fetchall()]
    assert texts
    field = JSONField()
    for text in texts:
        assert field.db_value(field.python_value(text)) == text


def test_churn_follows_behaviour(database: pw.Database) -> None:
    demo.generate_demo(database, customers=600, seed=42, today=TODAY)
    customers = list(m.Customer.select())
    churned = [c for c in customers if c.account_status == "churned"]
    retained = [c for c in customers if c.account_status != "churned"]
    assert 0.12 <= len(churned) / len(customers) <= 0.40
    assert all(c.churned_at is not None for c in churned)
    assert all(c.churned_at is None for c in retained)

    placed: dict[int, list[datetime]] = {}
    for customer_id, at in m.Order.select(m.Order.customer, m.Order.placed_at).tuples():
        placed.setdefault(customer_id, []).append(at)

    # Orders fade in the 60 days before churning compared with the customer's earlier history.
    late = early = late_days = early_days = 0.0
    for c in churned:
        start = datetime.combine(c.customer_since, datetime.min.time())
        cut = c.churned_at - timedelta(days=60)
        if (cut - start).days < 60:
            continue
        times = placed.get(c.id, [])
        late += sum(1 for t in times if cut <= t < c.churned_at)
        early += sum(1 for t in times if t < cut)
        late_days += 60
        early_days += (cut - start).days
    assert late_days > 0 and early_days > 0
    assert late / late_days < 0.75 * (early / early_days)
    assert all(t < c.churned_at for c in churned for t in placed.get(c.id, []))

    # Engagement (logins, views, emails) fades the same way; events go back a year.
    engaged: dict[int, list[datetime]] = {}
    events = m.CustomerEvent.select(m.CustomerEvent.customer, m.CustomerEvent.occurred_at).where(
        m.CustomerEvent.category == "engagement"
    )
    for customer_id, at in events.tuples():
        engaged.setdefault(customer_id, []).append(at)
    window_start = MIDNIGHT - timedelta(days=demo.EVENT_WINDOW_DAYS)
    late = early = late_days = early_days = 0.0
    for c in churned:
        start = max(window_start, datetime.combine(c.customer_since, datetime.min.time()))
        cut = c.churned_at - timedelta(days=60)
        if (cut - start).days < 60:
            continue
        times = engaged.get(c.id, [])
        late += sum(1 for t in times if cut <= t < c.churned_at)
        early += sum(1 for t in times if start <= t < cut)
        late_days += 60
        early_days += (cut - start).days
    assert late_days > 0 and early_days > 0
    assert late / late_days < 0.75 * (early / early_days)

    # More tickets and failed payments among those who left.
    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    assert mean([c.support_tickets for c in churned]) > 1.5 * mean(
        [c.support_tickets for c in retained]
    )
    assert mean([c.payment_failures for c in churned]) > 1.5 * mean(
        [c.payment_failures for c in retained]
    )
    # Customers at risk now are the declining ones: fewer recent orders than the quiet majority.
    assert any(c.account_status == "at_risk" for c in customers)
    assert any(c.account_status == "resolved" for c in customers)


def test_cards_credentials_and_staff(database: pw.Database, cheap_password_hashing: None) -> None:
    summary = demo.generate_demo(database, customers=60, seed=5, today=TODAY)

    this_month = m.PaymentMethod.select().where(
        (m.PaymentMethod.expiry_year == TODAY.year)
        & (m.PaymentMethod.expiry_month == TODAY.month)
        & (m.PaymentMethod.status == "active")
    )
    assert this_month.count() >= 1  # expires at the end of this month: within 30 days
    failing = m.PaymentMethod.select().where(
        (m.PaymentMethod.failure_count > 0) & m.PaymentMethod.last_failure_at.is_null(False)
    )
    assert failing.count() >= 1
    expired = m.PaymentMethod.select().where(m.PaymentMethod.status == "expired")
    for card in expired:
        assert (card.expiry_year, card.expiry_month) < (TODAY.year, TODAY.month)

    roles = {role for _, _, role in summary.credentials}
    assert roles == {"admin", "supervisor", "agent"}
    assert len(summary.credentials) == 5
    for username, password, role in summary.credentials:
        user = m.User.get(m.User.username == username)
        assert user.role == role
        assert verify_password(password, user.password_hash)
        assert not verify_password(password + "x", user.password_hash)
    agents = {u.id for u in m.User.select().where(m.User.role == "agent")}
    assignees = {t.assignee_id for t in m.SupportTicket.select() if t.assignee_id}
    assert assignees and assignees <= agents


def test_cards_expire_for_customers_who_stay_too(database: pw.Database) -> None:
    """Loyal customers' cards run out as well, and get replaced. At the training cutoffs an
    expiring or expired card is a moderate risk factor: were it a mark only churners carry, every
    model trained on the demo would read it as a verdict."""
    customers = 600
    demo.generate_demo(database, customers=customers, seed=42, today=TODAY)
    churned_at = dict(m.Customer.select(m.Customer.id, m.Customer.churned_at).tuples())
    names = ("card_expiring_30d", "card_expired")
    # Per feature: [customers with it, customers], for those who stayed and those who churned
    # within 90 days of the cutoff; pooled over the cutoffs training snapshots use.
    stayers = {name: [0, 0] for name in names}
    churners = {name: [0, 0] for name in names}
    for days in (90, 180, 240):
        cutoff = MIDNIGHT - timedelta(days=days)
        features = compute_features(database, IdRange(1, customers), cutoff)
        gone = [
            (at := churned_at[int(cid)]) is not None and at < cutoff + timedelta(days=90)
            for cid in features.ids
        ]
        expiring_then = 0
        for name in names:
            for churner, value in zip(gone, features.column(name), strict=True):
                counts = (churners if churner else stayers)[name]
                counts[0] += value > 0
                counts[1] += 1
                if name == "card_expiring_30d" and not churner and value > 0:
                    expiring_then += 1
        assert expiring_then > 0, f"no stayer had a card about to expire {days} days ago"
    for name in names:
        stayed = stayers[name][0] / stayers[name][1]
        churned = churners[name][0] / churners[name][1]
        assert stayed > 0, name
        assert churned <= 3 * stayed, (name, churned, stayed)

    # The history behind it: one default card each; most expired cards have a successor.
    cards = list(m.PaymentMethod.select().order_by(m.PaymentMethod.id))
    by_customer: dict[int, list[m.PaymentMethod]] = {}
    for card in cards:
        by_customer.setdefault(card.customer_id, []).append(card)
    assert len(by_customer) == customers
    assert all(sum(c.is_default for c in own) == 1 for own in by_customer.values())
    expired = [c for c in cards if c.status == "expired"]
    replaced = [
        c for c in expired if any(o.created_at > c.created_at for o in by_customer[c.customer_id])
    ]
    assert expired and len(replaced) >= 0.6 * len(expired)
    # Today: some customers who stay hold a live card that runs out within 30 days, and the demo
    # alerts about a few of them, keyed the way the alert rules key them.
    soon: dict[int, m.PaymentMethod] = {}
    for c in cards:
        end = card_expiry_end(c.expiry_year, c.expiry_month)
        live = c.status != "expired" and churned_at[c.customer_id] is None
        if live and MIDNIGHT < end <= MIDNIGHT + timedelta(days=30):
            soon[c.id] = c
    alerts = list(m.Alert.select().where(m.Alert.type == "card_expiring"))
    assert soon and alerts
    for alert in alerts:
        card = soon[alert.correlated_events[0]["payment_method"]]
        assert alert.customer_id == card.customer_id
        assert alert.dedupe_key == (
            f"card_expiring:card:{card.id}:{card.expiry_year}-{card.expiry_month:02d}"
        )
        end = card_expiry_end(card.expiry_year, card.expiry_month)
        assert end - timedelta(days=30) <= alert.created_at < MIDNIGHT


def test_churners_hold_a_subscription_at_past_cutoffs_no_more_than_stayers() -> None:
    """When a subscription starts must not depend on a later churn: drawn before the churn date,
    churners held one at the training cutoffs far more often than customers who stay, a time
    artefact a model would learn (and then inflate failed charges' weight)."""
    customers = 4000
    generator = demo.DemoGenerator(customers, 42, TODAY)
    generator.static_batches()
    batches = {b.model: b for b in generator.chunk_batches(0, customers)}
    c_col = {name: i for i, name in enumerate(demo.COLUMNS[m.Customer])}
    s_col = {name: i for i, name in enumerate(demo.COLUMNS[m.Subscription])}
    people = [
        (row[0], row[c_col["customer_since"]], row[c_col["churned_at"]])
        for row in batches[m.Customer].rows
    ]
    subscriptions = {
        row[s_col["customer"]]: (row[s_col["started_at"]], row[s_col["cancelled_at"]])
        for row in batches[m.Subscription].rows
    }
    held = {True: [0, 0], False: [0, 0]}  # churned within 90 days -> [subscribed, customers]
    for days in (90, 180, 240):  # texts compare like the times they hold
        cutoff = (MIDNIGHT - timedelta(days=days)).isoformat(sep=" ")
        label_end = (MIDNIGHT - timedelta(days=days - 90)).isoformat(sep=" ")
        for cid, since, churned in people:
            if since > cutoff[:10] or (churned is not None and churned < cutoff):
                continue
            started, cancelled = subscriptions.get(cid, (None, None))
            live = started is not None and started < cutoff and (cancelled or cutoff) >= cutoff
            counts = held[churned is not None and churned < label_end]
            counts[0] += live
            counts[1] += 1
    churners, stayers = (held[k][0] / held[k][1] for k in (True, False))
    assert stayers > 0.1
    assert churners <= 1.2 * stayers, (churners, stayers)


def test_customer_metrics_match_their_history(database: pw.Database) -> None:
    demo.generate_demo(database, customers=50, seed=8, today=TODAY)

    def per_customer(query: pw.Select) -> dict[int, int]:
        return dict(query.tuples())

    orders = per_customer(
        m.Order.select(m.Order.customer, pw.fn.COUNT(m.Order.id)).group_by(m.Order.customer)
    )
    returns = per_customer(
        m.Order.select(m.Order.customer, pw.fn.COUNT(m.Order.id))
        .where(m.Order.status == "returned")
        .group_by(m.Order.customer)
    )
    tickets = per_customer(
        m.SupportTicket.select(m.SupportTicket.customer, pw.fn.COUNT(m.SupportTicket.id)).group_by(
            m.SupportTicket.customer
        )
    )
    failures = per_customer(
        m.PaymentTransaction.select(
            m.PaymentTransaction.customer, pw.fn.COUNT(m.PaymentTransaction.id)
        )
        .where(m.PaymentTransaction.status == "failed")
        .group_by(m.PaymentTransaction.customer)
    )
    since = MIDNIGHT - timedelta(days=30)
    logins = per_customer(
        m.CustomerEvent.select(m.CustomerEvent.customer, pw.fn.COUNT(m.CustomerEvent.id))
        .where((m.CustomerEvent.event_type == "login") & (m.CustomerEvent.occurred_at >= since))
        .group_by(m.CustomerEvent.customer)
    )
    for c in m.Customer.select():
        assert c.total_orders == orders.get(c.id, 0)
        assert c.returns_count == returns.get(c.id, 0)
        assert c.support_tickets == tickets.get(c.id, 0)
        assert c.payment_failures == failures.get(c.id, 0)
        assert c.logins_30d == logins.get(c.id, 0)
        paid = [o.total for o in c.orders if o.payment_status == "paid"]
        assert c.total_spent == sum(paid)
        if paid:
            assert abs(c.average_order_value - sum(paid) / len(paid)) <= 0.01
        discounted = sum(1 for o in c.orders if o.discount > 0)
        assert c.discount_usage == pytest.approx(discounted / max(c.total_orders, 1), abs=1e-3)
        kept = [o.placed_at for o in c.orders if o.status != "cancelled"]
        assert c.last_order_at == (max(kept) if kept else None)
        newest = (
            m.CustomerHealthScore.select()
            .where(m.CustomerHealthScore.customer == c)
            .order_by(m.CustomerHealthScore.computed_at.desc())
            .first()
        )
        assert newest is not None and c.health_score == newest.score
        assert c.churn_probability is None and c.risk_level is None
        assert c.account_value > 0
        for order in c.orders:
            items = list(order.items)
            assert 1 <= len(items) <= 3
            subtotal = sum(i.unit_price * i.quantity for i in items)
            assert order.subtotal == subtotal
            assert order.total == order.subtotal - order.discount + order.shipping


def test_cancel_after_the_first_chunk_keeps_whole_chunks(database: pw.Database) -> None:
    state = TaskState()
    seen: list[int] = []

    def on_progress(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 10:
            state.cancel()

    state._on_progress = on_progress
    with pytest.raises(Cancelled):
        demo.generate_demo(database, customers=35, seed=4, today=TODAY, state=state, chunk_size=10)
    assert seen == [0, 10]
    assert demo.customer_count(database) == 10
    # Exactly the first chunk's rows: nothing half-written, nothing of the second chunk.
    generator = demo.DemoGenerator(35, 4, TODAY)
    generator.static_batches()
    for batch in generator.chunk_batches(0, 10):
        assert batch.model.select().count() == len(batch.rows), batch.model.__name__
    assert m.SystemMetric.select().count() == 0


def test_progress_reaches_the_total(database: pw.Database) -> None:
    seen: list[tuple[int, int]] = []
    state = TaskState(on_progress=lambda done, total, text: seen.append((done, total)))
    demo.generate_demo(database, customers=25, seed=1, today=TODAY, state=state, chunk_size=10)
    assert seen == [(0, 25), (10, 25), (20, 25), (25, 25), (25, 25)]


def test_cli_demo_fills_once_and_prints_credentials(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "demo", "--customers", "20"]) == 0
    out = capsys.readouterr().out
    assert "supervisor / supervisor-demo" in out
    assert "admin / admin-demo" in out
    assert "agent1 / agent-demo" in out

    assert main(["--db", db_url, "demo", "--customers", "20"]) == 0
    out = capsys.readouterr().out
    assert "already holds 20 customers" in out
    database, _ = connect(db_url)
    try:
        assert demo.customer_count(database) == 20
    finally:
        database.close()

    assert main(["--db", db_url, "demo", "--customers", "5", "--reset"]) == 0
    database, _ = connect(db_url)
    try:
        assert demo.customer_count(database) == 5
    finally:
        database.close()


def test_the_demo_staff_conclude_outreach_and_some_of_it_works(database: pw.Database) -> None:
    """On the dashboard's 30 days the demo's interventions have outcomes, some of which kept the
    customer and retained revenue (the tile once read "success 0.0 % · $0.00 retained")."""
    from desktop.core.read import dashboard

    demo.generate_demo(database, customers=1500, seed=5, today=TODAY)
    summary = dashboard.intervention_summary(dashboard.Period.last(30, MIDNIGHT))
    assert summary.started > 0 and summary.concluded > 0
    assert summary.success_rate is not None and 0.05 < summary.success_rate < 0.8
    assert summary.revenue_retained > 0
    iv = m.Intervention
    open_ones = iv.select().where(iv.outcome.is_null()).count()
    assert 0 < open_ones < iv.select().count(), "some outreach still runs, not all of it"
    assert not iv.select().where(iv.outcome.is_null(), iv.status == "completed").exists()

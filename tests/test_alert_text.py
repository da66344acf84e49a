"""Stored alert texts (English in the shared database) read back as messages in French; figures,
dates and codes inside the core's messages in the user's locale; next steps in French."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest

from db import demo
from db import models as m
from db.i18n import Day, Joined, Message, Number, Word, render, set_formats, set_translator
from desktop.core.churn import alert_text
from desktop.core.churn.explain.actions import recommend
from desktop.core.churn.policy.rules import AlertPolicy, PolicyMode
from desktop.core.read import customer360
from tests.test_i18n_core import _Catalogue

TODAY = date(2026, 11, 30)
I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def _french_day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


@pytest.fixture
def french() -> Iterator[None]:
    """The French catalogues, all three: the codes' words live in the window's."""
    entries: dict[tuple[str, str], str] = {}
    for ts in sorted(I18N.glob("churnwatch_fr_*.ts")):
        entries |= _Catalogue(ts).entries
    previous = set_translator(lambda context, text: entries.get((context, text)) or text)
    try:
        yield
    finally:
        set_translator(previous)


@pytest.fixture
def french_formats() -> Iterator[None]:
    """French marks (decimal comma, narrow no-break space, " %") and short dates."""
    previous = set_formats(lambda: (",", "\u202f", " %"), _french_day)
    try:
        yield
    finally:
        set_formats(*previous)  # the window's, if a page set them before


def test_figures_dates_and_codes_are_english_as_text_and_local_when_rendered(
    french: None, french_formats: None
) -> None:
    assert (Number(1234567), Number(1234.5, 1), Number(0.125, 1, share=True)) == (
        "1,234,567",
        "1,234.5",
        "12.5%",
    )
    assert render(Number(1234.5, 1)) == "1\u202f234,5"
    assert render(Number(0.125, 1, share=True)) == "12,5 %"
    # Exact at the edges of the columns (a float would round these).
    assert Number(2**63 - 1) == "9,223,372,036,854,775,807"
    assert Number(Decimal("9999999999.99"), 2) == "9,999,999,999.99"
    assert (Day(date(2026, 3, 4)), render(Day(date(2026, 3, 4)))) == ("2026-03-04", "04/03/2026")
    at = Day(datetime(2026, 3, 4, 17, 46), with_time=True)
    assert (at, render(at)) == ("2026-03-04 17:46", "04/03/2026 17:46")
    assert (Word("past_due"), Word("insufficient_funds", lower=True)) == (
        "Past due",
        "insufficient funds",
    )


def test_a_code_takes_the_windows_word_for_it(french: None) -> None:
    assert (render(Word("open")), render(Word("past_due"))) == ("Ouvert", "Impayé")
    assert render(Word("insufficient_funds", lower=True)) == "provision insuffisante"


def test_a_stored_churn_alert_reads_back_in_french(french: None, french_formats: None) -> None:
    policy = AlertPolicy(mode=PolicyMode.TOP_SHARE, top_share=0.1, rise_points=20).describe()
    title = alert_text.churn_title("HIGH", 0.4567)
    why = alert_text.reasons([("Days since last order", "no order for 243 days")])
    stored = alert_text.churn_message(0.4567, before=0.3, policy=policy, why=why)
    # What the shared database keeps: plain English, as before.
    assert str(title) == "Churn risk HIGH (46%)"
    assert str(stored) == (
        "Churn probability 46%, was 30%; alert policy: top 10% by expected lost revenue per day; "
        "a rise of 20 points. Top reasons: Days since last order (no order for 243 days)."
    )
    assert render(alert_text.title(str(title))) == "Risque élevé (46 %)"
    said = render(alert_text.message(str(stored)))
    assert said.startswith("Probabilité de départ 46 %, contre 30 % auparavant ; règle d’alerte")
    assert "Principales raisons :" in said


def test_the_reasons_are_worded_again_from_the_predictions_factors(
    french: None, french_formats: None
) -> None:
    stored = alert_text.churn_message(
        0.5, why=alert_text.reasons([("Days since last order", "no order for 1,243 days")])
    )
    factors = [
        {"feature": "recency_days", "label": "Days since last order", "value": 1243.0,
         "contribution": 0.2, "text": "no order for 1,243 days"},
        {"feature": "orders_total", "label": "Orders in all", "value": 2.0,
         "contribution": -0.1, "text": "2 orders in all"},
        {"feature": "_other", "contribution": 0.05, "text": ""},
    ]  # fmt: skip
    said = render(alert_text.message(str(stored), factors))
    assert "1\u202f243" in said and "1,243" not in said  # the French figure, from the value
    assert "2 commandes" not in said  # a factor lowering the risk is not a reason


def test_every_alert_the_demo_writes_reads_back_as_a_message(database: pw.Database) -> None:
    demo.generate_demo(database, customers=150, seed=4, today=TODAY)
    alerts = list(m.Alert.select(m.Alert.type, m.Alert.title, m.Alert.message))
    assert {a.type for a in alerts} >= {"payment_failed", "card_expiring", "system"}
    for alert in alerts:
        title = alert_text.title(alert.title)
        said = alert_text.message(alert.message)
        assert isinstance(title, Message), alert.title
        assert isinstance(said, Message | Joined), alert.message
        assert (str(title), str(said)) == (alert.title, alert.message)  # same English


def test_a_text_no_template_made_comes_back_unchanged() -> None:
    assert alert_text.title("Called the customer myself") == "Called the customer myself"
    assert not isinstance(alert_text.title("Payment failed twice"), Message)
    assert alert_text.message(None) == ""


def test_next_steps_read_in_french_from_the_factors_value(
    french: None, french_formats: None
) -> None:
    (rec,) = recommend(
        [{"feature": "recency_days", "label": "Days since last order", "value": 1243.0,
          "contribution": 0.2, "text": "no order for 1,243 days"}]
    )  # fmt: skip
    assert (rec.title, rec.why) == ("Send a win-back offer", "no order for 1,243 days")
    assert render(rec.title) == "Envoyer une offre de reconquête"
    assert "1\u202f243" in render(rec.why)
    assert render(rec.notes).startswith("Offre de reconquête")


def test_the_360_numbers_and_timeline_follow_the_locale(
    database: pw.Database, french: None, french_formats: None
) -> None:
    demo.generate_demo(database, customers=40, seed=3, today=TODAY)
    busy = m.Customer.select().where(m.Customer.total_spent > 1000).first()
    view = customer360.load(busy.id)
    assert view is not None
    metrics = {str(label): value for label, value in view.metrics()}
    spent = metrics["Total spent"]
    assert spent == f"{busy.total_spent:,.2f}"  # English as text
    assert render(spent) == f"{busy.total_spent:,.2f}".replace(",", "\u202f").replace(".", ",")
    orders = [it for it in view.timeline if it.kind == "order"]
    assert orders, "the demo customer has orders"
    detail = render(orders[0].detail)
    assert "," in detail and "." not in detail.split(" · ")[1]  # 12,50 EUR


def test_custom_attribute_and_plan_factors_are_worded_again_in_french(french: None) -> None:
    stored = [
        {"feature": "attr:plan_size=large", "label": "plan_size is large", "value": 1.0,
         "contribution": 0.1, "text": "plan_size is large: 1"},
        {"feature": "plan=Gold", "label": "On plan Gold", "value": 1.0,
         "contribution": -0.05, "text": "On plan Gold: 1"},
    ]  # fmt: skip
    lines = [render(line) for line in customer360.factor_lines(stored)]
    assert lines[0].startswith("plan_size vaut large")
    assert lines[1].startswith("Sur l’offre Gold")


def test_an_import_problem_names_its_line_in_french(french: None, french_formats: None) -> None:
    from desktop.core.imports.rows import RowProblem

    problem = RowProblem(4312, "Amount", "'12,5O' is not a number")
    assert str(problem) == "line 4,312, column Amount: '12,5O' is not a number"
    assert render(problem.args[0]).startswith("ligne 4\u202f312, colonne Amount : ")

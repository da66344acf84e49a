"""Next actions from the factors, and a factor's value in words."""

from __future__ import annotations

from desktop.core.churn.explain.actions import recommend
from desktop.core.churn.explain.words import in_words


def _factor(feature: str, contribution: float, text: str = "") -> dict[str, object]:
    return {"feature": feature, "label": feature, "contribution": contribution, "text": text}


def test_a_failing_card_asks_for_a_payment_update() -> None:
    (rec,) = recommend([_factor("failed_payments_90d", 0.12, "2 failed payments in 90 days")])
    assert (rec.key, rec.kind, rec.why) == (
        "payment_update",
        "payment_update",
        "2 failed payments in 90 days",
    )


def test_an_expired_card_asks_for_a_payment_update() -> None:
    assert [r.key for r in recommend([_factor("card_expired", 0.05)])] == ["payment_update"]


def test_falling_orders_get_a_win_back_offer() -> None:
    (rec,) = recommend([_factor("recency_days", 0.2, "no order for 243 days")])
    assert (rec.key, rec.kind, rec.channel) == ("win_back", "win_back", "email")


def test_an_open_escalated_ticket_comes_first() -> None:
    recs = recommend(
        [_factor("recency_days", 0.2), _factor("failed_payments_90d", 0.1)],
        open_escalated_ticket=True,
    )
    assert [r.key for r in recs] == ["resolve_ticket", "payment_update", "win_back"]
    assert recs[0].kind == "check_in"


def test_factors_that_lower_the_risk_recommend_nothing() -> None:
    assert recommend([_factor("failed_payments_90d", -0.03), _factor("recency_days", -0.1)]) == []


def test_values_in_words() -> None:
    assert in_words("recency_days", "Days since last order", 243) == "no order for 243 days"
    assert in_words("failed_payments_90d", "x", 2) == "2 failed payments in 90 days"
    assert in_words("failed_payments_90d", "x", 1) == "1 failed payment in 90 days"
    assert in_words("card_expired", "x", 1) == "every card on file expired"
    assert in_words("attr:plan_size", "Plan size", 3.5) == "Plan size: 3.50"
    assert in_words("recency_days", "Days since last order", float("nan")) == (
        "Days since last order: no data"
    )


def test_beside_its_label_a_factor_says_only_what_the_label_does_not() -> None:
    from desktop.core.churn.explain.words import after_label

    assert after_label("recency_days", "Days since last order", 243) == "no order for 243 days"
    assert after_label("loyalty_points", "Loyalty points", 428) == "428"
    assert after_label("spend_all", "Spend (all time)", 428.95) == "428.95"
    assert after_label("attr:plan_size=large", "plan_size is large", 1.0) == ""
    assert after_label("plan=Gold", "On plan Gold", 0.0) == "no"

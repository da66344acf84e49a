"""The 360 explains the risk so it adds up, says which health parts have no data, and turns the
factors into next steps that log an intervention in one click."""

from __future__ import annotations

import pytest

from db import models as m
from tests.ui.test_main_window import settled, window, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

# Baseline 0.10 + 0.25 + 0.15 − 0.02 + 0.03 (other factors) = 0.51.
FACTORS = [
    {"contribution": 0.25, "log_odds": 1.1, "feature": "recency_days",
     "label": "Days since last order", "value": 243, "text": "no order for 243 days"},
    {"contribution": 0.15, "log_odds": 0.7, "feature": "failed_payments_90d",
     "label": "Failed payments, last 90 days", "value": 2, "text": "2 failed payments in 90 days"},
    {"contribution": -0.02, "log_odds": -0.1, "feature": "tenure_days",
     "label": "Days as a customer", "value": 900, "text": "a customer for 900 days"},
    {"contribution": 0.03, "log_odds": 0.12, "feature": "_other", "label": "Other factors",
     "value": None, "text": ""},
]  # fmt: skip


def test_the_360_adds_up_the_factors_and_logs_a_recommended_step(
    window,  # noqa: F811 - the fixture imported above
    world,  # noqa: F811
    qtbot,
):
    customer = world["customers"][0]  # CRITICAL, with an open ticket
    m.Customer.update(churn_probability=0.51).where(m.Customer.id == customer.id).execute()
    m.SupportTicket.update(escalated=True).execute()
    version = m.ModelVersion.create(name="v-explained", algorithm="gradient_boosting")
    m.ChurnPrediction.create(
        customer=customer, model_version=version, probability=0.51, risk_level="CRITICAL",
        factors=FACTORS,
    )  # fmt: skip
    m.CustomerHealthScore.create(
        customer=customer, score=80, purchase_score=70, engagement_score=0, support_score=100,
        recency_score=60, factors=["Engagement: no data"], recommendations=[],
    )  # fmt: skip

    view = window.open_customer(customer.id)
    settled(qtbot, view)
    risk = view.risk.text()
    assert "From a baseline of 10.0 %" in risk
    assert "Days since last order: no order for 243 days (+25 pts)" in risk
    assert "Failed payments, last 90 days: 2 failed payments in 90 days (+15 pts)" in risk
    assert "Days as a customer: a customer for 900 days (-2.0 pts)" in risk
    assert "Other factors (+3.0 pts)" in risk
    # Health: the part without data says so; and why health and risk can disagree.
    assert "Engagement no data" in view.health.text()
    assert "Purchase 70" in view.health.text()
    assert "disagree" in view.health_vs_risk.text()

    keys = [r.key for r in view.recommendations]
    assert keys == ["resolve_ticket", "payment_update", "win_back"]
    button = view.next_steps.findChild(
        type(view.buttons["intervention"]), "recommend_payment_update"
    )
    assert button.text() == "Ask for a payment update – 2 failed payments in 90 days"
    button.click()
    qtbot.waitUntil(
        lambda: m.Intervention.select().where(m.Intervention.customer == customer.id).count() == 1
    )
    logged = m.Intervention.get(m.Intervention.customer == customer.id)
    assert (logged.kind, logged.channel, logged.user_id) == (
        "payment_update",
        "email",
        world["me"].id,
    )
    assert logged.notes == "Asked the customer to update their payment method."
    audit = m.AuditLog.get(m.AuditLog.action == "intervention.log")
    assert audit.entity_id == logged.id
    view.close()


def test_the_alert_detail_recommends_and_logs_in_one_click(
    window,  # noqa: F811
    world,  # noqa: F811
    qtbot,
):
    from PySide6.QtCore import QUrl

    from desktop.core.read import details

    customer = world["customers"][1]
    version = m.ModelVersion.create(name="v-alert", algorithm="logistic_regression")
    prediction = m.ChurnPrediction.create(
        customer=customer, model_version=version, probability=0.51, risk_level="CRITICAL",
        factors=FACTORS,
    )  # fmt: skip
    alert = m.Alert.get(m.Alert.customer == customer.id)
    m.Alert.update(prediction=prediction.id).where(m.Alert.id == alert.id).execute()
    page = window.pages["alerts"]
    window.show_page("alerts")
    page._show_detail(alert.id, details.load_alert(alert.id))
    shown = page.detail.toHtml()
    assert "Recommended next steps" in shown
    assert "recommend:win_back" in shown and "recommend:payment_update" in shown
    assert "recommend:resolve_ticket" not in shown  # a churn alert, no escalated ticket
    page._link(QUrl("recommend:win_back"))
    logged = m.Intervention.get(m.Intervention.customer == customer.id)
    assert (logged.kind, logged.channel) == ("win_back", "email")

"""The order-rhythm features in the catalogue (BG/NBD, gaps, season): values worked out by hand
at the boundaries, point in time, and `train` on a database that holds nothing but orders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from db import models as m
from desktop.core.churn.explain.words import in_words
from desktop.core.churn.features import (
    HISTORY_NAMES,
    FeatureSpec,
    IdRange,
    OrderHistory,
    btyd,
    compute_features,
    fit_history,
)
from desktop.core.churn.training import ChurnDefinition, TrainingConfig, train_models
from desktop.core.churn.training.fitting import MONOTONIC, monotonic_constraints
from tests.churn_helpers import customer, days, order

T = datetime(2024, 6, 1, 12, 0, 0)
TENURE = 517  # 2023-01-01 to 2024-06-01
PARAMS = (1.2, 8.0, 0.8, 3.5)
SPEC = FeatureSpec(history=OrderHistory(horizon_days=90, btyd=PARAMS))


def _row(fm, customer_id: int) -> dict[str, float]:
    i = int(np.flatnonzero(fm.ids == customer_id)[0])
    return dict(zip(fm.names, fm.matrix[i].tolist(), strict=True))


def _four():
    none = customer()  # no order before the cutoff (one after it)
    order(none, T + days(3))
    one = customer()
    order(one, T - days(100))
    two = customer()
    order(two, T - days(360))  # in last year's season window [T - 365 d, T - 275 d)
    order(two, T - days(60))
    same_day = customer()
    order(same_day, T - days(30))
    order(same_day, T - days(30) + timedelta(hours=1))  # the same day: one occasion
    order(same_day, T - days(10))
    order(same_day, T - days(5), status="cancelled")  # not a purchase
    return none, one, two, same_day


def test_history_features_by_hand(database):
    none, one, two, same_day = _four()
    fm = compute_features(database, IdRange(none.id, same_day.id), T, SPEC)
    assert fm.names[-len(HISTORY_NAMES) :] == list(HISTORY_NAMES)
    params = btyd.BgNbdParams(*PARAMS)
    h = 90 / 7

    r = _row(fm, none.id)  # no order before the cutoff: the model has nothing to say
    assert r["btyd_p_alive"] == 0.0 and r["btyd_expected_orders"] == 0.0
    assert r["mean_gap_days"] == TENURE and r["gap_overdue_ratio"] == 1.0
    assert r["season_orders_last_year"] == 0.0

    r = _row(fm, one.id)  # one order 100 days ago: no gap of their own, the tenure stands in
    assert r["mean_gap_days"] == TENURE
    assert r["gap_overdue_ratio"] == pytest.approx(100 / TENURE)
    assert r["btyd_p_alive"] == 1.0  # BG/NBD: no dropout before a repeat purchase
    expected = btyd.expected_purchases(params, h, [0.0], [0.0], [100 / 7])[0]
    assert r["btyd_expected_orders"] == pytest.approx(expected)
    assert r["season_orders_last_year"] == 0.0

    r = _row(fm, two.id)  # 360 and 60 days ago: one gap of 300 days, 60 days since
    assert r["mean_gap_days"] == pytest.approx(300.0)
    assert r["gap_overdue_ratio"] == pytest.approx(0.2)
    assert r["season_orders_last_year"] == 1.0
    x, t_x, t_cal = [1.0], [300 / 7], [360 / 7]
    assert r["btyd_p_alive"] == pytest.approx(btyd.probability_alive(params, x, t_x, t_cal)[0])
    assert r["btyd_expected_orders"] == pytest.approx(
        btyd.expected_purchases(params, h, x, t_x, t_cal)[0]
    )
    assert 0.0 < r["btyd_p_alive"] < 1.0

    r = _row(fm, same_day.id)  # days 30 (twice) and 10 before: two occasions, gap 20
    assert r["mean_gap_days"] == pytest.approx(20.0)
    assert r["gap_overdue_ratio"] == pytest.approx(0.5)  # the cancelled order is no purchase
    x, t_x, t_cal = [1.0], [20 / 7], [30 / 7]
    assert r["btyd_p_alive"] == pytest.approx(btyd.probability_alive(params, x, t_x, t_cal)[0])


def test_orders_after_the_cutoff_change_neither_features_nor_fit(database):
    none, one, two, same_day = _four()
    spec = replace(SPEC, history=OrderHistory(horizon_days=90))
    fitted = fit_history(spec, T)
    before = compute_features(database, IdRange(none.id, same_day.id), T, fitted)
    for who in (one, two, same_day):
        order(who, T)  # exactly at the cutoff is after it
        order(who, T + days(20))
    assert fit_history(spec, T) == fitted
    after = compute_features(database, IdRange(none.id, same_day.id), T, fitted)
    assert after.matrix.tolist() == before.matrix.tolist()
    assert fit_history(spec, T + days(30)) != fitted  # a later cutoff does see them


def test_fit_history_is_the_published_fit_of_the_history_before_the_cutoff(database):
    _four()
    fitted = fit_history(FeatureSpec(history=OrderHistory()), T)
    assert fitted.history is not None and fitted.history.btyd is not None
    # By hand, in weeks: (repeat occasions, last, calibration time) of the three buyers.
    x = [0.0, 1.0, 1.0]
    t_x = [0.0, 300 / 7, 20 / 7]
    t_cal = [100 / 7, 360 / 7, 30 / 7]
    expected = btyd.fit(x, t_x, t_cal, penalty=1e-4)
    assert fitted.history.btyd == pytest.approx(
        (expected.r, expected.alpha, expected.a, expected.b), rel=1e-6
    )
    # No buyer before the cutoff: no parameters, and the columns stay 0.
    empty = fit_history(FeatureSpec(history=OrderHistory()), T - days(400))
    assert empty.history is not None and empty.history.btyd is None


def test_spec_round_trip_and_old_models_keep_their_columns():
    assert FeatureSpec.from_json(SPEC.to_json()) == SPEC
    old = FeatureSpec.from_json({"numeric_attributes": [], "plans": []})
    assert old.history is None
    assert not set(HISTORY_NAMES) & set(old.names)


def test_directions_and_words():
    names = list(HISTORY_NAMES)
    cst = dict(zip(names, monotonic_constraints(names) or [], strict=True))
    assert cst["gap_overdue_ratio"] == 1  # further overdue is never safer
    assert cst["btyd_p_alive"] == -1 and cst["btyd_expected_orders"] == -1
    assert cst["mean_gap_days"] == 0 and cst["season_orders_last_year"] == 0
    assert set(MONOTONIC) >= {"gap_overdue_ratio", "btyd_p_alive", "btyd_expected_orders"}
    assert in_words("btyd_p_alive", "", 0.734) == (
        "73 % chance, by their buying rhythm, that they still buy"
    )
    assert in_words("btyd_expected_orders", "", 1.44) == "about 1.4 orders expected in the horizon"
    assert in_words("btyd_expected_orders", "", 0.0) == "no order expected"
    assert in_words("mean_gap_days", "", 34.2) == "usually 34 days between orders"
    assert in_words("gap_overdue_ratio", "", 2.34) == "2.3 × their usual gap since the last order"
    assert in_words("season_orders_last_year", "", 1) == "1 order in the same weeks last year"


def test_train_on_orders_alone_uses_the_order_rhythm(database):
    """An order history and nothing else: `train` fits, stores the BG/NBD fit, and the rhythm
    features carry weight."""
    rng = np.random.default_rng(5)
    as_of = datetime(2024, 6, 1)
    for _ in range(160):
        who = customer(since=date(2022, 6, 1))
        gap = float(rng.uniform(10, 60))
        life = float(rng.uniform(100, 900))  # days after 2022-06-01 until they stop buying
        t = float(rng.uniform(0, 30))
        while t < min(life, 730.0):
            order(who, datetime(2022, 6, 1) + days(t), float(rng.uniform(20, 80)))
            t += float(rng.exponential(gap))
    config = TrainingConfig(
        as_of=as_of,
        churn_definition=ChurnDefinition.INACTIVITY,
        inactive_days=90,
        horizon_days=90,
        algorithms=("logistic_regression",),
    )
    result = train_models(database, config)
    version = result.winner_version
    spec = FeatureSpec.from_json(version.feature_definitions["spec"])
    assert spec.history is not None and spec.history.btyd is not None
    assert set(HISTORY_NAMES) <= set(spec.names)
    assert tuple(result.summary["btyd_parameters"]) == spec.history.btyd
    names = [d["name"] for d in version.feature_definitions["features"]]
    assert set(HISTORY_NAMES) <= set(names)
    assert m.ModelVersion.select().count() == 1

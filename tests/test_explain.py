"""Explanations add up: exact TreeSHAP against brute-force Shapley values, and the calibrated
contributions of both pipelines summing with their baseline to the shown probability."""

from __future__ import annotations

from itertools import combinations
from math import factorial
from typing import Any

import numpy as np
import pytest
from scipy.special import expit, logit
from sklearn.ensemble import HistGradientBoostingClassifier

from desktop.core.churn.artifacts import dump_model, load_model
from desktop.core.churn.explain.additive import additive_contributions, to_points
from desktop.core.churn.explain.treeshap import TreeExplainer, leaf_table
from desktop.core.churn.features.spec import BASE_NAMES
from desktop.core.churn.training.fitting import make_pipeline
from desktop.core.churn.training.snapshots import BOOSTED, LOGISTIC, RFM, RFM_FEATURES


def _expected_given(nodes: Any, x: np.ndarray, known: set[int], node: int = 0) -> float:
    """E[tree(x) | x_S] by the definition: unknown features follow both branches by cover."""
    if nodes["is_leaf"][node]:
        return float(nodes["value"][node])
    f = int(nodes["feature_idx"][node])
    left, right = int(nodes["left"][node]), int(nodes["right"][node])
    if f in known:
        if np.isnan(x[f]):
            go_left = bool(nodes["missing_go_to_left"][node])
        else:
            go_left = x[f] <= nodes["num_threshold"][node]
        return _expected_given(nodes, x, known, left if go_left else right)
    total = float(nodes["count"][node])
    return nodes["count"][left] / total * _expected_given(nodes, x, known, left) + nodes["count"][
        right
    ] / total * _expected_given(nodes, x, known, right)


def _brute_force(model: HistGradientBoostingClassifier, x: np.ndarray) -> np.ndarray:
    """Shapley values by enumerating every coalition (fine for a handful of features)."""
    n = x.size
    trees = [p[0].nodes for p in model._predictors]

    def v(known: set[int]) -> float:
        return sum(_expected_given(t, x, known) for t in trees)

    phi = np.zeros(n)
    for i in range(n):
        rest = [j for j in range(n) if j != i]
        for k in range(n):
            w = factorial(k) * factorial(n - k - 1) / factorial(n)
            for s in combinations(rest, k):
                phi[i] += w * (v({*s, i}) - v(set(s)))
    return phi


def _data(rows: int, features: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, features))
    x[:, 0] = rng.integers(0, 4, rows)  # a count, with repeated splits on it
    y = (x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(scale=0.7, size=rows) > 1).astype(int)
    return x, y


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tree_shap_equals_brute_force_shapley_values(seed: int) -> None:
    x, y = _data(300, 5, seed)
    x[::17, 3] = np.nan  # missing values take the branch the tree learned
    model = HistGradientBoostingClassifier(max_iter=8, max_leaf_nodes=6, random_state=seed)
    model.fit(x, y)
    explainer = TreeExplainer(model)
    sample = x[:12]
    fast = explainer.shap_values(sample)
    for row, values in zip(sample, fast, strict=True):
        np.testing.assert_allclose(values, _brute_force(model, row), rtol=0, atol=1e-9)
    # Local accuracy: the expectation plus the values is the raw score.
    np.testing.assert_allclose(
        explainer.expected + fast.sum(axis=1), model.decision_function(sample), atol=1e-9
    )


def test_leaf_table_by_hand() -> None:
    """One leaf worth 1 on a path over two features with cover fractions 0.5 and 0.25.

    x satisfies both splits: v({}) = 1/8, v({0}) = 1/4, v({1}) = 1/2, v({0,1}) = 1, so
    φ0 = ½(1/4 − 1/8) + ½(1 − 1/2) = 5/16 and φ1 = ½(1/2 − 1/8) + ½(1 − 1/4) = 9/16.
    """
    table = leaf_table(1.0, np.array([0.5, 0.25]))
    np.testing.assert_allclose(table[0b11], [5 / 16, 9 / 16], atol=1e-12)
    # Neither split satisfied: v = 0 once a feature is known, so φ0 = φ1 = −1/16.
    np.testing.assert_allclose(table[0b00], [-1 / 16, -1 / 16], atol=1e-12)


@pytest.mark.parametrize("algorithm", [LOGISTIC, BOOSTED])
def test_contributions_add_up_to_the_shown_probability(algorithm: str) -> None:
    x, y = _data(600, 6, 7)
    model = make_pipeline(algorithm, seed=3, rows=y.size)
    model.fit(x, y)
    shown = model.predict_proba(x[:50])[:, 1]
    explained = additive_contributions(model, x[:50])
    np.testing.assert_allclose(explained.probability, shown, rtol=0, atol=1e-9)
    np.testing.assert_allclose(explained.log_odds, logit(shown), rtol=0, atol=1e-9)
    points = to_points(explained.contributions, explained.baseline)
    np.testing.assert_allclose(
        explained.baseline_probability + points.sum(axis=1), shown, rtol=0, atol=1e-9
    )
    assert np.all(np.sign(points) == np.sign(explained.contributions))


def test_linear_contribution_is_coefficient_times_standardised_value() -> None:
    x, y = _data(400, 3, 11)
    model = make_pipeline(LOGISTIC, seed=3, rows=y.size)
    model.fit(x, y)
    calibrated = model.calibrated_classifiers_[0]
    pipeline, a = calibrated.estimator, calibrated.calibrators[0].a_
    z = pipeline[:-1].transform(x[:5])
    explained = additive_contributions(model, x[:5])
    np.testing.assert_allclose(
        explained.contributions, -a * z * pipeline[-1].coef_[0], rtol=0, atol=1e-12
    )
    assert explained.baseline == pytest.approx(
        -a * pipeline[-1].intercept_[0] - calibrated.calibrators[0].b_
    )


def test_points_of_a_prediction_at_its_baseline() -> None:
    """No net movement: the points use the sigmoid's slope at the baseline."""
    points = to_points(np.array([[0.5, -0.5]]), baseline=0.0)
    np.testing.assert_allclose(points, [[0.125, -0.125]])
    assert expit(0.0) + points.sum() == pytest.approx(0.5)


def test_more_failed_payments_never_lower_the_boosted_risk() -> None:
    """Even when the sample says otherwise (failed payments here go with staying), the boosted
    model is held monotonic in them by its constraints."""
    names = ["failed_payments_90d", "recency_days", "tenure_days"]
    rng = np.random.default_rng(5)
    x = np.column_stack(
        [rng.integers(0, 4, 800), rng.uniform(0, 200, 800), rng.uniform(0, 900, 800)]
    ).astype(float)
    y = ((x[:, 1] > 100) ^ (x[:, 0] >= 2) ^ (rng.random(800) < 0.1)).astype(int)
    model = make_pipeline(BOOSTED, seed=1, rows=y.size, names=names).fit(x, y)
    grid = np.repeat(x[:40], 4, axis=0)
    grid[:, 0] = np.tile(np.arange(4.0), 40)
    p = model.predict_proba(grid)[:, 1].reshape(40, 4)
    assert np.all(np.diff(p, axis=1) >= -1e-12)


def test_the_rfm_model_reads_its_four_columns_and_its_factors_add_up() -> None:
    """The fallback model: only recency, orders, order value and tenure move its prediction;
    their contributions (the others 0) add up to the shown probability, and it survives the
    artifact round trip (its column selection and arcsinh are trusted types)."""
    names = list(BASE_NAMES)
    col = {name: j for j, name in enumerate(names)}
    rng = np.random.default_rng(5)
    x = rng.poisson(2.0, size=(500, len(names))).astype(float)
    x[:, col["recency_days"]] = rng.uniform(0, 300, 500)
    x[:, col["tenure_days"]] = rng.uniform(30, 900, 500)
    y = (x[:, col["recency_days"]] / 300 - x[:, col["orders_total"]] / 6
         + rng.normal(scale=0.3, size=500) > 0).astype(int)  # fmt: skip
    model = make_pipeline(RFM, seed=3, rows=y.size, names=names).fit(x, y)
    shown = model.predict_proba(x[:40])[:, 1]
    explained = additive_contributions(model, x[:40])
    np.testing.assert_allclose(explained.probability, shown, rtol=0, atol=1e-9)
    used = {names[j] for j in np.flatnonzero(np.abs(explained.contributions).sum(axis=0))}
    assert used == set(RFM_FEATURES)
    other = x[:40].copy()
    other[:, col["tickets_90d"]] += 5  # a column it does not read
    np.testing.assert_array_equal(model.predict_proba(other)[:, 1], shown)
    # Longer without an order: more risk, as in the data.
    assert explained.contributions[:, col["recency_days"]] @ (x[:40, col["recency_days"]] -
           x[:, col["recency_days"]].mean()) > 0  # fmt: skip
    data, digest = dump_model(model)
    loaded = load_model(data, digest, name="rfm")
    np.testing.assert_array_equal(loaded.predict_proba(x[:40])[:, 1], shown)

"""BG/NBD: the likelihood against values worked out by hand, and the fit recovering the
parameters of simulated customers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.core.churn.features import btyd
from desktop.core.churn.features.btyd import BgNbdParams

ONES = BgNbdParams(r=1.0, alpha=1.0, a=1.0, b=1.0)


def test_log_likelihood_of_a_customer_without_repeat_purchases() -> None:
    # x = 0: L = (alpha / (alpha + T))^r = 1/2 with r = alpha = 1, T = 1.
    assert btyd.log_likelihood(ONES, [0], [0], [1])[0] == pytest.approx(math.log(0.5), abs=1e-12)


def test_log_likelihood_of_a_repeat_buyer() -> None:
    # x = 1, t_x = 1, T = 2, all parameters 1:
    # B(1,2)/B(1,1) * 1/3^2 + B(2,1)/B(1,1) * 1/2^2 = 1/18 + 1/8 = 13/72.
    ll = btyd.log_likelihood(ONES, [1], [1], [2])[0]
    assert ll == pytest.approx(math.log(13 / 72), abs=1e-12)


def test_probability_alive_by_hand() -> None:
    # 1 / (1 + a/(b + x - 1) * ((alpha + T)/(alpha + t_x))^(r + x)) = 1 / (1 + (3/2)^2) = 4/13;
    # also the share of the likelihood from "still alive" (1/18 of 13/72).
    alive = btyd.probability_alive(ONES, [1, 0], [1, 0], [2, 5])
    assert alive[0] == pytest.approx(4 / 13, abs=1e-12)
    assert alive[1] == 1.0  # no repeat purchase: cannot have dropped out yet


def test_expected_purchases_of_a_new_customer_by_hand() -> None:
    # x = t_x = T = 0 is the unconditional E[X(t)] (FHL equation 7). r=1, alpha=1, a=2, b=1, t=1:
    # (a+b-1)/(a-1) * (1 - 1/2 * 2F1(1,1;2;1/2)) and 2F1(1,1;2;z) = -ln(1-z)/z = 2 ln 2.
    params = BgNbdParams(r=1.0, alpha=1.0, a=2.0, b=1.0)
    value = btyd.expected_purchases(params, 1.0, [0], [0], [0])[0]
    assert value == pytest.approx(2 * (1 - math.log(2)), abs=1e-10)


def test_refuses_a_last_purchase_after_the_end() -> None:
    with pytest.raises(ValueError, match="t_x <= t_cal"):
        btyd.log_likelihood(ONES, [1], [3], [2])


def _simulate(
    params: BgNbdParams, n: int, t_cal: float, t_hold: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Customers of the BG/NBD story: (x, t_x, T) over [0, t_cal] and purchases in the holdout."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(params.r, 1.0 / params.alpha, n)
    p = rng.beta(params.a, params.b, n)
    x = np.zeros(n)
    t_x = np.zeros(n)
    hold = np.zeros(n)
    for i in range(n):
        t, alive = 0.0, True
        while alive:
            t += rng.exponential(1.0 / lam[i])
            if t > t_cal + t_hold:
                break
            if t <= t_cal:
                x[i] += 1
                t_x[i] = t
            else:
                hold[i] += 1
            alive = rng.random() >= p[i]
    return x, t_x, np.full(n, t_cal), hold


def test_fit_recovers_simulated_parameters() -> None:
    truth = BgNbdParams(r=0.8, alpha=6.0, a=1.6, b=4.0)
    x, t_x, t_cal, hold = _simulate(truth, 6000, t_cal=52.0, t_hold=26.0, seed=7)
    fitted = btyd.fit(x, t_x, t_cal)
    assert fitted.r == pytest.approx(truth.r, rel=0.15)
    assert fitted.alpha == pytest.approx(truth.alpha, rel=0.2)
    assert fitted.a == pytest.approx(truth.a, rel=0.4)
    assert fitted.b == pytest.approx(truth.b, rel=0.4)
    # The maximum is a maximum: no worse than the truth on the same data.
    assert btyd.log_likelihood(fitted, x, t_x, t_cal).sum() >= (
        btyd.log_likelihood(truth, x, t_x, t_cal).sum() - 1e-6
    )
    # And it forecasts the holdout: total expected purchases within 10 % of what happened.
    predicted = btyd.expected_purchases(fitted, 26.0, x, t_x, t_cal).sum()
    assert predicted == pytest.approx(hold.sum(), rel=0.10)


def test_summarise_counts_purchase_days() -> None:
    days = [np.array([0.0, 0.4, 10.0, 30.5]), np.array([]), np.array([5.0])]
    x, t_x, t_cal, has = btyd.summarise(days, as_of_day=40.0)
    assert x.tolist() == [2.0, 0.0, 0.0]  # day 0 twice is one occasion
    assert t_x.tolist() == [30.0, 0.0, 0.0]
    assert t_cal.tolist() == [40.0, 0.0, 35.0]
    assert has.tolist() == [True, False, True]

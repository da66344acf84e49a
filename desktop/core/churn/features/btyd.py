"""BG/NBD ("buy till you die", Fader, Hardie & Lee 2005): a small implementation of the
published likelihood, fitted with scipy.

Why our own: the maintained libraries for these models are heavy or unmaintained, and the model
is four parameters and three closed forms. Per customer the model needs `x` (repeat purchases,
i.e. orders after the first), `t_x` (time of the last purchase, measured from the first) and `t_cal`
(time from the first purchase to the end of the calibration period), all in one time unit
(the caller's choice; ChurnWatch uses weeks). Customers who never bought have no BG/NBD summary.

Parameters: purchases while alive follow a Poisson process with rate lambda ~ Gamma(r, alpha);
after each repeat purchase a customer drops out with probability p ~ Beta(a, b).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize, special

logger = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

# Bounds on the log-parameters: keep the optimiser away from overflow on degenerate data.
_LOG_BOUNDS = (-9.0, 9.0)


@dataclass(frozen=True)
class BgNbdParams:
    r: float
    alpha: float
    a: float
    b: float

    def to_json(self) -> list[float]:
        return [self.r, self.alpha, self.a, self.b]

    @classmethod
    def from_json(cls, values: list[float]) -> BgNbdParams:
        r, alpha, a, b = (float(v) for v in values)
        return cls(r, alpha, a, b)


def _arrays(x: npt.ArrayLike, t_x: npt.ArrayLike, t_cal: npt.ArrayLike) -> tuple[FloatArray, ...]:
    xs = np.asarray(x, dtype=np.float64)
    txs = np.asarray(t_x, dtype=np.float64)
    tcs = np.asarray(t_cal, dtype=np.float64)
    if np.any(xs < 0) or np.any(txs < 0) or np.any(txs > tcs + 1e-9):
        raise ValueError("BG/NBD needs x >= 0 and 0 <= t_x <= t_cal for every customer")
    return xs, txs, tcs


def log_likelihood(
    params: BgNbdParams, x: npt.ArrayLike, t_x: npt.ArrayLike, t_cal: npt.ArrayLike
) -> FloatArray:
    """Each customer's log-likelihood (Fader, Hardie & Lee 2005, equation 6)."""
    xs, txs, tcs = _arrays(x, t_x, t_cal)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    ln_a1 = special.gammaln(r + xs) - special.gammaln(r) + r * np.log(alpha)
    ln_beta_ab = special.betaln(a, b)
    ln_a2 = special.betaln(a, b + xs) - ln_beta_ab - (r + xs) * np.log(alpha + tcs)
    repeat = xs > 0
    # betaln(a + 1, b + x - 1) is only defined (and only used) where x > 0.
    ln_a3 = np.full(xs.shape, -np.inf)
    xr = xs[repeat]
    ln_a3[repeat] = (
        special.betaln(a + 1.0, b + xr - 1.0) - ln_beta_ab - (r + xr) * np.log(alpha + txs[repeat])
    )
    return np.asarray(ln_a1 + np.logaddexp(ln_a2, ln_a3), dtype=np.float64)


def fit(
    x: npt.ArrayLike, t_x: npt.ArrayLike, t_cal: npt.ArrayLike, *, penalty: float = 0.0
) -> BgNbdParams:
    """Maximum-likelihood parameters (L-BFGS-B on the log-parameters).

    `penalty` adds an L2 pull of the log-parameters towards 0, for tiny or degenerate samples.
    """
    xs, txs, tcs = _arrays(x, t_x, t_cal)
    if xs.size == 0:
        raise ValueError("BG/NBD needs at least one customer with an order")
    scale = max(float(np.mean(tcs)), 1e-3)

    def objective(theta: FloatArray) -> float:
        r, alpha, a, b = np.exp(theta)
        ll = log_likelihood(BgNbdParams(r, alpha * scale, a, b), xs, txs, tcs)
        return float(-np.mean(ll) + penalty * float(np.sum(theta**2)))

    start = np.zeros(4)
    result = optimize.minimize(objective, start, method="L-BFGS-B", bounds=[_LOG_BOUNDS] * 4)
    r, alpha, a, b = (float(v) for v in np.exp(result.x))
    if not result.success:
        logger.info("BG/NBD fit stopped early: %s", result.message)
    return BgNbdParams(r, alpha * scale, a, b)


def probability_alive(
    params: BgNbdParams, x: npt.ArrayLike, t_x: npt.ArrayLike, t_cal: npt.ArrayLike
) -> FloatArray:
    """P(still active at t_cal | x, t_x, t_cal); 1 for a customer with no repeat purchase."""
    xs, txs, tcs = _arrays(x, t_x, t_cal)
    return 1.0 / (1.0 + _dropout_odds(params, xs, txs, tcs))


def _dropout_odds(
    params: BgNbdParams, xs: FloatArray, txs: FloatArray, tcs: FloatArray
) -> FloatArray:
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    odds = np.zeros(xs.shape)
    repeat = xs > 0
    xr = xs[repeat]
    log_odds = (
        np.log(a)
        - np.log(b + xr - 1.0)
        + (r + xr) * (np.log(alpha + tcs[repeat]) - np.log(alpha + txs[repeat]))
    )
    odds[repeat] = np.exp(np.minimum(log_odds, 700.0))
    return odds


def expected_purchases(
    params: BgNbdParams,
    horizon: float,
    x: npt.ArrayLike,
    t_x: npt.ArrayLike,
    t_cal: npt.ArrayLike,
) -> FloatArray:
    """E[purchases in (t_cal, t_cal + horizon] given x, t_x, t_cal] (FHL 2005, equation 10)."""
    xs, txs, tcs = _arrays(x, t_x, t_cal)
    r, alpha, b = params.r, params.alpha, params.b
    a = params.a
    if abs(a - 1.0) < 1e-6:  # a removable singularity of the closed form
        a = 1.0 + 1e-6
    z = horizon / (alpha + tcs + horizon)
    hyp = special.hyp2f1(r + xs, b + xs, a + b + xs - 1.0, z)
    bracket = 1.0 - np.exp((r + xs) * (np.log(alpha + tcs) - np.log(alpha + tcs + horizon))) * hyp
    front = (a + b + xs - 1.0) / (a - 1.0)
    value = front * bracket / (1.0 + _dropout_odds(params, xs, txs, tcs))
    return np.asarray(np.clip(np.nan_to_num(value, nan=0.0), 0.0, None), dtype=np.float64)


def summarise(
    order_days: list[FloatArray], as_of_day: float
) -> tuple[FloatArray, FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """(x, t_x, t_cal, has_orders) per customer from each customer's order times (days, sorted).

    Orders on the same day count as one purchase occasion, as in the published model's data.
    """
    n = len(order_days)
    x = np.zeros(n)
    t_x = np.zeros(n)
    t_cal = np.zeros(n)
    has = np.zeros(n, dtype=bool)
    for i, days in enumerate(order_days):
        if days.size == 0:
            continue
        occasions = np.unique(np.floor(days))
        has[i] = True
        x[i] = occasions.size - 1
        t_x[i] = occasions[-1] - occasions[0]
        t_cal[i] = max(as_of_day - occasions[0], t_x[i])
    return x, t_x, t_cal, has

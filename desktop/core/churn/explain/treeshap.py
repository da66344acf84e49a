"""Exact path-dependent TreeSHAP for scikit-learn's HistGradientBoostingClassifier.

The `shap` package would pull numba (and llvmlite) into the packaged app, so this is our own.
Path-dependent TreeSHAP takes E[f(x) | x_S] as the tree's prediction with the features outside S
sent down both branches in proportion to the training samples (cover). For one leaf that value is
a product over the distinct features on its path: the indicator that x satisfies every split on
the feature when it is known, the product of the cover fractions when it is not. The Shapley
value of such a product game depends only on which indicators are 1, so each leaf's values are
tabulated once per model for every pattern of its path, and explaining a chunk is a few vector
comparisons and table look-ups per leaf.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from math import factorial
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

MAX_PATH_FEATURES = 16  # a table of 2**16 patterns per leaf is the most we accept


@dataclass(frozen=True)
class _Split:
    node: int  # index of the split node in the tree's arrays
    left: bool  # the path takes the left branch


@dataclass(frozen=True)
class _Leaf:
    features: tuple[int, ...]  # distinct features on the path, in table order
    splits: tuple[tuple[_Split, ...], ...]  # per feature, its splits on the path
    table: FloatArray  # (2**len(features), len(features)) Shapley values by pattern


@dataclass(frozen=True)
class _Tree:
    feature: IntArray
    threshold: FloatArray
    missing_left: npt.NDArray[np.bool_]
    leaves: tuple[_Leaf, ...]
    expected: float  # cover-weighted mean of the leaf values


def _weights(n: int) -> FloatArray:
    """Shapley weight |S|! (n - |S| - 1)! / n! for each coalition size |S| = 0 … n-1."""
    return np.array([factorial(k) * factorial(n - k - 1) / factorial(n) for k in range(n)])


def leaf_table(value: float, zero: FloatArray) -> FloatArray:
    """Shapley values of the game v(S) = value · Π_{i∈S} o_i · Π_{i∉S} z_i for every 0/1
    pattern o of the n path features (row = pattern, bit i of the row index = o_i)."""
    n = zero.size
    w = _weights(n)
    patterns = np.array(list(product((0.0, 1.0), repeat=n)))[:, ::-1] if n else np.zeros((1, 0))
    out = np.zeros((patterns.shape[0], n))
    for i in range(n):
        others = [j for j in range(n) if j != i]
        # Coefficients of Π_{j≠i} (z_j + o_j t): coefficient k sums the coalitions of size k.
        coef = np.zeros((patterns.shape[0], n))
        coef[:, 0] = 1.0
        for j in others:
            shifted = np.zeros_like(coef)
            shifted[:, 1:] = coef[:, :-1] * patterns[:, j : j + 1]
            coef = coef * zero[j] + shifted
        out[:, i] = value * (patterns[:, i] - zero[i]) * (coef @ w)
    return out


def _tree(nodes: Any) -> _Tree:
    if np.any(nodes["is_categorical"][~nodes["is_leaf"].astype(bool)]):
        raise ValueError("categorical splits are not supported by the tree explainer")
    leaves: list[_Leaf] = []
    expected = 0.0
    stack: list[tuple[int, tuple[_Split, ...]]] = [(0, ())]
    count = nodes["count"].astype(np.float64)
    while stack:
        node, path = stack.pop()
        if nodes["is_leaf"][node]:
            by_feature: dict[int, list[_Split]] = {}
            zero: dict[int, float] = {}
            for split in path:
                f = int(nodes["feature_idx"][split.node])
                child = nodes["left"][split.node] if split.left else nodes["right"][split.node]
                by_feature.setdefault(f, []).append(split)
                parent_count = count[split.node]
                fraction = count[child] / parent_count if parent_count > 0 else 0.0
                zero[f] = zero.get(f, 1.0) * fraction
            features = tuple(by_feature)
            if len(features) > MAX_PATH_FEATURES:
                raise ValueError("a tree path is too deep for the tree explainer")
            z = np.array([zero[f] for f in features])
            value = float(nodes["value"][node])
            expected += value * float(np.prod(z))
            leaves.append(
                _Leaf(
                    features=features,
                    splits=tuple(tuple(by_feature[f]) for f in features),
                    table=leaf_table(value, z),
                )
            )
            continue
        stack.append((int(nodes["left"][node]), (*path, _Split(node, True))))
        stack.append((int(nodes["right"][node]), (*path, _Split(node, False))))
    return _Tree(
        feature=nodes["feature_idx"].astype(np.intp),
        threshold=nodes["num_threshold"].astype(np.float64),
        missing_left=nodes["missing_go_to_left"].astype(bool),
        leaves=tuple(leaves),
        expected=expected,
    )


class TreeExplainer:
    """Exact Shapley values of a fitted binary HistGradientBoostingClassifier's raw score
    (log-odds): for every row, `expected + values.sum(axis=1)` equals `decision_function`."""

    def __init__(self, model: Any) -> None:
        predictors = model._predictors
        if any(len(per_iteration) != 1 for per_iteration in predictors):
            raise ValueError("the tree explainer handles binary classifiers only")
        self.n_features = int(model.n_features_in_)
        self.trees = [_tree(per_iteration[0].nodes) for per_iteration in predictors]
        self.expected = float(np.ravel(model._baseline_prediction)[0]) + sum(
            t.expected for t in self.trees
        )

    def shap_values(self, x: FloatArray) -> FloatArray:
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        phi = np.zeros((n, self.n_features))
        missing = np.isnan(x)
        for tree in self.trees:
            # Which way each row goes at every split (NaN: the way the tree learned).
            f = tree.feature
            goes_left = np.where(
                missing[:, f], tree.missing_left, x[:, f] <= tree.threshold
            )  # (rows, nodes); leaves' columns are unused
            for leaf in tree.leaves:
                if not leaf.features:
                    continue
                pattern = np.zeros(n, dtype=np.intp)
                for bit, splits in enumerate(leaf.splits):
                    ok = np.ones(n, dtype=bool)
                    for s in splits:
                        ok &= goes_left[:, s.node] if s.left else ~goes_left[:, s.node]
                    pattern |= ok.astype(np.intp) << bit
                phi[:, list(leaf.features)] += leaf.table[pattern]
        return phi

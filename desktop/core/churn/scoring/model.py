"""The model a run scores with, loaded once, verified, and able to explain its predictions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from db import models as m
from desktop.core.churn.artifacts import load_model
from desktop.core.churn.explain.additive import Additive, AdditiveExplainer, to_points
from desktop.core.churn.explain.words import after_label, in_words
from desktop.core.churn.features import FeatureSpec
from desktop.core.churn.lapsed import lapsed_after_days
from desktop.core.churn.model_check import check_definitions, check_estimator

FloatArray = npt.NDArray[np.float64]

TOP_FACTORS = 5
MIN_CONTRIBUTION = 1e-4
REASONS = 3  # factors raising the risk named in an alert


@dataclass
class LoadedModel:
    """A verified, loaded model version with what it needs to explain its predictions."""

    version_id: int
    name: str
    algorithm: str
    threshold: float
    spec: FeatureSpec
    estimator: Any
    explanation: dict[str, Any]
    names: list[str]
    labels: dict[str, str]
    # Customers inactive this many days are lapsed, not scored (`churn.lapsed`); None: nobody.
    lapsed_after_days: int | None = None
    _explainer: AdditiveExplainer | None = field(default=None, repr=False)

    @classmethod
    def from_version(cls, version: m.ModelVersion) -> LoadedModel:
        if version.artifact is None:  # a listing query without the blob: fetch it
            version = m.ModelVersion.get_by_id(version.id)
        estimator = load_model(version.artifact, version.artifact_sha256, name=version.name)
        definitions = check_definitions(version.feature_definitions, name=version.name)
        spec = FeatureSpec.from_json(definitions.get("spec"))
        features = definitions.get("features") or []
        loaded = cls(
            version_id=version.id,
            name=version.name,
            algorithm=version.algorithm,
            threshold=float(version.threshold),
            spec=spec,
            estimator=estimator,
            explanation=definitions.get("explanation") or {},
            names=spec.names,
            labels={f["name"]: f["label"] for f in features},
            lapsed_after_days=lapsed_after_days(version.training_summary),
        )
        check_estimator(loaded, estimator, name=version.name)
        return loaded

    def predict(self, x: FloatArray) -> FloatArray:
        if x.shape[0] == 0:
            return np.empty(0)
        p = self.estimator.predict_proba(x)[:, 1]
        return np.clip(p.astype(np.float64), 0.0, 1.0)

    def explainer(self) -> AdditiveExplainer:
        """Built on first use and kept: the tree tables are computed once per model."""
        if self._explainer is None:
            self._explainer = AdditiveExplainer(self.estimator)
        return self._explainer

    def contributions(self, x: FloatArray) -> Additive:
        """Each prediction's exact additive split on the calibrated log-odds scale (see
        `explain.additive`): baseline + Σ contributions = logit of the shown probability."""
        return self.explainer().explain(x)

    def explain(
        self, x: FloatArray, p: FloatArray, top: int = TOP_FACTORS
    ) -> tuple[list[str], list[str]]:
        """Each prediction's `top` factors as stored (JSON text) and its reasons in words.

        A factor is {"contribution", "log_odds", "feature", "label", "value", "text"}: the
        contribution in probability points (fractions), the same in log-odds, and the
        customer's value in words. The rest of the features are one "_other" factor, so a
        prediction's factors always sum, with the baseline (p − Σ contributions, stated in
        the model's explanation), to the shown probability. The JSON is written here rather
        than by json.dumps: at a million customers a run, that was a noticeable share of
        scoring.
        """
        n = x.shape[0]
        if n == 0:
            return [], []
        additive = self.contributions(x)
        logodds = additive.contributions
        points = to_points(logodds, additive.baseline)
        order = np.argsort(-np.abs(logodds), axis=1)[:, :top]
        top_points = np.take_along_axis(points, order, axis=1)
        top_logodds = np.take_along_axis(logodds, order, axis=1)
        rest_points = (points.sum(axis=1) - top_points.sum(axis=1)).tolist()
        rest_logodds = (logodds.sum(axis=1) - top_logodds.sum(axis=1)).tolist()
        shown = np.take_along_axis(x, order, axis=1).tolist()
        labels = [self.labels.get(name, name) for name in self.names]
        head = [
            f',"feature":{json.dumps(name)},"label":{json.dumps(label)},"value":'
            for name, label in zip(self.names, labels, strict=True)
        ]
        texts: list[str] = []
        reasons: list[str] = []
        for row_points, row_logodds, row_features, row_shown, rest_p, rest_l in zip(
            top_points.tolist(),
            top_logodds.tolist(),
            order.tolist(),
            shown,
            rest_points,
            rest_logodds,
            strict=True,
        ):
            parts: list[str] = []
            raising: list[str] = []
            other_p, other_l = rest_p, rest_l
            for c, lo, j, v in zip(row_points, row_logodds, row_features, row_shown, strict=True):
                if abs(c) < MIN_CONTRIBUTION:
                    other_p += c
                    other_l += lo
                    continue
                words = in_words(self.names[j], labels[j], v)
                parts.append(
                    f'{{"contribution":{_number(c)},"log_odds":{_number(lo)}{head[j]}'
                    f'{_number(round(v, 4))},"text":{json.dumps(words)}}}'
                )
                if c > 0 and len(raising) < REASONS:
                    said = after_label(self.names[j], labels[j], v)
                    raising.append(f"{labels[j]} ({said})" if said else labels[j])
            if other_p or other_l:
                parts.append(
                    f'{{"contribution":{_number(other_p)},"log_odds":{_number(other_l)},'
                    f'"feature":"_other","label":"Other factors","value":null,"text":""}}'
                )
            texts.append(f"[{','.join(parts)}]")
            reasons.append(f"Top reasons: {', '.join(raising)}" if raising else "")
        return texts, reasons


def _number(value: float) -> str:
    """A float as JSON: its shortest repr, null when not finite (JSON has no NaN)."""
    return repr(value) if math.isfinite(value) else "null"

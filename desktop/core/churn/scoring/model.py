"""The model a run scores with, loaded once, verified, and able to explain its predictions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from db import models as m
from desktop.core.churn.artifacts import load_model
from desktop.core.churn.features import FeatureSpec
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
        )
        check_estimator(loaded, estimator, name=version.name)
        return loaded

    def predict(self, x: FloatArray) -> FloatArray:
        if x.shape[0] == 0:
            return np.empty(0)
        p = self.estimator.predict_proba(x)[:, 1]
        return np.clip(p.astype(np.float64), 0.0, 1.0)

    def contributions(self, x: FloatArray, p: FloatArray) -> tuple[FloatArray, list[int]]:
        """Signed contributions (probability points) of some features to each prediction.

        Logistic regression: coefficient × standardised value is the feature's share of the
        log-odds; its contribution is the probability minus the probability with that share
        removed (the feature at its training mean). Boosted trees: the probability minus the
        probability with the feature set to its training median, for the most important
        features only (one extra prediction per feature, all in one batch).
        """
        n = x.shape[0]
        calibrated = self.estimator.calibrated_classifiers_[0]
        pipeline, calibrator = calibrated.estimator, calibrated.calibrators[0]
        if self.explanation.get("method") == "linear":
            model = pipeline.steps[-1][1]
            z = pipeline[:-1].transform(x)  # standardised values, as the model sees them
            share = z * model.coef_[0]
            logit = share.sum(axis=1) + model.intercept_[0]
            without = calibrator.predict((logit[:, None] - share).ravel()).reshape(share.shape)
            return p[:, None] - without, list(range(x.shape[1]))
        features = [f for f in self.explanation.get("features", []) if f in self.names]
        columns = [self.names.index(f) for f in features]
        if not columns or n == 0:
            return np.zeros((n, 0)), []
        baseline = self.explanation.get("baseline", {})
        # Only rows whose value differs from the baseline can have a contribution: the others
        # would predict the same probability again (most customers have no tickets, no failed
        # payment, …), so they are left out of the batch.
        blocks: list[FloatArray] = []
        where: list[tuple[int, npt.NDArray[np.intp]]] = []
        for k, (j, name) in enumerate(zip(columns, features, strict=True)):
            value = baseline.get(name, 0.0)
            rows = np.flatnonzero(x[:, j] != value)
            if rows.size:
                block = x[rows].copy()
                block[:, j] = value
                blocks.append(block)
                where.append((k, rows))
        contributions = np.zeros((n, len(columns)))
        if blocks:
            substituted = self.estimator.predict_proba(np.vstack(blocks))[:, 1]
            offset = 0
            for k, rows in where:
                contributions[rows, k] = p[rows] - substituted[offset : offset + rows.size]
                offset += rows.size
        return contributions, columns

    def explain(
        self, x: FloatArray, p: FloatArray, top: int = TOP_FACTORS
    ) -> tuple[list[str], list[str]]:
        """Each prediction's `top` factors as stored (JSON text) and its reasons in words.

        A factor is {"contribution", "feature", "label", "value"}: the features that moved the
        prediction most, with their signed contribution. The JSON is written here rather than
        by json.dumps: at a million customers a run, that was a noticeable share of scoring.
        """
        n = x.shape[0]
        contrib, columns = self.contributions(x, p)
        if not columns:
            return ["[]"] * n, [""] * n
        order = np.argsort(-np.abs(contrib), axis=1)[:, :top]
        values = np.take_along_axis(contrib, order, axis=1).tolist()
        features = np.asarray(columns)[order]
        shown = np.take_along_axis(x, features, axis=1).tolist()
        labels = {j: self.labels.get(self.names[j], self.names[j]) for j in columns}
        # The constant part of each factor's JSON, per feature column.
        head = {
            j: f',"feature":{json.dumps(self.names[j])},"label":{json.dumps(label)},"value":'
            for j, label in labels.items()
        }
        texts: list[str] = []
        reasons: list[str] = []
        for row_values, row_features, row_shown in zip(
            values, features.tolist(), shown, strict=True
        ):
            parts: list[str] = []
            raising: list[str] = []
            for c, j, v in zip(row_values, row_features, row_shown, strict=True):
                if abs(c) < MIN_CONTRIBUTION:
                    continue
                parts.append(
                    f'{{"contribution":{_number(round(c, 4))}{head[j]}{_number(round(v, 4))}}}'
                )
                if c > 0 and len(raising) < REASONS:
                    raising.append(labels[j])
            texts.append(f"[{','.join(parts)}]")
            reasons.append(f"Top reasons: {', '.join(raising)}" if raising else "")
        return texts, reasons


def _number(value: float) -> str:
    """A float as JSON: its shortest repr, null when not finite (JSON has no NaN)."""
    return repr(value) if math.isfinite(value) else "null"

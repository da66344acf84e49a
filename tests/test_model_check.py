"""A stored model whose estimator or feature definitions are malformed is refused with one line
naming the model, before scoring starts, never with a traceback from deep inside scikit-learn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression

from db import models as m
from desktop.cli import main
from desktop.core.churn.artifacts import dump_model, sha256
from desktop.core.churn.features import FeatureSpec
from desktop.core.churn.model_check import ModelMalformed
from desktop.core.churn.scoring import LoadedModel
from desktop.core.churn.training import make_pipeline
from tests.churn_helpers import customer, quick_model

WIDTH = len(FeatureSpec().names)


def _store(version: m.ModelVersion, model: Any) -> None:
    data, digest = dump_model(model)
    m.ModelVersion.update(artifact=data, artifact_sha256=digest).where(
        m.ModelVersion.id == version.id
    ).execute()


def _fitted(model: Any, width: int) -> Any:
    rng = np.random.default_rng(1)
    x = rng.random((80, width))
    return model.fit(x, (x[:, 0] > 0.5).astype(int))


def not_a_classifier(version: m.ModelVersion) -> None:
    data = sio.dumps({"weights": [1.0, 2.0]})
    m.ModelVersion.update(artifact=data, artifact_sha256=sha256(data)).where(
        m.ModelVersion.id == version.id
    ).execute()


def too_few_features(version: m.ModelVersion) -> None:
    _store(version, _fitted(make_pipeline("logistic_regression", 0, rows=80), 4))


def not_explainable(version: m.ModelVersion) -> None:
    _store(version, _fitted(LogisticRegression(), WIDTH))  # no calibration around it


def definitions(value: Any) -> Callable[[m.ModelVersion], None]:
    def change(version: m.ModelVersion) -> None:
        m.ModelVersion.update(feature_definitions=value).where(
            m.ModelVersion.id == version.id
        ).execute()

    return change


MALFORMED = {
    "a dict as the estimator": (not_a_classifier, "holds a dict, not a classifier"),
    "trained on other features": (
        too_few_features,
        f"takes 4 features but its definitions name {WIDTH}",
    ),
    "no calibrated pipeline": (not_explainable, "fails on a test row (AttributeError"),
    "definitions a string": (definitions("nonsense"), "feature definitions are not an object"),
    "spec a list": (definitions({"spec": [1, 2]}), "feature spec is not an object"),
    "attributes a string": (
        definitions({"spec": {"numeric_attributes": "ab", "numeric_fill": [1, 2]}}),
        "numeric_attributes is not a list of names",
    ),
    "fill not numbers": (
        definitions({"spec": {"numeric_attributes": ["a"], "numeric_fill": ["x"]}}),
        "numeric_fill is not a list of numbers",
    ),
    "fill too short": (
        definitions({"spec": {"numeric_attributes": ["a", "b"], "numeric_fill": [1]}}),
        "one value per numeric attribute",
    ),
    "categories not pairs": (
        definitions({"spec": {"categorical_attributes": ["tier"]}}),
        "categorical_attributes is not a list of [name, [values]] pairs",
    ),
    "features without labels": (
        definitions({"features": [{"name": "recency_days"}]}),
        "feature list is not a list of {name, label} entries",
    ),
    "unknown explanation": (
        definitions({"explanation": {"method": "magic"}}),
        "explanation method 'magic' is unknown",
    ),
    "baseline not numbers": (
        definitions(
            {
                "explanation": {
                    "method": "substitution",
                    "features": ["recency_days"],
                    "baseline": {"recency_days": "far"},
                }
            }
        ),
        "baseline is not a map of numbers",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_model_is_one_clear_line(
    case: str, database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    change, message = MALFORMED[case]
    version = quick_model()
    customer()
    change(version)
    with pytest.raises(ModelMalformed, match=f"model '{version.name}' cannot be used"):
        LoadedModel.from_version(m.ModelVersion.get_by_id(version.id))

    assert main(["--db", db_url, "score", "--model", version.name]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"churnwatch: error: model '{version.name}' cannot be used: ")
    assert message in err
    assert m.ChurnPrediction.select().count() == 0


def test_a_sound_model_passes_the_checks(database) -> None:
    for algorithm in ("logistic_regression", "gradient_boosting"):
        version = quick_model(algorithm, name=f"sound-{algorithm}")
        loaded = LoadedModel.from_version(version)
        assert loaded.predict(np.zeros((2, WIDTH))).shape == (2,)

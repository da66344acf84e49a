"""Check a stored model before scoring with it: feature definitions of the right shape, and an
estimator that predicts and explains what scoring asks of it.

The artifact check (`artifacts.load_model`) makes loading safe; this makes it usable. A model
row edited by hand, written by another tool or by a different build can hold any JSON and any
trusted type, and without this check scoring failed deep inside numpy or scikit-learn with a
traceback instead of naming the model.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from db.i18n import QT_TRANSLATE_NOOP
from desktop.core.churn.artifacts import ArtifactError

FloatArray = npt.NDArray[np.float64]

EXPLANATION_METHODS = ("linear", "substitution", "treeshap")


class ModelMalformed(ArtifactError):
    """A stored model whose estimator or feature definitions scoring cannot use."""


class Scorable(Protocol):
    names: list[str]

    def predict(self, x: FloatArray) -> FloatArray: ...

    def explain(self, x: FloatArray, p: FloatArray) -> tuple[list[str], list[str]]: ...


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _pairs(value: Any) -> bool:
    """A list of [name, [values]] pairs."""
    return isinstance(value, list) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[0], str)
        and isinstance(pair[1], list | tuple) and _str_list(list(pair[1]))
        for pair in value
    )  # fmt: skip


def _spec_problem(spec: Any) -> str | None:
    if spec is None:
        return None
    if not isinstance(spec, dict):
        return "its feature spec is not an object"
    numeric = spec.get("numeric_attributes", [])
    fill = spec.get("numeric_fill", [])
    checks = (
        (_str_list(numeric), "numeric_attributes is not a list of names"),
        (isinstance(fill, list) and all(_is_number(v) for v in fill),
         "numeric_fill is not a list of numbers"),
        (len(fill) == len(numeric), "numeric_fill does not have one value per numeric attribute"),
        (_pairs(spec.get("categorical_attributes", [])),
         "categorical_attributes is not a list of [name, [values]] pairs"),
        (_str_list(spec.get("plans", [])), "plans is not a list of names"),
        (_history_ok(spec.get("history")),
         "history is not a horizon with four BG/NBD parameters (or none)"),
    )  # fmt: skip
    return next((message for ok, message in checks if not ok), None)


def _history_ok(history: Any) -> bool:
    if history is None:
        return True
    if not isinstance(history, dict) or not _is_number(history.get("horizon_days", 90)):
        return False
    params = history.get("btyd")
    return params is None or (
        isinstance(params, list)
        and len(params) == 4
        and all(_is_number(v) and float(v) > 0 for v in params)
    )


def _explanation_problem(explanation: Any) -> str | None:
    if explanation is None:
        return None
    if not isinstance(explanation, dict):
        return "its explanation is not an object"
    method = explanation.get("method")
    if method is not None and method not in EXPLANATION_METHODS:
        return f"its explanation method '{method}' is unknown"
    if not _str_list(explanation.get("features", [])):
        return "the explained features are not a list of names"
    baseline = explanation.get("baseline", {})
    if not isinstance(baseline, dict) or not all(_is_number(v) for v in baseline.values()):
        return "the explanation baseline is not a map of numbers"
    return None


def check_definitions(definitions: Any, *, name: str) -> dict[str, Any]:
    """The model's feature definitions, if scoring can read them; `ModelMalformed` otherwise."""
    if definitions is None:
        return {}
    problem: str | None
    if not isinstance(definitions, dict):
        problem = "its feature definitions are not an object"
    else:
        features = definitions.get("features", [])
        problem = _spec_problem(definitions.get("spec")) or _explanation_problem(
            definitions.get("explanation")
        )
        if problem is None and not (
            isinstance(features, list)
            and all(
                isinstance(f, dict) and isinstance(f.get("name"), str)
                and isinstance(f.get("label"), str)
                for f in features
            )
        ):  # fmt: skip
            problem = "its feature list is not a list of {name, label} entries"
    if problem:
        raise ModelMalformed(_unusable(name, problem))
    return definitions


def check_estimator(loaded: Scorable, estimator: Any, *, name: str) -> None:
    """Refuse an estimator that does not take the model's features or cannot be explained: one
    probe row goes through the same predict and explain that scoring runs."""
    width = len(loaded.names)
    expected = getattr(estimator, "n_features_in_", None)
    problem: str | None
    if not callable(getattr(estimator, "predict_proba", None)):
        problem = f"its artifact holds a {type(estimator).__name__}, not a classifier"
    elif expected is not None and expected != width:
        problem = f"its estimator takes {expected} features but its definitions name {width}"
    elif len(getattr(estimator, "classes_", ())) != 2:
        problem = "its estimator does not predict two classes (churned or not)"
    else:
        problem = _probe(loaded, width)
    if problem:
        raise ModelMalformed(_unusable(name, problem))


def _unusable(name: str, problem: str) -> str:
    # The problem stays as written: a technical detail of a damaged model, for whoever repairs it.
    return QT_TRANSLATE_NOOP(
        "Models", "model '{name}' cannot be used: {problem}; retrain it"
    ).format(name=name, problem=problem)


def _probe(loaded: Scorable, width: int) -> str | None:
    x = np.zeros((1, width))
    try:
        p = loaded.predict(x)
        if p.shape != (1,) or not np.isfinite(p).all():
            return "its estimator does not give one probability per customer"
        loaded.explain(x, p)
    except Exception as exc:  # any failure here would have been a traceback mid-run
        text = str(exc).strip()
        detail = f": {text.splitlines()[0][:200]}" if text else ""
        return f"its estimator fails on a test row ({type(exc).__name__}{detail})"
    return None

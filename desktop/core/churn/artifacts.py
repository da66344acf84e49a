"""Model artifacts in the shared database: skops bytes, checked before anything is built from them.

Anyone who can write to the shared database could replace an artifact, so loading one must never
run code. Pickle would (its opcodes call arbitrary functions), so artifacts are skops files, which
only rebuild objects of known types. On load:

1. the bytes' sha256 must match the one stored beside them (catches corruption and a careless
   edit of one column without the other), then
2. every type skops does not trust by default must be in `TRUSTED`, an explicit list of the few
   scikit-learn internals our pipelines need; anything else is refused before any object is
   built.

The hash alone is no defence (whoever can write the blob can write the hash); the type check is.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from db.connection import DatabaseError
from db.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Types outside skops' default trust that our own pipelines contain. Nothing that can name a
# function to call (e.g. FunctionTransformer, numpy ufuncs, builtins.eval) belongs here.
TRUSTED: frozenset[str] = frozenset(
    {
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    }
)


class ArtifactError(DatabaseError):
    """A model artifact that cannot be used; the message says which and why."""


class ArtifactMissing(ArtifactError):
    pass


class ArtifactTampered(ArtifactError):
    """The artifact's bytes do not match the sha256 stored with them."""


class ArtifactUntrusted(ArtifactError):
    """The artifact holds types outside the trusted list: it could run code when loaded."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dump_model(model: Any) -> tuple[bytes, str]:
    """The skops bytes of a fitted model and their sha256.

    Refuses to write a model we could not load again, so a bad pipeline fails at training time
    rather than on every workstation that tries to score with it.
    """
    import skops.io as sio  # with scikit-learn: when a model is first needed, not at every start

    data = sio.dumps(model)
    untrusted = set(sio.get_untrusted_types(data=data)) - TRUSTED
    if untrusted:
        raise ArtifactUntrusted(
            "the trained model contains types that ChurnWatch would refuse to load: "
            + ", ".join(sorted(untrusted))
        )
    return data, sha256(data)


def load_model(data: bytes | memoryview | None, expected_sha256: str | None, *, name: str) -> Any:
    """The model in `data`, after checking its hash and that it holds only trusted types."""
    if not data:
        raise ArtifactMissing(
            QT_TRANSLATE_NOOP("Models", "model '{name}' has no stored artifact").format(name=name)
        )
    blob = bytes(data)
    if not expected_sha256:
        raise ArtifactTampered(
            QT_TRANSLATE_NOOP(
                "Models", "model '{name}' has no sha256 recorded; refusing to load it"
            ).format(name=name)
        )
    actual = sha256(blob)
    if actual != expected_sha256.lower():
        log.warning("model artifact hash mismatch for model id/name %s", name)
        raise ArtifactTampered(
            QT_TRANSLATE_NOOP(
                "Models",
                "model '{name}' was refused: its artifact does not match its sha256 (changed or "
                "corrupted in the database); retrain or restore it",
            ).format(name=name)
        )
    import skops.io as sio

    try:
        found = sio.get_untrusted_types(data=blob)
    except Exception as exc:  # a damaged or hand-made file: refuse it, whatever the reason
        raise ArtifactUntrusted(
            QT_TRANSLATE_NOOP(
                "Models", "model '{name}' was refused: not a readable skops file ({problem})"
            ).format(name=name, problem=str(exc))
        ) from None
    untrusted = sorted(set(found) - TRUSTED)
    if untrusted:
        log.warning("model %s refused: %d untrusted types", name, len(untrusted))
        raise ArtifactUntrusted(
            QT_TRANSLATE_NOOP(
                "Models",
                "model '{name}' was refused: its artifact holds types outside the trusted list "
                "({types})",
            ).format(name=name, types=", ".join(untrusted))
        )
    try:
        return sio.loads(blob, trusted=list(found))
    except Exception as exc:
        raise ArtifactUntrusted(
            QT_TRANSLATE_NOOP(
                "Models", "model '{name}' could not be loaded safely: {problem}"
            ).format(name=name, problem=str(exc))
        ) from None

"""Model artifacts: skops bytes with a sha256; tampered or untrusted artifacts are refused."""

from __future__ import annotations

import hashlib
import os

import numpy as np
import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from db import models as m
from db.connection import DatabaseError
from desktop.cli import main
from desktop.core.churn.artifacts import (
    ArtifactMissing,
    ArtifactTampered,
    ArtifactUntrusted,
    dump_model,
    load_model,
)
from desktop.core.churn.scoring import LoadedModel
from desktop.core.churn.training import make_pipeline
from tests.churn_helpers import quick_model


def _fitted(algorithm: str):
    rng = np.random.default_rng(3)
    x = rng.random((120, 4))
    y = (x[:, 0] + rng.random(120) * 0.3 > 0.8).astype(int)
    return make_pipeline(algorithm, 0, rows=len(y)).fit(x, y), x


@pytest.mark.parametrize("algorithm", ["logistic_regression", "gradient_boosting"])
def test_round_trip_gives_the_same_predictions(algorithm):
    model, x = _fitted(algorithm)
    data, digest = dump_model(model)
    assert digest == hashlib.sha256(data).hexdigest()
    assert not data.startswith(b"\x80")  # not a pickle stream
    loaded = load_model(data, digest, name="m")
    assert np.allclose(loaded.predict_proba(x), model.predict_proba(x))


def test_changed_bytes_are_refused_before_loading():
    model, _ = _fitted("logistic_regression")
    data, digest = dump_model(model)
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 0xFF
    with pytest.raises(ArtifactTampered, match="does not match its sha256"):
        load_model(bytes(tampered), digest, name="m")
    with pytest.raises(ArtifactTampered, match="no sha256"):
        load_model(data, None, name="m")
    with pytest.raises(ArtifactMissing):
        load_model(None, digest, name="m")


def test_untrusted_types_are_refused_even_with_a_matching_hash():
    """Whoever can write the blob can write its hash: the type allow-list is the defence."""
    evil = Pipeline([("run", FunctionTransformer(os.system, kw_args={"command": "true"}))])
    data = sio.dumps(evil)
    with pytest.raises(ArtifactUntrusted, match=r"posix\.system|nt\.system"):
        load_model(data, hashlib.sha256(data).hexdigest(), name="evil")
    with pytest.raises(ArtifactUntrusted, match="refuse to load"):
        dump_model(evil)
    garbage = b"PK\x03\x04 not really a zip"
    with pytest.raises(ArtifactUntrusted, match="not a readable skops file"):
        load_model(garbage, hashlib.sha256(garbage).hexdigest(), name="junk")


def test_errors_are_database_errors_the_cli_prints_as_one_line():
    assert issubclass(ArtifactTampered, DatabaseError)
    assert issubclass(ArtifactUntrusted, DatabaseError)


def test_tampered_artifact_in_the_database_is_refused(database, db_url, capsys):
    version = quick_model()
    data = bytearray(bytes(version.artifact))
    data[100] ^= 0x01
    m.ModelVersion.update(artifact=bytes(data)).where(m.ModelVersion.id == version.id).execute()
    with pytest.raises(ArtifactTampered):
        LoadedModel.from_version(m.ModelVersion.get_by_id(version.id))

    # An attacker who also rewrites the hash gets the type check instead.
    evil = sio.dumps(Pipeline([("run", FunctionTransformer(os.system))]))
    m.ModelVersion.update(artifact=evil, artifact_sha256=hashlib.sha256(evil).hexdigest()).where(
        m.ModelVersion.id == version.id
    ).execute()
    assert main(["--db", db_url, "score", "--model", version.name]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("churnwatch: error: model") and "trusted list" in err
    assert len(err.splitlines()) == 1
    assert m.ChurnPrediction.select().count() == 0

"""The model registry: trained versions stored with their artifacts, found by name, activated
(the one scoring uses), retired, listed and described."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import peewee as pw

from db import models as m
from db.choices import ModelStatus
from db.units import run_unit
from db.validation import ValidationError
from desktop.core.churn.artifacts import dump_model
from desktop.core.churn.features import FeatureSpec
from desktop.core.churn.training.snapshots import BOOSTED, LOGISTIC, RFM
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.permissions import Perm, require_operator

if TYPE_CHECKING:
    from desktop.core.churn.training.fitting import Candidate

log = logging.getLogger(__name__)

SHORT_NAMES = {LOGISTIC: "lr", BOOSTED: "gbm", RFM: "rfm"}


def _unique_name(base: str) -> str:
    name, n = base, 1
    while m.ModelVersion.select().where(m.ModelVersion.name == name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def store_candidates(
    database: pw.Database,
    *,
    candidates: Sequence[Candidate],
    winner: Candidate,
    spec: FeatureSpec,
    summary: dict[str, Any],
    user: m.User | None,
) -> None:
    """Store every candidate as a new version (status candidate), with an audit entry each."""
    stamp = m.utcnow()
    definitions = spec.definitions()
    artifacts = [dump_model(c.model) for c in candidates]  # outside the transaction: CPU work

    def unit() -> None:
        mv = m.ModelVersion
        prefix = f"churn-{stamp:%Y%m%d-%H%M%S}-"
        stored = mv.select().where(mv.trained_at == stamp, mv.name.startswith(prefix))
        earlier = {v.algorithm: v for v in stored}
        if len(earlier) == len(candidates):  # an attempt whose reply was lost committed them
            for c in candidates:
                c.version = earlier[c.algorithm]
            return
        for c, (artifact, digest) in zip(candidates, artifacts, strict=True):
            name = _unique_name(f"churn-{stamp:%Y%m%d-%H%M%S}-{SHORT_NAMES[c.algorithm]}")
            c.version = m.ModelVersion.create(
                name=name,
                algorithm=c.algorithm,
                parameters=c.parameters,
                feature_definitions={
                    "spec": spec.to_json(),
                    "features": definitions,
                    "explanation": c.explanation,
                },
                training_summary={
                    **summary,
                    "selected": c is winner,
                    "warnings": c.warnings,
                },
                metrics=c.metrics,
                threshold=c.metrics["threshold"],
                artifact=artifact,
                artifact_sha256=digest,
                status=ModelStatus.CANDIDATE.value,
                trained_by=user.id if user else None,
                trained_at=stamp,
            )
            m.AuditLog.create(
                user=user.id if user else None,
                action="train",
                entity="ModelVersion",
                entity_id=c.version.id,
                after={
                    "name": name,
                    "algorithm": c.algorithm,
                    "selected": c is winner,
                    "pr_auc": c.metrics["pr_auc"],
                    "roc_auc": c.metrics["roc_auc"],
                    "artifact_sha256": digest,
                },
            )

    run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the trained models"))


def find_model(name_or_id: str | int) -> m.ModelVersion:
    """A model version by name (or numeric id); `ValidationError` if there is none."""
    mv = m.ModelVersion
    query = mv.select(mv)
    text = str(name_or_id).strip()
    found = query.where(mv.name == text).first()
    if found is None and text.isdigit():
        found = query.where(mv.id == int(text)).first()
    if found is None:
        raise ValidationError(
            {
                "model": QT_TRANSLATE_NOOP("Models", "there is no model named '{text}'").format(
                    text=text
                )
            },
            entity="Model",
        )
    return found


def active_model() -> m.ModelVersion | None:
    mv = m.ModelVersion
    return mv.select().where(mv.status == ModelStatus.ACTIVE.value).order_by(mv.id.desc()).first()


def activate_model(
    database: pw.Database, name_or_id: str | int, *, user: m.User | None = None
) -> m.ModelVersion:
    """Make this the model scoring uses; the previously active one is retired."""
    require_operator(user, Perm.MODEL_STATUS)

    def unit() -> m.ModelVersion:
        target = find_model(name_or_id)
        previous = [
            v
            for v in m.ModelVersion.select().where(
                m.ModelVersion.status == ModelStatus.ACTIVE.value, m.ModelVersion.id != target.id
            )
        ]
        now = m.utcnow()
        for old in previous:
            m.ModelVersion.update(status=ModelStatus.RETIRED.value, updated_at=now).where(
                m.ModelVersion.id == old.id
            ).execute()
            _audit_status(user, "retire", old, ModelStatus.RETIRED)
        if target.status != ModelStatus.ACTIVE.value:
            m.ModelVersion.update(
                status=ModelStatus.ACTIVE.value, activated_at=now, updated_at=now
            ).where(m.ModelVersion.id == target.id).execute()
            _audit_status(user, "activate", target, ModelStatus.ACTIVE)
        return target

    target = run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the activation"))
    log.info("activated model %s", target.name)
    return find_model(target.id)


def retire_model(
    database: pw.Database, name_or_id: str | int, *, user: m.User | None = None
) -> m.ModelVersion:
    """Take a model out of use; if it was the active one, scoring needs another activated."""
    require_operator(user, Perm.MODEL_STATUS)

    def unit() -> m.ModelVersion:
        target = find_model(name_or_id)
        if target.status != ModelStatus.RETIRED.value:
            m.ModelVersion.update(status=ModelStatus.RETIRED.value, updated_at=m.utcnow()).where(
                m.ModelVersion.id == target.id
            ).execute()
            _audit_status(user, "retire", target, ModelStatus.RETIRED)
        return target

    target = run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the retirement"))
    log.info("retired model %s", target.name)
    return find_model(target.id)


def _audit_status(
    user: m.User | None, action: str, version: m.ModelVersion, status: ModelStatus
) -> None:
    m.AuditLog.create(
        user=user.id if user else None,
        action=action,
        entity="ModelVersion",
        entity_id=version.id,
        before={"status": version.status},
        after={"status": status.value, "name": version.name},
    )


def list_models() -> list[m.ModelVersion]:
    """Every version, newest first, without the artifact bytes (they can be large)."""
    mv = m.ModelVersion
    fields = [f for f in mv._meta.sorted_fields if f.name != "artifact"]
    return list(mv.select(*fields).order_by(mv.trained_at.desc(), mv.id.desc()))


def describe_model(version: m.ModelVersion) -> dict[str, Any]:
    """A JSON-ready summary of a version for `churnwatch models --json` and the Models page."""
    metrics: dict[str, Any] = version.metrics or {}
    summary: dict[str, Any] = version.training_summary or {}
    keys = (
        "accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "pr_auc",
        "brier",
        "log_loss",
        "ece",
        "top_decile_lift",
        "threshold",
        "confusion_matrix",
    )
    return {
        "id": version.id,
        "name": version.name,
        "algorithm": version.algorithm,
        "status": version.status,
        "trained_at": version.trained_at.isoformat(sep=" ") if version.trained_at else None,
        "activated_at": version.activated_at.isoformat(sep=" ") if version.activated_at else None,
        "selected": bool(summary.get("selected")),
        "as_of": summary.get("as_of"),
        "metrics": {k: metrics.get(k) for k in keys},
        "training": {
            "rows": summary.get("train", {}).get("rows"),
            "churn_rate": summary.get("train", {}).get("churn_rate"),
            "date_range": summary.get("train", {}).get("date_range"),
            "validation_rows": summary.get("validation", {}).get("rows"),
            "validation_protocol": summary.get("validation_protocol") or "out-of-time",
            "population": summary.get("population"),
            "churn_definition": summary.get("churn_definition"),
            "inactive_days": summary.get("inactive_days"),
            "horizon_days": summary.get("horizon_days"),
        },
        "artifact_sha256": version.artifact_sha256,
    }

"""What a scored chunk writes, in the one transaction that completes the chunk.

The chunk's completion comes first and only matches while our claim token is still on it (else
`LostClaim`, and everything is rolled back); then the customer estimates (their rows' exclusive
locks taken before any child row's insert takes a shared one: an agent's new ticket does the same,
so neither waits on the other's upgrade), the predictions, health scores and alerts. A commit
whose reply was lost is recognised on the retry: the chunk is done under our own token.

Most of it goes out as SQL literals we format ourselves (see `_RowWriter`): escaping every value
in Python was, once, the largest single cost of scoring.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.bulk import BulkWriter
from db.choices import AccountStatus, ChunkStatus, RiskLevel
from db.connection import is_mysql
from db.i18n import QT_TRANSLATE_NOOP
from db.units import write_transaction
from desktop.core.churn import alert_rules as ar
from desktop.core.churn.features import FeatureMatrix, IdRange
from desktop.core.churn.health import HealthScores
from desktop.core.churn.risk import confidence, probability_bins

FloatArray = npt.NDArray[np.float64]

UPDATE_BATCH = 1_000  # customers per bulk UPDATE statement (SQLite allows 32,766 parameters)
MOVE_TO_AT_RISK_FROM = (AccountStatus.ACTIVE.value, AccountStatus.RESOLVED.value)


class LostClaim(Exception):
    """Our lease ran out and another scorer claimed the chunk; our work is rolled back."""


def sql_timestamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)


def write_chunk(
    database: pw.Database,
    run: m.ScoringRun,
    chunk: m.ScoringChunk,
    token: str,
    *,
    version_id: int,
    fm: FeatureMatrix,
    p: FloatArray,
    levels: Sequence[str],
    factors: Sequence[str],
    health: HealthScores,
    alerts: Sequence[ar.AlertCandidate],
    expected_loss: FloatArray | None = None,
    at_risk: Collection[int] = (),
) -> int:
    """Complete the chunk and write what scoring it produced, in one transaction; the number of
    alerts raised. `LostClaim` (and nothing written) when the chunk is no longer ours.
    `at_risk`: the customers whose active or resolved account moves to `at_risk` (the alert
    policy's call, `scoring.alerting`)."""
    writer = _RowWriter(database)
    now = sql_timestamp(m.utcnow())
    ids = fm.ids.tolist()
    conf = confidence(p)
    scored = ~np.isnan(p)  # the lapsed have no probability and no prediction row
    c = m.ScoringChunk
    with write_transaction(database):
        # Completing the chunk first takes its lock and proves the claim is still ours.
        done = (
            c.update(
                status=ChunkStatus.DONE.value,
                scored=len(ids),
                risk_counts=dict(Counter(levels)),
                probability_bins=probability_bins(p[scored]),
                lease_expires_at=None,
                updated_at=now,
            )
            .where(
                c.id == chunk.id,
                c.claimed_by == token,
                c.status == ChunkStatus.CLAIMED.value,
            )
            .execute()
        )
        if done != 1:
            if already_written(chunk.id, token):
                return alerts_of(run.id, IdRange(chunk.first_customer_id, chunk.last_customer_id))
            raise LostClaim(
                QT_TRANSLATE_NOOP(
                    "Scoring", "chunk {chunk} of run {run} was claimed by another scorer"
                ).format(chunk=chunk.seq, run=run.id)
            )
        _update_customers(
            database, ids, p=p, levels=levels, health=health.score, now=now, at_risk=at_risk
        )
        loss = np.full(len(ids), np.nan) if expected_loss is None else expected_loss
        worth_of = _probability if writer.mysql else _loss_value  # a literal, or a parameter
        vid, rid = version_id, run.id
        writer.insert(
            m.ChurnPrediction,
            (
                "customer",
                "model_version",
                "run",
                "probability",
                "risk_level",
                "confidence",
                "factors",
                "expected_loss",
                "scored_at",
                "created_at",
                "updated_at",
            ),
            [
                (cid, vid, rid, prob, level, certainty, text, worth_of(worth), now, now, now)
                for cid, prob, level, certainty, text, worth, keep in zip(
                    ids,
                    p.tolist(),
                    levels,
                    np.round(conf, 6).tolist(),
                    factors,
                    loss.tolist(),
                    scored.tolist(),
                    strict=True,
                )
                if keep
            ],
            literal="(%d,%d,%d,%r,'%s',%r,%s,%s,'%s','%s','%s')",
            text=(6,),
        )
        writer.insert(
            m.CustomerHealthScore,
            (
                "customer",
                "score",
                "purchase_score",
                "engagement_score",
                "support_score",
                "recency_score",
                "factors",
                "recommendations",
                "computed_at",
                "created_at",
                "updated_at",
            ),
            [
                (*parts, _json(reasons), _json(advice), now, now, now)
                for parts, reasons, advice in zip(
                    zip(
                        ids,
                        health.score.tolist(),
                        health.purchase.tolist(),
                        health.engagement.tolist(),
                        health.support.tolist(),
                        health.recency.tolist(),
                        strict=True,
                    ),
                    health.factors,
                    health.recommendations,
                    strict=True,
                )
            ],
            literal="(%d,%d,%d,%d,%d,%d,%s,%s,'%s','%s','%s')",
            text=(6, 7),
        )
        raised = insert_alerts(run.id, alerts, now)
    # The run's counters are not touched here: inside the chunk's transaction every scorer
    # holds a shared lock on the run row (the predictions' foreign key) and would then want
    # it exclusively — a deadlock between two scorers on MySQL; bumped after the commit they
    # race with completion. Progress is read from the chunks instead (`scored_so_far`), and
    # the run's counters are written from the chunks and alerts when it ends.
    return raised


def already_written(chunk_id: int, token: str) -> bool:
    """The chunk is done under this token: an earlier attempt of ours committed it."""
    c = m.ScoringChunk
    return bool(
        c.select()
        .where(c.id == chunk_id, c.claimed_by == token, c.status == ChunkStatus.DONE.value)
        .exists()
    )


def alerts_of(run_id: int, span: IdRange) -> int:
    """Alerts the run raised for the span's customers (what an earlier attempt wrote)."""
    a, cp = m.Alert, m.ChurnPrediction
    return int(
        a.select()
        .join(cp, on=(a.prediction == cp.id))
        .where(cp.run == run_id, cp.customer.between(span.first, span.last))
        .count()
    )


def _update_customers(
    database: pw.Database,
    ids: Sequence[int],
    *,
    p: FloatArray,
    levels: Sequence[str],
    health: npt.NDArray[np.int64],
    now: str,
    at_risk: Collection[int] = (),
) -> None:
    """One UPDATE … SET x = CASE id WHEN … per batch: the current estimate, health, and
    active/resolved accounts moved to at_risk when the alert policy says so (`at_risk`).

    Every value is a number, a risk level from our own enum or our own timestamp, so they
    are written as literals: no per-value escaping, no parameter limit.
    """
    table = f"{database.quote[0]}{m.Customer._meta.table_name}{database.quote[1]}"
    known = {level.value for level in RiskLevel}
    assert set(levels) <= known, "risk levels come from the enum"
    moving = {int(cid) for cid in at_risk}
    if is_mysql(database):
        _update_customers_mysql(
            database, table, ids, p=p, levels=levels, health=health, now=now, at_risk=moving
        )
        return
    for start in range(0, len(ids), UPDATE_BATCH):
        batch = range(start, min(start + UPDATE_BATCH, len(ids)))
        id_list = ",".join(str(int(ids[i])) for i in batch)
        probability = " ".join(f"WHEN {int(ids[i])} THEN {_probability(p[i])}" for i in batch)
        level = " ".join(f"WHEN {int(ids[i])} THEN '{levels[i]}'" for i in batch)
        score = " ".join(f"WHEN {int(ids[i])} THEN {int(health[i])}" for i in batch)
        sets = [
            f"churn_probability = CASE id {probability} END",
            f"risk_level = CASE id {level} END",
            f"health_score = CASE id {score} END",
        ]
        risky = [str(int(ids[i])) for i in batch if int(ids[i]) in moving]
        if risky:
            sources = ", ".join(f"'{status}'" for status in MOVE_TO_AT_RISK_FROM)
            sets.append(
                f"account_status = CASE WHEN id IN ({','.join(risky)}) AND account_status "
                f"IN ({sources}) THEN '{AccountStatus.AT_RISK.value}' ELSE account_status END"
            )
        sets.append(f"updated_at = '{now}'")
        database.execute_sql(f"UPDATE {table} SET {', '.join(sets)} WHERE id IN ({id_list})")


def _loss_value(value: float) -> float | None:
    """An expected lost value as a bound parameter (SQLite): None when missing (NaN)."""
    number = float(value)
    return None if np.isnan(number) else number


def _probability(value: float) -> str:
    """A probability as an SQL literal: NULL for the lapsed (NaN)."""
    number = float(value)
    return "NULL" if np.isnan(number) else repr(number)


def _update_customers_mysql(
    database: pw.Database,
    table: str,
    ids: Sequence[int],
    *,
    p: FloatArray,
    levels: Sequence[str],
    health: npt.NDArray[np.int64],
    now: str,
    at_risk: set[int],
) -> None:
    """MySQL evaluates `CASE id WHEN …` by scanning the WHENs for every row (a thousand
    comparisons per row and column); joining a derived table of the new values is a
    primary-key lookup per row instead, several times faster."""
    sources = ", ".join(f"'{status}'" for status in MOVE_TO_AT_RISK_FROM)
    for start in range(0, len(ids), UPDATE_BATCH):
        batch = range(start, min(start + UPDATE_BATCH, len(ids)))
        first = batch[0]
        rows = [
            f"SELECT {int(ids[first])} AS id, {_probability(p[first])} AS p, "
            f"'{levels[first]}' AS lvl, {int(health[first])} AS h, "
            f"{int(int(ids[first]) in at_risk)} AS r"
        ] + [f"SELECT {int(ids[i])}, {_probability(p[i])}, '{levels[i]}', {int(health[i])}, "
             f"{int(int(ids[i]) in at_risk)}" for i in batch[1:]]  # fmt: skip
        database.execute_sql(
            f"UPDATE {table} c JOIN ({' UNION ALL '.join(rows)}) v ON v.id = c.id "
            "SET c.account_status = CASE WHEN v.r = 1 "
            f"AND c.account_status IN ({sources}) "
            f"THEN '{AccountStatus.AT_RISK.value}' ELSE c.account_status END, "
            "c.churn_probability = v.p, c.risk_level = v.lvl, c.health_score = v.h, "
            f"c.updated_at = '{now}'"
        )


def insert_alerts(run_id: int, alerts: Sequence[ar.AlertCandidate], now: str) -> int:
    if not alerts:
        return 0
    cp = m.ChurnPrediction
    customer_ids = sorted({a.customer_id for a in alerts})
    prediction = dict(
        cp.select(cp.customer, cp.id)
        .where(cp.run == run_id, cp.customer.in_(customer_ids))
        .tuples()
    )
    rows = [
        {
            "type": a.type,
            "priority": a.priority,
            "status": "open",
            "customer": a.customer_id,
            "prediction": prediction.get(a.customer_id),
            "title": a.title[:200],
            "message": a.message,
            "correlated_events": a.correlated,
            "dedupe_key": a.dedupe_key,
            "created_at": now,
            "updated_at": now,
        }
        for a in alerts
    ]
    # The dedupe key is unique: a race with another writer raising the same alert is a no-op.
    return int(m.Alert.insert_many(rows).on_conflict_ignore().as_rowcount().execute())


class _RowWriter:
    """Bulk inserts for the scoring writes.

    SQLite: `BulkWriter`'s executemany (the sqlite3 module binds values in C). MySQL: PyMySQL
    would escape every value of every row in Python (the largest single cost of scoring once),
    so rows go out as multi-row INSERT literals instead, formatted by a %-template: numbers,
    our own enum values and timestamps as they are, only free text escaped by the connection.
    """

    BATCH = 2_500

    def __init__(self, database: pw.Database) -> None:
        self.database = database
        self.mysql = is_mysql(database)
        self.bulk = BulkWriter(database)

    def insert(
        self,
        model: type[m.BaseModel],
        columns: tuple[str, ...],
        rows: Sequence[Sequence[Any]],
        *,
        literal: str,
        text: Sequence[int],
    ) -> int:
        """Insert the rows. `literal` is a row as a %-format of SQL literals (MySQL); the
        values at the positions in `text` (free text, JSON) are escaped before formatting."""
        if not rows:
            return 0
        if not self.mysql:
            return self.bulk.insert(model, columns, rows)
        escape = self.database.connection().escape
        fields = model._meta.fields
        names = ", ".join(f"`{fields[c].column_name}`" for c in columns)
        head = f"INSERT INTO `{model._meta.table_name}` ({names}) VALUES "
        cursor = self.database.cursor()
        try:
            for start in range(0, len(rows), self.BATCH):
                batch = rows[start : start + self.BATCH]
                cursor.execute(
                    head + ",".join(literal % _escaped(row, text, escape) for row in batch)
                )
        finally:
            cursor.close()
        return len(rows)


def _escaped(row: Sequence[Any], text: Sequence[int], escape: Callable[[Any], str]) -> tuple:
    values = list(row)
    for j in text:
        values[j] = escape(values[j])
    return tuple(values)

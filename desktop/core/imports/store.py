"""Writing a batch of converted rows of one kind: resolve what they refer to, find the rows
they update (by `external_id`), insert the rest; or, for a dry run, only find out which rows
would be refused.

Inserts go through `db.bulk.BulkWriter` (one prepared INSERT, `executemany`), updates through
one prepared UPDATE per batch; both in the caller's transaction. A row whose values equal the
stored ones is counted unchanged and not written. An empty cell never overwrites a stored value.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter, methodcaller
from typing import Any

import peewee as pw

from db import models as m
from db import search
from db.bulk import BulkWriter
from db.choices import AccountStatus
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.imports.rows import Plan, RowProblem

Row = tuple[int, dict[str, Any], list[Any]]  # line, values by field, the cells as read
CACHE_MAX = 200_000  # resolved references kept between batches; cleared past this
LOOKUP_CHUNK = 900  # keys per IN (...): under SQLite's oldest variable limit
PLACEHOLDER_DOMAIN = "unknown.invalid"  # .invalid never receives mail (RFC 2606)


@dataclass
class Outcome:
    """What one batch did (or would do)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    created_customers: int = 0
    rejected: list[tuple[RowProblem, list[Any]]] = field(default_factory=list)
    customers: set[int] = field(default_factory=set)  # touched: summaries to recompute

    def add(self, other: Outcome) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.created_customers += other.created_customers
        self.rejected += other.rejected
        self.customers |= other.customers


def param(value: Any) -> Any:  # noqa: PLR0911 - one return a type
    """A value as the drivers take it (see `db.bulk`)."""
    if value is None:
        return None
    kind = type(value)
    if kind is datetime:
        return value.isoformat(sep=" ")
    if kind is date:
        return value.isoformat()
    if kind is Decimal:
        return str(value)
    if kind is bool:
        return int(value)
    if kind is dict or kind is list:
        return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)
    return value


_DRIVER_TYPES = frozenset({str, int, float, type(None)})  # taken as they are (see `param`)
_NONE_ONLY = {type(None)}
_AS_TEXT: dict[type, Callable[[Any], str]] = {
    Decimal: str,
    datetime: methodcaller("isoformat", " "),
    date: date.isoformat,
}


def _as_params(column: list[Any], kinds: set[type]) -> list[Any]:
    """`param` of each value; a column of one type (decimals, times) in one C-level pass."""
    values = kinds - {type(None)}
    if len(values) == 1 and (to_text := _AS_TEXT.get(next(iter(values)))) is not None:
        if values == kinds:  # no None among them
            return list(map(to_text, column))
        return [None if x is None else to_text(x) for x in column]
    return list(map(param, column))


def _transposed(rows: list[dict[str, Any]]) -> dict[str, list[Any]] | None:
    """{name: the rows' values}, a C-level pass a name, when every row has exactly the first
    row's names (a kind's writer fills the same names in each row); None otherwise."""
    names = list(rows[0])
    if len(names) < 2 or set(map(len, rows)) != {len(names)}:
        return None
    try:
        return {name: list(map(itemgetter(name), rows)) for name in names}
    except KeyError:
        return None


def natural_key(*parts: Any) -> str:
    """An id for a row whose file has none, from what identifies it, so a re-import finds it."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "h:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:40]


def placeholder_email(ref: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]", "-", ref.lower()).strip(".-") or "customer"
    return f"{slug[:200]}@{PLACEHOLDER_DOMAIN}"


def _chunks(items: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def select_in(
    database: pw.Database,
    model: type[pw.Model],
    fields: Sequence[pw.Field],
    key: pw.Field,
    keys: Sequence[Any],
) -> Iterable[tuple[Any, ...]]:
    """The rows (`fields` as stored) whose `key` is one of `keys`, LOOKUP_CHUNK keys a query."""
    db = getattr(database, "obj", None) or database
    q = db.quote
    cols = ", ".join(f"{q[0]}{f.column_name}{q[1]}" for f in fields)
    table = f"{q[0]}{model._meta.table_name}{q[1]}"
    for part in _chunks(keys):
        marks = ", ".join([db.param] * len(part))
        sql = f"SELECT {cols} FROM {table} WHERE {q[0]}{key.column_name}{q[1]} IN ({marks})"
        cursor = db.execute_sql(sql, [param(k) for k in part])
        try:
            yield from cursor.fetchall()
        finally:
            cursor.close()


def _defaults(model: type[pw.Model]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, f in model._meta.fields.items():
        if name == "id" or f.default is None:
            continue
        out[name] = f.default
    return out


class Store:
    """One import's writes (or checks, with `write` False) of one kind, batch by batch."""

    def __init__(self, database: pw.Database, plan: Plan, *, write: bool) -> None:
        self.database = database
        self.plan = plan
        self.kind = plan.kind
        self.write = write
        self.create_customers = plan.options.create_customers
        self.bulk = BulkWriter(database)
        self.customer_ids: dict[str, int] = {}
        self.order_ids: dict[str, int] = {}
        self.plan_ids: dict[str, int] = {}
        self._pending: list[tuple[dict[str, int], str, int]] = []
        self._defaults: dict[type[pw.Model], dict[str, Any]] = {}
        self.new_only: set[type[pw.Model]] = set()  # tables empty when the import began

    def expect_new(self, model: type[pw.Model]) -> bool:
        """Whether `model`'s table is empty: then its rows are inserted without looking up
        their ids first (see `upsert`). Only for a writing store: a check has no insert that
        would find a repeated id."""
        if self.write and model.select(pw.SQL("1")).limit(1).scalar() is None:
            self.new_only.add(model)
        else:
            self.new_only.discard(model)
        return model in self.new_only

    # --- transactions and caches -------------------------------------------------------

    def begin(self) -> None:
        """A (retried) transaction starts: forget ids learnt in one that was rolled back."""
        for cache, key, _ in self._pending:
            cache.pop(key, None)
        self._pending = []

    def committed(self) -> None:
        self._pending = []
        for cache in (self.customer_ids, self.order_ids):
            if len(cache) > CACHE_MAX:
                cache.clear()

    def _learn(self, cache: dict[str, int], key: str, obj_id: int) -> None:
        cache[key] = obj_id
        self._pending.append((cache, key, obj_id))

    # --- generic reads and writes ------------------------------------------------------

    def fetch(
        self, model: type[pw.Model], key: str, keys: Iterable[Any], columns: Iterable[str]
    ) -> dict[Any, dict[str, Any]]:
        """{key value: stored row (id and `columns`)} for the rows whose `key` is in `keys`.

        Plain SQL (a query object per IN list costs more than the database's answer); the
        stored values come back through each field's `python_value`, as Peewee reads them."""
        wanted = list({k for k in keys if k is not None})
        names = list(dict.fromkeys(["id", key, *columns]))
        fields = [model._meta.fields[n] for n in names]
        convert = [(n, f.python_value) for n, f in zip(names, fields, strict=True)]
        out: dict[Any, dict[str, Any]] = {}
        for row in select_in(self.database, model, fields, model._meta.fields[key], wanted):
            values = {n: (conv(x) if x is not None else None)
                      for (n, conv), x in zip(convert, row, strict=True)}  # fmt: skip
            out[values[key]] = values
        return out

    def insert(self, model: type[pw.Model], rows: list[dict[str, Any]]) -> int:
        if not rows or not self.write:
            return len(rows)
        defaults = self._defaults.setdefault(model, _defaults(model))
        columns = tuple(c_ for c_ in dict.fromkeys([*defaults, *rows[0]]) if c_ != "id")
        now = m.utcnow()
        fill = [
            param(now if name in ("created_at", "updated_at") else
                  (defaults[name]() if callable(defaults[name]) else defaults[name])
                  if name in defaults else None)
            for name in columns
        ]  # fmt: skip
        # Column by column: most columns hold values the drivers take as they are, and a
        # column's values are checked and converted in one pass (C loops, not a call a cell).
        # A column the file left empty in every row of the batch, NULL by default, is left out
        # of the INSERT: the table gives it NULL, and the driver has fewer values to escape.
        fields = model._meta.fields
        n = len(rows)
        given = _transposed(rows)
        absent = [None] * n
        cells: list[list[Any]] = []
        kept: list[str] = []
        for name, fallback in zip(columns, fill, strict=True):
            column: list[Any] = (
                given.get(name, absent) if given is not None else [row.get(name) for row in rows]
            )
            nones = column.count(None)
            if nones == n:  # a default, or no value at all
                if fallback is None and fields[name].null and name not in defaults:
                    continue
                cells.append([fallback] * n)
                kept.append(name)
                continue
            if fallback is not None and nones:
                column = [fallback if x is None else x for x in column]
            kinds = set(map(type, column))
            if not kinds <= _DRIVER_TYPES:
                column = _as_params(column, kinds)
            cells.append(column)
            kept.append(name)
        return self.bulk.insert(model, tuple(kept), list(zip(*cells, strict=True)))

    def update(self, model: type[pw.Model], rows: list[tuple[int, dict[str, Any]]]) -> int:
        """UPDATE the rows by id with their changed columns (one statement per column set)."""
        if not rows or not self.write:
            return len(rows)
        database = getattr(self.database, "obj", None) or self.database
        q = database.quote[0], database.quote[1]
        fields = model._meta.fields
        versioned = "version" in fields
        groups: dict[tuple[str, ...], list[list[Any]]] = {}
        now = param(m.utcnow())
        for obj_id, changes in rows:
            names = tuple(sorted(changes))
            groups.setdefault(names, []).append([param(changes[n]) for n in names] + [now, obj_id])
        table = f"{q[0]}{model._meta.table_name}{q[1]}"
        for names, params in groups.items():
            sets = [f"{q[0]}{fields[n].column_name}{q[1]} = {database.param}" for n in names]
            sets.append(f"{q[0]}updated_at{q[1]} = {database.param}")
            if versioned:
                sets.append(f"{q[0]}version{q[1]} = {q[0]}version{q[1]} + 1")
            sql = f"UPDATE {table} SET {', '.join(sets)} WHERE {q[0]}id{q[1]} = {database.param}"
            cursor = database.cursor()
            try:
                cursor.executemany(sql, params)
            finally:
                cursor.close()
        return len(rows)

    @staticmethod
    def changes(stored: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
        """The incoming values that differ from the stored ones (None: keep what is stored)."""
        out = {}
        for name, value in incoming.items():
            if value is None:
                continue
            old = stored.get(name)
            if isinstance(value, datetime) and isinstance(old, datetime):
                same = value.replace(microsecond=0) == old.replace(microsecond=0)
            elif isinstance(value, bool) or isinstance(old, bool):
                same = bool(value) == bool(old) and old is not None
            else:
                same = value == old
            if not same:
                out[name] = value
        return out

    def upsert(
        self,
        model: type[pw.Model],
        items: list[tuple[int, str, dict[str, Any]]],
        out: Outcome,
        *,
        ids_of_new: bool = False,
    ) -> dict[str, int]:
        """Insert or update rows by external id (later rows of a key win); {key: id}."""
        merged: dict[str, tuple[int, dict[str, Any]]] = {}
        for line, key, incoming in items:
            values = incoming
            if key in merged:
                values = {**merged[key][1], **{k: v for k, v in incoming.items() if v is not None}}
            merged[key] = (line, values)
        if model in self.new_only and self.write and self._insert_new(model, merged, out):
            out.unchanged += len(items) - len(merged)
            return self._ids_of_new(model, merged, {}) if ids_of_new else {}
        columns: set[str] = set().union(*[vals for _line, vals in merged.values()])
        stored = self.fetch(model, "external_id", merged, columns)
        new, changed = [], []
        ids: dict[str, int] = {}
        for key, (_line, values) in merged.items():
            row = stored.get(key)
            if row is None:
                values["external_id"] = key  # the caller's dict: its rows are done with
                new.append(values)
                continue
            ids[key] = row["id"]
            diff = self.changes(row, values)
            if diff:
                changed.append((row["id"], diff))
            else:
                out.unchanged += 1
        out.inserted += self.insert(model, new)
        out.updated += self.update(model, changed)
        out.unchanged += len(items) - len(merged)  # repeated keys count once as written
        if new and self.write and ids_of_new:
            self._ids_of_new(model, [r["external_id"] for r in new], ids)
        return ids

    def _ids_of_new(self, model: type[pw.Model], keys: Iterable[str],
                    ids: dict[str, int]) -> dict[str, int]:  # fmt: skip
        for key, row in self.fetch(model, "external_id", keys, ()).items():
            ids[key] = row["id"]
        return ids

    def _insert_new(
        self, model: type[pw.Model], merged: dict[str, tuple[int, dict[str, Any]]], out: Outcome
    ) -> bool:
        """Insert every row of a table that was empty when the import began, without the
        lookup of their ids: only an earlier batch of this import can hold one of them, and
        the unique `external_id` then refuses the insert. The batch is rolled back to its
        savepoint and written the usual way (False), and so is the rest of the import."""
        new = []
        for key, (_line, values) in merged.items():
            values["external_id"] = key  # the caller's dict: its rows are done with
            new.append(values)
        database = self.bulk.database
        try:
            with database.savepoint(), pw.__exception_wrapper__:  # the driver's error as Peewee's
                inserted = self.insert(model, new)
        except pw.IntegrityError:
            self.new_only.discard(model)
            return False
        out.inserted += inserted
        return True

    # --- references ----------------------------------------------------------------------

    def customers_for(self, rows: list[Row], out: Outcome) -> list[tuple[Row, int]]:
        """Each row with its customer's id; rows whose customer is unknown are rejected, or
        (create_customers) the customer is created from what the row says of them."""
        refs: dict[str, Row] = {}
        known = self.customer_ids
        row_refs = self._refs(rows)
        unknown = set(row_refs).difference(known)
        if unknown:
            for ref, row in zip(row_refs, rows, strict=True):
                if ref in unknown and ref not in refs:
                    refs[ref] = row
        if refs:
            self._resolve_customers(list(refs))
        missing = [ref for ref in refs if ref not in self.customer_ids]
        if missing and self.create_customers:
            self._create_customers([(ref, refs[ref]) for ref in missing], out)
        touched = out.customers
        ids: list[Any] = list(map(known.get, row_refs))
        if None not in ids:  # every customer known: the common case, without a loop
            touched.update(ids)
            return list(zip(rows, ids, strict=True))
        header = self.plan.header_of("customer" if "customer" in self.plan.index
                                     else "customer_email")  # fmt: skip
        result = []
        for ref, row in zip(row_refs, rows, strict=True):
            customer = known.get(ref)
            if customer is None:
                if self.create_customers and not self.write:
                    customer = 0  # would be created
                else:
                    problem = RowProblem(
                        row[0],
                        header,
                        QT_TRANSLATE_NOOP(
                            "Imports",
                            "no customer '{ref}' is known (import the customers first, "
                            "or let the import create them)",
                        ).format(ref=ref),
                    )
                    out.rejected.append((problem, row[2]))
                    continue
            result.append((row, customer))
            if customer:
                touched.add(customer)
        return result

    def _refs(self, rows: list[Row]) -> list[str]:
        """Each row's reference to its customer (see `_ref`)."""
        if "customer_email" in self.plan.index:
            ref_of = self._ref
            return [ref_of(row[1]) for row in rows]
        # The one reference column, text already (`rows._converter`): C-level passes.
        return list(map(methodcaller("get", "customer", ""), map(itemgetter(1), rows)))

    @staticmethod
    def _ref(values: dict[str, Any]) -> str:
        return str(values.get("customer") or values.get("customer_email") or "")

    def _resolve_customers(self, refs: list[str]) -> None:
        C = m.Customer  # noqa: N806
        left = set(refs)
        for ext, cid in select_in(self.database, C, (C.external_id, C.id), C.external_id, refs):
            self.customer_ids[ext] = cid
            left.discard(ext)
        emails = {r.strip().lower(): r for r in left if "@" in r}
        for email, cid in select_in(self.database, C, (C.email, C.id), C.email, list(emails)):
            self.customer_ids[emails[email]] = cid
            left.discard(emails[email])
        names = [r for r in left if "@" not in r]
        for part in _chunks(names):
            query = (C.select(C.name, pw.fn.MIN(C.id)).where(C.name.in_(list(part))
                     & C.deleted_at.is_null()).group_by(C.name)
                     .having(pw.fn.COUNT(C.id) == 1))  # fmt: skip
            for name, cid in query.tuples():
                if name in left:
                    self.customer_ids[name] = cid

    def _row_date(self, values: dict[str, Any]) -> date | None:
        for name in ("placed_at", "opened_at", "occurred_at", "started_at", "churned_on"):
            value = values.get(name)
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
        return None

    def _create_customers(self, rows: list[tuple[str, Row]], out: Outcome) -> None:
        new: list[dict[str, Any]] = []
        for ref, (_line, values, _cells) in rows:
            email = values.get("customer_email") or (ref.lower() if "@" in ref else None)
            external = values.get("customer") if values.get("customer") != email else None
            new.append({
                "external_id": external,
                "email": email or placeholder_email(ref),
                "name": values.get("customer_name") or ref,
                "country": (values.get("customer_country") or None),
                "customer_since": self._row_date(values) or date.today(),
            })  # fmt: skip
        out.created_customers += len(new)
        if not self.write:
            return
        for row in new:
            if row["country"] and len(row["country"]) > 2:
                row["country"] = None  # a country name, not a code: kept out of the code
        self.insert(m.Customer, new)
        emails = [r["email"] for r in new]
        stored = self.fetch(m.Customer, "email", emails, ("name", "deleted_at"))
        search.index_customers(
            self.database, [(s["id"], s["name"], email, None) for email, s in stored.items()]
        )
        for (ref, _row), row in zip(rows, new, strict=True):
            cid = stored[row["email"]]["id"]
            self._learn(self.customer_ids, ref, cid)
            out.customers.add(cid)

    def orders_for(self, refs: Iterable[str]) -> None:
        O = m.Order  # noqa: E741, N806
        left = [r for r in set(refs) if r not in self.order_ids]
        for part in _chunks(left):
            query = O.select(O.external_id, O.order_number, O.id, O.customer).where(
                O.external_id.in_(list(part)) | O.order_number.in_(list(part))
            )
            for ext, number, oid, _cust in query.tuples():
                for key in (ext, number):
                    if key in part:
                        self._learn(self.order_ids, key, oid)

    def plan_for(self, name: str, price: Decimal | None, interval: str | None) -> int | None:
        if name in self.plan_ids:
            return self.plan_ids[name]
        found = m.Plan.select(m.Plan.id).where(m.Plan.name == name).scalar()
        if found is None and price is not None and price > 0 and self.write:
            self.insert(m.Plan, [{"name": name, "price": price, "interval": interval or "month"}])
            found = m.Plan.select(m.Plan.id).where(m.Plan.name == name).scalar()
        elif found is None and price is not None and price > 0:
            return 0  # would be created
        if found is not None:
            self._learn(self.plan_ids, name, found)
        return found

    def reject(self, out: Outcome, row: Row, field_name: str | None, reason: str) -> None:
        header = self.plan.header_of(field_name) if field_name else None
        out.rejected.append((RowProblem(row[0], header, reason), row[2]))

    def index_names(self, ids: Iterable[int]) -> None:
        wanted = list(ids)
        C = m.Customer  # noqa: N806
        for part in _chunks(wanted):
            rows = C.select(C.id, C.name, C.email, C.deleted_at).where(C.id.in_(list(part)))
            search.index_customers(self.database, list(rows.tuples()))


CHURNED = AccountStatus.CHURNED.value

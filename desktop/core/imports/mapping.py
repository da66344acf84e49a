"""Which source column fills which field: guessed from the column names, corrected by the
user, saved under a name for the next file of the same shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db import models as m
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.imports.catalogue import Kind, norm

IGNORE = ""  # a column mapped to nothing: kept as a custom attribute where the kind keeps them


def guess(kind: Kind, headers: Sequence[str]) -> dict[str, str]:
    """{source column: field} for every column whose name is a field's name, label or synonym;
    each field takes the first column that names it."""
    names: dict[str, str] = {}
    for f in kind.fields:
        for word in (f.name, f.label, *f.synonyms):
            names.setdefault(norm(word), f.name)
    taken: set[str] = set()
    out: dict[str, str] = {}
    # Exact field names and labels first, so "Customer" goes to the field labelled so.
    for pass_ in (0, 1):
        for header in headers:
            if header in out or not header.strip():
                continue
            key = norm(header)
            if pass_ == 0:
                candidates = [f.name for f in kind.fields if key in (norm(f.name), norm(f.label))]
                field = candidates[0] if candidates else None
            else:
                field = names.get(key)
            if field is not None and field not in taken:
                out[header] = field
                taken.add(field)
    return out


class MappingProblem(ValueError):
    """A mapping that names a column or a field that does not exist; says which."""


def apply_overrides(
    kind: Kind, headers: Sequence[str], base: Mapping[str, str], overrides: Mapping[str, str]
) -> dict[str, str]:
    """`base` with the user's `SOURCE=FIELD` corrections (an empty field unmaps the column)."""
    out = dict(base)
    by_norm = {norm(h): h for h in headers}
    for source, field in overrides.items():
        header = source if source in headers else by_norm.get(norm(source))
        if header is None:
            raise MappingProblem(
                QT_TRANSLATE_NOOP("Imports", "the file has no column '{source}'").format(
                    source=source
                )
            )
        if field and field not in kind.names:
            raise MappingProblem(
                QT_TRANSLATE_NOOP("Imports", "'{field}' is not a field of {kind}: {fields}").format(
                    field=field, kind=kind.name, fields=", ".join(kind.names)
                )
            )
        for other, target in list(out.items()):
            if field and target == field and other != header:
                del out[other]  # a field takes one column: the correction wins
        if field:
            out[header] = field
        else:
            out.pop(header, None)
    return out


@dataclass(frozen=True)
class SavedMapping:
    name: str
    kind: str
    columns: dict[str, str]
    options: dict[str, Any]


def saved_mappings(kind: str | None = None) -> list[SavedMapping]:
    """The named mappings saved so far (of one kind), by name."""
    query = m.ImportMapping.select().order_by(m.ImportMapping.name)
    if kind is not None:
        query = query.where(m.ImportMapping.kind == kind)
    return [SavedMapping(r.name, r.kind, dict(r.columns), dict(r.options or {})) for r in query]


def saved_mapping(name: str) -> SavedMapping:
    row = m.ImportMapping.get_or_none(m.ImportMapping.name == name.strip())
    if row is None:
        raise MappingProblem(
            QT_TRANSLATE_NOOP("Imports", "no saved mapping is called '{name}'").format(name=name)
        )
    return SavedMapping(row.name, row.kind, dict(row.columns), dict(row.options or {}))

"""What may be done offline, and how a sync decides each change against the server's rows.

Each operation names the rows it reads (their version and the values of the fields it changes
are kept in the outbox), runs through `Services` exactly as it does online, and judges a row
that changed on the server since it was read:

- the server's values of my fields are what I read → apply (a change to other fields merges);
- they are what I would set → nothing to do (someone did the same);
- otherwise a domain rule, else a conflict kept for the user ("keep mine" / "keep theirs").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from db import models as m
from db.choices import AlertStatus
from desktop.core.services import Services

Verdict = Literal["apply", "superseded", "conflict"]
Created = list[tuple[str, int]]  # (model name, id) of rows an action inserted
Args = Mapping[str, Any]

CLOSED = (AlertStatus.RESOLVED.value, AlertStatus.DISMISSED.value)


def _same_as_mine(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    return all(theirs.get(k) == v for k, v in mine.items())


def _generic(
    base: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]
) -> tuple[Verdict, str]:
    if dict(theirs) == dict(base):
        return "apply", "merged with changes to other fields"
    if _same_as_mine(mine, theirs):
        return "superseded", "the same change was made on the server"
    return "conflict", "changed on the server since you read it"


@dataclass(frozen=True)
class Operation:
    """One kind of offline action."""

    name: str
    model: type[m.BaseModel] | None  # the rows it changes and checks (None: it only adds)
    fields: tuple[str, ...]
    targets: Callable[[Args], list[int]]
    mine: Callable[[Args], dict[str, Any]]  # the values it sets on each target
    run: Callable[[Services, Args, list[int]], Created]  # applied to these target ids
    judge: Callable[[Mapping[str, Any], Mapping[str, Any], Args], tuple[Verdict, str]]
    force: Callable[[Services, Args, int, int], Created] | None = None  # keep mine: id, version
    local_refs: tuple[tuple[str, str], ...] = ()  # (arg, model name) that may name a local row
    # Models whose rows it may change besides its targets (a reply stamps the ticket's first
    # response). A sync reads the rows of a push once, up front; after this operation it reads
    # these models' rows again. None (not declared): every row is read again after it.
    changes_also: tuple[str, ...] | None = None

    def describe(self, args: Args) -> str:
        ids = self.targets(args)
        what = {"alert.acknowledge": "Acknowledge", "alert.resolve": "Resolve",
                "note.add": "Add a note", "note.edit": "Edit a note",
                "ticket.reply": "Reply to a ticket", "ticket.status": "Change a ticket's status",
                "customer.tag": "Tag a customer",
                "intervention.log": "Log an intervention"}[self.name]  # fmt: skip
        if self.model is m.Alert:
            return f"{what} alert{'s' if len(ids) != 1 else ''} #{', #'.join(map(str, ids))}"
        return what


def _ids(args: Args) -> list[int]:
    return [int(i) for i in args["ids"]]


def _notes_for(services: Services, alert_ids: list[int], note: str | None) -> Created:
    """The note given with an acknowledgement: one per customer, kept whatever became of the
    alert on the server."""
    if not note:
        return []
    customers = sorted(
        {
            a.customer_id
            for a in m.Alert.select(m.Alert.customer).where(m.Alert.id.in_(alert_ids))
            if a.customer_id is not None
        }
    )
    return [("CustomerNote", services.add_note(c, note).id) for c in customers]


def _ack_run(services: Services, args: Args, ids: list[int]) -> Created:
    if ids:
        services.acknowledge_alerts(ids)
    return _notes_for(services, _ids(args), args.get("note"))


def _ack_judge(
    base: Mapping[str, Any], theirs: Mapping[str, Any], args: Args
) -> tuple[Verdict, str]:
    if theirs["status"] == base["status"]:
        return "apply", "merged with changes to other fields"
    if theirs["status"] in CLOSED:
        note = "; your note is kept" if args.get("note") else ""
        return "superseded", f"{theirs['status']} on the server meanwhile: it stays so{note}"
    return "superseded", "already acknowledged on the server"


def _resolve_judge(
    base: Mapping[str, Any], theirs: Mapping[str, Any], args: Args
) -> tuple[Verdict, str]:
    if theirs["status"] == base["status"] or (
        theirs["status"] == AlertStatus.ACKNOWLEDGED.value and base["status"] not in CLOSED
    ):
        return "apply", "merged: resolved as you asked"
    mine = {"status": AlertStatus.RESOLVED.value, "resolution_note": args["note"]}
    if _same_as_mine(mine, theirs):
        return "superseded", "resolved the same way on the server"
    return "conflict", f"{theirs['status']} on the server since you read it"


def _resolve_run(services: Services, args: Args, ids: list[int]) -> Created:
    if ids:
        services.resolve_alerts(ids, args["note"])
    return []


def _resolve_force(services: Services, args: Args, alert_id: int, version: int) -> Created:
    alert = m.Alert.get_by_id(alert_id)
    if alert.status in CLOSED:
        services.restate_resolution(alert_id, AlertStatus.RESOLVED.value, args["note"], version)
    else:
        services.resolve_alerts([alert_id], args["note"])
    return []


def _note_edit_force(services: Services, args: Args, note_id: int, version: int) -> Created:
    services.edit_note(note_id, args["body"], version=version)
    return []


def _ticket_status_force(services: Services, args: Args, ticket_id: int, version: int) -> Created:
    services.move_ticket(ticket_id, args["status"], version=version)
    return []


def _judge_generic(op_mine: Callable[[Args], dict[str, Any]]) -> Callable[..., Any]:
    def judge(
        base: Mapping[str, Any], theirs: Mapping[str, Any], args: Args
    ) -> tuple[Verdict, str]:
        return _generic(base, theirs, op_mine(args))

    return judge


def _single(key: str) -> Callable[[Args], list[int]]:
    return lambda args: [int(args[key])]


def _none(args: Args) -> list[int]:
    return []


def _nothing(args: Args) -> dict[str, Any]:
    return {}


def _note_add(services: Services, args: Args, ids: list[int]) -> Created:
    return [("CustomerNote", services.add_note(int(args["customer_id"]), args["body"]).id)]


def _note_edit(services: Services, args: Args, ids: list[int]) -> Created:
    if ids:
        services.edit_note(ids[0], args["body"])
    return []


def _reply(services: Services, args: Args, ids: list[int]) -> Created:
    internal = bool(args.get("internal"))
    message = services.add_message(int(args["ticket_id"]), args["body"], internal=internal)
    return [("TicketMessage", message.id)]


def _ticket_status(services: Services, args: Args, ids: list[int]) -> Created:
    if ids:
        services.move_ticket(ids[0], args["status"])
    return []


def _tag(services: Services, args: Args, ids: list[int]) -> Created:
    services.tag_customer(int(args["customer_id"]), int(args["tag_id"]))
    return []


def _intervention(services: Services, args: Args, ids: list[int]) -> Created:
    row = services.log_intervention(
        int(args["customer_id"]), args["channel"], args["kind"], args.get("notes")
    )
    return [("Intervention", row.id)]


_NOTE_MINE: Callable[[Args], dict[str, Any]] = lambda args: {"body": args["body"].strip()}  # noqa: E731
_TICKET_MINE: Callable[[Args], dict[str, Any]] = lambda args: {"status": args["status"]}  # noqa: E731

OPERATIONS: dict[str, Operation] = {
    op.name: op
    for op in (
        Operation(
            "alert.acknowledge",
            m.Alert,
            ("status",),
            _ids,
            lambda a: {"status": AlertStatus.ACKNOWLEDGED.value},
            _ack_run,
            _ack_judge,
            changes_also=(),
        ),
        Operation(
            "alert.resolve",
            m.Alert,
            ("status", "resolution_note"),
            _ids,
            lambda a: {"status": AlertStatus.RESOLVED.value, "resolution_note": a["note"]},
            _resolve_run,
            _resolve_judge,
            force=_resolve_force,
            changes_also=(),
        ),
        Operation(
            "note.add",
            None,
            (),
            _none,
            _nothing,
            _note_add,
            _judge_generic(_nothing),
            changes_also=(),
        ),
        Operation(
            "note.edit",
            m.CustomerNote,
            ("body",),
            _single("note_id"),
            _NOTE_MINE,
            _note_edit,
            _judge_generic(_NOTE_MINE),
            force=_note_edit_force,
            local_refs=(("note_id", "CustomerNote"),),
            changes_also=(),
        ),
        Operation(
            "ticket.reply",
            None,
            (),
            _none,
            _nothing,
            _reply,
            _judge_generic(_nothing),
            changes_also=("SupportTicket",),
        ),
        Operation(
            "ticket.status",
            m.SupportTicket,
            ("status",),
            _single("ticket_id"),
            _TICKET_MINE,
            _ticket_status,
            _judge_generic(_TICKET_MINE),
            force=_ticket_status_force,
            changes_also=(),
        ),
        Operation(
            "customer.tag",
            None,
            (),
            _none,
            _nothing,
            _tag,
            _judge_generic(_nothing),
            changes_also=(),
        ),
        Operation(
            "intervention.log",
            None,
            (),
            _none,
            _nothing,
            _intervention,
            _judge_generic(_nothing),
            changes_also=(),
        ),
    )
}

"""Customer notes (each editable only by its author) and customer tags."""

from __future__ import annotations

from db import models as m
from db.limits import field_error
from db.validation import ValidationError, color_error, required_error
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.base import NotAllowed, ServiceBase, snapshot, unit
from desktop.core.services.permissions import Perm, require


class NotesMixin(ServiceBase):
    """Add, edit and delete notes; create tags and tag or untag customers."""

    @unit(QT_TRANSLATE_NOOP("Writes", "the note"))
    def add_note(self, customer_id: int, body: str) -> m.CustomerNote:
        with self._tx():
            require(self.user, Perm.OWN_NOTES)
            self._get(m.Customer, customer_id, "Customer")
            note = m.CustomerNote(
                customer=customer_id, author=self.user.id, body=(body or "").strip()
            )
            note.save()
            self._audit(
                "note.add", "CustomerNote", note.id, None, snapshot(note, ["customer", "body"])
            )
        return note

    def _own_note(self, note_id: int) -> m.CustomerNote:
        require(self.user, Perm.OWN_NOTES)
        note: m.CustomerNote = self._get(m.CustomerNote, note_id, "Note")
        if note.author_id != self.user.id:
            raise NotAllowed(QT_TRANSLATE_NOOP("Services", "you can only change your own notes"))
        return note

    @unit(QT_TRANSLATE_NOOP("Writes", "the note"))
    def edit_note(self, note_id: int, body: str, version: int | None = None) -> m.CustomerNote:
        with self._tx():
            note = self._own_note(note_id)
            self._versioned_update(
                note, version, {"body": (body or "").strip()}, action="note.edit", label="The note"
            )
        return note

    @unit(QT_TRANSLATE_NOOP("Writes", "the note's deletion"))
    def delete_note(self, note_id: int, version: int | None = None) -> None:
        with self._tx():
            note = self._own_note(note_id)
            expected = note.version if version is None else version
            deleted = (
                m.CustomerNote.delete()
                .where((m.CustomerNote.id == note_id) & (m.CustomerNote.version == expected))
                .execute()
            )
            if deleted != 1:
                raise self._stale("CustomerNote", note_id, "The note")
            self._audit(
                "note.delete", "CustomerNote", note_id, snapshot(note, ["customer", "body"]), None
            )

    # --- tags -----------------------------------------------------------------------------

    @unit(QT_TRANSLATE_NOOP("Writes", "the tag"))
    def create_tag(
        self, name: str, color: str = "#607D8B", description: str | None = None
    ) -> m.CustomerTag:
        require(self.user, Perm.TAG_MANAGE)
        name = (name or "").strip()
        errors: dict[str, str] = {}
        if msg := required_error(
            name, QT_TRANSLATE_NOOP("Validation", "a tag name")
        ) or field_error(m.CustomerTag.name, name):
            errors["name"] = msg
        elif m.CustomerTag.select().where(m.CustomerTag.name == name).exists():
            errors["name"] = QT_TRANSLATE_NOOP(
                "Services", "a tag named '{name}' already exists"
            ).format(name=name)
        if msg := color_error(color):
            errors["color"] = msg
        if errors:
            raise ValidationError(errors, entity="CustomerTag")
        with self._tx():
            tag = m.CustomerTag(name=name, color=color, description=description or None)
            tag.save()
            self._audit("tag.create", "CustomerTag", tag.id, None, snapshot(tag, ["name", "color"]))
        return tag

    @unit(QT_TRANSLATE_NOOP("Writes", "the tag"))
    def rename_tag(self, tag_id: int, name: str) -> m.CustomerTag:
        require(self.user, Perm.TAG_MANAGE)
        name = (name or "").strip()
        if msg := required_error(
            name, QT_TRANSLATE_NOOP("Validation", "a tag name")
        ) or field_error(m.CustomerTag.name, name):
            raise ValidationError({"name": msg}, entity="CustomerTag")
        with self._tx():
            tag: m.CustomerTag = self._get(m.CustomerTag, tag_id, "Tag")
            clash = m.CustomerTag.select().where(
                (m.CustomerTag.name == name) & (m.CustomerTag.id != tag_id)
            )
            if clash.exists():
                raise ValidationError(
                    {
                        "name": QT_TRANSLATE_NOOP(
                            "Services", "a tag named '{name}' already exists"
                        ).format(name=name)
                    },
                    entity="CustomerTag",
                )
            before = snapshot(tag, ["name"])
            m.CustomerTag.update(name=name, updated_at=m.utcnow()).where(
                m.CustomerTag.id == tag_id
            ).execute()
            tag.name = name
            self._audit("tag.rename", "CustomerTag", tag_id, before, snapshot(tag, ["name"]))
        return tag

    @unit(QT_TRANSLATE_NOOP("Writes", "the tag's deletion"))
    def delete_tag(self, tag_id: int) -> None:
        """Delete the tag and take it off every customer."""
        require(self.user, Perm.TAG_MANAGE)
        with self._tx():
            tag: m.CustomerTag = self._get(m.CustomerTag, tag_id, "Tag")
            m.CustomerTagAssignment.delete().where(m.CustomerTagAssignment.tag == tag_id).execute()
            m.CustomerTag.delete().where(m.CustomerTag.id == tag_id).execute()
            self._audit("tag.delete", "CustomerTag", tag_id, snapshot(tag, ["name", "color"]), None)

    @unit(QT_TRANSLATE_NOOP("Writes", "the tag"))
    def tag_customer(self, customer_id: int, tag_id: int) -> bool:
        """Tag the customer; False when the tag was already there (nothing to do)."""
        with self._tx():
            require(self.user, Perm.TAG_CUSTOMER)
            self._get(m.Customer, customer_id, "Customer")
            self._get(m.CustomerTag, tag_id, "Tag")
            exists = (
                m.CustomerTagAssignment.select()
                .where(
                    (m.CustomerTagAssignment.customer == customer_id)
                    & (m.CustomerTagAssignment.tag == tag_id)
                )
                .exists()
            )
            if exists:
                return False
            row = m.CustomerTagAssignment.create(
                customer=customer_id, tag=tag_id, assigned_by=self.user.id
            )
            self._audit(
                "tag.assign",
                "CustomerTagAssignment",
                row.id,
                None,
                {"customer": customer_id, "tag": tag_id},
            )
        return True

    @unit(QT_TRANSLATE_NOOP("Writes", "the tag's removal"))
    def untag_customer(self, customer_id: int, tag_id: int) -> bool:
        with self._tx():
            require(self.user, Perm.TAG_CUSTOMER)
            deleted = (
                m.CustomerTagAssignment.delete()
                .where(
                    (m.CustomerTagAssignment.customer == customer_id)
                    & (m.CustomerTagAssignment.tag == tag_id)
                )
                .execute()
            )
            if deleted:
                self._audit(
                    "tag.remove",
                    "CustomerTagAssignment",
                    None,
                    {"customer": customer_id, "tag": tag_id},
                    None,
                )
        return bool(deleted)

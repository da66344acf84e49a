"""A dialog whose save is slow (a password hash, about 0.4 s) saves on the database pool: the
window keeps painting, Save is off meanwhile, a refusal comes back to the form."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLineEdit

from db.validation import ValidationError
from desktop.ui.widgets.dialogs import FormDialog


class SlowDialog(FormDialog):
    def __init__(self, gate: threading.Event) -> None:
        super().__init__("Slow")
        self.gate = gate
        self.name = self.add_field("name", "Name", QLineEdit(), required="enter a name")

    def work(self):
        name, gate = self.name.text(), self.gate

        def slow() -> str:
            assert gate.wait(10)  # held until the test has seen the UI thread run on
            if name == "bad":
                raise ValidationError({"name": "that name is taken"})
            return name.upper()

        return slow


def test_a_slow_save_runs_off_the_ui_thread_and_comes_back(qtbot, database):
    gate = threading.Event()
    dialog = SlowDialog(gate)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("bad")
    dialog.submit()
    # The save is held on the pool, yet the UI thread returned and keeps handling events.
    assert dialog.saving and not dialog.ok_button.isEnabled()
    dialog.submit()  # a second Enter while saving does nothing
    gate.set()
    qtbot.waitUntil(lambda: not dialog.saving)
    assert dialog.isVisible() and dialog.errors["name"].text() == "That name is taken"
    assert dialog.ok_button.isEnabled() and dialog.name.text() == "bad"  # the input is kept
    dialog.name.setText("good")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
    assert dialog.result_value == "GOOD"

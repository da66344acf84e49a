"""Offline mode in the window: the replica kept fresh in the background, the switch to it when
the shared database goes away, the banner, reconnect and sync, and the Conflicts dialog.

The controller owns the replica. While the connection is good it takes (first time) or
refreshes the signed-in user's queue as background jobs. When the connection probe
(`main_window.ConnectionMonitor`) or any page's work finds the database unreachable, it points
the models' shared target at the replica (`DB.obj`: every pool thread then reads the replica
through the same read models) and swaps `ctx.services` for `OfflineServices` (the same service
calls, on the replica, queued). When the probe reaches the server again, the outbox is synced
off the UI thread and the window goes back online.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import peewee as pw
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import AlertStatus, Priority
from desktop.core.offline.outbox import replica_user
from desktop.core.offline.session import OfflineServices, conflict_rows, replica_path
from desktop.core.offline.store import (
    OutboxMutation,
    QueueState,
    Replica,
    SyncConflict,
    open_replica,
    replica_exists,
)
from desktop.core.offline.sync import SyncReport, keep_mine, keep_theirs, sync
from desktop.core.offline.take import DEFAULT_LIMIT, PullResult, TakeFilter, refresh, take
from desktop.ui import i18n, workers
from desktop.ui.context import AppContext
from desktop.ui.jobs import JobsBar
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.writes import write_message

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 10 * 60_000  # the replica's incremental refresh while online
FILTER_KEY, LIMIT_KEY = "offline/filter", "offline/limit"
SERVER_PAGES = ("dashboard", "models", "audit", "admin")  # they need the server: they say so


def _pool() -> Any:
    return workers.named_pool("offline")  # take, refresh and sync: one at a time


def banner_sentence(since: datetime, waiting: int, *, has_copy: bool = True) -> str:
    """`session.banner_text` in the user's language (the core's stays English for the log and
    the command line)."""
    when = i18n.clock(since)[:5]
    if not has_copy:
        return QCoreApplication.translate(
            "OfflineBanner",
            "Offline since {when} — the shared database cannot be reached and no offline "
            "copy was taken on this computer (File → Work offline… when it is back)",
        ).format(when=when)
    return QCoreApplication.translate(
        "OfflineBanner",
        "Offline since {when} — your changes are kept on this computer and sent when the "
        "database is back · {n} waiting",
    ).format(when=when, n=i18n.number(waiting))


# The placeholders `session.conflict_rows` puts in a conflict's cells.
CONFLICT_WORDS = {
    "(the change)": QT_TRANSLATE_NOOP("ConflictsDialog", "(the change)"),
    "(refused)": QT_TRANSLATE_NOOP("ConflictsDialog", "(refused)"),
}


class OfflineController(QObject):
    """Online or offline, the replica, and the jobs that keep it in step with the server."""

    changed = Signal()  # the mode or the counts changed: the banner and the pages follow

    def __init__(
        self, ctx: AppContext, jobs: JobsBar, parent: QWidget, *, auto_take: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx, self.jobs, self.window = ctx, jobs, parent
        self.server: pw.Database = ctx.database
        self.online_services = ctx.services
        self.auto_take = auto_take
        self.replica: Replica | None = None
        self.offline = False
        self.since: datetime | None = None
        self.syncing = False
        self.busy = False  # a take or refresh is running
        self.waiting = 0
        self.conflicts = 0
        self.last_report: SyncReport | None = None
        self.path = replica_path(str(ctx.url))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.timeout.connect(self.refresh_copy)
        self.refresh_timer.start(REFRESH_INTERVAL_MS)
        ctx.events.changed.connect(lambda _what: self.count())
        workers.hub.unreachable.connect(self._page_lost_database)
        self.monitor: Any = None  # set by the window: its probe is asked when a page fails

    # --- start and the replica ------------------------------------------------------------

    def start_offline(self, replica: Replica) -> None:
        """The window opened with the server away (signed in against the copy): offline at
        once, from the replica already open; the probe brings it back online."""
        self.replica = replica
        self.go_offline()

    def start(self) -> None:
        """Open the replica in the background; take or refresh it if that is wanted."""
        if self.replica is not None:  # started offline: the copy is open already
            return
        path, auto = self.path, self.auto_take

        def run() -> Replica | None:
            if not auto and not replica_exists(path):
                return None
            return open_replica(path)

        workers.submit(run, self._opened, self._failed_quietly, owner=self, pool=_pool(),
                       database=self.server)  # fmt: skip

    def _opened(self, replica: Replica | None) -> None:
        self.replica = replica
        self.count()
        if replica is not None and self.auto_take and not self.offline:
            mine = replica.get("user_id") == self.ctx.user.id
            if self.waiting and mine:  # left from a session that ended offline: send it now
                self.sync_now()
            elif replica.get("taken_at") and mine:
                self.refresh_copy()
            elif not self.waiting:  # never taken here, or another user's: mine now
                self.take_copy(*self.saved_choice())

    def _failed_quietly(self, exc: BaseException) -> None:
        log.warning("offline copy: %s", type(exc).__name__)

    @property
    def has_copy(self) -> bool:
        return (self.replica is not None and bool(self.replica.get("taken_at"))
                and self.replica.get("user_id") == self.ctx.user.id)  # fmt: skip

    def saved_choice(self) -> tuple[TakeFilter, int]:
        s = self.ctx.settings
        try:
            flt = TakeFilter.parse(str(s.value(FILTER_KEY, "default") or "default"))
        except Exception:  # a hand-edited setting: the default instead
            flt = TakeFilter()
        return flt, int(s.value(LIMIT_KEY, DEFAULT_LIMIT) or DEFAULT_LIMIT)

    def take_copy(self, flt: TakeFilter, limit: int) -> None:
        """Copy the queue chosen (Work offline…, or the default one) as a background job."""
        held, path = self.replica, self.path
        server, user, name = self.server, self.ctx.user, str(self.ctx.url)
        self.busy = True

        def run(state: Any) -> tuple[Replica, PullResult]:
            replica = held or open_replica(path)
            return replica, take(server, replica, user, server_name=name, flt=flt,
                                 limit=limit, state=state)  # fmt: skip

        def done(answer: tuple[Replica, PullResult]) -> None:
            self.replica = answer[0]
            self._pulled(answer[1])

        self.jobs.start(self.tr("Taking work offline"), run, done, self._pull_failed, pool=_pool(),
                        database=server)  # fmt: skip

    def refresh_copy(self, also: set[tuple[str, int]] | None = None) -> None:
        """The rows changed on the server since the last pull, in the background."""
        if self.replica is None or self.offline or self.busy or self.syncing:
            return
        if not self.has_copy:
            return
        replica, server, user = self.replica, self.server, self.ctx.user
        self.busy = True

        def run(state: Any) -> PullResult:
            return refresh(server, replica, user, also=also or set(), state=state)

        self.jobs.start(self.tr("Refreshing the offline copy"), run, self._pulled,
                        self._pull_failed, pool=_pool(), database=replica.database)  # fmt: skip

    def _pulled(self, result: PullResult) -> None:
        self.busy = False
        self.count()
        log.info("offline copy: %d alerts", result.alerts)

    def _pull_failed(self, exc: BaseException) -> None:
        self.busy = False
        if not workers.is_unreachable(exc):
            text = self.tr("The offline copy was not updated: {why}")
            self.ctx.events.message.emit(text.format(why=write_message(exc)))

    # --- counts -----------------------------------------------------------------------------

    def count(self) -> None:
        """The outbox and conflicts (two counts on the local file: quick)."""
        if self.replica is None:
            return
        with self.replica.active():
            self.waiting = (OutboxMutation.select()
                            .where(OutboxMutation.state == QueueState.QUEUED).count())  # fmt: skip
            self.conflicts = (SyncConflict.select()
                              .where(SyncConflict.resolution.is_null()).count())  # fmt: skip
        self.changed.emit()

    # --- offline and back -------------------------------------------------------------------

    def _page_lost_database(self) -> None:
        if not self.offline and self.monitor is not None:
            self.monitor.check()  # confirm with the probe: it decides

    def connection_state(self, state: str) -> None:
        """The probe's verdict (ConnectionMonitor.stateChanged)."""
        if state == "unreachable":
            self.go_offline()
        elif state == "connected" and self.offline:
            self.sync_now()

    def go_offline(self) -> None:
        if self.offline:
            return
        self.offline = True
        self.since = datetime.now()
        if self.has_copy:
            assert self.replica is not None
            m.DB.obj = self.replica.database
            user = replica_user(self.replica, self.ctx.user.id)
            self.ctx.services = OfflineServices(self.replica, user)  # type: ignore[assignment]
        expire = getattr(self.window, "undo_bar", None)
        if expire is not None:
            expire.expire()  # an undo of an online change needs the server
        log.info("offline mode: on")
        self.count()
        self.changed.emit()
        self._reload()

    def go_online(self) -> None:
        if not self.offline:
            return
        self.offline = False
        self.since = None
        m.DB.obj = self.server
        self.ctx.services = self.online_services
        log.info("offline mode: off")
        self.count()
        self.changed.emit()
        self._reload()

    def _reload(self) -> None:
        self.ctx.events.changed.emit("customers")  # every list and open 360 reads again

    def sync_now(self) -> None:
        """Banner → Sync now, or the probe reached the server: push the outbox, then pull."""
        if self.syncing:
            return
        if self.offline and self.monitor is not None and self.monitor.state != "connected":
            # Not known to be back: ask the probe first, which calls back here if it is.
            self.monitor.check(force=True)
            return
        if self.replica is None:
            self.go_online()
            return
        self.syncing = True
        self.changed.emit()
        replica, server = self.replica, self.server
        self.jobs.start(self.tr("Sending the offline changes"),
                        lambda _state: sync(server, replica), self._synced, self._sync_failed,
                        pool=_pool(), database=replica.database)  # fmt: skip

    def _synced(self, report: SyncReport) -> None:
        self.syncing = False
        self.last_report = report
        if report.stopped:
            log.info("sync stopped: the server went away again")
            self.count()
            if self.monitor is not None:
                self.monitor.check(force=True)
            return
        self.go_online()
        self.count()
        if report.pushed:
            text = (
                self.tr("Sent 1 offline change: {applied} applied, {conflicts} in conflict")
                if report.pushed == 1
                else self.tr("Sent {n} offline changes: {applied} applied, {conflicts} in conflict")
            )
            self.ctx.events.message.emit(text.format(
                n=i18n.number(report.pushed), applied=i18n.number(report.applied),
                conflicts=i18n.number(report.conflicts),
            ))  # fmt: skip
        if self.waiting:  # queued while the sync ran
            self.sync_now()

    def _sync_failed(self, exc: BaseException) -> None:
        self.syncing = False
        self.count()
        if not workers.is_unreachable(exc):
            QMessageBox.warning(self.window, "ChurnWatch", write_message(exc))

    # --- conflicts --------------------------------------------------------------------------

    def keep(self, side: str, conflict_id: int) -> None:
        """Keep mine (sent again, over the server's version) or theirs (mine dropped)."""
        assert self.replica is not None
        if side == "mine":
            keep_mine(self.replica, conflict_id)
            self.count()
            if not self.offline:
                self.sync_now()
            return
        rows = keep_theirs(self.replica, conflict_id)
        self.count()
        if not self.offline:
            self.refresh_copy(also=rows)

    def close(self) -> None:
        self.refresh_timer.stop()
        if self.offline:
            m.DB.obj = self.server


class OfflineBanner(QFrame):
    """The strip above the pages: offline since when, what waits, Sync now, conflicts."""

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel()
        self.text.setObjectName("offlineText")
        self.text.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setToolTip(
            self.tr("Try the shared database now and send the waiting changes")
        )
        self.sync_button.clicked.connect(controller.sync_now)
        self.conflicts_button = QPushButton(self.tr("Conflicts…"))
        self.conflicts_button.clicked.connect(self.show_conflicts)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.sync_button)
        self.dialog: ConflictsDialog | None = None
        controller.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        c = self.controller
        if c.syncing:
            text = (
                self.tr("Sending 1 change made offline to the shared database…")
                if c.waiting == 1
                else self.tr("Sending {n} changes made offline to the shared database…")
            )
            self._show("sync", text.format(n=i18n.number(c.waiting)))
        elif c.offline:
            self._show("offline", banner_sentence(c.since or datetime.now(), c.waiting,
                                                  has_copy=c.has_copy))  # fmt: skip
        elif c.conflicts:
            text = (
                self.tr("1 offline change not applied: the same fields changed on the server "
                        "meanwhile. Keep yours or theirs.")
                if c.conflicts == 1
                else self.tr("{n} offline changes not applied: the same fields changed on the "
                             "server meanwhile. Keep yours or theirs.")
            )  # fmt: skip
            self._show("conflict", text.format(n=i18n.number(c.conflicts)))
        else:
            self.hide()
            return
        self.sync_button.setVisible(c.offline and not c.syncing)
        self.conflicts_button.setVisible(bool(c.conflicts))
        self.conflicts_button.setText(
            self.tr("Conflicts ({n})…").format(n=i18n.number(c.conflicts))
        )
        self.show()

    def _show(self, kind: str, text: str) -> None:
        colors = {"offline": ("#FFF4CE", "#C99A00", "#3D2E00"),
                  "sync": ("#E3F0FF", "#4A7DC0", "#10243F"),
                  "conflict": ("#FDE7E7", "#C62828", "#4A0E0E")}[kind]  # fmt: skip
        self.setProperty("kind", kind)
        self.setStyleSheet(
            f"#offlineBanner {{ background: {colors[0]}; border-bottom: 2px solid {colors[1]}; }}"
            f" #offlineBanner QLabel {{ color: {colors[2]}; font-weight: 600; }}"
        )
        self.text.setText(text)

    def show_conflicts(self) -> ConflictsDialog:
        self.dialog = ConflictsDialog(self.controller, self.window())
        self.dialog.show()
        return self.dialog


class ConflictsDialog(QDialog):
    """Each open conflict, one line per field, mine beside theirs; keep mine or theirs."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("ConflictsDialog", "Change"),
        QT_TRANSLATE_NOOP("ConflictsDialog", "Field"),
        QT_TRANSLATE_NOOP("ConflictsDialog", "Mine (offline)"),
        QT_TRANSLATE_NOOP("ConflictsDialog", "Theirs (on the server)"),
        QT_TRANSLATE_NOOP("ConflictsDialog", "Why"),
    )

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Offline changes in conflict"))
        self.resize(900, 360)
        self.controller = controller
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr(
            "These changes made offline were not applied: the same fields changed on the "
            "server since you read them."
        ))  # fmt: skip
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("ConflictsDialog", c) for c in self.COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.mine = QPushButton(self.tr("Keep mine"))
        self.mine.setToolTip(self.tr("Apply my change over the server's version (audited)"))
        self.theirs = QPushButton(self.tr("Keep theirs"))
        self.theirs.setToolTip(self.tr("Drop my change; the server's version stays"))
        close = QPushButton(self.tr("Close"))
        self.mine.clicked.connect(lambda: self._keep("mine"))
        self.theirs.clicked.connect(lambda: self._keep("theirs"))
        close.clicked.connect(self.close)
        buttons.addStretch(1)
        for b in (self.mine, self.theirs, close):
            buttons.addWidget(b)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.ids: list[int] = []
        controller.changed.connect(self.load)
        self.load()

    def load(self) -> None:
        replica = self.controller.replica
        rows = conflict_rows(replica) if replica is not None else []
        self.ids = [r.conflict_id for r in rows]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, cell in enumerate((r.change, r.field, r.mine, r.theirs, r.reason)):
                text = cell
                if cell in CONFLICT_WORDS:
                    text = QCoreApplication.translate("ConflictsDialog", CONFLICT_WORDS[cell])
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        if rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self.mine.setEnabled(bool(rows))
        self.theirs.setEnabled(bool(rows))

    def _keep(self, side: str) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.ids):
            self.controller.keep(side, self.ids[row])


class WorkOfflineDialog(QDialog):
    """File → Work offline…: which alerts to keep on this computer, and how many at most."""

    def __init__(self, flt: TakeFilter, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Work offline"))
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "Keep a copy of these alerts, their customers and what the Customer 360 shows on "
            "this computer, to work on them without the shared database. The copy refreshes "
            "in the background while the connection is good."
        ))  # fmt: skip
        intro.setWordWrap(True)
        form.addRow(intro)
        self.assignee = QComboBox()
        for key, text in (
            ("default", self.tr("Mine, or unassigned high and critical")),
            ("mine", self.tr("Assigned to me")),
            ("any", self.tr("Anyone's")),
        ):
            self.assignee.addItem(text, key)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(flt.assignee)))
        form.addRow(self.tr("Alerts"), self.assignee)
        self.statuses = {s.value: QCheckBox(words(s.value)) for s in AlertStatus}
        row = QHBoxLayout()
        for value, box in self.statuses.items():
            box.setChecked(value in flt.statuses)
            row.addWidget(box)
        form.addRow(self.tr("Status"), row)
        self.priorities = {p.value: QCheckBox(words(p.value)) for p in Priority}
        row = QHBoxLayout()
        for value, box in self.priorities.items():
            box.setChecked(value in flt.priorities)
            row.addWidget(box)
        form.addRow(self.tr("Priority (none: any)"), row)
        self.limit = QSpinBox()
        self.limit.setRange(1, 100_000)
        self.limit.setSingleStep(500)
        self.limit.setGroupSeparatorShown(True)
        self.limit.setValue(limit)
        form.addRow(self.tr("At most"), self.limit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C62828")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Take offline"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[TakeFilter, int]:
        statuses = tuple(v for v, b in self.statuses.items() if b.isChecked())
        priorities = tuple(v for v, b in self.priorities.items() if b.isChecked())
        return TakeFilter(
            statuses, str(self.assignee.currentData()), priorities
        ), self.limit.value()

    def spec(self) -> str:
        """The choice as `TakeFilter.parse` reads it (kept in the settings)."""
        flt, _ = self.choice()
        parts = [f"assignee={flt.assignee}", f"status={'+'.join(flt.statuses)}"]
        if flt.priorities:
            parts.append(f"priority={'+'.join(flt.priorities)}")
        return ",".join(parts)

    def submit(self) -> None:
        if not any(b.isChecked() for b in self.statuses.values()):
            self.error.setText(self.tr("Choose at least one status."))
            self.error.show()
            return
        self.accept()


def notice(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("offlineNotice")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMargin(40)
    return label

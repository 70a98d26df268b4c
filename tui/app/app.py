"""The terminal app: one journal, the main screen, and the save/reload loop.

Blocking file work (saving, reloading what another device wrote, merging
conflicted copies) runs in thread workers that only post messages; the
handlers here own the state and refresh the screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.reactive import reactive

from journal import actions, wording
from journal.document import FileIdentity
from journal.errors import JournalError
from journal.journal import Journal
from journal.merge import MergeResult
from journal.search_index import index_of

from . import keys
from .config import Settings
from .messages import FollowUpToggled, ReloadFinished, SaveFinished
from .providers import JournalCommands
from .screens.confirm import ConfirmDialog
from .screens.form import FormScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.search import SearchScreen
from .sync_loop import SyncLoop, Version
from .typed_ahead import TypedAhead

T = TypeVar("T")

#: Seconds between checks of the file on disk, and before retrying a failed save.
POLL_SECONDS = 2.0
RETRY_SECONDS = 10.0


class StakeholderJournalApp(TypedAhead, App[None]):
    """Stakeholder Journal. Tests inject the journal (and with it the clock)."""

    CSS_PATH: ClassVar[list[str | Path]] = ["app.tcss", "forms.tcss"]
    TITLE = "Stakeholder Journal"
    COMMANDS = App.COMMANDS | {JournalCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("app")

    sync_state: reactive[str] = reactive("saved")

    def __init__(
        self,
        journal: Journal,
        *,
        settings: Settings | None = None,
        demo: bool = False,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.journal = journal
        journal.commit_hook = self.request_save
        self.settings = settings or Settings()
        self.demo = demo
        self.poll_seconds = poll_seconds
        self.sync_detail = ""
        self.last_deleted: tuple[str, str, str] | None = None
        self.loop = SyncLoop()
        self._retry_timer = None
        self._known_copies = {c.path for c in journal.conflicted_copies()}
        self._offered: set[Path] = set()  # foreign copies the user was asked about
        self._warned: set[str] = set()
        self._theme_problem = None
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        elif self.settings.theme:
            self._theme_problem = (
                f"No theme is called {self.settings.theme!r}; "
                f"pick one of: {', '.join(sorted(self.available_themes))}."
            )

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
            unknown = self.settings.unknown_keys(keys.binding_ids())
            if unknown:
                self.notify(
                    f"{self.settings.path}: no action has the id {', '.join(unknown)} "
                    "(the help screen, ?, lists the ids); those keys were not changed.",
                    severity="warning",
                    markup=False,
                )
        for problem in (self.settings.problem, self._theme_problem):
            if problem:
                self.notify(problem, severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.journal.read_only_reason:
            self.sync_state = "read-only"
            self.sync_detail = self.journal.read_only_reason
        for notice in self.journal.storage.notices:
            self.notify(notice, severity="warning", markup=False, timeout=12)
        for copy in self.journal.copies_on_open.merged:
            self.notify(
                f"Merged a conflicted copy from {copy.service} ({copy.changed} records).",
                markup=False,
            )
        if any(c.foreign for c in self.journal.copies_on_open.copies):
            self.call_after_refresh(self.offer_adoption)
        self.set_interval(self.poll_seconds, self.poll_disk)
        self.call_after_refresh(self.fold_ahead)

    def _theme_changed(self, theme: object) -> None:
        self.settings.remember_theme(self.theme)

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def watch_sync_state(self) -> None:
        if self.screen_stack and isinstance(self.screen_stack[0], MainScreen):
            self.screen_stack[0].refresh_status()

    # -- changing the journal

    def writable(self) -> bool:
        """Whether edits are possible; says why not when they are not."""
        reason = self.journal.read_only_reason
        if reason:
            self.notify(f"Read-only: {reason}", severity="error", markup=False)
            return False
        return True

    def apply(self, change: Callable[[], T]) -> T | None:
        """Run an in-memory change of the journal, then save in the background
        and refresh the panes. Errors become a notification."""
        if not self.writable():
            return None
        try:
            # One user action, one unit of work; its commit is the background
            # save (the commit hook), never a save on the UI thread.
            with self.journal.change():
                result = change()
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        self.main.refresh_data()
        return result

    def delete_with_undo(self, table: str, record_id: str, label: str) -> None:
        """Delete a record (a tombstone) and remember it for undo."""
        if self.apply(lambda: actions.delete(self.journal, table, record_id)) is not None:
            self.last_deleted = (table, record_id, label)
            self.notify(f"Deleted {label}. Press u to undo.", markup=False)

    def undo_deletion(self) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        table, record_id, label = self.last_deleted
        if self.apply(lambda: actions.restore(self.journal, table, record_id)) is not None:
            self.last_deleted = None
            self.notify(f"Restored {label}.", markup=False)

    @on(FollowUpToggled)
    def set_follow_up_done(self, event: FollowUpToggled) -> None:
        self.apply(
            lambda: actions.set_follow_up_done(
                self.journal, event.entry_id, event.follow_up_id, event.done
            )
        )

    # -- saving

    def request_save(self) -> None:
        if self.journal.read_only_reason or not self.loop.start_save():
            return
        self.sync_state = "saving"
        self._save()

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self) -> None:
        try:
            merged = self.journal.save()
        except JournalError as exc:
            self.post_message(SaveFinished(error=str(exc)))
        except Exception as exc:  # noqa: BLE001 - any failure must keep the data and retry
            self.post_message(SaveFinished(error=f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(SaveFinished(merged=merged))

    def on_save_finished(self, message: SaveFinished) -> None:
        if message.error:
            self.loop.save_failed()
            self.sync_state = "save failed"
            self.sync_detail = message.error
            self.notify(
                f"Could not save (your changes are kept and will be retried): {message.error}",
                severity="error",
                markup=False,
                timeout=8,
            )
            if self._retry_timer is None:
                self._retry_timer = self.set_timer(RETRY_SECONDS, self._retry)
            return
        self.sync_detail = ""
        pending = self.loop.job_done()
        self._announce(message.merged)
        self._show_warnings()
        self.fold_ahead()
        if pending or self.journal.unsaved:
            self.request_save()
        else:
            self.sync_state = "saved"

    def _show_warnings(self) -> None:
        for warning in self.journal.storage.warnings:
            if warning not in self._warned:
                self._warned.add(warning)
                self.notify(f"Saved, but: {warning}", severity="warning", markup=False, timeout=12)

    def _retry(self) -> None:
        self._retry_timer = None
        if self.journal.unsaved:
            self.request_save()

    def action_save_now(self) -> None:
        if self.journal.unsaved:
            self.request_save()
        else:
            self.notify("Everything is saved.", timeout=2)

    @work(thread=True, exclusive=True, group="search-fold", exit_on_error=False)
    def fold_ahead(self) -> None:
        """Fold the journal's text for search in the background, after the
        first frame and after each save or reload (only what changed is
        folded again), so no keystroke on the search screen waits for it."""
        index_of(self.journal).build()

    # -- noticing other devices' changes

    def poll_disk(self) -> None:
        if self.loop.busy or self.journal.read_only_reason:
            return
        copies = {c.path for c in self.journal.conflicted_copies()}
        new_copies = bool(copies - self._known_copies)
        self._known_copies = copies
        if not (new_copies or self.journal.changed_on_disk()):
            return
        version = FileIdentity.of(self.journal.storage.resolved)
        if self.loop.start_reload(version, new_copies=new_copies):
            self.sync_state = "changed on disk"
            self._reload(new_copies, version)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload(self, merge_copies: bool, version: Version) -> None:
        try:
            merged = self.journal.refresh()
            copies = self.journal.merge_conflicted_copies() if merge_copies else None
        except JournalError as exc:
            self.post_message(ReloadFinished(error=str(exc), version=version))
        except Exception as exc:  # noqa: BLE001
            self.post_message(ReloadFinished(error=f"{type(exc).__name__}: {exc}", version=version))
        else:
            self.post_message(ReloadFinished(merged=merged, copies=copies))

    def on_reload_finished(self, message: ReloadFinished) -> None:
        if message.error:
            # Told once per version: the poll leaves that version alone, and
            # the status line keeps the reason until a good version arrives.
            self.sync_state = "unreadable on disk"
            self.sync_detail = message.error
            if self.loop.reload_failed(message.version, message.error):
                self.notify(
                    f"The file on disk could not be read; your journal stays open as it "
                    f"was: {message.error}",
                    severity="error",
                    markup=False,
                    timeout=12,
                )
            return
        pending = self.loop.job_done()
        self.sync_detail = ""
        self._announce(message.merged)
        self.fold_ahead()
        if message.copies and message.copies.merged:
            self.main.refresh_data()
            self.notify(
                f"Merged {len(message.copies.merged)} conflicted cop"
                f"{'y' if len(message.copies.merged) == 1 else 'ies'} "
                f"({message.copies.changed} records) and moved them to the backup folder.",
                markup=False,
            )
        self._known_copies = {c.path for c in self.journal.conflicted_copies()}
        if message.copies and any(
            c.foreign and c.path not in self._offered for c in message.copies.copies
        ):
            self.offer_adoption()
        if pending or self.journal.unsaved:
            self.request_save()
        else:
            self.sync_state = "saved"

    def _announce(self, merged: MergeResult | None) -> None:
        if merged is None:
            return
        # The document was swapped by a worker thread: indexes built meanwhile
        # may describe the old one, so they are dropped and rebuilt.
        self.journal.drop_indexes()
        self.main.refresh_data()
        if isinstance(self.screen, SearchScreen):
            self.screen.journal_changed()
        what = wording.describe_changes(merged.changed or {})
        if what:
            # Another device, or `sj` on this one: the file tells only that it changed.
            self.notify(f"Merged changes saved outside this window: {what}.", markup=False)

    # -- a journal started apart on another machine

    def offer_adoption(self) -> None:
        """Ask, once per copy, whether to fold in the copies of a different journal."""
        self._adopt_copies(only_new=True)

    def action_adopt_copies(self) -> None:
        self._adopt_copies(only_new=False)

    @work(exclusive=True, group="adopt")
    async def _adopt_copies(self, only_new: bool) -> None:
        if self.journal.read_only_reason:
            self.notify(self.journal.read_only_reason, severity="warning", markup=False)
            return
        copies = await asyncio.to_thread(self.journal.foreign_copies)
        if only_new:
            copies = [c for c in copies if c not in self._offered]
        if not copies and not only_new:
            self.notify("No copy of another journal is next to this one.", timeout=4)
        for copy in copies:
            self._offered.add(copy)
            question = (
                f"{copy.name} is a copy of a different journal, started apart on another "
                "machine before the two were synced. Fold its records into this journal? "
                "Every record keeps its identity; the copy then goes to the local backup folder."
            )
            if not await self.push_screen_wait(ConfirmDialog(question, "Adopt", "Not now")):
                continue
            while self.loop.busy:
                await asyncio.sleep(0.05)
            self.loop.start_job()
            try:
                outcome = await asyncio.to_thread(self.journal.adopt, copy)
            except JournalError as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=8)
                continue
            finally:
                if self.loop.job_done() or self.journal.unsaved:
                    self.request_save()  # a save asked for meanwhile
            self.journal.drop_indexes()
            self.main.refresh_data()
            self.notify(f"Adopted {copy.name}: {outcome.changed} records folded in.", markup=False)

    # -- help, quitting

    def action_help(self) -> None:
        path = str(self.settings.path) if self.settings.path else ""
        self.push_screen(HelpScreen(self.settings.keys, path))

    async def action_quit(self) -> None:
        self._quit_safely()

    @work(exclusive=True, group="quit")
    async def _quit_safely(self) -> None:
        if any(isinstance(s, FormScreen) and s.dirty for s in self.screen_stack):
            question = "A form holds text you have not saved. Quit and lose it?"
            if not await self.push_screen_wait(ConfirmDialog(question, "Quit", "Back")):
                return
        while self.loop.busy:
            await asyncio.sleep(0.05)
        if self.journal.unsaved and not self.journal.read_only_reason:
            try:
                await asyncio.to_thread(self.journal.save)
            except JournalError as exc:
                question = f"Saving failed: {exc}\nQuit anyway and lose the unsaved changes?"
                if not await self.push_screen_wait(ConfirmDialog(question, "Quit", "Stay")):
                    return
        self.exit()


def run_app(file: str | None, *, demo_root: Path | None = None) -> int:
    """Open the journal (``--file``, ``SJ_FILE`` or the default) and run the app."""
    from journal.clock import Clock
    from journal.paths import LocalDirs

    real_dirs = LocalDirs.default()
    # A demo keeps its lock, backups and device id in its own temporary folder;
    # the key map and theme still come from the user's config.
    dirs = LocalDirs.under(demo_root) if demo_root is not None else real_dirs
    journal = Journal.open(file, clock=Clock.from_env(), dirs=dirs)
    # The demo remembers its theme in its own folder, never the user's state.
    settings = Settings.load(real_dirs, state=dirs.state)
    app = StakeholderJournalApp(journal, settings=settings, demo=demo_root is not None)
    app.run()
    return 0

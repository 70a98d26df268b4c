"""What the main screen's actions share: the journal, the four panes, showing
the journal again after a change, and the selected stakeholder.

The action mixins (people, coaching, goals, search, import and export) are
built on this class, and :class:`.main.MainScreen` is made of them, so none
of them imports the main screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from journal.journal import Journal
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS

from ..config import Settings
from ..widgets.goals import GoalsPane
from ..widgets.journal_pane import JournalPane
from ..widgets.reflection import ReflectionPane
from ..widgets.stakeholders import StakeholderPane
from ..widgets.status import StatusLine

#: The worker group of the actions that open a form or a dialog and wait
#: for its answer (see :mod:`tui.app.typed_ahead`).
DIALOG = "dialog"


class MainBase(Screen[None]):
    """The main screen's shared state and refreshing (see the module)."""

    def opening_dialog(self) -> bool:
        """Whether a key of this screen has started opening a form or a
        dialog that is not on screen yet (its worker is about to push it)."""
        return self.app.screen is self and any(
            w.group == DIALOG and w.node is self and not w.is_finished for w in self.app.workers
        )

    if TYPE_CHECKING:  # one mixin's actions that another runs

        def check_differently(self, entry_id: str, name: str) -> None: ...
        async def action_open_entry(self) -> None: ...

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    @property
    def settings(self) -> Settings:
        app: Any = self.app
        return app.settings

    @property
    def stakeholders(self) -> StakeholderPane:
        return self.query_one(StakeholderPane)

    @property
    def journal_pane(self) -> JournalPane:
        return self.query_one(JournalPane)

    @property
    def reflection(self) -> ReflectionPane:
        return self.query_one(ReflectionPane)

    @property
    def goals(self) -> GoalsPane:
        return self.query_one(GoalsPane)

    # -- showing the journal

    def refresh_data(self) -> None:
        """Re-read everything shown from the journal (after a change or a merge)."""
        journal = self.journal
        # One pass builds every index the panes read (last contacts included).
        journal.build_indexes()
        self.stakeholders.reload(journal)
        self.refresh_journal()
        self.reflection.reload(journal)
        self.refresh_goals()
        self.refresh_status()

    def refresh_journal(self) -> None:
        row = self.stakeholders.selected
        self.journal_pane.show(
            self.journal, row.raw if row else None, row.info.reasons if row else ()
        )

    def refresh_goals(self) -> None:
        self.goals.reload(self.journal)

    def refresh_status(self) -> None:
        app: Any = self.app
        status = self.query(StatusLine)
        if not status:
            return
        status.first().show(
            file=str(self.journal.path.name),
            overdue=self.stakeholders.overdue,
            due_soon=self.stakeholders.due_soon,
            sync=app.sync_state,
            detail=app.sync_detail,
            demo=app.demo,
        )

    # -- the questions after a contact, kept over a quit

    def offer_after_contact(
        self, entry: dict[str, Any], stakeholder: dict[str, Any] | None
    ) -> None:
        """Pane 3 asks about the contact just logged, until c clears it or
        the next contact replaces it (remembered in the state file)."""
        name = self.display_name(stakeholder) if stakeholder else ""
        self.reflection.show_context(self.journal, entry, stakeholder, name)
        self.settings.remember_after_contact(self.journal.path, entry.get("id"))

    def _restore_after_contact(self) -> None:
        entry_id = self.settings.after_contact.get(str(self.journal.path))
        entry = self.journal.get(TABLE_INTERACTIONS, entry_id) if entry_id else None
        if entry is None or entry.get("deleted"):
            return
        first = (entry.get("stakeholders") or [None])[0]
        stakeholder = self.journal.get(TABLE_STAKEHOLDERS, first) if first else None
        self.reflection.show_context(
            self.journal, entry, stakeholder, self.display_name(stakeholder) if stakeholder else ""
        )

    def selected_stakeholder(self) -> dict[str, Any] | None:
        row = self.stakeholders.selected
        if row is None:
            self.notify("No stakeholder selected: press a to add one.", severity="warning")
            return None
        return self.journal.get(TABLE_STAKEHOLDERS, row.id) or row.raw

    def display_name(self, raw: dict[str, Any]) -> str:
        """The name that tells this stakeholder from a namesake: the name, or
        ``name (organization, id prefix)`` when another one has the same name."""
        return self.journal.unique_names().get(raw.get("id", "")) or raw.get("name", "")

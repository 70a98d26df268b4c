"""Main-screen actions on stakeholders and journal entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work

from journal.changes import note_profile_changes
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS, Interaction, Stakeholder

from ..text import clean
from .confirm import ConfirmDialog
from .entry import EntryScreen
from .interaction_form import InteractionForm
from .small_forms import QuickLogForm, SnoozeForm
from .stakeholder_form import StakeholderForm

if TYPE_CHECKING:
    from .main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class PeopleActions(_Base):
    """Mixed into MainScreen: add, edit, log, snooze, delete and undo."""

    @work
    async def action_add_stakeholder(self) -> None:
        if not self.app.writable():
            return
        values = await self.app.push_screen_wait(StakeholderForm())
        if values is None:
            return
        added = self.app.apply(lambda: self.journal.add(Stakeholder(**values), save=False))
        if added is not None:
            self.stakeholders.apply_view(select_id=added.id)
            self.notify(f"Added {clean(added.name)}.", markup=False)

    @work
    async def action_edit_stakeholder(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = StakeholderForm(dict(raw))
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        changes = form.changes(values)
        if changes:
            # Remember the earlier role, organization and issues, as `sj edit` does.
            changes = note_profile_changes(raw, changes, self.journal.today())
            self.app.apply(
                lambda: self.journal.update(TABLE_STAKEHOLDERS, raw["id"], changes, save=False)
            )

    @work
    async def action_quick_log(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        values = await self.app.push_screen_wait(QuickLogForm(raw.get("name", "")))
        if values is None:
            return
        entry = Interaction(
            date=self.journal.today().isoformat(),
            stakeholders=[raw["id"]],
            formal=values["formal"],
            channel="meeting" if values["formal"] else "other",
            summary=values["summary"],
        )
        self._logged(self.app.apply(lambda: self.journal.add(entry, save=False)), raw)

    @work
    async def action_log_entry(self) -> None:
        if not self.app.writable():
            return
        row = self.stakeholders.selected
        who = [row.id] if row else []
        values = await self.app.push_screen_wait(InteractionForm(self.journal, who=who))
        if values is None:
            return
        entry = Interaction(**values)
        first = self.journal.get(TABLE_STAKEHOLDERS, values["stakeholders"][0])
        self._logged(self.app.apply(lambda: self.journal.add(entry, save=False)), first)

    def _logged(self, entry: Interaction | None, stakeholder: dict[str, Any] | None) -> None:
        if entry is None:
            return
        raw = self.journal.get(TABLE_INTERACTIONS, entry.id) or entry.to_raw()
        self.reflection.show_context(self.journal, raw, stakeholder)
        names = ", ".join(self.journal.names().get(s, "?") for s in entry.stakeholders)
        kind = "a formal" if entry.formal else "an informal"
        self.notify(
            f"Logged {kind} contact with {clean(names)}. Pane 3 has a prompt about it.",
            markup=False,
        )
        self.check_differently(entry.id, names)

    @work
    async def action_open_entry(self) -> None:
        entry = self.journal_pane.selected
        if entry is None:
            self.notify("No journal entry selected.", severity="warning")
            return
        choice = await self.app.push_screen_wait(EntryScreen(entry, self.journal.names()))
        if choice == "edit":
            self.action_edit_entry()
        elif choice == "delete":
            self.action_delete_entry()

    @work
    async def action_edit_entry(self) -> None:
        entry = self.journal_pane.selected
        if entry is None or not self.app.writable():
            return
        form = InteractionForm(self.journal, dict(entry))
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        changes = form.changes(values)
        if changes:
            self.app.apply(
                lambda: self.journal.update(TABLE_INTERACTIONS, entry["id"], changes, save=False)
            )

    @work
    async def action_delete_entry(self) -> None:
        entry = self.journal_pane.selected
        if entry is None or not self.app.writable():
            return
        question = Text(f"Delete the entry of {entry.get('date', '')}?\n\n")
        question.append(clean(entry.get("summary", "")).split("\n")[0], "italic")
        if await self.app.push_screen_wait(ConfirmDialog(question, "Delete", "Keep")):
            self.app.delete_with_undo(TABLE_INTERACTIONS, entry["id"], "journal entry")

    @work
    async def action_snooze(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = SnoozeForm(raw.get("name", ""), self.journal.today(), raw.get("snooze_until"))
        until = await self.app.push_screen_wait(form)
        if until is None:
            return
        changes = {"snooze_until": until or None}
        if self.app.apply(
            lambda: self.journal.update(TABLE_STAKEHOLDERS, raw["id"], changes, save=False)
        ):
            name = clean(raw.get("name", ""))
            self.notify(
                f"{name}: snoozed until {until}." if until else f"{name}: snooze cleared.",
                markup=False,
            )

    @work
    async def action_delete_stakeholder(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        question = Text("Delete ")
        question.append(clean(raw.get("name", "")), "bold")
        question.append("?\n\nTheir journal entries stay. u undoes the deletion.")
        if await self.app.push_screen_wait(ConfirmDialog(question, "Delete", "Keep")):
            self.app.delete_with_undo(TABLE_STAKEHOLDERS, raw["id"], raw.get("name", ""))

    def action_undo_delete(self) -> None:
        self.app.undo_deletion()

"""Main-screen actions on stakeholders and journal entries."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work

from journal import actions, rules
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS, Interaction

from ..text import clean
from .confirm import ConfirmDialog
from .entry import EntryScreen
from .interaction_form import InteractionForm
from .main_base import DIALOG, MainBase
from .small_forms import QuickLogForm, SnoozeForm
from .stakeholder_form import StakeholderForm, draft_of


class PeopleActions(MainBase):
    """Part of the main screen: add, edit, log, snooze, delete and undo."""

    @work(group=DIALOG)
    async def action_add_stakeholder(self) -> None:
        if not self.app.writable():
            return
        form = StakeholderForm()
        form.precheck = lambda values: actions.check_stakeholder(self.journal, draft_of(values))
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        saved = self.app.apply(lambda: actions.add_stakeholder(self.journal, draft_of(values)))
        if saved is not None:
            self.stakeholders.apply_view(select_id=saved.stakeholder.id)
            self.notify(f"Added {clean(saved.stakeholder.name)}.", markup=False)
            if saved.warning:
                self.notify(saved.warning, severity="warning", markup=False)

    @work(group=DIALOG)
    async def action_edit_stakeholder(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = StakeholderForm(dict(raw), self.display_name(raw))
        form.precheck = lambda values: actions.check_stakeholder(
            self.journal, draft_of(form.changes(values)), raw["id"]
        )
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        changes = form.changes(values)
        if changes:
            # The earlier role, organization and issues are kept, as `sj edit` keeps them.
            saved = self.app.apply(
                lambda: actions.edit_stakeholder(self.journal, raw["id"], draft_of(changes))
            )
            if saved is not None and saved.warning:
                self.notify(saved.warning, severity="warning", markup=False)

    @work(group=DIALOG)
    async def action_quick_log(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = QuickLogForm(
            self.display_name(raw),
            self.journal.today(),
            formal=rules.is_formal(rules.DEFAULT_INFORMAL_CHANNEL),
        )
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        with self.stakeholders.keeping_place():
            entry = self.app.apply(
                lambda: actions.quick_log(
                    self.journal,
                    raw["id"],
                    values["summary"],
                    formal=values["formal"],
                    on=values["on"],
                )
            )
        self._logged(entry, raw)

    @work(group=DIALOG)
    async def action_log_entry(self) -> None:
        if not self.app.writable():
            return
        row = self.stakeholders.selected
        who = [row.id] if row else []
        values = await self.app.push_screen_wait(InteractionForm(self.journal, who=who))
        if values is None:
            return
        first = self.journal.get(TABLE_STAKEHOLDERS, values["stakeholders"][0])
        draft = actions.draft_of(values)
        with self.stakeholders.keeping_place():
            entry = self.app.apply(lambda: actions.log_contact(self.journal, draft))
        self._logged(entry, first)

    def _logged(self, entry: Interaction | None, stakeholder: dict[str, Any] | None) -> None:
        if entry is None:
            return
        raw = self.journal.get(TABLE_INTERACTIONS, entry.id) or entry.to_raw()
        self.offer_after_contact(raw, stakeholder)
        names = ", ".join(self.journal.unique_names().get(s, "?") for s in entry.stakeholders)
        kind = "a formal" if entry.formal else "an informal"
        self.notify(
            f"Logged {kind} contact with {clean(names)}. Pane 3 has a prompt about it.",
            markup=False,
        )
        self.check_differently(entry.id, names)

    @work(group=DIALOG)
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

    @work(group=DIALOG)
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
            self.app.apply(lambda: self._edit_entry(entry["id"], changes))

    def _edit_entry(self, entry_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        # Only what the user changed goes over the entry as it is now, so a
        # field another machine edited meanwhile stays as that machine left it.
        current = self.journal.get(TABLE_INTERACTIONS, entry_id) or {}
        draft = actions.draft_of({**current, **changes})
        return actions.edit_contact(self.journal, entry_id, draft)

    @work(group=DIALOG)
    async def action_delete_entry(self) -> None:
        entry = self.journal_pane.selected
        if entry is None or not self.app.writable():
            return
        question = Text(f"Delete the entry of {entry.get('date', '')}?\n\n")
        question.append(clean(entry.get("summary", "")).split("\n")[0], "italic")
        if await self.app.push_screen_wait(ConfirmDialog(question, "Delete", "Keep")):
            self.app.delete_with_undo(TABLE_INTERACTIONS, entry["id"], "journal entry")

    @work(group=DIALOG)
    async def action_snooze(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        form = SnoozeForm(self.display_name(raw), self.journal.today(), raw.get("snooze_until"))
        until = await self.app.push_screen_wait(form)
        if until is None:
            return
        snoozed = self.app.apply(lambda: actions.snooze(self.journal, raw["id"], until or "none"))
        if snoozed is not None:
            name = clean(snoozed.name)
            said = (
                f"{name}: snoozed until {snoozed.until}."
                if snoozed.until
                else f"{name}: snooze cleared."
            )
            if snoozed.still_due:
                said += f" {snoozed.still_due.capitalize()} still makes them due before then."
            self.notify(said, markup=False)

    @work(group=DIALOG)
    async def action_delete_stakeholder(self) -> None:
        raw = self.selected_stakeholder()
        if raw is None or not self.app.writable():
            return
        question = Text("Delete ")
        question.append(clean(self.display_name(raw)), "bold")
        question.append("?\n\nTheir journal entries stay. u undoes the deletion.")
        if await self.app.push_screen_wait(ConfirmDialog(question, "Delete", "Keep")):
            self.app.delete_with_undo(TABLE_STAKEHOLDERS, raw["id"], raw.get("name", ""))

    def action_undo_delete(self) -> None:
        self.app.undo_deletion()

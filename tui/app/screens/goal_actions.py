"""Main-screen actions on goals and reflections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from journal import goals as goal_rules
from journal.records import TABLE_GOALS, TABLE_REFLECTIONS, Goal, Reflection

from ..text import clean
from .confirm import ConfirmDialog
from .entry import PastReflectionsScreen
from .small_forms import GoalForm, ReflectionForm

if TYPE_CHECKING:
    from .main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class GoalActions(_Base):
    """Mixed into MainScreen: goals and reflection prompts."""

    @work
    async def action_add_goal(self) -> None:
        if not self.app.writable():
            return
        values = await self.app.push_screen_wait(GoalForm(self.journal, self.goals.month))
        if values is not None:
            self.app.apply(lambda: self.journal.add(Goal(**values), save=False))

    @work
    async def action_edit_goal(self) -> None:
        row = self.goals.selected
        if row is None or not self.app.writable():
            return
        original = dict(row.raw)
        values = await self.app.push_screen_wait(GoalForm(self.journal, self.goals.month, original))
        if values is None:
            return
        changes = {k: v for k, v in values.items() if original.get(k) != v}
        if changes:
            self.app.apply(
                lambda: self.journal.update(TABLE_GOALS, original["id"], changes, save=False)
            )

    def action_toggle_goal(self) -> None:
        row = self.goals.selected
        if row is None:
            return
        if row.raw.get("metric") is not None:
            self.notify(
                "This goal is counted from the journal: log contacts to move it.", timeout=3
            )
            return
        done = not row.raw.get("done")
        self.app.apply(
            lambda: self.journal.update(TABLE_GOALS, row.raw["id"], {"done": done}, save=False)
        )

    @work
    async def action_delete_goal(self) -> None:
        row = self.goals.selected
        if row is None or not self.app.writable():
            return
        question = Text("Remove the goal ")
        question.append(row.label, "bold")
        question.append("?")
        if await self.app.push_screen_wait(ConfirmDialog(question, "Remove", "Keep")):
            self.app.delete_with_undo(TABLE_GOALS, row.raw["id"], "goal")

    def action_carry_goals(self) -> None:
        month = self.goals.month
        previous = goal_rules.shift_month(month, -1)
        fresh = goal_rules.carry_forward(
            self.journal.records(TABLE_GOALS, include_deleted=True), previous, month
        )
        if not fresh:
            self.notify(f"Nothing to carry over from {previous}.", timeout=3)
            return

        def carry() -> int:
            for goal in fresh:
                self.journal.add(goal, save=False)
            return len(fresh)

        if self.app.apply(carry):
            self.notify(f"Carried {len(fresh)} goals over from {previous}.")

    @work
    async def action_answer_prompt(self) -> None:
        chosen = self.reflection.selected
        if chosen is None or not self.app.writable():
            return
        prompt, entry = chosen
        sid = (entry.get("stakeholders") or [None])[0] if entry else None
        about = self.journal.names().get(sid, "") if sid else ""
        answer = await self.app.push_screen_wait(ReflectionForm(prompt, about))
        if answer is None:
            return
        reflection = Reflection(
            date=self.journal.today().isoformat(),
            prompt_id=prompt.id,
            prompt=prompt.text,
            answer=answer,
            stakeholder=sid,
            interaction=entry.get("id") if entry else None,
        )
        if self.app.apply(lambda: self.journal.add(reflection, save=False)):
            self.notify("Reflection saved.")

    def action_past_reflections(self) -> None:
        answered = sorted(
            self.journal.records(TABLE_REFLECTIONS),
            key=lambda r: (r.get("date", ""), r.get("created_at", "")),
            reverse=True,
        )
        self.app.push_screen(PastReflectionsScreen(answered, self.journal.names()))


__all__ = ["GoalActions", "clean"]

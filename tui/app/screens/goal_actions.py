"""Main-screen actions on goals and reflections."""

from __future__ import annotations

from rich.text import Text
from textual import work

from journal import coach_actions
from journal.coach_actions import GoalDraft
from journal.records import TABLE_GOALS, TABLE_REFLECTIONS
from journal.wording import count

from ..text import clean
from .confirm import ConfirmDialog
from .entry import PastReflectionsScreen
from .main_base import DIALOG, MainBase
from .small_forms import GoalForm, ReflectionForm


class GoalActions(MainBase):
    """Part of the main screen: goals and reflection prompts."""

    @work(group=DIALOG)
    async def action_add_goal(self) -> None:
        if not self.app.writable():
            return
        form = GoalForm(self.journal, self.goals.month)
        form.precheck = lambda values: coach_actions.check_goal(self.journal, GoalDraft(**values))
        values = await self.app.push_screen_wait(form)
        if values is not None:
            self.app.apply(lambda: coach_actions.add_goal(self.journal, GoalDraft(**values)))

    @work(group=DIALOG)
    async def action_edit_goal(self) -> None:
        row = self.goals.selected
        if row is None or not self.app.writable():
            return
        original = dict(row.raw)
        form = GoalForm(self.journal, self.goals.month, original)
        form.precheck = lambda values: coach_actions.check_goal(
            self.journal, GoalDraft(**values), original["id"]
        )
        values = await self.app.push_screen_wait(form)
        if values is None or all(original.get(k) == v for k, v in values.items()):
            return
        self.app.apply(
            lambda: coach_actions.edit_goal(self.journal, original["id"], GoalDraft(**values))
        )

    def action_toggle_goal(self) -> None:
        row = self.goals.selected
        if row is None:
            return
        done = not row.raw.get("done")
        self.app.apply(lambda: coach_actions.set_goal_done(self.journal, row.raw["id"], done))

    @work(group=DIALOG)
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
        carried = self.app.apply(lambda: coach_actions.carry_goals(self.journal, self.goals.month))
        if carried is None:
            return
        if carried.added:
            self.notify(
                f"Carried {count(len(carried.added), 'goal')} over from {carried.previous}."
            )
        else:
            self.notify(f"Nothing new to carry over from {carried.previous}.", timeout=3)

    @work(group=DIALOG)
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
        saved = self.app.apply(
            lambda: coach_actions.reflect(
                self.journal,
                answer,
                prompt_id=prompt.id,
                prompt=prompt.text,
                stakeholder=sid,
                interaction=entry.get("id") if entry else None,
            )
        )
        if saved is not None:
            self.notify("Reflection saved.")

    def action_past_reflections(self) -> None:
        answered = sorted(
            self.journal.records(TABLE_REFLECTIONS),
            key=lambda r: (r.get("date", ""), r.get("created_at", "")),
            reverse=True,
        )
        self.app.push_screen(PastReflectionsScreen(answered, self.journal.names()))


__all__ = ["GoalActions", "clean"]

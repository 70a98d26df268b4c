"""The command palette (ctrl+p): every action of the app, by name."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from journal.resolve import closeness
from journal.rules import fold

#: How close (0-100) a typed name must be to a stakeholder's for "Go to".
GO_TO_SCORE = 70
GO_WORDS = ("go to ", "go ", "goto ")

#: Title, help, action (run on the main screen; ``app.`` for the app's).
COMMANDS = (
    ("Add a stakeholder", "open the form for someone new", "add_stakeholder"),
    ("Edit the stakeholder", "change the selected stakeholder's profile", "edit_stakeholder"),
    ("Quick log", "log a one-line contact with the selected stakeholder", "quick_log"),
    ("Log a journal entry", "the full form, with the reflective questions", "log_entry"),
    ("Snooze the stakeholder", "not due before a date", "snooze"),
    ("Delete the stakeholder", "asks first; undo with u", "delete_stakeholder"),
    ("Undo the last deletion", "bring back what was just deleted", "undo_delete"),
    ("Show only overdue and due soon", "toggle the stakeholder filter", "stakeholders_due_only"),
    ("Change the stakeholder sort", "most overdue, name, rank, last contact", "stakeholders_sort"),
    ("Filter stakeholders", "by name, organization or tag", "stakeholders_filter"),
    ("Search everything", "words in entries, profiles, reflections, promises, shares", "search"),
    ("Open the journal entry", "read all of the selected entry", "open_entry"),
    ("Edit the journal entry", "change the selected entry", "edit_entry"),
    ("Delete the journal entry", "asks first; undo with u", "delete_entry"),
    ("Journal: everyone or one", "toggle whose entries pane 2 shows", "journal_toggle_all"),
    ("Answer the prompt", "write a reflection on the highlighted prompt", "answer_prompt"),
    ("Past reflections", "read earlier answers", "past_reflections"),
    ("Add a goal", "a counted goal or a checklist item", "add_goal"),
    ("Edit the goal", "change the selected goal", "edit_goal"),
    ("Check off the goal", "mark a checklist goal done or not done", "toggle_goal"),
    ("Remove the goal", "asks first; undo with u", "delete_goal"),
    ("Carry goals forward", "copy last month's goals into this month", "carry_goals"),
    ("Previous month's goals", "show the month before", "goals_month(-1)"),
    ("Next month's goals", "show the month after", "goals_month(1)"),
    ("Reach out today", "toggle pane 1: who to contact, and why", "stakeholders_reach_out"),
    ("Brief before a contact", "what to have in mind about the selected one", "brief"),
    ("Add a promise", "mine or theirs, for the selected stakeholder", "add_promise"),
    ("Promises, both ways", "open promises; mark them kept", "promises"),
    ("Focus set: add or remove", "the 3-5 relationships of the month", "toggle_focus"),
    ("Stakeholder map", "influence × interest, rank order, focus", "stakeholder_map"),
    ("Contact-log review", "the month in numbers, heatmap, balance", "contact_review"),
    ("Monthly review", "last month's goals and questions; set this month's", "monthly_review"),
    ("Share information", "log what you passed on, and to whom", "share"),
    ("Go to stakeholders", "pane 1", "focus_pane(0)"),
    ("Go to the journal", "pane 2", "focus_pane(1)"),
    ("Go to reflection", "pane 3", "focus_pane(2)"),
    ("Go to goals", "pane 4", "focus_pane(3)"),
    ("Save now", "write the journal file", "app.save_now"),
    (
        "Adopt a copy of another journal",
        "fold a journal started apart on another machine into this one",
        "app.adopt_copies",
    ),
    ("Help: all keys", "every key and its binding id", "app.help"),
)


class JournalCommands(Provider):
    """Commands that act on the main screen's current selection."""

    def _commands(self):
        from .screens.main import MainScreen

        main = self.app.screen_stack[0]
        if not isinstance(main, MainScreen):
            return
        for title, help_text, action in COMMANDS:
            namespace = self.app if action.startswith("app.") else main
            name = action.removeprefix("app.")
            yield title, help_text, partial(self.app.run_action, name, namespace)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        for hit in self._go_to(query):
            yield hit

    def _go_to(self, query: str) -> list[Hit]:
        """ "Go to <name>" for the stakeholders whose names are close to what
        was typed (typos and missing accents forgiven)."""
        from .screens.main import MainScreen

        main = self.app.screen_stack[0]
        typed = " ".join(fold(query).split())
        for word in GO_WORDS:
            typed = typed.removeprefix(word)
        if not isinstance(main, MainScreen) or len(typed) < 2:
            return []
        app: Any = self.app
        names = app.journal.unique_names()
        ids = {name: sid for sid, name in names.items()}
        hits = []
        for name, score in closeness(typed, names.values(), GO_TO_SCORE):
            title = f"Go to {name}"
            hits.append(
                Hit(
                    score / 100,
                    Content(title),  # literal: a name is never markup
                    partial(main.go_to_stakeholder, ids[name]),
                    text=title,
                    help="select them in pane 1",
                )
            )
        return hits

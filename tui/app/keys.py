"""Every action of the app, declared once.

One row per action: where it lives, its keys, its binding id (what the
config file's ``[keys]`` table remaps), the short label the footer shows, and
the palette's title and help line. The screens' and panes' ``BINDINGS``, the
command palette and the help screen are all read from this table, so a new
action is one new row.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class AppAction:
    #: Where the binding lives: a pane, a screen, or ``main`` (everywhere on
    #: the main screen); see ``SECTIONS``.
    place: str
    id: str
    keys: str
    #: The action string the binding runs where it lives (``screen.x`` and
    #: ``app.x`` as Textual reads them). Empty: documented keys, no binding.
    action: str
    label: str
    #: The command palette's title (empty: not in the palette) and help line.
    title: str = ""
    help: str = ""
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            id=self.id,
        )


A = AppAction

ACTIONS: tuple[AppAction, ...] = (
    # -- the app, on every screen
    A("app", "app.quit-anywhere", "ctrl+q", "quit", "Quit", show=False, priority=True),
    # -- everywhere on the main screen
    A("main", "focus.stakeholders", "1", "focus_pane(0)", "Stakeholders", "Go to stakeholders", "pane 1", show=False),
    A("main", "focus.journal", "2", "focus_pane(1)", "Journal", "Go to the journal", "pane 2", show=False),
    A("main", "focus.reflection", "3", "focus_pane(2)", "Reflection", "Go to reflection", "pane 3", show=False),
    A("main", "focus.goals", "4", "focus_pane(3)", "Goals", "Go to goals", "pane 4", show=False),
    A("main", "focus.filter", "slash", "filter", "Filter", show=False),
    A("main", "app.help", "question_mark,f1", "app.help", "Help", "Help: all keys", "every key and its binding id"),
    A("main", "app.undo", "u", "undo_delete", "Undo delete", "Undo the last deletion", "bring back what was just deleted", show=False),
    A("main", "app.save", "ctrl+s", "app.save_now", "Save now", "Save now", "write the journal file", show=False),
    A("main", "app.quit", "q", "app.quit", "Quit"),
    # After help and quit: a narrow footer keeps those in sight.
    A("main", "app.search", "ctrl+f", "search", "Search", "Search everything", "words in entries, profiles, reflections, promises, shares", priority=True),
    A("main", "coach.map", "m", "stakeholder_map", "Map", "Stakeholder map", "influence × interest, rank order, focus"),
    A("main", "coach.contact-review", "v", "contact_review", "Contact log", "Contact-log review", "the month in numbers, heatmap, balance", show=False),
    A("main", "coach.monthly-review", "M", "monthly_review", "Monthly review", "Monthly review", "last month's goals and questions; set this month's", show=False),
    A("main", "coach.promises", "P", "promises", "Promises", "Promises, both ways", "open promises; mark them kept", show=False),
    A("main", "coach.share", "S", "share", "Share", "Share information", "log what you passed on, and to whom", show=False),
    A("main", "people.export", "", "export", "", "Export…", "JSON, a CSV table, vCards or a Markdown handover, to a file"),
    A("main", "people.duplicates", "", "duplicates", "", "Duplicates", "likely duplicate people; fold one into the other"),
    A("main", "app.adopt-copies", "", "app.adopt_copies", "", "Adopt a copy of another journal", "fold a journal started apart on another machine into this one"),
    # -- pane 1
    A("stakeholders", "stakeholders.quick-log", "l", "screen.quick_log", "Quick log", "Quick log", "log a one-line contact with the selected stakeholder"),
    A("stakeholders", "stakeholders.add", "a", "screen.add_stakeholder", "Add", "Add a stakeholder", "open the form for someone new"),
    A("stakeholders", "stakeholders.edit", "e", "screen.edit_stakeholder", "Edit", "Edit the stakeholder", "change the selected stakeholder's profile"),
    A("stakeholders", "stakeholders.log-entry", "n", "screen.log_entry", "Full entry", "Log a journal entry", "the full form, with the reflective questions"),
    A("stakeholders", "stakeholders.snooze", "s", "screen.snooze", "Snooze", "Snooze the stakeholder", "not due before a date"),
    A("stakeholders", "stakeholders.delete", "d", "screen.delete_stakeholder", "Delete", "Delete the stakeholder", "asks first; undo with u", show=False),
    A("stakeholders", "stakeholders.due-only", "o", "toggle_due_only", "Due only", "Show only overdue and due soon", "toggle the stakeholder filter", show=False),
    A("stakeholders", "stakeholders.sort", "r", "cycle_sort", "Sort", "Change the stakeholder sort", "most overdue, name, rank, last contact", show=False),
    A("stakeholders", "stakeholders.filter", "slash", "focus_filter", "Filter", "Filter stakeholders", "by name, organization or tag", show=False),
    A("stakeholders", "stakeholders.reach-out", "t", "toggle_reach_out", "Today", "Reach out today", "toggle pane 1: who to contact, and why"),
    A("stakeholders", "stakeholders.brief", "b", "screen.brief", "Brief", "Brief before a contact", "what to have in mind about the selected one", show=False),
    A("stakeholders", "stakeholders.promise", "p", "screen.add_promise", "Promise", "Add a promise", "mine or theirs, for the selected stakeholder", show=False),
    A("stakeholders", "stakeholders.focus", "f", "screen.toggle_focus", "Focus", "Focus set: add or remove", "the 3-5 relationships of the month", show=False),
    A("filter", "stakeholders.filter-clear", "escape", "clear_and_leave", "Clear filter"),
    A("filter", "stakeholders.filter-leave", "down", "leave", "To the list", show=False),
    # -- pane 2
    A("journal", "journal.open", "enter", "screen.open_entry", "Open", "Open the journal entry", "read all of the selected entry"),
    A("journal", "journal.new", "n", "screen.log_entry", "New entry"),
    A("journal", "journal.edit", "e", "screen.edit_entry", "Edit", "Edit the journal entry", "change the selected entry"),
    A("journal", "journal.delete", "d", "screen.delete_entry", "Delete", "Delete the journal entry", "asks first; undo with u"),
    A("journal", "journal.toggle-all", "t", "toggle_all", "All / one", "Journal: everyone or one", "toggle whose entries pane 2 shows"),
    # -- pane 3
    A("reflection", "reflection.answer", "enter", "screen.answer_prompt", "Answer", "Answer the prompt", "write a reflection on the highlighted prompt"),
    A("reflection", "reflection.past", "p", "screen.past_reflections", "Past", "Past reflections", "read earlier answers"),
    A("reflection", "reflection.clear", "c", "clear_context", "Today only"),
    # -- pane 4
    A("goals", "goals.add", "a", "screen.add_goal", "Add", "Add a goal", "a counted goal or a checklist item"),
    A("goals", "goals.edit", "e", "screen.edit_goal", "Edit", "Edit the goal", "change the selected goal"),
    A("goals", "goals.check", "space", "screen.toggle_goal", "Check", "Check off the goal", "mark a checklist goal done or not done"),
    A("goals", "goals.delete", "d", "screen.delete_goal", "Delete", "Remove the goal", "asks first; undo with u"),
    A("goals", "goals.carry", "c", "screen.carry_goals", "Carry over", "Carry goals forward", "copy last month's goals into this month"),
    A("goals", "goals.previous-month", "left_square_bracket", "month(-1)", "Prev month", "Previous month's goals", "show the month before"),
    A("goals", "goals.next-month", "right_square_bracket", "month(1)", "Next month", "Next month's goals", "show the month after"),
    # -- every list
    A("list", "list.up", "up", "cursor(-1)", "Up", show=False),
    A("list", "list.down", "down", "cursor(1)", "Down", show=False),
    A("list", "list.page-up", "pageup", "page(-1)", "Page up", show=False),
    A("list", "list.page-down", "pagedown", "page(1)", "Page down", show=False),
    A("list", "list.first", "home", "jump(0)", "First", show=False),
    A("list", "list.last", "end", "jump(-1)", "Last", show=False),
    A("list", "list.open", "enter", "select", "Open", show=False),
    # -- search
    A("search", "search.back", "escape", "dismiss(None)", "Back"),
    A("search", "search.query", "ctrl+f", "focus_query", "Search words"),
    A("search-input", "search.results", "down", "screen.focus_results", "Results", show=False),
    # -- the brief, and the question after a contact
    A("brief", "brief.close", "escape,q,b", "dismiss(None)", "Close"),
    A("brief", "brief.quick-log", "l", "dismiss('quick_log')", "Quick log"),
    A("brief", "brief.log-entry", "n", "dismiss('log_entry')", "Full entry"),
    A("brief", "brief.promise", "p", "dismiss('add_promise')", "Promise"),
    A("brief", "brief.copy", "c", "copy", "Copy"),
    A("applied", "applied.skip", "escape", "answer(None)", "Skip", help="after a log: did you do what you planned? ←/→ choose, Enter answers"),
    A("applied", "applied.previous", "left", "app.focus_previous", "Previous", show=False),
    A("applied", "applied.next", "right", "app.focus_next", "Next", show=False),
    # -- promises
    A("promises", "promises.close", "escape,q", "dismiss(None)", "Close"),
    A("promises", "promises.done", "space,d", "toggle_done", "Done / open"),
    A("promises", "promises.show-done", "a", "toggle_all", "Show done"),
    # -- the stakeholder map
    A("map", "map.close", "escape,q,m", "dismiss(None)", "Close"),
    A("map", "map.influence-up", "shift+up,K", "move(1, 0)", "Influence +"),
    A("map", "map.influence-down", "shift+down,J", "move(-1, 0)", "Influence −"),
    A("map", "map.interest-up", "shift+right,L", "move(0, 1)", "Interest +"),
    A("map", "map.interest-down", "shift+left,H", "move(0, -1)", "Interest −"),
    A("map", "map.rank-up", "left_square_bracket", "rank(-1)", "Rank up"),
    A("map", "map.rank-down", "right_square_bracket", "rank(1)", "Rank down"),
    A("map", "map.focus", "f", "focus_set", "Focus"),
    # -- the contact-log review
    A("review", "review.close", "escape,q,v", "dismiss(None)", "Close"),
    A("review", "review.previous", "left_square_bracket,left", "month(-1)", "Prev month"),
    A("review", "review.next", "right_square_bracket,right", "month(1)", "Next month"),
    A("review", "review.range", "y", "toggle_range", "12 months", help="the twelve months ending with this one, or back to the month"),
    A("review", "review.dates", "g", "choose_dates", "Dates"),
    A("review", "review.copy-report", "c", "copy_report", "Copy", help="the month's Markdown report for a supervisor (as sj report) on the clipboard"),
    # -- a journal entry, read in full, and past reflections
    A("entry", "entry.close", "escape,q", "dismiss(None)", "Close"),
    A("entry", "entry.edit", "e", "dismiss('edit')", "Edit"),
    A("entry", "entry.delete", "d", "dismiss('delete')", "Delete"),
    A("follow-ups", "entry.follow-up-done", "space", "toggle", "Done / not done"),
    A("reflections", "reflections.close", "escape,q", "dismiss(None)", "Close"),
    # -- forms and dialogs
    A("form", "form.cancel", "escape", "cancel", "Cancel", help="asks if you typed something"),
    A("form", "form.save", "ctrl+s", "submit", "Save", help="Enter too, in one-line fields"),
    A("form", "form.new-line", "enter", "", "A new line, in a text box (else save)"),
    A("form", "form.next-field", "tab", "", "Next field"),
    A("formality", "form.formality", "space,left,right", "toggle", "Formal/informal", show=False),
    A("quick-log", "quick-log.toggle", "up,down", "toggle_formal", "Formal/informal"),
    A("duplicates", "duplicates.close", "escape,q", "dismiss(None)", "Close"),
    A("duplicates", "duplicates.keep-first", "m", "fold(False)", "Keep the first"),
    A("duplicates", "duplicates.keep-second", "r", "fold(True)", "Keep the second"),
    A("confirm", "confirm.yes", "y", "answer(True)", "Yes"),
    A("confirm", "confirm.no", "n,escape", "answer(False)", "No"),
    A("help", "help.close", "escape,q,question_mark,f1", "dismiss(None)", "Close"),
)  # fmt: skip

#: The help screen's sections, in order: title and the places they show.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Everywhere", ("main", "app")),
    ("1 Stakeholders", ("stakeholders", "filter")),
    ("2 Journal", ("journal",)),
    ("3 Reflection", ("reflection",)),
    ("4 Goals", ("goals",)),
    ("In every list", ("list",)),
    ("Search", ("search", "search-input")),
    ("Brief", ("brief", "applied")),
    ("Promises", ("promises",)),
    ("Stakeholder map", ("map",)),
    ("Contact log", ("review",)),
    ("A journal entry", ("entry", "follow-ups")),
    ("Duplicates", ("duplicates",)),
    ("Forms", ("form", "formality", "quick-log", "confirm")),
)

#: The panes, by place: the main screen's ids for the palette to reach them.
PANE_IDS = {
    "stakeholders": "pane-stakeholders",
    "journal": "pane-journal",
    "reflection": "pane-reflection",
    "goals": "pane-goals",
}


def at(place: str) -> list[AppAction]:
    return [a for a in ACTIONS if a.place == place]


def bindings(place: str) -> list[Binding]:
    """The ``BINDINGS`` of the screen or widget at ``place``."""
    return [a.binding() for a in at(place) if a.action and a.keys]


def palette() -> list[AppAction]:
    """What the command palette offers, in table order."""
    return [a for a in ACTIONS if a.title]


def binding_ids() -> set[str]:
    """What a key map entry in the config file may name."""
    return {a.id for a in ACTIONS if a.action and a.keys}

"""Before a contact: the brief on one stakeholder. After it: was last time's
"do differently" applied?"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from journal.brief import Brief, Note
from journal.dates import format_ago, format_due
from journal.promises import OVERDUE, PromiseItem

from .. import keys
from ..text import clean
from ..widgets.reach_out import FOCUS_MARK, KEY_MARK


def _when(due: str, today: dt.date) -> str:
    label = format_due(due, today)
    return label if label.endswith("late") else f"due {label}"


def _section(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", "bold underline")


def _note(text: Text, label: str, note: Note | None, today: dt.date) -> None:
    if note is None:
        return
    text.append(f"{label}: ", "bold")
    text.append(clean(note.text))
    text.append(f"  ({format_ago(note.date, today)})\n", "dim")


def _promise(text: Text, item: PromiseItem, today: dt.date) -> None:
    late = item.status == OVERDUE
    text.append("  ! " if late else "  ○ ", "bold red" if late else "yellow")
    text.append(clean(item.text))
    if item.due:
        text.append(f"  {_when(item.due, today)}", "red" if late else "dim")
    text.append("\n")


def brief_text(brief: Brief, today: dt.date) -> Text:
    """The whole brief as text (literal: user text is never markup)."""
    text = Text()
    subtitle = " · ".join(clean(x) for x in (brief.role, brief.organization) if x)
    if subtitle:
        text.append(subtitle + "\n", "italic")
    flags = []
    if brief.key:
        flags.append(f"{KEY_MARK} key influencer")
    if brief.focus:
        flags.append(f"{FOCUS_MARK} in this month's focus set")
    if flags:
        text.append("   ".join(flags) + "\n", "yellow")
    if brief.role_change is not None:
        text.append("Changed role since you last spoke", "bold magenta")
        text.append(f" ({brief.role_change.date}; was ")
        text.append(clean(brief.role_change.before or "not recorded"))
        text.append(")\n")

    _section(text, "Last time")
    last = brief.last_contact
    if last is None:
        text.append("No contact logged yet: a first conversation is a chance to listen.\n")
    else:
        kind = "formal" if last.formal else "informal"
        if not last.business:
            kind += ", personal"
        text.append(f"{last.date} ({format_ago(last.date, today)}) · {kind}", "bold")
        if last.channel:
            text.append(f" · {clean(last.channel)}")
        text.append("\n")
        if last.headline:
            text.append(clean(last.headline) + "\n")
    _note(text, "How they reacted", brief.reaction, today)
    _note(text, "You would do differently", brief.differently, today)
    _note(text, "Your plan for this time", brief.next_time, today)

    _section(text, "Promises")
    if not brief.my_promises and not brief.their_promises:
        text.append("None open either way.\n", "dim")
    if brief.my_promises:
        text.append("You promised them:\n")
        for item in brief.my_promises:
            _promise(text, item, today)
    if brief.their_promises:
        text.append("They promised you:\n")
        for item in brief.their_promises:
            _promise(text, item, today)
    if brief.follow_ups:
        text.append("Open follow-ups:\n")
        for follow_up in brief.follow_ups:
            text.append("  ○ ", "yellow")
            text.append(clean(follow_up.text))
            if follow_up.due:
                text.append(f"  {_when(follow_up.due, today)}", "dim")
            text.append("\n")

    _section(text, "What matters to them")
    known = False
    for label, value in (
        ("Critical issues", brief.critical_issues),
        ("What they value", brief.values),
        ("Where their mandate is going", brief.mandate_direction),
        ("Their outlook", brief.assumptions),
    ):
        if value:
            known = True
            text.append(f"{label}: ", "bold")
            text.append(clean(value) + "\n")
    if not known:
        text.append("Not recorded yet: ask about their priorities, then note them (e).\n", "dim")

    if brief.dates:
        _section(text, "Dates")
        for line in brief.dates:
            text.append(f"  {clean(line)}\n")

    _section(text, "Outside work")
    if brief.opener:
        text.append(clean(brief.opener) + "\n")
    if brief.last_personal:
        text.append(f"Last non-business conversation: {brief.last_personal} ", "dim")
        text.append(f"({format_ago(brief.last_personal, today)})\n", "dim")
    elif not brief.opener:
        text.append("No non-business conversation logged yet.\n", "dim")
    return text


class BriefScreen(ModalScreen[str | None]):
    """Dismisses with the next step chosen ("quick_log", "log_entry",
    "add_promise") or None."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("brief")

    def __init__(self, brief: Brief, today: dt.date, title: str = "") -> None:
        super().__init__()
        self.brief = brief
        self.today = today
        #: The name in the title: with the organization when a namesake has the name.
        self.title_name = title or brief.name

    def compose(self) -> ComposeResult:
        title = Text("Before you talk · ", style="bold")
        title.append(clean(self.title_name))
        with Vertical(id="brief-dialog", classes="dialog"):
            yield Label(title, id="form-title")
            with VerticalScroll(id="brief-body"):
                yield Static(brief_text(self.brief, self.today), id="brief-text")
            yield Static(
                "l: quick log · n: full entry · p: promise · c: copy · Esc: close", id="form-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#brief-body").focus()

    def action_copy(self) -> None:
        """The brief as plain text on the clipboard, to paste into notes or a mail."""
        text = f"Before you talk: {self.brief.name}\n{brief_text(self.brief, self.today).plain}"
        self.app.copy_to_clipboard(text)
        self.notify("The brief is on the clipboard.", timeout=3)


class AppliedQuestion(ModalScreen[bool | None]):
    """Was last time's plan applied? Dismisses with True, False or None (skip).

    It opens right after a log, while the user may still be typing: no
    letter answers it, and the cursor starts on Skip, so a stray key records
    nothing. An answer is a choice of button (←/→ or Tab, then Enter)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("applied")

    def __init__(self, name: str, note: Note, today: dt.date) -> None:
        super().__init__()
        self.who = name
        self.note = note
        self.today = today

    def compose(self) -> ComposeResult:
        question = Text("Last time with ")
        question.append(clean(self.who), "bold")
        question.append(f" ({format_ago(self.note.date, self.today)}) you wrote you'd do ")
        question.append("differently:\n\n")
        question.append(clean(self.note.text), "italic")
        question.append("\n\nDid you do it this time?")
        with Vertical(id="applied-dialog", classes="dialog"):
            yield Static(question, id="confirm-question")
            yield Static("←/→: choose · Enter: answer · Esc: skip", id="form-hint")
            with Horizontal(classes="buttons"):
                yield Button("Yes, I did", variant="success", id="applied-yes", compact=True)
                yield Button("No", id="applied-no", compact=True)
                yield Button("Skip", id="applied-skip", compact=True)

    def on_mount(self) -> None:
        self.query_one("#applied-skip", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"applied-yes": True, "applied-no": False}.get(event.button.id or ""))

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)

"""What panes and dialogs tell the screen that owns them: small messages
posted up, handled by the screen (attributes go down, messages come up)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from journal.copies import CopiesReport
from journal.merge import MergeResult

from .sync_loop import Version


@dataclass
class JournalScopeChanged(Message):
    """The journal pane switched between one stakeholder and everyone."""


@dataclass
class GoalsMonthChanged(Message):
    """The goals pane moved to another month."""


@dataclass
class AnswerPrompt(Message):
    """The user chose a reflection prompt to answer."""


@dataclass
class ReflectionContextCleared(Message):
    """The after-contact prompts were put away."""


@dataclass
class FollowUpToggled(Message):
    """A follow-up was marked done or open again in an entry's dialog."""

    entry_id: str
    follow_up_id: str
    done: bool


# -- the save and reload workers, to the app


@dataclass
class SaveFinished(Message):
    merged: MergeResult | None = None
    error: str | None = None


@dataclass
class ReloadFinished(Message):
    merged: MergeResult | None = None
    copies: CopiesReport | None = None
    error: str | None = None
    version: Version = None

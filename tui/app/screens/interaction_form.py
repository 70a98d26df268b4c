"""Log or edit a journal entry: a one-line summary is enough; the journal's
reflective questions are there when there is time for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.widget import Widget
from textual.widgets import Checkbox, Select

from journal import follow_ups, rules
from journal.dates import parse_date
from journal.errors import InputError, JournalError
from journal.journal import Journal
from journal.records import CHANNELS, TABLE_INTERACTIONS

from ..text import clean
from ..widgets.formality import Tick
from .form import FieldError, RecordForm

#: The reflective questions: field, label, placeholder.
QUESTIONS = (
    ("reaction", "Their reaction", "how did they respond?"),
    ("needs", "Needs I foresaw", "what did I anticipate for them?"),
    ("expectations", "Expectations", "did they get what they came for?"),
    ("their_view", "In their shoes", "what were they thinking or feeling?"),
    ("differently", "Next time I'd…", "what would I change?"),
    ("next_time", "Plan for next", "how to open the next contact"),
    ("shared", "Info shared", "an article, report, news..."),
)


def _follow_ups_text(items: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{i.get('text', '')}@{i['due']}" if i.get("due") else str(i.get("text", ""))
        for i in items
        if not i.get("done")
    )


def parse_follow_ups(
    text: str, today: dt.date, previous: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """``call back@friday; send deck`` → follow-ups (see :mod:`journal.follow_ups`)."""
    return follow_ups.parse_follow_ups(text.split(";"), today, previous)


class InteractionForm(RecordForm):
    """Dismisses with the entry's fields, or None."""

    TALL = True

    def __init__(
        self, journal: Journal, original: dict[str, Any] | None = None, who: list[str] | None = None
    ) -> None:
        self.journal = journal
        self.original = original or {}
        self.formal_chosen = False
        self.today = journal.today()
        names = journal.unique_names()
        self.who_ids = list(self.original.get("stakeholders") or who or [])
        self.who_text = ", ".join(names.get(i, i) for i in self.who_ids)
        if self.who_text:  # who it was with is filled in: start at what happened
            self.AUTO_FOCUS = "#summary"
        heading = Text("Edit journal entry" if original else "New journal entry", style="bold")
        if self.who_text:
            heading.append(" · ")
            heading.append(clean(self.who_text), style="")
        super().__init__(heading, original, TABLE_INTERACTIONS)

    def fields(self) -> Iterable[Widget]:
        raw = self.original
        yield from self.field("who", "With *", self.who_text, placeholder="names, comma-separated")
        yield from self.area(
            "summary",
            "What happened *",
            raw.get("summary", ""),
            placeholder="a line is enough: what I said or did",
        )
        yield from self.field(
            "date",
            "Date",
            raw.get("date") or "today",
            placeholder="today, yesterday, 3d ago, 2026-11-02",
            check=self._check_date,
        )
        channel = raw.get("channel") or rules.DEFAULT_CHANNEL
        personal = raw.get("business") is False
        # A new entry starts from the one rule (journal.rules.is_formal) and
        # follows the channel and the personal tick until the user sets it.
        formal = raw.get("formal", rules.is_formal(channel, personal=personal))
        yield self.row("", Tick("Formal", formal, id="formal"))
        yield self.row("", Tick("Personal (not business)", personal, id="personal"))
        choices = list(CHANNELS) if channel in CHANNELS else [*CHANNELS, channel]
        yield self.row(
            "Channel",
            Select(
                [(clean(c), c) for c in choices],
                value=channel,
                id="channel",
                compact=True,
                allow_blank=False,
            ),
        )
        yield self.section("Reflect (optional)")
        for name, label, placeholder in QUESTIONS:
            yield from self.area(name, label, raw.get(name, "") or "", placeholder=placeholder)
        yield from self.field(
            "follow_ups",
            "Follow-ups",
            _follow_ups_text(raw.get("follow_ups") or []),
            placeholder="send the deck@friday; call back@in 2w",
            check=lambda t: parse_follow_ups(t, self.today),
        )
        yield from self.field(
            "new_person", "New person met", raw.get("new_person_name", "") or "", placeholder="name"
        )
        minutes = raw.get("minutes")
        yield from self.field(
            "minutes", "Minutes spent", "" if minutes is None else str(minutes), check=_minutes
        )

    @on(Select.Changed, "#channel")
    @on(Checkbox.Changed, "#personal")
    def _formality_follows(self) -> None:
        if self.original or self.formal_chosen:
            return  # an entry's kind, or the user's own choice, stays
        tick = self.query_one("#formal", Tick)
        with tick.prevent(Checkbox.Changed):
            tick.value = rules.is_formal(self.choice("channel"), personal=self.checked("personal"))

    @on(Checkbox.Changed, "#formal")
    def _formality_chosen(self) -> None:
        self.formal_chosen = True

    def stakeholder_ids(self) -> list[str]:
        """Who it was with: the people the form was opened on while the
        field still names them as filled in, or whoever the typed names
        resolve to."""
        typed = self.text("who")
        if self.who_ids and typed == self.who_text:
            return self.who_ids
        names = [n.strip() for n in typed.split(",") if n.strip()]
        if not names:
            raise FieldError("who", "Who was it with? Type a name (or part of it).")
        ids: list[str] = []
        for name in names:
            try:
                ids.append(self.journal.resolve(name).id)
            except JournalError as exc:
                raise FieldError("who", str(exc)) from None
        return ids

    def _check_date(self, text: str) -> dt.date:
        return contact_day(text, self.today)

    def build(self) -> dict[str, Any]:
        ids = self.stakeholder_ids()
        summary = self.text("summary")
        if not summary:
            raise FieldError("summary", "Say in a few words what happened.")
        new_person = self.text("new_person")
        values: dict[str, Any] = {
            "stakeholders": list(dict.fromkeys(ids)),
            "summary": summary,
            "date": self._check_date(self.text("date")).isoformat(),
            "formal": self.checked("formal"),
            "business": not self.checked("personal"),
            "channel": self.choice("channel") or "meeting",
            "follow_ups": parse_follow_ups(
                self.text("follow_ups"), self.today, self.original.get("follow_ups")
            ),
            "new_person": bool(new_person)
            or bool(self.original.get("new_person") and not self.original.get("new_person_name")),
            "new_person_name": new_person,
            "minutes": _minutes(self.text("minutes")),
        }
        for name, _label, _placeholder in QUESTIONS:
            values[name] = self.text(name)
        return values


def contact_day(text: str, today: dt.date) -> dt.date:
    """The day a contact happened, as typed (empty: today); never in the future."""
    day = parse_date(text or "today", today)
    if day > today:
        raise InputError(f"{day} is in the future: log contacts once they happened.")
    return day


def _minutes(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise InputError("Minutes is a whole number, e.g. 45, or empty.")
    return int(text)

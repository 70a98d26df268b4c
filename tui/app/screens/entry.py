"""Read a whole journal entry; tick its follow-ups off. And the list of past
reflections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from .. import keys
from ..messages import FollowUpToggled
from ..text import clean, first_line
from ..widgets.rowlist import RowList
from .interaction_form import QUESTIONS

LABELS = {name: label for name, label, _placeholder in QUESTIONS}


class EntryScreen(ModalScreen[str | None]):
    """Dismisses with "edit", "delete" or None; follow-up ticks are applied
    through the app as they happen."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("entry")

    def __init__(self, entry: dict[str, Any], names: dict[str, str]) -> None:
        super().__init__()
        self.entry = entry
        self.names = names

    def compose(self) -> ComposeResult:
        entry = self.entry
        who = ", ".join(clean(self.names.get(s, "?")) for s in entry.get("stakeholders", ()))
        title = Text(f"{entry.get('date', '')} · ", style="bold")
        title.append(who)
        kind = "formal" if entry.get("formal", True) else "informal"
        if entry.get("business") is False:
            kind += ", personal"
        body = Text()
        body.append(f"{kind} · {clean(entry.get('channel', ''))}", "italic")
        if entry.get("minutes"):
            body.append(f" · {entry['minutes']} min")
        body.append("\n\n")
        body.append(clean(entry.get("summary", "")))
        body.append("\n")
        for name, label in LABELS.items():
            if entry.get(name):
                body.append(f"\n{label}: ", "bold")
                body.append(clean(entry[name]))
        if entry.get("new_person"):
            body.append("\nNew person met: ", "bold")
            body.append(clean(entry.get("new_person_name") or "yes"))
        with Vertical(id="entry-dialog", classes="dialog"):
            yield Label(title, id="form-title")
            with VerticalScroll(id="entry-body"):
                yield Static(body)
                follow_ups = entry.get("follow_ups") or []
                if follow_ups:
                    yield Static(Text("Follow-ups (space: done / not done)", style="bold"))
                    yield FollowUpList(id="follow-ups")
            yield Static("e: edit · d: delete · Esc: close", id="form-hint")

    def on_mount(self) -> None:
        for items in self.query(FollowUpList):
            items.set_items([dict(f) for f in self.entry.get("follow_ups") or []])
            items.focus()

    def on_follow_up_list_toggle(self, event: FollowUpList.Toggle) -> None:
        item = event.item
        item["done"] = not item.get("done")
        self.app.post_message(FollowUpToggled(self.entry["id"], item.get("id", ""), item["done"]))


class FollowUpList(RowList):
    """The entry's follow-ups: ✓ done, ○ open."""

    @dataclass
    class Toggle(Message):
        item: dict[str, Any]

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("follow-ups")

    DEFAULT_CSS = "FollowUpList { height: auto; max-height: 8; }"

    def render_item(self, item: dict[str, Any], width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        done = bool(item.get("done"))
        text.append("✓ done " if done else "○ open ", "green" if done else "yellow")
        text.append(clean(item.get("text", "")), "dim strike" if done else "")
        if item.get("due"):
            text.append(f"  due {item['due']}", "dim")
        return text

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.items)

    def action_toggle(self) -> None:
        if self.item is not None:
            self.post_message(self.Toggle(self.item))
            self.refresh()

    def action_select(self) -> None:
        self.action_toggle()


class ReflectionList(RowList):
    def render_item(self, item: dict[str, Any], width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(str(item.get("date", ""))[:10], "bold")
        text.append(" ")
        text.append(first_line(str(item.get("answer") or "")[:width]))
        return text


class PastReflectionsScreen(ModalScreen[None]):
    """Every reflection, newest first; the highlighted one in full below."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("reflections")

    def __init__(self, reflections: list[dict[str, Any]], names: dict[str, str]) -> None:
        super().__init__()
        self.reflections = reflections
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(id="reflections-dialog", classes="dialog"):
            yield Label(
                Text(f"Past reflections · {len(self.reflections)}", style="bold"), id="form-title"
            )
            yield ReflectionList(id="reflection-list")
            with VerticalScroll(id="reflection-detail"):
                yield Static(id="reflection-text")
            yield Static("↑↓: browse · Esc: close", id="form-hint")

    def on_mount(self) -> None:
        rows = self.query_one(ReflectionList)
        rows.set_items(self.reflections)
        rows.focus()
        self._show(rows.item)

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show(event.item)

    def _show(self, item: dict[str, Any] | None) -> None:
        text = Text()
        if item is None:
            text.append("No reflections yet: answer a prompt in pane 3.")
        else:
            text.append(clean(item.get("prompt", "")), "italic")
            about = self.names.get(item.get("stakeholder") or "")
            if about:
                text.append(" (about ")
                text.append(clean(about))
                text.append(")")
            text.append("\n\n")
            text.append(clean(item.get("answer", "")))
        self.query_one("#reflection-text", Static).update(text)

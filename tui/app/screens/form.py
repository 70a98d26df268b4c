"""The base of every modal form: labelled fields, inline validation, and a
guard against losing what was typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from journal.errors import JournalError
from journal.sparse import with_defaults

from .. import keys
from ..text import NEWLINE_MARK, clean, one_line
from ..widgets.formality import FormalityToggle
from .confirm import ConfirmDialog

T = TypeVar("T")


class FieldError(Exception):
    """A field's value is not valid; the message is shown under the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class FormScreen(ModalScreen[T]):
    """Subclasses yield their fields from ``fields()`` and build their result
    in ``build()``, raising FieldError for a bad field."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("form")
    HINT = "Enter or ctrl+s: save · Esc: cancel"
    #: The hint of a form with multi-line fields, where Enter starts a new line.
    AREA_HINT = "ctrl+s: save · Enter: a new line in a text box, else save · Esc: cancel"
    SUBMIT_LABEL = "Save"
    AUTO_FOCUS = "#form-fields Input, #form-fields TextArea, #form-fields Select"
    #: Long forms take most of the screen and scroll; short ones fit their content.
    TALL = False
    SUBMIT_ON_ENTER = True

    def __init__(self, heading: Text | str) -> None:
        super().__init__()
        self.heading = heading if isinstance(heading, Text) else Text(heading)
        #: Field id → check(text) that raises JournalError on a bad value.
        self.checks: dict[str, Callable[[str], object]] = {}
        self.initial: dict[str, Any] = {}
        #: The change layer's check of the whole result (``journal.actions``),
        #: run before the form closes: its error shows under the field it
        #: names, and the form stays open with what was typed.
        self.precheck: Callable[[T], object] | None = None

    # -- layout

    def compose(self) -> ComposeResult:
        fields = list(self.fields())
        if any(isinstance(w, Horizontal) and w.has_class("-area") for w in fields):
            self.HINT = self.AREA_HINT
        with Vertical(id="form-dialog", classes="dialog -tall" if self.TALL else "dialog"):
            yield Label(self.heading, id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from fields
            yield Static(self.HINT, id="form-hint")
            with Horizontal(classes="buttons"):
                yield Button(self.SUBMIT_LABEL, variant="primary", id="form-save", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def fields(self) -> Iterable[Widget]:  # pragma: no cover - abstract
        return ()

    def field(
        self,
        field_id: str,
        label: str,
        value: str = "",
        *,
        placeholder: str = "",
        check: Callable[[str], object] | None = None,
    ) -> Iterable[Widget]:
        """A labelled one-line input, with room for its error underneath. A
        newline in the value shows as ⏎ (and is a newline again when saved)."""
        if check is not None:
            self.checks[field_id] = check
        yield Horizontal(
            Label(label, classes="field-label"),
            Input(one_line(value), id=field_id, placeholder=placeholder, compact=True),
            classes="field-row",
        )
        yield Static("", id=f"{field_id}-error", classes="field-error")

    def area(
        self, field_id: str, label: str, value: str = "", *, placeholder: str = ""
    ) -> Iterable[Widget]:
        """A labelled multi-line text box (Enter starts a new line; it grows
        to a few lines, then scrolls), with room for its error underneath."""
        yield Horizontal(
            Label(label, classes="field-label"),
            TextArea(
                clean(value),
                id=field_id,
                placeholder=placeholder,
                soft_wrap=True,
                compact=True,
                highlight_cursor_line=False,
            ),
            classes="field-row -area",
        )
        yield Static("", id=f"{field_id}-error", classes="field-error")

    def row(self, label: str, widget: Widget) -> Widget:
        """Any widget with a label in front."""
        return Horizontal(Label(label, classes="field-label"), widget, classes="field-row")

    def section(self, title: str) -> Widget:
        return Static(Text(title, style="bold"), classes="form-section")

    # -- values

    def snapshot(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for widget in self.query("#form-fields Input, #form-fields Checkbox, #form-fields Select"):
            values[widget.id or ""] = widget.value  # type: ignore[attr-defined]
        for area in self.query("#form-fields TextArea").results(TextArea):
            values[area.id or ""] = area.text
        for toggle in self.query("#form-fields FormalityToggle").results(FormalityToggle):
            values[toggle.id or ""] = toggle.formal
        return values

    @property
    def dirty(self) -> bool:
        """Whether something was typed or changed since the form opened."""
        return bool(self.initial) and self.snapshot() != self.initial

    def text(self, field_id: str) -> str:
        """A text field's value, trimmed; a one-line field's ⏎ is a newline again."""
        widget = self.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            return widget.text.strip()
        return self.query_one(f"#{field_id}", Input).value.replace(NEWLINE_MARK, "\n").strip()

    def checked(self, field_id: str) -> bool:
        return self.query_one(f"#{field_id}", Checkbox).value

    def choice(self, field_id: str) -> Any:
        value = self.query_one(f"#{field_id}", Select).value
        return None if value is Select.NULL else value

    def build(self) -> T:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- validation

    def on_mount(self) -> None:
        for area in self.query("#form-fields TextArea").results(TextArea):
            area.move_cursor(area.document.end)  # editing goes on after the text
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self.initial = self.snapshot()
        replay = getattr(self.app, "replay_typed_ahead", None)
        if replay is not None:
            replay()  # what was typed while the form was opening

    def show_error(self, field_id: str, message: str | None) -> None:
        try:
            error = self.query_one(f"#{field_id}-error", Static)
        except Exception:
            if message:
                self.notify(message, severity="error", markup=False)
            return
        error.update(Text(message or ""))
        error.display = bool(message)
        self.query_one(f"#{field_id}").set_class(bool(message), "-invalid-field")

    def check_field(self, field_id: str) -> bool:
        check = self.checks.get(field_id)
        if check is None:
            return True
        try:
            check(self.text(field_id))
        except JournalError as exc:
            self.show_error(field_id, str(exc))
            return False
        self.show_error(field_id, None)
        return True

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        if event.input.id:
            self.check_field(event.input.id)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        # Only a field already marked: its mark goes away as soon as it
        # changes (or, with a check of its own, once the value is right),
        # without shouting while it is being typed.
        widget = getattr(event, "control", None)
        if widget is None or not widget.id or not widget.has_class("-invalid-field"):
            return
        if widget.id in self.checks:
            self.check_field(widget.id)
        else:
            self.show_error(widget.id, None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.SUBMIT_ON_ENTER:
            self.action_submit()

    # -- actions

    def action_submit(self) -> None:
        if not all([self.check_field(field_id) for field_id in self.checks]):
            self._focus_first_error()
            return
        try:
            result = self.build()
        except FieldError as exc:
            self.show_error(exc.field, str(exc))
            self.query_one(f"#{exc.field}").focus()
            return
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if self.precheck is not None:
            try:
                self.precheck(result)
            except JournalError as exc:
                self._show_domain_error(exc)
                return
        self.dismiss(result)

    def _show_domain_error(self, exc: JournalError) -> None:
        field = getattr(exc, "field", None)
        if field and self.query(f"#{field}-error"):
            self.show_error(field, str(exc))
            self.query_one(f"#{field}").focus()
        else:
            self.notify(str(exc), severity="error", markup=False)

    def _focus_first_error(self) -> None:
        for widget in self.query(".-invalid-field"):
            widget.focus()
            return

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard what you typed in this form?", "Discard", "Keep editing"),
            answered,
        )

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class RecordForm(FormScreen[dict[str, Any]]):
    """A form that adds or edits one record: ``original`` is the record as it
    was when the form opened (empty when adding)."""

    def __init__(
        self, heading: Text | str, original: dict[str, Any] | None = None, table: str = ""
    ) -> None:
        super().__init__(heading)
        # A sparse record (see journal.records) with its missing fields at
        # their defaults, so an untouched empty field is not a change.
        self.original = with_defaults(original, table) if original else {}

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """Only what the user changed, so fields edited elsewhere meanwhile
        (another machine, merged on save) stay as they are."""
        original = self.original
        # Text fields are shown cleaned of control characters: an unchanged
        # cleaned value must not overwrite the stored one.
        return {
            k: v
            for k, v in values.items()
            if v != original.get(k)
            and not (isinstance(v, str) and v == clean(original.get(k) or "").strip())
        }

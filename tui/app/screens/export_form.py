"""The export form: what `sj export` writes, to a file the user names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.widgets import Input, Select

from journal import exporting
from journal.errors import InputError, JournalError
from journal.journal import Journal

from ..widgets.formality import Tick
from .form import FieldError, FormScreen

#: Format → what the form says of it, and the file name it suggests.
EXPORT_CHOICES = (
    ("json", "the whole journal (JSON)", "journal-copy.json"),
    ("csv", "a table (CSV)", "stakeholders.csv"),
    ("vcard", "the people as vCards", "people.vcf"),
    ("markdown", "a handover pack (Markdown)", "handover.md"),
)


class ExportForm(FormScreen[dict[str, Any]]):
    """Dismisses with format, table, who, reflections, path and force."""

    TALL = False
    SUBMIT_LABEL = "Export"
    HINT = "Enter or ctrl+s: export · Esc: cancel"

    def fields(self) -> Iterable[Widget]:
        yield self.row(
            "Format",
            Select(
                [(label, value) for value, label, _file in EXPORT_CHOICES],
                value="json",
                id="format",
                compact=True,
                allow_blank=False,
            ),
        )
        yield self.row(
            "Table (CSV)",
            Select(
                [(t, t) for t in exporting.CSV_TABLES],
                value="stakeholders",
                id="table",
                compact=True,
                allow_blank=False,
            ),
        )
        yield from self.field("who", "Who (Markdown)", placeholder="empty: everyone")
        yield self.row("", Tick("With private reflections (Markdown)", id="reflections"))
        yield from self.field(
            "path", "File", str(Path.home() / "journal-copy.json"), placeholder="~/people.vcf"
        )
        yield self.row("", Tick("Replace the file if it exists", id="force"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "format":
            return
        path = Path(self.text("path")).expanduser()
        names = {file for _v, _l, file in EXPORT_CHOICES}
        if path.name in names:  # still the suggested name: follow the format
            file = next(f for v, _l, f in EXPORT_CHOICES if v == event.value)
            self.query_one("#path", Input).value = str(path.with_name(file))

    def build(self) -> dict[str, Any]:
        path = self.text("path")
        if not path:
            raise FieldError("path", "Name the file to write, e.g. ~/people.vcf.")
        return {
            "format": self.choice("format") or "json",
            "table": self.choice("table") or "stakeholders",
            "who": self.text("who"),
            "reflections": self.checked("reflections"),
            "path": Path(path).expanduser(),
            "force": self.checked("force"),
        }


def who_of(journal: Journal, values: dict[str, Any]) -> str | None:
    if values["format"] != "markdown" or not values["who"]:
        return None
    try:
        return journal.resolve(values["who"]).id
    except JournalError as exc:
        raise InputError(str(exc), field="who") from None


def check_export(journal: Journal, values: dict[str, Any]) -> None:
    who_of(journal, values)
    try:
        exporting.check_target(values["path"], journal=journal, force=values["force"])
    except InputError as exc:
        hint = " Tick Replace to write over it." if exc.hint == "force" else ""
        raise InputError(f"{exc}{hint}", field="path") from None

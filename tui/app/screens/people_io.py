"""Export… and Duplicates, reached from the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from journal import exporting
from journal.duplicates import SAME_EMAIL, SAME_NAME, SIMILAR, Pair, find_pairs
from journal.errors import InputError, JournalError
from journal.journal import Journal
from journal.people_merge import merge_people
from journal.records import TABLE_STAKEHOLDERS
from journal.rules import described

from ..text import clean
from ..widgets.formality import Tick
from ..widgets.line import Line
from ..widgets.rowlist import RowList
from .confirm import ConfirmDialog
from .form import FieldError, FormScreen

if TYPE_CHECKING:
    from .main import MainScreen

    _Base = MainScreen
else:
    _Base = object

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


def _who(journal: Journal, values: dict[str, Any]) -> str | None:
    if values["format"] != "markdown" or not values["who"]:
        return None
    try:
        return journal.resolve(values["who"]).id
    except JournalError as exc:
        raise InputError(str(exc), field="who") from None


def _check_export(journal: Journal, values: dict[str, Any]) -> None:
    _who(journal, values)
    try:
        exporting.check_target(values["path"], force=values["force"])
    except InputError as exc:
        hint = " Tick Replace to write over it." if exc.hint == "force" else ""
        raise InputError(f"{exc}{hint}", field="path") from None


#: The reasons, short enough for a column.
REASONS = {SAME_EMAIL: "same e-mail", SAME_NAME: "same name", SIMILAR: "similar"}


class PairList(RowList):
    """Why, the two names, and their organizations."""

    def render_item(self, item: Pair, width: int) -> Text:
        first, second = item.first, item.second
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{REASONS.get(item.reason, item.reason):<13}", "yellow")
        text.append(clean(first.get("name", "")), "bold")
        text.append("  ·  ")
        text.append(clean(second.get("name", "")), "bold")
        orgs = {clean(r.get("organization") or "") for r in (first, second)} - {""}
        if orgs:
            text.append(f"   {' / '.join(sorted(orgs))}", "dim")
        return text


class DuplicatesScreen(ModalScreen[None]):
    """Likely duplicate pairs; m folds the second of a pair into the first,
    r the first into the second (after a question)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close", id="duplicates.close"),
        Binding("m", "fold(False)", "Keep the first", id="duplicates.keep-first"),
        Binding("r", "fold(True)", "Keep the second", id="duplicates.keep-second"),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicates-dialog", classes="dialog"):
            yield Label(Text("Likely duplicates", style="bold"), id="form-title")
            yield Line(id="duplicates-summary")
            yield PairList(id="pair-list")
            yield Static(
                "m: keep the first, fold in the second · r: keep the second · Esc: close",
                id="form-hint",
            )

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PairList).focus()

    def reload(self) -> None:
        with self.journal.reading():
            pairs = find_pairs(self.journal.records(TABLE_STAKEHOLDERS))
        self.query_one(PairList).set_items(pairs, cursor=0 if pairs else None)
        summary = (
            f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''} that may be one person"
            if pairs
            else "No likely duplicates."
        )
        self.query_one("#duplicates-summary", Line).update(Text(summary))

    @work
    async def action_fold(self, swap: bool) -> None:
        pair = self.query_one(PairList).item
        if pair is None:
            return
        keep, other = (pair.second, pair.first) if swap else (pair.first, pair.second)
        question = Text("Fold ") + Text(clean(described(other))) + Text(" into ")
        question += Text(clean(described(keep))) + Text("? Their entries will name the one kept.")
        if not await self.app.push_screen_wait(ConfirmDialog(question, yes="Fold")):
            return
        app: Any = self.app
        if app.apply(lambda: merge_people(self.journal, keep["id"], other["id"])) is not None:
            self.notify(
                f"{clean(other.get('name', ''))} folded into {clean(keep.get('name', ''))}."
            )
            self.reload()


class InOutActions(_Base):
    """Mixed into MainScreen: Export… and Duplicates."""

    @work
    async def action_export(self) -> None:
        form = ExportForm(Text("Export", style="bold"))
        form.precheck = lambda values: _check_export(self.journal, values)
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        try:
            payload = exporting.export_payload(
                self.journal,
                values["format"],
                table=values["table"],
                who=_who(self.journal, values),
                reflections=values["reflections"],
            )
            exporting.write_file(values["path"], payload, force=values["force"])
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Exported to {values['path']}.", markup=False)

    def action_duplicates(self) -> None:
        self.app.push_screen(DuplicatesScreen(self.journal))

"""Export… and Duplicates, reached from the command palette. The screens
load when first opened (the duplicates one brings rapidfuzz)."""

from __future__ import annotations

from rich.text import Text
from textual import work

from journal.errors import JournalError

from .main_base import DIALOG, MainBase


class InOutActions(MainBase):
    """Part of the main screen: Export… and Duplicates."""

    @work(group=DIALOG)
    async def action_export(self) -> None:
        from journal import exporting

        from .export_form import ExportForm, check_export, who_of

        form = ExportForm(Text("Export", style="bold"))
        form.precheck = lambda values: check_export(self.journal, values)
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        try:
            payload = exporting.export_payload(
                self.journal,
                values["format"],
                table=values["table"],
                who=who_of(self.journal, values),
                reflections=values["reflections"],
            )
            exporting.write_file(
                values["path"], payload, journal=self.journal, force=values["force"]
            )
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Exported to {values['path']}.", markup=False)

    def action_duplicates(self) -> None:
        from .duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(self.journal))

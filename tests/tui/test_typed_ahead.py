"""Keys typed ahead while the app is busy: the key that opens a form or a
dialog is followed by keys that reach the main screen before it is up."""

from __future__ import annotations

from textual import events

from journal.records import TABLE_STAKEHOLDERS
from tui.app.screens.confirm import ConfirmDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.small_forms import QuickLogForm

from .conftest import make_app, open_journal, settle


def type_ahead(app, keys: str) -> None:
    """Every key queued before the app handles the first, as when it is busy."""
    for char in keys:
        app.post_message(events.Key("space" if char == " " else char, char))


async def test_what_follows_the_quick_log_key_goes_into_the_form_not_to_other_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        type_ahead(app, "lCoffee met")  # m opens the map, e edits: neither may happen
        await pilot.pause()
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [MainScreen, QuickLogForm]
        assert app.screen.query_one("#summary").value == "Coffee met"


async def test_a_key_typed_ahead_never_answers_a_confirmation(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        type_ahead(app, "dy")  # d asks before deleting; y would say yes
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        type_ahead(app, "l")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuickLogForm)
        assert app.screen.query_one("#summary").value == ""  # the old y is not replayed
        await pilot.press("escape")
        await settle(pilot)
    assert not any(s.get("deleted") for s in open_journal(tmp_path).records(TABLE_STAKEHOLDERS))

"""Rules the command line and the app share, driven through both faces with
the same input and the same expected result (today is Saturday 2026-11-28)."""

from __future__ import annotations

import pytest

from journal.records import Stakeholder
from tests.cli.conftest import machine_env, run_process

from .conftest import make_app, open_journal, settle

#: What the user types as a follow-up → (its text, its due date).
FOLLOW_UPS = [
    ("send the deck@friday", ("send the deck", "2026-12-04")),  # the next Friday
    ("email raj@example.org", ("email raj@example.org", None)),
    ("email raj@example.org@friday", ("email raj@example.org", "2026-12-04")),
    ("call back@2026-12-10", ("call back", "2026-12-10")),
    ("write to team@lists", ("write to team@lists", None)),  # not a date: all text
]


@pytest.mark.parametrize(("typed", "stored"), FOLLOW_UPS)
def test_follow_up_on_the_command_line(typed, stored, tmp_path):
    env = machine_env(tmp_path / "home", tmp_path / "j.json")
    assert run_process(["add", "Ana Ruiz"], env).code == 0
    logged = run_process(["log", "ana", "--follow-up", typed, "Call"], env)
    assert logged.code == 0, logged.err
    [entry] = run_process(["show", "ana", "--json"], env).json()["recent"]
    assert [(f["text"], f["due"]) for f in entry["follow_ups"]] == [stored]


@pytest.mark.parametrize(("typed", "stored"), FOLLOW_UPS)
async def test_follow_up_in_the_entry_form(typed, stored, tmp_path):
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#summary").value = "Call"
        app.screen.query_one("#follow_ups").value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert [(f["text"], f["due"]) for f in entry["follow_ups"]] == [stored]

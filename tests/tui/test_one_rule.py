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


def _cli(tmp_path):
    env = machine_env(tmp_path / "home", tmp_path / "j.json")

    def run(*args):
        return run_process(list(args), env)

    return run


def test_snooze_on_the_command_line_takes_a_weekday_and_clears(tmp_path):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz", "--every", "2w")
    assert sj("snooze", "ana", "friday").code == 0
    assert sj("show", "ana", "--json").json()["stakeholder"]["snooze_until"] == "2026-12-04"
    assert sj("snooze", "ana", "none").code == 0
    assert sj("show", "ana", "--json").json()["stakeholder"]["snooze_until"] is None
    sj("snooze", "ana", "in 2w")
    assert sj("snooze", "ana", "--clear").code == 0
    assert sj("show", "ana", "--json").json()["stakeholder"]["snooze_until"] is None


def test_tags_on_the_command_line_ignore_case(tmp_path):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz", "--tag", "Forestry")
    assert [s["name"] for s in sj("list", "--tag", "FORESTRY", "--json").json()] == ["Ana Ruiz"]
    assert sj("show", "ana", "--json").json()["stakeholder"]["tags"] == ["forestry"]
    nobody = sj("list", "--tag", "fishing")
    assert nobody.code == 0 and "Nobody has the tag 'fishing'" in nobody.out


#: What was typed on `sj log` → formal?
FORMALITY = [
    (["--personal", "Lunch, talked about family"], False),
    (["--via", "lunch", "Lunch"], False),
    (["--via", "call", "Call"], True),
    (["Meeting"], True),
    (["--via", "coffee", "--formal", "Coffee with an agenda"], True),
]


@pytest.mark.parametrize(("typed", "formal"), FORMALITY)
def test_formal_or_informal_on_the_command_line(tmp_path, typed, formal):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz")
    assert sj("log", "ana", *typed).code == 0
    [entry] = sj("show", "ana", "--json").json()["recent"]
    assert entry["formal"] is formal


def test_one_person_twice_on_the_command_line(tmp_path):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz", "--org", "Forestry Board")
    again = sj("add", "ana ruíz", "--org", "forestry board")
    assert again.code == 1 and "Ana Ruiz (Forestry Board, " in again.err
    elsewhere = sj("add", "Ana Ruiz", "--org", "City Hall")
    assert elsewhere.code == 0 and "same name: Ana Ruiz (Forestry Board" in elsewhere.err
    shown = sj("show", "Ana Ruiz (City Hall)", "--json")
    assert shown.json()["stakeholder"]["organization"] == "City Hall"
    sj("add", "Raj Patel", "--org", "City Hall")
    renamed = sj("edit", "raj", "--name", "ANA RUIZ")
    assert renamed.code == 1 and "already in the journal" in renamed.err

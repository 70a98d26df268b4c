"""Rules the command line and the app share, driven through both faces with
the same input and the same expected result (today is Saturday 2026-11-28)."""

from __future__ import annotations

import pytest

from journal.records import Stakeholder
from tests.cli.conftest import machine_env, run_process

from .conftest import make_app, open_journal, settle, type_text

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
    entry = await _logged_in_the_entry_form(tmp_path, follow_ups=typed)
    assert [(f["text"], f["due"]) for f in entry["follow_ups"]] == [stored]


async def _logged_in_the_entry_form(tmp_path, **fields: str) -> dict:
    """Ana's one entry, logged through the app's full form with "Call" and
    ``fields`` (one-line field id → text) typed in."""
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#summary").text = "Call"
        for field, text in fields.items():
            app.screen.query_one(f"#{field}").value = text
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
    return entry


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
    assert nobody.code == 0 and "No one has the tag 'fishing'." in nobody.out
    typo = sj("list", "--tag", "forestri")
    assert "No one has the tag 'forestri'; did you mean forestry?" in typo.out


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


# -- the same rules through the app


async def _snooze_in_app(tmp_path, typed: str):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana Ruiz", cadence_days=14, snooze_until="2026-12-20"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#until").value = typed
        await pilot.press("enter")
        await settle(pilot)
        assert not app.screen.query("#until-error") or "after today" not in str(
            app.screen.query_one("#until-error").render()
        )
        [ana] = app.journal.records("stakeholders")
        return ana.get("snooze_until")


async def test_snooze_in_the_app_takes_a_weekday_as_the_next_one(tmp_path):
    # Saturday 2026-11-28: friday is the coming Friday, as `sj snooze` reads it.
    assert await _snooze_in_app(tmp_path, "friday") == "2026-12-04"


async def test_snooze_in_the_app_clears_with_none(tmp_path):
    assert await _snooze_in_app(tmp_path, "none") is None


async def test_a_tag_typed_in_the_app_is_found_on_the_command_line(tmp_path):
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#name").value = "Ana Ruiz"
        app.screen.query_one("#tags").value = "Forestry, First Nations"
        await pilot.press("ctrl+s")
        await settle(pilot)
    env = machine_env(tmp_path / "home", tmp_path / "j.json")
    found = run_process(["list", "--tag", "forestry", "--json"], env)
    assert [s["name"] for s in found.json()] == ["Ana Ruiz"]
    shown = run_process(["show", "ana", "--json"], env).json()["stakeholder"]
    assert shown["tags"] == ["first nations", "forestry"]


#: Channel and personal tick chosen in the entry form → formal?  The same
#: answers as `sj log --via ... [--personal]` above.
FORM_FORMALITY = [("lunch", False, False), ("call", False, True), ("meeting", True, False)]


@pytest.mark.parametrize(("channel", "personal", "formal"), FORM_FORMALITY)
async def test_the_entry_form_prefills_formal_from_the_one_rule(
    tmp_path, channel, personal, formal
):
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#summary").text = "Talked"
        app.screen.query_one("#channel").value = channel
        app.screen.query_one("#personal").value = personal
        await pilot.pause()
        assert app.screen.query_one("#formal").value is formal
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["formal"] is formal and entry["channel"] == channel


async def test_the_users_own_formal_choice_wins_over_the_channel(tmp_path):
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#summary").text = "Coffee with an agenda"
        app.screen.query_one("#formal").value = False  # the user unticks it first
        await pilot.pause()
        app.screen.query_one("#formal").value = True
        await pilot.pause()
        app.screen.query_one("#channel").value = "coffee"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["formal"] is True and entry["channel"] == "coffee"


async def _add_in_app(pilot, name: str, organization: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    pilot.app.screen.query_one("#name").value = name
    pilot.app.screen.query_one("#organization").value = organization
    await pilot.press("ctrl+s")
    await pilot.pause()  # a refused form stays open (its worker still waits)


async def test_one_person_twice_in_the_app_is_refused_under_the_name(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana Ruiz", organization="Forestry Board"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await _add_in_app(pilot, "ana ruíz", "forestry board")
        error = str(app.screen.query_one("#name-error").render())
        assert "Ana Ruiz (Forestry Board" in error and "already in the journal" in error
        await pilot.press("escape")
        await pilot.pause()
        if type(app.screen).__name__ == "ConfirmDialog":
            await pilot.press("y")
            await pilot.pause()
        await _add_in_app(pilot, "Ana Ruiz", "City Hall")
        await settle(pilot)
        names = sorted((s["name"], s["organization"]) for s in app.journal.records("stakeholders"))
        assert names == [("Ana Ruiz", "City Hall"), ("Ana Ruiz", "Forestry Board")]
    env = machine_env(tmp_path / "home", tmp_path / "j.json")
    shown = run_process(["show", "Ana Ruiz (City Hall)", "--json"], env)
    assert shown.json()["stakeholder"]["organization"] == "City Hall"


async def test_renaming_into_someone_else_in_the_app_is_refused(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana Ruiz", organization="City Hall"))
    journal.add(Stakeholder(name="Raj Patel", organization="City Hall"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        rows = app.screen.stakeholders.list
        rows.cursor = next(i for i, r in enumerate(rows.items) if r.raw["name"] == "Raj Patel")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name").value = "ANA RUIZ"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already in the journal" in str(app.screen.query_one("#name-error").render())
    assert sorted(s["name"] for s in open_journal(tmp_path).records("stakeholders")) == [
        "Ana Ruiz",
        "Raj Patel",
    ]


@pytest.mark.parametrize("typed", ["0", "6", "high"])
async def test_a_score_out_of_range_is_refused_in_the_form_as_on_the_command_line(tmp_path, typed):
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#influence").value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 to 5" in str(app.screen.query_one("#influence-error").render())
    sj = _cli(tmp_path)
    refused = sj("edit", "ana", "--influence", typed)
    assert refused.code != 0 and "1 to 5" in refused.err
    [ana] = open_journal(tmp_path).records("stakeholders")
    assert ana.get("influence") is None


async def test_the_entry_form_keeps_a_namesake_it_was_opened_on(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Felix Whitford", organization="Parks Canada"))
    journal.add(Stakeholder(name="Felix Whitford", organization="City Hall"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        chosen = app.screen.stakeholders.selected
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.focused.id == "summary", "who is filled in: start at what happened"
        await type_text(pilot, "Lunch at the lodge")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["stakeholders"] == [chosen.id]
        # Editing it later keeps the same person, untouched.
        await pilot.press("2")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#reaction").text = "pleased"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.journal.interactions_of(None)
        assert entry["stakeholders"] == [chosen.id] and entry["reaction"] == "pleased"


async def test_a_second_goal_of_a_kind_keeps_the_form_open_and_the_command_line_refuses(
    tmp_path,
):
    from journal.records import Goal

    open_journal(tmp_path).add(Goal(month="2026-11", metric="informal", target=3))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        app.screen.query_one("#metric").value = "informal"
        app.screen.query_one("#target").value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already a goal for 2026-11" in str(app.screen.query_one("#target-error").render())
        assert app.screen.query_one("#target").value == "5", "what was typed stays"
    refused = _cli(tmp_path)("goal", "add", "--count", "informal", "--target", "5")
    assert refused.code == 1 and "change its target" in refused.err
    goals = list(open_journal(tmp_path).records("goals"))
    assert [(g["metric"], g["target"]) for g in goals] == [("informal", 3)]


# -- dates people type: the same text, the same day, in both faces

#: A contact's date as typed → the day stored (today is Saturday 2026-11-28;
#: what has no direction of its own looks back).
PAST_DATES = [
    ("last friday", "2026-11-27"),
    ("dec 5", "2025-12-05"),
    ("5 Dec 2025", "2025-12-05"),
    ("2026/11/05", "2026-11-05"),
    ("2026-11-5", "2026-11-05"),
    ("3d", "2026-11-25"),
    ("wed", "2026-11-25"),
    ("1m ago", "2026-10-28"),
]

#: A promise's due date as typed → the day stored (looking ahead).
DUE_DATES = [
    ("next monday", "2026-11-30"),
    ("next week", "2026-11-30"),
    ("dec 5", "2026-12-05"),
    ("December 5", "2026-12-05"),
    ("3d", "2026-12-01"),
    ("in 1y", "2027-11-28"),
    ("in 3 months", "2027-02-28"),
    ("sat", "2026-12-05"),
]


@pytest.mark.parametrize(("typed", "day"), PAST_DATES)
def test_a_contact_date_on_the_command_line(tmp_path, typed, day):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz")
    logged = sj("log", "ana", "--on", typed, "Call")
    assert logged.code == 0, logged.err
    [entry] = sj("show", "ana", "--json").json()["recent"]
    assert entry["date"] == day


@pytest.mark.parametrize(("typed", "day"), PAST_DATES)
async def test_a_contact_date_in_the_entry_form(tmp_path, typed, day):
    entry = await _logged_in_the_entry_form(tmp_path, date=typed)
    assert entry["date"] == day


@pytest.mark.parametrize(("typed", "day"), DUE_DATES)
def test_a_due_date_on_the_command_line(tmp_path, typed, day):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz")
    made = sj("promise", "ana", "send the budget", "--due", typed)
    assert made.code == 0 and f"due {day}" in made.out, made.err


@pytest.mark.parametrize(("typed", "day"), DUE_DATES)
async def test_a_due_date_in_the_promise_form(tmp_path, typed, day):
    open_journal(tmp_path).add(Stakeholder(name="Ana Ruiz"))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#text").value = "send the budget"
        app.screen.query_one("#due").value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        [promise] = app.journal.records("promises")
        assert promise["due"] == day


async def test_a_mistyped_date_shows_the_same_line_as_the_command_line(tmp_path):
    sj = _cli(tmp_path)
    sj("add", "Ana Ruiz")
    refused = sj("log", "ana", "--on", "nxt monday", "Call")
    assert refused.code == 1
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#summary").text = "Call"
        app.screen.query_one("#date").value = "nxt monday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(app.screen.query_one("#date-error").render())
        assert refused.err == f"sj: {shown}\n"
        assert app.journal.interactions_of(None) == []

"""Pilot tests: the forms' fields, errors, focus and keys."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Label, Select, TextArea

from journal.records import TABLE_INTERACTIONS, TABLE_REFLECTIONS, Interaction, Stakeholder
from tui.app.screens.form import FormScreen
from tui.app.screens.small_forms import GoalForm, QuickLogForm
from tui.app.widgets.journal_pane import EntryList

from .conftest import TODAY, make_app, open_journal, settle, type_text


def error_under(app, field_id: str) -> str:
    error = app.screen.query_one(f"#{field_id}-error")
    return str(error.render()) if error.display else ""


async def _goal_about_one_stakeholder(pilot) -> None:
    pilot.app.screen.query_one("#metric", Select).value = "with"
    await pilot.pause()


# (keys that open the form, what to do before saving, the field the error is under)
STALE_ERROR_CASES = {
    "stakeholder": ("a", None, "name"),
    "full entry": ("n", None, "summary"),
    "quick log": ("l", None, "summary"),
    "goal": ("4a", _goal_about_one_stakeholder, "who"),
}


@pytest.mark.parametrize("case", STALE_ERROR_CASES)
async def test_an_error_goes_away_as_soon_as_its_field_changes(tmp_path, case):
    keys, prepare, field_id = STALE_ERROR_CASES[case]
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        if prepare is not None:
            await prepare(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert error_under(app, field_id)
        app.screen.query_one(f"#{field_id}").focus()
        await type_text(pilot, "x")
        await pilot.pause()
        assert error_under(app, field_id) == ""


async def test_the_goal_form_opens_on_its_first_field_and_enter_opens_a_select(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        assert app.focused is app.screen.query_one("#metric", Select)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm), "Enter on a select does not save the form"
        assert app.screen.query_one("#metric", Select).expanded


FORM_KEYS = {
    "stakeholder": "a",
    "full entry": "n",
    "quick log": "l",
    "snooze": "s",
    "goal": "4a",
    "promise": "p",
    "contact-log dates": "vg",
}


@pytest.mark.parametrize("form", FORM_KEYS)
async def test_no_form_label_is_clipped_at_80x24(tmp_path, form):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in FORM_KEYS[form]:
            await pilot.press(key)
            await pilot.pause(0.1)  # the contact log counts before its keys work
        assert isinstance(app.screen, FormScreen)
        for label in app.screen.query(".field-label").results(Label):
            text = str(label.render())
            assert len(text) <= label.content_size.width, text


async def test_quick_log_takes_a_date_like_yesterday(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, QuickLogForm)
        assert form.query_one("#date", Input).value == "today"
        await type_text(pilot, "Call about the permit")
        form.query_one("#date", Input).value = "next year"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "today" in error_under(app, "date")
        form.query_one("#date", Input).value = "yesterday"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLogForm)
        [entry] = app.journal.interactions_of(ana.id)
        assert entry["date"] == (TODAY - dt.timedelta(days=1)).isoformat()
        assert entry["summary"] == "Call about the permit"
    assert len(list(open_journal(tmp_path, device_root="r").records(TABLE_INTERACTIONS))) == 1


async def _log_then_answer_every_question(pilot, ana_id: str) -> list[str]:
    """Quick-log a contact, then answer each after-contact question with
    Enter; returns the prompt ids answered, in order."""
    app = pilot.app
    await pilot.press("l")
    await type_text(pilot, "Long call")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("3")
    await pilot.pause()
    pane = app.screen.reflection
    asked = [p.id for p in pane.context]
    assert len(asked) >= 2
    answered = []
    for n in range(len(asked)):
        prompt, _entry = pane.selected
        answered.append(prompt.id)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, f"answer {n}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
    return answered


async def test_enter_answers_each_after_contact_question_and_marks_it_answered(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(100, 40)) as pilot:
        answered = await _log_then_answer_every_question(pilot, ana.id)
        pane = app.screen.reflection
        assert answered == [p.id for p in pane.context], "each question in turn"
        texts = [
            str(pane.options.get_option_at_index(i).prompt)
            for i in range(pane.options.option_count)
        ]
        assert sum("answered" in t for t in texts) == len(answered)
        # Only today's prompt is left to answer.
        prompt, entry = pane.selected
        assert entry is None and prompt.id == pane.daily.id
    reflections = list(open_journal(tmp_path, device_root="r").records(TABLE_REFLECTIONS))
    assert sorted(r["prompt_id"] for r in reflections) == sorted(answered)
    assert {r["stakeholder"] for r in reflections} == {ana.id}


async def test_the_after_contact_questions_survive_a_quit(tmp_path):
    journal = open_journal(tmp_path)
    journal.add(Stakeholder(name="Ana", cadence_days=14))
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("l")
        await type_text(pilot, "Long call")
        await pilot.press("enter")
        await settle(pilot)
        asked = [p.id for p in app.screen.reflection.context]
        entry_id = app.screen.reflection.context_entry["id"]
        await pilot.press("3", "enter")
        await pilot.pause()
        await type_text(pilot, "They liked it")
        await pilot.press("ctrl+s")
        await pilot.pause()
    again = make_app(tmp_path, sample=None)
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = again.screen.reflection
        assert [p.id for p in pane.context] == asked
        assert pane.context_entry["id"] == entry_id
        assert "answered" in str(pane.options.get_option_at_index(1).prompt)
        await pilot.press("3", "c")  # today's prompt only: forgotten for good
        await pilot.pause()
    third = make_app(tmp_path, sample=None)
    async with third.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not third.screen.reflection.context


async def test_long_fields_take_several_lines_and_a_one_line_field_marks_a_newline(tmp_path):
    journal = open_journal(tmp_path)
    ana = journal.add(Stakeholder(name="Ana", cadence_days=14))
    journal.add(
        Interaction(
            date="2026-11-20",
            stakeholders=[ana.id],
            summary="Budget talk\nthen the permits",
            new_person=True,
            new_person_name="Omar Haddad\n(treasurer)",
        )
    )
    app = make_app(tmp_path, sample=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rows = app.screen.query_one(EntryList)
        row = rows.render_item(rows.items[0], 60).plain
        assert "Budget talk⏎then the permits" in row and "\n" not in row
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "ctrl+s" in str(form.query_one("#form-hint").render())
        summary = form.query_one("#summary", TextArea)
        assert summary.text == "Budget talk\nthen the permits"
        assert form.query_one("#new_person", Input).value == "Omar Haddad⏎(treasurer)"
        summary.focus()
        await pilot.press("enter")  # a new line, not a save
        await type_text(pilot, "and parking")
        await pilot.pause()
        assert app.screen is form
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [entry] = open_journal(tmp_path, device_root="r").records(TABLE_INTERACTIONS)
    assert entry["summary"] == "Budget talk\nthen the permits\nand parking"
    assert entry["new_person_name"] == "Omar Haddad\n(treasurer)", "⏎ is a newline again"


async def test_the_full_entry_form_scrolls_at_80x24_to_its_last_field(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        minutes = form.query_one("#minutes", Input)
        minutes.focus()
        await pilot.pause()
        assert minutes.region.height == 1 and minutes.region.bottom <= 24
        assert form.query_one("#form-save").region.bottom <= 24

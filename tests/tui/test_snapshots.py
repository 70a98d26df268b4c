"""Snapshots of the screens on the seed-1 sample journal, today 2026-11-28."""

from __future__ import annotations

import pytest

from journal.records import Stakeholder

from .conftest import make_app, open_journal


async def _no_blink(pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


def _keys(*keys: str):
    async def run(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await _no_blink(pilot)

    return run


@pytest.fixture
def sample_app(tmp_path):
    return make_app(tmp_path)


class TestMainScreen:
    def test_80x24(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_no_blink, terminal_size=(80, 24))

    def test_160x48(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_no_blink, terminal_size=(160, 48))

    def test_due_only_sorted_by_name(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("o", "r"), terminal_size=(120, 36))

    def test_goals_focused(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("4"), terminal_size=(120, 36))

    def test_empty_journal_welcome(self, snap_compare, tmp_path):
        app = make_app(tmp_path, sample=None)
        assert snap_compare(app, run_before=_no_blink, terminal_size=(80, 24))

    def test_markup_shown_literally(self, snap_compare, tmp_path):
        journal = open_journal(tmp_path)
        journal.add(
            Stakeholder(name="[bold]Evil[/] \x1b[31mRed", organization="[i]Org", cadence_days=7)
        )
        app = make_app(tmp_path, sample=None)
        assert snap_compare(app, run_before=_no_blink, terminal_size=(80, 24))


class TestForms:
    def test_add_stakeholder(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("a"), terminal_size=(100, 34))

    def test_edit_stakeholder(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("e"), terminal_size=(100, 34))

    def test_bad_cadence_marked(self, snap_compare, sample_app):
        keys = ("a", *"Ana", "tab", "tab", "tab", *"soonish", "ctrl+s")
        assert snap_compare(sample_app, run_before=_keys(*keys), terminal_size=(100, 34))

    def test_quick_log(self, snap_compare, sample_app):
        keys = ("l", *"Coffee about the plan")
        assert snap_compare(sample_app, run_before=_keys(*keys), terminal_size=(80, 24))

    def test_interaction_form(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("n"), terminal_size=(100, 40))

    def test_snooze(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("s"), terminal_size=(80, 24))

    def test_goal_form(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("4", "a"), terminal_size=(100, 30))

    def test_reflection_answer(self, snap_compare, sample_app):
        keys = ("3", "enter", *"They need the numbers early")
        assert snap_compare(sample_app, run_before=_keys(*keys), terminal_size=(100, 30))

    def test_delete_confirmation(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("d"), terminal_size=(80, 24))


class TestOtherScreens:
    def test_help(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("question_mark"), terminal_size=(100, 40))

    def test_entry_view(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("2", "enter"), terminal_size=(100, 34))

    def test_past_reflections(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("3", "p"), terminal_size=(100, 34))


def _keys_settled(*keys: str):
    """Press keys, then let the workers (reach-out ranking, review counts) finish."""

    async def run(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await _no_blink(pilot)

    return run


async def _monthly_review_open(pilot) -> None:
    await pilot.press("M")
    for _ in range(100):  # counted in a thread, then the form opens
        await pilot.pause(0.02)
        if pilot.app.screen.query("#review-outcomes"):
            break
    await pilot.pause()
    await _no_blink(pilot)


async def _share_typed(pilot) -> None:
    await pilot.press("S", *"Permit backlog report")
    await pilot.pause(0.5)  # the suggestions follow the typing
    await _no_blink(pilot)


#: Every screen at 80x24, the size of many terminals (the main screen, the
#: map, the reach-out list, quick log, snooze and delete have their own tests).
AT_80X24 = {
    "goals": _keys("4"),
    "add_stakeholder": _keys("a"),
    "edit_stakeholder": _keys("e"),
    "interaction_form": _keys("n"),
    "goal_form": _keys("4", "a"),
    "reflection_answer": _keys("3", "enter", *"They need the numbers early"),
    "help": _keys("question_mark"),
    "entry_view": _keys("2", "enter"),
    "past_reflections": _keys("3", "p"),
    "brief": _keys("b"),
    "applied_question": _keys_settled("t", "l", *"Short call", "enter"),
    "promises": _keys("P"),
    "promise_form": _keys("p", *"Send the draft"),
    "contact_review_month": _keys_settled("v"),
    "contact_review_year": _keys_settled("v", "y"),
    "contact_review_dates_form": _keys_settled("v", "g"),
    "monthly_review": _monthly_review_open,
    "share": _share_typed,
}


@pytest.mark.parametrize("screen", AT_80X24)
def test_at_80x24(snap_compare, sample_app, screen):
    assert snap_compare(sample_app, run_before=AT_80X24[screen], terminal_size=(80, 24))


class TestCoachingScreens:
    def test_reach_out_today(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys_settled("t"), terminal_size=(120, 36))

    def test_reach_out_today_80x24(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys_settled("t"), terminal_size=(80, 24))

    def test_brief(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("b"), terminal_size=(120, 36))

    def test_applied_question(self, snap_compare, sample_app):
        keys = ("t", "l", *"Short call", "enter")
        assert snap_compare(sample_app, run_before=_keys_settled(*keys), terminal_size=(100, 30))

    def test_promises(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("P"), terminal_size=(120, 36))

    def test_promise_form(self, snap_compare, sample_app):
        keys = ("p", *"Send the draft")
        assert snap_compare(sample_app, run_before=_keys(*keys), terminal_size=(100, 24))

    def test_map(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("m"), terminal_size=(120, 36))

    def test_map_80x24(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys("m"), terminal_size=(80, 24))

    def test_contact_review_month(self, snap_compare, sample_app):
        assert snap_compare(sample_app, run_before=_keys_settled("v"), terminal_size=(120, 36))

    def test_contact_review_year(self, snap_compare, sample_app):
        keys = ("v", "y")
        assert snap_compare(sample_app, run_before=_keys_settled(*keys), terminal_size=(120, 36))

    def test_contact_review_dates_form(self, snap_compare, sample_app):
        keys = ("v", "g")
        assert snap_compare(sample_app, run_before=_keys_settled(*keys), terminal_size=(100, 30))

    def test_monthly_review(self, snap_compare, sample_app):
        async def run(pilot) -> None:
            await pilot.press("M")
            for _ in range(100):  # counted in a thread, then the form opens
                await pilot.pause(0.02)
                if pilot.app.screen.query("#review-outcomes"):
                    break
            await pilot.pause()
            await _no_blink(pilot)

        assert snap_compare(sample_app, run_before=run, terminal_size=(100, 44))

    def test_share(self, snap_compare, sample_app):
        async def run(pilot) -> None:
            await pilot.press("S", *"Permit backlog report")
            await pilot.pause(0.5)  # the suggestions follow the typing
            await _no_blink(pilot)

        assert snap_compare(sample_app, run_before=run, terminal_size=(100, 34))


def _palette(typed: str):
    async def run(pilot) -> None:
        await pilot.press("ctrl+p", *typed)
        await pilot.pause(0.5)  # the palette searches as it is typed
        await _no_blink(pilot)

    return run


class TestSearch:
    SEARCH = ("ctrl+f", *'"field data" -maps')

    # Not settled: the search screen's own worker waits for it to close.
    def test_search_80x24(self, snap_compare, sample_app):
        keys = _keys(*self.SEARCH)
        assert snap_compare(sample_app, run_before=keys, terminal_size=(80, 24))

    def test_search_120x40(self, snap_compare, sample_app):
        keys = _keys(*self.SEARCH)
        assert snap_compare(sample_app, run_before=keys, terminal_size=(120, 40))

    def test_palette_go_to_80x24(self, snap_compare, sample_app):
        run = _palette("go to zainb")
        assert snap_compare(sample_app, run_before=run, terminal_size=(80, 24))

    def test_palette_go_to_120x40(self, snap_compare, sample_app):
        run = _palette("go to zainb")
        assert snap_compare(sample_app, run_before=run, terminal_size=(120, 40))

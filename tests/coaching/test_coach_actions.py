"""Goals, reflections and the monthly review's save: one rule for every face."""

from __future__ import annotations

import pytest

from journal import coach_actions
from journal.coach_actions import GoalDraft
from journal.errors import InputError
from journal.records import TABLE_GOALS, TABLE_REFLECTIONS, Goal


def _goals(book, month):
    return sorted(
        (g.get("metric") or "", g.get("text") or "", g.get("target"))
        for g in book.j.records(TABLE_GOALS)
        if g.get("month") == month
    )


def test_carrying_twice_or_over_goals_already_set_adds_no_duplicate(book):
    book.j.add(Goal(month="2026-10", metric="formal", target=3), save=False)
    book.j.add(Goal(month="2026-10", text="Join a club"), save=False)
    # The user already set the same formal goal for November by hand.
    book.j.add(Goal(month="2026-11", metric="formal", target=3), save=False)
    first = coach_actions.carry_goals(book.j, "2026-11")
    assert [g.text for g in first.added] == ["Join a club"]
    assert coach_actions.carry_goals(book.j, "2026-11").added == []
    assert _goals(book, "2026-11") == [("", "Join a club", 1), ("formal", "", 3)]


def test_a_second_goal_of_one_kind_in_a_month_is_refused(book):
    coach_actions.add_goal(book.j, GoalDraft("2026-11", metric="informal", target="4"))
    for target in (4, 5):  # another target is the same kind: change its target instead
        with pytest.raises(InputError, match="already a goal for 2026-11: change its target"):
            coach_actions.add_goal(book.j, GoalDraft("2026-11", metric="informal", target=target))
    coach_actions.add_goal(book.j, GoalDraft("2026-12", metric="informal", target=5))
    assert len(_goals(book, "2026-11")) == 1


def test_carrying_skips_a_kind_the_month_has_with_another_target(book):
    book.j.add(Goal(month="2026-10", metric="personal", target=3), save=False)
    book.j.add(Goal(month="2026-11", metric="personal", target=2), save=False)
    assert coach_actions.carry_goals(book.j, "2026-11").added == []
    assert _goals(book, "2026-11") == [("personal", "", 2)]


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (GoalDraft("2026-11", metric="informal", target="0"), "1 or more"),
        (GoalDraft("2026-11", metric="informal", target="lots"), "1 or more"),
        (GoalDraft("2026-11"), "needs its text"),
        (GoalDraft("2026-11", metric="with"), "Whom"),
        (GoalDraft("2026-11", metric="hugs"), "not something a goal counts"),
        (GoalDraft("2026-13", text="x"), "2026-13"),
    ],
)
def test_a_bad_goal_writes_nothing(book, draft, message):
    with pytest.raises(InputError, match=message):
        coach_actions.add_goal(book.j, draft)
    assert list(book.j.records(TABLE_GOALS)) == []


def test_only_a_checklist_goal_is_checked_off(book):
    counted = coach_actions.add_goal(book.j, GoalDraft("2026-11", metric="formal", target=2))
    item = coach_actions.add_goal(book.j, GoalDraft("2026-11", text="Ask for feedback"))
    assert coach_actions.set_goal_done(book.j, item.id[:6])["done"] is True
    with pytest.raises(InputError, match="counted from the journal"):
        coach_actions.set_goal_done(book.j, counted.id)


def test_a_reflection_needs_words_and_a_known_stakeholder(book):
    ana = book.person("Ana")
    with pytest.raises(InputError):
        coach_actions.reflect(book.j, "   ")
    kept = coach_actions.reflect(book.j, "Listen more.", stakeholder=ana)
    assert [r["answer"] for r in book.j.records(TABLE_REFLECTIONS)] == ["Listen more."]
    assert kept.stakeholder == ana

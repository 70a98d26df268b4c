import datetime as dt

import pytest

from journal import goals as goal_rules
from journal.errors import InputError
from journal.goals import (
    MonthCounts,
    carry_forward,
    count_month,
    count_range,
    describe_goal,
    goal_progress,
    month_bounds,
    month_of,
    shift_month,
)
from journal.records import GOAL_METRICS, Goal


def entry(date, *ids, **fields):
    return {"date": date, "stakeholders": list(ids), "deleted": False, **fields}


def goal(month="2026-03", metric="informal", target=4, **fields):
    return {
        "id": fields.pop("id", f"g-{metric}-{month}"),
        "month": month,
        "text": "",
        "metric": metric,
        "target": target,
        "stakeholder": None,
        "done": False,
        "carried_from": None,
        "deleted": False,
        **fields,
    }


# Months


@pytest.mark.parametrize(
    ("month", "bounds"),
    [
        ("2026-01", ("2026-01-01", "2026-01-31")),
        ("2026-02", ("2026-02-01", "2026-02-28")),
        ("2028-02", ("2028-02-01", "2028-02-29")),
        ("2026-04", ("2026-04-01", "2026-04-30")),
        ("2026-12", ("2026-12-01", "2026-12-31")),
    ],
)
def test_month_bounds(month, bounds):
    assert month_bounds(month) == bounds


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-1", "March", "", "2026-03-01"])
def test_invalid_month_is_an_input_error(month):
    with pytest.raises(InputError, match="YYYY-MM"):
        month_bounds(month)
    with pytest.raises(InputError):
        shift_month(month, 1)


def test_month_of():
    assert month_of(dt.date(2026, 3, 31)) == "2026-03"
    assert month_of("2026-11-02") == "2026-11"
    with pytest.raises(InputError):
        month_of("soon")


@pytest.mark.parametrize(
    ("month", "delta", "expected"),
    [
        ("2026-03", 1, "2026-04"),
        ("2026-12", 1, "2027-01"),
        ("2026-01", -1, "2025-12"),
        ("2026-03", -15, "2024-12"),
        ("2026-03", 24, "2028-03"),
        ("2026-03", 0, "2026-03"),
    ],
)
def test_shift_month_crosses_years(month, delta, expected):
    assert shift_month(month, delta) == expected


# Counting

MARCH = [
    entry("2026-02-28", "ana", formal=False),  # outside the month
    entry("2026-03-01", "ana", formal=False, business=False, minutes=30),
    entry("2026-03-05", "ana", "dan", formal=True, channel="conference", minutes=90),
    entry("2026-03-09", "dan", formal=False, new_person=True, shared="Q1 report"),
    entry("2026-03-20", "dan", formal=False, channel="seminar", deleted=True),  # deleted
    entry("2026-03-31", "eve", channel="call", shared="  "),  # blank share does not count
    entry("2026-04-01", "eve"),  # outside the month
]


def test_count_month():
    counts = count_month(MARCH, "2026-03")
    assert counts.contacts == 4
    assert counts.formal == 2
    assert counts.informal == 2
    assert counts.personal == 1
    assert counts.business == 3
    assert counts.new_people == 1
    assert counts.events == 1
    assert counts.shared == 1
    assert counts.minutes == 120
    assert counts.per_stakeholder == {"ana": 2, "dan": 2, "eve": 1}


def test_missing_flags_count_as_formal_business_contact():
    counts = count_month([{"date": "2026-03-02", "stakeholders": ["ana"]}], "2026-03")
    assert (counts.formal, counts.informal, counts.business, counts.personal) == (1, 0, 1, 0)


def test_share_records_in_range_count_as_shared():
    shares = [
        {"date": "2026-03-02", "title": "a", "deleted": False},
        {"date": "2026-03-30", "title": "b", "deleted": True},
        {"date": "2026-04-02", "title": "c", "deleted": False},
    ]
    assert count_month(MARCH, "2026-03", shares).shared == 2


def test_count_range_includes_both_ends():
    counts = count_range(MARCH, "2026-03-05", "2026-03-09")
    assert counts.contacts == 2
    assert counts.per_stakeholder == {"ana": 1, "dan": 2}


def test_value_by_metric():
    counts = count_month(MARCH, "2026-03")
    assert counts.value("informal") == 2
    assert counts.value("minutes") == 120
    assert counts.value("with", "dan") == 2
    assert counts.value("with", "zed") == 0
    for metric in GOAL_METRICS:
        if metric != "with":
            assert counts.value(metric) == getattr(counts, metric)
    with pytest.raises(InputError):
        counts.value("likes")
    with pytest.raises(InputError):
        counts.value("with")


# Progress


def test_goal_progress_counted():
    counts = MonthCounts(informal=3, per_stakeholder={"ana": 2})
    assert goal_progress(goal(metric="informal", target=4), counts) == (3, 4, False)
    assert goal_progress(goal(metric="informal", target=3), counts) == (3, 3, True)
    assert goal_progress(goal(metric="with", target=2, stakeholder="ana"), counts) == (2, 2, True)


def test_goal_progress_manual():
    assert goal_progress(goal(metric=None, text="Join a club"), MonthCounts()) == (0, 1, False)
    assert goal_progress(goal(metric=None, done=True), MonthCounts()) == (1, 1, True)


def test_goal_with_unknown_metric_shows_no_progress():
    assert goal_progress(goal(metric="podcasts", target=2), MonthCounts()) == (0, 2, False)


# Carry forward


def test_carry_forward_copies_live_goals_of_the_month():
    goals = [
        goal(id="a", metric="informal", target=4, text="Coffee with new faces"),
        goal(id="b", metric="with", target=2, stakeholder="ana"),
        goal(id="c", metric=None, text="Join the chamber of commerce", done=True),
        goal(id="d", metric="events", deleted=True),
        goal(id="e", month="2026-02", metric="events"),
    ]
    new = carry_forward(goals, "2026-03", "2026-04")
    assert all(isinstance(g, Goal) for g in new)
    assert [g.carried_from for g in new] == ["a", "b", "c"]
    assert all(g.month == "2026-04" and not g.done for g in new)
    assert new[0].text == "Coffee with new faces" and new[0].target == 4
    assert new[1].metric == "with" and new[1].stakeholder == "ana"
    assert new[2].metric is None
    # Fresh, unstamped records.
    assert len({g.id for g in new} | {"a", "b", "c"}) == 6
    assert all(g.created_at == "" and g.updated_at == "" for g in new)


def test_carry_forward_is_idempotent():
    goals = [goal(id="a"), goal(id="b", metric="events")]
    first = carry_forward(goals, "2026-03", "2026-04")
    goals += [g.to_raw() for g in first]
    assert carry_forward(goals, "2026-03", "2026-04") == []


def test_carry_forward_skips_only_goals_already_carried():
    goals = [goal(id="a"), goal(id="b", metric="events"), goal(month="2026-04", carried_from="a")]
    assert [g.carried_from for g in carry_forward(goals, "2026-03", "2026-04")] == ["b"]


def test_carry_forward_rejects_bad_months():
    with pytest.raises(InputError):
        carry_forward([], "2026-3", "2026-04")


# Labels


@pytest.mark.parametrize(
    ("fields", "name", "label"),
    [
        ({"metric": "informal", "target": 4}, None, "4 informal contacts"),
        ({"metric": "informal", "target": 1}, None, "1 informal contact"),
        (
            {"metric": "with", "target": 2, "stakeholder": "x"},
            "Ana Ruiz",
            "2 conversations with Ana Ruiz",
        ),
        (
            {"metric": "with", "target": 1, "stakeholder": "x"},
            None,
            "1 conversation with one stakeholder",
        ),
        ({"metric": "new_people", "target": 3}, None, "3 new people met"),
        ({"metric": "new_people", "target": 1}, None, "1 new person met"),
        ({"metric": "events", "target": 1}, None, "1 event attended"),
        ({"metric": "personal", "target": 4}, None, "4 personal conversations"),
        ({"metric": "shared", "target": 5}, None, "information shared 5 times"),
        ({"metric": "minutes", "target": 120}, None, "2 hours with stakeholders"),
        ({"metric": "minutes", "target": 45}, None, "45 minutes with stakeholders"),
        ({"metric": "contacts", "target": 20}, None, "20 contacts"),
        (
            {"metric": "informal", "target": 4, "text": "Lunch outside work"},
            None,
            "Lunch outside work",
        ),
    ],
)
def test_describe_goal(fields, name, label):
    assert describe_goal(goal(**fields), name) == label


@pytest.mark.parametrize(
    ("metric", "value", "target", "shown"),
    [
        ("minutes", 90, 600, "1h30m/10h"),
        ("minutes", 45, 60, "45m/1h"),
        ("minutes", 7615, 780, "126h/13h"),
        ("informal", 3, 4, "3/4"),
    ],
)
def test_progress_reads_in_the_goals_own_unit(metric, value, target, shown):
    assert goal_rules.format_progress(metric, value, target) == shown


def test_the_same_minutes_goal_reads_the_same_on_the_command_line(tmp_path):
    from tests.cli.conftest import machine_env, run_process

    env = machine_env(tmp_path / "home", tmp_path / "j.json")
    run_process(["add", "Ana Ruiz"], env)
    run_process(["log", "ana", "--minutes", "90", "Long call"], env)
    assert run_process(["goal", "add", "--count", "minutes", "--target", "600"], env).code == 0
    listed = run_process(["goal", "list"], env).out
    assert "1h30m/10h" in listed

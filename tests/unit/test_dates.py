import datetime as dt

import pytest

from journal.dates import (
    format_ago,
    format_cadence,
    format_due,
    parse_cadence,
    parse_date,
    parse_due,
)
from journal.errors import InputError

# A Wednesday.
TODAY = dt.date(2026, 3, 18)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-05", "2026-01-05"),
        ("today", "2026-03-18"),
        ("  Yesterday ", "2026-03-17"),
        ("TOMORROW", "2026-03-19"),
        ("3d ago", "2026-03-15"),
        ("2w ago", "2026-03-04"),
        ("3 days ago", "2026-03-15"),
        ("1m ago", "2026-02-18"),
        ("in 3d", "2026-03-21"),
        ("in 2w", "2026-04-01"),
        ("+3d", "2026-03-21"),
        ("0d ago", "2026-03-18"),
    ],
)
def test_parse_date_accepted_forms(text, expected):
    assert parse_date(text, TODAY) == d(expected)


def test_month_ago_clamps_to_the_end_of_a_shorter_month():
    assert parse_date("1m ago", d("2026-03-31")) == d("2026-02-28")
    assert parse_date("1m ago", d("2028-03-30")) == d("2028-02-29")
    assert parse_date("2m ago", d("2026-01-15")) == d("2025-11-15")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wed", "2026-03-18"),  # today counts as the most recent Wednesday
        ("Wednesday", "2026-03-18"),
        ("tue", "2026-03-17"),
        ("thursday", "2026-03-12"),  # six days back, never in the future
        ("Mon", "2026-03-16"),
        ("sun", "2026-03-15"),
    ],
)
def test_weekday_means_the_most_recent_such_day(text, expected):
    assert parse_date(text, TODAY) == d(expected)


def test_weekday_is_always_zero_to_six_days_back():
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        for offset in range(7):
            today = TODAY + dt.timedelta(days=offset)
            back = (today - parse_date(name, today)).days
            assert 0 <= back <= 6


@pytest.mark.parametrize(
    "text",
    [
        "2026-13-01",
        "2026-02-30",
        "next year",
        "",
        "3x ago",
        "20260101",
        "2026-W01-1",
        "frid",
        "05/12/2026",
        "12/05",
        "feb 30",
        "dec 0",
        "5 dek",
        "dec 5 26",
        "next",
        "3",
        "2026/12-05",
        "3 mins ago",
    ],
)
def test_parse_date_rejects_with_one_line_listing_forms(text):
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    message = str(caught.value)
    assert "\n" not in message
    assert f'"{text}"' in message
    assert "YYYY-MM-DD" in message and "weekday" in message


def test_parse_date_error_quotes_the_bad_text_as_typed():
    with pytest.raises(InputError, match='^"2026-13-01" is not a date: use YYYY-MM-DD'):
        parse_date(" 2026-13-01 ", TODAY)


def test_parse_date_far_offset_is_an_input_error_not_a_crash():
    with pytest.raises(InputError):
        parse_date("9999999d ago", TODAY)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("10d", 10),
        ("2w", 14),
        ("3m", 90),
        ("1y", 365),
        ("12", 12),
        (" Weekly ", 7),
        ("fortnightly", 14),
        ("biweekly", 14),
        ("monthly", 30),
        ("quarterly", 91),
        ("yearly", 365),
        ("annually", 365),
        ("every 2w", 14),
        ("3 weeks", 21),
    ],
)
def test_parse_cadence(text, days):
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["none", "OFF", "never", "", "   "])
def test_parse_cadence_none(text):
    assert parse_cadence(text) is None


@pytest.mark.parametrize("text", ["0", "0d", "-3", "-2w", "often", "2x", "1.5w", "99y"])
def test_parse_cadence_rejects_with_one_line(text):
    with pytest.raises(InputError) as caught:
        parse_cadence(text)
    assert "\n" not in str(caught.value)
    assert f'"{text}"' in str(caught.value)


def test_parse_cadence_garbage_lists_accepted_forms():
    with pytest.raises(InputError, match="10d, 2w, 3m, 1y, weekly"):
        parse_cadence("sometimes")


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (14, "every 2w"),
        (10, "every 10d"),
        (90, "every 3m"),
        (30, "every 1m"),
        (7, "every 1w"),
        (1, "every 1d"),
        (365, "every 1y"),
        (91, "every 13w"),
        (210, "every 7m"),
        (None, "—"),
    ],
)
def test_format_cadence(days, label):
    assert format_cadence(days) == label


@pytest.mark.parametrize("days", [1, 5, 7, 10, 14, 21, 30, 45, 90, 91, 180, 365, 400, 730])
def test_format_cadence_reads_back_to_the_same_days(days):
    assert parse_cadence(format_cadence(days)) == days


@pytest.mark.parametrize(
    ("date_iso", "label"),
    [
        (None, "never"),
        ("2026-03-18", "today"),
        ("2026-03-17", "yesterday"),
        ("2026-03-06", "12d ago"),
        ("2026-03-19", "tomorrow"),
        ("2026-03-21", "in 3d"),
        ("2025-12-09", "99d ago"),
        ("2025-12-08", "14w ago"),  # 100 days
        ("2024-03-18", "104w ago"),  # exactly two years: still weeks
        ("2023-01-01", "3y ago"),
        ("2026-09-01", "in 23w"),
    ],
)
def test_format_ago(date_iso, label):
    assert format_ago(date_iso, TODAY) == label


@pytest.mark.parametrize(
    ("date_iso", "label"),
    [
        (None, "—"),
        ("2026-03-18", "today"),
        ("2026-03-19", "tomorrow"),
        ("2026-03-21", "in 3d"),
        ("2026-03-13", "5d late"),
        ("2026-03-17", "1d late"),
        ("2025-10-01", "24w late"),
    ],
)
def test_format_due(date_iso, label):
    assert format_due(date_iso, TODAY) == label


def test_formatting_a_damaged_date_shows_it_rather_than_crashing():
    assert format_ago("someday", TODAY) == "someday"
    assert format_due("2026-02-30", TODAY) == "2026-02-30"


def test_parse_due_reads_a_weekday_as_the_next_one():
    friday = dt.date(2026, 11, 27)
    assert parse_due("friday", friday) == dt.date(2026, 12, 4)
    assert parse_due("mon", friday) == dt.date(2026, 11, 30)
    assert parse_due("in 2w", friday) == dt.date(2026, 12, 11)


# Saturday 2026-11-28, the day the app and command-line tests live on.
SATURDAY = dt.date(2026, 11, 28)

#: text → (as a past date: when something happened, as a due date).
FORMS = [
    ("today", "2026-11-28", "2026-11-28"),
    ("tomorrow", "2026-11-29", "2026-11-29"),
    ("yesterday", "2026-11-27", "2026-11-27"),
    # A bare weekday looks back for a past date (today counts) and ahead for
    # a due date (today does not).
    ("sat", "2026-11-28", "2026-12-05"),
    ("friday", "2026-11-27", "2026-12-04"),
    ("Mon", "2026-11-23", "2026-11-30"),
    # next/last name their direction: the same day in both contexts.
    ("next monday", "2026-11-30", "2026-11-30"),
    ("next sat", "2026-12-05", "2026-12-05"),
    ("last friday", "2026-11-27", "2026-11-27"),
    ("last saturday", "2026-11-21", "2026-11-21"),
    ("next week", "2026-11-30", "2026-11-30"),
    ("last week", "2026-11-16", "2026-11-16"),
    # Month and day: with a year, that date; without, the most recent one for
    # a past date and the next one for a due date.
    ("dec 5", "2025-12-05", "2026-12-05"),
    ("December 5", "2025-12-05", "2026-12-05"),
    ("5 Dec", "2025-12-05", "2026-12-05"),
    ("5th december", "2025-12-05", "2026-12-05"),
    ("nov 28", "2026-11-28", "2026-11-28"),  # today is the nearest either way
    ("nov 20", "2026-11-20", "2027-11-20"),
    ("Sept 3", "2026-09-03", "2027-09-03"),
    ("Dec. 5", "2025-12-05", "2026-12-05"),
    ("5 Dec 2026", "2026-12-05", "2026-12-05"),
    ("December 5, 2026", "2026-12-05", "2026-12-05"),
    ("dec 5 2024", "2024-12-05", "2024-12-05"),
    ("feb 29", "2024-02-29", "2028-02-29"),  # the nearest leap year's
    # Digits, year first.
    ("2026/12/05", "2026-12-05", "2026-12-05"),
    ("2026-12-5", "2026-12-05", "2026-12-05"),
    ("2026-1-2", "2026-01-02", "2026-01-02"),
    # Spans: ago and in name their direction; a bare span takes the context's.
    ("3d ago", "2026-11-25", "2026-11-25"),
    ("in 3d", "2026-12-01", "2026-12-01"),
    ("3d", "2026-11-25", "2026-12-01"),
    ("2w", "2026-11-14", "2026-12-12"),
    ("in 1y", "2027-11-28", "2027-11-28"),
    ("1y ago", "2025-11-28", "2025-11-28"),
    ("in 3 months", "2027-02-28", "2027-02-28"),
    ("1m ago", "2026-10-28", "2026-10-28"),  # a month, never a minute
    ("1m", "2026-10-28", "2026-12-28"),
    ("in 2 years", "2028-11-28", "2028-11-28"),
]


@pytest.mark.parametrize(("text", "past", "due"), FORMS)
def test_every_form_as_a_past_date(text, past, due):
    assert parse_date(text, SATURDAY) == d(past)


@pytest.mark.parametrize(("text", "past", "due"), FORMS)
def test_every_form_as_a_due_date(text, past, due):
    assert parse_due(text, SATURDAY) == d(due)


def test_a_year_from_feb_29_clamps_to_feb_28():
    assert parse_due("in 1y", d("2028-02-29")) == d("2029-02-28")
    assert parse_date("1y ago", d("2028-02-29")) == d("2027-02-28")


def test_next_and_last_weekday_skip_today():
    for offset in range(7):
        today = SATURDAY + dt.timedelta(days=offset)
        for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            ahead = (parse_due(f"next {name}", today) - today).days
            back = (today - parse_date(f"last {name}", today)).days
            assert 1 <= ahead <= 7 and 1 <= back <= 7


def test_a_month_day_without_a_year_is_within_a_year_on_the_context_side():
    for offset in range(0, 366, 17):
        today = SATURDAY + dt.timedelta(days=offset)
        for text in ("jan 1", "mar 15", "jun 30", "dec 31"):
            assert 0 <= (parse_due(text, today) - today).days < 366
            assert 0 <= (today - parse_date(text, today)).days < 366


def test_the_error_lists_the_new_forms_on_one_line():
    with pytest.raises(InputError) as caught:
        parse_date("next year", SATURDAY)
    message = str(caught.value)
    assert "\n" not in message
    for form in ("dec 5", "next mon", "last fri", "next week", "in 2w", "3d"):
        assert form in message


def test_far_years_are_an_input_error():
    with pytest.raises(InputError, match="too far"):
        parse_date("in 99999y", SATURDAY)

import random

import pytest

from journal import contact_review, goals, monthly_review
from journal.coach_actions import carry_goals
from journal.errors import InputError
from journal.records import TABLE_INTERACTIONS, Goal, Reflection, Share

from .conftest import TODAY


def test_month_boundaries(book):
    ana = book.person("Ana")
    book.log(ana, "2026-09-30")
    book.log(ana, "2026-10-01", formal=False)
    book.log(ana, "2026-10-31", business=False, new_person=True)
    book.log(ana, "2026-11-01")
    r = contact_review.review_month(book.j, "2026-10")
    assert (r.start, r.end) == ("2026-10-01", "2026-10-31")
    t = r.totals
    assert (t.contacts, t.formal, t.informal, t.business, t.personal, t.new_people) == (
        2,
        1,
        1,
        1,
        1,
        1,
    )
    assert len(r.heatmap) == 31
    assert r.heatmap["2026-10-01"] == 1 and r.heatmap["2026-10-15"] == 0


def test_year_boundary_range(book):
    ana = book.person("Ana")
    for date in ("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"):
        book.log(ana, date)
    r = contact_review.review_range(book.j, "2025-12-31", "2026-01-01")
    assert r.totals.contacts == 2
    assert list(r.heatmap) == ["2025-12-31", "2026-01-01"]
    assert r.week_starts == ["2025-12-29"]
    (row,) = r.stakeholders
    assert row.weekly == [2]
    dec = contact_review.review_month(book.j, "2025-12")
    jan = contact_review.review_month(book.j, "2026-01")
    assert (dec.totals.contacts, jan.totals.contacts) == (2, 2)


def test_range_validation(book):
    with pytest.raises(InputError, match="after it ends"):
        contact_review.review_range(book.j, "2026-02-01", "2026-01-01")
    with pytest.raises(InputError, match="not a date"):
        contact_review.review_range(book.j, "2026-02-30", "2026-03-01")


def test_shared_entries_count_once_in_totals_and_once_per_row(book):
    ana, ben = book.person("Ana"), book.person("Ben")
    book.log([ana, ben], "2026-10-05", formal=False)
    book.log(ana, "2026-10-06")
    book.j.add(Share(date="2026-10-07", title="t", stakeholders=[ana, ben]), save=False)
    r = contact_review.review_month(book.j, "2026-10")
    assert r.totals.contacts == 2 and r.totals.shared == 1
    rows = {s.name: s.counts for s in r.stakeholders}
    assert rows["Ana"].contacts == 2 and rows["Ana"].informal == 1 and rows["Ana"].shared == 1
    assert rows["Ben"].contacts == 1 and rows["Ben"].shared == 1
    assert [s.name for s in r.stakeholders] == ["Ana", "Ben"]


def test_deleted_entries_are_not_counted(book):
    ana = book.person("Ana")
    gone = book.log(ana, "2026-10-05")
    book.j.delete(TABLE_INTERACTIONS, gone)
    assert contact_review.review_month(book.j, "2026-10").totals.contacts == 0


def test_weekly_series_buckets_by_monday(book):
    ana = book.person("Ana")
    for date in ("2026-11-01", "2026-11-02", "2026-11-08", "2026-11-09", "2026-11-30"):
        book.log(ana, date)
    r = contact_review.review_month(book.j, "2026-11")
    assert r.week_starts[0] == "2026-10-26" and len(r.week_starts) == 6
    assert r.stakeholders[0].weekly == [1, 2, 1, 0, 0, 1]


def test_focus_stakeholders_are_listed_first_even_without_contacts(book):
    ana = book.person("Ana")
    book.log(ana, "2026-10-05")
    book.person("Zed", focus=True)
    r = contact_review.review_month(book.j, "2026-10")
    assert [s.name for s in r.stakeholders] == ["Zed", "Ana"]
    assert r.stakeholders[0].counts.contacts == 0


def test_balance_signal_flags_key_and_focus_met_only_formally(book):
    key = book.person("Key", key=True)
    focus = book.person("Focus", focus=True)
    mixed = book.person("Mixed", key=True)
    plain = book.person("Plain")
    for who in (key, key, focus, mixed, plain):
        book.log(who, "2026-10-05")
    book.log(mixed, "2026-10-06", formal=False)
    flags = contact_review.review_month(book.j, "2026-10").balance
    assert [(f.name, f.text) for f in flags] == [
        ("Key", "key influencer: 2 formal contacts, none informal"),
        ("Focus", "focus relationship: 1 formal contact, none informal"),
    ]


def test_balance_note_says_nothing_when_nothing_happened(book):
    book.person("Key", key=True)
    book.person("Focus", focus=True)
    plain = book.person("Plain")
    empty = contact_review.review_month(book.j, "2026-10")
    assert empty.totals.contacts == 0 and contact_review.balance_note(empty) is None
    # Contacts, but none with a key or focus relationship: none of them can
    # have had an informal contact either.
    book.log(plain, "2026-10-05", formal=False)
    others_only = contact_review.review_month(book.j, "2026-10")
    assert others_only.totals.contacts == 1 and contact_review.balance_note(others_only) is None
    assert others_only.to_json()["balance_note"] is None


def test_balance_note_counts_the_relationships_it_speaks_of(book):
    key = book.person("Key", key=True)
    focus = book.person("Focus", focus=True)
    book.log(key, "2026-10-05", formal=False)
    one = contact_review.review_month(book.j, "2026-10")
    assert contact_review.balance_note(one) == (
        "The one key or focus relationship in touch had an informal contact too."
    )
    book.log(focus, "2026-10-06", formal=False)
    book.log(focus, "2026-10-07")
    two = contact_review.review_month(book.j, "2026-10")
    assert contact_review.balance_note(two) == (
        "All 2 key and focus relationships in touch had an informal contact too."
    )
    book.log(key, "2026-11-02")  # only formal in November: flagged, no note
    november = contact_review.review_month(book.j, "2026-11")
    assert november.balance and contact_review.balance_note(november) is None


def test_review_matches_goal_counting_on_random_data(book):
    rng = random.Random(7)
    people = [book.person(f"P{n}", key=n % 3 == 0) for n in range(12)]
    for _ in range(600):
        day = f"202{rng.choice('56')}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        who = rng.sample(people, rng.choice((1, 1, 1, 2, 3)))
        book.log(
            who,
            day,
            formal=rng.random() < 0.6,
            business=rng.random() < 0.8,
            new_person=rng.random() < 0.1,
            shared="x" if rng.random() < 0.2 else "",
            minutes=rng.choice((None, 30, 60)),
            channel=rng.choice(("meeting", "event", "call")),
        )
    for n in range(30):
        book.j.add(
            Share(date=f"2026-{n % 12 + 1:02d}-10", title="t", stakeholders=rng.sample(people, 2))
        )
    interactions = list(book.j.records(TABLE_INTERACTIONS))
    shares = list(book.j.records("shares"))
    for start, end in (
        ("2025-12-01", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
        ("2025-01-01", "2026-12-31"),
    ):
        r = contact_review.review_range(book.j, start, end)
        assert r.totals == goals.count_range(interactions, start, end, shares)
        assert sum(r.heatmap.values()) == r.totals.contacts
        for row in r.stakeholders:
            mine = [e for e in interactions if row.id in e["stakeholders"]]
            theirs = [s for s in shares if row.id in s["stakeholders"]]
            assert row.counts == goals.count_range(mine, start, end, theirs)
            assert sum(row.weekly) == row.counts.contacts


def test_goal_outcomes_use_the_goal_counting(book):
    ana = book.person("Ana")
    book.log(ana, "2026-10-02", formal=False)
    book.log(ana, "2026-10-03", formal=False)
    book.j.add(Goal(month="2026-10", metric="informal", target=2), save=False)
    book.j.add(Goal(month="2026-10", metric="with", stakeholder=ana, target=3), save=False)
    book.j.add(Goal(month="2026-10", text="Ask a peer for feedback", done=False), save=False)
    book.j.add(Goal(month="2026-11", metric="informal", target=9), save=False)
    out = {g.text: g for g in monthly_review.goal_outcomes(book.j, "2026-10")}
    assert out["2 informal contacts"].achieved and out["2 informal contacts"].value == 2
    assert (
        not out["3 conversations with Ana"].achieved and out["3 conversations with Ana"].value == 2
    )
    assert not out["Ask a peer for feedback"].achieved
    assert len(out) == 3


def test_monthly_review_and_carrying_the_goals(book):
    ana = book.person("Ana")
    book.log(ana, "2026-10-02", formal=False)
    informal = book.j.add(Goal(month="2026-10", metric="informal", target=4), save=False)
    manual = book.j.add(Goal(month="2026-10", text="Join a club"), save=False)
    book.j.add(Reflection(date="2026-10-31", answer="x"), save=False)
    m = monthly_review.monthly_review(book.j)
    assert (m.month, m.previous) == ("2026-11", "2026-10")
    assert m.pending
    assert len(m.prompts) == 3 and all(p.moment == "monthly" for p in m.prompts)
    assert len({p.id for p in m.prompts}) == 3
    assert [g.achieved for g in m.goals] == [False, False]
    assert m.review.totals.contacts == 1
    assert {g.carried_from for g in m.carry} == {informal.id, manual.id}
    added = carry_goals(book.j, "2026-11", targets={informal.id: 6}, skip={manual.id}).added
    assert [(g.metric, g.target, g.carried_from) for g in added] == [("informal", 6, informal.id)]
    assert not monthly_review.monthly_review_pending(book.j, "2026-11")
    assert carry_goals(book.j, "2026-11", skip={manual.id}).added == []
    with pytest.raises(InputError):
        carry_goals(book.j, "2026-11", targets={manual.id: 0})


def test_monthly_review_not_pending_for_a_new_journal(book):
    assert not monthly_review.monthly_review_pending(book.j)
    ana = book.person("Ana")
    book.log(ana, "2026-10-02")
    assert monthly_review.monthly_review_pending(book.j)  # last month had contacts


def test_monthly_prompts_rotate_and_repeat_within_a_month():
    a = monthly_review.monthly_prompts("2026-11")
    assert a == monthly_review.monthly_prompts("2026-11")
    assert a != monthly_review.monthly_prompts("2026-12")
    assert all(p.level == "5" for p in monthly_review.monthly_prompts("2026-11", "5"))
    assert TODAY.month == 11

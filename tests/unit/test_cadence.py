import datetime as dt

import pytest

from journal.cadence import (
    DUE_SOON,
    NO_CADENCE,
    OK,
    OVERDUE,
    CadenceInfo,
    compute_cadence,
    last_contacts,
    sort_by_urgency,
)

TODAY = dt.date(2026, 3, 18)


def person(sid, name=None, cadence=14, created="2026-01-01T09:00:00.000000Z", **extra):
    return {
        "id": sid,
        "name": name or sid.title(),
        "cadence_days": cadence,
        "created_at": created,
        "deleted": False,
        **extra,
    }


def entry(date, *ids, deleted=False):
    return {"date": date, "stakeholders": list(ids), "deleted": deleted}


def one(stakeholder, last=None, today=TODAY, **kwargs):
    contacts = {stakeholder["id"]: last} if last else {}
    [info] = compute_cadence([stakeholder], contacts, today, **kwargs)
    return info


# last_contacts


def test_last_contact_is_the_latest_date_whatever_the_order():
    log = [entry("2026-02-01", "ana"), entry("2026-03-05", "ana"), entry("2026-01-20", "ana")]
    assert last_contacts(log) == {"ana": "2026-03-05"}


def test_deleted_interactions_do_not_count_as_contact():
    log = [entry("2026-02-01", "ana"), entry("2026-03-10", "ana", deleted=True)]
    assert last_contacts(log) == {"ana": "2026-02-01"}


def test_an_interaction_with_several_stakeholders_counts_for_each():
    log = [entry("2026-03-01", "ana", "dan"), entry("2026-03-04", "dan")]
    assert last_contacts(log) == {"ana": "2026-03-01", "dan": "2026-03-04"}


def test_interactions_without_stakeholders_or_date_are_ignored():
    log = [{"date": "2026-03-01"}, {"stakeholders": ["ana"]}, entry("2026-01-01", "ana")]
    assert last_contacts(log) == {"ana": "2026-01-01"}


def test_last_contacts_over_many_entries_keeps_the_latest_per_stakeholder():
    ids = [f"s{i:03d}" for i in range(500)]
    log = [
        entry(
            f"20{16 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", ids[i % 500], ids[(i * 7) % 500]
        )
        for i in range(50_000)
    ]
    result = last_contacts(log)
    assert len(result) == 500
    for sid in ("s000", "s123", "s499"):
        assert result[sid] == max(e["date"] for e in log if sid in e["stakeholders"])


# compute_cadence


def test_due_is_last_contact_plus_cadence():
    info = one(person("ana", cadence=14), last="2026-03-10")
    assert info.due == "2026-03-24"
    assert info.days_until == 6
    assert info.days_overdue == 0
    assert info.state == OK
    assert info.last_contact == "2026-03-10"


def test_overdue_counts_the_days_late():
    info = one(person("ana", cadence=7), last="2026-03-01")
    assert info.due == "2026-03-08"
    assert info.state == OVERDUE
    assert info.days_overdue == 10
    assert info.days_until == -10


def test_never_contacted_is_due_from_the_day_they_were_added():
    info = one(person("ana", cadence=30, created="2026-03-01T10:00:00.000000Z"))
    assert info.last_contact is None
    assert info.due == "2026-03-01"
    assert info.state == OVERDUE
    assert info.days_overdue == 17


def test_a_stakeholder_added_today_is_due_today():
    info = one(person("ana", cadence=30, created="2026-03-18T23:59:00.000000Z"))
    assert info.due == "2026-03-18"
    assert info.state == DUE_SOON
    assert info.days_overdue == 0


def test_unstamped_new_stakeholder_is_due_today():
    info = one(person("ana", cadence=30, created=""))
    assert info.due == "2026-03-18"


def test_a_stakeholder_stamped_after_today_is_due_today_not_later():
    # Added on a machine whose clock runs ahead, or in a demo with SJ_TODAY.
    info = one(person("ana", cadence=30, created="2026-03-21T08:00:00.000000Z"))
    assert info.due == "2026-03-18"
    assert info.state == DUE_SOON


def test_snooze_pushes_the_due_date_later():
    info = one(person("ana", cadence=7, snooze_until="2026-03-25"), last="2026-03-01")
    assert info.due == "2026-03-25"
    assert info.state == OK
    assert info.days_overdue == 0


def test_snooze_in_the_past_is_ignored():
    info = one(person("ana", cadence=7, snooze_until="2026-03-05"), last="2026-03-01")
    assert info.due == "2026-03-08"
    assert info.state == OVERDUE


def test_snooze_does_not_give_a_cadence_to_someone_without_one():
    info = one(person("ana", cadence=None, snooze_until="2026-04-01"), last="2026-03-01")
    assert info.state == NO_CADENCE
    assert info.due is None
    assert info.days_until is None


def test_month_end_arithmetic_is_in_plain_days():
    info = one(person("ana", cadence=30), last="2026-01-31", today=dt.date(2026, 3, 2))
    assert info.due == "2026-03-02"
    assert info.state == DUE_SOON


def test_leap_day():
    info = one(person("ana", cadence=1), last="2028-02-28", today=dt.date(2028, 2, 28))
    assert info.due == "2028-02-29"
    info = one(person("ana", cadence=365), last="2028-02-29", today=dt.date(2028, 3, 1))
    assert info.due == "2029-02-28"
    assert info.days_until == 364


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        ("2026-03-06", "2026-03-09", "2026-03-13"),  # US clocks change 2026-03-08
        ("2026-03-27", "2026-03-30", "2026-04-03"),  # EU clocks change 2026-03-29
        ("2026-10-23", "2026-10-26", "2026-10-30"),  # EU back on 2026-10-25
    ],
)
def test_a_week_across_a_clock_change_is_still_seven_days(last, today, due):
    info = one(person("ana", cadence=7), last=last, today=dt.date.fromisoformat(today))
    assert info.due == due
    assert info.days_until == 4


@pytest.mark.parametrize(
    ("last", "state"),
    [
        ("2026-03-03", OVERDUE),  # due yesterday
        ("2026-03-04", DUE_SOON),  # due today
        ("2026-03-07", DUE_SOON),  # due in 3 days: the window's last day
        ("2026-03-08", OK),  # due in 4 days
    ],
)
def test_due_soon_window_edges(last, state):
    assert one(person("ana", cadence=14), last=last).state == state


def test_window_is_configurable():
    ana = person("ana", cadence=14)
    assert one(ana, last="2026-03-10", window=6).state == DUE_SOON
    assert one(ana, last="2026-03-10", window=0).state == OK
    assert one(ana, last="2026-03-04", window=0).state == DUE_SOON


def test_no_cadence():
    info = one(person("ana", cadence=None), last="2026-03-01")
    assert info.state == NO_CADENCE
    assert info.due is None
    assert info.days_overdue == 0
    assert info.last_contact == "2026-03-01"


def test_extra_due_pulls_the_due_date_earlier():
    ana = person("ana", cadence=30)
    info = one(ana, last="2026-03-10", extra_due={"ana": "2026-03-15"})
    assert info.due == "2026-03-15"
    assert info.state == OVERDUE
    later = one(ana, last="2026-03-10", extra_due={"ana": "2026-05-01"})
    assert later.due == "2026-04-09"


def test_extra_due_overrides_a_snooze():
    ana = person("ana", cadence=7, snooze_until="2026-04-30")
    assert one(ana, last="2026-03-15", extra_due={"ana": "2026-03-20"}).due == "2026-03-20"


def test_extra_due_makes_someone_without_cadence_due():
    info = one(person("ana", cadence=None), extra_due={"ana": "2026-03-19"})
    assert info.due == "2026-03-19"
    assert info.state == DUE_SOON
    assert info.cadence_days is None


def test_deleted_stakeholders_are_left_out():
    people = [person("ana"), person("dan", deleted=True)]
    assert [i.id for i in compute_cadence(people, {}, TODAY)] == ["ana"]


def test_damaged_values_do_not_break_the_list():
    people = [
        person("ana", cadence=0),
        person("bo", cadence="7"),
        person("cy", cadence=7, snooze_until="soon"),
    ]
    infos = compute_cadence(people, {"cy": "not a date"}, TODAY)
    assert [i.state for i in infos] == [NO_CADENCE, NO_CADENCE, OVERDUE]
    assert infos[2].due == "2026-01-01"


def test_to_json():
    info = one(person("ana", name="Ana Ruiz", cadence=7), last="2026-03-01")
    assert info.to_json() == {
        "id": "ana",
        "name": "Ana Ruiz",
        "cadence_days": 7,
        "last_contact": "2026-03-01",
        "due": "2026-03-08",
        "days_overdue": 10,
        "days_until": -10,
        "state": "overdue",
        "contact_due": "2026-03-08",
        "contact_state": "overdue",
        "reasons": ["contact 10d late"],
    }


def test_cadence_info_is_immutable():
    info = one(person("ana"))
    with pytest.raises(AttributeError):
        info.state = OK  # type: ignore[misc]


# sort_by_urgency


def info(name, due, state):
    return CadenceInfo(name.lower(), name, 7, None, due, 0, None, state)


def test_sort_by_urgency():
    infos = [
        info("Zoe", None, NO_CADENCE),
        info("Ok later", "2026-04-20", OK),
        info("Soon", "2026-03-19", DUE_SOON),
        info("Ok", "2026-04-01", OK),
        info("Bit late", "2026-03-16", OVERDUE),
        info("Adam", None, NO_CADENCE),
        info("Very late", "2026-01-01", OVERDUE),
        info("Today", "2026-03-18", DUE_SOON),
    ]
    names = [i.name for i in sort_by_urgency(infos)]
    assert names == ["Very late", "Bit late", "Today", "Soon", "Ok", "Ok later", "Adam", "Zoe"]


def test_sort_by_urgency_on_computed_infos():
    people = [
        person("amy", cadence=None),
        person("ben", cadence=7),
        person("cat", cadence=7),
        person("dee", cadence=90),
    ]
    contacts = {"ben": "2026-03-12", "cat": "2026-02-01", "dee": "2026-03-01"}
    ordered = sort_by_urgency(compute_cadence(people, contacts, TODAY))
    assert [i.id for i in ordered] == ["cat", "ben", "dee", "amy"]


# the two clocks


def test_a_late_promise_speaks_for_itself_beside_a_fresh_contact():
    ana = person("ana", cadence=10)
    info = one(ana, last="2026-03-17", extra_due={"ana": [("promise", "2026-03-15")]})
    assert (info.state, info.days_overdue) == (OVERDUE, 3)
    assert (info.contact_due, info.contact_state) == ("2026-03-27", OK)
    assert info.reasons == ("promise 3d late",)


def test_every_clock_that_speaks_is_named_most_urgent_first():
    ana = person("ana", cadence=7)
    info = one(
        ana,
        last="2026-03-10",
        extra_due={"ana": [("follow-up", "2026-03-18"), ("promise", "2026-04-30")]},
    )
    # contact due 03-17 (1d late), the follow-up today; the promise is far off.
    assert info.reasons == ("contact 1d late", "follow-up due today")


def test_nothing_due_gives_no_reason():
    assert one(person("ana", cadence=30), last="2026-03-15").reasons == ()

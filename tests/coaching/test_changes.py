import datetime as dt

from journal import changes


def test_note_profile_changes_logs_tracked_fields_only():
    prev = {"role": "Analyst", "organization": "A", "notes": "x", "profile_log": []}
    out = changes.note_profile_changes(
        prev, {"role": "Director", "notes": "y"}, dt.date(2026, 5, 1)
    )
    assert out["profile_log"] == [{"field": "role", "date": "2026-05-01", "before": "Analyst"}]
    assert out["role"] == "Director" and out["notes"] == "y"
    same = changes.note_profile_changes(prev, {"role": " Analyst "}, dt.date(2026, 5, 1))
    assert "profile_log" not in same


def test_log_is_bounded():
    prev = {
        "role": "r0",
        "profile_log": [{"field": "role", "date": "2020-01-01", "before": "x"}] * 40,
    }
    out = changes.note_profile_changes(prev, {"role": "r1"}, dt.date(2026, 5, 1))
    assert len(out["profile_log"]) == changes.MAX_LOG
    assert out["profile_log"][-1]["before"] == "r0"


def test_field_changes_walk_forward_to_the_current_value():
    raw = {
        "critical_issues": "c",
        "profile_log": [
            {"field": "critical_issues", "date": "2026-02-01", "before": "a"},
            {"field": "critical_issues", "date": "2026-03-01", "before": "b"},
            {"field": "role", "date": "2026-03-02", "before": "x"},
        ],
    }
    found = changes.field_changes(raw, "critical_issues")
    assert [(c.date, c.before, c.after) for c in found] == [
        ("2026-02-01", "a", "b"),
        ("2026-03-01", "b", "c"),
    ]
    assert changes.changed_since(raw, "critical_issues", "2026-02-15").before == "b"
    assert changes.changed_since(raw, "critical_issues", "2026-03-01") is None
    hits = changes.changed_between(
        [raw, {"deleted": True, **raw}], "critical_issues", "2026-02-01", "2026-02-28"
    )
    assert len(hits) == 1 and hits[0][1][0].before == "a"


def test_history_fallback_is_dated_by_the_current_version():
    raw = {
        "role": "Director",
        "updated_at": "2026-04-03T10:00:00.000000Z",
        "history": [{"role": "Analyst"}, {"role": "Director"}, {"role": "Analyst"}],
    }
    (change,) = changes.field_changes(raw, "role")
    assert change.date == "2026-04-03" and change.before == "Analyst" and change.after == "Director"

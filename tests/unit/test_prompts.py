import datetime as dt
import re

import pytest

from journal import prompts
from journal.errors import InputError
from journal.prompts import (
    ACTIVITIES,
    LEVELS,
    MOMENTS,
    PROMPTS,
    after_interaction,
    get,
    prompt_of_the_day,
    prompts_for,
)

DAY = dt.date(2026, 3, 18)


def ids(found):
    return [p.id for p in found]


# The library


def test_library_is_large_enough_with_unique_ids():
    assert len(PROMPTS) >= 48
    assert len({p.id for p in PROMPTS}) == len(PROMPTS)


def test_ids_are_stable_slugs():
    for prompt in PROMPTS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", prompt.id), prompt.id


def test_every_level_and_moment_pair_has_prompts():
    for level in LEVELS:
        for moment in MOMENTS:
            assert prompts_for(moment, level), (level, moment)


def test_every_activity_has_a_prompt_of_its_own_level():
    for activity, level in ACTIVITIES.items():
        assert any(p.activity == activity and p.level == level for p in PROMPTS), activity
    assert {p.activity for p in PROMPTS} == set(ACTIVITIES)
    for prompt in PROMPTS:
        assert ACTIVITIES[prompt.activity] == prompt.level, prompt.id


def test_prompts_are_short_questions_or_instructions():
    for prompt in PROMPTS:
        assert 20 <= len(prompt.text) <= 200, prompt.id
        assert prompt.text[0].isupper() and prompt.text.rstrip()[-1] in ".?", prompt.id
        assert "  " not in prompt.text, prompt.id


def test_get():
    assert get("after-reaction").moment == "interaction"
    with pytest.raises(InputError, match="after-nothing") as caught:
        get("after-nothing")
    assert "\n" not in str(caught.value)


def test_prompts_for_filters_by_moment_and_level():
    weekly = prompts_for("weekly")
    assert weekly and all(p.moment == "weekly" for p in weekly)
    assert {p.level for p in weekly} == set(LEVELS)
    assert all(p.level == "5" for p in prompts_for("weekly", "5"))
    with pytest.raises(InputError):
        prompts_for("hourly")
    with pytest.raises(InputError):
        prompts_for("daily", "6")


# Prompt of the day


def test_prompt_of_the_day_is_deterministic():
    assert prompt_of_the_day(DAY) == prompt_of_the_day(dt.date(2026, 3, 18))
    assert prompt_of_the_day(DAY, "3-4") == prompt_of_the_day(DAY, "3-4")


def test_prompt_of_the_day_changes_daily_and_cycles_through_the_pool():
    pool = [p for p in PROMPTS if p.moment in ("daily", "weekly", "stakeholder")]
    days = [DAY + dt.timedelta(days=n) for n in range(len(pool))]
    seen = [prompt_of_the_day(day) for day in days]
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))
    assert set(seen) == set(pool)


def test_prompt_of_the_day_respects_level_and_moments():
    for n in range(60):
        prompt = prompt_of_the_day(DAY + dt.timedelta(days=n), "5")
        assert prompt.level == "5"
        assert prompt.moment in ("daily", "weekly", "stakeholder")


def test_prompt_of_the_day_is_the_same_in_another_process():
    import subprocess
    import sys

    code = "import datetime as d; from journal.prompts import prompt_of_the_day as p; print(p(d.date(2026, 3, 18)).id)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == prompt_of_the_day(DAY).id


# After an interaction


def full_entry(**fields):
    entry = {
        "date": "2026-03-18",
        "stakeholders": ["ana"],
        "formal": True,
        "business": True,
        "channel": "meeting",
        "summary": "Budget review",
        "reaction": "Relieved",
        "their_view": "Worried about staffing",
        "differently": "Bring the numbers earlier",
        "shared": "",
        "new_person": False,
    }
    entry.update(fields)
    return entry


def test_after_interaction_returns_two_or_three_interaction_prompts():
    cases = [
        full_entry(),
        full_entry(reaction="", their_view="", differently="", new_person=True, shared="x"),
        full_entry(formal=False, business=False),
        {"date": "2026-03-18"},
    ]
    for entry in cases:
        for level in (None, *LEVELS):
            chosen = after_interaction(entry, {"key": True}, level)
            assert 2 <= len(chosen) <= 3
            assert len(set(chosen)) == len(chosen)
            assert all(p.moment == "interaction" for p in chosen)


def test_empty_reflections_get_prompts_for_them():
    chosen = ids(after_interaction(full_entry(their_view="", differently="")))
    assert "after-their-shoes" in chosen
    assert "after-differently" in chosen
    assert "after-reaction" in ids(after_interaction(full_entry(reaction="  ")))


def test_filled_reflections_are_not_asked_again():
    chosen = ids(after_interaction(full_entry()))
    assert not {"after-reaction", "after-their-shoes", "after-differently"} & set(chosen)


def test_new_person_and_shared_information():
    assert "after-new-person" in ids(after_interaction(full_entry(new_person=True)))
    assert "after-shared" in ids(after_interaction(full_entry(shared="An article on grants")))


def test_informal_and_personal_conversations():
    assert "after-informal" in ids(after_interaction(full_entry(formal=False)))
    assert "after-personal" in ids(after_interaction(full_entry(business=False)))
    formal = ids(after_interaction(full_entry()))
    assert "after-needs" in formal
    assert "after-informal" not in formal and "after-personal" not in formal


def test_key_influencer_prompt_follows_the_level():
    key = {"id": "ana", "key": True}
    assert "after-key-schedule" in ids(after_interaction(full_entry(), key))
    assert "after-key-voice" in ids(after_interaction(full_entry(), key, "5"))
    assert not {"after-key-schedule", "after-key-voice"} & set(
        ids(after_interaction(full_entry(), {"id": "ana", "key": False}))
    )


def test_level_picks_that_levels_variant():
    chosen = after_interaction(full_entry(), None, "3-4")
    assert any(p.level == "3-4" for p in chosen)
    with pytest.raises(InputError):
        after_interaction(full_entry(), None, "beginner")


def test_context_prompts_all_exist():
    for _, options in prompts._CONTEXT:
        for prompt_id in options:
            assert get(prompt_id).moment == "interaction"

"""The search language and what it searches (journal/search.py, journal/search_index.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal import search as finder
from journal import search_index
from journal.errors import InputError
from journal.records import Interaction, Promise, Reflection, Share, Stakeholder
from journal.search import Filters, search
from journal.search_query import parse_query, snippet

from .conftest import open_journal


def person(journal, name, **fields):
    return journal.add(Stakeholder(name=name, **fields))


def entry(journal, who, date, summary="", **fields):
    ids = [who.id] if isinstance(who, Stakeholder) else [w.id for w in who]
    return journal.add(Interaction(date=date, stakeholders=ids, summary=summary, **fields))


def found(journal, query, **filters):
    return [(h.kind, h.id) for h in search(journal, query, Filters(**filters), limit=0).hits]


def texts(journal, query, **filters):
    return [h.snippet.text for h in search(journal, query, Filters(**filters), limit=0).hits]


@pytest.fixture
def ana(journal):
    return person(journal, "Ana Ruiz", organization="Forestry Board")


# -- words, phrases, exclusions, prefixes


def test_every_word_must_match_anywhere_in_the_record(journal, ana):
    both = entry(journal, ana, "2026-03-02", "Talked permits", reaction="Wants new maps")
    entry(journal, ana, "2026-03-01", "Talked permits only")
    assert found(journal, "maps permits") == [("entry", both.id)]


def test_a_word_matches_whole_words_except_the_last(journal, ana):
    entry(journal, ana, "2026-03-02", "The permits arrived")
    assert found(journal, "permit arrived") == []
    assert len(found(journal, "arrived permit")) == 1  # last word: a prefix
    assert found(journal, "ermits") == []  # a prefix starts a word


def test_a_phrase_matches_its_words_in_order(journal, ana):
    right = entry(journal, ana, "2026-03-02", "The spring consultation was long")
    entry(journal, ana, "2026-03-01", "Consultation in spring")
    across = entry(journal, ana, "2026-02-01", "Early spring,\nconsultation opened")
    assert found(journal, '"spring consultation"') == [
        ("entry", right.id),
        ("entry", across.id),
    ]


def test_a_phrase_never_spans_two_fields(journal, ana):
    entry(journal, ana, "2026-03-02", "It was spring", reaction="consultation later")
    assert found(journal, '"spring consultation"') == []
    assert len(found(journal, "spring consultation")) == 1


def test_minus_excludes_a_word_or_a_phrase(journal, ana):
    keep = entry(journal, ana, "2026-03-02", "Permits and budget")
    entry(journal, ana, "2026-03-01", "Permits and maps")
    entry(journal, ana, "2026-02-01", "Permits, old maps")
    assert found(journal, "permits -maps") == [("entry", keep.id)]
    assert len(found(journal, 'permits -"old maps"')) == 2


def test_the_last_word_while_typing_and_an_open_quote(journal, ana):
    entry(journal, ana, "2026-03-02", "The spring consultation")
    for typed in ("p", "spr", "spring con", '"spring con'):
        expected = 0 if typed == "p" else 1
        assert len(found(journal, typed)) == expected, typed
    assert parse_query('"spring con').terms[0].prefix
    assert not parse_query('"spring con"').terms[0].prefix


def test_punctuation_inside_a_word_makes_a_phrase_of_its_parts(journal, ana):
    entry(journal, ana, "2026-03-02", "Sent the e-mail to O'Brien")
    assert len(found(journal, "email")) == 0
    assert len(found(journal, "e-mail obrien")) == 0
    assert len(found(journal, "e-mail o'brien")) == 1


def test_an_empty_query_or_only_exclusions_finds_nothing(journal, ana):
    entry(journal, ana, "2026-03-02", "Permits")
    for typed in ("", "  ", "-permits", "&&"):
        assert not parse_query(typed)
        assert found(journal, typed) == []


# -- case and accents, both ways


def test_case_and_accents_never_matter_in_the_query_or_the_text(journal, ana):
    cafe = entry(journal, ana, "2026-03-02", "Met at the Café Noir")
    plain = entry(journal, ana, "2026-03-01", "Met at the cafe")
    for typed in ("cafe", "CAFÉ", "café noir", "Cafe"):
        hits = found(journal, typed)
        assert ("entry", cafe.id) in hits, typed
    assert found(journal, "cafés") == []
    assert ("entry", plain.id) in found(journal, "CAFÉ")


def test_folding_beyond_accents(journal, ana):
    entry(journal, ana, "2026-03-02", "Meeting at the Straße office, ﬁnal plan")
    assert len(found(journal, "strasse final")) == 1
    entry(journal, ana, "2026-03-03", "Søren from Ærø Łódź")
    assert len(found(journal, "soren aero lodz")) == 1
    assert len(found(journal, "SØREN")) == 1


def test_snippet_marks_the_match_in_the_original_text(journal, ana):
    entry(journal, ana, "2026-03-02", "Lunch at Crème Brûlée Street with the board")
    hit = search(journal, "creme brulee").hits[0]
    text, marks = hit.snippet.text, hit.snippet.marks
    assert [text[a:b] for a, b in marks] == ["Crème", "Brûlée"]


def test_a_snippet_near_the_end_of_a_text_uses_its_room_before_the_match():
    text = "Called about sharing the caribou collar data"
    shown = snippet(parse_query("caribou"), text, 40).text
    assert shown == "…about sharing the caribou collar data"


def test_a_snippet_shows_the_most_terms_then_the_one_typed_last():
    text = "Zoë said the permits review is, in her words, a façade for the mill"
    shown = snippet(parse_query("zoe facade"), text, 30)
    a, b = shown.marks[-1]
    assert shown.text[a:b] == "façade"  # the word being typed, though Zoë comes first
    both = snippet(parse_query("review facade"), text, 40)
    assert [both.text[a:b] for a, b in both.marks] == ["review", "façade"]


def test_follow_ups_in_a_snippet_are_set_apart_and_marks_stay_on_their_words():
    text = "Book the site visit\nIntroduce them to the permits team"
    shown = snippet(parse_query("permits"), text, 80)
    assert shown.text == "Book the site visit · Introduce them to the permits team"
    a, b = shown.marks[0]
    assert shown.text[a:b] == "permits"


def test_snippet_cuts_around_the_match_on_one_line():
    text = "word " * 40 + "permits\nwere late " + "tail " * 40
    shown = snippet(parse_query("permits"), text, width=40)
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert "\n" not in shown.text and "permits · were" in shown.text
    a, b = shown.marks[0]
    assert shown.text[a:b] == "permits"


# -- every field of every kind


ENTRY_FIELDS = (
    "summary",
    "reaction",
    "needs",
    "expectations",
    "their_view",
    "differently",
    "next_time",
    "shared",
    "new_person_name",
)


@pytest.mark.parametrize("field", ENTRY_FIELDS)
def test_each_entry_field_is_searched_and_named(journal, ana, field):
    fields = {field: "About the zebra crossing"}
    if field != "summary":
        fields["summary"] = "Met"
    made = entry(journal, ana, "2026-03-02", **fields)
    (hit,) = search(journal, "zebra").hits
    assert (hit.kind, hit.id, hit.field) == ("entry", made.id, field)
    assert hit.stakeholder_ids == (ana.id,)


def test_follow_ups_are_searched(journal, ana):
    made = entry(
        journal, ana, "2026-03-02", "Met", follow_ups=[{"id": "f1", "text": "Send the zebra map"}]
    )
    (hit,) = search(journal, "zebra").hits
    assert (hit.id, hit.field, hit.snippet.text) == (made.id, "follow_ups", "Send the zebra map")


def test_a_result_shows_the_field_with_most_terms_then_the_latest_typed(journal, ana):
    entry(
        journal,
        ana,
        "2026-03-02",
        "Called about moose numbers",
        follow_ups=[{"id": "f1", "text": "Send the permits list"}],
        reaction="Asked about moose permits too",
    )
    (hit,) = search(journal, "moose permits").hits
    assert (hit.field, hit.snippet.text) == ("reaction", "Asked about moose permits too")
    journal.update("interactions", hit.id, {"reaction": ""})
    (hit,) = search(journal, "moose perm").hits  # the word being typed shows
    assert (hit.field, hit.snippet.text) == ("follow_ups", "Send the permits list")
    (hit,) = search(journal, "moose").hits
    assert hit.field == "summary"


PROFILE_FIELDS = (
    "organization",
    "role",
    "values",
    "mandate",
    "mandate_direction",
    "critical_issues",
    "assumptions",
    "personal",
    "met_how",
    "notes",
)


@pytest.mark.parametrize("field", PROFILE_FIELDS)
def test_each_profile_field_is_searched(journal, field):
    made = person(journal, "Ben Okafor", **{field: "Zebra matters"})
    (hit,) = search(journal, "zebra").hits
    assert (hit.kind, hit.id, hit.field) == ("stakeholder", made.id, field)
    assert hit.date == made.updated_at[:10]  # a profile: the day it last changed


def test_profile_name_and_tags(journal):
    made = person(journal, "Zoë Zebra", tags=["wetlands", "board"])
    assert [h.field for h in search(journal, "zoe").hits] == ["name"]
    hit = search(journal, "wetlands").hits[0]
    assert (hit.id, hit.field) == (made.id, "tags")


def test_reflections_promises_both_ways_and_shares(journal, ana):
    note = journal.add(Reflection(date="2026-04-01", answer="Zebra thoughts", stakeholder=ana.id))
    mine = journal.add(Promise(stakeholder=ana.id, text="Send the zebra study"))
    theirs = journal.add(Promise(stakeholder=ana.id, text="Zebra data to me", theirs=True))
    shared = journal.add(
        Share(date="2026-05-01", title="Report", note="on zebras", stakeholders=[ana.id])
    )
    tagged = journal.add(Share(date="2026-05-02", title="Other", tags=["zebra"]))
    # Quoted, the last word is whole: "zebras" is not "zebra".
    hits = {(h.kind, h.id): h for h in search(journal, '"zebra"').hits}
    assert set(hits) == {
        ("reflection", note.id),
        ("promise", mine.id),
        ("promise", theirs.id),
        ("share", tagged.id),
    }
    assert found(journal, "zebras") == [("share", shared.id)]
    assert hits[("reflection", note.id)].stakeholder_ids == (ana.id,)
    assert hits[("reflection", note.id)].date == "2026-04-01"


def test_in_narrows_the_kinds(journal, ana):
    person(journal, "Zebra Person")
    entry(journal, ana, "2026-03-02", "Zebra")
    assert [k for k, _ in found(journal, "zebra", kinds=("entry",))] == ["entry"]
    assert [k for k, _ in found(journal, "zebra", kinds=("stakeholder",))] == ["stakeholder"]
    assert finder.kinds_from(["people", " entries"]) == ("entry", "stakeholder")
    with pytest.raises(InputError, match="'notes' is not something to search in"):
        finder.kinds_from(["notes"])


def test_deleted_records_and_lost_versions_are_not_found(journal, ana):
    gone = entry(journal, ana, "2026-03-02", "Zebra")
    journal.delete("interactions", gone.id)
    assert found(journal, "zebra") == []


# -- order, filters, limits


def test_newest_first_across_kinds(journal, ana):
    old = entry(journal, ana, "2025-01-01", "Zebra")
    new = entry(journal, ana, "2026-01-01", "Zebra")
    prof = person(journal, "Zebra Person")  # changed today
    note = journal.add(Reflection(date="2025-06-01", answer="zebra"))
    assert found(journal, "zebra") == [
        ("stakeholder", prof.id),
        ("entry", new.id),
        ("reflection", note.id),
        ("entry", old.id),
    ]


def test_date_bounds_are_inclusive(journal, ana):
    entry(journal, ana, "2026-01-01", "Zebra")
    inside = entry(journal, ana, "2026-03-01", "Zebra")
    last = entry(journal, ana, "2026-06-30", "Zebra")
    entry(journal, ana, "2026-07-01", "Zebra")
    person(journal, "Zebra Person")  # changed today: after the bounds
    since, until = dt.date(2026, 3, 1), dt.date(2026, 6, 30)
    assert found(journal, "zebra", since=since, until=until) == [
        ("entry", last.id),
        ("entry", inside.id),
    ]


def test_who_keeps_what_concerns_one_stakeholder(journal, ana):
    ben = person(journal, "Ben Okafor")
    mine = entry(journal, ana, "2026-03-02", "Zebra")
    both = entry(journal, [ana, ben], "2026-03-01", "Zebra")
    entry(journal, ben, "2026-03-03", "Zebra")
    promise = journal.add(Promise(stakeholder=ana.id, text="zebra"))
    assert set(found(journal, "zebra", who=ana.id)) == {
        ("entry", mine.id),
        ("entry", both.id),
        ("promise", promise.id),
    }


def test_formal_informal_and_tag(journal, ana):
    ben = person(journal, "Ben Okafor", tags=["Wetlands"])
    formal = entry(journal, ana, "2026-03-02", "Zebra", formal=True)
    informal = entry(journal, ben, "2026-03-01", "Zebra", formal=False)
    person(journal, "Zebra Person")
    assert found(journal, "zebra", formal=True) == [("entry", formal.id)]
    assert found(journal, "zebra", formal=False) == [("entry", informal.id)]
    assert found(journal, "zebra", tag="wetlands") == [("entry", informal.id)]


def test_limit_and_more(journal, ana):
    for day in range(1, 6):
        entry(journal, ana, f"2026-03-0{day}", "Zebra")
    results = search(journal, "zebra", limit=3)
    assert [h.date for h in results.hits] == ["2026-03-05", "2026-03-04", "2026-03-03"]
    assert results.more
    assert not search(journal, "zebra", limit=5).more


def test_the_folded_text_follows_each_change(journal, ana):
    first = entry(journal, ana, "2026-03-02", "Zebra")
    assert len(found(journal, "zebra")) == 1
    journal.update("interactions", first.id, {"summary": "Giraffe"})
    assert found(journal, "zebra") == []
    assert len(found(journal, "giraffe")) == 1
    entry(journal, ana, "2026-03-03", "Zebra again")
    assert len(found(journal, "zebra")) == 1


def test_many_records_across_blocks(journal, ana, monkeypatch):
    monkeypatch.setattr(search_index, "BLOCK", 4)
    for day in range(1, 10):
        entry(journal, ana, f"2026-03-0{day}", "Zebra" if day % 2 else "Lion")
    assert [h.date for h in search(journal, "zebra", limit=0).hits] == [
        "2026-03-09",
        "2026-03-07",
        "2026-03-05",
        "2026-03-03",
        "2026-03-01",
    ]
    assert [h.date for h in search(journal, "zebra", limit=2).hits] == [
        "2026-03-09",
        "2026-03-07",
    ]


ANIMALS = ("zebra", "lion", "okapi", "heron", "gecko")


def test_the_folded_text_stays_true_through_many_changes(journal, ana, monkeypatch, tmp_path):
    """Blocks folded before a change are kept when their records did not
    change; whatever the changes (entries logged on any date, edited,
    deleted, restored, or arriving from another machine's save), a search
    finds exactly what a plain scan of the live entries finds."""
    import random

    from journal.rules import fold

    monkeypatch.setattr(search_index, "BLOCK", 8)
    rng = random.Random(7)
    other = open_journal(journal.storage.path, "other-machine")

    def some_text():
        return " ".join(rng.sample(ANIMALS, 2)) + rng.choice(["", " Éclair", " naïve"])

    for _ in range(40):
        day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        entry(journal, ana, day, some_text())
    for step in range(120):
        live = journal.interactions_of(None)
        roll = rng.random()
        if roll < 0.3:
            day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
            entry(journal, ana, day, some_text())
        elif roll < 0.55 and live:
            journal.update("interactions", rng.choice(live)["id"], {"summary": some_text()})
        elif roll < 0.7 and live:
            journal.delete("interactions", rng.choice(live)["id"])
        elif roll < 0.8:
            gone = [r for r in journal.records("interactions", include_deleted=True)]
            gone = [r for r in gone if r.get("deleted")]
            if gone:
                journal.restore("interactions", rng.choice(gone)["id"])
        else:
            other.refresh()
            theirs = other.interactions_of(None)
            if theirs:
                other.update("interactions", rng.choice(theirs)["id"], {"summary": some_text()})
            journal.refresh()
        animal = rng.choice(ANIMALS)
        word = rng.choice([animal, animal[:3], "eclair", "NAIVE"])
        expected = [
            r["id"]
            for r in journal.interactions_of(None)
            if any(w.startswith(fold(word)) for w in fold(r.get("summary", "")).split())
        ]
        got = [h.id for h in search(journal, word, Filters(kinds=("entry",)), limit=0).hits]
        assert got == expected, f"step {step}: {word!r}"


def test_logging_an_entry_refolds_only_what_is_new(journal, ana, monkeypatch):
    monkeypatch.setattr(search_index, "BLOCK", 8)
    for day in range(1, 28):
        entry(journal, ana, f"2026-03-{day:02d}", "Zebra")
    search_index.index_of(journal).build()
    folds = []
    real = search_index._Block.fold

    def counting(block, names):
        folds.append(len(block.records))
        real(block, names)

    monkeypatch.setattr(search_index._Block, "fold", counting)
    entry(journal, ana, "2026-11-27", "Zebra at last")
    assert found(journal, "zebra")[0] == ("entry", journal.interactions_of(None)[0]["id"])
    assert sum(folds) <= 2 * search_index.BLOCK  # the new entry and its neighbours, not 28


def test_each_kind_follows_its_own_changes(journal, ana):
    entry(journal, ana, "2026-03-02", "Zebra")
    assert found(journal, "zebra okapi") == []
    journal.update("stakeholders", ana.id, {"notes": "Keeps an okapi"})
    assert found(journal, "okapi") == [("stakeholder", ana.id)]
    promise = journal.add(Promise(stakeholder=ana.id, text="Send the okapi map"))
    assert ("promise", promise.id) in found(journal, "okapi")
    journal.delete("promises", promise.id)
    journal.update("stakeholders", ana.id, {"notes": ""})
    assert found(journal, "okapi") == []


def test_a_search_while_a_worker_folds_ahead_finds_what_a_lone_search_finds(
    journal, ana, monkeypatch
):
    """The app folds in a worker thread while the user may already search:
    each block is folded once, by whichever comes first, and both see it
    whole."""
    import threading

    monkeypatch.setattr(search_index, "BLOCK", 8)
    for n in range(200):
        entry(journal, ana, f"2026-{1 + n % 11:02d}-{1 + n % 28:02d}", ANIMALS[n % 5] + f" {n}")
    expected = {word: found(journal, word) for word in ANIMALS}
    for _round in range(5):
        journal.update("interactions", journal.interactions_of(None)[-1]["id"], {"summary": "lion"})
        expected = {word: found(journal, word) for word in ANIMALS}
        search_index._INDEXES.pop(journal, None)  # a fresh index, nothing folded
        worker = threading.Thread(target=search_index.index_of(journal).build)
        worker.start()
        seen = {word: found(journal, word) for word in ANIMALS}
        worker.join()
        assert seen == expected


@given(
    st.lists(st.sampled_from(["pe", "per", "moose", "a", "é"]), min_size=1, max_size=2),
    st.booleans(),
    st.text(alphabet="pemorsa é\x1e\x1f-_1", max_size=30),
)
def test_a_term_matches_where_its_words_start_and_end_a_word(words, prefix, text):
    from journal.search_query import _BETWEEN, Term

    # The plain form of the rule: not preceded by a letter, and (unless
    # typed last) not followed by one.
    body = _BETWEEN.join(map(re.escape, words))
    plain = re.compile(rf"(?<!\w){body}" + ("" if prefix else r"(?!\w)"))
    term = Term.of(words, prefix)
    for start in range(len(text) + 1):
        found, expected = term.pattern.search(text, start), plain.search(text, start)
        assert (found and found.span()) == (expected and expected.span())


def test_a_search_that_stopped_at_its_limit_is_looked_ahead_for_the_next_key(
    journal, ana, monkeypatch
):
    monkeypatch.setattr(search_index, "BLOCK", 4)
    for day in range(1, 10):
        entry(journal, ana, f"2026-03-0{day}", "Moose permits" if day % 3 else "Pine plans")
    search_index.index_of(journal).build()  # as the app's worker does
    query = parse_query("moose p")
    first = search(journal, query, limit=2)
    assert first.more
    blocks = search_index.index_of(journal)._blocks["entry"]
    assert not all(b.remembers("moose") for b in blocks)  # it stopped early
    steps = list(finder.look_ahead(journal, query))
    assert steps and all(b.remembers("moose") for b in blocks)
    assert not list(finder.look_ahead(journal, query))  # nothing left to do
    # What the next key finds is what a search from scratch finds.
    remembered = [h.record["id"] for h in search(journal, "moose pe", limit=0).hits]
    search_index._INDEXES.clear()
    fresh = [h.record["id"] for h in search(journal, "moose pe", limit=0).hits]
    assert remembered == fresh and len(fresh) == 6

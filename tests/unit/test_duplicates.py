"""Likely duplicates: the same e-mail, the same name and organization, close names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import process

from journal.duplicates import (
    SAME_EMAIL,
    SAME_NAME,
    SIMILAR,
    SIMILAR_SCORE,
    Index,
    find_pairs,
    likeness,
    most_alike,
)
from journal.rules import identity_key


def person(rid, name, org="", email="", **more):
    return {"id": rid, "name": name, "organization": org, "email": email, "created_at": rid, **more}


PEOPLE = [
    person("1", "Ana Ruiz", "Forestry Board", "ana@forest.example"),
    person("2", "ANA  RUÍZ", "forestry board"),
    person("3", "Jon Smith", "Harbour Authority"),
    person("4", "John Smith", "Harbour Authority"),
    person("5", "John Smith", "City Council"),
    person("6", "A. Ruiz", "", "Ana@Forest.example, ana.home@example.org"),
    person("7", "Gone Twin", "Harbour Authority", "ana@forest.example", deleted=True),
]


def test_each_pair_is_listed_once_with_its_strongest_reason():
    pairs = {(p.first["id"], p.second["id"]): p.reason for p in find_pairs(PEOPLE)}
    assert pairs == {("1", "6"): SAME_EMAIL, ("1", "2"): SAME_NAME, ("3", "4"): SIMILAR}


def test_letters_that_do_not_decompose_fold_plainly():
    people = [
        person("1", "Søren Ærø", "Straße AG"),
        person("2", "Soren Aero", "STRASSE AG"),
        person("3", "Łukasz Þórsson", "Œuvre"),
        person("4", "Lukasz Thorsson", "oeuvre"),
    ]
    pairs = {(p.first["id"], p.second["id"]): p.reason for p in find_pairs(people)}
    assert pairs == {("1", "2"): SAME_NAME, ("3", "4"): SAME_NAME}


def test_namesakes_at_other_organizations_are_not_duplicates():
    pairs = find_pairs([person("4", "John Smith", "Harbour"), person("5", "John Smith", "Bank")])
    assert pairs == []


def test_the_index_finds_what_an_incoming_contact_is():
    index = Index(PEOPLE)

    def match(name, org, emails):
        return index.match(identity_key(name, org), emails)

    assert match("Someone", "", ["ANA@forest.example"]) == (SAME_EMAIL, PEOPLE[0])
    assert match("ana ruiz", "FORESTRY BOARD", []) == (SAME_NAME, PEOPLE[0])
    assert match("Jonh Smith", "Harbour Authority", [])[0] == SIMILAR
    assert match("Jon Smith", "Bank", []) is None
    assert match("Gone Twin", "Harbour Authority", []) is None


_names = st.lists(
    st.sampled_from(["jon", "john", "smith", "smyth", "ana", "ruiz", "j."]), max_size=3
)


@given(st.builds(" ".join, _names), st.lists(st.builds(" ".join, _names), max_size=6))
def test_the_most_alike_name_is_the_one_likeness_would_pick(name, names):
    best = process.extractOne(name, names, scorer=likeness, score_cutoff=SIMILAR_SCORE)
    assert most_alike(name, names) == (best[2] if best else None)


def test_names_alike_as_typed_or_with_words_swapped_are_similar():
    grid = [
        person("1", "Sølvi Ødegård", "Nordic Grid"),
        person("2", "Sølvi Odegard", "Nordic Grid"),
        person("3", "Odegard Sølvi", "Nordic Grid"),
        person("4", "Sven Olsen", "Nordic Grid"),
    ]
    pairs = {(p.first["id"], p.second["id"]): p.reason for p in find_pairs(grid)}
    # Ø folds to O, so 1 and 2 are the same name, and 3 is either with its
    # words swapped.
    assert pairs == {("1", "2"): SAME_NAME, ("1", "3"): SIMILAR, ("2", "3"): SIMILAR}

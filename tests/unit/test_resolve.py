import pytest

from journal.errors import AmbiguousError, InputError, NotFoundError
from journal.resolve import resolve_stakeholder

ANA = {"id": "3f2a1c9e0b7d4c1aa5e6f7a8b9c0d1e2", "name": "Ana Ruiz", "deleted": False}
DAN = {"id": "77ab01d4e5f6a7b8c9d0e1f2a3b4c5d6", "name": "Dan Brown", "deleted": False}
DANA = {"id": "3f2a1cffee0011223344556677889900", "name": "Dana Scully", "deleted": False}
GONE = {"id": "aaaaaa00000000000000000000000000", "name": "Gone Person", "deleted": True}
PEOPLE = [ANA, DAN, DANA, GONE]


def test_exact_id():
    assert resolve_stakeholder(DAN["id"], PEOPLE) is DAN
    assert resolve_stakeholder(DAN["id"].upper(), PEOPLE) is DAN


def test_unique_id_prefix():
    assert resolve_stakeholder("77ab01", PEOPLE) is DAN
    assert resolve_stakeholder("3f2a1c9", PEOPLE) is ANA


def test_shared_id_prefix_is_ambiguous():
    with pytest.raises(AmbiguousError) as caught:
        resolve_stakeholder("3f2a1c", PEOPLE)
    assert caught.value.candidates == ["Ana Ruiz", "Dana Scully"]


def test_short_hex_is_read_as_a_name_not_an_id_prefix():
    with pytest.raises(NotFoundError):
        resolve_stakeholder("77ab0", PEOPLE)


def test_exact_name_beats_a_longer_name_containing_it():
    assert resolve_stakeholder("  ana ruiz ", PEOPLE) is ANA
    people = [{"id": "1", "name": "Ana"}, {"id": "2", "name": "Ana Ruiz"}]
    assert resolve_stakeholder("ANA", people)["id"] == "1"


def test_unique_substring():
    assert resolve_stakeholder("brown", PEOPLE) is DAN
    assert resolve_stakeholder("scul", PEOPLE) is DANA


def test_ambiguous_substring_lists_names_with_short_ids():
    with pytest.raises(AmbiguousError) as caught:
        resolve_stakeholder("an", PEOPLE)
    message = str(caught.value)
    assert message == (
        "'an' matches Ana Ruiz (3f2a1c); Dan Brown (77ab01); Dana Scully (3f2a1c): "
        "type the one you mean as shown, or its id."
    )
    assert caught.value.candidates == ["Ana Ruiz", "Dan Brown", "Dana Scully"]
    assert isinstance(caught.value, NotFoundError)


def test_ambiguous_message_lists_at_most_five():
    people = [{"id": f"{i:032x}", "name": f"Sam {i}"} for i in range(8)]
    with pytest.raises(AmbiguousError) as caught:
        resolve_stakeholder("sam", people)
    message = str(caught.value)
    assert "Sam 4" in message and "Sam 5" not in message
    assert "and 3 more" in message
    assert "\n" not in message
    assert len(caught.value.candidates) == 8


def test_two_people_with_the_same_name_are_ambiguous():
    twins = [{"id": "a" * 32, "name": "Lee Chan"}, {"id": "b" * 32, "name": "Lee Chan"}]
    with pytest.raises(AmbiguousError, match=r"\(aaaaaa\).*\(bbbbbb\)"):
        resolve_stakeholder("lee chan", twins)


def test_deleted_stakeholders_are_not_found():
    with pytest.raises(NotFoundError) as caught:
        resolve_stakeholder("gone", PEOPLE)
    # The domain names no command; the command line adds its hint (tests/cli).
    assert str(caught.value) == "No stakeholder matches 'gone'."
    assert caught.value.hint == "names"
    with pytest.raises(NotFoundError):
        resolve_stakeholder(GONE["id"], PEOPLE)


def test_not_found_is_not_ambiguous():
    with pytest.raises(NotFoundError) as caught:
        resolve_stakeholder("xyz", PEOPLE)
    assert not isinstance(caught.value, AmbiguousError)


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query(query):
    with pytest.raises(InputError):
        resolve_stakeholder(query, PEOPLE)


def test_works_on_a_generator():
    assert resolve_stakeholder("dan b", (p for p in PEOPLE)) is DAN


# -- accents, and names that are close


CHLOE = {"id": "c" * 32, "name": "Chloé Martin"}


def test_accents_never_matter_either_way():
    people = [CHLOE, {"id": "d" * 32, "name": "Ines Garcia"}]
    assert resolve_stakeholder("chloe", people) is CHLOE
    assert resolve_stakeholder("CHLOE MARTIN", people) is CHLOE
    assert resolve_stakeholder("Inés", people)["name"] == "Ines Garcia"


def test_an_unknown_name_suggests_the_closest_and_resolves_nothing():
    with pytest.raises(NotFoundError) as caught:
        resolve_stakeholder("ana ruis", PEOPLE)
    assert str(caught.value) == "No stakeholder matches 'ana ruis'; did you mean Ana Ruiz?"
    assert caught.value.candidates == ["Ana Ruiz"]
    assert caught.value.hint is None  # the suggestion is the help


def test_a_one_word_typo_is_compared_with_each_word_of_a_name():
    with pytest.raises(NotFoundError, match="did you mean Dana Scully?"):
        resolve_stakeholder("sculy", PEOPLE)


def test_several_close_names_and_none_close():
    people = [ANA, {"id": "e" * 32, "name": "Ana Ruíz"}, DAN]
    with pytest.raises(NotFoundError, match="did you mean Ana Ruiz or Ana Ruíz?"):
        resolve_stakeholder("ana ruis", people)
    with pytest.raises(NotFoundError) as caught:
        resolve_stakeholder("Zygmunt", PEOPLE)
    assert str(caught.value) == "No stakeholder matches 'Zygmunt'."
    assert caught.value.hint == "names"


def test_a_whole_word_of_a_name_comes_before_a_part_of_a_word():
    aiyana = {"id": "1", "name": "Aiyana Fitzgerald"}
    menon = {"id": "2", "name": "Ana Menon"}
    dubois = {"id": "3", "name": "Ána Dubois"}
    assert resolve_stakeholder("ana", [aiyana, menon]) is menon
    with pytest.raises(AmbiguousError) as caught:
        resolve_stakeholder("ana", [aiyana, menon, dubois])
    assert caught.value.candidates == ["Ána Dubois", "Ana Menon"]  # sorted as folded
    assert resolve_stakeholder("yana", [aiyana, menon]) is aiyana


MERGED = [
    {"id": "aaaa1111" * 4, "name": "Colin Haddad", "organization": "Lakeland University"},
    {
        "id": "bbbb2222" * 4,
        "name": "Colin Abubakar",
        "deleted": True,
        "merged_into": "aaaa1111" * 4,
    },
    {"id": "cccc3333" * 4, "name": "Ana Bianchi", "organization": "Lakeland"},
    {
        "id": "dddd4444" * 4,
        "name": "Ana Bianchi",
        "organization": "Pine Falls Township",
        "deleted": True,
        "merged_into": "cccc3333" * 4,
    },
    {"id": "eeee5555" * 4, "name": "Gone Person", "deleted": True},
]


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("abubakar", "Colin Haddad"),
        ("colin abu", "Colin Haddad"),
        ("COLIN ABUBAKAR", "Colin Haddad"),
        ("bbbb2222", "Colin Haddad"),
        ("Ana Bianchi (Pine Falls Township)", "Ana Bianchi"),
    ],
)
def test_a_merged_away_stakeholder_named_any_way_says_who_holds_them_now(query, kept):
    with pytest.raises(NotFoundError) as raised:
        resolve_stakeholder(query, MERGED)
    assert f"was merged into {kept} (" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_live_name_goes_before_a_merged_one_and_a_plain_deletion_says_nothing_of_merges():
    assert resolve_stakeholder("Ana Bianchi", MERGED)["id"] == "cccc3333" * 4
    assert resolve_stakeholder("colin", MERGED)["name"] == "Colin Haddad"
    with pytest.raises(NotFoundError) as raised:
        resolve_stakeholder("gone person", MERGED)
    assert "merged" not in str(raised.value)

import datetime as dt

import pytest

from journal import goals, sharing
from journal.errors import InputError, NotFoundError

from .conftest import TODAY


def test_tokens_drop_stop_words_short_words_and_plurals():
    assert sharing.tokens("The new Permits report on Water-levels, 2027!") == {
        "permit",
        "water",
        "level",
        "2027",
    }
    assert sharing.tokens("glass bus") == {"glass", "bus"}


def test_suggest_by_tags_and_issues(book):
    ana = book.person("Ana", tags=["water", "fisheries"])
    ben = book.person("Ben", critical_issues="Declining fish stocks and low water")
    book.person("Cy", tags=["roads"], critical_issues="budget")
    out = sharing.suggest_recipients(book.j, "Low water levels threaten fish", ["fisheries"])
    assert [(s.name, s.score, s.matched) for s in out] == [
        ("Ana", 4, ["fishery", "water"]),
        ("Ben", 3, ["fish", "low", "water"]),
    ]
    assert sharing.suggest_recipients(book.j, "Low water", exclude=[ana])[0].id == ben
    assert sharing.suggest_recipients(book.j, "the and of") == []


def test_ties_go_to_the_one_shared_with_least_recently(book):
    ana = book.person("Ana", tags=["water"])
    ben = book.person("Ben", tags=["water"])
    sharing.log_share(book.j, "Old news", [ben], date=TODAY - dt.timedelta(days=3))
    out = sharing.suggest_recipients(book.j, "water")
    assert [s.id for s in out] == [ana, ben]
    assert out[1].last_shared == "2026-11-25"


def test_log_share_counts_towards_goals(book):
    ana, ben = book.person("Ana"), book.person("Ben")
    sharing.log_share(book.j, "Earlier", [ana], date=dt.date(2026, 11, 2))
    logged = sharing.log_share(
        book.j,
        " Outlook 2027 ",
        [ana, ben, ana],
        date=TODAY,
        url=" https://x ",
        tags=["Economy", " "],
    )
    assert logged.share.title == "Outlook 2027" and logged.share.url == "https://x"
    assert logged.share.stakeholders == [ana, ben] and logged.share.tags == ["economy"]
    assert logged.names == ["Ana", "Ben"]
    assert logged.month_total == 2 and logged.per_stakeholder == {ana: 2, ben: 1}
    counts = goals.count_month(book.j.records("interactions"), "2026-11", book.j.records("shares"))
    assert counts.shared == 2


def test_log_share_validation(book):
    ana = book.person("Ana")
    with pytest.raises(InputError):
        sharing.log_share(book.j, "  ", [ana], date=TODAY)
    with pytest.raises(InputError):
        sharing.log_share(book.j, "t", [], date=TODAY)
    with pytest.raises(NotFoundError):
        sharing.log_share(book.j, "t", ["missing"], date=TODAY)

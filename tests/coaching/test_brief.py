from journal import brief
from journal.changes import note_profile_changes
from journal.records import TABLE_STAKEHOLDERS

from .conftest import TODAY, days_ago, days_ahead


def test_brief_gathers_everything(book):
    ana = book.person(
        "Ana",
        role="Planner",
        organization="Coastal Timber",
        critical_issues="wood supply",
        values="straight answers",
        personal="sailing, two kids",
        key=True,
    )
    book.log(
        ana, days_ago(30), reaction="warm", differently="listen more", next_time="ask about bids"
    )
    book.log(ana, days_ago(20), business=False, formal=False)
    last = book.log(
        ana,
        days_ago(5),
        summary="Budget talk\nmore",
        reaction="",
        follow_ups=[{"id": "f1", "text": "send minutes", "due": days_ahead(2), "done": False}],
    )
    book.promise(ana, "send the draft", days_ahead(3))
    book.promise(ana, "their figures", days_ago(1), theirs=True)
    b = brief.build_brief(book.j, ana)
    assert b.last_contact.id == last and b.last_contact.headline == "Budget talk"
    assert b.last_contact.reaction == ""
    assert b.reaction.text == "warm" and b.reaction.date == days_ago(30)
    assert b.differently.text == "listen more"
    assert b.next_time.text == "ask about bids"
    assert [p.text for p in b.my_promises] == ["send the draft"]
    assert [p.text for p in b.their_promises] == ["their figures"]
    assert b.their_promises[0].status == "overdue"
    assert [f.text for f in b.follow_ups] == ["send minutes"]
    assert b.critical_issues == "wood supply" and b.values == "straight answers"
    assert b.last_personal == days_ago(20)
    assert "sailing, two kids" in b.opener
    assert b.role_change is None
    data = b.to_json()
    assert data["last_contact"]["date"] == days_ago(5)
    assert data["my_promises"][0]["direction"] == "mine"


def test_brief_of_someone_new(book):
    ben = book.person("Ben")
    b = brief.build_brief(book.j, ben)
    assert b.last_contact is None and b.reaction is None and b.differently is None
    assert b.opener.startswith("You know little")
    assert b.to_json()["last_contact"] is None


def test_brief_shows_role_change_since_last_contact(book):
    ana = book.person("Ana", role="Analyst")
    book.log(ana, days_ago(3))
    raw = book.j.get(TABLE_STAKEHOLDERS, ana)
    book.j.update(TABLE_STAKEHOLDERS, ana, note_profile_changes(raw, {"role": "Director"}, TODAY))
    b = brief.build_brief(book.j, ana)
    assert b.role_change.before == "Analyst" and b.role_change.after == "Director"


def test_differently_to_check_and_record_applied(book):
    ana = book.person("Ana")
    ben = book.person("Ben")
    book.log(ana, days_ago(30), differently="older note")
    earlier = book.log(ana, days_ago(10), differently="send the agenda first")
    book.log(ben, days_ago(1), differently="not about Ana")
    new = book.log(ana, TODAY.isoformat())
    note = brief.differently_to_check(book.j, new)
    assert note.text == "send the agenda first" and note.interaction_id == earlier
    brief.record_applied(book.j, new, True)
    assert book.j.get("interactions", new)["applied_differently"] is True
    assert brief.differently_to_check(book.j, new) is None  # answered


def test_differently_to_check_with_no_earlier_note(book):
    ana = book.person("Ana")
    new = book.log(ana, TODAY.isoformat(), differently="this one's own note")
    assert brief.differently_to_check(book.j, new) is None
    assert brief.differently_to_check(book.j, "missing") is None

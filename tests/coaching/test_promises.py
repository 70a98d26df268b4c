import pytest

from journal import promises
from journal.errors import InputError, NotFoundError
from journal.records import TABLE_STAKEHOLDERS

from .conftest import TODAY, days_ago, days_ahead


def test_status_open_overdue_done():
    assert promises.status_of({"due": days_ahead(1)}, TODAY) == ("open", 0)
    assert promises.status_of({"due": TODAY.isoformat()}, TODAY) == ("open", 0)
    assert promises.status_of({"due": days_ago(4)}, TODAY) == ("overdue", 4)
    assert promises.status_of({"due": days_ago(4), "done": True}, TODAY) == ("done", 0)
    assert promises.status_of({"due": None}, TODAY) == ("open", 0)
    assert promises.status_of({"due": "garbage"}, TODAY) == ("open", 0)


def test_list_orders_overdue_first_then_due_then_undated(book):
    ana = book.person("Ana")
    ben = book.person("Ben")
    book.promise(ana, "undated", None)
    book.promise(ben, "later", days_ahead(9))
    book.promise(ana, "late", days_ago(2), theirs=True)
    book.promise(ben, "soon", days_ahead(1))
    book.promise(ben, "kept", days_ago(9), done=True)
    items = promises.list_promises(book.j)
    assert [i.text for i in items] == ["late", "soon", "later", "undated"]
    assert items[0].direction == "theirs" and items[0].status == "overdue"
    assert items[0].to_json()["days_late"] == 2
    everything = promises.list_promises(book.j, include_done=True)
    assert everything[-1].text == "kept" and everything[-1].status == "done"
    only_ana = promises.list_promises(book.j, stakeholder_id=ana)
    assert {i.stakeholder_name for i in only_ana} == {"Ana"}


def test_promises_of_deleted_stakeholders_are_hidden(book):
    ana = book.person("Ana")
    book.promise(ana, "x", days_ago(1))
    book.j.delete(TABLE_STAKEHOLDERS, ana)
    assert promises.list_promises(book.j) == []


def test_make_and_mark_done(book):
    ana = book.person("Ana")
    item = promises.make_promise(book.j, ana, "  send the map ", TODAY)
    assert item.text == "send the map" and item.due == TODAY.isoformat() and not item.theirs
    done = promises.mark_done(book.j, item.id[:6])
    assert done.status == "done"
    with pytest.raises(NotFoundError):
        promises.mark_done(book.j, item.id[:6])  # no longer open
    with pytest.raises(InputError, match="Say what"):
        promises.make_promise(book.j, ana, "   ", None)


def test_find_promise_prefix_rules(book):
    ana = book.person("Ana")
    a = book.promise(ana, "one", None)
    book.promise(ana, "two", None)
    with pytest.raises(InputError, match="at least 4"):
        promises.find_promise(book.j, a[:3])
    with pytest.raises(NotFoundError):
        promises.find_promise(book.j, "zzzzzz")
    assert promises.find_promise(book.j, a)["text"] == "one"
    raws = list(book.j.records("promises"))
    for raw in raws:  # force a shared prefix
        raw["id"] = "abcd" + raw["id"][4:]
    book.j._doc_ids.clear()
    with pytest.raises(InputError, match="matches 2"):
        promises.find_promise(book.j, "abcd")


def test_my_open_promise_makes_the_stakeholder_due_sooner(book):
    ana = book.person("Ana", cadence_days=30)
    book.log(ana, days_ago(2))
    (info,) = book.j.cadence()
    assert info.due == days_ahead(28) and info.state == "ok"
    book.promise(ana, "send the draft", days_ahead(2))
    (info,) = book.j.cadence()
    assert info.due == days_ahead(2) and info.state == "due-soon"


def test_promise_due_date_applies_without_cadence_and_past_a_snooze(book):
    ana = book.person("Ana", snooze_until=days_ahead(20))
    book.promise(ana, "call back", days_ago(1))
    (info,) = book.j.cadence()
    assert info.due == days_ago(1) and info.state == "overdue"


def test_their_promise_and_done_promise_do_not_move_the_due_date(book):
    ana = book.person("Ana", cadence_days=30)
    book.log(ana, days_ago(2))
    book.promise(ana, "their figures", days_ahead(1), theirs=True)
    book.promise(ana, "kept", days_ahead(1), done=True)
    (info,) = book.j.cadence()
    assert info.due == days_ahead(28)


def test_follow_up_suggestions_are_their_overdue_promises(book):
    ana = book.person("Ana")
    book.promise(ana, "their late one", days_ago(3), theirs=True)
    book.promise(ana, "their future one", days_ahead(3), theirs=True)
    book.promise(ana, "my late one", days_ago(3))
    assert [i.text for i in promises.follow_up_suggestions(book.j)] == ["their late one"]

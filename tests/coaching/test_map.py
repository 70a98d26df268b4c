import pytest

from journal import stakeholder_map as smap
from journal.errors import InputError

from .conftest import days_ago


@pytest.mark.parametrize(
    ("influence", "interest", "quadrant"),
    [
        (5, 5, "partner"),
        (4, 4, "partner"),
        (4, 3, "satisfy"),
        (3, 4, "inform"),
        (3, 3, "watch"),
        (1, 1, "watch"),
        (None, 3, None),
        (3, None, None),
    ],
)
def test_quadrant_of(influence, interest, quadrant):
    assert smap.quadrant_of(influence, interest) == quadrant


def test_build_map_places_everyone_with_state(book):
    a = book.person("Ana", influence=5, interest=5, cadence_days=7, key=True)
    book.log(a, days_ago(30))
    book.person("Ben", influence=2, interest=5, focus=True)
    book.person("Cy", influence=2, interest=5, rank=1)
    book.person("Dee", influence=9, interest=2)  # out of range: unplaced
    book.person("Eve")
    m = smap.build_map(book.j)
    (ana,) = m.quadrants["partner"]
    assert ana.state == "overdue" and ana.key
    assert [p.name for p in m.quadrants["inform"]] == ["Ben", "Cy"]  # focus first
    assert m.quadrants["satisfy"] == [] and m.quadrants["watch"] == []
    assert [p.name for p in m.unplaced] == ["Dee", "Eve"]
    assert len(m.points()) == 3


def test_move_clamps_and_places_the_unplaced(book):
    a = book.person("Ana", influence=5, interest=1)
    point = smap.move(book.j, a, d_influence=+1, d_interest=-1)
    assert (point.influence, point.interest, point.quadrant) == (5, 1, "satisfy")
    b = book.person("Ben")
    point = smap.move(book.j, b, d_interest=+1)
    assert (point.influence, point.interest, point.quadrant) == (3, 4, "inform")
    with pytest.raises(InputError):
        smap.move(book.j, "nope", 1, 1)


def test_rank_order_reorder_and_move_rank(book):
    a = book.person("Ana", rank=2)
    b = book.person("Ben", rank=2)
    c = book.person("Cy")
    d = book.person("Dee", rank=7)
    assert [i.name for i in smap.rank_order(book.j)] == ["Ana", "Ben", "Dee", "Cy"]
    items = smap.reorder(book.j, [d, a, b])
    assert [(i.name, i.rank) for i in items] == [("Dee", 1), ("Ana", 2), ("Ben", 3), ("Cy", None)]
    items = smap.move_rank(book.j, c, 1)
    assert [(i.name, i.rank) for i in items] == [("Cy", 1), ("Dee", 2), ("Ana", 3), ("Ben", 4)]
    items = smap.move_rank(book.j, c, 99)
    assert [i.name for i in items] == ["Dee", "Ana", "Ben", "Cy"]
    with pytest.raises(InputError, match="twice"):
        smap.reorder(book.j, [a, a])
    with pytest.raises(InputError, match="No live"):
        smap.reorder(book.j, ["missing"])


def test_focus_set_rules(book):
    ids = [book.person(f"P{n}") for n in range(7)]
    empty = smap.focus_set(book.j)
    assert empty.members == [] and "No focus set" in empty.advice
    two = smap.set_focus(book.j, ids[:2])
    assert len(two.members) == 2 and two.advice.startswith("Add 1 more")
    five = smap.set_focus(book.j, ids[:5])
    assert five.advice == "" and [m.name for m in five.members] == ["P0", "P1", "P2", "P3", "P4"]
    with pytest.raises(InputError, match="at most 5"):
        smap.set_focus(book.j, ids[:6])
    with pytest.raises(InputError, match="at most 5"):
        smap.add_focus(book.j, ids[5])
    four = smap.remove_focus(book.j, ids[0])
    assert len(four.members) == 4
    assert len(smap.add_focus(book.j, ids[6]).members) == 5
    assert smap.set_focus(book.j, []).members == []


def test_focus_first_keeps_order():
    class Item:
        def __init__(self, id):
            self.id = id

    items = [Item("a"), Item("b"), Item("c")]
    assert [i.id for i in smap.focus_first(items, {"c"})] == ["c", "a", "b"]

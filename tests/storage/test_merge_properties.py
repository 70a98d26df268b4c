"""Property tests for the merge rule (journal.merge).

States are not drawn at random: they are produced by simulated devices that
create, edit and delete records from the versions they have seen, with the
real stamping rule (``Journal._stamp``: hybrid logical clock, history carried,
the edited version's key added to ``superseded``) and clocks that drift apart.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from journal import hlc
from journal.clock import Clock
from journal.journal import Journal
from journal.merge import Document, merge_documents, merge_record, version_key
from journal.records import TABLE_INTERACTIONS, TABLE_META, TABLE_STAKEHOLDERS

from .conftest import T0, all_versions

TABLES = (TABLE_STAKEHOLDERS, TABLE_INTERACTIONS)
SETTINGS = settings(max_examples=150, deadline=None)


@dataclass
class Device:
    """One simulated machine: its replica, its clock and its own stamp floor."""

    name: str
    skew: dt.timedelta
    document: Document = field(default_factory=dict)
    now: dt.datetime = T0
    hlc_last: str = ""

    # Journal._stamp reads ``clock`` and ``device``.
    @property
    def clock(self) -> Clock:
        return Clock(fixed_now=self.now + self.skew)

    @property
    def device(self) -> str:
        return self.name

    def stamp(self, raw: dict, previous: dict | None) -> None:
        saved, hlc._last = hlc._last, self.hlc_last
        try:
            Journal._stamp(self, raw, previous)  # type: ignore[arg-type]
        finally:
            self.hlc_last, hlc._last = hlc._last, saved


@dataclass
class World:
    devices: list[Device]
    #: every version any device ever wrote, by table and record id
    written: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    #: keys of versions that some device edited (an edit was made from them)
    edited_from: set[tuple[str, str, str]] = field(default_factory=set)
    counter: int = 0


# An operation: (kind, device, target, minutes the real time advances)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["create", "edit", "edit", "delete", "restore", "pull", "sync"]),
        st.integers(0, 2),
        st.integers(0, 50),
        st.integers(0, 90),
    ),
    min_size=1,
    max_size=30,
)
SKEWS = st.lists(
    st.sampled_from(
        [
            dt.timedelta(0),
            dt.timedelta(hours=1),
            dt.timedelta(hours=-1),
            dt.timedelta(days=2),
            dt.timedelta(microseconds=-3),
        ]
    ),
    min_size=3,
    max_size=3,
)


def _records(doc: Document, table: str) -> dict[str, dict]:
    return {r["id"]: r for r in doc.get(table, {}).values()}


def _put(doc: Document, table: str, raw: dict) -> None:
    t = doc.setdefault(table, {})
    for doc_id, record in t.items():
        if record["id"] == raw["id"]:
            t[doc_id] = raw
            return
    t[str(max((int(k) for k in t), default=0) + 1)] = raw


def _bare(raw: dict) -> dict:
    return {k: v for k, v in raw.items() if k not in ("history", "superseded")}


def run(world: World, ops: list[tuple[str, int, int, int]], n_devices: int) -> None:
    for kind, d, target, minutes in ops:
        d %= n_devices
        dev = world.devices[d]
        for other in world.devices:  # real time passes for everyone
            other.now += dt.timedelta(minutes=minutes, microseconds=1)
        table = TABLES[target % len(TABLES)]
        seen = sorted(_records(dev.document, table).values(), key=lambda r: r["id"])
        if kind == "create" or (kind in ("edit", "delete", "restore") and not seen):
            world.counter += 1
            raw = {
                "id": f"r{world.counter:04d}",
                "text": f"created by {dev.name}",
                "deleted": False,
            }
            dev.stamp(raw, None)
        elif kind in ("edit", "delete", "restore"):
            previous = seen[target % len(seen)]
            raw = dict(previous)
            if kind == "edit":
                raw["text"] = f"edited by {dev.name} at {minutes}"
            raw["deleted"] = kind == "delete"
            dev.stamp(raw, previous)
            world.edited_from.add((table, previous["id"], version_key(previous)))
        else:
            other = world.devices[target % n_devices]
            if other is dev:
                continue
            dev.document = merge_documents(dev.document, other.document).document
            if kind == "sync":
                other.document = merge_documents(other.document, dev.document).document
            continue
        _put(dev.document, table, raw)
        world.written.setdefault((table, raw["id"]), []).append(copy.deepcopy(_bare(raw)))


def make_world(n_devices: int, skews: list[dt.timedelta], ops) -> World:
    world = World([Device(f"dev{i}", skews[i]) for i in range(n_devices)])
    run(world, ops, n_devices)
    return world


def record_sets(doc: Document) -> dict[str, dict[str, dict]]:
    """The record tables by record id (doc ids are a per-replica detail)."""
    return {t: _records(doc, t) for t in sorted(doc) if t != TABLE_META and doc[t]}


def merged(*docs: Document) -> Document:
    result = docs[0]
    for doc in docs[1:]:
        result = merge_documents(result, doc).document
    return result


# -- the laws


@SETTINGS
@given(ops=OPS, skews=SKEWS)
def test_merge_documents_is_commutative_associative_idempotent(ops, skews):
    world = make_world(3, skews, ops)
    a, b, c = (d.document for d in world.devices)
    ab = record_sets(merged(a, b))
    assert ab == record_sets(merged(b, a))
    assert record_sets(merged(merged(a, b), c)) == record_sets(merged(a, merged(b, c)))
    assert record_sets(merged(a, a)) == record_sets(a)
    assert record_sets(merged(merged(a, b), b)) == ab
    assert record_sets(merged(merged(a, b), a)) == ab


@SETTINGS
@given(ops=OPS, skews=SKEWS)
def test_merge_record_laws(ops, skews):
    world = make_world(3, skews, ops)
    states: dict[tuple[str, str], list[dict]] = {}
    for device in world.devices:
        for table in TABLES:
            for rid, record in _records(device.document, table).items():
                states.setdefault((table, rid), []).append(record)
    for versions in states.values():
        for a in versions:
            assert merge_record(a, a) == a
            for b in versions:
                assert merge_record(a, b) == merge_record(b, a)
                assert merge_record(merge_record(a, b), b) == merge_record(a, b)
                for c in versions:
                    assert merge_record(merge_record(a, b), c) == merge_record(
                        a, merge_record(b, c)
                    )


def test_merge_does_not_mutate_its_inputs():
    world = make_world(
        2,
        [dt.timedelta(0)] * 3,
        [("create", 0, 0, 1), ("sync", 0, 1, 1), ("edit", 0, 0, 1), ("edit", 1, 0, 1)],
    )
    a, b = (d.document for d in world.devices)
    before = copy.deepcopy((a, b))
    merged(a, b)
    merged(b, a)
    assert (a, b) == before


# -- no acknowledged write is ever lost


def check_nothing_lost(world: World) -> None:
    final = merged(*(d.document for d in world.devices))
    replicas = [
        record_sets(merged(*(d.document for d in world.devices[i:] + world.devices[:i])))
        for i in range(len(world.devices))
    ]
    # Every replica, whatever the order of merges, agrees (deletion vs edit too).
    assert all(r == replicas[0] for r in replicas)
    for (table, rid), versions in world.written.items():
        record = _records(final, table)[rid]
        kept = all_versions(record)
        for version in versions:
            key = version_key(version)
            assert version in kept or (table, rid, key) in world.edited_from, (
                f"{table}/{rid}: version {key} was lost"
            )
        live = [v for v in versions if (table, rid, version_key(v)) not in world.edited_from]
        assert live, "the newest write of a record is never an ancestor"
        winner = max(live, key=lambda v: (v["updated_at"], v["device"]))
        assert _bare(record) == winner
        # nothing that was superseded stays in history
        assert all(
            (table, rid, version_key(v)) not in world.edited_from for v in record.get("history", [])
        )


@SETTINGS
@given(ops=OPS, skews=SKEWS)
def test_no_acknowledged_write_is_lost_two_devices(ops, skews):
    check_nothing_lost(make_world(2, skews, ops))


@SETTINGS
@given(ops=OPS, skews=SKEWS)
def test_no_acknowledged_write_is_lost_three_devices(ops, skews):
    check_nothing_lost(make_world(3, skews, ops))


@SETTINGS
@given(skews=SKEWS, first=st.sampled_from(["edit", "delete"]), gap=st.integers(0, 120))
def test_delete_versus_edit_resolves_the_same_everywhere(skews, first, gap):
    ops = [
        ("create", 0, 0, 1),
        ("sync", 0, 1, 1),
        (first, 0, 0, gap),
        ("delete" if first == "edit" else "edit", 1, 0, 1),
    ]
    world = make_world(2, skews, ops)
    a, b = (d.document for d in world.devices)
    ab, ba = merged(a, b), merged(b, a)
    assert record_sets(ab) == record_sets(ba)
    (record,) = _records(ab, TABLE_STAKEHOLDERS).values()
    (loser,) = record["history"]
    assert {record["deleted"], loser["deleted"]} == {True, False}
    assert (record["updated_at"], record["device"]) > (loser["updated_at"], loser["device"])


def test_slow_clock_edit_supersedes_what_it_saw():
    # dev1 is two days behind dev0: its edit of dev0's version still wins,
    # and dev0's version is an ancestor (superseded), not a lost write.
    skews = [dt.timedelta(days=2), dt.timedelta(0), dt.timedelta(0)]
    world = make_world(2, skews, [("create", 0, 0, 1), ("sync", 0, 1, 1), ("edit", 1, 0, 5)])
    final = merged(*(d.document for d in world.devices))
    (record,) = _records(final, TABLE_STAKEHOLDERS).values()
    assert record["device"] == "dev1" and record["text"].startswith("edited by dev1")
    assert record["history"] == []
    check_nothing_lost(world)

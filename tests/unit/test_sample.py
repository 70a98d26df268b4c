"""The generated sample journal: deterministic, well-formed and alive on ``today``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import stat

import pytest
from tinydb import Query, TinyDB

from journal import errors, records, sparse
from journal.sample import generate, write_sample

TODAY = dt.date(2026, 3, 12)
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture(scope="module")
def doc() -> dict:
    return generate(today=TODAY)


def test_same_arguments_give_the_same_document() -> None:
    assert generate(30, 300, seed=7, today=TODAY) == generate(30, 300, seed=7, today=TODAY)
    assert generate(30, 300, seed=7, today=TODAY) != generate(30, 300, seed=8, today=TODAY)


def test_same_arguments_write_byte_identical_files(tmp_path) -> None:
    write_sample(tmp_path / "a.json", 25, 400, seed=3, today=TODAY)
    write_sample(tmp_path / "b.json", 25, 400, seed=3, today=TODAY)
    data = (tmp_path / "a.json").read_bytes()
    assert data == (tmp_path / "b.json").read_bytes()
    assert data.endswith(b"}\n")
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_document_shape(doc) -> None:
    assert list(doc) == [records.TABLE_META, *records.RECORD_TABLES]
    meta = doc[records.TABLE_META]["1"]
    assert meta["schema"] == records.SCHEMA_VERSION
    assert HEX_ID.fullmatch(meta["store_id"])
    assert len(doc["stakeholders"]) == 40 and len(doc["interactions"]) == 1200
    for name in records.RECORD_TABLES:
        table = doc[name]
        assert table, name
        assert list(table) == [str(n) for n in range(1, len(table) + 1)]
        stamps = [raw["created_at"] for raw in table.values()]
        assert stamps == sorted(stamps), f"{name} doc ids are not in creation order"


def test_every_record_is_complete_and_loads(doc) -> None:
    ids = set()
    today = TODAY.isoformat()
    for name in records.RECORD_TABLES:
        cls = records.RECORD_TYPES[name]
        fields = {f.name for f in dataclasses.fields(cls)}
        for raw in doc[name].values():
            full = cls.from_raw(raw).to_raw()
            if name in sparse.SPARSE_TABLES:
                # Stored sparse: exactly the fields that are not empty.
                assert set(raw) <= fields
                assert sparse.compact(dict(full), name) == raw
            else:
                assert set(raw) == fields and full == raw
            assert HEX_ID.fullmatch(raw["id"]) and raw["id"] not in ids
            ids.add(raw["id"])
            assert STAMP.fullmatch(raw["created_at"]) and STAMP.fullmatch(raw["updated_at"])
            assert raw["created_at"] <= raw["updated_at"] and raw["updated_at"][:10] <= today
            assert raw["device"] == "sample" and full["deleted"] is False and full["history"] == []
            if "date" in raw:
                assert raw["date"] == raw["created_at"][:10]
    for raw in doc["interactions"].values():
        assert raw["channel"] in records.CHANNELS
        for item in raw.get("follow_ups", ()):
            assert records.FollowUp(**item).text
    for raw in doc["goals"].values():
        assert raw["metric"] is None or raw["metric"] in records.GOAL_METRICS


def test_references_point_at_existing_records(doc) -> None:
    people = {raw["id"] for raw in doc["stakeholders"].values()}
    entries = {raw["id"] for raw in doc["interactions"].values()}
    for raw in doc["interactions"].values():
        assert 1 <= len(raw["stakeholders"]) <= 3
        assert set(raw["stakeholders"]) <= people
    for raw in doc["shares"].values():
        assert set(raw["stakeholders"]) <= people
    for table in ("reflections", "promises"):
        for raw in doc[table].values():
            assert raw.get("stakeholder") in people | {None}
            assert raw.get("interaction") in entries | {None}
    for raw in doc["goals"].values():
        assert raw["stakeholder"] in people | {None}


def test_variety(doc) -> None:
    people = list(doc["stakeholders"].values())
    entries = list(doc["interactions"].values())
    assert len({p["name"] for p in people}) == len(people)
    assert {p["kind"] for p in people} >= {"person", "organization"}
    assert 1 <= sum(p["key"] for p in people) <= 8
    assert {p["cadence_days"] for p in people} >= {14, 30, 60, None}
    assert 0.2 < sum(e["formal"] for e in entries) / len(entries) < 0.8
    assert any(not e["business"] for e in entries)
    assert any(e.get("new_person") for e in entries) and any(e.get("shared") for e in entries)
    assert any("\n" in e["summary"] for e in entries)
    assert len({e["summary"] for e in entries}) > 300
    days = sorted(e["date"] for e in entries)
    assert days[-1] == TODAY.isoformat()
    assert "2024-07-01" < days[0] < "2025-01-01"  # about 18 months
    promises = list(doc["promises"].values())
    assert {p["theirs"] for p in promises} == {True, False}
    assert {g["month"] for g in doc["goals"].values()} == {"2026-01", "2026-02", "2026-03"}


def test_a_realistic_share_is_overdue(doc) -> None:
    last: dict[str, str] = {}
    for raw in doc["interactions"].values():
        for sid in raw["stakeholders"]:
            last[sid] = max(last.get(sid, ""), raw["date"])
    cadenced = [p for p in doc["stakeholders"].values() if p["cadence_days"]]
    overdue = soon = 0
    for person in cadenced:
        if person["id"] not in last:
            overdue += 1
            continue
        due = dt.date.fromisoformat(last[person["id"]]) + dt.timedelta(person["cadence_days"])
        overdue += due < TODAY
        soon += TODAY <= due <= TODAY + dt.timedelta(days=7)
    assert 0.10 <= overdue / len(cadenced) <= 0.40
    assert soon >= 2


def test_stock_tinydb_reads_the_file(tmp_path, doc) -> None:
    path = tmp_path / "journal.json"
    write_sample(path, today=TODAY)
    name = doc["stakeholders"]["5"]["name"]
    db = TinyDB(path)
    try:
        found = db.table("stakeholders").search(Query().name == name)
        assert [row["id"] for row in found] == [doc["stakeholders"]["5"]["id"]]
        assert len(db.table("interactions")) == 1200
    finally:
        db.close()


def test_refuses_to_overwrite(tmp_path) -> None:
    path = tmp_path / "journal.json"
    path.write_text("mine\n")
    with pytest.raises(errors.InputError) as caught:
        write_sample(path, 5, 20, today=TODAY)
    assert str(caught.value) == f"{path} already exists; choose another name or delete it first."
    assert path.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["journal.json"]


def test_small_and_odd_sizes() -> None:
    tiny = generate(1, 0, today=dt.date(2026, 3, 15))  # a Sunday, no interactions
    assert len(tiny["stakeholders"]) == 1 and tiny["interactions"] == {}
    few = generate(60, 10, seed=2, today=TODAY)
    assert len(few["interactions"]) == 10
    with pytest.raises(errors.InputError):
        generate(0, 10, today=TODAY)

"""The journal stays a plain TinyDB document: stock TinyDB reads it, and
TinyDB's Table API works on top of the project's storage."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from tinydb import Query, TinyDB

from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS, new_id
from journal.storage import JournalStorage
from journal.tinydb_compat import JournalDB

from .conftest import entry, open_journal, person, records_by_id


@pytest.fixture
def journal_file(dirs, synced):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    ana = journal.add(person("Ana Ruiz", organization="Coastal Timber Assoc."))
    ben = journal.add(person("Ben Okafor"))
    for i in range(3):
        journal.add(entry(ana, f"talk {i}"))
    journal.add(entry(ben, "call"))
    journal.delete(TABLE_STAKEHOLDERS, ben.id)
    return path


def test_stock_tinydb_reads_the_journal(journal_file):
    before = journal_file.read_bytes()
    db = TinyDB(journal_file)  # default JSONStorage, default settings
    try:
        people = db.table(TABLE_STAKEHOLDERS)
        (ana,) = people.search(Query().name == "Ana Ruiz")
        assert ana["organization"] == "Coastal Timber Assoc."
        assert people.search(Query().name.search("okafor", flags=2))[0]["deleted"] is True
        assert len(people.search(Query().deleted == False)) == 1  # noqa: E712
        interactions = db.table(TABLE_INTERACTIONS)
        assert len(interactions) == 4
        assert interactions.count(Query().stakeholders.any([ana["id"]])) == 3
        (meta,) = db.table("_meta").all()
        assert isinstance(meta["schema"], int) and isinstance(meta["store_id"], str)
    finally:
        db.close()
    assert journal_file.read_bytes() == before  # reading left it alone


def test_tinydb_table_api_on_the_journal_storage(journal_file, dirs):
    db = TinyDB(journal_file, storage=JournalStorage, dirs=dirs)
    people = db.table(TABLE_STAKEHOLDERS)
    doc_id = people.insert({"id": new_id(), "name": "Chloe Martin", "deleted": False})
    assert people.get(doc_id=doc_id)["name"] == "Chloe Martin"
    assert [d["name"] for d in people.search(Query().name == "Chloe Martin")] == ["Chloe Martin"]
    people.update({"role": "Mayor"}, Query().name == "Chloe Martin")
    db.close()
    # saved atomically, and still a journal the project opens
    on_disk = {r["name"]: r for r in records_by_id(journal_file, TABLE_STAKEHOLDERS).values()}
    assert on_disk["Chloe Martin"]["role"] == "Mayor"
    journal = open_journal(journal_file, dirs)
    assert "Chloe Martin" in journal.names().values()


def test_tinydb_insert_without_an_id_keeps_the_file_usable(journal_file, dirs):
    db = TinyDB(journal_file, storage=JournalStorage, dirs=dirs)
    db.table(TABLE_STAKEHOLDERS).insert({"name": "No Id"})
    journal = open_journal(journal_file, dirs)  # would be a "damaged record" otherwise
    (record,) = [r for r in journal.records(TABLE_STAKEHOLDERS) if r["name"] == "No Id"]
    assert isinstance(record["id"], str) and len(record["id"]) == 32


def _external_insert(path, tmp_path, n: int) -> list[str]:
    """Another process (another machine's sync arriving) adds records and
    replaces the file."""
    staging = tmp_path / "external" / "journal.json"
    staging.parent.mkdir(exist_ok=True)
    shutil.copy2(path, staging)
    from journal.paths import LocalDirs

    other = open_journal(staging, LocalDirs.under(tmp_path / "external-local"), device="other")
    ids = [other.add(person(f"External {i}")).id for i in range(n)]
    os.replace(staging, path)
    return ids


@pytest.mark.parametrize("warm", [False, True])
def test_tinydb_insert_after_an_external_insert_reuses_no_doc_id(
    journal_file, dirs, tmp_path, warm
):
    db = JournalDB(journal_file, dirs=dirs)
    people = db.table(TABLE_STAKEHOLDERS)
    mine = []
    if warm:  # TinyDB now caches the next doc id
        mine.append(people.insert({"id": new_id(), "name": "Mine 0"}))
    external = _external_insert(journal_file, tmp_path, 2)
    for i in range(1, 4):
        mine.append(people.insert({"id": new_id(), "name": f"Mine {i}"}))
    # TinyDB sees the external records, and every doc id names one record
    names = {d["name"] for d in people.all()}
    assert {"External 0", "External 1"} <= names
    assert {f"Mine {i}" for i in range(0 if warm else 1, 4)} <= names
    assert len(set(mine)) == len(mine)
    for doc_id in mine:
        assert people.get(doc_id=doc_id)["name"].startswith("Mine")
    document = json.loads(journal_file.read_text())
    table = document[TABLE_STAKEHOLDERS]
    assert len({r["id"] for r in table.values()}) == len(table)
    assert set(external) <= {r["id"] for r in table.values()}
    # the query cache does not serve results from before the file changed
    assert len(people.search(Query().name.matches("External.*"))) == 2
    _external_insert(journal_file, tmp_path, 1)
    assert len(people.search(Query().name.matches("External.*"))) == 3


def test_stock_tinydb_table_never_reuses_a_doc_id(journal_file, dirs, tmp_path):
    """Stock TinyDB tables cache the next doc id (use JournalDB): after
    another process's save an insert may be refused, but it never takes the
    doc id of another record and never loses one."""
    db = TinyDB(journal_file, storage=JournalStorage, dirs=dirs)
    people = db.table(TABLE_STAKEHOLDERS)
    people.insert({"id": new_id(), "name": "Mine 0"})
    external = _external_insert(journal_file, tmp_path, 2)
    inserted = {}
    for i in range(1, 4):
        try:
            inserted[people.insert({"id": new_id(), "name": f"Mine {i}"})] = f"Mine {i}"
        except ValueError as exc:
            assert "already exists" in str(exc)
    for doc_id, name in inserted.items():
        assert people.get(doc_id=doc_id)["name"] == name
    on_disk = records_by_id(journal_file, TABLE_STAKEHOLDERS)
    assert set(external) <= set(on_disk)
    assert {"Mine 0", *inserted.values()} <= {r["name"] for r in on_disk.values()}


def test_journal_db_reads_another_process_save(journal_file, dirs, tmp_path):
    db = JournalDB(journal_file, dirs=dirs)
    people = db.table(TABLE_STAKEHOLDERS)
    assert people.count(Query().name == "External 0") == 0
    _external_insert(journal_file, tmp_path, 1)
    assert people.count(Query().name == "External 0") == 1
    assert len(people) == 3

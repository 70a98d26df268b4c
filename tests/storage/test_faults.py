"""Fault tests for the journal file: crashes, sync clients, two devices,
clock skew, conflicted copies, bad files, a full disk, the local lock."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from journal import document as document_module
from journal import saving as saving_module
from journal.atomic import is_our_temp_file
from journal.backups import BACKUPS_KEPT
from journal.conflicts import find_conflicted_copies
from journal.errors import (
    BadFileError,
    LockTimeout,
    MissingFileError,
    ReadOnlyError,
    SaveError,
)
from journal.journal import Journal
from journal.records import SCHEMA_VERSION, TABLE_INTERACTIONS, TABLE_STAKEHOLDERS
from journal.storage import JournalStorage

from .conftest import T0, all_versions, entry, fixed_clock, open_journal, person, records_by_id

ROOT = Path(__file__).resolve().parents[2]


def snapshot(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_mode


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- (a) a writer killed with SIGKILL at random moments


def _kill_rounds(path: Path, local: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    open_journal(path, LocalDirs_under(local)).add(person("Ana Ruiz"))
    killed = 0
    while killed < kills:
        # Two writers on this machine (say the app and a cron job) share the lock.
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.storage.writer_proc", str(path), str(local)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=ROOT,
                env=env,
            )
            for _ in range(2)
        ]
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line == b"ready\n", proc.stderr.read() if proc.stderr else line
        for proc in procs:
            time.sleep(rng.uniform(0.0, 0.08))
            proc.send_signal(signal.SIGKILL)
            out, _err = proc.communicate()
            assert proc.returncode == -signal.SIGKILL
            lines = out.split(b"\n")
            # The last piece has no newline when the kill came mid-print.
            acknowledged.update(x.decode() for x in lines[:-1] if x)
            killed += 1
        # Whatever moment the kills hit, the file is whole and complete.
        document = json.loads(path.read_text(encoding="utf-8"))
        ids = {r["id"] for r in document[TABLE_INTERACTIONS].values()}
        missing = acknowledged - ids
        assert not missing, f"{len(missing)} acknowledged saves lost after {killed} kills"
    assert acknowledged, "the writers never got to save anything"
    leftovers = [n for n in os.listdir(path.parent) if n != path.name]
    assert all(is_our_temp_file(n) for n in leftovers), leftovers
    # and the journal still opens and saves normally afterwards, and the
    # next open clears the temp files the killed writers left at once
    journal = open_journal(path, LocalDirs_under(local))
    journal.add(person("After the storm"))
    assert len(records_by_id(path, TABLE_STAKEHOLDERS)) >= 1
    assert os.listdir(path.parent) == [path.name]


def LocalDirs_under(root: Path):  # noqa: N802 - mirrors LocalDirs.under
    from journal.paths import LocalDirs

    return LocalDirs.under(root)


def test_writer_killed_at_random_moments_loses_no_acknowledged_save(tmp_path, synced):
    _kill_rounds(synced / "journal.json", tmp_path / "local", kills=30, seed=1)


@pytest.mark.slow
def test_writer_killed_200_times_loses_no_acknowledged_save(tmp_path, synced):
    _kill_rounds(synced / "journal.json", tmp_path / "local", kills=200, seed=2)


# -- (b) the file replaced by a sync client while a journal is open


def _replace_with_other_machines_version(path: Path, tmp_path: Path, name: str) -> str:
    """Another machine's save arrives: a full copy of the journal with one more
    stakeholder, written elsewhere and moved over the file (os.replace)."""
    other_dirs = LocalDirs_under(tmp_path / "other-machine")
    staging = tmp_path / "sync-staging"
    staging.mkdir(exist_ok=True)
    shutil.copy2(path, staging / "journal.json")
    other = open_journal(staging / "journal.json", other_dirs, device="other")
    added = other.add(person(name))
    os.replace(staging / "journal.json", path)
    return added.id


def test_file_replaced_while_open_next_save_keeps_both_sides(dirs, synced, tmp_path):
    path = synced / "journal.json"
    journal = open_journal(path, dirs, device="mine")
    ana = journal.add(person("Ana Ruiz"))
    theirs = _replace_with_other_machines_version(path, tmp_path, "Ben Okafor")
    assert journal.changed_on_disk()
    mine = journal.add(person("Chloe Martin"))
    on_disk = records_by_id(path, TABLE_STAKEHOLDERS)
    assert {ana.id, theirs, mine.id} <= set(on_disk)
    assert not journal.unsaved
    assert journal.get(TABLE_STAKEHOLDERS, theirs) is not None


def test_replaced_by_an_older_version_refresh_keeps_what_was_saved(dirs, synced, tmp_path):
    """A sync client puts back a version that lacks our last save (another
    machine saved before it received ours). Reloading must not drop our save
    from memory, and the next save must put it back in the file."""
    path = synced / "journal.json"
    journal = open_journal(path, dirs, device="mine")
    journal.add(person("Ana Ruiz"))
    older = path.read_bytes()
    saved = journal.add(person("Dan Brown"))
    (tmp_path / "older.json").write_bytes(older)
    os.replace(tmp_path / "older.json", path)
    theirs = _replace_with_other_machines_version(path, tmp_path, "Ben Okafor")
    journal.refresh()
    assert journal.get(TABLE_STAKEHOLDERS, saved.id) is not None
    assert journal.get(TABLE_STAKEHOLDERS, theirs) is not None
    assert journal.unsaved
    journal.save()
    assert {saved.id, theirs} <= set(records_by_id(path, TABLE_STAKEHOLDERS))


def test_refresh_merges_unsaved_changes(dirs, synced, tmp_path):
    path = synced / "journal.json"
    journal = open_journal(path, dirs, device="mine")
    pending = journal.add(person("Ana Ruiz"), save=False)
    theirs = _replace_with_other_machines_version(path, tmp_path, "Ben Okafor")
    result = journal.refresh()
    assert result is not None
    assert journal.get(TABLE_STAKEHOLDERS, pending.id) is not None
    assert journal.get(TABLE_STAKEHOLDERS, theirs) is not None
    journal.save()
    assert {pending.id, theirs} <= set(records_by_id(path, TABLE_STAKEHOLDERS))


def test_rewritten_in_place_with_the_same_size_and_mtime_is_still_merged(dirs, synced):
    path = synced / "journal.json"
    journal = open_journal(path, dirs, device="mine")
    ana = journal.add(person("Ana Ruiz"))
    st = path.stat()
    payload = path.read_bytes().replace(b"Ana Ruiz", b"Ana Ruis")
    with open(path, "r+b") as f:  # a sync client that writes in place, mtime copied
        f.write(payload)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    journal.add(person("Ben Okafor"))
    record = records_by_id(path, TABLE_STAKEHOLDERS)[ana.id]
    names = {v["name"] for v in all_versions(record)}
    assert names == {"Ana Ruiz", "Ana Ruis"}


def test_symlinked_journal_is_saved_through_the_link(dirs, synced, tmp_path):
    """Users link ~/journal.json into their synced folder: a save must update
    the synced file, not replace the link with a local file."""
    real = synced / "journal.json"
    open_journal(real, dirs).add(person("Ana Ruiz"))
    link = tmp_path / "journal.json"
    link.symlink_to(real)
    journal = open_journal(link, dirs)
    ben = journal.add(person("Ben Okafor"))
    assert link.is_symlink()
    assert ben.id in records_by_id(real, TABLE_STAKEHOLDERS)
    assert not [n for n in os.listdir(tmp_path) if is_our_temp_file(n)]


# -- (c) the same record edited on two devices


def test_same_record_edited_on_two_devices(machine):
    a = machine("a", fixed_clock(T0))
    b = machine("b", fixed_clock(T0 + dt.timedelta(minutes=1)))
    with a as ja:
        ana = ja.add(person("Ana Ruiz", role="Policy lead"))
    with b as jb:
        jb.refresh()
        jb.update(TABLE_STAKEHOLDERS, ana.id, {"role": "Director"})  # saved
    with a as ja:
        ja.update(TABLE_STAKEHOLDERS, ana.id, {"role": "Chair"})  # saved: merges b's first
    record = records_by_id(a.path, TABLE_STAKEHOLDERS)[ana.id]
    assert record["role"] == "Director" and record["device"] == "dev-b"
    assert [v["role"] for v in record["history"]] == ["Chair"]
    with b as jb:
        jb.refresh()
        assert jb.get(TABLE_STAKEHOLDERS, ana.id)["role"] == "Director"
        # b edits the winner: a's losing version stays in history
        jb.update(TABLE_STAKEHOLDERS, ana.id, {"role": "Deputy"})
    record = records_by_id(a.path, TABLE_STAKEHOLDERS)[ana.id]
    assert record["role"] == "Deputy"
    assert [v["role"] for v in record["history"]] == ["Chair"]


# -- (d) delete vs edit


@pytest.mark.parametrize("later", ["edit", "delete"])
def test_delete_versus_edit(machine, later):
    a = machine("a", fixed_clock(T0))
    b = machine("b", fixed_clock(T0 + dt.timedelta(minutes=1)))
    with a as ja:
        ana = ja.add(person("Ana Ruiz"))
    with b as jb:
        jb.refresh()
    first, second = (a, b)
    with first as j:  # the earlier change
        if later == "edit":
            j.delete(TABLE_STAKEHOLDERS, ana.id)
        else:
            j.update(TABLE_STAKEHOLDERS, ana.id, {"notes": "edited"})
    with second as j:  # the later change, from the same version, saved after
        if later == "edit":
            j.update(TABLE_STAKEHOLDERS, ana.id, {"notes": "edited"})
        else:
            j.delete(TABLE_STAKEHOLDERS, ana.id)
    record = records_by_id(a.path, TABLE_STAKEHOLDERS)[ana.id]
    assert record["deleted"] is (later == "delete")
    (loser,) = record["history"]
    assert loser["deleted"] is (later == "edit")
    for m in (a, b):
        with m as j:
            j.refresh()
            alive = [s.id for s in j.stakeholders()]
            assert (ana.id in alive) is (later == "edit")


# -- (e) clock skew


@pytest.mark.parametrize(
    "skew", [dt.timedelta(hours=1), dt.timedelta(hours=-1), dt.timedelta(days=2)]
)
def test_clock_skew_keeps_every_write(machine, skew):
    fast = machine("fast", fixed_clock(T0, offset=skew if skew > dt.timedelta(0) else -skew))
    slow = machine("slow", fixed_clock(T0))
    with fast as jf:
        ana = jf.add(person("Ana Ruiz"))
        jf.add(entry(ana, "written on the fast machine"))
    with slow as js:
        js.refresh()
        # a later edit on the slow machine, of the version it saw, wins
        js.update(TABLE_STAKEHOLDERS, ana.id, {"notes": "slow edit"})
        slow_entry = js.add(entry(ana, "written on the slow machine"))
    record = records_by_id(slow.path, TABLE_STAKEHOLDERS)[ana.id]
    assert record["notes"] == "slow edit" and record["device"] == "dev-slow"
    assert record["history"] == []
    # concurrent edits: both kept, whichever stamp is greater wins
    with fast as jf:
        jf.update(TABLE_STAKEHOLDERS, ana.id, {"role": "fast role"})  # from its old version
    with slow as js:
        js.update(TABLE_STAKEHOLDERS, ana.id, {"role": "slow role"})
        js.refresh()
    record = records_by_id(slow.path, TABLE_STAKEHOLDERS)[ana.id]
    roles = {v.get("role") for v in all_versions(record)}
    assert {"fast role", "slow role"} <= roles
    assert "slow edit" in {v.get("notes") for v in all_versions(record)}
    entries = records_by_id(slow.path, TABLE_INTERACTIONS)
    assert slow_entry.id in entries and len(entries) == 2


def test_stamps_stay_ordered_when_the_clock_jumps_back(dirs, synced):
    clock = fixed_clock(T0 + dt.timedelta(days=2))
    journal = open_journal(synced / "journal.json", dirs, clock=clock)
    ana = journal.add(person("Ana Ruiz"))
    journal.clock = fixed_clock(T0)  # NTP corrected the clock
    edited = journal.update(TABLE_STAKEHOLDERS, ana.id, {"notes": "after the fix"})
    assert edited["updated_at"] > journal.get(TABLE_STAKEHOLDERS, ana.id)["created_at"]
    assert records_by_id(synced / "journal.json", TABLE_STAKEHOLDERS)[ana.id]["history"] == []


# -- (f) conflicted copies

COPY_NAMES = {
    "Dropbox": "journal (Ana's conflicted copy 2026-11-28).json",
    "Dropbox, second copy": "journal (Ana's conflicted copy 2026-11-28 (1)).json",
    "Syncthing": "journal.sync-conflict-20261128-101500-ABCDEF1.json",
    "Nextcloud": "journal (conflicted copy 2026-11-28 101500).json",
    "Nextcloud, older": "journal_conflict-20261128-101500.json",
    "OneDrive": "journal-LAPTOP.json",
    "iCloud Drive": "journal 2.json",
    "Google Drive": "journal (1).json",
}


def _make_copy(path: Path, name: str, tmp_path: Path, who: str) -> tuple[Path, str]:
    """A copy of the journal holding one stakeholder the journal lacks."""
    staging = tmp_path / f"staging-{who}"
    staging.mkdir()
    shutil.copy2(path, staging / "journal.json")
    other = open_journal(staging / "journal.json", LocalDirs_under(tmp_path / f"m-{who}"))
    added = other.add(person(who))
    target = path.parent / name
    shutil.move(staging / "journal.json", target)
    return target, added.id


@pytest.fixture(autouse=True)
def _this_computer_is_laptop(monkeypatch):
    # OneDrive names a copy after the computer: this one, in these tests.
    monkeypatch.setattr("journal.copies.host_name", lambda: "LAPTOP")


@pytest.mark.parametrize("service", list(COPY_NAMES))
def test_conflicted_copy_is_found_merged_and_moved(service, dirs, synced, tmp_path):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    copy, theirs = _make_copy(path, COPY_NAMES[service], tmp_path, "Ben Okafor")
    assert [c.path for c in find_conflicted_copies(path, ["LAPTOP"])] == [copy]
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    (outcome,) = journal.copies_on_open.copies
    assert outcome.merged and outcome.changed == 1
    assert theirs in records_by_id(path, TABLE_STAKEHOLDERS)
    assert not copy.exists()
    assert outcome.moved_to is not None and outcome.moved_to.exists()
    assert dirs.backups in outcome.moved_to.parents
    assert folder_listing(synced) == ["journal.json"]


def test_several_copies_at_once(dirs, synced, tmp_path):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    ids = []
    for i, name in enumerate(COPY_NAMES.values()):
        ids.append(_make_copy(path, name, tmp_path, f"Person {i}")[1])
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert len(journal.copies_on_open.merged) == len(COPY_NAMES)
    assert set(ids) <= set(records_by_id(path, TABLE_STAKEHOLDERS))
    assert folder_listing(synced) == ["journal.json"]


def test_copy_is_moved_only_after_the_merged_save(dirs, synced, tmp_path, monkeypatch):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    copy, theirs = _make_copy(path, COPY_NAMES["Syncthing"], tmp_path, "Ben Okafor")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saving_module, "atomic_write", full_disk)
    with pytest.raises(SaveError):
        Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert copy.exists()
    assert theirs not in records_by_id(path, TABLE_STAKEHOLDERS)
    monkeypatch.undo()
    Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert not copy.exists()
    assert theirs in records_by_id(path, TABLE_STAKEHOLDERS)


def test_foreign_corrupt_and_newer_copies_are_left_alone(dirs, synced, tmp_path):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    foreign = synced / "journal (1).json"
    open_journal(foreign, LocalDirs_under(tmp_path / "foreign")).add(person("Stranger"))
    corrupt = synced / "journal 2.json"
    corrupt.write_bytes(path.read_bytes()[:50])
    newer, _ = _make_copy(path, COPY_NAMES["Syncthing"], tmp_path, "From the future")
    document = json.loads(newer.read_text())
    document["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    newer.write_text(json.dumps(document))
    before = {p: snapshot(p) for p in (foreign, corrupt, newer)}
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    outcomes = {c.path: c for c in journal.copies_on_open.copies}
    assert set(outcomes) == set(before)
    assert not any(c.merged for c in outcomes.values())
    assert "different journal" in outcomes[foreign].reason
    assert "left in place" in outcomes[corrupt].reason
    assert "newer" in outcomes[newer].reason
    assert {p: snapshot(p) for p in before} == before
    assert [r["name"] for r in records_by_id(path, TABLE_STAKEHOLDERS).values()] == ["Ana Ruiz"]
    assert journal.read_only_reason is None


def test_temporary_files_are_ignored(dirs, synced):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    (synced / ".stfolder").mkdir()
    names = [
        ".syncthing.journal.json.tmp",
        ".~sj-journal.json.123.abcdef12.tmp",
        # Another machine's save in progress (its writer is not ours to judge).
        "~syncthing~sj-journal.json.otherdevice-123.abcdef12.tmp",
    ]
    for name in names:
        shutil.copy2(path, synced / name)
    assert find_conflicted_copies(path, ["LAPTOP"]) == []
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert journal.copies_on_open.copies == []
    assert folder_listing(synced) == sorted([".stfolder", *names, "journal.json"])


def test_a_users_own_journal_named_file_is_not_taken_for_a_copy(dirs, synced, tmp_path):
    """OneDrive copies are ``journal-COMPUTER.json``; a user's own dated
    backup beside the journal has the same shape but names no computer."""
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    own, _theirs = _make_copy(path, "journal-backup-2026-11-01.json", tmp_path, "Ben Okafor")
    before = snapshot(own)
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert journal.copies_on_open.copies == []
    assert snapshot(own) == before
    assert [r["name"] for r in records_by_id(path, TABLE_STAKEHOLDERS).values()] == ["Ana Ruiz"]


def test_onedrive_copy_named_after_another_computer_of_the_journal(dirs, synced, tmp_path):
    path = synced / "journal.json"
    desk = LocalDirs_under(tmp_path / "desk")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("journal.document.host_name", lambda: "DESKTOP-7Q2")
        open_journal(path, desk).add(person("Ana Ruiz"))  # the desk computer saved once
    copy, theirs = _make_copy(path, "journal-DESKTOP-7Q2.json", tmp_path, "Ben Okafor")
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert [c.path for c in journal.copies_on_open.merged] == [copy]
    assert theirs in records_by_id(path, TABLE_STAKEHOLDERS)


# -- (g) bad files


def _valid_payload(tmp_path: Path) -> bytes:
    good = tmp_path / "good" / "journal.json"
    good.parent.mkdir()
    open_journal(good, LocalDirs_under(tmp_path / "good-local")).add(person("Ana Ruiz"))
    return good.read_bytes()


BAD_FILES = {
    # kind: (how the file is damaged, what the message says)
    "empty": (lambda ok: b"", "is empty"),
    "blank": (lambda ok: b"  \n", "is empty"),
    "truncated": (lambda ok: ok[: len(ok) // 2], "is truncated"),
    "trailing garbage": (lambda ok: ok + b"garbage", "extra data after the journal"),
    "a second document": (lambda ok: ok + ok, "extra data after the journal"),
    "not UTF-8": (lambda ok: ok.replace(b"Ana Ruiz", b"Ana Ru\xefz\xff"), "not UTF-8"),
    "a JSON list": (lambda ok: b"[1, 2, 3]\n", "not a Stakeholder Journal file"),
    "a JSON string": (lambda ok: b'"journal"\n', "not a Stakeholder Journal file"),
    "tables that are not tables": (
        lambda ok: b'{"stakeholders": [1, 2]}',
        "not a Stakeholder Journal file",
    ),
    "a record that is not a record": (
        lambda ok: ok.replace(b'"_meta": {', b'"x": {"1": 5}, "_meta": {'),
        "damaged record",
    ),
    "a record without id": (lambda ok: ok.replace(b'"id":', b'"ident":'), "damaged record"),
    "another app's TinyDB file": (
        lambda ok: b'{"_default": {"1": {"name": "x", "v": 2}}}',
        "not a Stakeholder Journal file",
    ),
    "a journal without schema": (
        lambda ok: ok.replace(b'"schema":', b'"schemata":'),
        "no schema number",
    ),
    "a non-integer schema": (
        lambda ok: ok.replace(b'"schema": 1', b'"schema": "1"'),
        "no schema number",
    ),
}


def _assert_refused(path: Path, before, capsys, command=("due",), says: str = "") -> None:
    from tui import cli

    with pytest.raises(BadFileError) as caught:
        Journal.open(path, dirs=LocalDirs_under(path.parent.parent / "local-g"))
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and says in message
    code = cli.main(["--file", str(path), *command])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and str(path) in err and err.startswith("sj: ")
    assert snapshot(path) == before
    assert folder_listing(path.parent) == [path.name]


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    """Point the platform folders (used by the `sj` command) into tmp_path."""
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    monkeypatch.delenv("SJ_FILE", raising=False)


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_refused_and_left_untouched(kind, tmp_path, synced, capsys, xdg):
    damage, says = BAD_FILES[kind]
    path = synced / "journal.json"
    path.write_bytes(damage(_valid_payload(tmp_path)))
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = snapshot(path)
    _assert_refused(path, before, capsys, says=says)
    _assert_refused(path, before, capsys, ("add", "Someone"), says=says)


def test_a_folder_is_refused(synced, capsys, xdg):
    path = synced / "journal.json"
    path.mkdir()
    from tui import cli

    with pytest.raises(BadFileError, match="is a folder"):
        Journal.open(path, dirs=LocalDirs_under(synced.parent / "l"))
    assert cli.main(["--file", str(path), "add", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err
    assert path.is_dir() and list(path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_refused(tmp_path, synced, capsys, xdg):
    path = synced / "journal.json"
    path.write_bytes(_valid_payload(tmp_path))
    path.chmod(0)
    try:
        before = snapshot(path)
        with pytest.raises(BadFileError, match="permission denied"):
            Journal.open(path, dirs=LocalDirs_under(tmp_path / "l"))
        assert snapshot(path) == before
    finally:
        path.chmod(0o600)


def test_unreadable_file_is_refused_even_for_root(tmp_path, synced, monkeypatch):
    path = synced / "journal.json"
    path.write_bytes(_valid_payload(tmp_path))
    before = snapshot(path)

    def denied(p):
        raise PermissionError(errno.EACCES, "Permission denied", str(p))

    monkeypatch.setattr(document_module, "_read_payload", denied)
    with pytest.raises(BadFileError, match="permission denied") as caught:
        Journal.open(path, dirs=LocalDirs_under(tmp_path / "l"))
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    monkeypatch.undo()
    assert snapshot(path) == before


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_journal_refuses_writes(what, tmp_path, synced, monkeypatch, capsys, xdg):
    path = synced / "journal.json"
    path.write_bytes(_valid_payload(tmp_path))
    before = snapshot(path)
    target = path if what == "file" else synced
    real_access = os.access

    def access(p, mode, *args, **kwargs):
        if Path(p) == target and mode & os.W_OK:
            return False
        return real_access(p, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    journal = Journal.open(path, dirs=LocalDirs_under(tmp_path / "l"), clock=fixed_clock())
    assert journal.read_only_reason and str(target) in journal.read_only_reason
    assert [s.name for s in journal.stakeholders()] == ["Ana Ruiz"]  # reading works
    with pytest.raises(ReadOnlyError) as caught:
        journal.add(person("Ben Okafor"))
    assert "\n" not in str(caught.value) and "read-only" in str(caught.value)
    from tui import cli

    assert cli.main(["--file", str(path), "add", "Ben Okafor"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err and "read-only" in err[-1] and str(target) in err[-1]
    assert snapshot(path) == before


# -- (h) disk full


def test_disk_full_keeps_the_original_and_the_data(dirs, synced, monkeypatch):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    journal.add(person("Ana Ruiz"))
    before = snapshot(path)
    real_write = os.write
    calls = {"n": 0}

    def full_write(fd, data):
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data)[:100])  # part of it fits
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_write)
    with pytest.raises(SaveError) as caught:
        journal.add(person("Ben Okafor"))
    monkeypatch.undo()
    message = str(caught.value)
    assert "\n" not in message and "full" in message and str(path) in message
    assert snapshot(path) == before
    assert folder_listing(synced) == ["journal.json"]  # no temp file left behind
    assert journal.unsaved
    assert [s.name for s in journal.stakeholders()] == ["Ana Ruiz", "Ben Okafor"]
    journal.save()
    assert not journal.unsaved
    names = [r["name"] for r in records_by_id(path, TABLE_STAKEHOLDERS).values()]
    assert names == ["Ana Ruiz", "Ben Okafor"]


def test_replace_refused_for_good_is_a_save_error(dirs, synced, monkeypatch):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    journal.add(person("Ana Ruiz"))
    before = snapshot(path)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    with pytest.raises(SaveError) as caught:
        journal.add(person("Ben Okafor"))
    monkeypatch.undo()
    assert "\n" not in str(caught.value)
    assert snapshot(path) == before and folder_listing(synced) == ["journal.json"]
    assert journal.unsaved
    journal.save()
    assert len(records_by_id(path, TABLE_STAKEHOLDERS)) == 2


# -- (i) a second local writer waits for the lock


def test_second_writer_waits_for_the_lock(dirs, synced):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    ana = journal.add(person("Ana Ruiz"))
    before = path.read_bytes()
    lock = FileLock(str(dirs.lock_file(path)))
    errors: list[BaseException] = []

    def save_in_background():
        try:
            journal.add(entry(ana))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with lock:
        worker = threading.Thread(target=save_in_background)
        worker.start()
        worker.join(0.5)
        assert worker.is_alive(), "the save did not wait for the lock"
        assert path.read_bytes() == before
    worker.join(10)
    assert not worker.is_alive() and not errors
    assert len(records_by_id(path, TABLE_INTERACTIONS)) == 1
    assert not journal.unsaved


def test_lock_held_too_long_times_out_and_keeps_the_data(dirs, synced, monkeypatch):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    journal.add(person("Ana Ruiz"))
    monkeypatch.setattr(saving_module, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(dirs.lock_file(path))), pytest.raises(LockTimeout) as caught:
        journal.add(person("Ben Okafor"))
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert journal.unsaved
    journal.save()
    assert len(records_by_id(path, TABLE_STAKEHOLDERS)) == 2


# -- (j) a newer schema


def _bump_schema(path: Path) -> None:
    document = json.loads(path.read_text())
    document["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    document["_meta"]["1"]["app_version"] = "9.0.0"
    path.write_text(json.dumps(document))


def test_newer_schema_opens_read_only(dirs, synced, capsys, xdg):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    _bump_schema(path)
    before = snapshot(path)
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert "newer version" in journal.read_only_reason
    assert [s.name for s in journal.stakeholders()] == ["Ana Ruiz"]
    with pytest.raises(ReadOnlyError, match="upgrade"):
        journal.add(person("Ben Okafor"))
    with pytest.raises(ReadOnlyError):
        journal.storage.save()
    from tui import cli

    assert cli.main(["--file", str(path), "add", "Ben Okafor"]) == 1
    assert "newer version" in capsys.readouterr().err
    assert cli.main(["--file", str(path), "list", "--json"]) == 0
    assert snapshot(path) == before


def test_newer_schema_arriving_while_open_is_not_overwritten(dirs, synced, tmp_path):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    journal.add(person("Ana Ruiz"))
    _bump_schema(path)
    before = snapshot(path)
    with pytest.raises(ReadOnlyError, match="newer version"):
        journal.add(person("Ben Okafor"))
    assert snapshot(path) == before
    assert journal.unsaved  # still in memory


# -- (k) a missing file


def test_missing_known_file_is_not_recreated(dirs, synced, tmp_path):
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    path.unlink()
    with pytest.raises(MissingFileError) as caught:
        Journal.open(path, dirs=dirs)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert not path.exists()
    with pytest.raises(MissingFileError):
        JournalStorage(path, dirs=dirs, create=True)
    assert not path.exists() and folder_listing(synced) == []


def test_missing_folder_is_not_created(dirs, tmp_path):
    path = tmp_path / "unmounted" / "journal.json"
    with pytest.raises(MissingFileError, match="does not exist"):
        Journal.open(path, dirs=dirs)
    assert not path.parent.exists()


def test_new_explicit_path_is_created_private(dirs, synced):
    old = os.umask(0)
    try:
        journal = Journal.open(synced / "new.json", dirs=dirs, clock=fixed_clock())
    finally:
        os.umask(old)
    assert journal.created
    path = synced / "new.json"
    assert path.stat().st_mode & 0o777 == 0o600
    document = json.loads(path.read_text())
    assert document["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert isinstance(document["_meta"]["1"]["store_id"], str)
    assert folder_listing(synced) == ["new.json"]


# -- (l) rolling backups, (m) permissions


def test_rolling_backups_keep_the_last_ten(dirs, synced):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    versions = []
    for i in range(15):
        journal.add(person(f"Person {i}"))
        versions.append(path.read_bytes())
    backups = journal.storage.backups()
    assert len(backups) == BACKUPS_KEPT
    # the newest backup is the version the last save replaced, and so on
    assert [b.read_bytes() for b in backups] == versions[-BACKUPS_KEPT - 1 : -1]
    assert dirs.backups in backups[0].parents


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o660])
def test_permissions_are_kept_across_saves(dirs, synced, mode):
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    path.chmod(mode)
    journal.add(person("Ana Ruiz"))
    journal.add(person("Ben Okafor"))
    assert path.stat().st_mode & 0o777 == mode


def test_temp_files_of_a_killed_save_are_cleared_on_the_next_open(tmp_path, dirs):
    from journal.atomic import TEMP_PREFIX, remove_stale_temp_files

    path = tmp_path / "journal.json"
    journal = open_journal(path, dirs)
    journal.save()
    me = journal.device
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = {
            # this machine's writer is gone: cleared at once, not an hour later
            "dead": f"{TEMP_PREFIX}journal.json.{me}-{dead}.abcd1234.tmp",
            # this machine's writer is still saving
            "alive": f"{TEMP_PREFIX}journal.json.{me}-{alive.pid}.abcd1234.tmp",
            # another machine's, or an older version's: only once an hour old
            "stale": f"{TEMP_PREFIX}journal.json.otherdevice-123.abcd1234.tmp",
            "fresh": f"{TEMP_PREFIX}journal.json.otherdevice-456.ef567890.tmp",
            "older name": ".~sj-journal.json.123.abcd1234.tmp",
            "another journal": f"{TEMP_PREFIX}notes.json.{me}-{dead}.00000000.tmp",
        }
        for name in names.values():
            (tmp_path / name).write_bytes(b'{"half": ')
        old = time.time() - 2 * 3600
        for key in ("stale", "another journal"):
            os.utime(tmp_path / names[key], (old, old))
        open_journal(path, dirs)
        left = {key for key, name in names.items() if (tmp_path / name).exists()}
        assert left == {"alive", "fresh", "older name", "another journal"}
        assert remove_stale_temp_files(path, me) == []
    finally:
        alive.kill()
        alive.wait()


def _dead_pid() -> int:
    """The pid of a process that has exited."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_a_copy_held_by_a_killed_command_is_put_back_and_merged(dirs, synced, tmp_path):
    # A command killed while it moved a conflicted copy away leaves it under
    # a temp name no sync client syncs; the next command must not strand it.
    path = synced / "journal.json"
    journal = open_journal(path, dirs)
    journal.add(person("Ana Ruiz"))
    copy, theirs = _make_copy(path, COPY_NAMES["Dropbox"], tmp_path, "Ben Okafor")
    held = copy.with_name(f"~syncthing~sj-{copy.name}.{journal.device}-{_dead_pid()}.0a1b2c3d.tmp")
    os.rename(copy, held)
    reopened = Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert [c.merged for c in reopened.copies_on_open.copies] == [True]
    assert theirs in records_by_id(path, TABLE_STAKEHOLDERS)
    assert folder_listing(synced) == ["journal.json"]


def test_a_copy_rewritten_while_it_is_moved_away_fails_nothing(dirs, synced, tmp_path, monkeypatch):
    # The sync client starts writing a newer version of the copy just as it
    # is renamed away: the command goes on, and the copy stays to be merged.
    path = synced / "journal.json"
    open_journal(path, dirs).add(person("Ana Ruiz"))
    copy, theirs = _make_copy(path, COPY_NAMES["Syncthing"], tmp_path, "Ben Okafor")
    complete = copy.read_bytes()
    real_rename = os.rename

    def rename_then_half_written(src, dst):
        real_rename(src, dst)
        if Path(src) == copy:
            Path(dst).write_bytes(complete[: len(complete) // 2])

    monkeypatch.setattr("journal.copies.os.rename", rename_then_half_written)
    journal = Journal.open(path, dirs=dirs, clock=fixed_clock())
    [outcome] = journal.copies_on_open.copies
    assert outcome.merged and outcome.moved_to is None and "merged again" in outcome.reason
    journal.add(person("Chloé Martin"))  # the user's own write goes through
    assert copy.exists() and theirs in records_by_id(path, TABLE_STAKEHOLDERS)
    monkeypatch.undo()
    copy.write_bytes(complete)  # the sync client finished
    Journal.open(path, dirs=dirs, clock=fixed_clock())
    assert folder_listing(synced) == ["journal.json"]

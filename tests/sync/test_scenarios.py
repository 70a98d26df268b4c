"""Issue 4's scenarios, end to end: real ``sj`` processes on two machines that
share one journal through a real Syncthing pair.

Each side is a machine of its own: its own XDG folders (so its own device id,
write lock and backups) under ``tmp_path``, ``--file`` pointing at its copy of
the synced folder (``pair/a/journal.json`` or ``pair/b/journal.json``), and the
same fixed ``SJ_TODAY``. Every assertion reads either ``sj ... --json`` or the
files themselves with the standard ``json`` module, as any TinyDB program would.

Scenario 5 runs the terminal app itself on side b, in this process (Pilot,
headless), with b's folders, while a's ``sj`` processes write.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.sync.syncpair import SyncPair

pytestmark = pytest.mark.sync

TODAY = "2026-11-28"
REPO = Path(__file__).resolve().parents[2]
RECORD_TABLES = ("stakeholders", "interactions", "reflections", "goals", "promises", "shares")


class SjFailed(AssertionError):
    pass


@dataclass
class Side:
    """One machine: its local folders and its copy of the synced journal."""

    name: str
    home: Path
    journal: Path
    clock_offset: float = 0.0
    log: list[str] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SJ_", "XDG_"))}
        env.update(
            SJ_TODAY=TODAY,
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_CONFIG_HOME=str(self.home / "config"),
            PYTHONPATH=str(REPO),
        )
        if self.clock_offset:
            env["SJ_CLOCK_OFFSET"] = str(self.clock_offset)
        return env

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``sj --file JOURNAL ARGS`` as its own process on this machine."""
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--file", str(self.journal), *args],
            env=self.env(),
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.log.append(f"{self.name}$ sj {' '.join(args)} -> {done.returncode} {done.stderr}")
        if ok and done.returncode != 0:
            raise SjFailed(
                f"sj {' '.join(args)} on {self.name} exited {done.returncode}:\n"
                f"{done.stdout}{done.stderr}"
            )
        return done

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)

    def doc(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The journal file as stock ``json`` reads it."""
        with open(self.journal, encoding="utf-8") as f:
            return json.load(f)

    def backups(self) -> list[Path]:
        return sorted((self.home / "state" / "stakeholder-journal" / "backups").rglob("*.json"))


@pytest.fixture
def sides(tmp_path: Path, sync_pair: SyncPair) -> tuple[Side, Side]:
    a = Side("a", tmp_path / "machine-a", sync_pair.a / "journal.json")
    b = Side("b", tmp_path / "machine-b", sync_pair.b / "journal.json")
    for side in (a, b):
        side.home.mkdir()
    return a, b


def go_offline(pair: SyncPair) -> None:
    """Stop syncing between the two machines (each keeps its own file).

    This pauses the folder on "a", which stops all exchange of that folder in
    both directions. Pausing the peer device instead drops the connection,
    and Syncthing 1.19 then redials only after about 5 s (its dial back-off
    outlives the pause), which would cost 5 s per round for nothing."""
    pair.pause("a", "folder")


def go_online(pair: SyncPair) -> None:
    pair.resume("a", "folder")


def both(fa: Callable[[], Any], fb: Callable[[], Any]) -> tuple[Any, Any]:
    """Run one thing on each machine at the same time (they are two computers)."""
    with ThreadPoolExecutor(2) as pool:
        ra, rb = pool.submit(fa), pool.submit(fb)
        return ra.result(), rb.result()


# -- reading the files


def alive(doc: dict, table: str) -> list[dict]:
    return [r for r in doc.get(table, {}).values() if not r.get("deleted")]


def by_name(doc: dict, name: str) -> dict:
    hits = [r for r in doc["stakeholders"].values() if r.get("name") == name]
    assert len(hits) == 1, f"{len(hits)} stakeholders named {name!r}"
    return hits[0]


def summaries(doc: dict) -> list[str]:
    return sorted(r["summary"] for r in alive(doc, "interactions"))


def names(doc: dict) -> list[str]:
    return sorted(r["name"] for r in alive(doc, "stakeholders"))


def ids_once(doc: dict) -> None:
    """No record id appears twice in any table."""
    for table in RECORD_TABLES:
        ids = [r["id"] for r in doc.get(table, {}).values()]
        assert len(ids) == len(set(ids)), f"{table}: an id appears twice"


def records(doc: dict) -> dict[str, dict[str, dict]]:
    """Table -> record id -> record: the journal without TinyDB's doc ids."""
    return {t: {r["id"]: r for r in doc.get(t, {}).values()} for t in RECORD_TABLES}


def history_values(record: dict, key: str) -> list[Any]:
    return [v.get(key) for v in record.get("history", ())]


def settle(pair: SyncPair, a: Side, b: Side) -> None:
    """Sync, then let each side run its next command (which merges any
    conflicted copy and moves it out of the folder), syncing after each."""
    pair.wait()
    a.run("list")
    pair.wait()
    b.run("list")
    pair.wait()


def assert_converged(pair: SyncPair, a: Side, b: Side) -> dict:
    da, db = a.doc(), b.doc()
    assert records(da) == records(db), "the two machines hold different journals"
    assert pair.conflicts() == {"a": [], "b": []}, "a conflicted copy is left in the folder"
    leftovers = [
        p.name
        for side in (a, b)
        for p in side.journal.parent.iterdir()
        if p.name not in ("journal.json", ".stfolder") and not p.name.startswith(".syncthing.")
    ]
    assert leftovers == [], f"left in the synced folder: {leftovers}"
    ids_once(da)
    return da


def wait_for(predicate: Callable[[], bool], timeout: float = 30) -> float:
    """Poll until predicate() holds; return the seconds it took."""
    t0 = time.monotonic()
    while not predicate():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"not true within {timeout}s")
        time.sleep(0.02)
    return time.monotonic() - t0


def has_summary(side: Side, text: str) -> bool:
    try:
        return text in summaries(side.doc())
    except (OSError, ValueError):  # not there yet, or between a sync's rename steps
        return False


# -- 1. both online


def test_online_changes_show_on_the_other_side(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    a, b = sides
    a.run("add", "Ana Ruiz", "--org", "Coastal Timber", "--every", "2w", "--key")
    a.run("add", "Ben Okafor", "--every", "1w")
    a.run("log", "ana", "--on", "3w ago", "Spring consultation call")
    sync_pair.wait()
    assert names(b.doc()) == ["Ana Ruiz", "Ben Okafor"]
    assert [p["name"] for p in b.json("list")] == ["Ana Ruiz", "Ben Okafor"]

    b.run("add", "Chloé Martin", "--every", "10d")
    b.run("log", "ben", "--on", "2d ago", "Coffee on the harbour plan")
    b.run("log", "chloé", "--on", "2w ago", "Met at the forum")
    sync_pair.wait()
    assert names(a.doc()) == ["Ana Ruiz", "Ben Okafor", "Chloé Martin"]
    shown = a.json("show", "ben")
    assert [e["summary"] for e in shown["recent"]] == ["Coffee on the harbour plan"]

    due_a, due_b = a.json("due", "--all"), b.json("due", "--all")
    assert due_a == due_b
    assert [d["name"] for d in due_a if d["state"] == "overdue"] == ["Ana Ruiz", "Chloé Martin"]
    assert a.json("due") == b.json("due")

    # How long a logged contact takes to show in the other machine's file.
    delays: dict[str, list[float]] = {"a->b": [], "b->a": []}
    for i in range(3):
        for src, dst, key in ((a, b, "a->b"), (b, a, "b->a")):
            text = f"{src.name} note {i}"
            src.run("log", "ana", text)
            delays[key].append(wait_for(lambda dst=dst, text=text: has_summary(dst, text)))
    print(
        "\nsj log -> visible in the other machine's file: "
        + "; ".join(f"{k} " + ", ".join(f"{t:.2f}s" for t in v) for k, v in delays.items())
    )
    sync_pair.wait()
    assert_converged(sync_pair, a, b)


# -- 2. both offline, concurrent edits


def test_offline_edits_on_both_sides_merge_without_loss(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    a, b = sides
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("add", "Ben Okafor", "--every", "1w")
    sync_pair.wait()

    go_offline(sync_pair)
    a.run("log", "ana", "Call from the laptop")
    a.run("log", "ben", "--via", "coffee", "Coffee from the laptop")
    a.run("edit", "ana", "--role", "Policy lead (laptop)")
    a.run("add", "Dara Laptop")
    b.run("log", "ana", "Email from the desktop")
    b.run("add", "Eli Desktop")
    b.run("edit", "ana", "--role", "Director (desktop)")  # the later edit
    b.run("log", "eli", "First meeting, desktop")
    go_online(sync_pair)
    settle(sync_pair, a, b)

    doc = assert_converged(sync_pair, a, b)
    assert names(doc) == ["Ana Ruiz", "Ben Okafor", "Dara Laptop", "Eli Desktop"]
    assert summaries(doc) == sorted(
        [
            "Call from the laptop",
            "Coffee from the laptop",
            "Email from the desktop",
            "First meeting, desktop",
        ]
    )
    ana = by_name(doc, "Ana Ruiz")
    assert ana["role"] == "Director (desktop)"
    assert history_values(ana, "role") == ["Policy lead (laptop)"]
    for side in (a, b):
        assert side.json("show", "ana")["stakeholder"]["role"] == "Director (desktop)"
    assert a.json("list") == b.json("list")


# -- 3. deleted on one side, edited on the other


def test_delete_versus_edit_the_later_wins_and_the_other_is_kept(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    a, b = sides
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("add", "Ben Okafor", "--every", "1w")
    a.run("log", "ana,ben", "Joint workshop")
    sync_pair.wait()
    before_deletions = b.journal.read_bytes()

    go_offline(sync_pair)
    a.run("delete", "ana")  # Ana: deleted first, edited later
    b.run("edit", "ben", "--notes", "edited on b before a deleted him")
    b.run("edit", "ana", "--notes", "edited on b after a deleted her")
    a.run("delete", "ben")  # Ben: edited first, deleted later
    go_online(sync_pair)
    settle(sync_pair, a, b)

    doc = assert_converged(sync_pair, a, b)
    ana, ben = by_name(doc, "Ana Ruiz"), by_name(doc, "Ben Okafor")
    assert not ana.get("deleted") and ana["notes"] == "edited on b after a deleted her"
    assert history_values(ana, "deleted") == [True]
    assert ben["deleted"] is True
    assert history_values(ben, "notes") == ["edited on b before a deleted him"]
    for side in (a, b):
        assert [p["name"] for p in side.json("list")] == ["Ana Ruiz"]

    # A stale copy from before both deletions turns up next to the journal:
    # it is merged, and Ben stays deleted.
    stale = a.journal.with_name("journal.sync-conflict-20261101-090000-OLDCOPY.json")
    stale.write_bytes(before_deletions)
    a.run("list")
    sync_pair.wait()
    b.run("list")
    sync_pair.wait()
    doc = assert_converged(sync_pair, a, b)
    assert by_name(doc, "Ben Okafor")["deleted"] is True
    for side in (a, b):
        assert [p["name"] for p in side.json("list")] == ["Ana Ruiz"]


# -- 4. many rounds of random offline edits


@dataclass
class Written:
    """Every write an sj command acknowledged (exit 0)."""

    names: set[str] = field(default_factory=set)
    summaries: set[str] = field(default_factory=set)
    #: (table, record id) -> keys (``updated_at|device``) of the versions written
    versions: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def saw(self, table: str, record: dict) -> None:
        key = f"{record['updated_at']}|{record['device']}"
        self.versions.setdefault((table, record["id"]), set()).add(key)


def random_edits(side: Side, rng: random.Random, round_no: int, written: Written) -> None:
    """One to three random writes on one (offline) machine, each recorded as
    the version it left in the file."""
    # Look first, as a user would: this also merges last round's conflicted copy.
    people = side.json("list")
    for step in range(rng.randint(1, 3)):
        tag = f"{side.name}{round_no:02d}.{step}"
        roll = rng.random()
        if roll < 0.3 or len(people) < 3:
            name = f"Person {tag}"
            side.run("add", name, "--every", rng.choice(["1w", "2w", "monthly"]))
            written.names.add(name)
            written.saw("stakeholders", by_name(side.doc(), name))
        elif roll < 0.7:
            who = rng.sample(people, rng.choice([1, 1, 2]))
            text = f"contact {tag}"
            ids = ",".join(p["id"] for p in who)
            side.run("log", ids, "--on", f"{rng.randint(0, 20)}d ago", text)
            written.summaries.add(text)
            doc = side.doc()
            entry = next(r for r in doc["interactions"].values() if r["summary"] == text)
            written.saw("interactions", entry)
        else:
            who = rng.choice(people)
            if roll < 0.92:
                side.run("edit", who["id"], "--notes", f"notes {tag}")
            else:
                side.run("delete", who["id"])
            written.saw("stakeholders", records(side.doc())["stakeholders"][who["id"]])
        people = alive(side.doc(), "stakeholders")


def test_twenty_rounds_of_random_offline_edits_converge(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    a, b = sides
    seed = int(os.environ.get("SJ_TEST_SEED", "0")) or random.randrange(1, 10**6)
    print(f"\nseed {seed} (SJ_TEST_SEED={seed} repeats this run)")
    rng_a, rng_b = random.Random(seed), random.Random(seed * 7 + 1)
    written = Written()
    a.run("add", "Seed Person", "--every", "2w")
    written.names.add("Seed Person")
    sync_pair.wait()

    t0 = time.monotonic()
    for round_no in range(20):
        go_offline(sync_pair)
        both(
            lambda r=round_no: random_edits(a, rng_a, r, written),
            lambda r=round_no: random_edits(b, rng_b, r, written),
        )
        go_online(sync_pair)
        sync_pair.wait()
    settle(sync_pair, a, b)
    merged = sum("conflicted copy" in line for line in a.log + b.log)
    print(f"20 rounds in {time.monotonic() - t0:.1f}s; {merged} conflicted copies merged")
    assert merged, "no round made Syncthing leave a conflicted copy: nothing was tested"

    doc = assert_converged(sync_pair, a, b)
    everyone = {r["name"]: r for r in doc["stakeholders"].values()}
    assert written.names <= everyone.keys(), written.names - everyone.keys()
    assert len(everyone) == len(written.names)
    logged = sorted(r["summary"] for r in doc["interactions"].values())
    assert logged == sorted(written.summaries), "a contact is missing or appears twice"
    # Every version a command wrote is still there (the current one or kept
    # in history), or a later edit was made from it (it is "superseded").
    everything = records(doc)
    for (table, rid), keys in written.versions.items():
        record = everything[table][rid]
        # (journal entries are stored sparse: no history is no "history" key)
        history = record.get("history", [])
        kept = {f"{v['updated_at']}|{v['device']}" for v in [record, *history]}
        # A superseded key names the stamp and device, then the content's hash.
        superseded = {
            k.rpartition("|")[0] if k.count("|") == 2 else k for k in record.get("superseded", [])
        }
        lost = keys - kept - superseded
        assert not lost, f"{table}/{rid}: versions {lost} were dropped"


# -- 6. a machine whose clock is wrong


def test_a_wrong_clock_loses_no_write_and_a_later_edit_still_wins(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    a, b = sides
    a.clock_offset = 3 * 3600  # a's clock runs three hours ahead
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("edit", "ana", "--notes", "fast clock 1")
    sync_pair.wait()
    b.run("edit", "ana", "--notes", "slow clock 1")  # edits a version "from the future"
    sync_pair.wait()
    for side in (a, b):
        assert by_name(side.doc(), "Ana Ruiz")["notes"] == "slow clock 1"

    go_offline(sync_pair)
    a.run("edit", "ana", "--notes", "fast clock 2")
    a.run("log", "ana", "logged on the fast machine")
    a.run("add", "Ben Fast")
    b.run("edit", "ana", "--notes", "slow clock 2")  # concurrent; stamped hours earlier
    b.run("log", "ana", "logged on the slow machine")
    b.run("add", "Cy Slow")
    go_online(sync_pair)
    settle(sync_pair, a, b)
    doc = assert_converged(sync_pair, a, b)
    ana = by_name(doc, "Ana Ruiz")
    assert ana["notes"] == "fast clock 2"
    assert history_values(ana, "notes") == ["slow clock 2"]
    assert names(doc) == ["Ana Ruiz", "Ben Fast", "Cy Slow"]
    assert summaries(doc) == ["logged on the fast machine", "logged on the slow machine"]

    b.run("edit", "ana", "--notes", "slow clock 3, after seeing fast clock 2")
    sync_pair.wait()
    for side in (a, b):
        assert by_name(side.doc(), "Ana Ruiz")["notes"] == "slow clock 3, after seeing fast clock 2"

    # Now a's clock is three days behind.
    a.clock_offset = -3 * 86400
    go_offline(sync_pair)
    a.run("edit", "ana", "--notes", "behind clock 1")  # edits b's latest version
    a.run("log", "ana", "logged on the machine days behind")
    a.run("add", "Dee Behind")
    b.run("log", "cy", "logged on b meanwhile")
    go_online(sync_pair)
    settle(sync_pair, a, b)
    doc = assert_converged(sync_pair, a, b)
    assert by_name(doc, "Ana Ruiz")["notes"] == "behind clock 1"
    assert names(doc) == ["Ana Ruiz", "Ben Fast", "Cy Slow", "Dee Behind"]
    assert summaries(doc) == [
        "logged on b meanwhile",
        "logged on the fast machine",
        "logged on the machine days behind",
        "logged on the slow machine",
    ]
    # Seen from the machine days behind, the other's stamps are in the future.
    report = a.json("check")
    assert report["sound"] is True
    assert report["future"], report


# -- 7. a journal replaced by an older copy


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_restoring_an_older_copy_loses_nothing_and_revives_nothing(
    sync_pair: SyncPair, sides: tuple[Side, Side], tmp_path: Path, online: bool
) -> None:
    a, b = sides
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("add", "Ben Okafor", "--every", "1w")
    a.run("log", "ana", "First call")
    sync_pair.wait()
    old = tmp_path / "old-journal.json"
    shutil.copy2(a.journal, old)  # the user's copy from that day

    a.run("delete", "ben")
    a.run("log", "ana", "Second call, after the copy")
    b.run("add", "Chloé Martin")
    b.run("log", "chloé", "Met after the copy")
    sync_pair.wait()
    newer = records(a.doc())

    if not online:
        go_offline(sync_pair)
        b.run("edit", "ana", "--notes", "edited on b while a was offline")
    shutil.copy2(old, a.journal)  # restored from the backup, with its old mtime
    a.run("list")
    if not online:
        go_online(sync_pair)
    settle(sync_pair, a, b)

    doc = assert_converged(sync_pair, a, b)
    assert names(doc) == ["Ana Ruiz", "Chloé Martin"], "a deletion came back or a record was lost"
    assert by_name(doc, "Ben Okafor")["deleted"] is True
    assert summaries(doc) == ["First call", "Met after the copy", "Second call, after the copy"]
    for table, recs in newer.items():
        for rid, record in recs.items():
            assert rid in records(doc)[table], f"{table}/{rid} was lost"
            now = records(doc)[table][rid]
            assert now["updated_at"] >= record["updated_at"], f"{table}/{rid} went back in time"
    if not online:
        assert by_name(doc, "Ana Ruiz")["notes"] == "edited on b while a was offline"
    for side in (a, b):
        assert [p["name"] for p in side.json("list")] == ["Ana Ruiz", "Chloé Martin"]


# -- 4b. two machines that each started a journal before their first sync


def test_two_journals_started_apart_end_as_one_with_nothing_lost(
    sync_pair: SyncPair, sides: tuple[Side, Side]
) -> None:
    """Both machines were set up before the folder first synced, so each
    started its own journal (two journal ids) at the same path. Syncthing
    keeps one file and leaves the other as a conflicted copy."""
    a, b = sides
    go_offline(sync_pair)
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("log", "ana", "Started on a")
    b.run("add", "Ben Okafor", "--every", "1w")
    b.run("log", "ben", "Started on b")
    go_online(sync_pair)
    sync_pair.wait()
    wait_for(lambda: any(sync_pair.conflicts().values()))
    sync_pair.wait()

    # Each machine's next command: the one whose file was replaced says so
    # and brings back what it wrote; the copy is named with what to do.
    ra, rb = a.run("list"), b.run("list")
    said = ra.stderr + rb.stderr
    assert "now holds a different journal" in said
    assert "sj merge --adopt" in said
    sync_pair.wait()
    copies = [side.journal.parent / c for side in (a, b) for c in sync_pair.conflicts()[side.name]]
    assert copies, "the conflicted copy vanished before it was adopted"
    adopter = a if copies[0].parent == a.journal.parent else b
    adopter.run("merge", "--adopt", str(copies[0]))
    settle(sync_pair, a, b)
    settle(sync_pair, a, b)

    doc = assert_converged(sync_pair, a, b)
    assert names(doc) == ["Ana Ruiz", "Ben Okafor"]
    assert summaries(doc) == ["Started on a", "Started on b"]
    for side in (a, b):
        assert side.run("check").returncode == 0
        assert "different journal" not in side.run("list").stderr


# -- 5. the terminal app open on one side


def test_the_open_app_shows_the_other_machines_contacts_and_keeps_a_form(
    sync_pair: SyncPair, sides: tuple[Side, Side], monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from journal.clock import Clock
    from journal.journal import Journal
    from journal.paths import LocalDirs
    from tui.app import StakeholderJournalApp
    from tui.app.config import Settings
    from tui.app.screens.form import FormScreen
    from tui.app.widgets.stakeholders import StakeholderList

    a, b = sides
    a.run("add", "Ana Ruiz", "--every", "2w")
    a.run("log", "ana", "--on", "3w ago", "An old call")
    sync_pair.wait()
    # This process is machine b: its folders, its device id, its clock.
    for name, value in b.env().items():
        if name.startswith(("SJ_", "XDG_")):
            monkeypatch.setenv(name, value)
    dirs = LocalDirs.default()
    assert dirs.state.is_relative_to(b.home)
    journal = Journal.open(b.journal, clock=Clock.from_env(), dirs=dirs)
    app = StakeholderJournalApp(journal, settings=Settings(path=b.home / "config.toml"))

    def shown() -> dict[str, str | None]:
        rows = app.main.query_one(StakeholderList).items
        return {row.info.name: row.info.last_contact for row in rows}

    async def drive() -> float:
        async with app.run_test(size=(120, 40)) as pilot:
            assert shown() == {"Ana Ruiz": "2026-11-07"}
            await pilot.press("a")  # the add-stakeholder form, left half typed
            await pilot.pause()
            assert isinstance(app.screen, FormScreen)
            await pilot.press(*"Zoe Fro")
            form = app.screen

            await asyncio.to_thread(a.run, "log", "ana", "Call logged on a")
            await asyncio.to_thread(a.run, "add", "Ben From A")
            t0 = time.monotonic()
            while shown() != {"Ana Ruiz": TODAY, "Ben From A": None}:
                assert time.monotonic() - t0 < 10, f"the app still shows {shown()}"
                await pilot.pause(0.1)
            delay = time.monotonic() - t0

            assert app.screen is form, "the form was closed by the reload"
            await pilot.press(*"m B")
            assert app.screen.query_one("#name").value == "Zoe From B"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, FormScreen)
            assert not journal.unsaved and app.sync_state == "saved"
            assert "Zoe From B" in shown()
            await pilot.press("q")
            return delay

    delay = asyncio.run(drive())
    print(f"\na's sj log -> shown in the app on b: {delay:.2f}s")
    sync_pair.wait()
    doc = assert_converged(sync_pair, a, b)
    assert names(doc) == ["Ana Ruiz", "Ben From A", "Zoe From B"]
    assert summaries(doc) == ["An old call", "Call logged on a"]
    assert [p["name"] for p in a.json("list")] == ["Ana Ruiz", "Ben From A", "Zoe From B"]

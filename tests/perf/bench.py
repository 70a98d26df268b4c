"""Benchmark of the journal on a large generated file. A script, not a test:

    python tests/perf/bench.py [--quick] [--runs N]

It writes the large journal once (``sj sample``: 500 stakeholders, 50,000
contacts) into a temporary folder, then measures each figure against a floor
measured in the same run, on the same file, as the median of several runs,
and prints one table row per figure with its target and PASS or FAIL.

Every child process gets SJ_TODAY and XDG folders inside the temporary
folder, so nothing here touches the real home.

Adding a figure is one function: decorate it with ``@measure``; it receives
the :class:`Bench` and returns :class:`Row` objects. The exit status is 1
when a figure misses its target. The name does not start with ``test_``, so
pytest never collects it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
for _folder in (REPO, Path(__file__).resolve().parent):  # the project, app_child.py
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import orjson  # noqa: E402

from journal import document as storage  # noqa: E402
from journal.clock import Clock  # noqa: E402
from journal.document import DUMP_OPTIONS  # noqa: E402
from journal.journal import Journal  # noqa: E402
from journal.paths import LocalDirs  # noqa: E402
from journal.records import TABLE_STAKEHOLDERS, Interaction  # noqa: E402

TODAY = "2026-11-28"
STAKEHOLDERS = 500
INTERACTIONS = 50_000

#: The child processes of the app figures (see its docstring).
APP_CHILD = Path(__file__).resolve().with_name("app_child.py")

#: What the search figures look for: words of the sample's text, a phrase,
#: and a name typed letter by letter (each prefix a search, as in the app).
SEARCHES = {
    "one word": "caribou",
    "two words": "caribou data",
    "a phrase": '"field data"',
    "a word found nowhere": "zeppelin",
}
TYPED = "moose permits"

#: The process every ``sj`` run is compared with: it only parses the file.
PARSE_ONLY = "import sys, orjson; orjson.loads(open(sys.argv[1], 'rb').read())"


@dataclass
class Row:
    """One line of the table.

    ``value`` and ``floor`` are in ``unit`` (s, ms, MB). With a floor the
    target is a ratio (``value / floor <= target``); without one the target is
    an absolute bound in ``unit``."""

    name: str
    value: float
    unit: str
    target: float
    floor: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.floor is None else self.value / self.floor

    @property
    def passed(self) -> bool:
        measured = self.ratio if self.ratio is not None else self.value
        return measured <= self.target


@dataclass
class ChildRun:
    seconds: float  # wall time, start to exit
    cpu: float  # user + system seconds
    max_rss_kb: int


@dataclass
class Bench:
    folder: Path
    journal: Path
    runs: int
    saves: int
    env: dict[str, str]
    _children: dict[str, list[ChildRun]] = field(default_factory=dict)

    def command(self, name: str) -> list[str]:
        """The child processes that are compared, by name."""
        path = str(self.journal)
        script = Path(sys.executable).parent / "sj"
        return {
            "parse-only": [sys.executable, "-c", PARSE_ONLY, path],
            "python -m tui.cli": [sys.executable, "-m", "tui.cli", "--file", path, "due"],
            "sj script": [str(script), "--file", path, "due"],
            "sj reach-out": [sys.executable, "-m", "tui.cli", "--file", path, "reach-out"],
            "sj search": [
                *(sys.executable, "-m", "tui.cli", "--file", path, "search"),
                *SEARCHES["two words"].split(),
            ],
            "app first frame": [sys.executable, str(APP_CHILD), "app", path],
            "bare app + parse": [sys.executable, str(APP_CHILD), "bare", path],
        }[name]

    @property
    def due_variants(self) -> list[str]:
        """The ways of starting ``sj due`` that are compared."""
        names = ["python -m tui.cli"]
        if Path(self.command("sj script")[0]).exists():
            names.append("sj script")
        return names

    @property
    def child_names(self) -> list[str]:
        return [
            "parse-only",
            *self.due_variants,
            "sj reach-out",
            "sj search",
            "app first frame",
            "bare app + parse",
        ]

    def children(self, name: str) -> list[ChildRun]:
        """``runs`` fresh runs of one child, each with its wall time, CPU time
        and its own peak memory. The compared children run interleaved (a
        load spike on a shared machine then hits all of them), after one
        unmeasured warm-up each (page cache, .pyc files); cached for the run."""
        if not self._children:
            names = self.child_names
            for other in names:
                run_child(self.command(other), self.env)
            self._children = {other: [] for other in names}
            for _ in range(self.runs):
                for other in names:
                    self._children[other].append(run_child(self.command(other), self.env))
        return self._children[name]

    def sj_due_variant(self) -> str:
        """The way of starting ``sj due`` with the lower startup time."""
        variants = self.due_variants
        return min(variants, key=lambda v: median(c.seconds for c in self.children(v)))

    def open_journal(self) -> Journal:
        dirs = LocalDirs.under(self.folder / "bench-machine")
        return Journal.open(self.journal, dirs=dirs, clock=Clock.from_env(self.env))


#: The helper that starts every child (see :class:`Spawner`).
_SPAWNER: Spawner | None = None


class Spawner:
    """A small process, started before this one grows, that starts the
    children and reports their rusage.

    On Linux a process's peak memory (ru_maxrss) starts at its parent's peak
    when it execs, so a child started from this process after the in-process
    figures (several parsed journals) would report this process's memory,
    not its own."""

    CODE = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    request = json.loads(line)
    start = time.perf_counter()
    child = subprocess.Popen(
        request["command"], env=request["env"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    err = child.stderr.read().decode(errors="replace")
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    reply = {"seconds": seconds, "cpu": cpu, "rss": usage.ru_maxrss, "code": code, "err": err}
    print(json.dumps(reply), flush=True)
"""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, command: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(orjson.dumps({"command": list(command), "env": env}).decode())
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return orjson.loads(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


def run_child(command: Sequence[str], env: dict[str, str]) -> ChildRun:
    """Run a child to its end; its wall time and peak RSS (that child's own
    rusage, from wait4, not the maximum over every child so far), started by
    the :class:`Spawner` when there is one."""
    if _SPAWNER is not None:
        reply = _SPAWNER.run(command, env)
        if reply["code"] != 0:
            raise SystemExit(f"{' '.join(command)} failed ({reply['code']}): {reply['err']}")
        return ChildRun(reply["seconds"], reply["cpu"], reply["rss"])
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {err}")
    # ru_maxrss is in KiB on Linux.
    return ChildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median(values) -> float:
    return statistics.median(list(values))


# -- the measures

MEASURES: list[Callable[[Bench], list[Row]]] = []


def measure(function: Callable[[Bench], list[Row]]) -> Callable[[Bench], list[Row]]:
    MEASURES.append(function)
    return function


@measure
def due_process_time(bench: Bench) -> list[Row]:
    """`sj due` as a whole process vs a process that only parses the file."""
    floor = median(c.seconds for c in bench.children("parse-only"))
    best = bench.sj_due_variant()
    rows = []
    for variant in bench.due_variants:
        value = median(c.seconds for c in bench.children(variant))
        note = "" if variant == best else ", not used"
        rows.append(Row(f"sj due, wall time ({variant}{note})", value, "s", 1.6, floor=floor))
    # CPU time is steadier than wall time on a shared machine.
    cpu_floor = median(c.cpu for c in bench.children("parse-only"))
    cpu = median(c.cpu for c in bench.children(best))
    rows.append(Row(f"sj due, CPU time user+sys ({best})", cpu, "s", 1.6, floor=cpu_floor))
    return rows


@measure
def due_process_memory(bench: Bench) -> list[Row]:
    """Peak memory of `sj due` vs a process that only parses the file."""
    floor = median(c.max_rss_kb for c in bench.children("parse-only")) / 1024
    best = bench.sj_due_variant()
    value = median(c.max_rss_kb for c in bench.children(best)) / 1024
    return [Row(f"sj due, peak memory ({best})", value, "MB", 1.3, floor=floor)]


def orjson_atomic_rewrite(path: Path, document: dict) -> None:
    """The floor for a save: dump with the journal's options, temp file in the
    same folder, fsync, os.replace, fsync of the folder."""
    payload = orjson.dumps(document, option=DUMP_OPTIONS)
    tmp = path.parent / f".bench-{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


@measure
def one_save(bench: Bench) -> list[Row]:
    """One interaction added and saved in a running process vs an orjson
    atomic rewrite of the same file."""
    journal = bench.open_journal()
    ids = [r["id"] for r in journal.records(TABLE_STAKEHOLDERS)]
    # The floor rewrites a copy of the same bytes in the same folder, so the
    # journal's own file is only ever written by the journal.
    twin = bench.journal.with_name("floor.json")
    twin.write_bytes(bench.journal.read_bytes())
    saves, floors = [], []

    def save(i: int) -> None:
        entry = Interaction(
            date=TODAY, stakeholders=[ids[i % len(ids)]], channel="call", summary=f"Bench {i}"
        )
        start = time.perf_counter()
        journal.add(entry)
        saves.append(time.perf_counter() - start)

    def rewrite() -> None:
        start = time.perf_counter()
        orjson_atomic_rewrite(twin, journal.storage.document)
        floors.append(time.perf_counter() - start)

    save(-1)  # the first add also builds the id index: not a typical save
    saves.clear()
    for i in range(bench.saves):
        # Alternate which goes first, so the writeback of one file's pages
        # does not always land on the same side.
        if i % 2:
            rewrite()
            save(i)
        else:
            save(i)
            rewrite()
    twin.unlink()
    return [Row("one saved interaction (journal.add)", median(saves), "s", 1.5, median(floors))]


@measure
def import_contacts(bench: Bench) -> list[Row]:
    """5,000 contacts from a vCard file imported into the large journal:
    ``sj import`` as a whole process vs ``sj log`` (one contact logged and
    saved) on the same journal, each on a fresh copy with a machine of its
    own: a command that imports should take about the time of one that
    saves once. The note says where the import's time goes, in process
    (see import_figure.py)."""
    from import_figure import PHASES, time_import

    runs = bench.runs
    phases, floors, summary = time_import(bench.journal, bench.folder, bench.env, runs)
    vcf = bench.folder / "contacts-5000.vcf"
    someone = next(iter(bench.open_journal().records(TABLE_STAKEHOLDERS)))["id"]
    commands = {
        "log": ["log", someone, "Bench call about the survey"],
        "import": ["import", str(vcf)],
    }
    process: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs + 1):  # the first run warms the page cache
        for name, words in commands.items():
            copy = bench.folder / f"process-{name}-{run}.json"
            copy.write_bytes(bench.journal.read_bytes())
            os.sync()  # the copy's writeback is not the child's to wait for
            env = child_env(bench.folder / f"process-{name}-{run}")
            env["PYTHONPYCACHEPREFIX"] = bench.env["PYTHONPYCACHEPREFIX"]
            child = run_child([sys.executable, "-m", "tui.cli", "--file", str(copy), *words], env)
            if run:
                process[name].append(child.seconds)
            copy.unlink()
    spent = ", ".join(f"{name} {median(phases[name]) * 1000:.0f} ms" for name in PHASES)
    return [
        Row(
            "sj import of 5,000 vCard contacts, whole process",
            median(process["import"]),
            "s",
            1.5,
            median(process["log"]),
            note=(
                "floor: sj log (one contact logged and saved), whole process, same journal; "
                f"{summary}; in process: {spent}, one saved change alone "
                f"{median(floors) * 1000:.0f} ms"
            ),
        ),
    ]


@measure
def search_by_stakeholder(bench: Bench) -> list[Row]:
    """The indexes every screen reads, built once when a journal is loaded
    (the app does it before its first frame; a command builds what it needs),
    against the parse of the same bytes in this process; then a stakeholder's
    contacts and cadence looked up, after load."""
    from journal.document import loads

    journal = bench.open_journal()
    storage, clock = journal.storage, journal.clock
    payload = bench.journal.read_bytes()
    ids = [r["id"] for r in journal.records(TABLE_STAKEHOLDERS)]

    def lookup(j: Journal, sid: str) -> None:
        entries = j.interactions_of(sid)
        info = next(i for i in j.cadence() if i.id == sid)
        assert entries is not None and info.id == sid

    parse, build, search = [], [], []
    for run in range(bench.runs):
        start = time.perf_counter()
        loads(payload)
        parse.append(time.perf_counter() - start)
        fresh = Journal(storage, clock)  # same parsed document, no index yet
        start = time.perf_counter()
        fresh.build_indexes()
        build.append(time.perf_counter() - start)
        for sid in ids[run : run + 21]:
            start = time.perf_counter()
            lookup(fresh, sid)
            search.append(time.perf_counter() - start)
    return [
        Row(
            "indexes built at load (Journal.build_indexes)",
            median(build) * 1000,
            "ms",
            1.0,
            floor=median(parse) * 1000,
            note="floor: parsing the same bytes in this process (journal.document.loads); "
            "the target: building every index costs less than the parse it follows",
        ),
        Row("search by stakeholder, after load", median(search) * 1000, "ms", 5.0),
    ]


@measure
def today_process_time(bench: Bench) -> list[Row]:
    """`sj reach-out` as a whole process vs a process that only parses the file."""
    floor = median(c.seconds for c in bench.children("parse-only"))
    value = median(c.seconds for c in bench.children("sj reach-out"))
    return [Row("sj reach-out, wall time (python -m tui.cli)", value, "s", 1.7, floor=floor)]


@measure
def coaching_data(bench: Bench) -> list[Row]:
    """The data of the coaching screens, in-process after the file is loaded
    (indexes built, as the app does at start): the first call on a fresh
    Journal (nothing cached but the indexes), and later calls."""
    from journal.contact_review import review_month, review_range
    from journal.reach_out import reach_out_today
    from journal.stakeholder_map import build_map

    journal = bench.open_journal()
    storage, clock = journal.storage, journal.clock
    today = journal.today()
    month = today.strftime("%Y-%m")
    year_start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    cases: list[tuple[str, Callable[[Journal], object]]] = [
        (f"review of a month ({month})", lambda j: review_month(j, month)),
        (
            f"review of a year ({year_start} to {today})",
            lambda j: review_range(j, year_start, today),
        ),
        ("stakeholder map (build_map)", build_map),
        ("reach out today (reach_out_today)", reach_out_today),
    ]
    rows = []
    for name, call in cases:
        cold, warm = [], []
        for _ in range(bench.runs):
            fresh = Journal(storage, clock)
            fresh.build_indexes()
            start = time.perf_counter()
            call(fresh)
            cold.append(time.perf_counter() - start)
            for _ in range(3):
                start = time.perf_counter()
                call(fresh)
                warm.append(time.perf_counter() - start)
        rows.append(Row(f"{name}, first call after load", median(cold) * 1000, "ms", 50.0))
        rows.append(Row(f"{name}, warm", median(warm) * 1000, "ms", 50.0))
    return rows


@measure
def search_process_time(bench: Bench) -> list[Row]:
    """`sj search` as a whole process vs `sj due` in the same run: the cost
    should be the load, not the search."""
    due = bench.children("python -m tui.cli")
    found = bench.children("sj search")
    query = SEARCHES["two words"]
    return [
        Row(
            f"sj search {query}, wall time (python -m tui.cli)",
            median(c.seconds for c in found),
            "s",
            1.3,
            floor=median(c.seconds for c in due),
            note="floor: sj due, the same way started, in the same run",
        ),
        Row(
            f"sj search {query}, CPU time user+sys",
            median(c.cpu for c in found),
            "s",
            1.3,
            floor=median(c.cpu for c in due),
        ),
    ]


@measure
def search_in_process(bench: Bench) -> list[Row]:
    """Searches in-process after load (indexes built, as the app does at
    start), the 200 newest results as the app's search screen lists them:
    the first query once the text is folded (the app folds it in a worker
    after its first frame), the first query after logging an entry (only
    what changed is folded again), each keystroke of a word typed letter by
    letter, and, for the record, a query before anything is folded."""
    from journal.records import Interaction
    from journal.search import search
    from journal.search_index import index_of

    journal = bench.open_journal()
    storage, clock = journal.storage, journal.clock
    shown = 200

    def fresh() -> Journal:
        other = Journal(storage, clock)
        other.build_indexes()
        return other

    def timed(j: Journal, query: str) -> float:
        start = time.perf_counter()
        search(j, query, limit=shown)
        return time.perf_counter() - start

    def folded(j: Journal) -> float:
        start = time.perf_counter()
        index_of(j).build()
        return time.perf_counter() - start

    def log_one(j: Journal) -> None:
        someone = j.interactions_of(None)[0]["stakeholders"][0]
        entry = Interaction(date=TODAY, stakeholders=[someone], summary="Bench entry")
        j.add(entry, save=False)

    rows = []
    folds, cold = [], {name: [] for name in SEARCHES}
    for name, query in SEARCHES.items():
        first, after_log = [], []
        for _ in range(bench.runs):
            j = fresh()
            cold[name].append(timed(j, query))
            j = fresh()
            folds.append(folded(j))
            first.append(timed(j, query))
            log_one(j)
            after_log.append(timed(j, query))
        rows.append(
            Row(f"search, {name}, first query after load", median(first) * 1000, "ms", 30.0)
        )
        rows.append(
            Row(
                f"search, {name}, first query after logging an entry",
                median(after_log) * 1000,
                "ms",
                30.0,
            )
        )
    keys = []
    for _ in range(bench.runs):
        j = fresh()
        folds.append(folded(j))
        gc.collect()  # the journals of the figures before: not this search's garbage
        keys.extend(timed(j, TYPED[:n]) for n in range(1, len(TYPED) + 1))
    rows.append(
        Row(
            f"search as you type {TYPED!r}, slowest key",
            max(keys) * 1000,
            "ms",
            30.0,
            note=f"median {median(keys) * 1000:.1f} ms a key",
        )
    )
    text_mb = (
        sum(
            len(b.text or "") + b.starts.itemsize * len(b.starts)
            for plan in index_of(j)._blocks.values()
            for b in plan
        )
        / 2**20
    )
    rows.append(
        Row(
            "search, folding the whole journal (in the app's worker, after the first frame)",
            median(folds) * 1000,
            "ms",
            1000.0,
            note=f"the folded text takes {text_mb:.1f} MB; before it is folded, a query "
            "folds as far as it reaches: "
            + ", ".join(f"{n} {median(v) * 1000:.0f} ms" for n, v in cold.items()),
        )
    )
    return rows


@measure
def app_search_memory(bench: Bench) -> list[Row]:
    """Resident memory of the app after a hundred searches on its search
    screen vs the same app before it searched, and each key of a query
    typed on that screen, from its key event to the frame that shows its
    results (tests/perf/app_child.py searches)."""
    copy = bench.folder / "searches.json"
    copy.write_bytes(bench.journal.read_bytes())
    out = bench.folder / "searches.out"
    env = child_env(bench.folder / "searches")
    env["PYTHONPYCACHEPREFIX"] = bench.env["PYTHONPYCACHEPREFIX"]
    run_child([sys.executable, str(APP_CHILD), "searches", str(copy), str(out)], env)
    values = orjson.loads(out.read_bytes())
    copy.unlink()
    keys = values["keys_ms"]
    return [
        Row(
            "app, resident memory after 100 searches",
            values["after"],
            "MB",
            1.1,
            floor=values["before"],
            note="floor: the same app before any search (its text folded for search)",
        ),
        Row(
            f"app, search screen, typing {TYPED!r}: key to the frame of its results, slowest",
            max(keys),
            "ms",
            30.0,
            note=f"median {median(keys):.1f} ms a key (headless, each frame rendered)",
        ),
    ]


@measure
def app_first_frame(bench: Bench) -> list[Row]:
    """From spawning `sj` (the app) to its first frame showing the overdue
    stakeholders, vs spawning a process that starts a bare Textual app to its
    first frame and parses the file with orjson (tests/perf/app_child.py)."""
    floor = median(c.seconds for c in bench.children("bare app + parse"))
    value = median(c.seconds for c in bench.children("app first frame"))
    return [Row("app, process start to the overdue shown", value, "s", 1.5, floor=floor)]


@measure
def app_memory(bench: Bench) -> list[Row]:
    """Peak memory (the child's own ru_maxrss) of the app on the large
    journal: at its first frame, and after a short session on a copy of the
    file (moves, every entry shown, one contact logged and saved)."""
    parse = median(c.max_rss_kb for c in bench.children("parse-only")) / 1024
    bare = median(c.max_rss_kb for c in bench.children("bare app + parse")) / 1024
    floors = f"floors: parse-only {parse:.0f} MB, bare Textual app + parse {bare:.0f} MB"
    start = median(c.max_rss_kb for c in bench.children("app first frame")) / 1024
    session = []
    for run in range(min(bench.runs, 3)):
        # Each run on a fresh copy, with the local folders of a machine that
        # has not saved this journal before: otherwise the copy lacks the
        # previous run's save, and the app rightly reads that machine's
        # safety copy to merge it back (a second document in memory).
        copy = bench.folder / f"session-{run}.json"
        copy.write_bytes(bench.journal.read_bytes())
        env = child_env(bench.folder / f"session-{run}")
        env["PYTHONPYCACHEPREFIX"] = bench.env["PYTHONPYCACHEPREFIX"]
        command = [sys.executable, str(APP_CHILD), "session", str(copy)]
        session.append(run_child(command, env))
        copy.unlink()
    used = median(c.max_rss_kb for c in session) / 1024
    return [
        Row("app, peak memory at the first frame", start, "MB", 300, note=floors),
        Row("app, peak memory after a session with a save", used, "MB", 300, note=floors),
    ]


@measure
def app_reloads(bench: Bench) -> list[Row]:
    """The app left open for days: resident memory after 80 reloads of
    another machine's version vs after the 10th (tests/perf/app_child.py
    reloads). Memory that grows with each reload grows without end. About
    two minutes a run: one run with --quick, two otherwise."""
    values = []
    for run in range(1 if bench.runs <= 3 else 2):
        copy = bench.folder / f"reloads-{run}.json"
        copy.write_bytes(bench.journal.read_bytes())
        out = bench.folder / f"reloads-{run}.out"
        env = child_env(bench.folder / f"reloads-{run}")
        env["PYTHONPYCACHEPREFIX"] = bench.env["PYTHONPYCACHEPREFIX"]
        run_child([sys.executable, str(APP_CHILD), "reloads", str(copy), str(out)], env)
        values.append(orjson.loads(out.read_bytes()))
        copy.unlink()
    after_10 = median(v["10"] for v in values)
    after_80 = median(v["80"] for v in values)
    return [
        Row(
            "app, resident memory after 80 reloads",
            after_80,
            "MB",
            1.03,
            floor=after_10,
            note="floor: after the 10th reload, in the same app",
        )
    ]


async def _app_latencies(bench: Bench, prefixes: list[str], moves: int) -> dict[str, list]:
    """Key-to-frame latencies in the app (Pilot, in this process).

    A keystroke's latency runs from just before Pilot sends the key to the
    first frame (``App._display``, then the frame turned into what a terminal
    driver would write) in which the changed list is drawn: the
    stakeholder list for the filter, the journal pane's entries for a move.
    Nothing is subtracted: that includes Textual's wait for its next frame
    tick (it paces frames at 60 per second, and a second frame within one
    keystroke comes 17 to 33 ms after the first). ``work`` is the part until
    the pane's refresh method returned (the rest is that wait and the render)."""
    from app_child import SIZE, FrameHook

    from tui.app import app as app_module
    from tui.app.config import Settings

    base = app_module.StakeholderJournalApp
    folder = Path(app_module.__file__).parent
    frames: list[tuple[float, object, object]] = []
    lists: list = []

    class TimedApp(FrameHook, base):
        CSS_PATH = [folder / name for name in base.CSS_PATH]  # noqa: RUF012

        def frame_shown(self, renderable: Any) -> None:
            if lists:
                # What a terminal driver does with a frame (the headless one skips it).
                renderable.render_segments(self.console)
                frames.append((time.perf_counter(), lists[0].items, lists[1].items))

    settings = Settings(path=bench.folder / "bench-config" / "config.toml")
    app = TimedApp(bench.open_journal(), settings=settings)
    out: dict[str, list] = {"filter": [], "filter work": [], "move": [], "move work": []}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main
        pane = main.stakeholders
        lists.extend([pane.list, main.journal_pane.list])
        finished: list[float] = []

        def timed(owner: object, name: str) -> None:
            method = getattr(owner, name)

            def wrapper(*args: object, **kwargs: object) -> object:
                result = method(*args, **kwargs)
                finished.append(time.perf_counter())
                return result

            setattr(owner, name, wrapper)

        timed(pane, "apply_view")
        timed(main, "refresh_journal")

        async def press(key: str, which: int, name: str) -> None:
            before = lists[which].items
            frames.clear()
            finished.clear()
            start = time.perf_counter()
            await pilot.press(key)
            for _ in range(100):
                shown = [f[0] for f in frames if f[1 + which] is not before]
                if shown:
                    break
                await asyncio.sleep(0.01)
            else:
                raise SystemExit(f"no frame showed the change after pressing {key}")
            out[name].append(shown[0] - start)
            out[f"{name} work"].append(finished[0] - start)

        await pilot.press("slash")
        for prefix in prefixes:
            for char in prefix:
                await press(char, 0, "filter")
            for _ in prefix:
                await press("backspace", 0, "filter")
        await pilot.press("enter")  # the filter is empty again: back to the list
        assert pane.list.has_focus and len(pane.list.items) == STAKEHOLDERS
        await pilot.press("home")  # the most overdue first, then down the list
        for _ in range(moves):
            await press("down", 1, "move")
        frames.clear()
        lists.clear()
    return out


@measure
def app_keystrokes(bench: Bench) -> list[Row]:
    """One keystroke in the stakeholder filter, and one move to the next
    stakeholder (the journal pane shows their entries), to the frame that
    shows the result, on the large journal (see :func:`_app_latencies`)."""
    gc.collect()  # the journals of the figures before: not this app's garbage
    journal = bench.open_journal()
    names = sorted(str(r.get("name", "")).casefold() for r in journal.records(TABLE_STAKEHOLDERS))
    del journal
    usable = [n[:3] for n in names if len(n) >= 3 and n[:3].isascii() and n[:3].isalpha()]
    count = 5 if bench.runs <= 3 else 10
    step = max(1, len(usable) // count)
    prefixes = usable[::step][:count]
    out = asyncio.run(_app_latencies(bench, prefixes, moves=8 * count // 2))

    def ms(values: list[float]) -> float:
        return median(values) * 1000

    def note(name: str) -> str:
        values = sorted(out[name])
        p90 = values[int(len(values) * 0.9)] * 1000
        return (
            f"{len(values)} keys; p90 {p90:.1f} ms; until the pane's refresh returned: "
            f"median {ms(out[name + ' work']):.1f} ms; the rest is the wait for a frame and its render"
        )

    return [
        Row(
            "app, a filter keystroke to its frame",
            ms(out["filter"]),
            "ms",
            30.0,
            note=note("filter"),
        ),
        Row(
            "app, next stakeholder to the journal frame",
            ms(out["move"]),
            "ms",
            50.0,
            note=note("move"),
        ),
    ]


# -- running


def make_journal(folder: Path, env: dict[str, str]) -> Path:
    path = folder / "big.json"
    command = [sys.executable, "-m", "tui.cli", "sample", "--stakeholders", str(STAKEHOLDERS)]
    command += ["--interactions", str(INTERACTIONS), "--seed", "1", "-o", str(path)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return path


def child_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SJ_", "XDG_"))}
    env["SJ_TODAY"] = TODAY
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        env[f"XDG_{name}_HOME"] = str(folder / "xdg" / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    # Measure what an installed sj costs: with compiled bytecode (kept in the
    # temporary folder, so the checkout stays clean), even where the shell
    # sets PYTHONDONTWRITEBYTECODE.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.0f} {unit}"


def print_table(rows: list[Row]) -> None:
    header = ["measure", "value", "floor", "ratio", "target", "result"]
    lines = []
    for row in rows:
        if row.floor is None:
            ratio, target = "", f"<= {fmt(row.target, row.unit)}"
            floor = ""
        else:
            ratio, target = f"{row.ratio:.2f}x", f"<= {row.target:.1f}x"
            floor = fmt(row.floor, row.unit)
        result = "PASS" if row.passed else "FAIL"
        lines.append([row.name, fmt(row.value, row.unit), floor, ratio, target, result])
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *lines]:
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))
    notes = [row for row in rows if row.note]
    if notes:
        print()
    for row in notes:
        print(f"{row.name}: {row.note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (3), fewer saves")
    parser.add_argument("--runs", type=int, help="runs per figure (default 7, 3 with --quick)")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="only the figures whose function name holds one of these words (comma-separated)",
    )
    args = parser.parse_args(argv)
    wanted = [w.strip() for w in (args.only or "").split(",") if w.strip()]
    measures = [m for m in MEASURES if not wanted or any(w in m.__name__ for w in wanted)]
    if not measures:
        parser.error(f"no figure's function name holds {args.only!r}")
    runs = args.runs or (3 if args.quick else 7)
    global _SPAWNER
    _SPAWNER = Spawner()  # first, while this process is small
    with tempfile.TemporaryDirectory(prefix="sj-bench-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        os.environ.update({k: env[k] for k in env if k.startswith(("SJ_", "XDG_"))})
        storage.FREEZE_PARSED = True  # as in `sj` (tui.cli.run)
        start = time.perf_counter()
        journal = make_journal(folder, env)
        made = time.perf_counter() - start
        bench = Bench(folder, journal, runs=runs, saves=5 if args.quick else 15, env=env)
        size = journal.stat().st_size
        print(
            f"journal: {STAKEHOLDERS} stakeholders, {INTERACTIONS:,} interactions, "
            f"{size / 1e6:.1f} MB ({size:,} bytes), written by `sj sample` in {made:.1f} s"
        )
        print(
            f"python {sys.version.split()[0]}, {runs} runs per figure (median), "
            f"{bench.saves} saves; {dt.date.today()}"
        )
        rows: list[Row] = []
        for function in measures:
            rows.extend(function(bench))
        print(
            f"sj due started as: {bench.sj_due_variant()} (the lower startup time); "
            f"bytecode cached under the temporary folder"
        )
        print()
        print_table(rows)
    _SPAWNER.close()
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

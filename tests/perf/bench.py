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
import datetime as dt
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

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import orjson  # noqa: E402

from journal.clock import Clock  # noqa: E402
from journal.journal import Journal  # noqa: E402
from journal.paths import LocalDirs  # noqa: E402
from journal.records import TABLE_STAKEHOLDERS, Interaction  # noqa: E402
from journal.storage import DUMP_OPTIONS  # noqa: E402

TODAY = "2026-11-28"
STAKEHOLDERS = 500
INTERACTIONS = 50_000

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
        }[name]

    @property
    def child_names(self) -> list[str]:
        names = ["parse-only", "python -m tui.cli"]
        if Path(self.command("sj script")[0]).exists():
            names.append("sj script")
        return names

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
        variants = [n for n in self.child_names if n != "parse-only"]
        return min(variants, key=lambda v: median(c.seconds for c in self.children(v)))

    def open_journal(self) -> Journal:
        dirs = LocalDirs.under(self.folder / "bench-machine")
        return Journal.open(self.journal, dirs=dirs, clock=Clock.from_env(self.env))


def run_child(command: Sequence[str], env: dict[str, str]) -> ChildRun:
    """Run a child to its end; its wall time and peak RSS (that child's own
    rusage, from wait4, not the maximum over every child so far)."""
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
    for variant in bench.child_names[1:]:
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
    payload = orjson.dumps(document, option=DUMP_OPTIONS) + b"\n"
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
def search_by_stakeholder(bench: Bench) -> list[Row]:
    """A stakeholder's contacts and cadence after the file is loaded: the
    first call (indexes built) and later calls."""
    journal = bench.open_journal()
    storage, clock = journal.storage, journal.clock
    ids = [r["id"] for r in journal.records(TABLE_STAKEHOLDERS)]

    def lookup(j: Journal, sid: str) -> None:
        entries = j.interactions_of(sid)
        info = next(i for i in j.cadence() if i.id == sid)
        assert entries is not None and info.id == sid

    cold, warm = [], []
    for run in range(bench.runs):
        fresh = Journal(storage, clock)  # same parsed document, no index yet
        start = time.perf_counter()
        lookup(fresh, ids[run])
        cold.append(time.perf_counter() - start)
        for sid in ids[run + 1 : run + 21]:
            start = time.perf_counter()
            lookup(fresh, sid)
            warm.append(time.perf_counter() - start)
    return [
        Row("search by stakeholder, first (index build)", median(cold) * 1000, "ms", 5.0),
        Row("search by stakeholder, warm", median(warm) * 1000, "ms", 5.0),
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (3), fewer saves")
    parser.add_argument("--runs", type=int, help="runs per figure (default 7, 3 with --quick)")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    with tempfile.TemporaryDirectory(prefix="sj-bench-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        os.environ.update({k: env[k] for k in env if k.startswith(("SJ_", "XDG_"))})
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
        for function in MEASURES:
            rows.extend(function(bench))
        print(
            f"sj due started as: {bench.sj_due_variant()} (the lower startup time); "
            f"bytecode cached under the temporary folder"
        )
        print()
        print_table(rows)
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

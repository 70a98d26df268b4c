"""Fixtures for end-to-end tests of the ``sj`` command line.

Every test gets its own machine: the XDG folders (device id, lock, backups,
settings) and the journal live under ``tmp_path``, and "today" is fixed, so
nothing touches the real home and every date in the output is predictable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

TODAY = "2026-11-28"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def machine_env(root: Path, journal: Path | None) -> dict[str, str]:
    """Environment variables for one machine whose folders live under ``root``."""
    env = {
        "SJ_TODAY": TODAY,
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_STATE_HOME": str(root / "state"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_CONFIG_HOME": str(root / "config"),
    }
    if journal is not None:
        env["SJ_FILE"] = str(journal)
    return env


@dataclass
class Machine:
    root: Path
    journal: Path

    @property
    def env(self) -> dict[str, str]:
        return machine_env(self.root, self.journal)

    @property
    def backups(self) -> Path:
        return self.root / "state" / "stakeholder-journal" / "backups"


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    """This machine: its folders under tmp_path/home, the journal in a
    "synced" folder tmp_path/Sync, all set in the environment."""
    sync = tmp_path / "Sync"
    sync.mkdir()
    box = Machine(tmp_path / "home", sync / "journal.json")
    for name in ("SJ_FILE", "SJ_NOW", "SJ_CLOCK_OFFSET", "SJ_TODAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in box.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return box


@pytest.fixture
def sj(machine: Machine, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``sj ARGS`` in this process, as the user would type it."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(
    args: list[str],
    env: dict[str, str],
    *,
    entry_point: bool = False,
    python: bool = False,
    cwd: Path | None = None,
) -> Result:
    """Run ``sj ARGS`` as a real process (``python -m tui.cli``, or the installed
    ``sj`` script, or ``python ARGS`` with ``python``) with no SJ_ or XDG_
    variable from the outside besides ``env``."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("SJ_", "XDG_"))}
    full_env.update(env)
    full_env["PYTHONPATH"] = str(REPO)
    if entry_point:
        command = [str(Path(sys.executable).parent / "sj"), *args]
    elif python:
        command = [sys.executable, *args]
    else:
        command = [sys.executable, "-m", "tui.cli", *args]
    done = subprocess.run(
        command, env=full_env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def sj_process(machine: Machine) -> Callable[..., Result]:
    """Run ``sj ARGS`` as a separate process on this machine."""

    def run(*args: str, entry_point: bool = False) -> Result:
        return run_process(
            list(args), machine.env, entry_point=entry_point, cwd=machine.root.parent
        )

    return run

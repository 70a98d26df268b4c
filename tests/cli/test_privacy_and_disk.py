"""Private files whatever the umask, and what a full disk does to a command.

The journal is personal data about people, and so is everything sj keeps
beside it: backups, the log of this machine's writes, merged copies, the
lock, the list of known journals, exports and reports."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from journal import atomic, write_log


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def modes_under(root) -> dict[str, int]:
    return {
        str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
        for p in [root, *root.rglob("*")]
        if not p.is_symlink()
    }


def test_everything_written_outside_the_config_folder_is_private(sj, machine, tmp_path, open_umask):
    steps = [
        ("add", "Ana Ruiz", "--every", "2w"),
        ("log", "ana", "Coffee"),
        ("log", "ana", "--on", "2026-10-03", "Call"),
        ("export", "-o", str(tmp_path / "out" / "copy.json")),
        ("report", "--month", "2026-10", "-o", str(tmp_path / "out" / "report.md")),
    ]
    (tmp_path / "out").mkdir()
    for args in steps:
        result = sj(*args)
        assert result.code == 0, result.err
    written = {}
    for folder in ("state", "cache", "data"):
        if (machine.root / folder).exists():
            written |= {f"{folder}/{k}": v for k, v in modes_under(machine.root / folder).items()}
    assert any("written" in name for name in written), written
    assert any("locks" in name for name in written), written
    for name, mode in written.items():
        path = machine.root / name
        wanted = 0o700 if path.is_dir() else 0o600
        assert mode == wanted, f"{name} is {oct(mode)}"
    for name in ("copy.json", "report.md"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(machine.journal.stat().st_mode) == 0o600


def test_a_full_disk_says_nothing_was_saved_and_nothing_comes_back_later(sj, machine, monkeypatch):
    assert sj("add", "Ana Ruiz").code == 0
    before = machine.journal.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("journal.saving.atomic_write", full)
        result = sj("log", "ana", "Written while the disk was full")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "full" in result.err and "nothing was saved" in result.err
    assert "kept" not in result.err  # the command line keeps nothing once it exits
    assert machine.journal.read_bytes() == before
    # The entry was never acknowledged: the next command must not bring it
    # back from the log (the user runs it again instead).
    shown = sj("show", "ana", "--json").json()
    assert shown["recent"] == []
    assert sj("log", "ana", "Written again").code == 0
    assert [e["summary"] for e in sj("show", "ana", "--json").json()["recent"]] == ["Written again"]


def test_a_full_state_folder_warns_and_check_reports_it(sj, machine, monkeypatch):
    assert sj("add", "Ana Ruiz").code == 0

    def full(self, versions, now=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(write_log.WriteLog, "append", full)
        result = sj("log", "ana", "Saved, but not logged")
    assert result.code == 0
    assert "warning:" in result.err and "log of this machine" in result.err
    assert [e["summary"] for e in sj("show", "ana", "--json").json()["recent"]] == [
        "Saved, but not logged"
    ]

    monkeypatch.setattr("journal.saving.LOG_ROOM_NEEDED", 2**62)
    check = sj("check")
    assert check.code == 1
    assert "nearly full" in check.out


def test_temp_file_names_are_ones_the_sync_clients_skip():
    """Syncthing: its own temp prefixes; Dropbox and Nextcloud: a tilde at the
    start and .tmp at the end; OneDrive and iCloud Drive: .tmp at the end."""
    from pathlib import Path

    name = atomic.temp_name(Path("journal.json"), "a1b2c3d4e5f6")
    assert name.startswith("~syncthing~") and name.endswith(".tmp")
    assert name.count("~") == 2  # Syncthing reads another tilde as an 8.3 name on Windows
    assert atomic.is_our_temp_file(name)

"""Tests of the SyncPair fixture itself: it runs a real engine that really
syncs, and really makes conflict copies."""

from __future__ import annotations

import os
import time

import pytest

from tests.sync.syncpair import CONFLICT_RE, SyncPair, SyncPairError, propagation_time

pytestmark = pytest.mark.sync

NAME = "journal.json"


def test_file_written_in_a_appears_in_b(sync_pair: SyncPair) -> None:
    (sync_pair.a / NAME).write_text('{"entries": [], "note": "written on a"}\n')
    os.chmod(sync_pair.a / NAME, 0o600)
    (sync_pair.a / "sub").mkdir()
    (sync_pair.a / "sub" / "nested.txt").write_bytes(b"nested\n")
    sync_pair.wait()
    assert (sync_pair.b / NAME).read_text() == '{"entries": [], "note": "written on a"}\n'
    assert (sync_pair.b / NAME).stat().st_mode & 0o777 == 0o600
    assert (sync_pair.b / "sub" / "nested.txt").read_bytes() == b"nested\n"
    assert sync_pair.conflicts() == {"a": [], "b": []}

    (sync_pair.b / "sub" / "nested.txt").unlink()  # and back, a deletion
    sync_pair.wait()
    assert not (sync_pair.a / "sub" / "nested.txt").exists()


@pytest.mark.parametrize(("offline", "mode"), [("a", "device"), ("b", "folder")])
def test_edits_on_both_sides_while_paused_make_a_conflict_copy(
    sync_pair: SyncPair, offline: str, mode: str
) -> None:
    a, b = sync_pair.a / NAME, sync_pair.b / NAME
    a.write_text('{"entries": []}\n')
    sync_pair.wait()

    sync_pair.pause(offline, mode)
    with pytest.raises(SyncPairError, match="paused"):
        sync_pair.wait(timeout=5)
    # Concurrent edits; Syncthing keeps the newer one (by mtime) under the
    # original name, so give them explicit mtimes rather than sleeping.
    now = time.time()
    a.write_text('{"entries": ["edit made on a (older)"]}\n')
    os.utime(a, (now - 10, now - 10))
    b.write_text('{"entries": ["edit made on b (newer)"]}\n')
    os.utime(b, (now, now))
    sync_pair.resume(offline, mode)
    sync_pair.wait()

    conflicts = sync_pair.conflicts()
    assert len(conflicts["a"]) == 1, conflicts
    assert conflicts["a"] == conflicts["b"]
    copy = conflicts["a"][0]
    m = CONFLICT_RE.match(copy.name)
    assert m, f"{copy} is not NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext"
    assert (m["stem"], m["ext"]) == ("journal", ".json")
    # The suffix is a short device id (Syncthing 1.19 uses the winner's); the
    # copy keeps the older edit, the original name the newer one.
    assert m["device"] in (sync_pair.short_id("a"), sync_pair.short_id("b"))
    print(f"\nconflict copy ({mode} pause of {offline}): {copy}")
    assert "made on b (newer)" in a.read_text()
    assert "made on a (older)" in (sync_pair.a / copy).read_text()
    assert (sync_pair.b / copy).read_bytes() == (sync_pair.a / copy).read_bytes()


def test_propagation_time(sync_pair: SyncPair) -> None:
    samples = {"a->b": [], "b->a": []}
    for i in range(3):
        samples["a->b"].append(
            propagation_time(
                sync_pair.a / NAME, sync_pair.b / NAME, b'{"n": %d, "from": "a"}\n' % i
            )
        )
        samples["b->a"].append(
            propagation_time(
                sync_pair.b / NAME, sync_pair.a / NAME, b'{"n": %d, "from": "b"}\n' % i
            )
        )
    t0 = time.monotonic()
    (sync_pair.a / NAME).write_text('{"n": "last"}\n')
    sync_pair.wait()
    settle = time.monotonic() - t0
    for direction, times in samples.items():
        print(
            f"\npropagation {direction}: "
            + ", ".join(f"{t:.2f}s" for t in times)
            + f" (max {max(times):.2f}s)"
        )
    print(f"write + wait(): {settle:.2f}s")
    # A change should arrive in seconds (watcher delay 1 s, rescan every 2 s).
    assert max(max(t) for t in samples.values()) < 10

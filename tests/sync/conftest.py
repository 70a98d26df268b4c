"""Fixtures for the end-to-end tests against a real Syncthing pair."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.syncpair import SyncPair

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Whatever here runs the daemons is marked, so that `-m "not sync"`
    # deselects it even if a module forgot its marker; tests here that need
    # no daemon (e.g. test_check_report.py) stay in the quick run.
    for item in items:
        if (
            _HERE in item.path.parents
            and "sync_pair" in getattr(item, "fixturenames", ())
            and item.get_closest_marker("sync") is None
        ):
            item.add_marker(pytest.mark.sync)


@pytest.fixture
def sync_pair(tmp_path: Path) -> Iterator[SyncPair]:
    """A started SyncPair syncing tmp_path/a and tmp_path/b; the daemons are
    always stopped afterwards, whether the test passed, failed or errored."""
    if shutil.which("syncthing") is None:
        pytest.skip("syncthing is not installed: apt-get install syncthing")
    pair = SyncPair(tmp_path / "pair")
    try:
        pair.start()  # stops whatever it started if it fails
        yield pair
    finally:
        pair.stop()

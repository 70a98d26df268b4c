"""The log of the record versions this machine wrote: nothing acknowledged is lost.

No lock can span machines on a sync service. Between the check of the file
on disk and the replace of a save, another machine (a shared network folder)
or the sync client can write, and a sync client can put an older copy back a
millisecond after a save. So every save first appends the versions it writes
to a small log in this machine's state folder and fsyncs it, before the save
is acknowledged; every open and every reload of a changed file then checks
that the file holds each logged version (or a newer one) and merges back
what it lacks. The log is one JSON object a line, appended only; a line torn
by a crash is skipped. It is trimmed of versions that are old and held by the
file (see :data:`KEEP_SECONDS`), so it stays small.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .merge import Document, held_keys, version_key
from .private import FILE_MODE, private_folder, write_all, write_private
from .records import TABLE_META

Raw = dict[str, Any]

#: A logged version is dropped only once it is this old and the file holds
#: it: a sync client can roll the file back to any copy younger than that.
KEEP_SECONDS = 28 * 24 * 3600
#: Rewrite the log (to trim it) only when that removes at least this many lines.
TRIM_AT_LEAST = 200


@dataclass(frozen=True)
class LoggedVersion:
    table: str
    record: Raw
    at: float  # when it was logged (wall clock seconds)


class WriteLog:
    """One journal's log of this machine's writes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, versions: Iterable[tuple[str, Raw]], now: float | None = None) -> int:
        """Append versions and fsync; returns the log's size before, so a
        save that then fails can :meth:`truncate` them away again.

        Raises OSError (a full or read-only state folder): the caller warns."""
        at = round(time.time() if now is None else now, 3)
        payload = b"".join(
            orjson.dumps({"at": at, "table": table, "record": record}) + b"\n"
            for table, record in versions
        )
        private_folder(self.path.parent)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            before = os.fstat(fd).st_size
            if not payload:
                return before
            try:
                write_all(fd, payload)
            except OSError:
                # Never leave half a batch: it would look like a write that
                # was acknowledged.
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, before)
                raise
        finally:
            os.close(fd)
        return before

    def truncate(self, size: int) -> None:
        """Drop what was appended after ``size`` (a save that failed)."""
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY)
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> list[LoggedVersion]:
        """Every logged version; lines torn or damaged are skipped."""
        try:
            payload = self.path.read_bytes()
        except OSError:
            return []
        versions = []
        for line in payload.splitlines():
            try:
                item = orjson.loads(line)
                version = LoggedVersion(str(item["table"]), item["record"], float(item["at"]))
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                continue
            if isinstance(version.record, dict) and isinstance(version.record.get("id"), str):
                versions.append(version)
        return versions

    def missing_from(self, document: Document, versions: list[LoggedVersion]) -> Document:
        """The logged versions ``document`` holds neither of nor anything newer
        than, as a document to merge in (empty tables when none)."""
        missing: Document = {}
        by_id: dict[str, dict[str, Raw]] = {}
        for version in versions:
            if version.table == TABLE_META:
                continue
            index = by_id.get(version.table)
            if index is None:
                table = document.get(version.table, {})
                index = by_id[version.table] = {r.get("id"): r for r in table.values()}
            current = index.get(version.record["id"])
            if current is not None and version_key(version.record) in held_keys(current):
                continue
            out = missing.setdefault(version.table, {})
            out[str(len(out) + 1)] = version.record
        return missing

    def trim(
        self, document: Document, versions: list[LoggedVersion], now: float | None = None
    ) -> int:
        """Drop the versions logged long ago that ``document`` holds; returns
        how many lines went. Rewrites the log only when that is worth it."""
        now = time.time() if now is None else now
        old = [v for v in versions if now - v.at >= KEEP_SECONDS]
        if len(old) < TRIM_AT_LEAST:
            return 0
        lacking = self.missing_from(document, old)
        kept_ids = {(t, r["id"]) for t, table in lacking.items() for r in table.values()}
        keep = [
            v
            for v in versions
            if now - v.at < KEEP_SECONDS or (v.table, v.record["id"]) in kept_ids
        ]
        dropped = len(versions) - len(keep)
        if dropped < TRIM_AT_LEAST:
            return 0
        payload = b"".join(
            orjson.dumps({"at": v.at, "table": v.table, "record": v.record}) + b"\n" for v in keep
        )
        try:
            write_private(self.path, payload)
        except OSError:
            return 0
        return dropped


def changed_records(
    before: Mapping[str, Mapping[str, Raw]], after: Document
) -> list[tuple[str, Raw]]:
    """Records of ``after`` that differ from ``before`` (by id), for logging
    what a merge of someone else's copy brought into this machine's save."""
    out = []
    for name, table in after.items():
        if name == TABLE_META:
            continue
        old = {r.get("id"): r for r in before.get(name, {}).values()}
        out += [(name, r) for r in table.values() if old.get(r.get("id")) != r]
    return out

"""The journal file as bytes and as a document: which version of the file is
on disk (its identity), reading and parsing it, and writing it out.

Nothing here locks, merges or saves: :mod:`journal.storage` composes these.
Every file that cannot be fully understood is refused with a one-line
reason (:class:`BadFileError`) and left as it is.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from . import __version__
from .errors import BadFileError, MissingFileError
from .merge import Document
from .paths import host_name
from .records import RECORD_TABLES, SCHEMA_VERSION, TABLE_META

DUMP_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_CTIME_IS_CREATION = os.name == "nt"


@dataclass(frozen=True)
class FileIdentity:
    """What tells one version of the file from another; "newer" is never
    trusted (sync clients copy modification times)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: int | None = None
    #: Change time: no program can set it, so unlike mtime a sync client
    #: cannot copy it. (On Windows it is the creation time instead.)
    ctime_ns: int = 0

    @classmethod
    def of(cls, path: Path, digest: int | None = None) -> FileIdentity | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls.from_stat(st, st.st_size, digest)

    @classmethod
    def from_stat(cls, st: os.stat_result, size: int, digest: int | None) -> FileIdentity:
        return cls(st.st_dev, st.st_ino, size, st.st_mtime_ns, digest, st.st_ctime_ns)

    def same_stat(self, other: FileIdentity | None) -> bool:
        return other is not None and (
            self.device,
            self.inode,
            self.size,
            self.mtime_ns,
            self.ctime_ns,
        ) == (other.device, other.inode, other.size, other.mtime_ns, other.ctime_ns)


def new_document(store_id: str | None = None) -> Document:
    """An empty journal."""
    doc: Document = {name: {} for name in RECORD_TABLES}
    doc[TABLE_META] = {
        "1": {
            "schema": SCHEMA_VERSION,
            "store_id": store_id or uuid.uuid4().hex,
            "app_version": __version__,
        }
    }
    return doc


def serialize(document: Document) -> bytes:
    """Deterministic bytes (sorted keys, stable indentation) for small sync diffs."""
    # The newline comes from orjson: `+ b"\n"` would copy the whole file.
    return orjson.dumps(document, option=DUMP_OPTIONS)


def meta_of(document: Document) -> dict[str, Any]:
    return next(iter(document.get(TABLE_META, {}).values()), {})


#: Whether each parsed document is then moved out of the cyclic garbage
#: collector's sight (``gc.freeze``). A parsed journal is large, long-lived
#: and free of cycles, yet every full collection walks all of it (about
#: 100 ms on a 50 MB journal, a pause in the app). The ``sj`` entry point
#: turns it on for its own process; a program using the package decides for
#: its own.
FREEZE_PARSED = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused meanwhile: for work that makes
    many containers and no cycles (a parse, an import), whose collections
    midway would only walk what it made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def loads(payload: bytes) -> Any:
    """``orjson.loads`` with the cyclic collector paused meanwhile: a parse
    makes a million containers and no cycles, and the collections it would
    trigger midway double its time."""
    # Not collector_paused(): leaving a context manager allocates, and the
    # first allocation after a million uncounted containers runs a full
    # collection (40 ms) before the document can be frozen below.
    enabled = gc.isenabled()
    gc.disable()
    try:
        document = orjson.loads(payload)
    finally:
        if enabled:
            gc.enable()
    if FREEZE_PARSED:
        global _FROZEN_ONCE
        if _FROZEN_ONCE:
            # A later parse (the app reloading another device's save):
            # collect first, so that no cyclic garbage pending now is frozen
            # with it, where it would never be freed (a leak per reload).
            gc.collect()
        _FROZEN_ONCE = True
        gc.freeze()
    return document


_FROZEN_ONCE = False


def parse_document(path: Path, payload: bytes) -> Document:
    """Parse and validate a journal file's bytes, or raise :class:`BadFileError`."""
    name = str(path)
    if not payload or payload.isspace():
        raise BadFileError(
            f"{name} is empty; restore it from a backup or move it away.", hint="backups"
        )
    try:
        document = loads(payload)
    except orjson.JSONDecodeError as exc:
        if "utf-8" in str(exc).lower():
            reason = "is not a text file (not UTF-8)"
        elif "end of" in str(exc).lower() or "EOF" in str(exc):
            reason = "is truncated"
        elif "content after document" in str(exc).lower() or "trailing" in str(exc).lower():
            reason = "has extra data after the journal"
        else:
            reason = "is not valid JSON"
        raise BadFileError(
            f"{name} {reason}; it was left untouched: restore it from a backup or move it away.",
            hint="backups",
        ) from None
    if not isinstance(document, dict) or not all(isinstance(t, dict) for t in document.values()):
        raise BadFileError(
            f"{name} is not a Stakeholder Journal file; pass the right file with --file."
        )
    meta = meta_of(document)
    if not isinstance(meta, dict) or not isinstance(meta.get("store_id"), str):
        raise BadFileError(
            f"{name} is not a Stakeholder Journal file (no journal id in _meta); "
            "pass the right file with --file."
        )
    schema = meta.get("schema")
    # true and false are ints to Python, not schema numbers.
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise BadFileError(
            f"{name} has a damaged _meta record (no schema number); restore it from a backup.",
            hint="backups",
        )
    from .validate import SHAPES, check_document

    for table_name, table in document.items():
        if table_name in SHAPES:
            continue  # checked below, with every field (one pass over each record)
        for doc_id, record in table.items():
            if not isinstance(record, dict) or (
                table_name != TABLE_META and not isinstance(record.get("id"), str)
            ):
                raise BadFileError(
                    f"{name} has a damaged record {table_name}/{doc_id}; restore it from a backup.",
                    hint="backups",
                )
    # The record tables: every record a dict with a text id, every field
    # holding the kind of value it should.
    check_document(name, document)
    for table_name in RECORD_TABLES:
        document.setdefault(table_name, {})
    return document


def _read_payload(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes, and the status of the very file they were read from.

    Only a regular file is read: opening a named pipe for reading would wait
    for a writer forever, so the file is opened without waiting and its type
    checked before anything is read."""

    not_regular = (
        f"{path} is not a regular file (a pipe or device); "
        "name the journal's .json file with --file."
    )
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise BadFileError(not_regular) from None
        raise
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BadFileError(not_regular)
        if nonblock:
            os.set_blocking(fd, True)
        return f.read(), st


def read_file(path: Path) -> tuple[Document, FileIdentity]:
    """Read and validate the journal at ``path`` (which must exist)."""
    if path.is_dir():
        raise BadFileError(
            f"{path} is a folder, not a journal file; name the .json file with --file."
        )
    try:
        payload, st = _read_payload(path)
    except FileNotFoundError:
        raise MissingFileError(f"{path} does not exist.") from None
    except PermissionError:
        raise BadFileError(
            f"cannot read {path}: permission denied; fix its permissions (chmod u+rw) or pick another file."
        ) from None
    except OSError as exc:
        raise BadFileError(
            f"cannot read {path}: {exc.strerror}; check the drive and try again."
        ) from None
    document = parse_document(path, payload)
    # The status is taken from the open file before reading, so it always
    # names these bytes (a replacement arriving meanwhile shows as a change).
    return document, FileIdentity.from_stat(st, len(payload), zlib.crc32(payload))


def note_host(document: Document, device: str) -> None:
    """Name this machine in the journal: sync services that name conflicted
    copies after the computer (OneDrive) are recognised by these names."""
    meta = meta_of(document)
    if not meta:
        return
    hosts = meta.get("hosts")
    name = host_name()
    if not isinstance(hosts, dict):
        hosts = meta["hosts"] = {}
    if hosts.get(device) != name:
        hosts[device] = name


def give_ids(document: Document) -> None:
    """Records inserted through TinyDB without an ``id`` get one: without it
    the file would no longer open (and could not be merged)."""
    for name, table in document.items():
        if name == TABLE_META or not isinstance(table, dict):
            continue
        for record in table.values():
            if isinstance(record, dict) and not isinstance(record.get("id"), str):
                record["id"] = uuid.uuid4().hex


def diff_counts(before: Document, after: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, table in after.items():
        if name == TABLE_META:
            continue
        old = before.get(name, {})
        old_by_id = {r.get("id"): r for r in old.values()}
        changed = sum(1 for r in table.values() if old_by_id.get(r.get("id")) != r)
        if changed:
            counts[name] = changed
    return counts

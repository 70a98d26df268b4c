"""Conflicted copies: merged in, moved away, or adopted from another journal.

A sync service that could not decide leaves a conflicted copy next to the
journal. Each is merged in, the merged journal saved, and only then is the
copy moved out of the synced folder to this machine's backup folder: first
renamed in place to a temp name that no sync client syncs, so that what is
moved is exactly one version of it (merged again if it is not the version
that was merged); a copy that vanished meanwhile was merged by another
machine. A copy of a *different* journal (two machines each started one at
the same path before their first sync) is left in place until the user
adopts it: every record keeps its id, nothing is lost.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import abandoned_held_files, temp_name
from .conflicts import ConflictedCopy, find_conflicted_copies
from .document import FileIdentity, meta_of, read_file
from .errors import BadFileError, InputError, MissingFileError, NotFoundError
from .paths import host_name, resolved_path
from .records import SCHEMA_VERSION
from .storage import JournalStorage

if TYPE_CHECKING:
    from .journal import Journal

ADOPTED = "adopted journal"


@dataclass
class CopyOutcome:
    """What happened to one conflicted copy."""

    path: Path
    service: str
    merged: bool
    changed: int = 0
    tables: dict[str, int] = field(default_factory=dict)  # table -> records changed
    reason: str = ""
    moved_to: Path | None = None
    #: It belongs to a different journal (see :meth:`Journal.adopt`).
    foreign: bool = False
    #: It vanished before it could be read or moved: merged elsewhere.
    gone: bool = False
    #: The version of the file that was merged.
    identity: FileIdentity | None = None


@dataclass
class CopiesReport:
    copies: list[CopyOutcome] = field(default_factory=list)

    @property
    def merged(self) -> list[CopyOutcome]:
        return [c for c in self.copies if c.merged]

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.copies)


def conflicted_copies(journal: Journal) -> list[ConflictedCopy]:
    """The sync services' conflicted copies next to the journal file."""
    hosts = meta_of(journal.storage.document).get("hosts")
    names = {host_name(), *(hosts.values() if isinstance(hosts, dict) else ())}
    return find_conflicted_copies(journal.storage.resolved, names)


def merge_copies(journal: Journal) -> CopiesReport:
    """Merge the sync services' conflicted copies into the journal, save,
    and only then move them to the local backup folder. A copy is moved
    only as the very file that was merged (one that changed meanwhile is
    merged again); one that vanished was merged by another machine."""
    report = CopiesReport()
    for held, name in abandoned_held_files(journal.storage.resolved, journal.device):
        # A command killed while it moved this copy away: give it its name
        # back, so that it is merged (again) like any conflicted copy.
        _put_back(held, held.with_name(name), journal.storage.resolved)
    candidates = conflicted_copies(journal)
    for copy in candidates:
        report.copies.append(_merge_copy(journal, copy.path, copy.service, adopt=False))
    _put_away(journal, report)
    return report


def foreign_copies(journal: Journal) -> list[Path]:
    """Conflicted copies next to the journal that belong to a different
    journal (see :meth:`adopt`)."""
    found = []
    for copy in conflicted_copies(journal):
        try:
            document, _identity = read_file(copy.path)
        except BadFileError:
            continue
        if JournalStorage.store_id_of(document) != journal.store_id:
            found.append(copy.path)
    return found


def adopt(journal: Journal, path: str | os.PathLike[str]) -> CopyOutcome:
    """Fold a copy of a *different* journal into this one (two machines
    each created a journal at the same path before their first sync):
    every record keeps its id, nothing is lost, and the copy then goes to
    the local backup folder like a merged conflicted copy."""
    copy = Path(path).expanduser()
    if resolved_path(copy) == journal.storage.resolved:
        raise InputError(f"{copy} is this journal itself; name the other journal's file.")
    if not copy.exists():
        raise NotFoundError(f"{copy} does not exist; check the path.")
    report = CopiesReport([_merge_copy(journal, copy, ADOPTED, adopt=True)])
    outcome = report.copies[0]
    if not outcome.merged:
        raise BadFileError(f"{copy} was not adopted: {outcome.reason}")
    _put_away(journal, report)
    return outcome


def _merge_copy(journal: Journal, path: Path, service: str, *, adopt: bool) -> CopyOutcome:
    outcome = CopyOutcome(path, service, merged=False)
    try:
        document, identity = read_file(path)
    except MissingFileError:
        outcome.gone = True
        outcome.reason = "already gone (merged on another machine)"
        return outcome
    except BadFileError as exc:
        outcome.reason = f"left in place: {exc}"
        return outcome
    if not adopt and JournalStorage.store_id_of(document) != journal.store_id:
        outcome.foreign = True
        outcome.reason = "left in place: it belongs to a different journal"
        return outcome
    schema = meta_of(document).get("schema", 0)
    if schema > SCHEMA_VERSION:
        # Merging would stamp the journal with a format this version
        # does not write; the newer sj merges it.
        outcome.reason = f"left in place: written by a newer sj (format {schema})"
        return outcome
    journal._require_writable()
    result = journal.storage.merge_in(document, any_journal=adopt)
    outcome.merged = True
    outcome.changed = result.total
    outcome.tables = dict(result.changed)
    outcome.identity = identity
    return outcome


def _put_away(journal: Journal, report: CopiesReport) -> None:
    """Save what the copies brought, then move each copy out of the
    synced folder: first renamed, in place, to a name no sync client
    syncs (so what is moved is exactly one version of it), merged again
    if that version is not the one merged, and only then moved."""
    merged = report.merged
    if not merged:
        return
    if journal.storage.unsaved:
        journal.save()
    folder = journal.storage.dirs.private(journal.storage.dirs.merged_copies_folder(journal.path))
    stamp = journal.clock.now().strftime("%Y%m%d-%H%M%S")
    for outcome in merged:
        held = outcome.path.with_name(temp_name(outcome.path, journal.device))
        try:
            os.rename(outcome.path, held)
        except FileNotFoundError:
            outcome.gone = True  # another machine merged and removed it meanwhile
            continue
        except OSError as exc:
            outcome.reason = f"merged, but left in place: {exc.strerror or exc}"
            continue
        try:
            _merge_held_copy(journal, outcome, held)
        except BadFileError:
            # Its sync client is writing it again right now: leave it for
            # the next command, which merges the finished version.
            _put_back(held, outcome.path, journal.storage.resolved)
            outcome.reason = (
                "merged; it changed as it was moved away, so it stays to be merged again"
            )
            continue
        except BaseException:
            _put_back(held, outcome.path, journal.storage.resolved)
            raise
        target = folder / f"{stamp}-{outcome.path.name}"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{stamp}-{n}-{outcome.path.name}"
        try:
            shutil.move(str(held), target)
        except OSError as exc:
            _put_back(held, outcome.path, journal.storage.resolved)
            outcome.reason = f"merged, but left in place: {exc.strerror or exc}"
            continue
        os.chmod(target, 0o600)
        outcome.moved_to = target


def _merge_held_copy(journal: Journal, outcome: CopyOutcome, held: Path) -> None:
    """The copy as renamed away: if it is not the version merged (the
    sync client wrote a newer one meanwhile), merge that one too."""
    document, identity = read_file(held)
    merged = outcome.identity
    if merged is not None and (identity.size, identity.digest) == (merged.size, merged.digest):
        return
    if outcome.service != ADOPTED:
        journal.storage._require_same_journal(document)
    result = journal.storage.merge_in(document, any_journal=outcome.service == ADOPTED)
    outcome.changed += result.total
    for name, n in result.changed.items():
        outcome.tables[name] = outcome.tables.get(name, 0) + n
    if journal.storage.unsaved:
        journal.save()


def _put_back(held: Path, original: Path, journal: Path) -> None:
    """Give a held copy a conflicted-copy name again, so the next merge finds
    it: its own, or, when a newer copy took that name meanwhile, a name of
    the same kind beside it."""
    import time

    for attempt in range(100):
        name = original
        if attempt:
            stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
            name = journal.with_name(
                f"{journal.stem}.sync-conflict-{stamp}-SJ{attempt}{journal.suffix}"
            )
        try:
            os.link(held, name)
        except FileExistsError:
            continue
        except OSError:
            return
        with contextlib.suppress(OSError):
            os.unlink(held)
        return

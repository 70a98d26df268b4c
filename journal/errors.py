"""Errors a user can cause or meet. Each carries a one-line message that says
what happened and what to do; front ends print ``str(error)`` and exit non-zero."""

from __future__ import annotations


class JournalError(Exception):
    """Base class: a problem the user can act on (never a bug).

    ``hint`` names what would help (``"names"``: the list of stakeholders), so
    that each face can add its own way to get there; the message itself never
    names a command. ``field`` names the input that was wrong (``"name"``),
    so that a form can show the message under it."""

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.field = field


class InputError(JournalError, ValueError):
    """Bad input: a typo'd date, an unknown cadence, an out-of-range number."""


class NotFoundError(JournalError, LookupError):
    """No stakeholder (or record) matches what the user typed."""

    def __init__(
        self, message: str, candidates: list[str] | None = None, *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.candidates = candidates or []


class AmbiguousError(NotFoundError):
    """Several stakeholders match; ``candidates`` lists them."""


class BadFileError(JournalError):
    """The journal file cannot be used (corrupt, foreign, unreadable...).

    The file is never written when this is raised."""


class MissingFileError(BadFileError):
    """A journal the user named, or that existed before, is gone."""


class ReadOnlyError(JournalError):
    """The journal is open read-only (newer schema, or a read-only file)."""


class SaveError(JournalError):
    """Saving failed; the data is still held in memory."""


class LockTimeout(JournalError):
    """Another local process kept the journal's write lock too long."""

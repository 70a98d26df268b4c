"""What the command line adds to a domain error: the command that helps.

The domain's messages say what is wrong and name no command (the app shows
them too); an error's ``hint`` names what would help, and this table says how
to get there from the command line."""

from __future__ import annotations

from journal.errors import JournalError

HINTS = {
    "names": "try `sj list` to see names",
    "follow-ups": "see `sj show NAME` for the ids",
    "promises": "see `sj promises` for the ids",
    "entries": "see `sj show NAME --json` for the ids",
    "goals": "see `sj goal list` for the ids",
    "share-with": "name them with --with, e.g. --with ana,ben",
    "new-journal": "to start one there, run `sj --file PATH add NAME`",
    "backups": "`sj backups` lists this machine's backups of it, `sj backups restore N` puts one back",
    "backups-list": "`sj backups` lists them",
    "adopt-backup": "to fold its records into this journal, run `sj merge --adopt` on that file",
    "force": "add --force to replace it",
}


def with_hint(exc: JournalError) -> str:
    """The error's message, with the command line's hint when it has one."""
    text = str(exc)
    hint = HINTS.get(getattr(exc, "hint", None) or "")
    return f"{text.rstrip('.')}; {hint}." if hint else text

"""The app's save and reload loop, as a small state machine with no widgets.

One job at a time: a save asked for while another job runs waits its turn
(``save_pending``); a reload is only started when nothing runs. A version of
the file that could not be read (damaged by hand, half-written by a sync
client) is remembered, so the poll does not read it again and again, and the
user is told once; the next version on disk is tried afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.document import FileIdentity

#: Which version of the file is on disk (None: no file there).
Version = FileIdentity | None


@dataclass
class SyncLoop:
    busy: bool = False
    save_pending: bool = False
    #: The version on disk whose reload failed, with the reason.
    failed_version: Version = None
    failure: str = ""

    def start_save(self) -> bool:
        """Whether to start a save now (otherwise it runs after the job at hand)."""
        if self.busy:
            self.save_pending = True
            return False
        self.busy, self.save_pending = True, False
        return True

    def start_reload(self, version: Version, *, new_copies: bool = False) -> bool:
        """Whether to reload now: never over a running job, and never the
        same version that already failed (unless new copies wait)."""
        if self.busy or (not new_copies and version is not None and version == self.failed_version):
            return False
        self.busy = True
        return True

    def start_job(self) -> None:
        """Wait for nothing else: a job of the app's own (adopting a copy)."""
        self.busy = True

    def save_failed(self) -> None:
        """The save is retried later; the next job may start meanwhile."""
        self.busy = False

    def reload_failed(self, version: Version, reason: str) -> bool:
        """Remember the version that failed; True when it is news to report."""
        self.busy = False
        news = (version, reason) != (self.failed_version, self.failure)
        self.failed_version, self.failure = version, reason
        return news

    def job_done(self) -> bool:
        """The job at hand finished well; True when a save should follow."""
        self.busy = False
        self.failed_version, self.failure = None, ""
        return self.save_pending

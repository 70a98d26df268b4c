"""The terminal app (Textual): the main screen, the coaching screens, the
forms and the save/reload loop. The command line opens it with
:func:`run_app`."""

from .app import StakeholderJournalApp, run_app

__all__ = ["StakeholderJournalApp", "run_app"]

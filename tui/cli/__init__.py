"""The ``sj`` command line: the journal headless, for scripts, cron and quick
capture. It never imports textual; the app opens only when asked for."""

from .main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]

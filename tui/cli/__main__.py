"""``python -m tui.cli``: the same program as the ``sj`` console script."""

from .main import run

raise SystemExit(run())

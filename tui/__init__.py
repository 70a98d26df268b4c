"""The two faces of the journal: the command line (``tui.cli``, no textual)
and the terminal app (``tui.app``)."""

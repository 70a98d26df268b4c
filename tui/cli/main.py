"""The ``sj`` command line: the journal headless, for scripts, cron and quick capture.

Textual is imported only when the terminal app opens, so the commands start
fast. Every error a user can cause prints one line on stderr and exits 1;
nothing is written then.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from journal.errors import JournalError, SaveError

from . import (
    backup_commands,
    coach_commands,
    commands,
    file_commands,
    opening,
    people_commands,
    record_commands,
    search_command,
)
from .hints import with_hint
from .output import safe

EPILOG = """\
dates:     YYYY-MM-DD, dec 5, 5 Dec 2026, today, yesterday, tomorrow, friday, next mon,
           last fri, next week, 3d ago, in 2w, 3d (a due date looks ahead, others back)
cadences:  10d, 2w, 3m, 1y, weekly, fortnightly, monthly, quarterly, none
names:     an id, or any unique part of the name (case does not matter)
journal:   --file PATH, or SJ_FILE; otherwise the platform data folder
"""


def _add_profile_options(p: argparse.ArgumentParser, *, editing: bool) -> None:
    p.add_argument("--org", "--organization", dest="organization", help="organization")
    p.add_argument("--role", help="their role or title")
    p.add_argument("--kind", choices=("person", "organization", "group", "association"))
    p.add_argument("--every", metavar="CADENCE", help="how often to be in touch, e.g. 2w")
    p.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeatable)")
    if editing:
        p.add_argument("--untag", action="append", metavar="TAG", help="remove a tag")
        p.add_argument("--name", dest="new_name", help="rename")
    key = p.add_mutually_exclusive_group()
    key.add_argument("--key", action="store_true", default=None, help="a key influencer")
    key.add_argument("--not-key", dest="key", action="store_false", help="not a key influencer")
    p.add_argument("--rank", help="how strategic: 1 is the most")
    p.add_argument("--influence", help="influence 1-5")
    p.add_argument("--interest", help="interest 1-5")
    p.add_argument("--stage", choices=("prospect", "new", "active", "partner", "dormant"))
    p.add_argument("--met", dest="met_how", help="how you met")
    p.add_argument("--values", help="what they value")
    p.add_argument("--mandate", help="their mandate")
    p.add_argument("--direction", dest="mandate_direction", help="where their mandate is heading")
    p.add_argument("--issues", dest="critical_issues", help="their critical issues")
    p.add_argument("--assumptions", help="their assumptions about the future")
    p.add_argument("--personal", help="personal interests (family, sports...)")
    p.add_argument("--notes", help="free notes")
    p.add_argument("--email")
    p.add_argument("--phone")


class Parser(argparse.ArgumentParser):
    """A usage mistake is one line that says what is wrong and where the
    help is, and exit status 2 (a mistake in the journal's data is 1)."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice" in message and message.startswith("argument COMMAND"):
            typed = message.split("'")[1] if "'" in message else ""
            message = f"{typed!r} is not a command"
        self.exit(2, f"{self.prog}: {message}; see {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sj",
        description="Stakeholder Journal: keep every key relationship alive. "
        "Without a command, opens the terminal app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--file", metavar="PATH", help="the journal file (default: SJ_FILE or the data folder)"
    )
    parser.add_argument("--version", action="version", version=f"sj {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("add", help="add a stakeholder")
    p.set_defaults(func=commands.cmd_add)
    p.add_argument("name")
    _add_profile_options(p, editing=False)

    p = sub.add_parser("edit", help="change a stakeholder's profile")
    p.set_defaults(func=commands.cmd_edit)
    p.add_argument("who")
    _add_profile_options(p, editing=True)

    p = sub.add_parser("log", help="log a contact")
    p.set_defaults(func=commands.cmd_log)
    p.add_argument("who", help="stakeholder (several: comma-separated)")
    p.add_argument("text", nargs="+", help="what you said or did")
    formal = p.add_mutually_exclusive_group()
    formal.add_argument("--formal", dest="formal", action="store_true", default=None)
    formal.add_argument("--informal", dest="formal", action="store_false")
    p.add_argument("--personal", action="store_true", help="a personal, non-business conversation")
    p.add_argument(
        "--via", dest="channel", default=None, help="meeting, call, email, coffee, event..."
    )
    p.add_argument("--on", dest="on", default="today", metavar="DATE")
    p.add_argument("--at", dest="time", metavar="HH:MM")
    p.add_argument("--reaction", help="how they reacted")
    p.add_argument("--needs", help="needs you anticipated")
    p.add_argument("--expectations", help="were their expectations met")
    p.add_argument("--view", dest="their_view", help="their point of view")
    p.add_argument("--differently", help="what you would do differently")
    p.add_argument("--next", dest="next_time", help="plan for next time")
    p.add_argument(
        "--follow-up", action="append", metavar="TEXT[@DATE]", help="a follow-up, due date after @"
    )
    p.add_argument("--shared", help="information you shared with them")
    p.add_argument("--new-person", action="store_true", help="you met someone new")
    p.add_argument("--met", metavar="NAME", help="the new person's name (implies --new-person)")
    p.add_argument("--minutes", type=int, help="time spent")

    p = sub.add_parser("due", help="who is overdue or due soon, most overdue first")
    p.set_defaults(func=commands.cmd_due)
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="everyone with a cadence, not only due")
    p.add_argument("--window", type=int, default=3, help="days ahead that count as due soon (3)")

    p = sub.add_parser("list", help="stakeholders with last contact and state")
    p.set_defaults(func=commands.cmd_list)
    p.add_argument("--json", action="store_true")
    p.add_argument("--tag", help="only this tag")

    p = sub.add_parser("show", help="one stakeholder: profile, recent contacts, follow-ups")
    p.set_defaults(func=commands.cmd_show)
    p.add_argument("who")
    p.add_argument("--json", action="store_true")
    p.add_argument("--entries", type=int, default=5, help="how many recent contacts (5)")

    p = sub.add_parser("snooze", help="not due before a date")
    p.set_defaults(func=commands.cmd_snooze)
    p.add_argument("who")
    p.add_argument(
        "until", nargs="?", metavar="DATE", help="e.g. 2026-12-15, in 2w, friday; none clears it"
    )
    p.add_argument("--clear", action="store_true", help="clear the snooze")

    p = sub.add_parser(
        "delete", help="delete a stakeholder (kept as a tombstone; undo with restore)"
    )
    p.set_defaults(func=commands.cmd_delete)
    p.add_argument("who")
    p = sub.add_parser("restore", help="bring back a deleted stakeholder")
    p.set_defaults(func=commands.cmd_restore)
    p.add_argument("who")

    p = sub.add_parser("done", help="mark a follow-up done")
    p.set_defaults(func=commands.cmd_done)
    p.add_argument(
        "follow_up", metavar="ID", help="follow-up id (or its first characters), see `sj show`"
    )

    p = sub.add_parser("merge", help="merge the sync services' conflicted copies into the journal")
    p.set_defaults(func=file_commands.cmd_merge)
    p.add_argument(
        "--adopt",
        metavar="COPY",
        help="fold a copy of a different journal (started on another machine) into this one",
    )

    p = sub.add_parser("check", help="verify the journal file; exit 1 with a reason when unsound")
    p.set_defaults(func=file_commands.cmd_check)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("sample", help="write a realistic generated journal")
    p.set_defaults(func=file_commands.cmd_sample)
    p.add_argument("--stakeholders", type=int, default=40)
    p.add_argument("--interactions", type=int, default=1200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", "--output", required=True, metavar="FILE")

    p = sub.add_parser("demo", help="open the app on a generated journal in a temporary folder")
    p.set_defaults(func=file_commands.cmd_demo)
    p.add_argument("--stakeholders", type=int, default=40)
    p.add_argument("--interactions", type=int, default=1200)
    backup_commands.add_parsers(sub)
    coach_commands.add_parsers(sub)
    record_commands.add_parsers(sub)
    people_commands.add_parsers(sub)
    search_command.add_parser(sub)
    return parser


def _version() -> str:
    from journal import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if getattr(args, "command", None) == "search" and not any(
            e.startswith("--") for e in extra
        ):
            args.words.extend(extra)  # -word: a word to leave out, not an option
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command is None:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                # cron, a pipe, a script: no screen for the app to take over.
                parser.print_help()
                return 0
            return _open_app(args.file)
        code = args.func(args) or 0
        _print_warnings()
        return code
    except SaveError as exc:
        _print_warnings()
        print(
            f"sj: {safe(exc)}; nothing was saved: run it again once that is fixed.", file=sys.stderr
        )
        return 1
    except JournalError as exc:
        # Messages quote names and paths the user typed: never let them
        # carry terminal escapes to the terminal.
        print(f"sj: {safe(with_hint(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `sj list | head`: the reader left; not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _print_warnings() -> None:
    """What weakened the safety net during the command (it still succeeded)."""
    for journal in opening.OPENED:
        for warning in journal.storage.warnings:
            print(f"sj: warning: {safe(warning)}", file=sys.stderr)
    opening.OPENED.clear()


def _open_app(file: str | None, *, demo_root: Path | None = None) -> int:
    from ..app import run_app

    return run_app(file, demo_root=demo_root)


def run() -> int:
    """The ``sj`` program (the console script and ``python -m tui.cli``): the
    command line, with each parsed journal kept out of the cyclic garbage
    collector's walks (see :data:`journal.document.FREEZE_PARSED`)."""
    from journal import document

    document.FREEZE_PARSED = True
    return main()

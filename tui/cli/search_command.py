"""``sj search``: find what was written, in every record of the journal.

The query language and what is searched are :mod:`journal.search`'s; this
module reads the options and prints one line per result (or JSON).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from journal.dates import parse_date
from journal.errors import InputError
from journal.records import TABLE_SHARES, TABLE_STAKEHOLDERS
from journal.resolve import unknown_tag
from journal.search import (
    IN_WORDS,
    KIND_LABELS,
    KIND_WIDTH,
    Filters,
    Hit,
    field_text,
    kinds_from,
    names_of,
    search,
)
from journal.search_query import Snippet, parse_query, snippet

from .opening import open_journal
from .output import cell_len, print_json, safe

#: The text shown around a match, in characters (piped; on a terminal, a
#: line takes the terminal's width, the snippet what the line leaves it).
SNIPPET_WIDTH = 60
#: The least of a snippet on a narrow terminal.
NARROWEST = 24
#: Bold yellow, and back to normal: the match on a terminal.
MARK_ON, MARK_OFF = "\x1b[1;33m", "\x1b[0m"

HELP = """\
query:
  every word must match; "a phrase" matches in that order; -word leaves out
  what holds it; the last word also matches the start of a word (perm finds
  permits). Case and accents never matter.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "search",
        help="find words in entries, profiles, reflections, promises and shares",
        description="Find what was written. Results newest first (a profile dated "
        "by its last change).",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="*", metavar="WORD", help='a word, "a phrase" or -word')
    p.add_argument(
        "--in",
        dest="within",
        metavar="KINDS",
        help=f"only these, comma-separated: {','.join(IN_WORDS)}",
    )
    p.add_argument("--who", metavar="NAME", help="only what concerns this stakeholder")
    p.add_argument("--since", metavar="DATE", help="only from this day on")
    p.add_argument("--until", metavar="DATE", help="only up to this day")
    formal = p.add_mutually_exclusive_group()
    formal.add_argument("--formal", dest="formal", action="store_true", default=None)
    formal.add_argument("--informal", dest="formal", action="store_false")
    p.add_argument("--tag", help="only what concerns stakeholders with this tag")
    p.add_argument("--limit", type=int, default=50, help="at most this many results (50; 0: all)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    typed = " ".join(_quoted(w) for w in args.words)
    query = parse_query(typed)
    if not query:
        print(
            "sj search: give at least one word to look for; see sj search --help",
            file=sys.stderr,
        )
        return 2
    if args.limit < 0:
        raise InputError(f"--limit is a number of results, 0 (all) or more, not {args.limit}.")
    kinds = kinds_from(args.within.split(",")) if args.within else None
    journal = open_journal(args)
    today = journal.today()
    since = parse_date(args.since, today) if args.since else None
    until = parse_date(args.until, today) if args.until else None
    if since and until and since > until:
        raise InputError(f"--since {since} is after --until {until}; swap them.")
    who = journal.resolve(args.who).id if args.who else None
    if args.tag:
        tagged = [*journal.records(TABLE_STAKEHOLDERS), *journal.records(TABLE_SHARES)]
        if problem := unknown_tag(args.tag, tagged):
            raise InputError(problem)
    filters = Filters(
        **({"kinds": kinds} if kinds else {}),
        who=who,
        since=since,
        until=until,
        formal=args.formal,
        tag=args.tag,
    )
    with journal.reading():
        results = search(journal, query, filters, limit=args.limit, width=SNIPPET_WIDTH)
    names = journal.names()
    if args.json:
        print_json([_as_json(hit, names) for hit in results.hits])
        return 0
    if not results.hits:
        narrowed = " with those options" if filters != Filters() else ""
        print(f"Nothing matches {safe(typed)!s}{narrowed}.")
        return 0
    terminal = sys.stdout.isatty()
    marks = terminal and not os.environ.get("NO_COLOR")
    columns = shutil.get_terminal_size().columns if terminal else 0
    for hit in results.hits:
        print(_line(hit, names, marks, columns))
    if results.more:
        print(
            f"sj: the {args.limit} newest shown, more match; --limit 0 shows them all.",
            file=sys.stderr,
        )
    return 0


def _quoted(word: str) -> str:
    """A word as typed: the shell took the quotes off a phrase."""
    if " " in word.strip() and '"' not in word:
        negate = word.startswith("-")
        return f'{"-" if negate else ""}"{word[negate:]}"'
    return word


def _as_json(hit: Hit, names: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "id": hit.id,
        "date": hit.date,
        "stakeholders": names_of(hit, names),
        "field": hit.field,
        "snippet": hit.snippet.text,
    }


def _line(hit: Hit, names: dict[str, str], marks: bool, columns: int = 0) -> str:
    """A result on one line; on a terminal ``columns`` wide, its snippet
    takes what the rest of the line leaves, so the line fits."""
    who = ", ".join(names_of(hit, names))
    head = f"{hit.date or '':10}  {KIND_LABELS[hit.kind]:<{KIND_WIDTH}}  "
    if who:
        head += f"{safe(who)} · "
    head += f"{hit.label}: "
    part = hit.snippet
    if columns:
        room = max(NARROWEST, columns - 1 - cell_len(head))
        part = snippet(hit.query, field_text(hit.record, hit.field), room)
    return f"{head}{_marked(part, marks)}"


def _marked(part: Snippet, marks: bool) -> str:
    text = part.text
    if not marks:
        return safe(text)
    out, at = [], 0
    for start, end in part.marks:
        out += [safe(text[at:start]), MARK_ON, safe(text[start:end]), MARK_OFF]
        at = end
    out.append(safe(text[at:]))
    return "".join(out)

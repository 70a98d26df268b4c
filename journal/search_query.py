"""The search query language, and the snippet shown around a match.

- Every word must match, as a whole word: ``permits maps``.
- A quoted phrase matches its words in that order: ``"spring consultation"``
  (punctuation and line breaks between them do not matter).
- ``-word`` (or ``-"a phrase"``) leaves out the records that hold it.
- The last word also matches as the start of a word (``perm`` finds
  "permits"), so results can follow each keystroke.
- Case and accents never matter, in the query or in the text: both are
  compared folded (:func:`journal.rules.fold`).

A word that holds punctuation (``e-mail``, ``O'Brien``) is a phrase of its
parts. Nothing here knows about records: :mod:`journal.search` applies a
:class:`Query` to the journal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .rules import fold

#: Between two records, and between two fields of one record, in the folded
#: text that is searched: no phrase reaches across either.
RECORD_SEP = "\x1e"
FIELD_SEP = "\x1f"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_BETWEEN = rf"[^\w{RECORD_SEP}{FIELD_SEP}]+"


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query, folded."""

    words: tuple[str, ...]
    #: The last word may be the start of a longer word.
    prefix: bool
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, words: list[str], prefix: bool) -> Term:
        escaped = [re.escape(w) for w in words]
        first = escaped[0]
        # The first word is found as text, then checked to start a word
        # (not preceded by a letter): a pattern that begins with a literal
        # is scanned for at C speed, several times quicker than one that
        # begins with the check. A word is letters, so the look back is of
        # a fixed width.
        body = _BETWEEN.join([rf"{first}(?<!\w{first})", *escaped[1:]])
        end = "" if prefix else r"(?!\w)"
        return cls(tuple(words), prefix, re.compile(body + end))


@dataclass(frozen=True)
class Query:
    """What a user typed, parsed: terms that must all match, terms that
    must not."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that must be found, longest first."""
        return tuple(sorted({w for t in self.terms for w in t.words}, key=len, reverse=True))

    def matches(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether the folded ``text[start:end]`` holds every term and no
        excluded one."""
        stop = len(text) if end is None else end
        return all(t.pattern.search(text, start, stop) for t in self.terms) and not any(
            t.pattern.search(text, start, stop) for t in self.excluded
        )


def parse_query(text: str) -> Query:
    """The :class:`Query` that ``text`` spells. An unclosed quote runs to the
    end (a phrase being typed); a token without a letter or digit is ignored."""
    found: list[tuple[list[str], bool, bool]] = []  # words, excluded, quoted
    for match in _TOKEN.finditer(text):
        negate, phrase, bare = match.groups()
        if bare is not None:
            negate = "-" if bare.startswith("-") and len(bare) > 1 else ""
            chunk, quoted = bare[len(negate) :], False
        else:
            chunk, quoted = phrase, True
        words = _WORD.findall(fold(chunk))
        if words:
            found.append((words, bool(negate), quoted))
    terms: list[Term] = []
    excluded: list[Term] = []
    for i, (words, negate, quoted) in enumerate(found):
        last = i == len(found) - 1
        # A quoted phrase is a prefix only while its quote is still open.
        open_quote = quoted and text.count('"') % 2 == 1
        prefix = last and not negate and (not quoted or open_quote)
        (excluded if negate else terms).append(Term.of(words, prefix))
    return Query(tuple(terms), tuple(excluded))


# -- snippets


@dataclass(frozen=True)
class Snippet:
    """A window of a field's text around its first match, on one line;
    ``marks`` are the (start, end) spans of ``text`` that matched."""

    text: str
    marks: tuple[tuple[int, int], ...]


def folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded, and for each folded character the index of the
    character of ``text`` it came from (plus the end)."""
    if text.isascii():
        return text.lower(), range(len(text) + 1)
    parts: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        piece = fold(char)
        parts.append(piece)
        offsets.extend([i] * len(piece))
    offsets.append(len(text))
    return "".join(parts), offsets


def first_match(query: Query, text: str) -> tuple[int, int] | None:
    """The span of ``text`` (not folded) where a term of ``query`` first
    matches, or None."""
    spans = match_spans(query, text)
    return spans[0] if spans else None


def match_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Every span of ``text`` that a term of ``query`` matches, in order."""
    return sorted({(a, b) for a, b, _term in _term_spans(query, text)})


def _term_spans(query: Query, text: str) -> list[tuple[int, int, int]]:
    """Each match in ``text`` (not folded) as (start, end, which term)."""
    folded, offsets = folded_with_offsets(text)
    return [
        (offsets[m.start()], offsets[m.end() - 1] + 1, n)
        for n, term in enumerate(query.terms)
        for m in term.pattern.finditer(folded)
        if m.end() > m.start()
    ]


#: What a line break shows as in a snippet (one line): between two
#: follow-ups, or two paragraphs of a note.
LINE_BREAK = " · "


def snippet(query: Query, text: str, width: int = 72) -> Snippet:
    """About ``width`` characters of ``text`` around a match, line breaks
    shown as " · ", "…" where it was cut. The window shows as many of the
    query's terms as it can, and of equal windows the one with the term
    typed last (the one being typed)."""
    found = _term_spans(query, text)
    spans = sorted({(a, b) for a, b, _n in found})
    if len(text) <= width:
        left, right = 0, len(text)
    else:
        left, right = _window(text, found, width)
    lead = "…" if left else ""
    part = text[left:right]
    shown = lead + part.replace("\n", LINE_BREAK).replace("\r", " ").replace("\t", " ")
    if right < len(text):
        shown += "…"
    grown = len(LINE_BREAK) - 1

    def at(offset: int) -> int:  # where text[offset] is in shown
        return len(lead) + (offset - left) + grown * part.count("\n", 0, offset - left)

    marks = tuple((at(max(a, left)), at(min(b, right))) for a, b in spans if b > left and a < right)
    return Snippet(shown, marks)


def _window(text: str, found: list[tuple[int, int, int]], width: int) -> tuple[int, int]:
    """Where in ``text`` (longer than ``width``) a snippet starts and ends."""
    best: tuple[tuple[int, int, int], int, int] | None = None
    tries = []
    for start, end, _n in sorted(found) or [(0, 0, -1)]:
        before = max(0, (width - (end - start)) // 3)
        # Near the end of the text, the room left after it goes before the match.
        before = max(before, width - 1 - (len(text) - start))
        # Some text before the match; or none, for the room after it.
        tries += [(start, end, before), (start, end, 0)]
    for start, end, before in tries:
        left = max(0, start - before)
        if left:  # start on a word
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else left
        right = min(len(text), left + width)
        if right < len(text) and right > end:
            space = text.rfind(" ", end, right)
            right = space if space > end else right
        inside = {n for a, b, n in found if a >= left and b <= right}
        score = (len(inside), max(inside, default=-1), -start)
        if best is None or score > best[0]:
            best = (score, left, right)
    assert best is not None
    return best[1], best[2]

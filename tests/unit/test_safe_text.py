"""Characters that would act on the terminal or change how text is displayed
(controls, direction overrides, zero-width and other format characters, line
separators) are shown escaped, by the command line and by the app alike."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from tui.app.text import clean
from tui.cli.output import safe
from tui.safe_text import UNSAFE, escape_unsafe

BOTH = pytest.mark.parametrize("show", [safe, clean, escape_unsafe], ids=["safe", "clean", "core"])

ESCAPED = {
    # control characters, as before
    "\x00": "\\x00",
    "\x1b": "\\x1b",
    "\r": "\\x0d",
    "\x7f": "\\x7f",
    "\x9b": "\\x9b",
    # direction embeddings, overrides and isolates
    "\u202a": "\\u202a",
    "\u202b": "\\u202b",
    "\u202c": "\\u202c",
    "\u202d": "\\u202d",
    "\u202e": "\\u202e",
    "\u2066": "\\u2066",
    "\u2067": "\\u2067",
    "\u2068": "\\u2068",
    "\u2069": "\\u2069",
    # zero-width characters and direction marks
    "\u200b": "\\u200b",
    "\u200c": "\\u200c",
    "\u200d": "\\u200d",
    "\u200e": "\\u200e",
    "\u200f": "\\u200f",
    "\u2060": "\\u2060",
    "\u2061": "\\u2061",
    "\u2064": "\\u2064",
    "\ufeff": "\\ufeff",
    # soft hyphen: below U+0100, so spelled like the control characters
    "\xad": "\\xad",
    # other format characters, including astral ones (tag characters)
    "\u061c": "\\u061c",
    "\ufff9": "\\ufff9",
    "\U000e0001": "\\U000e0001",
    "\U000e0041": "\\U000e0041",
    # line and paragraph separators
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@BOTH
@pytest.mark.parametrize("char", list(ESCAPED), ids=[f"U+{ord(c):04X}" for c in ESCAPED])
def test_each_kind_of_unsafe_character_is_escaped(show, char):
    out = show(f"Ana{char}Ruiz")
    assert out == f"Ana{ESCAPED[char]}Ruiz"
    assert char not in out


@BOTH
def test_a_right_to_left_override_cannot_reverse_a_name(show):
    assert show("\u202eevil.exe") == "\\u202eevil.exe"
    assert show("a\u2067b\u2069c\u200bd") == "a\\u2067b\\u2069c\\u200bd"


@BOTH
def test_tab_and_newline_are_kept(show):
    assert show("line one\n\tline two") == "line one\n\tline two"


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz",
        "José Müller, Zoë Ñúñez, Łukasz Żółć",
        "e\u0301 (combining accent)",
        "東京都庁 · 서울 · Москва · Αθήνα",
        "مرحبا · שלום",  # right-to-left letters are fine; only the controls are not
        "no\u00a0break, ideographic\u3000space",
        "😀 👍🏽 🇫🇷 1️⃣ ❤️",
        "",
    ],
)
def test_ordinary_text_is_unchanged(show, text):
    assert show(text) == text


@BOTH
def test_zero_width_joiner_in_emoji_sequences_is_escaped_too(show):
    # U+200D is a format character; it is escaped everywhere, emoji included:
    # names rarely contain one and a hidden joiner is a way to spoof.
    assert show("👩\u200d💻") == "👩\\u200d💻"


def test_clean_maps_none_to_empty_and_safe_stringifies():
    assert clean(None) == ""
    assert safe(None) == "None"
    assert safe(42) == "42" and clean(42) == "42"


def _all_characters() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


def test_every_format_control_and_separator_character_is_matched():
    """Checks the hand-written ranges against this Python's Unicode database,
    so that a newer Unicode version's additions cannot be missed silently."""
    everything = _all_characters()
    matched = {m.start() for m in UNSAFE.finditer(everything)}
    wanted = {
        code
        for code, char in enumerate(everything)
        if unicodedata.category(char) in ("Cf", "Zl", "Zp")
        or (unicodedata.category(char) == "Cc" and char not in "\t\n")
    }
    missing = sorted(wanted - matched)
    assert not missing, [f"U+{code:04X} {unicodedata.name(chr(code), '')}" for code in missing]
    # Nothing else is escaped but unassigned code points inside those blocks.
    extra = {code for code in matched - wanted if unicodedata.category(chr(code)) != "Cn"}
    assert not extra, sorted(f"U+{code:04X}" for code in extra)
    assert 0x09 not in matched and 0x0A not in matched


def test_printable_text_never_needs_the_regex():
    # escape_unsafe skips the regex for str.isprintable() text: that is only
    # right while every character the regex matches is not printable.
    everything = _all_characters()
    printable = [m.group() for m in UNSAFE.finditer(everything) if m.group().isprintable()]
    assert printable == []


def test_escapes_are_spelled_as_python_spells_them():
    # \xNN up to U+00FF, \uNNNN up to U+FFFF, \UNNNNNNNN above: as repr() does.
    for char in ("\x1b", "\xad", "\u202e", "\ufeff", "\U000110bd", "\U000e007f"):
        assert escape_unsafe(char) == repr(char)[1:-1]

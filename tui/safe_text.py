"""Showing user text (names, notes) on a terminal exactly as typed.

Some characters would act on the terminal or change how the text around them
is displayed instead of being shown: control characters (terminal escape
sequences), format characters (right-to-left overrides, embeddings and
isolates, zero-width spaces and joiners, the soft hyphen, ...) and the line
and paragraph separators. These are shown as escapes in Python's spelling:
``\\x1b`` up to U+00FF, ``\\u202e`` up to U+FFFF, ``\\U000e0041`` above.
Tab and newline are kept as they are.

This module uses only ``re``: the command line imports it and must start fast.
"""

from __future__ import annotations

import re

# Control characters (Unicode category Cc) except tab (0x09) and newline (0x0a).
CONTROL_RANGES: tuple[tuple[int, int], ...] = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))

# Every format character (category Cf), written out because scanning
# ``unicodedata`` at import takes about 0.2 s. tests/unit/test_safe_text.py
# checks this list against ``unicodedata``, so a Python with a newer Unicode
# version that adds format characters fails there. A few unassigned code points
# inside these blocks are included (U+2065, U+13439..U+1343F, which became
# format characters in Unicode 15); escaping them does no harm.
FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x0600, 0x0605),  # Arabic number signs
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; LRM, RLM
    (0x202A, 0x202E),  # direction embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, isolates, deprecated
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters
)

# Line separator and paragraph separator (categories Zl and Zp).
SEPARATOR_RANGES: tuple[tuple[int, int], ...] = ((0x2028, 0x2029),)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    def one(code: int) -> str:
        return f"\\U{code:08x}"

    return "[" + "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges) + "]"


UNSAFE = re.compile(_char_class(CONTROL_RANGES + FORMAT_RANGES + SEPARATOR_RANGES))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_unsafe(text: str) -> str:
    """``text`` with control, format and separator characters shown as escapes."""
    if text.isprintable():
        # The common case, checked at C speed: a printable string has no
        # character of categories Cc, Cf, Zl, Zp (nor unassigned ones), so
        # nothing in UNSAFE. Tab, newline and no-break spaces are not
        # printable and take the regex.
        return text
    return UNSAFE.sub(_escaped, text)

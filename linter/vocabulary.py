"""Facts about text and requests that several layers share, defined once.

Lists users benefit from reading (providers, hosts) live as data in ``rules/``; these are small, stable facts of
the runtime and of Unicode, kept as code.
"""

from __future__ import annotations

# Characters that render as nothing but are kept by json.decode, dart:io and servers: copied from web pages and
# chat apps into keys and header values. Wrong anywhere in a key, a header name or a value.
ZERO_WIDTH_CHARACTERS = frozenset(
    "\u00ad"  # SOFT HYPHEN
    "\u180e"  # MONGOLIAN VOWEL SEPARATOR
    "\u200b"  # ZERO WIDTH SPACE
    "\u200c"  # ZERO WIDTH NON-JOINER
    "\u200d"  # ZERO WIDTH JOINER
    "\u2060"  # WORD JOINER
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (byte-order mark)
)
# Spaces that look like a plain space or a line end but are not one: wrong at the ends of a value; inside one they
# may separate words on purpose, so they are judged where they sit (an auth scheme gap is A002's).
UNUSUAL_SPACES = frozenset(
    "\u00a0"  # NO-BREAK SPACE
    "\u2028"  # LINE SEPARATOR
    "\u2029"  # PARAGRAPH SEPARATOR
    "\u3000"  # IDEOGRAPHIC SPACE
)
INVISIBLE_CHARACTERS = ZERO_WIDTH_CHARACTERS | UNUSUAL_SPACES


def is_blank(char: str) -> bool:
    """Whitespace or an invisible character: what a safe fix may remove."""
    return char.isspace() or char in INVISIBLE_CHARACTERS

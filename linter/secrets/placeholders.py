"""Values that stand for a secret instead of being one: template leftovers, documentation markers, elisions."""

from __future__ import annotations

import re

# Template leftovers and markers, checked on the part after any known prefix.
_PLACEHOLDER = re.compile(
    r"(?i:x{4,}|\*{3,}|\.\.\.|…|placeholder|redacted|insert[_-]?|replace[_-]?me|changeme|dummy|sample)"
    r"|(?i:example)$|example\.(?:com|org|net)"
    r"|(?:YOUR|[Yy]our)[_-]?(?:[A-Z]{2}|[a-z]{3}|\d)"
    r"|^(?i:tu|su|seu|sua|votre|ton|dein|deine|tuo|tua)[_-][A-Za-z_-]+$"  # "your_…" in other languages, all words
    r"|(.)\1{9,}|0123456|123456789|abcdefgh|ABCDEFGH"
)
# Documentation markers at the end of a value (AWS style "...EXAMPLE"): a documentation example, reported as such.
EXAMPLE_MARKER = re.compile(r"EXAMPLE(?:KEY)?$")
# A value or JWT signature elided in documentation.
ELIDED = re.compile(r"[xX]{4,}|\.\.\.|…|\*{3,}")
TEMPLATE = re.compile(r"\$\{|^\$[A-Za-z_]|\{\{|\}\}|^<.*>$|^\[.*\]$|^\{.*\}$")


def is_placeholder(body: str) -> bool:
    return bool(_PLACEHOLDER.search(body) or TEMPLATE.search(body))

"""H family: header names and values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.common import header_hint, sent_headers
from linter.findings import Edit, Finding, Fix
from linter.model import Export, Template
from linter.rules import check

# RFC 9110 token characters; dart:io throws "Invalid HTTP header field name" on anything else.
_TOKEN_CHAR = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]")
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def describe_char(char: str) -> str:
    if char == " ":
        return "a space"
    if char == "\t":
        return "a tab"
    if char in "\r\n":
        return "a line break"
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


@check("H001")
def check_header_name_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call, header in sent_headers(export):
        name = header.name
        if not isinstance(name, Template) or not name.is_literal:
            continue
        text = name.text
        bad = [index for index, char in enumerate(text) if not _TOKEN_CHAR.fullmatch(char)]
        if not bad:
            continue
        stripped = text.strip().translate({ord(c): None for c in _INVISIBLE})
        fixable = stripped and all(_TOKEN_CHAR.fullmatch(char) for char in stripped)
        fix = None
        if fixable:
            start, end = name.source_range(0, len(text))
            fix = Fix(
                "remove the whitespace and invisible characters from the name",
                (Edit(name.file.relpath, start, end, stripped),),
            )
        first = bad[0]
        shown = stripped if fixable else text.strip()
        yield ctx.finding(
            "H001",
            name.span(first, bad[-1] + 1),
            f"header name '{shown}' in '{call.name}' contains {describe_char(text[first])} at position {first + 1}: "
            "dart:io refuses to send it (FormatException: Invalid HTTP header field name)",
            fix=fix,
            hint=header_hint(call, header),
            key=text,
        )

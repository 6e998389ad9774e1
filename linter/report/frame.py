"""Code frames: the offending lines with the span underlined, secrets masked, invisible characters made visible."""

from __future__ import annotations

import bisect
import os
import unicodedata
from collections.abc import Iterable
from functools import cache

from linter.model import FileKind, SourceFile, Span

MAX_FRAME_LINES = 4
MAX_LINE_WIDTH = 160
_CARET_COLOR, _RESET = "\x1b[1;31m", "\x1b[0m"
# Built-in lexers by name only: guessing from the file name would load every installed pygments plugin.
_LEXER_BY_SUFFIX = {
    ".dart": "dart",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".json": "json",
    ".arb": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".env": "bash",
    ".sh": "bash",
    ".xml": "xml",
    ".plist": "xml",
    ".html": "html",
    ".kt": "kotlin",
    ".swift": "swift",
    ".java": "java",
    ".py": "python",
    ".toml": "toml",
    ".ini": "ini",
    ".properties": "properties",
}


def color_wanted(stream_is_tty: bool) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    return stream_is_tty and not os.environ.get("NO_COLOR")


def secret_ranges(known: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged source ranges to mask. ``known`` comes from the engine's record of the file's secrets
    (``LintResult.secret_spans``), which holds every match of the secret scanner, so a report needs no scan."""
    ranges = sorted(set(known))
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _visible(char: str) -> str:
    """Control, format (bidi, zero-width) and separator characters shown as <U+XXXX>; tabs kept."""
    if char != "\t" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
        return f"<U+{ord(char):04X}>"
    return char


def _display_line(file: SourceFile, line: int, secrets: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The line as shown and, for every character index 0..len, where it lands in the shown text.

    ``secrets`` are merged, sorted source ranges; one pass over the line (a fuzzed file had 3,600 findings on one
    3,600-character line, and a walk over the ranges at every character made each frame quadratic).
    """
    from linter.secrets import redact
    from linter.secrets.redact import random_runs

    line_start = file._line_starts[line - 1]
    text = file.line_text(line)
    line_end = line_start + len(text)
    if any(start < line_end and line_start < end for start, end in secrets):
        # A line that holds a secret may hold its companion too (the client id beside the client secret, a key
        # fflint has no name or format for): any other random-looking run on it is masked as well.
        runs = [(line_start + start, line_start + end) for start, end in random_runs(text)]
        secrets = secret_ranges([*secrets, *runs])
    out: list[str] = []
    mapping: list[int] = []
    shown = 0
    index = 0
    pending = bisect.bisect_right([end for _, end in secrets], line_start)  # the first range that ends past the start
    while index < len(text):
        offset = line_start + index
        while pending < len(secrets) and secrets[pending][1] <= offset:
            pending += 1
        if pending < len(secrets) and secrets[pending][0] <= offset:
            start, end = secrets[pending]
            stop = min(end - line_start, len(text))
            replacement = redact(file.text[start:end]) if start >= line_start else "…"
            mapping.extend([shown] * (stop - index))
            out.append(replacement)
            shown += len(replacement)
            index = stop
            continue
        piece = _visible(text[index])
        mapping.append(shown)
        out.append(piece)
        shown += len(piece)
        index += 1
    mapping.append(shown)
    return "".join(out), mapping


@cache
def _lexer(suffix: str):
    from pygments.lexers import get_lexer_by_name

    return get_lexer_by_name(_LEXER_BY_SUFFIX.get(suffix, "text"))


def _highlight(text: str, suffix: str) -> str:
    from pygments import highlight
    from pygments.formatters import TerminalFormatter

    return highlight(text, _lexer(suffix), TerminalFormatter()).rstrip("\n")


def render_frame(
    file: SourceFile,
    span: Span,
    secrets: list[tuple[int, int]],
    *,
    color: bool = False,
    shown_lines: dict[int, tuple[str, list[int]]] | None = None,
) -> str:
    """A frame such as::

    12 |         'Authorization': 'Bearer${token}',
       |                          ^^^^^^^^^^^^^^^^^

    ``shown_lines`` keeps the display lines of one file (with these ``secrets``) between calls: many findings on
    one long line share the work.
    """
    shown_lines = {} if shown_lines is None else shown_lines
    if not file.text:
        return ""
    last = min(span.end_line, span.line + MAX_FRAME_LINES - 1)
    if span.end_line > span.line and span.end_col == 1:
        last = min(last, span.end_line - 1)  # a span ending at a line start does not touch that line
    width = len(str(last))
    suffix = ".env" if file.kind is FileKind.DOTENV else os.path.splitext(file.path.name)[1].lower()
    rows = []
    for line in range(span.line, last + 1):
        if line not in shown_lines:
            shown_lines[line] = _display_line(file, line, secrets)
        shown, mapping = shown_lines[line]
        first, final = line == span.line, line == span.end_line
        start = mapping[min(span.col - 1, len(mapping) - 1)] if first else len(shown) - len(shown.lstrip())
        end = mapping[min(span.end_col - 1, len(mapping) - 1)] if final else len(shown)
        end = max(end, start + 1)
        window = 0
        if len(shown) > MAX_LINE_WIDTH:
            window = max(0, min(start - 40, len(shown) - MAX_LINE_WIDTH))
            shown = ("…" if window else "") + shown[window : window + MAX_LINE_WIDTH] + "…"
            start, end = start - window + (1 if window else 0), end - window + (1 if window else 0)
            end = min(end, len(shown))
        pad = "".join("\t" if char == "\t" else " " for char in shown[:start])
        carets = "^" * max(1, end - start)
        code = _highlight(shown, suffix) if color else shown
        underline = f"{_CARET_COLOR}{carets}{_RESET}" if color else carets
        rows.append(f"{line:>{width}} | {code}".rstrip())
        rows.append(f"{'':>{width}} | {pad}{underline}")
    if last < span.end_line:
        rows.append(f"{'':>{width}} | …")
    return "\n".join(rows)

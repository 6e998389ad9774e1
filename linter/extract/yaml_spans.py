"""YAML scalars as templates: ruamel.yaml's composer gives each scalar's exact start and end, and plain, single-
and double-quoted scalars are re-scanned here so that every rendered character has its source offset (escapes and
folded line breaks are ``esc`` segments). Block scalars are mapped line by line when that reproduces the loaded
value, else as one segment over the whole block."""

from __future__ import annotations

from typing import Any

from linter.model import Segment, SourceFile, Template

_DOUBLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _fold(text: str, start: int, end: int, segments: list[Segment]) -> None:
    """Segments for the line break(s) in ``text[start:end]`` of a flow scalar: trailing spaces of the line are
    dropped, one break becomes a space, each further break a newline (YAML line folding)."""
    breaks = text.count("\n", start, end)
    segments.append(Segment("esc", " " if breaks == 1 else "\n" * (breaks - 1), start, end))


def _flow_segments(text: str, start: int, end: int, style: str | None) -> list[Segment] | None:
    """Segments of a quoted or plain scalar ``text[start:end]`` (quotes included), or None if unsupported."""
    segments: list[Segment] = []
    if style is None:
        inner_start, inner_end = start, end
    else:
        inner_start, inner_end = start + 1, end - 1
    index = run = inner_start

    def flush(until: int) -> None:
        if run < until:
            segments.append(Segment("lit", text[run:until], run, until))

    while index < inner_end:
        char = text[index]
        if char in "\r\n" or (char in " \t" and _only_space_to_break(text, index, inner_end)):
            # Trailing spaces, the break(s) and the next line's indentation fold together.
            fold_start = index
            while index < inner_end and text[index] in " \t\r\n":
                index += 1
            flush(fold_start)
            _fold(text, fold_start, index, segments)
            run = index
            continue
        if style == "'" and text.startswith("''", index):
            flush(index)
            segments.append(Segment("esc", "'", index, index + 2))
            index = run = index + 2
            continue
        if style == '"' and char == "\\":
            flush(index)
            kind = text[index + 1] if index + 1 < inner_end else ""
            if kind in _HEX_ESCAPES:
                width = _HEX_ESCAPES[kind]
                segments.append(
                    Segment("esc", chr(int(text[index + 2 : index + 2 + width], 16)), index, index + 2 + width)
                )
                index = run = index + 2 + width
                continue
            if kind in _DOUBLE_ESCAPES:
                segments.append(Segment("esc", _DOUBLE_ESCAPES[kind], index, index + 2))
                index = run = index + 2
                continue
            if kind in "\r\n":  # an escaped line break joins the lines without a space
                after = index + 1
                while after < inner_end and text[after] in " \t\r\n":
                    after += 1
                segments.append(Segment("esc", "", index, after))
                index = run = after
                continue
            return None
        index += 1
    flush(inner_end)
    return segments


def _only_space_to_break(text: str, index: int, end: int) -> bool:
    while index < end and text[index] in " \t":
        index += 1
    return index < end and text[index] in "\r\n"


def _block_segments(text: str, start: int, end: int) -> list[Segment] | None:
    """Line-by-line segments of a literal block scalar (``|``); None for folded ones or odd indentation."""
    header_end = text.find("\n", start, end)
    if header_end == -1 or text[start] != "|":
        return None
    lines = []
    index = header_end + 1
    while index < end:
        line_end = text.find("\n", index, end)
        line_end = end if line_end == -1 else line_end + 1
        lines.append((index, line_end))
        index = line_end
    contents = [(s, e) for s, e in lines if text[s:e].strip()]
    if not contents:
        return None
    indent = min(len(text[s:e]) - len(text[s:e].lstrip(" ")) for s, e in contents)
    segments: list[Segment] = []
    for line_start, line_end in lines:
        body_start = min(line_start + indent, line_end)
        body_end = line_end
        newline = ""
        if text[body_start:line_end].endswith("\n"):
            body_end = line_end - (2 if text[body_start:line_end].endswith("\r\n") else 1)
            newline = "\n"
        if body_start < body_end:
            segments.append(Segment("lit", text[body_start:body_end], body_start, body_end))
        if newline:
            segments.append(Segment("esc" if text[body_end] == "\r" else "lit", "\n", body_end, line_end))
    return segments


def _trim_to(segments: list[Segment], value: str) -> list[Segment] | None:
    """Drop trailing newline segments until the rendered text equals ``value`` (block chomping)."""
    while segments and "".join(segment.text for segment in segments) != value:
        if segments[-1].text.strip("\n"):
            return None
        segments.pop()
    return segments if "".join(segment.text for segment in segments) == value else None


def scalar_template(file: SourceFile, node: Any) -> Template:
    """The template of a ruamel ScalarNode, mapped into ``file``'s text."""
    text, start, end = file.text, node.start_mark.index, node.end_mark.index
    style = node.style
    segments: list[Segment] | None
    if style in ("|", ">"):
        segments = _block_segments(text, start, end) if style == "|" else None
        segments = _trim_to(segments, node.value) if segments is not None else None
    else:
        segments = _flow_segments(text, start, end, style)
    if segments is None or "".join(segment.text for segment in segments) != node.value:
        # Best effort: the whole scalar as one segment (spans cover the scalar; no partial edits).
        segments = [Segment("esc", node.value, start, end)]
    return Template(file, segments, start, end, raw=style == "'")


def slice_template(template: Template, begin: int, finish: int) -> Template:
    """The part of ``template`` that renders characters ``begin`` to ``finish``, with the same source mapping."""
    segments: list[Segment] = []
    position = 0
    for segment in template.segments:
        length = len(segment.text)
        low, high = max(begin, position), min(finish, position + length)
        if low < high or (length == 0 and begin <= position < finish):
            if segment.kind == "lit":
                offset = segment.start + (low - position)
                segments.append(
                    Segment("lit", segment.text[low - position : high - position], offset, offset + high - low)
                )
            else:
                segments.append(segment)
        position += length
    if segments:
        return Template(template.file, segments, segments[0].start, segments[-1].end, template.raw)
    offset = template.source_offset(begin)
    return Template(template.file, [], offset, offset, template.raw)

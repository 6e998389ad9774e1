"""Request URLs as the runtime builds them: the group's base URL, environment values filled in, literal parts
kept with their source positions so that a check can point at (and a fix can edit) the exact characters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.model import ApiCall, EnvValue, Export, Span, Template, Variable
from linter.resolve.environment import env_value, getter_of

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass
class Piece:
    """A run of the filled URL and where it comes from.

    ``template`` and [``begin``, ``end``) locate it in the source: the literal characters for ``kind`` "lit", the
    whole interpolation for "env" and "unresolved"; "synthetic" text (2021's ``https://``) has no source of its own.
    """

    start: int  # offset in the filled text
    text: str
    kind: str  # "lit" | "env" | "unresolved" | "synthetic"
    template: Template
    begin: int
    end: int
    env: EnvValue | None = None

    @property
    def stop(self) -> int:
        return self.start + len(self.text)


@dataclass
class FilledUrl:
    call: ApiCall
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def add(self, text: str, kind: str, template: Template, begin: int, end: int, env: EnvValue | None = None) -> None:
        if text or kind != "lit":
            start = self.pieces[-1].stop if self.pieces else 0
            self.pieces.append(Piece(start, text, kind, template, begin, end, env))

    def covering(self, start: int, end: int) -> list[Piece]:
        return [p for p in self.pieces if p.start < max(end, start + 1) and start < max(p.stop, p.start + 1)]

    def unresolved(self, start: int, end: int) -> bool:
        return any(piece.kind == "unresolved" for piece in self.covering(start, end))

    def literal(self, start: int, end: int) -> tuple[Template, int, int] | None:
        """The template and rendered range when [start, end) lies inside one literal piece."""
        for piece in self.pieces:
            if piece.kind == "lit" and piece.start <= start and end <= piece.stop:
                return piece.template, piece.begin + start - piece.start, piece.begin + end - piece.start
        return None

    def span(self, start: int, end: int) -> Span:
        found = self.literal(start, end)
        if found is not None:
            template, begin, finish = found
            return template.span(begin, finish)
        pieces = [piece for piece in self.covering(start, end) if piece.kind != "synthetic"] or [
            piece for piece in self.pieces if piece.kind != "synthetic"
        ]
        first, last = pieces[0], pieces[-1]
        if first.template is last.template:
            return first.template.span(first.begin, last.end)
        return first.template.span(first.begin, first.end)

    def env_values(self, start: int, end: int) -> list[EnvValue]:
        return [piece.env for piece in self.covering(start, end) if piece.env is not None]

    def from_group(self, start: int, end: int) -> bool:
        """True when [start, end) comes from the group's base URL (reported once, at the group)."""
        call_url = self.call.url
        return all(piece.template is not call_url for piece in self.covering(start, end))


def _fill(export: Export, filled: FilledUrl, template: Template, variables: dict[str, Variable], skip_first=False):
    position = 0
    for begin, end, expression in template.interpolations:
        filled.add(template.text[position:begin], "lit", template, position, begin)
        position = end
        if skip_first and begin == 0:
            continue
        getter = getter_of(expression, variables)
        resolved = env_value(export, getter) if getter else None
        if resolved is not None and resolved.value is not None and resolved.type == "String":
            filled.add(resolved.value.text, "env", template, begin, end, resolved)
        else:
            filled.add(template.text[begin:end], "unresolved", template, begin, end)
    filled.add(template.text[position:], "lit", template, position, len(template.text))


def fill_url(export: Export, call: ApiCall, variables: dict[str, Variable]) -> FilledUrl | None:
    """The call's URL as the runtime builds it, environment values filled, or None when it is not a template."""
    url = call.url
    if not isinstance(url, Template):
        return None
    filled = FilledUrl(call)
    base = call.base_url if isinstance(call.base_url, Template) else None
    if base is not None and call.group is None and not url.text.startswith(("$", "http")):
        # 2021: Uri.https(apiDomain, apiEndpoint).
        filled.add("https://", "synthetic", base, 0, 0)
        _fill(export, filled, base, variables)
        if not url.text.startswith("/"):
            filled.add("/", "synthetic", url, 0, 0)
        _fill(export, filled, url, variables)
        return filled
    uses_base = base is not None and any(begin == 0 for begin, _, _ in url.interpolations)
    if uses_base and base is not None:
        _fill(export, filled, base, variables)
    _fill(export, filled, url, variables, skip_first=uses_base)
    return filled


@dataclass
class UrlParts:
    scheme: str
    host: str
    host_start: int
    host_end: int
    authority_start: int
    authority_end: int
    path: str
    path_end: int
    query_start: int | None  # offset after "?"
    query_end: int

    def query_pairs(self, text: str) -> list[tuple[str, str, int]]:
        """(name, value, offset of the value) of each ``name=value`` pair of the query, in order."""
        if self.query_start is None:
            return []
        pairs = []
        position = self.query_start
        for pair in text[self.query_start : self.query_end].split("&"):
            name, _, value = pair.partition("=")
            pairs.append((name, value, position + len(name) + 1))
            position += len(pair) + 1
        return pairs


def split_url(text: str) -> UrlParts | None:
    """Scheme, host and the offsets of each part of an absolute URL; None without "scheme://"."""
    scheme = _SCHEME.match(text)
    if scheme is None or not text.startswith("//", scheme.end()):
        return None
    authority_start = scheme.end() + 2
    authority_end = len(text)
    for mark in "/?#":
        index = text.find(mark, authority_start)
        if index != -1:
            authority_end = min(authority_end, index)
    host_start = text.rfind("@", authority_start, authority_end) + 1 or authority_start
    host_end = authority_end
    if text.startswith("[", host_start):
        closing = text.find("]", host_start, authority_end)
        host_end = closing + 1 if closing != -1 else authority_end
    else:
        colon = text.find(":", host_start, authority_end)
        if colon != -1:
            host_end = colon
    path_end = len(text)
    for mark in "?#":
        index = text.find(mark, authority_end)
        if index != -1:
            path_end = min(path_end, index)
    query = text.find("?", authority_end)
    fragment = text.find("#", authority_end)
    query_start = query + 1 if query != -1 and (fragment == -1 or query < fragment) else None
    query_end = fragment if fragment != -1 and query_start is not None and fragment > query_start else len(text)
    return UrlParts(
        scheme=scheme.group(1),
        host=text[host_start:host_end],
        host_start=host_start,
        host_end=host_end,
        authority_start=authority_start,
        authority_end=authority_end,
        path=text[authority_end:path_end],
        path_end=path_end,
        query_start=query_start,
        query_end=query_end,
    )


# What makes a query value an expression of the API's own formula or query language (Airtable's filterByFormula,
# OData's $filter, a search syntax): quotes, parentheses or comparison operators. Such a value is sent percent-encoded
# and read by the API, its `{Field}` references and quotes included.
_FORMULA_SYNTAX = re.compile(r"""['"()<>]|!=""")
_QUOTES = "'\"`"


@dataclass(frozen=True)
class FormulaValue:
    name: str  # the query parameter
    start: int  # offsets of the value in the text
    end: int
    ampersands: tuple[int, ...]  # '&' inside the value's quotes or parentheses: the query splits there


def is_formula(value: str) -> bool:
    """True when a query value is written in a formula or query language (quotes, parentheses, comparisons)."""
    return bool(_FORMULA_SYNTAX.search(value))


def _query_range(text: str) -> tuple[int, int] | None:
    """Where the query of a URL (absolute, or a template starting with a base URL variable) starts and ends."""
    parts = split_url(text)
    if parts is not None:
        return (parts.query_start, parts.query_end) if parts.query_start is not None else None
    question = text.find("?")
    if question == -1:
        return None
    fragment = text.find("#", question)
    return question + 1, len(text) if fragment == -1 else fragment


def formula_values(text: str) -> list[FormulaValue]:
    """The query values of the URL ``text`` written in a formula language, read the way their author meant them: a
    value runs to the next '&' outside its quotes and parentheses (Airtable joins text with '&')."""
    query = _query_range(text)
    if query is None:
        return []
    found: list[FormulaValue] = []
    start, end = query
    while start < end:
        index, quote, depth, inner = start, "", 0, []
        while index < end and (text[index] != "&" or quote or depth):
            char = text[index]
            if quote:
                quote = "" if char == quote else quote
            elif char in _QUOTES:
                quote = char
            elif char in "()":
                depth = max(0, depth + (1 if char == "(" else -1))
            if char == "&" and (quote or depth):
                inner.append(index)
            index += 1
        name, equals, _ = text[start:index].partition("=")
        value_start = start + len(name) + len(equals)
        if equals and not quote and _FORMULA_SYNTAX.search(text, value_start, index):
            found.append(FormulaValue(name, value_start, index, tuple(inner)))
        start = index + 1
    return found

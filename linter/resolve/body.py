"""The fields a request sends in its body: the members of a JSON body (every object, at any depth) and the entries
of the params map (form fields, or the query of a GET), each with its key, whether its value is a literal or is
filled at run time, and the template its characters are written in.

A JSON body is read as written, interpolations kept opaque: ``"name": "${name}"`` is an interpolated string,
``"role": "admin"`` a literal one. A body that is not JSON (C006 reports it) has no fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.model import ApiCall, Template, Value

_MAX_DEPTH = 64  # deeper bodies are not read (a JSON decoder refuses them too)
_WORDS = {"true": "bool", "false": "bool", "null": "null"}


@dataclass(frozen=True)
class BodyField:
    key: str
    key_template: Template
    key_begin: int  # rendered range of the key's characters, quotes excluded
    key_end: int
    value: Value
    value_begin: int  # rendered range of the value as written (quotes included), in ``value`` when a template
    value_end: int
    kind: str  # "string" | "number" | "bool" | "null" | "object" | "array" | "interpolated" | "expression"
    owner: int  # the object that holds it (duplicate keys share an owner); -1 for the params map
    param: bool = False  # an entry of the params map, not a member of the JSON body

    @property
    def literal(self) -> bool:
        """The value is written out in full: a string, number, boolean or null with nothing filled in."""
        return self.kind in ("string", "number", "bool", "null")

    @property
    def text(self) -> str:
        """The literal value as the server reads it (a string without its quotes)."""
        if not isinstance(self.value, Template):
            return self.value.source
        written = self.value.text[self.value_begin : self.value_end]
        return written[1:-1] if self.kind == "string" and not self.param else written


class _Reader:
    """A lenient reader of one JSON body template: interpolations are opaque values, any break ends the read."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.text = template.text
        self.fields: list[BodyField] = []
        self.objects = 0

    def blank(self, index: int) -> int:
        while index < len(self.text) and self.text[index] in " \t\r\n":
            index += 1
        return index

    def interpolated(self, index: int) -> bool:
        return self.template.is_interpolated_at(index)

    def string(self, index: int) -> int:
        """The index after the string that starts at ``index`` (a literal quote)."""
        index += 1
        while index < len(self.text):
            char = self.text[index]
            if char == "\\" and not self.interpolated(index):
                index += 2
                continue
            if char == '"' and not self.interpolated(index):
                return index + 1
            index += 1
        raise ValueError("unterminated string")

    def value(self, index: int, depth: int) -> tuple[int, str]:
        """(index after the value at ``index``, its kind)."""
        if depth > _MAX_DEPTH:
            raise ValueError("too deep")
        text = self.text
        if index >= len(text):
            raise ValueError("value expected")
        if self.interpolated(index):
            while index < len(text) and (self.interpolated(index) or text[index] not in ",}] \t\r\n"):
                index += 1
            return index, "interpolated"
        char = text[index]
        if char == '"':
            end = self.string(index)
            filled = any(self.interpolated(i) for i in range(index, end))
            return end, "interpolated" if filled else "string"
        if char == "{":
            return self.members(index, depth + 1), "object"
        if char == "[":
            return self.items(index, depth + 1), "array"
        end = index
        while end < len(text) and text[end] not in ",}] \t\r\n" and not self.interpolated(end):
            end += 1
        word = text[index:end]
        if word in _WORDS:
            return end, _WORDS[word]
        if end > index and word.lstrip("-")[:1].isdigit():
            return end, "number"
        raise ValueError(f"unexpected {word[:10]!r}")

    def members(self, index: int, depth: int) -> int:
        owner = self.objects
        self.objects += 1
        index = self.blank(index + 1)
        if index < len(self.text) and self.text[index] == "}":
            return index + 1
        while True:
            if index >= len(self.text) or self.text[index] != '"' or self.interpolated(index):
                raise ValueError("key expected")
            key_end = self.string(index)
            key_literal = not any(self.interpolated(i) for i in range(index, key_end))
            colon = self.blank(key_end)
            if colon >= len(self.text) or self.text[colon] != ":":
                raise ValueError("':' expected")
            start = self.blank(colon + 1)
            end, kind = self.value(start, depth)
            if key_literal:
                self.fields.append(
                    BodyField(
                        self.text[index + 1 : key_end - 1],
                        self.template,
                        index + 1,
                        key_end - 1,
                        self.template,
                        start,
                        end,
                        kind,
                        owner,
                    )
                )
            index = self.blank(end)
            if index < len(self.text) and self.text[index] == ",":
                index = self.blank(index + 1)
                continue
            if index < len(self.text) and self.text[index] == "}":
                return index + 1
            raise ValueError("',' or '}' expected")

    def items(self, index: int, depth: int) -> int:
        index = self.blank(index + 1)
        if index < len(self.text) and self.text[index] == "]":
            return index + 1
        while True:
            index, _ = self.value(index, depth)
            index = self.blank(index)
            if index < len(self.text) and self.text[index] == ",":
                index = self.blank(index + 1)
                continue
            if index < len(self.text) and self.text[index] == "]":
                return index + 1
            raise ValueError("',' or ']' expected")


def json_fields(body: Template) -> list[BodyField] | None:
    """Every member of every object of a JSON body, in order; None when the body is not a JSON object or array."""
    reader = _Reader(body)
    start = reader.blank(0)
    if start >= len(body.text) or body.text[start] not in "{[" or body.is_interpolated_at(start):
        return None
    try:
        end, _ = reader.value(start, 0)
    except (ValueError, RecursionError):
        return None
    return reader.fields if reader.blank(end) == len(body.text) else None


def _param_field(key: Value, value: Value) -> BodyField | None:
    if not isinstance(key, Template) or not key.is_literal:
        return None
    if isinstance(value, Template):
        kind = "string" if value.is_literal else "interpolated"
        return BodyField(key.text, key, 0, len(key.text), value, 0, len(value.text), kind, -1, param=True)
    kind = _WORDS.get(value.source, "expression")
    if value.source.lstrip("-")[:1].isdigit():
        kind = "number"
    return BodyField(key.text, key, 0, len(key.text), value, 0, 0, kind, -1, param=True)


def sent_fields(call: ApiCall) -> list[BodyField]:
    """The JSON body's members (when the call sends its body) and the params map's entries, in order."""
    found: list[BodyField] = []
    body = call.body
    if call.sends_body and isinstance(body, Template) and call.body_type in ("JSON", "TEXT", None):
        found.extend(json_fields(body) or [])
    for param in call.params:
        field = _param_field(param.key, param.value)
        if field is not None:
            found.append(field)
    return found

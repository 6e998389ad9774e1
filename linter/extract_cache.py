"""The Dart extraction of api_calls.dart cached by the file's content, so that a run where only pages changed does
not lex and parse it again.

An entry never holds text of the file: every string of the model is stored as offsets into the file and sliced
from it again when the entry is read (literal parts, expressions, names, types); an escape sequence and an
interpolation are read again from their source span; a span is its two offsets. A model with a string the file
does not contain (one a later change of the extractor might build) is simply not cached. Entries are keyed by the
code and data digest and the file's content hash; the cache file's name carries the fflint version.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cached_property
from pathlib import Path
from typing import Any

from linter import __version__
from linter.extract.dart import DartExtraction
from linter.extract.dart_lexer import read_escape
from linter.model import ApiCall, ApiGroup, Expr, Header, Param, Segment, SourceFile, Span, Template, Variable
from linter.resources import data_digest
from linter.scan_cache import put_newest, text_digest, write_cache_file

MAX_ENTRIES = 16
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (ApiCall, ApiGroup, Header, Param, Variable)}
_FIELDS = {name: tuple(field.name for field in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}
# Fields whose values are fflint's own words, not the file's (where a header comes from): stored as they are.
_WORD_FIELDS = {"Header": ("origin",)}
_WORDS = frozenset({"call", "group", "group-spread", "group-copy"})


class _Uncacheable(Exception):
    """The model holds something the codec does not store as offsets."""


# An entry is JSON of lists whose first item says what the rest is: "L" a list, "F" a set of strings, "d" a dict
# (keys and values in turn), "s" a string (start and end of each piece of the file), "w" one of fflint's own words,
# "p" a span, "e" an expression, "t" a template (start, end, raw, then kind, start and end of each segment), "r" an
# object met before (its number), and a class name the fields of a model object in declaration order.
_SEGMENT_KINDS = ("lit", "esc", "interp")


class _Encoder:
    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.text = file.text
        self.seen: dict[int, int] = {}  # id of an object already stored -> its number (objects shared in the model)
        self.strings: dict[str, list] = {}

    def value(self, value: Any, window: tuple[int, int]) -> Any:
        if value is None or isinstance(value, bool | int):
            return value
        if isinstance(value, str):
            return self.string(value, window)
        if isinstance(value, list):
            return ["L", *(self.value(item, window) for item in value)]
        if isinstance(value, frozenset):
            return ["F", *(self.value(item, window) for item in sorted(value))]
        if isinstance(value, dict):
            return ["d", *(self.value(part, window) for pair in value.items() for part in pair)]
        if value is self.file:
            return ["f"]
        if id(value) in self.seen:
            return ["r", self.seen[id(value)]]
        self.seen[id(value)] = len(self.seen)
        if isinstance(value, Span):
            if value != self.file.span(value.start, value.end):
                raise _Uncacheable
            return ["p", value.start, value.end]
        if isinstance(value, Template):
            if value.file is not self.file:
                raise _Uncacheable
            stored = ["t", value.start, value.end, value.raw]
            for segment in value.segments:
                if _segment(self.text, segment.kind, segment.start, segment.end) != segment:
                    raise _Uncacheable
                stored += [_SEGMENT_KINDS.index(segment.kind), segment.start, segment.end]
            return stored
        if isinstance(value, Expr):
            if value.file is not self.file or value.source != self.text[value.start : value.end]:
                raise _Uncacheable
            return ["e", value.start, value.end]
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise _Uncacheable
        window = _window_of(value) or window
        words = _WORD_FIELDS.get(name, ())
        return [
            name,
            *(
                self.word(getattr(value, field)) if field in words else self.value(getattr(value, field), window)
                for field in _FIELDS[name]
            ),
        ]

    @staticmethod
    def word(value: Any) -> list[str]:
        if value not in _WORDS:
            raise _Uncacheable
        return ["w", value]

    def string(self, value: str, window: tuple[int, int]) -> list:
        """``value`` as (start, end) pieces of the file's text: one piece nearly always, near its object."""
        found = self.strings.get(value)
        if found is None:
            found = self.strings[value] = ["s", *self._pieces(value, window)]
        return found

    def _pieces(self, value: str, window: tuple[int, int]) -> list[int]:
        text = self.text
        at = text.find(value, *window)
        if at < 0:
            at = text.find(value)
        if at >= 0:
            return [at, at + len(value)]
        pieces, index = [], 0
        while index < len(value):  # the longest prefix found anywhere, then the rest
            low, high = 0, len(value) - index
            while low < high:
                middle = (low + high + 1) // 2
                if text.find(value[index : index + middle]) >= 0:
                    low = middle
                else:
                    high = middle - 1
            if not low:  # a character the file does not hold
                raise _Uncacheable
            at = text.find(value[index : index + low])
            pieces += [at, at + low]
            index += low
        return pieces


def _window_of(value: Any) -> tuple[int, int] | None:
    span = getattr(value, "span", None)
    if isinstance(span, Span):
        return span.start, span.end
    if isinstance(value, Header):
        return value.start, value.end
    return None


def _segment(text: str, kind: str, start: int, end: int) -> Segment:
    """A string segment read again from its source span, as the Dart lexer reads it."""
    if kind == "esc":
        return Segment(kind, read_escape(text, start)[0], start, end)
    if kind == "interp":
        braced = text.startswith("${", start)
        expression = text[start + 2 : end - 1].strip() if braced else text[start + 1 : end]
        return Segment(kind, text[start:end], start, end, expression)
    return Segment(kind, text[start:end], start, end)


class _Decoder:
    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.text = file.text
        self.objects: list[Any] = []

    def value(self, stored: Any) -> Any:
        if not isinstance(stored, list):
            return stored
        tag = stored[0]
        if tag == "s":
            text = self.text
            if len(stored) == 3:
                return text[stored[1] : stored[2]]
            return "".join(text[stored[at] : stored[at + 1]] for at in range(1, len(stored), 2))
        if tag == "L":
            value = self.value
            return [value(item) for item in stored[1:]]
        if tag == "F":
            value = self.value
            return frozenset(value(item) for item in stored[1:])
        if tag == "r":
            return self.objects[stored[1]]
        if tag == "f":
            return self.file
        if tag == "w":
            if stored[1] not in _WORDS:
                raise ValueError("not one of fflint's words")
            return stored[1]
        if tag == "d":
            parts = [self.value(item) for item in stored[1:]]
            return dict(zip(parts[::2], parts[1::2], strict=True))
        # A numbered object: numbered when first met, before what it holds, as the encoder did. The model shares
        # objects but has no cycles, so nothing refers to one before it is made.
        number = len(self.objects)
        self.objects.append(None)
        if tag == "p":
            made: Any = self.file.span(stored[1], stored[2])
        elif tag == "t":
            text = self.text
            segments = [
                _segment(text, _SEGMENT_KINDS[stored[at]], stored[at + 1], stored[at + 2])
                for at in range(4, len(stored), 3)
            ]
            made = Template(self.file, segments, stored[1], stored[2], stored[3])
        elif tag == "e":
            made = Expr(self.file, self.text[stored[1] : stored[2]], stored[1], stored[2])
        else:
            value = self.value
            made = _CLASSES[tag](*(value(item) for item in stored[1:]))
        self.objects[number] = made
        return made


def encode(file: SourceFile, extraction: DartExtraction) -> dict | None:
    """The extraction as offsets into ``file``, or None when it holds anything else."""
    encoder = _Encoder(file)
    whole = (0, len(file.text))
    try:
        return {"groups": encoder.value(extraction.groups, whole), "calls": encoder.value(extraction.calls, whole)}
    except _Uncacheable:
        return None


def decode(file: SourceFile, stored: dict) -> DartExtraction:
    decoder = _Decoder(file)
    groups = decoder.value(stored["groups"])
    return DartExtraction(groups=groups, calls=decoder.value(stored["calls"]))


class ExtractCache:
    """Read on first use; written only when an entry was added."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / f"extract-{__version__}.json"
        self.dirty = False

    @cached_property
    def entries(self) -> dict[str, Any]:
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _key(self, file: SourceFile) -> str:
        return f"{data_digest()}:{text_digest(file.text)}"

    def lookup(self, file: SourceFile) -> DartExtraction | None:
        stored = self.entries.get(self._key(file))
        if stored is None:
            return None
        try:
            return decode(file, stored)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # an entry from another codec
            return None

    def store(self, file: SourceFile, extraction: DartExtraction) -> None:
        stored = encode(file, extraction)
        if stored is None:
            return
        put_newest(self.entries, self._key(file), stored, MAX_ENTRIES)
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_cache_file(self.path, self.entries)

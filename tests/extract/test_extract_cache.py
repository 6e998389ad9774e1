"""The cached Dart extraction: the model read back from offsets is the model the extractor built, objects shared
as they were; anything that cannot be stored as offsets of the file is not cached."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from linter.discover import discover
from linter.engine import read_export
from linter.extract.dart import DartExtraction, extract_dart_api
from linter.extract_cache import ExtractCache, decode, encode
from linter.model import FileKind, SourceFile, Template
from tests.support import EXAMPLE, FIXTURES
from tests.support.exportgen import REAL_SHAPE, generate_export

ERAS = sorted(path for path in (FIXTURES / "eras").iterdir() if path.is_dir())


def _calls_file(root: Path) -> SourceFile:
    export = read_export(discover([root]).exports[0])
    return next(file for file in export.files if file.kind is FileKind.API_CALLS)


def _dump(value: Any, seen: dict[int, int]) -> Any:
    """Everything the model holds, with each object numbered where first met (so sharing shows)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list):
        return [_dump(item, seen) for item in value]
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {key: _dump(item, seen) for key, item in value.items()}
    if isinstance(value, SourceFile):
        return "file"
    number = seen.setdefault(id(value), len(seen))
    fields = {field.name: _dump(getattr(value, field.name), seen) for field in dataclasses.fields(value)}
    if isinstance(value, Template):
        fields["text"] = value.text
    return [type(value).__name__, number, fields]


def _round_trip(file: SourceFile) -> tuple[DartExtraction, DartExtraction]:
    built = extract_dart_api(file)
    stored = encode(file, built)
    assert stored is not None
    return built, decode(file, json.loads(json.dumps(stored)))


@pytest.mark.parametrize("root", [EXAMPLE, *ERAS], ids=lambda root: root.name)
def test_fixtures_read_back_as_built(root):
    built, back = _round_trip(_calls_file(root))
    assert built.calls
    assert _dump([built.groups, built.calls], {}) == _dump([back.groups, back.calls], {})


@pytest.mark.parametrize("era", ["2022", "2023", "2024", "2025"])
def test_generated_exports_read_back_as_built(tmp_path, era):
    shape = {"shape": REAL_SHAPE} if era == "2025" else {}
    generated = generate_export(tmp_path / "app", seed=11, era=era, files=60, dart_mb=0.3, groups=4, calls=24, **shape)
    built, back = _round_trip(_calls_file(generated.root))
    assert _dump([built.groups, built.calls], {}) == _dump([back.groups, back.calls], {})
    if era != "2022":  # calls hold their group's base URL itself: the numbering above shows it read back shared
        assert any(call.base_url is group.base_url for call in built.calls for group in built.groups)


def test_an_entry_holds_offsets_not_text():
    file = _calls_file(EXAMPLE)
    stored = json.dumps(encode(file, extract_dart_api(file)))
    literals = {
        segment.text
        for call in extract_dart_api(file).calls
        for header in call.headers
        if isinstance(header.value, Template)
        for segment in header.value.segments
        if len(segment.text) > 8
    }
    assert literals and not any(literal in stored for literal in literals)


def test_a_string_the_file_does_not_hold_is_not_cached():
    file = _calls_file(EXAMPLE)
    built = extract_dart_api(file)
    built.calls[0].unresolved.append("\u2603 built elsewhere")  # a character the file has nowhere
    assert encode(file, built) is None
    built.calls[0].unresolved[-1] = "header entry"
    built.calls[0].headers[0].origin = "somewhere"  # not one of fflint's own words
    assert encode(file, built) is None


def test_a_damaged_entry_is_ignored(tmp_path):
    file = _calls_file(EXAMPLE)
    cache = ExtractCache(tmp_path)
    cache.store(file, extract_dart_api(file))
    (key,) = cache.entries
    cache.entries[key] = ["L", ["nonsense", 1]]
    assert cache.lookup(file) is None
    cache.entries[key] = {"groups": ["L"], "calls": ["L", ["ApiCall", 1]]}
    assert cache.lookup(file) is None

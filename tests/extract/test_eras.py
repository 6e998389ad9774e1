"""Every era fixture, field by field, against the tables in tests/fixtures/eras/EXPECTED.md."""

from __future__ import annotations

import re
from functools import cache

import pytest

from linter.engine import LintOptions, lint
from linter.model import ApiCall, ContentTypeMode, Export, Expr, Template, Value
from linter.resolve import effective_headers
from tests.support import FIXTURES

ERAS_DIR = FIXTURES / "eras"
ERAS = ["2021", "2022", "2023", "2024", "2025", "private"]


def _cell(text: str) -> str:
    text = text.strip()
    match = re.fullmatch(r"`([^`]*)`(?:\s*\(.*\))?", text)
    return match.group(1) if match else text


@cache
def tables() -> dict[str, list[list[str]]]:
    """Rows of every markdown table, keyed by the section heading above it."""
    found: dict[str, list[list[str]]] = {}
    section = ""
    for line in (ERAS_DIR / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].split(" (")[0].strip()
            found[section] = []
        elif line.startswith("|") and section:
            cells = [_cell(cell) for cell in line.strip().strip("|").split("|")]
            if set("".join(cells)) <= {"-", " "} or cells[0] in ("era", "key"):
                continue
            found[section].append(cells)
    return found


@cache
def export_of(era: str) -> Export:
    result = lint([ERAS_DIR / era], LintOptions(codes=set()))
    (export,) = result.exports
    assert not export.parse_errors, export.parse_errors
    return export


def call_named(era: str, name: str) -> ApiCall:
    matches = [call for call in export_of(era).calls if call.name == name]
    assert len(matches) == 1, f"{era}: {name}: {[c.name for c in export_of(era).calls]}"
    return matches[0]


def text_of(value: Value | None) -> str:
    if value is None:
        return "-"
    return value.text if isinstance(value, Template) else value.source


def source_of(value: Value | None) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, Expr):
        return value.source
    return value.file.text[value.start : value.end]


@pytest.mark.parametrize("era", ERAS)
def test_call_inventory_is_exact(era):
    expected = sorted(row[2] for row in tables()["Calls"] if row[0] == era and len(row) == 10)
    assert sorted(call.name for call in export_of(era).calls) == expected


@pytest.mark.parametrize("row", [r for r in tables()["Calls"] if len(r) == 10], ids=lambda row: f"{row[0]}-{row[2]}")
def test_call_fields(row):
    era, group, name, class_name, method, url, base, body_type, params, private = row
    call = call_named(era, name)
    assert call.class_name == class_name
    assert (call.group or "none") == group
    assert call.private == (private == "yes")
    if call.private and call.method is None:
        pytest.skip("private call not joined to its JS definition")
    assert call.method == method
    assert text_of(call.url) == url
    assert text_of(call.base_url) == base
    assert (call.body_type or "absent") == body_type
    keys = [text_of(param.key) for param in call.params]
    assert keys == ([] if params == "(empty)" else [key.strip() for key in params.split(",")])


@pytest.mark.parametrize("era", ERAS)
def test_headers_in_effective_order_with_origin(era):
    expected: dict[str, list[tuple[str, str, str]]] = {}
    for row_era, name, _index, header, value, origin in tables()["Headers"]:
        if row_era == era:
            expected.setdefault(name, []).append((header, value, origin.removesuffix(" (JS)")))
    export = export_of(era)
    for call in export.calls:
        if call.private and call.method is None:
            continue
        got = [(text_of(h.name), text_of(h.value), h.origin) for h in effective_headers(export, call)]
        assert got == expected.get(call.name, []), call.name


def test_header_spans_point_at_the_source():
    export = export_of("2022")
    call = call_named("2022", "tideTable")
    header = next(h for h in call.headers if text_of(h.name) == "X-Tide-Client-Version")
    name_line = header.name.span().line
    assert header.value.span().line == name_line + 1  # dart format wrapped the long value
    source = export.files[0].text if export.files else ""
    assert source is not None
    value = header.value
    assert value.file.text[value.start + 1 : value.end - 1] == text_of(value)


@pytest.mark.parametrize("row", tables()["Variables"], ids=lambda row: f"{row[0]}-{row[1]}-{row[3]}")
def test_variables_with_defaults(row):
    era, name, index, variable_name, type_text, default, env = row
    call = call_named(era, name)
    variable = call.variables[int(index) - 1]
    assert variable.name == variable_name
    assert variable.type == type_text
    assert source_of(variable.default) == default
    assert (variable.env_default or "-") == env


@pytest.mark.parametrize("row", tables()["Bodies"], ids=lambda row: f"{row[0]}-{row[1]}")
def test_bodies(row):
    era, name, _source, text = row
    call = call_named(era, name)
    if call.private and not isinstance(call.body, Template):
        pytest.skip("private call body lives in JS")
    expected = text.replace("\\n", "\n")
    if isinstance(call.body, Template) and call.body.file.path.suffix == ".dart" and expected.startswith("\n"):
        expected = expected[1:]  # Dart drops the blank first line of a ''' string
    assert text_of(call.body) == expected


@pytest.mark.parametrize("row", tables()["Groups"], ids=lambda row: f"{row[0]}-{row[1]}")
def test_groups(row):
    era, name, base, headers, variables = row
    group = export_of(era).group(name)
    assert group is not None
    assert text_of(group.base_url) == base
    expected_headers = [] if headers == "(empty)" else re.findall(r"`([^`]+)`: `([^`]*)`", headers)
    assert [(text_of(h.name), text_of(h.value)) for h in group.headers] == expected_headers
    expected_variables = []
    if not variables.startswith(("-", "(no parameters)")):
        for part in variables.split(";"):
            default = re.search(r"\(`([^`]*)`", part)
            env = re.search(r"env `([^`]*)`", part)
            expected_variables.append(
                (part.split("(")[0].strip(), default.group(1) if default else "(none)", env.group(1) if env else "-")
            )
    got = [(v.name, source_of(v.default), v.env_default or "-") for v in group.variables]
    assert got == expected_variables


@pytest.mark.parametrize(
    ("era", "mode", "detected"),
    [
        ("2021", ContentTypeMode.OVERWRITE, "2021"),
        ("2022", ContentTypeMode.OVERWRITE, "2022"),
        ("2023", ContentTypeMode.IF_UNSET, "2023"),
        ("2024", ContentTypeMode.IF_UNSET, "2024"),
        ("2025", ContentTypeMode.IF_UNSET, "2025"),
        ("private", ContentTypeMode.IF_UNSET, None),
    ],
)
def test_content_type_mode_and_era(era, mode, detected):
    export = export_of(era)
    assert export.content_type_mode is mode
    if detected is not None:
        assert export.era == detected


@pytest.mark.parametrize("era", ERAS)
def test_era_fixtures_are_clean(era):
    result = lint([ERAS_DIR / era], LintOptions(now=1_800_000_000.0))
    assert [f"{f.code} {f.span.path}:{f.span.line} {f.message}" for f in result.findings] == []

""".env files (every syntax feature, exact spans) and --dart-define-from-file JSON files."""

from __future__ import annotations

from pathlib import Path

from linter.discover import discover
from linter.engine import load_export
from linter.extract.dotenv import parse_dotenv
from linter.model import FileKind, SourceFile
from tests.support import FIXTURES
from tests.support.exportkit import write_export

FIXTURE = FIXTURES / "env" / "tidewatch"


def parse(text: str):
    return parse_dotenv(SourceFile(Path(".env"), ".env", FileKind.DOTENV, text=text))


def test_fixture_every_syntax_feature():
    export = load_export(discover([FIXTURE]).exports[0])
    root_env = next(e for e in export.environments if e.source == "dotenv" and e.name == ".env")
    assert root_env.current and not root_env.malformed
    text = root_env.file.text
    assert "\r\n" in text  # the fixture uses Windows line endings
    rows = [(v.key, v.value.text, text[v.value.start : v.value.end]) for v in root_env.values]
    assert rows == [
        ("TIDE_HOST", "https://tides.example.net", "https://tides.example.net"),  # export prefix, inline comment
        ("REGION", "north-sea", "north-sea"),  # spaces around '='
        ("GREETING", "Hello ${REGION}, no $expansion here", "'Hello ${REGION}, no $expansion here'"),
        ("BANNER", 'Line one\nLine two "quoted" ${REGION}', '"Line one\\nLine two \\"quoted\\" ${REGION}"'),
        ("MULTILINE", "first line\r\nsecond line", '"first line\r\nsecond line"'),
        ("EMPTY", "", ""),
        ("URL_WITH_HASH", "https://tides.example.net/#anchor", "https://tides.example.net/#anchor"),
        ("FULL_URL", "${TIDE_HOST}/v2/$REGION", "${TIDE_HOST}/v2/$REGION"),
    ]
    values = {value.key: value for value in root_env.values}
    assert values["GREETING"].value.is_literal  # single quotes: no expansion
    assert [expr for _, _, expr in values["BANNER"].value.interpolations] == ["REGION"]
    assert [expr for _, _, expr in values["FULL_URL"].value.interpolations] == ["TIDE_HOST", "REGION"]
    host = values["TIDE_HOST"]
    assert (host.key_template.span().line, host.key_template.span().col) == (2, 8)
    assert (host.value.span().line, host.value.span().col, host.value.span().end_col) == (2, 18, 43)
    multi = values["MULTILINE"].value.span()
    assert (multi.line, multi.end_line) == (6, 7)
    quote = values["BANNER"].value
    start, end = quote.source_range(8, 9)  # the "\n" escape renders one character from two source characters
    assert text[start:end] == "\\n"
    assets_env = next(e for e in export.environments if e.name == "assets/.env")
    assert assets_env.current and [v.key for v in assets_env.values] == ["TIDE_HOST", "REGION"]


def test_dart_define_file_by_name():
    export = load_export(discover([FIXTURE]).exports[0])
    defines = next(e for e in export.environments if e.source == "dart-define")
    assert defines.name == "dart_defines.json" and not defines.current
    assert [(v.key, v.value.text) for v in defines.values] == [("ANALYTICS_KEY", "an-demo-0042"), ("FLAVOR", "prod")]


def test_dart_define_file_referenced_from_a_launch_config(tmp_path):
    root = write_export(
        tmp_path / "app",
        {
            ".vscode/launch.json": '{"args": ["--dart-define-from-file=config/flavors/prod.json"]}',
            "config/flavors/prod.json": '{\n  "API_URL": "https://api.example.org"\n}\n',
            "config/other.json": '{"API_URL": "not an environment"}',
        },
    )
    export = load_export(discover([root]).exports[0])
    defines = [e for e in export.environments if e.source == "dart-define"]
    assert [e.name for e in defines] == ["config/flavors/prod.json"]
    assert defines[0].values[0].value.span().line == 2


def test_malformed_lines_are_recorded_with_spans():
    environment = parse("OK=1\nNO_EQUALS\nTWO WORDS=x\nQ='closed' trailing\nLAST=\"never closed\nMORE=2\n")
    assert [v.key for v in environment.values] == ["OK"]
    problems = [(p.span.line, p.span.col, p.message) for p in environment.malformed]
    assert problems[0][:2] == (2, 1) and "no '='" in problems[0][2]
    assert problems[1][:2] == (3, 1) and "not a variable name" in problems[1][2]
    assert problems[2][:2] == (4, 11) and "after the closing quote" in problems[2][2]
    assert problems[3][:2] == (5, 6) and "never closed" in problems[3][2]


def test_malformed_lines_are_reported_once_each_at_their_place(tmp_path):
    from linter.engine import LintOptions, lint

    root = write_export(tmp_path / "app", {".env": 'OK=1\nNO_EQUALS\nLAST="never closed\nMORE=2\n'})
    found = [f for f in lint([root], LintOptions(codes={"E007"})).findings]
    assert [(f.span.path.rsplit("/", 1)[-1], f.span.line, f.span.col) for f in found] == [
        (".env", 2, 1),
        (".env", 3, 6),
    ]
    assert found[1].message == "malformed line: the double quote is never closed"


def test_comments_blank_lines_and_edge_values():
    environment = parse(
        "\n   # indented comment\nA= # only a comment\nB=#not-a-comment\nC='a # b' # c\nD=\"tab\\there\"\nE=x\\ny\n"
    )
    values = {value.key: value.value.text for value in environment.values}
    assert values == {"A": "", "B": "#not-a-comment", "C": "a # b", "D": "tab\there", "E": "x\\ny"}
    assert not environment.malformed


def test_escaped_dollar_is_not_a_reference():
    (value,) = parse('P="cost \\$5 and ${X}"\n').values
    assert value.value.text == "cost $5 and ${X}"
    assert [expr for _, _, expr in value.value.interpolations] == ["X"]

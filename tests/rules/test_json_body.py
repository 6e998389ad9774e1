"""C006: JSON bodies filled in by declared variable types, errors at the exact line and column of the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.engine import LintOptions, lint
from tests.support.exportkit import API_CALLS, write_export

PARAMS = """    String? email = '',
    String? filters = '{"open": true}',
    int? count,
    double? ratio,
    bool? active,
    dynamic? metaJson,
    List<String>? tagsList,"""


def dart(body: str, body_type: str = "JSON", quote: str = "'''") -> str:
    return f"""class SyncCall {{
  static Future<ApiCallResponse> call({{
{PARAMS}
  }}) async {{
    final meta = _serializeJson(metaJson);
    final ffApiRequestBody = {quote}
{body}{quote};
    return ApiManager.instance.makeApiCall(
      callName: 'sync',
      apiUrl: 'https://api.example.com/sync',
      callType: ApiCallType.POST,
      headers: {{}},
      params: {{}},
      body: ffApiRequestBody,
      bodyType: BodyType.{body_type},
      returnBody: true,
    );
  }}
}}
"""


def c006(tmp_path: Path, body: str, **kwargs):
    text = dart(body, **kwargs)
    root = write_export(tmp_path / "app", {API_CALLS: text})
    findings = [f for f in lint([root], LintOptions(codes={"C006"})).findings if f.code == "C006"]
    source = (root / API_CALLS).read_text()
    return findings, source


def at(source: str, line: int, col: int, length: int = 1) -> str:
    return source.splitlines()[line - 1][col - 1 : col - 1 + length]


def test_trailing_comma_on_a_multi_line_body_points_at_the_comma(tmp_path):
    body = '{\n  "email": "${email}",\n  "count": ${count},\n  "active": ${active},\n}'
    (finding,), source = c006(tmp_path, body)
    assert "trailing comma" in finding.message
    assert source.splitlines()[finding.span.line - 1] == '  "active": ${active},'
    assert at(source, finding.span.line, finding.span.col) == ","
    assert finding.span.col == len('  "active": ${active},')


def test_missing_closing_quote_is_reported_on_its_line(tmp_path):
    body = '{\n  "email": "${email}",\n  "name: "x"\n}'
    (finding,), source = c006(tmp_path, body)
    assert source.splitlines()[finding.span.line - 1] == '  "name: "x"'
    assert at(source, finding.span.line, finding.span.col) == "x"


def test_unquoted_string_variable_spans_the_interpolation(tmp_path):
    body = '{\n  "count": ${count},\n  "email": ${email}\n}'
    (finding,), source = c006(tmp_path, body)
    assert finding.severity == "warning" and "'email'" in finding.message
    assert at(source, finding.span.line, finding.span.col, 8) == "${email}"
    assert (finding.span.end_line, finding.span.end_col) == (finding.span.line, finding.span.col + 8)


def test_stray_double_brace_placeholder(tmp_path):
    body = '{\n  "a": 1,\n  "user": {{userId}}\n}'
    (finding,), source = c006(tmp_path, body)
    assert "'{{'" in finding.message
    assert source.splitlines()[finding.span.line - 1] == '  "user": {{userId}}'
    assert at(source, finding.span.line, finding.span.col) == "{"


def test_escaped_newline_inside_a_string_is_a_raw_line_break_at_runtime(tmp_path):
    body = '{\n  "note": "line one\\nline two"\n}'
    (finding,), source = c006(tmp_path, body)
    assert "line break" in finding.message
    assert at(source, finding.span.line, finding.span.col, 2) == "\\n"


def test_unexpected_end(tmp_path):
    body = '{\n  "email": "${email}"\n'
    (finding,), source = c006(tmp_path, body)
    assert "ends too early" in finding.message
    assert finding.span.line == source.splitlines().index("    final ffApiRequestBody = '''") + 4


@pytest.mark.parametrize(
    "body",
    [
        '{\n  "email": "${escapeStringForJson(email)}",\n  "count": ${count},\n  "ratio": ${ratio},\n'
        '  "active": ${active},\n  "meta": ${meta},\n  "tags": ${_serializeList(tagsList)}\n}',
        '{"email": "$email", "count": $count}',
        '{"count": <count>, "email": "<email>"}',
        '{"filters": ${filters}}',
        '[{"a": "x \\\\" y"}, null, 1.5e3]',
        "   ",
        '{"unknown": ${someHelper(email)}}',
    ],
)
def test_valid_bodies_are_clean(tmp_path, body):
    findings, _ = c006(tmp_path, body)
    assert findings == []


def test_not_json_body_types_and_raw_strings_are_not_checked(tmp_path):
    assert c006(tmp_path / "a", "{oops", body_type="TEXT")[0] == []
    assert c006(tmp_path / "b", "{oops", quote="r'''")[0] == []


def test_nan_is_not_json(tmp_path):
    (finding,), _ = c006(tmp_path, '{"ratio": NaN}')
    assert "NaN" in finding.message


def test_ndjson_content_type_skips_the_check(tmp_path):
    text = dart('{"a": 1}\n{"a": 2}').replace("headers: {},", "headers: {'Content-Type': 'application/x-ndjson'},")
    root = write_export(tmp_path / "app", {API_CALLS: text})
    assert not lint([root], LintOptions(codes={"C006"})).findings

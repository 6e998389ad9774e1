"""Tokenizer and extractor edge cases: exact strings and exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.extract.dart import extract_dart_api
from linter.extract.dart_lexer import DartLexer, DartSyntaxError
from linter.model import Expr, FileKind, SourceFile, Template
from linter.resolve import resolve


def source(text: str) -> SourceFile:
    return SourceFile(Path("api_calls.dart"), "api_calls.dart", FileKind.API_CALLS, text)


def strings(text: str) -> list[Template]:
    file = source(text)
    return [
        Template(file, token.segments or [], token.start, token.end, token.raw)
        for token in DartLexer(text).tokens()
        if token.kind == "string"
    ]


def call_class(headers: str, extra_params: str = "", body: str = "") -> str:
    return f"""class ExampleCall {{
  static Future<ApiCallResponse> call({{
    String? token = '',{extra_params}
  }}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'example',
      apiUrl: 'https://api.example.com/items',
      callType: ApiCallType.POST,
      headers: {{{headers}}},
      params: {{}},{body}
      bodyType: BodyType.JSON,
      returnBody: true,
    );
  }}
}}
"""


@pytest.mark.parametrize(
    ("literal", "rendered"),
    [
        ("'plain'", "plain"),
        ('"double \\"quoted\\""', 'double "quoted"'),
        ("'it\\'s'", "it's"),
        ("'tab\\there'", "tab\there"),
        ("'\\u00a0nbsp'", "\u00a0nbsp"),
        ("'\\u{1F600}'", "\U0001f600"),
        ("r'$.data[0]'", "$.data[0]"),
        ("r'''$.items[*].id'''", "$.items[*].id"),
        ("'''a\n'b' \"c\"'''", "a\n'b' \"c\""),
        ("'Bearer $token'", "Bearer $token"),
        ("'Bearer ${token}'", "Bearer ${token}"),
        ("'${f({'a': 1})}x'", "${f({'a': 1})}x"),
        ("\"${'nested ${deep}'}\"", "${'nested ${deep}'}"),
    ],
)
def test_string_literals_render_exactly(literal, rendered):
    (template,) = strings(f"var x = {literal};")
    assert template.text == rendered


def test_interpolations_carry_their_expressions():
    (template,) = strings("var x = 'a ${escapeStringForJson(q)} b $id c ${m['k']}';")
    assert [expr for _, _, expr in template.interpolations] == ["escapeStringForJson(q)", "id", "m['k']"]
    assert not template.is_literal
    assert template.is_interpolated_at(template.text.index("$id"))


def test_escape_maps_back_to_its_whole_source_range():
    text = "var x = 'ab\\u200bcd';"
    (template,) = strings(text)
    index = template.text.index("\u200b")
    start, end = template.source_range(index, index + 1)
    assert text[start:end] == "\\u200b"
    start, end = template.source_range(index + 1, index + 3)
    assert text[start:end] == "cd"


def test_comments_and_urls_in_strings_are_not_comments():
    tokens = DartLexer("var u = 'https://x.example/a'; // trailing\n/* block /* nested */ */ var v = 1;").tokens()
    assert [t.text for t in tokens if t.kind == "string"] == ["'https://x.example/a'"]
    assert "v" in [t.text for t in tokens]


@pytest.mark.parametrize(
    "broken",
    ["var x = 'unterminated;\n", "var x = '''never closed", "var x = '${a';", "/* open comment", "var x = '\\xZZ';"],
)
def test_syntax_errors_have_a_location(broken):
    with pytest.raises(DartSyntaxError) as caught:
        DartLexer(broken).tokens()
    assert 0 <= caught.value.offset <= len(broken)


def test_formatter_wrapped_header_entry_and_adjacent_literals():
    code = call_class(
        "\n        'Authorization':\n            'Bearer eyJhbGciOiJIUzI1NiJ9.' 'e30.' \"c2ln\",\n"
        "        // a comment between entries\n        'X-Trace': 'a' + 'b',\n      "
    )
    (call,) = extract_dart_api(source(code)).calls
    names = [header.name_text for header in call.headers]
    assert names == ["Authorization", "X-Trace"]
    authorization = call.headers[0].value
    assert isinstance(authorization, Template)
    assert authorization.text == "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln"
    span = authorization.span()
    assert (span.line, span.col) == (11, 13)
    assert call.headers[1].value.text == "ab"


def test_duplicate_keys_are_kept_in_order_and_resolved_last_wins():
    from linter.model import Export

    code = call_class("'content-type': 'text/plain', 'Content-Type': 'application/json'")
    (call,) = extract_dart_api(source(code)).calls
    assert [h.value.text for h in call.headers] == ["text/plain", "application/json"]
    export = Export(Path("."), ".", calls=[call])
    (resolved,) = resolve(export).request(call).headers
    assert resolved.value.text == "application/json"


def test_header_value_from_a_variable_is_an_expression():
    (call,) = extract_dart_api(source(call_class("'Authorization': token"))).calls
    assert isinstance(call.headers[0].value, Expr)
    assert call.headers[0].value.source == "token"


def test_hundred_kilobyte_default_on_one_line():
    image = "iVBORw0KGgo" + "A" * 100_000
    code = call_class("'Accept': 'application/json'", extra_params=f"\n    String? image = '{image}',")
    (call,) = extract_dart_api(source(code)).calls
    default = call.variable("image").default
    assert isinstance(default, Template) and len(default.text) == len(image)
    line, col = default.file.position(default.start)
    assert (line, col) == (4, 21)


def test_exact_span_of_a_character_inside_a_header_name():
    code = call_class("'X-Tenant-Id ': 'acme'")
    (call,) = extract_dart_api(source(code)).calls
    name = call.headers[0].name
    span = name.span(11, 12)
    assert code[span.start : span.end] == " "
    assert (span.line, span.col) == (9, 29)


def test_body_local_variable_is_resolved():
    code = call_class("", body="\n      body: ffApiRequestBody,").replace(
        "    return ApiManager", "    final ffApiRequestBody = '''\n{\"q\": \"${token}\"}''';\n    return ApiManager"
    )
    (call,) = extract_dart_api(source(code)).calls
    assert isinstance(call.body, Template)
    assert call.body.text == '{"q": "${token}"}'  # Dart drops the blank first line of a ''' string
    assert call.body_type == "JSON" and call.method == "POST"


def test_helpers_at_the_end_are_not_calls():
    code = (
        call_class("")
        + """
class ApiPagingParams {
  int nextPageNumber = 0;
  ApiPagingParams({required this.nextPageNumber});
}

String _serializeList(List? list) {
  list ??= <String>[];
  try {
    return json.encode(list);
  } catch (_) {
    return '[]';
  }
}
"""
    )
    calls = extract_dart_api(source(code)).calls
    assert [call.name for call in calls] == ["example"]


def test_api_call_options_wrapper():
    code = """class WrappedCall {
  static Future<ApiCallResponse> call({String? token = ''}) async {
    return FFApiInterceptor.makeApiCall(
      ApiCallOptions(
        callName: 'wrapped',
        callType: ApiCallType.GET,
        apiUrl: 'https://api.example.com/w',
        headers: {'Authorization': 'Bearer ${token}'},
        params: {},
        bodyType: BodyType.NONE,
      ),
    );
  }
}
"""
    (call,) = extract_dart_api(source(code)).calls
    assert call.name == "wrapped" and call.method == "GET"
    assert call.url.text == "https://api.example.com/w"
    assert call.headers[0].value.text == "Bearer ${token}"
    assert call.interceptors is None


def test_the_interceptor_list_beside_api_call_options():
    code = """class ShopGroup {
  static String baseUrl = 'https://api.example.com';
  static final interceptors = [sessionInterceptor()];
}

class ListOrdersCall {
  Future<ApiCallResponse> call() async {
    return FFApiInterceptor.makeApiCall(
      ApiCallOptions(
        callName: 'listOrders',
        apiUrl: '${ShopGroup.baseUrl}/orders',
        callType: ApiCallType.GET,
        headers: {},
        params: {},
      ),
      ShopGroup.interceptors,
    );
  }
}
"""
    (call,) = extract_dart_api(source(code)).calls
    assert call.name == "listOrders" and call.interceptors.source == "ShopGroup.interceptors"


@pytest.mark.parametrize("seed", range(5))
def test_innermost_range_is_what_a_scan_of_every_range_finds(seed):
    """The enclosing-function lookup (bisect and a reach bound) against ``min`` over all ranges, overlaps included."""
    import random

    from linter.extract.dart import _Innermost

    rng = random.Random(seed)
    ranges = []
    for _ in range(200):
        start = rng.randrange(0, 1000)
        ranges.append((start, start + rng.choice([1, 2, 5, 20, 100, 600])))
    ranges += ranges[:10]  # equal ranges: the first in list order wins
    items = list(range(len(ranges)))
    lookup = _Innermost(items, ranges)
    for index in range(-2, 1700):
        expected = min(
            (i for i in items if ranges[i][0] < index < ranges[i][1]),
            key=lambda i: ranges[i][1] - ranges[i][0],
            default=None,
        )
        assert lookup.around(index) == expected, index

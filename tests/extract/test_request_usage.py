"""What a request reads and the fields its body sends: locals followed, group base-URL locals and ``??=`` defaults
not counted, hand-written code counted, private calls judged through what the Dart side forwards to the JS."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.discover import export_files
from linter.engine import load_export
from linter.model import Template
from linter.resolve import resolve
from linter.resolve.body import json_fields
from tests.support.exportkit import API_CALLS, write_export

JS_PATH = "firebase/functions/api_manager.js"


def _requests(tmp_path: Path, files: dict[str, str]):
    export = load_export(export_files(write_export(tmp_path / "app", files).resolve()))
    return {request.call.name: request for request in resolve(export).requests}


def _unused(tmp_path: Path, files: dict[str, str]) -> dict[str, list[str]]:
    return {name: [v.name for v in request.unused_variables] for name, request in _requests(tmp_path, files).items()}


def _call(params: str, before: str, url: str = "https://api.example.com/x", headers: str = "{}", body: str = "") -> str:
    return f"""class XCall {{
  static Future<ApiCallResponse> call({{
{params}
  }}) async {{
{before}
    return ApiManager.instance.makeApiCall(
      callName: 'x',
      apiUrl: '{url}',
      callType: ApiCallType.POST,
      headers: {headers},
      params: {{}},{body}
      bodyType: BodyType.JSON,
      returnBody: true,
    );
  }}
}}
"""


def test_locals_are_followed_to_the_variables_they_are_built_from(tmp_path):
    code = _call(
        "    dynamic promptJson,\n    List<String>? tagsList,",
        "    final prompt = _serializeJson(promptJson);\n    final tags = _serializeList(tagsList);\n"
        "    final ffApiRequestBody = '''\n{\"messages\": ${prompt}, \"tags\": ${tags}}''';",
        body="\n      body: ffApiRequestBody,",
    )
    request = _requests(tmp_path, {API_CALLS: code})["x"]
    assert request.unused_variables == []
    assert {"promptJson", "tagsList", "prompt", "tags"} <= request.names_read


def test_the_group_base_url_local_and_environment_defaults_are_not_uses(tmp_path):
    code = """class ShopGroup {
  static String getBaseUrl({String? authToken = ''}) => 'https://shop.example.com';
  static Map<String, String> headers = {};
  static ListCall listCall = ListCall();
}

class ListCall {
  Future<ApiCallResponse> call({
    String? authToken = '',
    String? apiKey,
  }) async {
    apiKey ??= FFDevEnvironmentValues().apiKey;
    final baseUrl = ShopGroup.getBaseUrl(
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'list',
      apiUrl: '${baseUrl}/items',
      callType: ApiCallType.GET,
      headers: {},
      params: {},
      returnBody: true,
    );
  }
}
"""
    assert _unused(tmp_path, {API_CALLS: code}) == {"list": ["authToken", "apiKey"]}


def test_names_hand_written_code_reads_count_as_used(tmp_path):
    code = _call(
        "    String? name = '',\n    String? referral = '',",
        "    final Map<String, dynamic> bodyMap = {'name': name};\n"
        "    if (referral != null && referral.isNotEmpty) {\n      bodyMap['referral'] = referral;\n    }\n"
        "    final body = jsonEncode(bodyMap);",
        body="\n      body: body,",
    )
    assert _unused(tmp_path, {API_CALLS: code}) == {"x": []}


def test_a_request_fflint_does_not_follow_is_not_judged(tmp_path):
    code = _call("    String? token = '',", "", headers="buildHeaders(token)")
    assert _unused(tmp_path, {API_CALLS: code}) == {"x": []}


def _private(variables: str, forwarded: str, js_body: str, before: str = "") -> dict[str, str]:
    dart = f"""class SendCall {{
  Future<ApiCallResponse> call({{
{variables}
  }}) async {{
{before}
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {{
        'callName': 'SendCall',
        'variables': {{
{forwarded}
        }},
      }},
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }}
}}
"""
    js = f"""async function _sendCall(context, ffVariables) {{
{js_body}
  return makeApiRequest({{
    method: "post",
    url,
    headers,
    params,
    body: createBody({{ headers, params, body: ffApiRequestBody, bodyType: "JSON" }}),
    returnBody: true,
  }});
}}
"""
    return {API_CALLS: dart, JS_PATH: js}


def test_private_calls_are_judged_in_the_js_through_what_dart_forwards(tmp_path):
    files = _private(
        "    String? apiKey = '',\n    dynamic promptJson,\n    String? notForwarded = '',\n    String? ignored = '',",
        "          'apiKey': apiKey,\n          'prompt': prompt,\n          'ignored': ignored,",
        '  var apiKey = ffVariables["apiKey"];\n  var prompt = ffVariables["prompt"];\n'
        '  var ignored = ffVariables["ignored"];\n'
        "  var url = `https://api.example.com/chat`;\n"
        "  var headers = { Authorization: `Bearer ${apiKey}` };\n  var params = {};\n"
        '  var ffApiRequestBody = `{"messages": ${prompt}}`;\n',
        before="    final prompt = _serializeJson(promptJson);",
    )
    assert _unused(tmp_path, files) == {"SendCall": ["notForwarded", "ignored"]}


def test_a_private_call_without_its_js_is_not_judged(tmp_path):
    files = _private("    String? apiKey = '',", "          'apiKey': apiKey,", "")
    del files[JS_PATH]
    assert _unused(tmp_path, files) == {"SendCall": []}


def test_credential_places_say_whether_their_value_is_fixed(tmp_path):
    code = _call(
        "    String? token = '',",
        "",
        url="https://api.example.com/x?key=fixed-key-123&page=2",
        headers="{'Authorization': 'Bearer ${token}', 'apikey': 'anon-key', 'Accept': 'application/json'}",
    )
    places = _requests(tmp_path, {API_CALLS: code})["x"].credential_places
    assert [(place.where, place.text) for place in places] == [
        ("header 'Authorization'", None),
        ("header 'apikey'", "anon-key"),
        ("query parameter 'key'", "fixed-key-123"),
    ]


def _template(text: str) -> Template:
    from linter.extract.dart_lexer import DartLexer
    from linter.model import FileKind, SourceFile

    source = SourceFile(Path("a.dart"), "a.dart", FileKind.API_CALLS, f"final b = '''{text}''';")
    (token,) = [token for token in DartLexer(source.text).tokens() if token.kind == "string"]
    return Template(source, token.segments or [], token.start, token.end)


def test_json_fields_at_every_depth_with_their_kinds_and_owners():
    body = _template(
        '{"email": "a@b.c", "age": 3, "ok": true, "none": null, "name": "${name}", "raw": ${count},\n'
        ' "user": {"email": "${email}", "tags": ["x", {"deep": "y\\\\"z"}]}, "email": "${override}"}'
    )
    fields = json_fields(body)
    assert fields is not None
    shown = [(f.key, f.kind, f.owner, f.text if f.literal else None) for f in fields]
    assert shown == [
        ("email", "string", 0, "a@b.c"),
        ("age", "number", 0, "3"),
        ("ok", "bool", 0, "true"),
        ("none", "null", 0, "null"),
        ("name", "interpolated", 0, None),
        ("raw", "interpolated", 0, None),
        ("email", "interpolated", 1, None),
        ("deep", "string", 2, 'y\\"z'),
        ("tags", "array", 1, None),
        ("user", "object", 0, None),
        ("email", "interpolated", 0, None),
    ]
    first = fields[0]
    assert body.text[first.key_begin : first.key_end] == "email"
    assert body.text[first.value_begin : first.value_end] == '"a@b.c"'


@pytest.mark.parametrize(
    "text", ['{"a": 1,}', '{"a" 1}', "{{name}}", '"just a string"', "${body}", '{"a": 1} trailing', "", "[1, 2"]
)
def test_bodies_that_are_not_json_have_no_fields(text):
    assert json_fields(_template(text)) is None

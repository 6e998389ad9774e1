"""P002: credential variables that reach no part of the request, judged against where the request sends its
credential; leftovers, hand-written code, placeholders and hardcoded body fields are not P002's."""

from __future__ import annotations

from pathlib import Path

from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings

JS_PATH = "firebase/functions/api_manager.js"


def run(tmp_path: Path, files: dict[str, str], codes=("P002",)):
    return export_findings(tmp_path / "app", files, set(codes))


def call(variables: str, headers: str = "", url: str = "https://api.example.com/x", body: str | None = None) -> str:
    declaration = f"    final ffApiRequestBody = '''\n{body}''';\n" if body is not None else ""
    body_arg = "      body: ffApiRequestBody,\n      bodyType: BodyType.JSON,\n" if body is not None else ""
    return f"""class SaveCall {{
  static Future<ApiCallResponse> call({{
{variables}
  }}) async {{
{declaration}    return ApiManager.instance.makeApiCall(
      callName: 'save',
      apiUrl: '{url}',
      callType: ApiCallType.{"POST" if body is not None else "GET"},
      headers: {{{headers}}},
      params: {{}},
{body_arg}      returnBody: true,
    );
  }}
}}
"""


def test_a_fixed_key_sent_instead_of_the_token_is_reported_at_the_variable(tmp_path):
    code = call("    String? accessToken = '',", "'apikey': 'anon-key-0000', 'Authorization': 'Bearer anon-key-0000'")
    (finding,) = run(tmp_path, {API_CALLS: code})
    text = (tmp_path / "app" / API_CALLS).read_text()
    assert finding.severity == "warning" and text[finding.span.start : finding.span.end] == "String? accessToken = ''"
    assert "'accessToken'" in finding.message and "header 'apikey'" in finding.message
    assert "anon-key-0000" not in finding.message and finding.secret is not None
    assert "[accessToken]" in finding.message and "API Calls → save → Headers" in (finding.hint or "")


def test_no_credential_at_all_is_an_error(tmp_path):
    (finding,) = run(tmp_path, {API_CALLS: call("    String? apiKey = '',")})
    assert finding.severity == "error" and "no credential at all" in finding.message


def test_a_fixed_query_key_counts_as_the_credential_sent(tmp_path):
    code = call("    String? key = '',", url="https://maps.example.com/geo?address=x&key=fixed-maps-key-1")
    (finding,) = run(tmp_path, {API_CALLS: code})
    assert "query parameter 'key'" in finding.message and "→ API URL" in (finding.hint or "")


def test_an_environment_value_is_a_fixed_credential(tmp_path):
    code = call("    String? userJwt = '',", "'Authorization': 'Bearer ${FFDevEnvironmentValues().anonKey}'")
    env_dart = """class FFDevEnvironmentValues {
  static const String currentEnvironment = 'Production';
  static const String environmentValuesPath = 'assets/environment_values/environment.json';
  Future<void> initialize() async {
    final data = await json.decode(response);
    _anonKey = data['anonKey'];
  }
  String _anonKey = '';
  String get anonKey => _anonKey;
}
"""
    files = {
        API_CALLS: code,
        "lib/environment_values.dart": env_dart,
        "assets/environment_values/environment.json": '{"anonKey": "anon-env-key-1"}',
    }
    (finding,) = run(tmp_path, files)
    assert "'userJwt'" in finding.message and "fixed credential" in finding.message


def test_a_password_a_write_call_never_sends_is_an_error_a_read_call_keeps_quietly(tmp_path):
    signup = call("    String? email = '',\n    String? password = '',", body='{\n  "email": "${email}"\n}')
    (finding,) = run(tmp_path / "a", {API_CALLS: signup})
    assert finding.severity == "error" and "never receives the password" in finding.message
    read = call("    String? password = '',", "'apikey': 'anon-key-0000'")
    assert run(tmp_path / "b", {API_CALLS: read}) == []


def test_leftovers_and_names_that_are_not_credentials_are_not_reported(tmp_path):
    leftover = call("    String? token = '',\n    String? refreshToken = '',", "'Authorization': 'Bearer ${token}'")
    plain = call("    String? userId = '',\n    String? pageToken = '',\n    String? tokenType = '',")
    app_state = call("    String? accessToken = '',", "'Authorization': 'Bearer ${FFAppState().jwt}'")
    for index, code in enumerate((leftover, plain, app_state)):
        assert run(tmp_path / str(index), {API_CALLS: code}) == [], index


def test_placeholders_and_hardcoded_fields_are_left_to_their_rules(tmp_path):
    placeholder = call("    String? authToken = '',", "'Authorization': 'Bearer [auth_token]'")
    found = run(tmp_path / "p", {API_CALLS: placeholder}, ("P001", "P002"))
    assert [finding.code for finding in found] == ["P001"]
    hardcoded = call("    String? secret = '',", body='{\n  "secret": "abc"\n}')
    assert run(tmp_path / "h", {API_CALLS: hardcoded}) == []


def test_a_private_call_is_judged_in_its_cloud_function(tmp_path):
    dart = """class AskCall {
  Future<ApiCallResponse> call({
    String? apiKey = '',
  }) async {
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {
        'callName': 'AskCall',
        'variables': {
          'apiKey': apiKey,
        },
      },
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }
}
"""
    js = """async function _askCall(context, ffVariables) {
  var apiKey = ffVariables["apiKey"];

  var url = `https://api.example.com/ask`;
  var headers = { Authorization: `Bearer server-side-key-1` };
  var params = {};
  var ffApiRequestBody = undefined;

  return makeApiRequest({ method: "get", url, headers, params, returnBody: true });
}
"""
    (finding,) = run(tmp_path, {API_CALLS: dart, JS_PATH: js})
    assert "'apiKey'" in finding.message and finding.span.path.endswith("api_calls.dart")


def _basic(user: str, password: str) -> str:
    import base64

    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_a_secret_written_into_a_fixed_basic_credential_is_sent_not_dropped(tmp_path):
    # FlutterFlow cannot base64 a variable: the Basic header holds clientId:clientSecret encoded by hand, so the
    # secret is sent (hardcoded: S004's), and "use [clientSecret] there" could not be followed.
    variables = "    String? clientId = 'demo-client-01',\n    String? clientSecret = 'demo-secret-0123456789',"
    sent = call(variables, f"'Authorization': 'Basic {_basic('demo-client-01', 'demo-secret-0123456789')}'")
    assert run(tmp_path / "sent", {API_CALLS: sent}) == []
    # Another pair in the header: the declared secret is dropped, as before.
    other = call(variables, f"'Authorization': 'Basic {_basic('other-client-9', 'other-secret-987654')}'")
    (finding,) = run(tmp_path / "other", {API_CALLS: other})
    assert "'clientSecret'" in finding.message and "fixed credential" in finding.message


def test_a_key_whose_default_is_pasted_where_the_variable_could_go_is_still_reported(tmp_path):
    # Unlike a Basic credential, a Bearer token or a query key can be written [apiKey]: binding it matters.
    variables = "    String? apiKey = 'pasted-key-123456',"
    bearer = call(variables, "'Authorization': 'Bearer pasted-key-123456'")
    (finding,) = run(tmp_path / "bearer", {API_CALLS: bearer})
    assert "[apiKey]" in finding.message
    query = call(variables, url="https://api.example.com/x?key=pasted-key-123456")
    (finding,) = run(tmp_path / "query", {API_CALLS: query})
    assert "query parameter 'key'" in finding.message


SETTINGS = ("host", "proxyPort", "tlsVersion", "vaultPath")


def _settings_call(json_variable: bool, used: tuple[str, ...] = ()) -> str:
    declared = [f"    String? {name} = ''," for name in (*SETTINGS, "vaultPassword")]
    members = [f'  "{name}": "${{{name}}}",' for name in used]
    if json_variable:
        declared.append("    dynamic recordJson,")
        members.append('  "record": ${record},')
    body = "{\n" + "\n".join([*members, '  "op": "save"']) + "\n}"
    code = call("\n".join(declared), body=body)
    if json_variable:
        code = code.replace(
            "    final ffApiRequestBody", "    final record = _serializeJson(recordJson);\n    final ffApiRequestBody"
        )
    return code


def test_most_variables_unused_beside_a_json_record_are_its_fields_not_a_dropped_password(tmp_path):
    # The record travels whole in a JSON variable; the unused settings, vaultPassword with them, describe it.
    assert run(tmp_path / "record", {API_CALLS: _settings_call(json_variable=True)}) == []


def test_an_unused_password_is_still_reported_without_a_record_or_when_most_variables_are_sent(tmp_path):
    (finding,) = run(tmp_path / "no-record", {API_CALLS: _settings_call(json_variable=False)})
    assert "'vaultPassword'" in finding.message and finding.severity == "error"
    (finding,) = run(tmp_path / "sent", {API_CALLS: _settings_call(json_variable=True, used=SETTINGS)})
    assert "'vaultPassword'" in finding.message


def test_a_call_that_runs_interceptors_is_not_said_to_send_no_credential(tmp_path):
    code = call("    String? apiKey = '',").replace(
        "ApiManager.instance.makeApiCall(", "FFApiInterceptor.makeApiCall(\n      ApiCallOptions("
    )
    code = code.replace(
        "      returnBody: true,\n    );", "      returnBody: true,\n      ),\n      SaveGroup.interceptors,\n    );"
    )
    assert "SaveGroup.interceptors" in code
    assert run(tmp_path, {API_CALLS: code}) == []


def test_a_basic_credential_that_is_not_ascii_is_not_a_crash(tmp_path):
    # The base64 decoder refuses a non-ASCII token with ValueError, not binascii.Error.
    variables = "    String? clientSecret = 'demo-secret-0123456789',"
    broken = call(variables, "'Authorization': 'Basic dXNlcjpwYXNzé'")
    (finding,) = run(tmp_path, {API_CALLS: broken})
    assert "'clientSecret'" in finding.message

"""C008 and C009: bodies that ignore the call's variables: a fixed test account, fields fixed to literals, duplicate
keys whose later value wins, no body at all; each defect reported once, by one rule."""

from __future__ import annotations

from pathlib import Path

from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings

CODES = {"C008", "C009", "P001", "P002"}


def run(tmp_path: Path, code: str):
    return export_findings(tmp_path / "app", {API_CALLS: code}, CODES)


def call(variables: str, body: str | None, method: str = "POST", params: str = "", body_type: str = "JSON") -> str:
    declaration = f"    final ffApiRequestBody = '''\n{body}''';\n" if body is not None else ""
    body_arg = "      body: ffApiRequestBody,\n" if body is not None else ""
    return f"""class LoginCall {{
  static Future<ApiCallResponse> call({{
{variables}
  }}) async {{
{declaration}    return ApiManager.instance.makeApiCall(
      callName: 'login',
      apiUrl: 'https://api.example.com/auth',
      callType: ApiCallType.{method},
      headers: {{}},
      params: {{{params}}},
{body_arg}      bodyType: BodyType.{body_type},
      returnBody: true,
    );
  }}
}}
"""


ACCOUNT = "    String? email = '',\n    String? password = '',"


def test_a_fixed_test_account_is_one_c008_at_the_password_never_showing_it(tmp_path):
    code = call(ACCOUNT, '{\n  "email": "qa.tester@example.com",\n  "password": "Sup3rSecret!"\n}')
    (finding,) = run(tmp_path, code)
    assert finding.code == "C008" and finding.severity == "error"
    text = (tmp_path / "app" / API_CALLS).read_text()
    assert text[finding.span.start : finding.span.end] == '"Sup3rSecret!"'
    assert "Sup3rSecret" not in finding.message and "qa.tester@example.com" not in finding.message
    assert "'password'" in finding.message and "'email'" in finding.message and finding.secret is not None


def test_a_password_field_named_unlike_its_variable_is_still_c008_and_not_p002(tmp_path):
    code = call(
        "    String? user = '',\n    String? password = '',", '{\n  "user": "${user}",\n  "pass": "abc12345"\n}'
    )
    assert [finding.code for finding in run(tmp_path, code)] == ["C008"]


def test_no_c008_when_the_password_variable_is_sent_or_there_is_none(tmp_path):
    used = call(ACCOUNT, '{\n  "email": "${email}",\n  "password": "${password}"\n}')
    service = call("", '{\n  "username": "reporting-bot",\n  "password": "service-pass-1"\n}')
    placeholder = call(ACCOUNT, '{\n  "email": "${email}",\n  "password": "{{password}}"\n}')
    assert run(tmp_path / "u", used) == []
    assert run(tmp_path / "s", service) == []
    assert [finding.code for finding in run(tmp_path / "p", placeholder)] == ["P001"]


def test_fixed_fields_of_one_call_are_one_finding(tmp_path):
    variables = "    String? os = '',\n    String? deviceName = '',\n    String? note = '',"
    body = '{\n  "OS": "linux",\n  "device_name": "pixel-7",\n  "note": null,\n  "source": "app"\n}'
    (finding,) = run(tmp_path, call(variables, body))
    assert finding.code == "C009" and finding.severity == "warning"
    assert "'OS' ('linux'), 'device_name' ('pixel-7'), 'note' (null)" in finding.message
    assert "'os', 'deviceName', 'note'" in finding.message and "source" not in finding.message


def test_a_fixed_credential_field_is_never_shown(tmp_path):
    (finding,) = run(tmp_path, call("    String? apiToken = '',", '{\n  "api_token": "tok-1234"\n}'))
    assert finding.code == "C009" and "tok-1234" not in finding.message


def test_a_fixed_query_parameter_names_query_parameters(tmp_path):
    code = call("    String? keyword = '',", None, method="GET", params="'keyword': 'sofa'", body_type="NONE")
    (finding,) = run(tmp_path, code)
    assert "parameter 'keyword'" in finding.message and "Query Parameters" in (finding.hint or "")


def test_a_later_duplicate_replaces_the_filled_value(tmp_path):
    body = '{\n  "name": "${name}",\n  "meta": {"name": "x"},\n  "name": "Test User"\n}'
    (finding,) = run(tmp_path, call("    String? name = '',", body))
    text = (tmp_path / "app" / API_CALLS).read_text()
    assert finding.code == "C009" and "twice" in finding.message and "a literal" in finding.message
    assert text[finding.span.start : finding.span.end] == "name" and text.count('"name"', 0, finding.span.start) == 2


def test_duplicates_that_drop_no_filled_value_are_not_reported(tmp_path):
    body = '{\n  "name": "draft",\n  "name": "${name}",\n  "a": {"id": "${id}"},\n  "b": {"id": "${id}"}\n}'
    assert run(tmp_path, call("    String? name = '',\n    String? id = '',", body)) == []


def test_a_post_without_body_whose_variables_reach_nothing(tmp_path):
    (finding,) = run(tmp_path / "a", call("    String? itemId = '',", None))
    assert finding.code == "C009" and finding.severity == "error" and "receives '{}'" in finding.message
    form = call("    String? code = '',\n    String? redirectUri = '',", None, body_type="NONE")
    (finding,) = run(tmp_path / "b", form)
    assert "variables 'code', 'redirectUri' reach" in finding.message


def test_no_body_is_not_reported_for_reads_credentials_or_url_variables(tmp_path):
    get = call("    String? itemId = '',", None, method="GET", body_type="NONE")
    only_token = call("    String? token = '',", None)
    assert [finding.code for finding in run(tmp_path / "g", get)] == []
    assert [finding.code for finding in run(tmp_path / "t", only_token)] == ["P002"]


def test_a_field_fixed_to_its_variables_default_loses_nothing(tmp_path):
    variables = "    String? orderId = '',\n    String? status = 'Delivered',"
    same = call(variables, '{\n  "orderId": "${orderId}",\n  "status": "Delivered"\n}')
    assert run(tmp_path / "same", same) == []
    other = call(variables, '{\n  "orderId": "${orderId}",\n  "status": "Cancelled"\n}')
    (finding,) = run(tmp_path / "other", other)
    assert finding.code == "C009" and "'Cancelled'" in finding.message
    empty_default = call(
        variables.replace("'Delivered'", "''"), '{\n  "orderId": "${orderId}",\n  "status": "Delivered"\n}'
    )
    (finding,) = run(tmp_path / "empty", empty_default)
    assert finding.code == "C009" and "'Delivered'" in finding.message

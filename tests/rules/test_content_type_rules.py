"""C001-C005 and C007 with the runtime semantics of each API manager era, private calls and custom code."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks.content_type import malformed
from linter.engine import LintOptions, lint
from linter.fix import plan_changes
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS, API_MANAGER, MANAGER_OVERWRITE, write_export
from tests.support.lint import export_findings, only

C_CODES = {"C001", "C002", "C003", "C004", "C005", "C006", "C007"}


def call(
    name: str = "SaveItem",
    *,
    method: str = "POST",
    headers: str = "",
    body_type: str | None = "JSON",
    body: str | None = '{"name": "${name}"}',
    params: str = "",
    extra: str = "",
) -> str:
    body_decl = f"    final ffApiRequestBody = '''\n{body}''';\n" if body is not None else ""
    body_arg = "      body: ffApiRequestBody,\n" if body is not None else ""
    type_arg = f"      bodyType: BodyType.{body_type},\n" if body_type else ""
    return f"""class {name}Call {{
  static Future<ApiCallResponse> call({{String? name = '', FFUploadedFile? file}}) async {{
{body_decl}    return ApiManager.instance.makeApiCall(
      callName: '{name[0].lower() + name[1:]}',
      apiUrl: 'https://api.example.com/items',
      callType: ApiCallType.{method},
      headers: {{{headers}}},
      params: {{{params}}},
{body_arg}{type_arg}      returnBody: true,{extra}
    );
  }}
}}
"""


def findings(tmp_path: Path, files: dict[str, str], manager: str = "if-unset", codes=None):
    return export_findings(tmp_path / f"app-{manager}", files, codes or C_CODES, manager=manager)


# -- C002 by era ---------------------------------------------------------------------------------------------------


def test_same_conflict_is_error_with_if_unset_manager_and_warning_with_overwrite_manager(tmp_path):
    files = {API_CALLS: call(headers="'Content-Type': 'text/plain',")}
    (new,) = only(findings(tmp_path, files, "if-unset"), "C002")
    (old,) = only(findings(tmp_path, files, "overwrite"), "C002")
    assert new.severity == "error" and "is sent" in new.message
    assert old.severity == "warning" and "your header is ignored" in old.message
    assert new.span.line == old.span.line


def test_era_fixtures_2022_and_2024_managers_give_the_documented_severities(tmp_path):
    fixtures = FIXTURES / "eras"
    files = {API_CALLS: call(headers="'Content-Type': 'text/plain',")}
    severities = {}
    for era in ("2022", "2024"):
        manager = (fixtures / era / API_MANAGER).read_text()
        (finding,) = only(findings(tmp_path / era, {**files, API_MANAGER: manager}), "C002")
        severities[era] = finding.severity
    assert severities == {"2022": "warning", "2024": "error"}


def test_form_call_with_json_header_throws_in_package_http(tmp_path):
    files = {
        API_CALLS: call(
            headers="'Content-Type': 'application/json',",
            body_type="X_WWW_FORM_URL_ENCODED",
            body=None,
            params="'name': name,",
        )
    }
    (finding,) = only(findings(tmp_path, files), "C002")
    assert finding.severity == "error" and "StateError" in finding.message


def test_multipart_header_is_replaced_by_multipart_request(tmp_path):
    files = {
        API_CALLS: call(
            headers="'Content-Type': 'application/json',", body_type="MULTIPART", body=None, params="'file': file,"
        )
    }
    (finding,) = only(findings(tmp_path, files), "C002")
    assert finding.severity == "info" and "MultipartRequest" in finding.message and "no effect" in finding.message
    # A manager that builds multipart bodies itself, without MultipartRequest, sends the header as set.
    manager = MANAGER_OVERWRITE.replace("case BodyType.JSON:", "case BodyType.MULTIPART:\n      case BodyType.JSON:")
    unset_comment = '// Set "Content-Type" header if it was previously unset.\n    '
    manager = manager.replace("if (contentType != null) {", unset_comment + "if (contentType != null) {")
    (sent,) = only(findings(tmp_path / "own", {**files, API_MANAGER: manager}), "C002")
    assert sent.severity == "error"


def test_a_groups_json_header_copied_into_its_multipart_uploads_is_one_info_finding(tmp_path):
    """The 2024+ generator copies a group's headers into every call: the ignored header is one cause, reported once."""
    uploads = "".join(
        call(
            name,
            headers="'Content-Type': 'application/json',",
            body_type="MULTIPART",
            body=None,
            params="'file': file,",
        )
        for name in ("UploadAvatar", "UploadCover", "UploadReceipt")
    )
    (finding,) = only(findings(tmp_path, {API_CALLS: uploads}), "C002")
    assert finding.severity == "info" and len(finding.related) == 2


def test_multipart_form_data_without_boundary_is_info_and_with_boundary_is_clean(tmp_path):
    bare = call(headers="'Content-Type': 'multipart/form-data',", body_type="MULTIPART", body=None,
                params="'file': file,")  # fmt: skip
    (finding,) = only(findings(tmp_path, {API_CALLS: bare}), "C002")
    assert finding.severity == "info"
    bounded = bare.replace("multipart/form-data'", "multipart/form-data; boundary=abc'")
    assert not only(findings(tmp_path / "b", {API_CALLS: bounded}), "C002")


@pytest.mark.parametrize(
    ("body_type", "value", "conflict"),
    [
        ("JSON", "application/json; charset=utf-8", False),
        ("JSON", "application/problem+json", False),
        ("JSON", "application/x-amz-json-1.1", False),
        ("JSON", "text/plain", True),
        ("JSON", "application/x-www-form-urlencoded", True),
        ("TEXT", "application/xml", False),
        ("TEXT", "application/x-www-form-urlencoded", False),
        ("TEXT", "multipart/form-data", True),
        ("TEXT", "multipart/form-data; boundary=x", False),
    ],
)
def test_conflict_table(tmp_path, body_type, value, conflict):
    files = {API_CALLS: call(headers=f"'Content-Type': '{value}',", body_type=body_type)}
    assert bool(only(findings(tmp_path, files), "C002")) is conflict


def test_no_conflict_when_no_body_is_sent(tmp_path):
    files = {API_CALLS: call(method="GET", headers="'Content-Type': 'text/plain',")}
    assert not only(findings(tmp_path, files), "C002")


# -- private calls ---------------------------------------------------------------------------------------------------

PRIVATE_DART = """class SendNoteCall {
  Future<ApiCallResponse> call({String? note = ''}) async {
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {
        'callName': 'SendNoteCall',
        'variables': {
          'note': note,
        },
      },
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }
}
"""


def private_js(method: str, headers: str, body: str, body_type: str | None) -> str:
    create = (
        f"    body: createBody({{\n      headers,\n      params,\n      body: ffApiRequestBody,\n"
        f'      bodyType: "{body_type}",\n    }}),\n'
        if body_type
        else ""
    )
    return f"""async function _sendNoteCall(context, ffVariables) {{
  var note = ffVariables["note"];
  var url = `https://notes.example.com/notes`;
  var headers = {{
{headers}
  }};
  var params = {{}};
  var ffApiRequestBody = `{body}`;

  return makeApiRequest({{
    method: "{method}",
    url,
    headers,
    params,
{create}    returnBody: true,
    isStreamingApi: false,
  }});
}}

async function makeApiCall(context, data) {{
  const callMap = {{
    SendNoteCall: _sendNoteCall,
  }};
}}
"""


def test_private_call_conflict_is_ignored_like_a_2022_manager(tmp_path):
    js = private_js("post", '    "Content-Type": `text/plain`,', '{"note": "${note}"}', "JSON")
    found = findings(tmp_path, {API_CALLS: PRIVATE_DART, "firebase/functions/api_manager.js": js})
    (finding,) = only(found, "C002")
    assert finding.severity == "warning" and "cloud function" in finding.message
    assert finding.span.path.endswith("firebase/functions/api_manager.js")


def test_private_call_header_rules_run_on_js_values(tmp_path):
    js = private_js("get", '    "Content-Type": `applicaiton-json`,\n    "content-type": `application/json`,', "", None)
    found = findings(tmp_path, {API_CALLS: PRIVATE_DART, "firebase/functions/api_manager.js": js})
    assert {finding.code for finding in found} == {"C003", "C004", "C005"}
    assert all(finding.span.path.endswith("api_manager.js") for finding in found)


def test_private_json_body_error_points_into_js(tmp_path):
    js = private_js("post", "", '{"note": "${note}",}', "JSON")
    (finding,) = only(findings(tmp_path, {API_CALLS: PRIVATE_DART, "firebase/functions/api_manager.js": js}), "C006")
    assert finding.span.path.endswith("api_manager.js")
    line = js.splitlines()[finding.span.line - 1]
    assert line[finding.span.col - 1] == ","


# -- C001 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body_type", [None, "NONE"])
def test_body_without_body_type_is_reported(tmp_path, body_type):
    (finding,) = only(findings(tmp_path, {API_CALLS: call(body_type=body_type)}), "C001")
    assert "empty request" in finding.message


def test_body_type_none_without_body_and_get_with_body_are_clean(tmp_path):
    files = {API_CALLS: call(body_type="NONE", body=None) + call("ReadItem", method="GET", body_type=None)}
    assert not only(findings(tmp_path, files), "C001")


def test_hand_edited_manager_without_content_type_reports_json_calls_only(tmp_path):
    manager = MANAGER_OVERWRITE.replace("headers['Content-Type'] = contentType;", "print(contentType);")
    files = {
        API_MANAGER: manager,
        API_CALLS: call()
        + call("SaveText", body_type="TEXT", body="hello")
        + call("SaveTyped", headers="'Content-Type': 'application/json',"),
    }
    (finding,) = only(findings(tmp_path, files), "C001")
    assert "saveItem" in finding.message and "edited" in finding.message


def test_commented_out_header_line_counts_as_edited(tmp_path):
    manager = MANAGER_OVERWRITE.replace("headers['Content-Type'] = contentType;", "// headers['Content-Type'] = x;")
    assert only(findings(tmp_path, {API_MANAGER: manager, API_CALLS: call()}), "C001")


CUSTOM = "lib/custom_code/actions/post_it.dart"


@pytest.mark.parametrize(
    ("code", "reported"),
    [
        ("await http.post(url, body: jsonEncode(data));", True),
        ("await http.patch(url, body: '{\"a\": 1}');", True),
        ("final payload = json.encode(data);\n  await http.put(url, body: payload);", True),
        ("await http.post(url, headers: {'Authorization': 'x'}, body: jsonEncode(data));", True),
        ("await http.post(url, headers: {'content-type': 'application/json'}, body: jsonEncode(data));", False),
        (
            "await http.post(url, headers: {HttpHeaders.contentTypeHeader: 'application/json'}, body: d);",
            False,
        ),
        (
            "final h = {'Content-Type': 'application/json'};\n  await http.post(url, headers: h, body: d);",
            False,
        ),
        ("await http.post(url, headers: buildHeaders(), body: jsonEncode(data));", False),
        ("await http.post(url, body: {'a': 'b'});", False),
        ("await http.post(url, body: data);", False),
        ("await http.post(url);", False),
        ("await http.get(url);", False),
        ("final r = http.Request('POST', url)..body = jsonEncode(data);\n  await r.send();", True),
        (
            "final r = http.Request('POST', url)\n    ..headers['Content-Type'] = 'application/json'\n"
            "    ..body = jsonEncode(data);\n  await r.send();",
            False,
        ),
    ],
)
def test_raw_http_in_custom_code(tmp_path, code, reported):
    source = (
        "import 'dart:convert';\nimport 'package:http/http.dart' as http;\n\n"
        f"Future postIt(Uri url, Map data) async {{\n  final d = jsonEncode(data);\n  {code}\n}}\n"
    )
    found = only(findings(tmp_path, {API_CALLS: call(), CUSTOM: source}), "C001")
    assert bool(found) is reported
    if reported:
        assert found[0].span.path.endswith(CUSTOM)


def test_generated_api_requests_folder_and_unprefixed_imports_are_not_custom_code(tmp_path):
    raw = "Future f(Uri u, Map d) async {\n  await http.post(u, body: jsonEncode(d));\n}\n"
    files = {
        API_CALLS: call(),
        "lib/backend/api_requests/extra.dart": "import 'package:http/http.dart' as http;\n" + raw,
        "lib/custom_code/actions/bare.dart": "import 'package:http/http.dart';\n" + raw.replace("http.post", "post"),
        "lib/flutter_flow/custom_functions.dart": "import 'package:http/http.dart' as web;\n"
        + raw.replace("http.post", "web.post"),
    }
    found = only(findings(tmp_path, files), "C001")
    assert [finding.span.path.rsplit("lib/", 1)[1] for finding in found] == ["flutter_flow/custom_functions.dart"]


# -- C003 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "severity"),
    [
        ("application/json", None, None),
        ("application/json;charset=UTF-8", None, None),
        ('multipart/form-data; boundary="a b"', None, None),
        ("applicaiton-json", "type/subtype (did you mean 'application/json'?)", None),
        ("json", "type/subtype", None),
        ("charset=utf-8; application/json", "starts with the charset", None),
        ("application/json; charset = utf-8", "malformed parameter", None),
        ("application/json;", "trailing ';'", None),
        ("application/json, text/plain", "type/subtype", None),
        ("application/json; charset=utf8", "charset 'utf8'", None),
        ("application/json\n", "line break", None),
        ("applicaton/json", "unknown top-level type 'applicaton'", "warning"),
        ("\tapplication/json", "whitespace", "warning"),
        ("application/json ", "whitespace", "warning"),
        ("application/Json", "mixed case", "info"),
    ],
)
def test_malformed_media_types(value, expected, severity):
    problem = malformed(value)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem.message
        assert problem.severity == severity


def test_malformed_header_is_info_when_the_manager_overwrites_it(tmp_path):
    files = {API_CALLS: call(headers="'Content-Type': 'applicaiton-json',")}
    (sent,) = only(findings(tmp_path, files, "if-unset"), "C003")
    (ignored,) = only(findings(tmp_path, files, "overwrite"), "C003")
    assert sent.severity == "error" and ignored.severity == "info"


def _fixed(tmp_path: Path, headers: str, unsafe: bool = False) -> str:
    root = write_export(tmp_path / "fix", {API_CALLS: call(headers=headers)})
    result = lint([root], LintOptions(codes={"C003"}))
    changes = plan_changes(result.findings, result.source_files(), unsafe=unsafe).changes
    return changes[0].new_text if changes else ""


def test_safe_fixes_strip_whitespace_escapes_and_lowercase(tmp_path):
    assert "'Content-Type': 'application/json'," in _fixed(tmp_path / "a", "'Content-Type': '\\tapplication/json ',")
    assert "'Content-Type': 'application/json'," in _fixed(tmp_path / "b", "'Content-Type': 'application/JSON',")
    assert "charset=utf-8'" in _fixed(tmp_path / "c", "'Content-Type': 'application/json; charset=utf8',")


def test_spelling_fix_is_unsafe(tmp_path):
    assert _fixed(tmp_path / "a", "'Content-Type': 'applicaiton-json',") == ""
    assert "'Content-Type': 'application/json'," in _fixed(
        tmp_path / "b", "'Content-Type': 'applicaiton-json',", unsafe=True
    )


# -- C004 / C005 / C007 -----------------------------------------------------------------------------------------------


def test_duplicate_severity_depends_on_values(tmp_path):
    same = call(headers="'Content-Type': 'application/json', 'CONTENT-TYPE': 'application/json',")
    differ = call("Other", headers="'Content-Type': 'application/json', 'content-type': 'text/plain',")
    found = only(findings(tmp_path, {API_CALLS: same + differ}), "C004")
    assert sorted(finding.severity for finding in found) == ["info", "warning"]
    assert any("'text/plain' wins" in finding.message for finding in found)


def test_content_type_without_body(tmp_path):
    files = {
        API_CALLS: call(
            "ReadItem", method="GET", headers="'Content-Type': 'application/json',", body_type=None, body=None
        )
        + call(
            "DropItem",
            method="DELETE",
            headers="'Content-Type': 'application/json',",
            extra="\n      alwaysAllowBody: true,",
        )
    }
    (finding,) = only(findings(tmp_path, files), "C005")
    assert finding.severity == "info" and "readItem" in finding.message


def test_form_body_mismatch_severity_depends_on_params(tmp_path):
    files = {
        API_CALLS: call(body_type="X_WWW_FORM_URL_ENCODED")
        + call("Upload", body_type="MULTIPART", params="'file': file,")
        + call("Plain", body_type="X_WWW_FORM_URL_ENCODED", body=None, params="'name': name,")
    }
    found = only(findings(tmp_path, files), "C007")
    assert sorted((finding.severity, "JSON body" in finding.message) for finding in found) == [
        ("error", True),
        ("warning", True),
    ]

"""Header rules on private calls (firebase/functions/api_manager.js): the group entries the generator copies to the
front of a call's header object (H004), and what the cloud function's createBody does with Content-Type (H002, H007).
"""

from __future__ import annotations

from pathlib import Path

from linter.discover import export_files
from linter.engine import load_export
from tests.support.exportkit import API_CALLS, write_export
from tests.support.lint import findings

JS = "firebase/functions/api_manager.js"

CREATE_BODY = """function createBody({ headers, params, body, bodyType }) {
  switch (bodyType) {
    case "JSON":
      headers["Content-Type"] = "application/json";
      return body;
    case "TEXT":
      headers["Content-Type"] = "text/plain";
      return body;
  }
}
"""


def _dart(cls: str) -> str:
    return f"""class {cls} {{
  Future<ApiCallResponse> call({{
    String? memberToken = '',
  }}) async {{
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {{
        'callName': '{cls}',
        'variables': {{
          'memberToken': memberToken,
        }},
      }},
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }}
}}
"""


def _js(cls: str, call_headers: str, *, group_headers: str | None = None, body_type: str | None = "JSON") -> str:
    """A private call's function; with ``group_headers`` it belongs to a group whose header object holds them."""
    function = "_" + cls[0].lower() + cls[1:]
    group, uses_group, base = "", "", "https://api.tidepool.example/v1"
    if group_headers is not None:
        group = (
            "function createTidepoolGroup() {\n  return {\n    baseUrl: `https://api.tidepool.example/v1`,\n"
            f"    headers: {{{group_headers}}},\n  }};\n}}\n\n"
        )
        uses_group, base = "  const tidepoolGroup = createTidepoolGroup()\n", "${tidepoolGroup.baseUrl}"
    if body_type is None:
        request, body = '    method: "get",\n    url,\n    headers,\n    params,\n', "undefined"
    else:
        request = (
            '    method: "post",\n    url,\n    headers,\n    params,\n'
            f'    body: createBody({{ headers, params, body: ffApiRequestBody, bodyType: "{body_type}" }}),\n'
        )
        body = '`{"tide": "low"}`'
    return (
        group
        + f"""async function {function}(context, ffVariables) {{
  var memberToken = ffVariables["memberToken"];
{uses_group}
  var url = `{base}/tides`;
  var headers = {{{call_headers}}};
  var params = {{}};
  var ffApiRequestBody = {body};

  return makeApiRequest({{
{request}    returnBody: true,
    isStreamingApi: false,
  }});
}}

async function makeApiCall(context, data) {{
  const callMap = {{
    {cls}: {function},
  }};
}}

"""
        + CREATE_BODY
    )


def _export(tmp_path: Path, call_headers: str, **js) -> Path:
    files = {API_CALLS: _dart("GetTidesCall"), JS: _js("GetTidesCall", call_headers, **js)}
    return write_export(tmp_path / "app", files)


GROUP = '"Authorization": `Bearer tidepool-shared-credential`,'


def test_the_group_entries_copied_to_the_front_of_a_call_are_marked_as_the_groups(tmp_path):
    root = _export(tmp_path, GROUP + '"Authorization": `Bearer ${memberToken}`,"X-Tide": `1`,', group_headers=GROUP)
    (call,) = load_export(export_files(root.resolve())).calls
    assert [(h.name_text, h.origin) for h in call.headers] == [
        ("Authorization", "group-copy"),
        ("Authorization", "call"),
        ("X-Tide", "call"),
    ]


def test_a_private_call_overriding_its_groups_header_is_not_a_duplicate(tmp_path):
    root = _export(tmp_path, GROUP + '"Authorization": `Bearer ${memberToken}`,', group_headers=GROUP)
    assert findings(root, {"H004"}) == []


def test_a_private_call_setting_its_own_header_twice_is_still_a_duplicate(tmp_path):
    own = '"X-Tide": `1`,"x-tide": `2`,'
    (finding,) = findings(_export(tmp_path, GROUP + own, group_headers=GROUP), {"H004"})
    assert "'X-Tide' is set twice" in finding.message and finding.span.path.endswith(JS)
    (alone,) = findings(_export(tmp_path / "nogroup", own), {"H004"})
    assert "'X-Tide' is set twice" in alone.message


def test_entries_that_only_look_like_the_groups_are_the_calls_own(tmp_path):
    # the call's map does not start with the group's entries: nothing was copied, both entries are the call's
    root = _export(tmp_path, '"X-Tide": `1`,"Authorization": `a`,"Authorization": `b`,', group_headers=GROUP)
    assert [f.code for f in findings(root, {"H004"})] == ["H004"]


# -- H002 and H007 where the runtime sets Content-Type from the body type -------------------------------------------


def test_a_misspelt_content_type_on_a_private_call_with_a_body_is_harmless_noise(tmp_path):
    root = _export(tmp_path, "ContentType: `application/x-tide-form`,")
    (finding,) = findings(root, {"H002"})
    assert finding.severity == "info"
    assert "cloud function (api_manager.js) sets Content-Type from the body type (JSON)" in finding.message
    assert "behaves as if" not in finding.message
    assert finding.fix is not None and not finding.fix.safe and finding.fix.description.startswith("remove")


def test_a_misspelt_content_type_on_a_private_call_without_a_body_keeps_its_error(tmp_path):
    root = _export(tmp_path, "ContentType: `application/json`,", body_type=None)
    (finding,) = findings(root, {"H002"})
    assert finding.severity == "error" and "behaves as if 'Content-Type' were missing" in finding.message


def test_a_pasted_content_type_row_on_a_private_call_says_content_type_is_sent_anyway(tmp_path):
    rows = "Key: `x-tide-key`,Value: `tide-0001`,Key: `content-type`,Value: `application/json`,"
    api_key, content_type = findings(_export(tmp_path, rows), {"H007"})
    assert api_key.severity == "error" and "never 'x-tide-key'" in api_key.message
    assert content_type.severity == "warning" and "never 'content-type'" not in content_type.message
    assert "Content-Type is sent all the same" in content_type.message
    assert "sets Content-Type from the body type (JSON)" in content_type.message


def test_a_pasted_content_type_row_without_a_body_is_still_never_sent(tmp_path):
    rows = "Key: `content-type`,Value: `application/json`,"
    (finding,) = findings(_export(tmp_path, rows, body_type=None), {"H007"})
    assert finding.severity == "error" and "never 'content-type'" in finding.message

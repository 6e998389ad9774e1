"""H007 (a key/value table row pasted as headers named Key and Value, its fix, and H004 leaving such maps alone) and
H008 (response-only headers sent in a request)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from linter.cli import cli
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS, write_export
from tests.support.lint import export_findings, findings

JS = "firebase/functions/api_manager.js"


def call(headers: str) -> str:
    return f"""class GetItemsCall {{
  static Future<ApiCallResponse> call() async {{
    return ApiManager.instance.makeApiCall(
      callName: 'getItems',
      apiUrl: 'https://api.example.com/items',
      callType: ApiCallType.GET,
      headers: {{
{headers}
      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""


PASTED = """        'Key': 'x-api-key',
        'Value': 'ak_live_0123456789abcdef0123',
        'Key': 'ngrok-skip-browser-warning',
        'Value': 'true',"""


def test_each_pasted_row_is_one_h007_and_h004_stays_quiet(tmp_path):
    found = export_findings(tmp_path / "app", {API_CALLS: call(PASTED)}, {"H004", "H007"})
    assert [(f.code, f.severity) for f in found] == [("H007", "error"), ("H007", "error")]
    first, second = found
    assert "never 'x-api-key'" in first.message and "ak_live_0123456789abcdef0123" not in first.message
    assert "holding 'true'" in second.message and "never 'ngrok-skip-browser-warning'" in second.message


def test_the_unsafe_fix_writes_each_row_as_one_header(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: call(PASTED)})
    found = findings(root, {"H007"})
    assert found and all(f.fix is not None and not f.fix.safe for f in found)
    result = CliRunner().invoke(cli, ["check", str(root), "--no-cache", "--fix", "--unsafe-fixes"])
    assert result.exit_code == 0, result.output
    text = (root / API_CALLS).read_text()
    assert "'x-api-key': 'ak_live_0123456789abcdef0123'," in text
    assert "'ngrok-skip-browser-warning': 'true'," in text
    assert "'Key'" not in text and "'Value'" not in text


def test_a_private_calls_pasted_row_is_fixed_in_its_js_with_a_quoted_name(tmp_path):
    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/private", root)
    js = root / JS
    js.write_text(
        js.read_text().replace(
            '    "X-Api-Key": `invoicing-server-credential`,\n',
            "    Key: `X-Api-Key`,\n    Value: `invoicing-server-credential`,\n",
        )
    )
    dart_before = (root / API_CALLS).read_bytes()
    (finding,) = findings(root, {"H007"})
    assert finding.span.path.endswith(JS)
    CliRunner().invoke(cli, ["check", str(root), "--no-cache", "--fix", "--unsafe-fixes"])
    assert '    "X-Api-Key": `invoicing-server-credential`,\n  };' in js.read_text()
    assert (root / API_CALLS).read_bytes() == dart_before


def test_a_header_named_key_alone_and_filled_values_get_no_fix(tmp_path):
    alone = call("        'key': 'ak_live_0123456789abcdef0123',\n        'Accept': 'application/json',")
    assert export_findings(tmp_path / "a", {API_CALLS: alone}, {"H007"}) == []
    filled = call("        'Key': 'Authorization',\n        'Value': 'Bearer ${FFAppState().jwt}',")
    (finding,) = export_findings(tmp_path / "b", {API_CALLS: filled}, {"H007"})
    assert finding.fix is None


def test_response_headers_are_reported_once_with_an_unsafe_removal(tmp_path):
    headers = "        'Access-Control-Allow-Origin': '*',\n        'Access-Control-Request-Method': 'GET',"
    (finding,) = export_findings(tmp_path / "app", {API_CALLS: call(headers)}, {"H008"})
    assert finding.severity == "warning" and "preflight" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_a_response_header_of_a_private_call_is_info(tmp_path):
    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/private", root)
    js = root / JS
    js.write_text(js.read_text().replace("    Accept: `application/json`,\n", '    "Set-Cookie": `a=b`,\n', 1))
    (finding,) = findings(root, {"H008"})
    assert finding.severity == "info" and "cloud function" in finding.message

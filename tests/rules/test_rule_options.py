"""Per-rule options reach the checks through .fflint.yaml."""

from __future__ import annotations

from click.testing import CliRunner

from linter.cli import cli
from tests.support.exportkit import API_CALLS, write_export

CALL = """class GreetCall {
  static Future<ApiCallResponse> call() async {
    final ffApiRequestBody = '''
{"template": "Hello {{first_name}}", "to": "{{email}}"}''';
    return ApiManager.instance.makeApiCall(
      callName: 'greet',
      apiUrl: 'https://mail.example.com/send',
      callType: ApiCallType.POST,
      headers: {},
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
    );
  }
}
"""


def test_allowed_placeholders_are_not_reported(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: CALL})
    runner = CliRunner()
    before = runner.invoke(cli, ["check", str(root), "--select", "P001", "--no-cache", "-q"])
    assert before.output.count("P001") == 2
    (root / ".fflint.yaml").write_text('rules:\n  P001:\n    allow: ["{{first_name}}"]\n')
    after = runner.invoke(cli, ["check", str(root), "--select", "P001", "--no-cache", "-q"])
    assert after.output.count("P001") == 1 and "{{email}}" in after.output


def test_explain_lists_the_options():
    result = CliRunner().invoke(cli, ["explain", "P001"])
    assert "allow: default ['DEMO_KEY']" in result.output

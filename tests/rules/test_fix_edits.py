"""An edit names the file its offsets belong to, and the writer refuses one that does not match that file.

Regression tests for what a plain `--fix` did to real exports (in our own synthetic shapes): a duplicate header of
a private call removed from api_calls.dart with offsets of api_manager.js, and the closing quote of an Airtable
formula deleted as a "stray quote". Plus one test per place where a finding and its fix sit in different files
or places: private calls, environment values, Project YAML and group headers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from linter.cli import cli
from linter.engine import LintOptions, lint
from linter.findings import Edit, Finding, Fix
from linter.fix import plan_changes
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS, write_export

JS = "firebase/functions/api_manager.js"


def _check(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["check", str(root), "--no-cache", *extra])


def _call(url: str, headers: str = "") -> str:
    return f"""class ListTicketsCall {{
  static Future<ApiCallResponse> call({{String? ticketID = '', String? token = ''}}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'listTickets',
      apiUrl: '{url}',
      callType: ApiCallType.GET,
      headers: {{
        'Authorization': 'Bearer ${{token}}',{headers}
      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""


def test_a_private_calls_duplicate_header_is_removed_from_its_js_file_only(tmp_path):
    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/private", root)
    js = root / JS
    js.write_text(
        js.read_text().replace(
            "    Accept: `application/json`,\n", "    accept: `text/plain`,\n    Accept: `application/json`,\n", 1
        )
    )
    dart_before = (root / API_CALLS).read_bytes()
    found = lint([root], LintOptions(codes={"H004"})).findings
    assert [(f.code, f.span.path.endswith(JS), f.fix.edits[0].path.endswith(JS)) for f in found] == [
        ("H004", True, True)
    ]
    result = _check(root, "--fix")
    assert "api_manager.js: applied 1 fix" in result.stderr, result.output
    assert (root / API_CALLS).read_bytes() == dart_before
    assert "accept: `text/plain`" not in js.read_text() and "Accept: `application/json`," in js.read_text()


def test_an_airtable_formula_keeps_its_quotes(tmp_path):
    url = "https://api.airtable.com/v0/appBase/Tickets?filterByFormula={Ticket ID}='${ticketID}'"
    root = write_export(tmp_path / "app", {API_CALLS: _call(url)})
    before = (root / API_CALLS).read_bytes()
    assert [f.code for f in lint([root], LintOptions(codes={"U004"})).findings] == []
    assert _check(root, "--fix", "--unsafe-fixes").exit_code == 0
    assert (root / API_CALLS).read_bytes() == before


def test_a_trailing_quote_is_reported_but_deleting_it_is_the_users_call(tmp_path):
    url = "https://db.example.supabase.co/rest/v1/tickets?select=*\\'"  # an escaped quote in Dart
    root = write_export(tmp_path / "app", {API_CALLS: _call(url)})
    before = (root / API_CALLS).read_bytes()
    (finding,) = lint([root], LintOptions(codes={"U004"})).findings
    assert "stray quote" in finding.message and finding.fix is not None and not finding.fix.safe
    _check(root, "--fix")
    assert (root / API_CALLS).read_bytes() == before
    _check(root, "--fix", "--unsafe-fixes")
    assert "select=*'," in (root / API_CALLS).read_text() and "select=*\\''," in before.decode()


def test_an_environment_values_scheme_is_fixed_in_environment_json(tmp_path):
    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/2025", root)
    environment = root / "assets/environment_values/environment.json"
    environment.write_text(environment.read_text().replace('"orchard-demo"', '"Bearer  orchard-demo-token"'))
    calls = root / API_CALLS
    assert "FFDevEnvironmentValues().weatherKey" in calls.read_text()
    calls.write_text(
        calls.read_text().replace(
            "      headers: {},\n      params: {\n        'lat'",
            "      headers: {'Authorization': '${weatherKey}'},\n      params: {\n        'lat'",
        )
    )
    calls_before = calls.read_bytes()
    found = [f for f in lint([root], LintOptions(codes={"A002"})).findings if f.fix is not None]
    assert found and all(edit.path.endswith("environment.json") for f in found for edit in f.fix.edits)
    _check(root, "--fix")
    assert calls.read_bytes() == calls_before
    assert '"Bearer orchard-demo-token"' in environment.read_text()


def test_project_yaml_headers_are_fixed_in_their_yaml_file(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project_yaml/harbor", root)
    endpoint = root / "api-endpoint/id-ab12cd34.yaml"
    endpoint.write_text(
        endpoint.read_text().replace(
            '  - "Authorization: Bearer [token]"\n',
            '  - "authorization: stale"\n  - "Authorization:  Bearer [token]"\n',
        )
    )
    others = {p: p.read_bytes() for p in root.rglob("*.yaml") if p != endpoint}
    _check(root, "--fix")
    text = endpoint.read_text()
    assert '"authorization: stale"' not in text and '"Authorization: Bearer [token]"' in text
    assert {p: p.read_bytes() for p in root.rglob("*.yaml") if p != endpoint} == others


def test_a_2023_group_header_is_fixed_once_at_the_group(tmp_path):
    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/2023", root)
    calls = root / API_CALLS
    text = calls.read_text()
    assert text.count("'Bearer [authToken]'") == 1
    calls.write_text(text.replace("'Bearer [authToken]'", "'Bearer  [authToken]'"))
    found = lint([root], LintOptions(codes={"A002"})).findings
    group_line = next(i for i, line in enumerate(calls.read_text().splitlines(), 1) if "Bearer  [authToken]" in line)
    assert {(f.span.line, f.fix.edits[0].start) for f in found if f.fix} == {(group_line, found[0].fix.edits[0].start)}
    _check(root, "--fix")
    assert calls.read_text() == text


# -- the writer refuses edits that do not fit their file --------------------------------------------------------


def _finding(edit: Edit) -> Finding:
    from linter.model import Span

    return Finding(
        "H004",
        "header-duplicate",
        "warning",
        "m",
        Span(edit.path, 0, 0, 1, 1, 1, 1),
        fix=Fix("d", (edit,), "remove-entry"),
    )


def test_an_edit_computed_on_another_text_is_refused(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: _call("https://api.example.com/x", "\n        'accept': 'a',")})
    files = lint([root], LintOptions(codes=set())).source_files()
    path = next(p for p in files if p.endswith("api_calls.dart"))
    text = files[path].text
    start = text.index("'accept'")
    right = Edit.at(files[path], start, start + len("'accept': 'a',"), "")
    shifted = Edit(path, start + 3, start + 3 + len("'accept': 'a',"), "", right.expected)
    assert plan_changes([_finding(right)], files).changes and not plan_changes([_finding(right)], files).refused
    plan = plan_changes([_finding(shifted), _finding(right)], files)
    assert plan.changes == [] and [r.path for r in plan.refused] == [path]


def test_a_safe_fix_that_breaks_the_contract_is_refused(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: _call("https://api.example.com/x\\'")})
    files = lint([root], LintOptions(codes=set())).source_files()
    path = next(p for p in files if p.endswith("api_calls.dart"))
    quote = files[path].text.index("x\\''") + 1
    deletes_a_quote = Fix("remove the stray quote", (Edit.at(files[path], quote, quote + 2, ""),), "whitespace")
    finding = _finding(deletes_a_quote.edits[0])
    finding.fix = deletes_a_quote
    plan = plan_changes([finding], files)
    assert plan.changes == [] and "may not replace" in plan.refused[0].reason


def test_the_cli_reports_a_refused_fix_as_an_internal_error_and_writes_nothing(tmp_path, monkeypatch):
    import linter.checks.headers as headers

    root = tmp_path / "app"
    shutil.copytree(FIXTURES / "eras/private", root)
    js = root / JS
    js.write_text(
        js.read_text().replace(
            "    Accept: `application/json`,\n", "    accept: `x`,\n    Accept: `application/json`,\n", 1
        )
    )
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    real = headers.remove_entry

    def into_the_dart_file(header, description, kind):  # the bug this guards against: JS offsets, Dart path
        fix = real(header, description, kind)
        edit = fix.edits[0]
        return Fix(fix.description, (Edit(API_CALLS, edit.start, edit.end, "", edit.expected),), fix.kind)

    monkeypatch.setattr(headers, "remove_entry", into_the_dart_file)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", ".", "--no-cache", "--fix", "--select", "H004"])
    assert result.exit_code == 2
    assert "internal error: a H004 fix does not fit" in result.stderr
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    debug = CliRunner().invoke(cli, ["--debug", "check", ".", "--no-cache", "--diff", "--select", "H004"])
    assert debug.exit_code == 2 and "not the text the fix was computed on" in debug.stderr

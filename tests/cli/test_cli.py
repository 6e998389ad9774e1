"""The check command end to end: exit codes, selection, formats switch, output file, quiet, statistics, fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import (
    BAD_NAME,
    CLEAN,
    COLON,
    GLUED,
    LOWER,
    SPACED,
    call_source,
    codes_of,
    invoke,
    make_export,
    run,
)
from tests.support.exportkit import API_CALLS, write_export


@pytest.fixture
def app(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return make_export(tmp_path / "app", ("listItems", GLUED), ("getProfile", BAD_NAME), ("ping", LOWER))


def test_exit_codes_follow_fail_on(app):
    assert invoke("check", "app").exit_code == 1
    assert invoke("check", "app", "--exit-zero").exit_code == 0
    assert invoke("check", "app", "--select", "A002", "--fail-on", "error").exit_code == 1
    selected = invoke("check", "app", "--select", "A002", "--ignore", "H001", "--format", "json")
    assert sorted(codes_of(selected)) == ["A002", "A002"]


def test_fail_on_ignores_lower_severities(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_export(tmp_path / "app", ("ping", LOWER))
    assert invoke("check", "app").exit_code == 0  # an info finding does not fail at the default level
    assert invoke("check", "app", "--fail-on", "info").exit_code == 1
    assert "A002 [info]" in invoke("check", "app").stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--select", "A002"), {"A002"}),
        (("--select", "A"), {"A002"}),
        (("--select", "auth-scheme-malformed"), {"A002"}),
        (("--select", "H001,A002"), {"A002", "H001"}),
        (("--select", "A", "--select", "H"), {"A002", "H001"}),
        (("--ignore", "A"), {"H001"}),
        (("--ignore", "header-name-invalid"), {"A002"}),
        (("--select", "H", "--extend-select", "A0"), {"A002", "H001"}),
        (("--select", "ALL", "--ignore", "A002,H001"), set()),
    ],
)
def test_selection_matrix(app, args, expected):
    result = invoke("check", "app", "--format", "json", *args)
    assert set(codes_of(result)) == expected


def test_unknown_selector_names_the_option(app):
    result = run("check", "app", "--extend-select", "Q9")
    assert result.returncode == 2
    assert result.stderr.strip() == "fflint: error: --extend-select: unknown rule selector 'Q9'"


def test_github_actions_switches_text_to_annotations_unless_format_is_given(app):
    auto = invoke("check", "app", env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error file=app/lib/backend/api_requests/api_calls.dart,line=")
    assert "::notice " in auto.stdout  # the info finding
    forced = invoke("check", "app", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in forced.stdout and "A002 [error]" in forced.stdout


def test_output_file_gets_the_report_and_stdout_stays_empty(app, tmp_path):
    result = invoke("check", "app", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1 and result.stdout == ""
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"] == 3


def test_unwritable_output_is_a_usage_error(app, tmp_path):
    result = run("check", "app", "--output", str(tmp_path / "missing" / "report.txt"), cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("fflint: error: cannot write")


def test_quiet_prints_only_problem_lines(app):
    lines = invoke("check", "app", "--quiet").stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("app/lib/backend/api_requests/api_calls.dart:") for line in lines)


def test_statistics_counts_per_rule(app):
    result = invoke("check", "app", "--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split() for line in lines] == [
        ["1", "A002", "auth-scheme-malformed", "[error]"],
        ["1", "A002", "auth-scheme-malformed", "[info]"],
        ["1", "H001", "header-name-invalid", "[error]"],
        ["3", "total"],
    ]


def test_statistics_with_a_machine_format_goes_to_stderr(app):
    result = invoke("check", "app", "--format", "sarif", "--statistics")
    json.loads(result.stdout)
    assert "A002" in result.stderr and "total" in result.stderr


def test_text_report_has_a_plain_code_frame_without_a_tty(app):
    out = invoke("check", "app", "--select", "H001").stdout
    assert "\x1b[" not in out
    assert "'Accept ': 'application/json'," in out
    frame_line = next(line for line in out.splitlines() if "'Accept '" in line)
    underline = out.splitlines()[out.splitlines().index(frame_line) + 1]
    assert underline.index("^") == frame_line.index("Accept ") + len("Accept")
    assert "fix (--fix): remove the whitespace" in out


def test_fix_applies_only_safe_fixes_and_exit_code_reflects_what_remains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_export(tmp_path / "app", ("listItems", SPACED), ("getProfile", COLON))
    result = invoke("check", "app", "--fix")
    text = (root / API_CALLS).read_text()
    assert "'Bearer ${token}'" in text and "'Bearer:${token}'" in text
    assert result.exit_code == 1 and "Bearer:" in result.stdout
    assert "app/lib/backend/api_requests/api_calls.dart: applied 1 fix" in result.stderr
    assert "fixed 1 problem in 1 file" in result.stderr
    unsafe = invoke("check", "app", "--fix", "--unsafe-fixes")
    assert unsafe.exit_code == 0, unsafe.stdout
    assert "'Bearer ${token}'" in (root / API_CALLS).read_text()
    assert "Bearer:" not in (root / API_CALLS).read_text()


def test_fix_all_safe_problems_exits_zero(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_export(tmp_path / "app", ("listItems", SPACED), ("getProfile", BAD_NAME))
    assert invoke("check", "app", "--fix").exit_code == 0
    assert invoke("check", "app").exit_code == 0
    assert "'Accept': 'application/json'" in (root / API_CALLS).read_text()


def test_diff_writes_nothing_and_shows_the_change(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_export(tmp_path / "app", ("listItems", SPACED), ("getProfile", COLON))
    before = (root / API_CALLS).read_bytes()
    result = invoke("check", "app", "--diff")
    assert result.exit_code == 1
    assert "-        'Authorization': 'Bearer  ${token}'," in result.stdout
    assert "+        'Authorization': 'Bearer ${token}'," in result.stdout
    assert "Bearer:" not in result.stdout.replace("-        'Authorization': 'Bearer:", "")
    unsafe = invoke("check", "app", "--diff", "--unsafe-fixes")
    assert "+        'Authorization': 'Bearer ${token}'," in unsafe.stdout
    assert unsafe.stdout.count("+        'Authorization'") == 2
    assert (root / API_CALLS).read_bytes() == before


def test_diff_with_nothing_to_fix_exits_zero(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_export(tmp_path / "app", ("ping", CLEAN))
    result = invoke("check", "app", "--diff")
    assert result.exit_code == 0 and result.stdout == ""


def test_fix_leaves_suppressed_problems_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = call_source("listItems", GLUED).replace(
        "'Authorization': 'Bearer${token}',", "'Authorization': 'Bearer${token}', // fflint: ignore[A002]"
    )
    root = write_export(tmp_path / "app", {API_CALLS: source})
    assert invoke("check", "app", "--fix").exit_code == 0
    assert "'Bearer${token}'" in (root / API_CALLS).read_text()


def test_rules_markdown_and_json_list_every_rule():
    from linter.rules import all_rules

    listed = {rule["code"] for rule in json.loads(invoke("rules", "--format", "json").stdout)}
    assert listed == set(all_rules())
    markdown = invoke("rules", "--format", "markdown").stdout
    for rule in all_rules().values():
        assert f"## {rule.code} {rule.name}" in markdown
        assert f"(#{rule.code.lower()}-{rule.name})" in markdown


def test_explain_shows_the_fix_place_and_examples():
    out = invoke("explain", "F001").stdout
    assert out.startswith("F001 unused-suppression")
    assert "Where to fix it in FlutterFlow:" in out and "Bad: " in out and "Good: " in out

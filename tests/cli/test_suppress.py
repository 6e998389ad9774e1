"""Inline suppressions: which lines they cover, in which file kinds, and F001/F002 about the comments themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.engine import LintOptions, lint
from linter.suppress import glob_match
from tests.support.cli import GLUED, call_source, invoke
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import stripe_secret_key

HEADER_LINE = "        'Authorization': 'Bearer${token}',\n"


def lint_codes(root: Path, codes: set[str] | None = None) -> list[tuple[str, int]]:
    result = lint([root], LintOptions(codes=codes))
    return [(finding.code, finding.span.line) for finding in result.findings]


def with_comment(tmp_path: Path, before: str = "", after: str = "", first_line: str = "") -> Path:
    """The A002 call with a comment line above the header line, or a trailing comment on it."""
    source = call_source("listItems", GLUED)
    replaced = before + HEADER_LINE.rstrip("\n") + after + "\n"
    return write_export(tmp_path / "app", {API_CALLS: first_line + source.replace(HEADER_LINE, replaced)})


@pytest.mark.parametrize(
    ("before", "after", "first_line", "suppressed"),
    [
        ("", "", "", False),
        ("        // fflint: ignore[A002]\n", "", "", True),
        ("", " // fflint: ignore[A002]", "", True),
        ("", " // fflint: ignore[auth-scheme-malformed]", "", True),
        ("", " //fflint:ignore[a002]", "", True),
        ("", " // fflint: ignore[H001, A002]", "", True),
        ("", " // fflint: ignore[H001]", "", False),
        ("        // fflint: ignore[A002]\n        // another comment\n", "", "", False),  # two lines above
        ("", "", "// fflint: ignore-file[A002]\n", True),
        ("", "", "// fflint: ignore-file[A]\n", False),  # prefixes are not codes: F002
        ("", " # fflint: ignore[A002]", "", False),  # '#' is not a Dart comment
    ],
)
def test_line_suppression_matrix(tmp_path, before, after, first_line, suppressed):
    root = with_comment(tmp_path, before, after, first_line)
    codes = [code for code, _ in lint_codes(root, {"A002"})]
    assert codes == ([] if suppressed else ["A002"])


def test_trailing_comment_does_not_cover_the_next_line(tmp_path):
    source = call_source("listItems", GLUED).replace("      headers: {\n", "      headers: { // fflint: ignore[A002]\n")
    root = write_export(tmp_path / "app", {API_CALLS: source})
    assert [code for code, _ in lint_codes(root, {"A002", "F001"})] == ["F001", "A002"]


@pytest.mark.parametrize(
    ("relpath", "template", "suppressed"),
    [
        (".env", "STRIPE_KEY={key} # fflint: ignore[S001]\n", True),
        (".env", "# fflint: ignore[S001]\nSTRIPE_KEY={key}\n", True),
        (".env", "STRIPE_KEY={key} // fflint: ignore[S001]\n", False),
        ("config/settings.yaml", "payments:\n  # fflint: ignore[secret-key]\n  key: {key}\n", True),
        ("config/settings.yaml", "payments:\n  key: {key}  # fflint: ignore[S001]\n", True),
        ("firebase/functions/index.js", "// fflint: ignore[S001]\nconst key = '{key}';\n", True),
        ("assets/environment_values/environment.json", '{{"key": "{key}"}}\n', False),
    ],
)
def test_comment_syntax_per_file_kind(tmp_path, relpath, template, suppressed):
    key = stripe_secret_key()
    root = write_export(tmp_path / "app", {relpath: template.format(key=key)})
    found = [code for code, _ in lint_codes(root, {"S001"})]
    assert found == ([] if suppressed else ["S001"])


def test_unused_and_unknown_suppressions_are_reported_as_info(tmp_path):
    source = call_source("ping", {"Accept": "application/json"}).replace(
        "      callType: ApiCallType.GET,\n",
        "      callType: ApiCallType.GET, // fflint: ignore[A002, nope-rule]\n",
    )
    root = write_export(tmp_path / "app", {API_CALLS: "// fflint: ignore\n" + source})
    result = lint([root], LintOptions())
    found = {(finding.code, finding.severity, finding.message.split(":")[0]) for finding in result.findings}
    assert ("F001", "info", "unused suppression") in found
    assert ("F002", "info", "suppression names 'nope-rule', which is not an fflint rule (see 'fflint rules')") in found
    assert ("F002", "info", "suppression names no rule; write the codes in brackets, e.g. fflint") in found
    unused = next(finding for finding in result.findings if finding.code == "F001")
    written = (root / API_CALLS).read_text().splitlines()[unused.span.line - 1]
    assert written[unused.span.col - 1 :] == "A002, nope-rule]"


def test_unused_is_judged_whatever_the_selection(tmp_path):
    root = with_comment(tmp_path, "        // fflint: ignore[A002]\n")
    # The suppression is used even when A002 is not selected in this run: no F001.
    assert lint_codes(root, {"F001"}) == []
    clean = write_export(tmp_path / "clean", {API_CALLS: "// fflint: ignore-file[A002]\n" + call_source("a", {})})
    assert [code for code, _ in lint_codes(clean, {"F001"})] == ["F001"]


def test_suppressions_are_counted_and_f_rules_can_be_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with_comment(tmp_path, "", " // fflint: ignore[A002,H001]")
    report = json.loads(invoke("check", "app", "--format", "json").stdout)
    assert report["summary"]["suppressed"] == 1
    assert [finding["code"] for finding in report["findings"]] == ["F001"]
    assert "1 suppressed inline" in invoke("check", "app", "--ignore", "F").stdout
    assert invoke("check", "app", "--ignore", "F").exit_code == 0


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.dart", "lib/main.dart", True),
        ("lib/*.dart", "lib/main.dart", True),
        ("lib/*.dart", "lib/pages/home.dart", False),
        ("lib/**/*.dart", "lib/pages/home.dart", True),
        ("lib/**/*.dart", "lib/main.dart", True),
        ("pages/", "lib/pages/home.dart", True),
        ("lib/pages", "lib/pages/home.dart", True),
        ("lib", "app/lib/main.dart", True),
        ("/lib/main.dart", "lib/main.dart", True),
        ("main.dart", "lib/main.dart.bak", False),
        ("?ain.dart", "lib/main.dart", True),
    ],
)
def test_glob_matching(pattern, path, matches):
    assert glob_match(pattern, (path,)) is matches

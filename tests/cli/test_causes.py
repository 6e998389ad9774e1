"""One cause, one finding: a defect copied into several calls and a secret found in several files are reported once,
at the first of their most severe places, with the other places in every output format; fixes, baselines and
inline suppressions work per cause."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.support.cli import BAD_NAME, COLON, SPACED, call_source, invoke
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import ALNUM, random_text, stripe_secret_key


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stripe = stripe_secret_key()
    calls = (
        call_source("first", SPACED)
        + call_source("second", SPACED)
        + call_source("third", SPACED)
        + call_source("other", COLON)  # another defect of the same rule: its own cause
        + call_source("charge", {"X-Key": stripe})
    )
    write_export(tmp_path / "app", {API_CALLS: calls, "tool/seed.py": f'STRIPE_KEY = "{stripe}"\n'})
    return tmp_path / "app", stripe


def report(*args: str) -> dict:
    return json.loads(invoke("check", "app", "--format", "json", *args).stdout)


def test_a_defect_copied_into_calls_is_one_finding_with_its_places(app):
    findings = [finding for finding in report("--select", "A002")["findings"]]
    assert len(findings) == 2
    spaced = next(finding for finding in findings if len(finding["related"]) == 2)
    assert "'first'" in spaced["message"]  # the first place is the one shown
    assert [place["path"] for place in spaced["related"]] == [f"app/{API_CALLS}"] * 2
    assert spaced["line"] < spaced["related"][0]["line"] < spaced["related"][1]["line"]


def test_one_secret_in_several_files_is_one_finding_at_its_most_severe_place(app):
    (secret,) = [finding for finding in report("--select", "S")["findings"] if finding.get("secret")]
    assert secret["severity"] == "error" and secret["path"] == f"app/{API_CALLS}"  # shipped beats committed
    assert [place["path"] for place in secret["related"]] == ["app/tool/seed.py"]


def test_one_secret_of_equal_severity_is_shown_where_it_ships(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    test_key = "sk_test_" + random_text(ALNUM, 99)  # test mode: a warning in every place
    files = {
        API_CALLS: call_source("charge", {"X-Key": test_key}),
        "docs/SETUP.md": f"Stripe secret key: `{test_key}`\n",
        "firebase/functions/index.js": f"const stripe = require('stripe')('{test_key}');\n",
    }
    write_export(tmp_path / "app", files)
    for _ in range(2):  # the second run reads the findings from the run cache
        (secret,) = [finding for finding in report("--select", "S")["findings"] if finding.get("secret")]
        assert secret["severity"] == "warning"
        assert secret["path"] == f"app/{API_CALLS}"  # before server code and docs, which sort first by path
        related = [place["path"] for place in secret["related"]]
        assert related == ["app/docs/SETUP.md", "app/firebase/functions/index.js"]


def test_text_lists_three_places_and_counts_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_export(tmp_path / "app", {API_CALLS: "".join(call_source(f"call{n}", BAD_NAME) for n in range(6))})
    out = invoke("check", "app", "--select", "H001").stdout
    assert out.count("    also at: ") == 3 and "and 2 more places (--all-places lists them)" in out
    assert "Found 1 problem" in out
    every = invoke("check", "app", "--select", "H001", "--all-places").stdout
    assert every.count("    also at: ") == 5 and "more place" not in every
    quiet = invoke("check", "app", "--select", "H001", "--quiet").stdout
    assert quiet.strip().endswith("(and 5 more places)")


def test_sarif_github_junit_and_gitlab_carry_the_other_places(app):
    sarif = json.loads(invoke("check", "app", "--select", "A002", "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    related = [result.get("relatedLocations", []) for result in results]
    assert sorted(len(places) for places in related) == [0, 2]
    assert all(place["physicalLocation"]["region"]["startLine"] > 0 for places in related for place in places)
    github = invoke("check", "app", "--select", "A002", "--format", "github").stdout
    assert github.count("::error ") == 2 and "(and 2 more places)" in github
    junit = ElementTree.fromstring(invoke("check", "app", "--select", "A002", "--format", "junit").stdout)
    texts = [failure.text for failure in junit.iter("failure")]
    assert len(texts) == 2 and sum("also at:" in text for text in texts) == 1
    gitlab = json.loads(invoke("check", "app", "--select", "A002", "--format", "gitlab").stdout)
    assert len(gitlab) == 2 and sum("(and 2 more places)" in issue["description"] for issue in gitlab) == 1


def test_a_grouped_fix_changes_every_place(app):
    root, _ = app
    fixed = invoke("check", "app", "--select", "A002", "--fix")
    assert "fixed 1 problem in 1 file" in fixed.stderr, fixed.stderr  # one cause, its three places
    text = (root / API_CALLS).read_text()
    assert "Bearer  ${token}" not in text and text.count("Bearer ${token}") == 3


def test_a_place_ignored_inline_leaves_the_others_reported(app):
    root, _ = app
    path = root / API_CALLS
    text = path.read_text()
    first = text.index("'Bearer  ${token}',")
    path.write_text(text[:first] + "'Bearer  ${token}', // fflint: ignore[A002]" + text[first + 19 :])
    findings = report("--select", "A002")["findings"]
    spaced = [finding for finding in findings if "'second'" in finding["message"]]
    assert len(spaced) == 1 and len(spaced[0]["related"]) == 1  # first is ignored; second shown, third related


def test_the_cause_keeps_its_fingerprint_when_a_copy_comes_first(app, tmp_path):
    root, _ = app
    before = {finding["fingerprint"] for finding in report("--select", "A002")["findings"]}
    invoke("check", "app", "--select", "A002", "--write-baseline", "baseline.json")
    calls = (root / API_CALLS).read_text()
    first = calls.index("class FirstCall")
    (root / API_CALLS).write_text(calls[:first] + call_source("zeroth", SPACED) + calls[first:])
    after = {finding["fingerprint"] for finding in report("--select", "A002")["findings"]}
    assert after == before
    assert report("--select", "A002", "--baseline", "baseline.json")["findings"] == []


def test_a_file_that_cannot_be_read_is_its_own_cause(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    broken = "name: [1, 2\n"  # the same parse error in two files: each file must be fixed (rules with cause: file)
    write_export(tmp_path / "app", {"api-endpoint/one.yaml": broken, "api-endpoint/two.yaml": broken})
    unreadable = [finding for finding in report("--select", "D001")["findings"]]
    assert sorted(finding["path"].rsplit("/", 1)[1] for finding in unreadable) == ["one.yaml", "two.yaml"]
    assert all(finding["related"] == [] for finding in unreadable)


def test_a_cause_whose_places_cannot_all_be_fixed_has_no_fix():
    from linter.causes import group_causes
    from linter.findings import Edit, Finding, Fix
    from linter.model import Span

    def place(start: int, fix: Fix | None) -> Finding:
        span = Span("app/x.dart", start, start + 1, 1, start + 1, 1, start + 2)
        return Finding("H001", "header-name-whitespace", "error", "m", span, fix=fix, content_key="k")

    fix = Fix("trim", (Edit("app/x.dart", 0, 1, "", " "),), "whitespace")
    (both,) = group_causes([place(0, fix), place(5, fix)], [])
    assert both.fix is not None and len(both.fix.edits) == 2 and both.fix.safe
    (partly,) = group_causes([place(0, fix), place(5, None)], [])
    assert partly.fix is None and len(partly.related) == 1


def test_never_two_findings_of_one_rule_at_one_position():
    from linter.causes import group_causes
    from linter.findings import Finding
    from linter.model import Span

    span = Span("app/x.dart", 10, 12, 2, 5, 2, 7)
    worse = Finding("U004", "url-malformed", "error", "has a stray quote", span, content_key="a")
    milder = Finding("U004", "url-malformed", "warning", "has a space", span, content_key="b")
    other_rule = Finding("U001", "url-cleartext", "error", "uses http://", span, content_key="c")
    kept = group_causes([milder, worse, other_rule], [])
    assert sorted((finding.code, finding.message) for finding in kept) == [
        ("U001", "uses http://"),
        ("U004", "has a stray quote"),
    ]

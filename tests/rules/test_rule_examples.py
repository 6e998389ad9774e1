"""Every rule's YAML examples run: bad ones must produce the rule, good ones must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks import registered_checks
from linter.rules import all_rules, rule_file_errors
from tests.support.lint import export_findings


def _cases(kind: str):
    for rule in sorted(all_rules().values(), key=lambda r: r.code):
        for index, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule.code, example, id=f"{rule.code}-{kind}-{index}")


def _findings(tmp_path: Path, code: str, example):
    return export_findings(tmp_path / "export", example.files, {code}, manager=example.manager)


def test_rule_files_match_the_rule_schema():
    assert rule_file_errors() == []


def test_rule_file_errors_are_reported(monkeypatch, tmp_path):
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "X001-broken.yaml").write_text("code: X1\nname: Broken Rule\n")
    monkeypatch.setattr("linter.rules.rule_files", lambda: [broken / "X001-broken.yaml"])
    problems = rule_file_errors()
    assert any("X001-broken.yaml: code" in problem for problem in problems)
    assert any("required property" in problem for problem in problems)


def test_every_rule_has_a_check_and_every_check_a_rule():
    assert set(all_rules()) == set(registered_checks())


@pytest.mark.parametrize(("code", "example"), list(_cases("bad")))
def test_bad_example_is_reported(tmp_path, code, example):
    findings = _findings(tmp_path, code, example)
    assert findings, f"{code}: bad example not reported: {example.description}"
    if example.expect_count is not None:
        assert len(findings) == example.expect_count


@pytest.mark.parametrize(("code", "example"), list(_cases("good")))
def test_good_example_is_clean(tmp_path, code, example):
    findings = _findings(tmp_path, code, example)
    assert not findings, f"{code}: good example reported: {[f.message for f in findings]}"


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_declared_fix_safety_matches_what_the_bad_examples_get(tmp_path, code):
    """fix: none → no fix; unsafe → only unsafe fixes; safe → at least one safe fix. Every safe fix obeys the
    contract (docs/fixes.md)."""
    from linter.fix import contract_violation

    rule = all_rules()[code]
    fixes = [
        finding.fix
        for index, example in enumerate(rule.bad)
        for finding in _findings(tmp_path / str(index), code, example)
        if finding.fix is not None
    ]
    if rule.fix == "none":
        assert fixes == []
    elif rule.fix == "unsafe":
        assert fixes and not any(fix.safe for fix in fixes)
    else:
        assert any(fix.safe for fix in fixes)
    assert [contract_violation(fix) for fix in fixes if fix.safe] == [None] * sum(fix.safe for fix in fixes)

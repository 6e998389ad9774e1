"""Docs that restate data stay in sync: docs/rules.md is `fflint rules --format markdown`, and docs/secrets.md
counts the secret catalog."""

from __future__ import annotations

from linter.report.rules_doc import rules_markdown
from linter.rules import all_rules
from tests.support import REPO_ROOT

DOCS = REPO_ROOT / "docs" / "rules.md"


def test_rules_doc_is_in_sync():
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run `python -m linter rules --format markdown > docs/rules.md`"
    )


def test_rules_doc_has_a_section_per_rule():
    text = DOCS.read_text(encoding="utf-8")
    for rule in all_rules().values():
        assert f"\n## {rule.code} {rule.name}\n" in text


def test_secrets_doc_counts_the_catalog():
    from linter.secrets.catalog import load_raw

    document = load_raw()
    formats, named = len(document["providers"]), len(document.get("named", ()))
    text = (REPO_ROOT / "docs" / "secrets.md").read_text(encoding="utf-8")
    assert f"**{formats + named} credential families**" in text
    assert f"({formats} with a documented format, {named} recognised by the name" in text
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| {formats + named} credential families" in readme

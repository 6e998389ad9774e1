"""Normal request shapes of every era produce no A, H, P or U finding."""

from __future__ import annotations

from pathlib import Path

from linter.rules import all_rules
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS, write_export
from tests.support.lint import findings as lint_findings
from tests.support.shapes import CALLS_2023, CALLS_2025, ENV_DART, ENV_JSON, PAGE

CODES = {code for code in all_rules() if code[0] in "AHPU"}


def findings(root: Path):
    return lint_findings(root, CODES)


def test_2023_spread_group_with_bearer_override_is_clean(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: CALLS_2023})
    assert findings(root) == []


def test_2025_group_templates_env_urls_and_json_bodies_are_clean(tmp_path):
    root = write_export(
        tmp_path / "app",
        {
            API_CALLS: CALLS_2025,
            "lib/environment_values.dart": ENV_DART,
            "assets/environment_values/environment.json": ENV_JSON,
            "lib/pages/home/home_widget.dart": PAGE,
        },
        manager="ff-commons",
    )
    found = findings(root)
    assert [(f.code, f.message) for f in found] == []


def test_the_era_fixtures_are_clean():
    eras = FIXTURES / "eras"
    roots = [path for path in sorted(eras.iterdir()) if (path / "pubspec.yaml").exists()]
    assert len(roots) >= 6
    for root in roots:
        assert findings(root) == [], root.name

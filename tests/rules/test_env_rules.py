"""E rules beyond their YAML examples: precision cases, positions, flows and secret handling."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from linter.checks.env_project import _local_target
from linter.rules import all_rules
from tests.support import FIXTURES
from tests.support.exportkit import write_export
from tests.support.lint import findings as lint_findings

NOW = 1_800_000_000.0


def generic_secret(length: int, seed: int = 7) -> str:
    """A random credential-shaped string built at run time (never a real key)."""
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length - 2)) + "9Z"


def findings(root: Path, *codes: str):
    return lint_findings(root, codes)


def example_files(code: str, kind: str = "good", index: int = 0) -> dict[str, str]:
    return dict(getattr(all_rules()[code], kind)[index].files)


def test_fixtures_are_clean_of_environment_rules():
    codes = {code for code in all_rules() if code.startswith("E")}
    assert findings(FIXTURES / "env" / "tidewatch", *codes) == []


def test_project_yaml_fixture_dev_values_are_not_production():
    # DEV holds http://10.0.2.2:8080 (fine outside production); MapsStyle "nautical" is not a host.
    assert findings(FIXTURES / "project_yaml" / "harbor", "E009", "E008", "E010", "E011") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://localhost:8080/api", "device the app runs on"),
        ("https://127.0.0.1", "device the app runs on"),
        ("http://10.0.2.2:8080", "Android emulator"),
        ("https://192.168.1.20/x", "private network address"),
        ("172.20.0.5:3000", "private network address"),
        ("https://abcd.ngrok-free.app", "tunnel"),
        ("https://quiet-sky.trycloudflare.com", "tunnel"),
        ("http://api.example.org", "http://"),
        ("https://api.example.org", None),
        ("nautical", None),
        ("https://172.32.0.1", None),  # outside 172.16/12
        ("some words with spaces", None),
    ],
)
def test_local_targets(value, expected):
    reason = _local_target(value)
    assert (reason is None) if expected is None else (expected in (reason or ""))


def test_e009_reports_the_production_value_span(tmp_path):
    root = write_export(tmp_path / "app", example_files("E009", "bad", 0))
    (finding,) = findings(root, "E009")
    assert finding.span.path.endswith("environment-settings.yaml")
    assert (finding.span.line, finding.span.col) == (7, 31)
    assert "10.0.2.2" in finding.message and "Production" in finding.message


def test_e002_skips_private_calls_and_reports_missing_getters_once_per_site(tmp_path):
    files = example_files("E002", "bad", 0)
    root = write_export(tmp_path / "app", files)
    (finding,) = findings(root, "E002")
    assert "no getter 'apiToken'" in finding.message and finding.span.path.endswith("api_calls.dart")
    assert finding.severity == "error"


def test_e002_missing_key_is_a_warning(tmp_path):
    root = write_export(tmp_path / "app", example_files("E002", "bad", 1))
    found = findings(root, "E002")
    assert {f.severity for f in found} == {"warning"} and all("'apiKey'" in f.message for f in found)


def test_e003_points_at_the_empty_value_in_the_json(tmp_path):
    root = write_export(tmp_path / "app", example_files("E003", "bad", 0))
    (finding,) = findings(root, "E003")
    assert finding.span.path.endswith("environment.json")
    assert (finding.span.line, finding.span.col, finding.span.end_col) == (3, 13, 15)  # the two quotes of ""
    assert "'Authorization' header" in finding.message and "getOrders" in finding.message


def test_e004_scheme_twice_offers_an_unsafe_fix(tmp_path):
    root = write_export(tmp_path / "app", example_files("E004", "bad", 1))
    (finding,) = findings(root, "E004")
    assert finding.fix is not None and not finding.fix.safe
    text = (root / "assets/environment_values/environment.json").read_text()
    edit = finding.fix.edits[0]
    assert text[edit.start : edit.end] == "Bearer " and edit.replacement == ""


def test_e006_duplicates_in_dotenv_and_json(tmp_path):
    root = write_export(tmp_path / "app", {".env": "A=1\nB=2\nA=3\n"})
    (finding,) = findings(root, "E006")
    assert finding.span.line == 3 and "first at line 1" in finding.message


def test_secret_rules_never_print_the_secret(tmp_path):
    secret = generic_secret(32)
    yaml = (
        "currentEnvironment: {name: Production, key: PROD}\n"
        "environmentValues:\n"
        "  - parameter:\n"
        "      identifier: {name: apiSecret, key: k1}\n"
        "      dataType: {scalarType: String}\n"
        "    valuesMap:\n"
        f"      PROD: {{serializedValue: '{secret}'}}\n"
        f"      DEV: {{serializedValue: '{secret}'}}\n"
        "    isPrivate: false\n"
    )
    root = write_export(tmp_path / "app", {"ff/environment-settings.yaml": yaml})
    found = findings(root, "E010", "E011")
    assert {f.code for f in found} == {"E010", "E011"}
    for finding in found:
        assert secret not in finding.message and finding.secret is not None
        text = (root / "ff/environment-settings.yaml").read_text()
        assert text[finding.span.start : finding.span.end] == secret


def test_e011_ignores_public_keys_and_private_values(tmp_path):
    yaml = (
        "currentEnvironment: {name: Production, key: PROD}\n"
        "environmentValues:\n"
        "  - parameter:\n"
        "      identifier: {name: supportEmail, key: k1}\n"
        "    valuesMap:\n"
        "      PROD: {serializedValue: 'help@shop.example'}\n"
        "    isPrivate: false\n"
    )
    root = write_export(tmp_path / "app", {"ff/environment-settings.yaml": yaml})
    assert findings(root, "E011") == []

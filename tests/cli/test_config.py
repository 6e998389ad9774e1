""".fflint.yaml: discovery, every setting, and errors that name the key and its line (exit 2, one line)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from linter.check_context import CheckContext
from linter.config import ConfigError, find_config, load_config
from linter.rules import all_rules
from tests.support.cli import BAD_NAME, GLUED, LOWER, call_source, codes_of, invoke, make_export, run
from tests.support.exportkit import API_CALLS, write_export


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository with the export in app/ and the config at the top."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    make_export(tmp_path / "app", ("listItems", GLUED), ("getProfile", BAD_NAME), ("ping", LOWER))
    return tmp_path


def configure(repo: Path, text: str) -> Path:
    path = repo / ".fflint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_found_from_the_linted_path_upward(repo):
    configure(repo, "select: [H001]\n")
    assert find_config(repo / "app" / "lib") == repo / ".fflint.yaml"
    assert codes_of(invoke("check", "app/lib/backend", "--format", "json")) == ["H001"]
    # The nearest file wins: one inside the export overrides the repository's.
    (repo / "app" / ".fflint.yaml").write_text("select: [A002]\n")
    assert set(codes_of(invoke("check", "app", "--format", "json"))) == {"A002"}


def test_explicit_config_and_no_config(repo, tmp_path):
    configure(repo, "select: [H001]\n")
    other = tmp_path / "other.yaml"
    other.write_text("select: [A002]\nignore: [auth-scheme-malformed]\n")
    assert codes_of(invoke("check", "app", "--format", "json", "--config", str(other))) == []
    assert set(codes_of(invoke("check", "app", "--format", "json", "--no-config"))) == {"A002", "H001"}


def test_cli_select_replaces_config_select_but_config_ignore_still_applies(repo):
    configure(repo, "select: [H001]\nignore: [A002]\nextend-select: [F]\n")
    assert codes_of(invoke("check", "app", "--format", "json", "--select", "A,H")) == ["H001"]
    assert set(codes_of(invoke("check", "app", "--format", "json", "--extend-select", "A"))) == {"H001"}


def test_extend_select_adds_to_config_select(repo):
    configure(repo, "select: H001\nextend-select: [auth-scheme-malformed]\n")
    assert set(codes_of(invoke("check", "app", "--format", "json"))) == {"A002", "H001"}


def test_severity_override_and_fail_on(repo):
    configure(repo, "severity:\n  H001: info\n  A002: info\nfail-on: warning\n")
    result = invoke("check", "app", "--format", "json")
    assert {finding["severity"] for finding in json.loads(result.stdout)["findings"]} == {"info"}
    assert result.exit_code == 0
    assert invoke("check", "app", "--fail-on", "info").exit_code == 1  # the CLI wins over the config


def test_per_file_ignores_and_exclude(repo):
    (repo / "app" / "lib" / "pages").mkdir()
    (repo / "app" / "lib" / "pages" / "home.dart").write_text("// fflint: ignore[Z123]\n")
    configure(repo, "per-file-ignores:\n  'lib/backend/**': [A002]\n")
    assert set(codes_of(invoke("check", "app", "--format", "json"))) == {"H001", "F002"}
    configure(repo, "per-file-ignores:\n  'app/lib/backend/api_requests/api_calls.dart': A,H\n")
    assert codes_of(invoke("check", "app", "--format", "json")) == ["F002"]
    configure(repo, "exclude: ['pages/']\n")
    assert "F002" not in codes_of(invoke("check", "app", "--format", "json"))
    configure(repo, "exclude: ['*.dart']\n")
    assert codes_of(invoke("check", "app", "--format", "json")) == []


def test_now_from_config_and_baseline_path_relative_to_the_config(repo):
    configure(repo, "now: 2026-01-31\nbaseline: ci/fflint-baseline.json\n")
    config = load_config(repo / ".fflint.yaml")
    assert config.now == "2026-01-31"
    assert config.baseline == repo / "ci" / "fflint-baseline.json"
    result = run("check", "app", cwd=repo)
    assert result.returncode == 2
    assert "fflint-baseline.json: baseline file not found" in result.stderr


def test_rule_options_reach_the_checks(repo, monkeypatch):
    rules = all_rules()
    monkeypatch.setitem(rules, "A002", dataclasses.replace(rules["A002"], options={"extra_schemes": ["Token"]}))
    configure(repo, "rules:\n  auth-scheme-malformed:\n    extra-schemes: [Token, Key]\n")
    config = load_config(repo / ".fflint.yaml")
    assert config.rule_options == {"A002": {"extra_schemes": ["Token", "Key"]}}
    assert CheckContext(rule_options=config.rule_options).option("A002", "extra_schemes") == ["Token", "Key"]
    assert CheckContext().option("A002", "extra_schemes") == ["Token"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select: [A002]\nselekt: [H001]\n", ".fflint.yaml:2: selekt: unknown key (did you mean 'select'?)"),
        ("ignore:\n  - A002\n  - Q42\n", ".fflint.yaml:3: ignore: unknown rule selector 'Q42'"),
        ("fail-on: sometimes\n", ".fflint.yaml:1: fail-on: 'sometimes' is not one of ['error', 'warning', 'info']"),
        ("\n\nseverity:\n  A002: fatal\n", ".fflint.yaml:4: severity.A002: 'fatal' is not one of"),
        ("severity:\n  Q: info\n", ".fflint.yaml:2: severity.Q: unknown rule selector 'Q'"),
        ("exclude: lib/**\n", ".fflint.yaml:1: exclude: 'lib/**' is not of type 'array'"),
        ("per-file-ignores:\n  'lib/*.dart': 7\n", ".fflint.yaml:2: per-file-ignores.lib/*.dart: expected a rule"),
        ("rules:\n  nope: {x: 1}\n", ".fflint.yaml:2: rules.nope: unknown rule"),
        ("rules:\n  A002:\n    colour: red\n", ".fflint.yaml:3: rules.A002.colour: A002 has no option 'colour'"),
        ("now: yesterday\n", ".fflint.yaml:1: now: 'yesterday' is not an ISO 8601 date"),
        ("select: [A002\n", ".fflint.yaml:2: invalid YAML"),
        ("- A002\n", ".fflint.yaml:1: (top): the configuration must be a mapping"),
        ("\nselect: " + "[" * 65 + "A002\n", ".fflint.yaml:2: invalid YAML: nested more than 64 deep"),
    ],
)
def test_config_errors_name_the_key_and_line_and_exit_2(repo, text, expected):
    configure(repo, text)
    with pytest.raises(ConfigError) as raised:
        load_config(repo / ".fflint.yaml")
    assert expected in str(raised.value).replace(str(repo) + "/", "")
    result = run("check", "app", cwd=repo)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fflint: error: ") and expected in lines[0].replace(str(repo), ".")


def test_aliases_in_the_config_are_expanded_within_a_bound(repo):
    configure(repo, "ignore: &quiet [H001]\nper-file-ignores:\n  'app/lib/**': *quiet\n")
    assert load_config(repo / ".fflint.yaml").per_file_ignores == (("app/lib/**", frozenset({"H001"})),)
    doubling = "".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]\n" for i in range(1, 20))
    configure(repo, "l0: &l0 [A002]\n" + doubling)  # 2**19 values once expanded
    with pytest.raises(ConfigError, match="expands to more than 100000 values"):
        load_config(repo / ".fflint.yaml")


def test_missing_explicit_config_is_a_usage_error(repo):
    result = run("check", "app", "--config", "nope.yaml", cwd=repo)
    assert result.returncode == 2 and "nope.yaml: configuration file not found" in result.stderr


def test_empty_config_changes_nothing(repo):
    configure(repo, "# nothing yet\n")
    assert set(codes_of(invoke("check", "app", "--format", "json"))) == {"A002", "H001"}


def test_config_applies_to_a_clean_export_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_export(tmp_path / "app", {API_CALLS: call_source("ping", LOWER)})
    configure(tmp_path, "severity:\n  A002: error\n")
    assert invoke("check", "app").exit_code == 1

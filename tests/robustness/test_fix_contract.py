"""The safe-fix contract (docs/fixes.md), proven on realistic input.

Generated exports of every era and the era fixtures (private calls with their JS, environment files, Project
YAML), some with CRLF line endings or byte-order marks, get one of each safe-fixable defect planted. After
`fflint check --fix` every changed run of text obeys the contract, every definition file still tokenizes, every
request sends what it sent before (blanks removed and case folded aside), and a second run changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from linter.engine import LintOptions, lint
from tests.support import FIXTURES
from tests.support.exportgen import ERAS, generate_export
from tests.support.fix_audit import (
    Planted,
    contract_violations,
    plant_fixable_defects,
    request_signatures,
    snapshot,
    tokenize_problems,
)

FIXTURE_EXPORTS = {
    "2021": FIXTURES / "eras/2021",
    "2022": FIXTURES / "eras/2022",
    "2023": FIXTURES / "eras/2023",
    "2024": FIXTURES / "eras/2024",
    "2025": FIXTURES / "eras/2025",
    "private": FIXTURES / "eras/private",
    "dotenv": FIXTURES / "env/tidewatch",
    "project-yaml": FIXTURES / "project_yaml/harbor",
}
TEXT_SUFFIXES = (".dart", ".js", ".json", ".yaml", ".yml", ".env")


def _crlf(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file() and path.name.endswith(TEXT_SUFFIXES):
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _bom(root: Path) -> None:
    for relpath in ("lib/backend/api_requests/api_calls.dart", "assets/environment_values/environment.json"):
        path = root / relpath
        if path.is_file():
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _build(name: str, tmp_path: Path, seed: int) -> tuple[Path, Planted]:
    """The export ``name`` names, with fixable defects planted, then converted to CRLF or given byte-order marks."""
    source, _, variant = name.partition("+")
    root = tmp_path / "export"
    if source.startswith("generated-"):
        era = source.removeprefix("generated-")
        generate_export(root, seed=11, files=40, dart_mb=0.05, groups=3, calls=12, planted_secrets=2, era=era)
    else:
        shutil.copytree(FIXTURE_EXPORTS[source], root)
    planted = plant_fixable_defects(root, seed)
    if variant == "crlf":
        _crlf(root)
    elif variant == "bom":
        _bom(root)
    return root, planted


CASES = [
    *(f"generated-{era}" for era in ERAS),
    "generated-2023+crlf",
    "generated-2025+bom",
    *FIXTURE_EXPORTS,
    "private+crlf",
    "2025+bom",
    "project-yaml+crlf",
]


def _fix(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["check", str(root), "--fix", "--no-cache", "--exit-zero", *extra])


def _safe_fixable(root: Path) -> list[str]:
    result = lint([root], LintOptions())
    return sorted(f.code for f in result.findings if f.fix is not None and f.fix.safe)


@pytest.mark.parametrize("name", CASES)
def test_safe_fixes_obey_the_contract_and_keep_every_request(tmp_path, name):
    root, planted = _build(name, tmp_path, seed=len(name))
    assert planted.codes, "nothing could be planted"
    fixable = _safe_fixable(root)
    assert set(planted.codes) <= set(fixable), f"planted {planted.codes}, safe-fixable {fixable}"
    before = snapshot(root)
    broken_before = {problem.split(": ")[0] for problem in tokenize_problems(before)}
    requests = request_signatures(root)

    result = _fix(root)
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    assert after != before
    assert contract_violations(before, after) == []
    assert [p for p in tokenize_problems(after) if p.split(": ")[0] not in broken_before] == []
    assert request_signatures(root) == requests
    assert _safe_fixable(root) == []
    assert _fix(root).exit_code == 0 and snapshot(root) == after  # a second run changes nothing


@pytest.mark.parametrize("name", ["generated-2024", "private", "project-yaml", "2023+crlf"])
def test_unsafe_fixes_leave_files_that_tokenize(tmp_path, name):
    root, _ = _build(name, tmp_path, seed=3)
    before = snapshot(root)
    assert _fix(root, "--unsafe-fixes").exit_code == 0
    after = snapshot(root)
    assert after != before
    assert tokenize_problems(after) == []
    assert _fix(root, "--unsafe-fixes").exit_code == 0 and snapshot(root) == after


def test_the_audit_catches_a_change_outside_the_contract():
    before = {"a.dart": b"'Authorization': 'Bearer  x',\n'Accept': 'application/JSON',\n"}
    allowed = {"a.dart": b"'Authorization': 'Bearer x',\n'Accept': 'application/json',\n"}
    quote_deleted = {"a.dart": b"'Authorization': 'Bearer  x,\n'Accept': 'application/JSON',\n"}
    renamed = {"a.dart": b"'Authorization': 'Bearer  x',\n'Accept-X': 'application/JSON',\n"}
    assert contract_violations(before, allowed) == []
    assert contract_violations(before, quote_deleted) != []
    assert contract_violations(before, renamed) != []


@pytest.mark.parametrize("name", ["2024", "private+crlf", "project-yaml"])
def test_diff_shows_exactly_what_fix_writes(tmp_path, name, monkeypatch):
    import difflib

    root, _ = _build(name, tmp_path, seed=5)
    monkeypatch.chdir(root)
    shown = CliRunner().invoke(cli, ["check", ".", "--diff", "--no-cache"]).stdout
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["check", ".", "--fix", "--no-cache"])
    after = snapshot(root)
    expected = ""
    for path in sorted(before):
        if before[path] != after[path]:
            old, new = (data.decode("utf-8-sig").splitlines(keepends=True) for data in (before[path], after[path]))
            expected += "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
    assert expected and shown == expected.replace("\r\n", "\n")  # click's test runner reads \r\n as \n
    assert all(f"{path}: applied" in result.stderr for path in before if before[path] != after[path])

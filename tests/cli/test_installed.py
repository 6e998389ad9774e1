"""The installed package (not the source tree) works: data files are inside the wheel."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import linter
from linter.resources import data_file
from tests.support import REPO_ROOT


def _installed_as_wheel() -> bool:
    """True when fflint is installed non-editable (CI, pre-commit); developers may use an editable install."""
    try:
        distribution = importlib.metadata.distribution("fflint")
    except importlib.metadata.PackageNotFoundError:
        return False
    direct_url = distribution.read_text("direct_url.json")
    return not (direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))


# .ci/run sets FFLINT_REQUIRE_WHEEL=1 so that these tests can never be skipped there.
requires_install = pytest.mark.skipif(
    not _installed_as_wheel() and not os.environ.get("FFLINT_REQUIRE_WHEEL"),
    reason="fflint is not installed as a wheel",
)


@requires_install
def test_tests_import_the_installed_package_not_the_source_tree():
    package_dir = Path(linter.__file__).resolve().parent
    assert package_dir != REPO_ROOT / "linter", "tests must run against the installed wheel"
    assert (package_dir / "_data" / "rules").is_dir()
    assert data_file("schemas", "rule.schema.json").is_file()


@requires_install
def test_console_script_runs_from_another_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": ""}
    rules = subprocess.run(
        [sys.executable, "-m", "linter", "rules", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    codes = {rule["code"] for rule in json.loads(rules.stdout)}
    assert {"A002", "H001", "C002", "D001"} <= codes


def test_version_is_the_package_version():
    result = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"fflint {linter.__version__}"


def test_version_answers_like_the_command_line_without_importing_it():
    from click.testing import CliRunner

    from linter.cli import cli

    probe = "import sys; sys.argv = ['fflint', '--version']; from linter.__main__ import main; main(); "
    probe += "print(sorted(m for m in sys.modules if m == 'click' or m.startswith('linter.')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    version, imported = result.stdout.splitlines()
    assert version + "\n" == CliRunner().invoke(cli, ["--version"]).output
    assert imported == "['linter.__main__']"


@requires_install
def test_wheel_bundle_matches_the_yaml_sources():
    """The pre-parsed data in the wheel (hatch_build.py) is exactly what the YAML files say."""
    from ruamel.yaml import YAML

    from linter.resources import _compiled_bundle

    bundle = _compiled_bundle()
    assert bundle is not None, "the wheel must ship linter/_data/compiled.json"
    yaml = YAML(typ="safe")
    sources = {
        path.relative_to(REPO_ROOT).as_posix(): yaml.load(path.read_text(encoding="utf-8"))
        for path in sorted((REPO_ROOT / "rules").rglob("*.yaml"))
    }
    assert bundle == sources


@requires_install
def test_wheel_bundle_keeps_the_yaml_order():
    """Example files and options are shown in the order the rule author wrote them."""
    from linter.resources import _compiled_bundle

    bundle = _compiled_bundle()
    assert bundle is not None
    for relpath, content in bundle.items():
        if not relpath.startswith("rules/") or "/" in relpath[len("rules/") :]:
            continue
        source = (REPO_ROOT / relpath).read_text(encoding="utf-8")
        positions = [source.find(f"\n{key}:") for key in content]
        assert positions == sorted(positions), relpath

"""The code's shape, enforced: the layer contract (import-linter, pyproject.toml), no import cycle, one check
function per rule under linter/checks/, and one home per shared fact (tunnel hosts judged alike by U003 and E009)."""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest

from linter.checks import registered_checks
from linter.rules import all_rules
from linter.vocabulary import tunnel_suffixes
from tests.support import REPO_ROOT
from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings


def test_the_import_layer_contract_holds():
    command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
    result = subprocess.run([*command, "pyproject.toml"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_import_cycle_in_linter():
    graph = grimp.build_graph("linter")
    cycles = []
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported))
    assert cycles == []


def test_one_function_per_rule_under_linter_checks_with_its_docstring():
    checks = registered_checks()
    assert set(checks) == set(all_rules())
    assert len({id(function) for function in checks.values()}) == len(checks)
    for code, function in checks.items():
        assert function.__module__.startswith("linter.checks."), code
        doc = (function.__doc__ or "").strip()
        assert doc.startswith(f"{code} {all_rules()[code].name}"), f"{code}: {doc[:40]!r}"


CALL = """class PingCall {{
  static Future<ApiCallResponse> call() async {{
    return ApiManager.instance.makeApiCall(
      callName: 'ping',
      apiUrl: 'https://demo.{suffix}/ping',
      callType: ApiCallType.GET,
      headers: {{}},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""
ENVIRONMENTS = """currentEnvironment: {{name: Production, key: PROD}}
environmentValues:
  - parameter: {{identifier: {{name: BaseUrl, key: k1}}, dataType: {{scalarType: String}}}}
    valuesMap: {{PROD: {{serializedValue: 'https://demo.{suffix}'}}}}
    isPrivate: false
"""


@pytest.mark.parametrize("suffix", tunnel_suffixes())
def test_u003_and_e009_agree_on_every_tunnel_host(tmp_path, suffix):
    files = {API_CALLS: CALL.format(suffix=suffix), "environment-settings.yaml": ENVIRONMENTS.format(suffix=suffix)}
    codes = {finding.code for finding in export_findings(tmp_path / "app", files, {"U003", "E009"})}
    assert codes == {"U003", "E009"}


def test_tunnel_host_data_is_well_formed():
    suffixes = tunnel_suffixes()
    assert len(suffixes) == len(set(suffixes)) >= 10
    assert all(suffix == suffix.lower() and "." in suffix and " " not in suffix for suffix in suffixes)

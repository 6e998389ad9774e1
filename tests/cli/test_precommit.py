"""The real pre-commit, installing this repository as a hook, fails on a planted defect and passes once fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from tests.support.exportkit import API_CALLS, write_export

CALL = """class GetProfileCall {
  static Future<ApiCallResponse> call({String? token = ''}) async {
    return ApiManager.instance.makeApiCall(
      callName: 'getProfile',
      apiUrl: 'https://api.example.com/me',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer%s${token}',
      },
      params: {},
      returnBody: true,
    );
  }
}
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=dev@example.invalid", "-c", "user.name=dev", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "fflint", "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_pre_commit_try_repo_fails_then_passes(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "project"
    export = write_export(repo / "app", {API_CALLS: CALL % ""})
    (repo / "README.md").write_text("not linted\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "export")

    failing = _try_repo(repo, tmp_path / "pre-commit-home")
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "A002" in output and "api_calls.dart" in output

    (export / API_CALLS).write_text((export / API_CALLS).read_text().replace("Bearer${token}", "Bearer ${token}"))
    _git(repo, "add", "-A")
    passing = _try_repo(repo, tmp_path / "pre-commit-home")
    assert passing.returncode == 0, passing.stdout + passing.stderr

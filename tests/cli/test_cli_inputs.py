"""Bad input from the command line: a clear line and the documented exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.exportkit import API_CALLS, write_export

GOOD_CALL = """class PingCall {
  static Future<ApiCallResponse> call() async {
    return ApiManager.instance.makeApiCall(
      callName: 'ping',
      apiUrl: 'https://api.example.com/ping',
      callType: ApiCallType.GET,
      headers: {},
      params: {},
      returnBody: true,
    );
  }
}
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, cwd=cwd)


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fflint: error:"), lines
    assert fragment in lines[0]


def test_missing_path(tmp_path):
    assert_one_line_error(run("check", str(tmp_path / "nope")), "no such file or folder")


def test_empty_folder_says_nothing_was_checked(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr == f"fflint: {tmp_path}: no FlutterFlow export found there; checked for secrets only\n"
    assert "All checks passed" not in result.stdout
    assert "No FlutterFlow export found; 0 files checked for secrets only, no secrets." in result.stdout


def test_folder_without_export_is_checked_for_secrets_only(tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.py").write_text("print('x')\nheaders = {'Authorization': 'Bearer${token}'}\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 0, result.stdout  # A002 needs an export's model; only secrets are judged here
    assert "no FlutterFlow export found there; checked for secrets only" in result.stderr
    assert "2 files checked for secrets only" in result.stdout
    (tmp_path / "src" / "settings.py").write_text(
        "STRIPE_SECRET_KEY = 'sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc" * 2 + "'\n"
    )
    found = run("check", str(tmp_path))
    assert found.returncode == 1 and "S001" in found.stdout and "4eC39Hq" not in found.stdout
    assert "(no FlutterFlow export found; 3 files checked for secrets only)." in found.stdout


def test_every_text_file_is_read_whatever_its_suffix_and_media_is_not(tmp_path):
    sketch = tmp_path / "firmware" / "sensor.ino"
    sketch.parent.mkdir()
    sketch.write_text('#define API_TOKEN "' + "Qw7xR2mK9pLs4Vt8" * 2 + '"\n')
    (tmp_path / "Runner.xcscheme").write_text("<Scheme></Scheme>\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"API_KEY='" + b"Zx8" * 12 + b"'")
    (tmp_path / "dump.weird").write_bytes(bytes(range(256)) * 4)  # unknown suffix, binary bytes: skipped silently
    result = run("check", str(tmp_path))
    assert result.returncode == 1 and "firmware/sensor.ino" in result.stdout and "S00" in result.stdout
    assert "logo.png" not in result.stdout and "dump.weird" not in result.stdout
    assert "2 files checked for secrets only" in result.stdout  # the sketch and the scheme


def test_ide_files_are_read_for_secrets_and_build_output_is_not(tmp_path):
    # An IDE's run configuration or shelved change is committed with the repository; a build folder is generated.
    workspace = tmp_path / ".idea" / "workspace.xml"
    workspace.parent.mkdir()
    workspace.write_text('<env name="PAYMENTS_SECRET" value="' + "Hq3vN8zT1mWc5Kd" * 2 + '" />\n')
    generated = tmp_path / "build" / "web" / "main.dart.js"
    generated.parent.mkdir(parents=True)
    generated.write_text("var apiSecret = '" + "Lp4sW9xQ2nRb7Fy" * 2 + "';\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 1 and ".idea/workspace.xml" in result.stdout
    assert "main.dart.js" not in result.stdout


def test_binary_file_outside_an_export_is_skipped_with_a_note(tmp_path):
    binary = tmp_path / "logo.dart"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run("check", str(binary))
    assert result.returncode == 0
    assert "no FlutterFlow export found there; checked for secrets only" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_definition_file_is_a_located_finding_and_the_rest_is_linted(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: GOOD_CALL})
    (root / "assets" / "environment_values").mkdir(parents=True)
    (root / "assets" / "environment_values" / "environment.json").write_bytes(b"\x00\x01\x02binary\xff")
    (root / "lib" / "pages").mkdir()
    (root / "lib" / "pages" / "home.dart").write_text("const k = 'Bearer${token}';\n")
    result = run("check", str(root), "--select", "D001")
    assert result.returncode == 1
    assert "environment.json:1:1: D001 [error] file holds binary data" in result.stdout
    calls = run("calls", str(root))
    assert "ping" in calls.stdout


def test_unknown_rule_selector_is_a_usage_error(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: GOOD_CALL})
    assert_one_line_error(run("check", str(root), "--select", "Z999"), "unknown rule selector")


def test_bad_now_is_a_usage_error(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: GOOD_CALL})
    assert_one_line_error(run("check", str(root), "--now", "yesterday"), "--now")


def test_unknown_rule_for_explain():
    assert_one_line_error(run("explain", "nope-rule"), "unknown rule")


def test_clean_export_exits_zero(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: GOOD_CALL})
    result = run("check", str(root))
    assert result.returncode == 0, result.stdout
    assert "All checks passed" in result.stdout


def test_export_in_a_subfolder_of_a_repo_and_lint_alias(tmp_path):
    write_export(tmp_path / "repo" / "frontend" / "shop", {API_CALLS: GOOD_CALL.replace("'ping'", "'ping2'")})
    write_export(tmp_path / "repo" / "app", {API_CALLS: GOOD_CALL})
    result = run("calls", str(tmp_path / "repo"))
    assert "ping2" in result.stdout and "2 API calls in 2 exports" in result.stdout
    assert run("lint", str(tmp_path / "repo")).returncode == 0

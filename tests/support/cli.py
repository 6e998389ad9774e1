"""Helpers for tests that run the command line: calls with given headers, the CLI in-process and as a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from linter.cli import cli
from tests.support.exportkit import API_CALLS, write_export


def call_source(name: str, headers: dict[str, str], url: str = "https://api.example.com/items") -> str:
    """One generated API call class with the given literal headers (values written as Dart source); it declares the
    variable ``token`` when a header uses it."""
    class_name = name[0].upper() + name[1:] + "Call"
    header_lines = "".join(f"        '{key}': '{value}',\n" for key, value in headers.items())
    parameters = "{String? token = ''}" if any("${token}" in value for value in headers.values()) else ""
    return (
        f"class {class_name} {{\n"
        f"  static Future<ApiCallResponse> call({parameters}) async {{\n"
        f"    return ApiManager.instance.makeApiCall(\n"
        f"      callName: '{name}',\n"
        f"      apiUrl: '{url}',\n"
        f"      callType: ApiCallType.GET,\n"
        f"      headers: {{\n{header_lines}      }},\n"
        f"      params: {{}},\n"
        f"      returnBody: true,\n"
        f"    );\n"
        f"  }}\n"
        f"}}\n"
    )


GLUED = {"Authorization": "Bearer${token}"}  # A002 error, unsafe fix (inserting a space changes what is sent)
SPACED = {"Authorization": "Bearer  ${token}"}  # A002 error, safe fix (a whitespace run becomes one space)
COLON = {"Authorization": "Bearer:${token}"}  # A002 error, unsafe fix
BAD_NAME = {"Accept ": "application/json"}  # H001 error (trailing space), safe fix
LOWER = {"Authorization": "bearer ${token}"}  # A002 info
CLEAN = {"Authorization": "Bearer ${token}"}


def make_export(root: Path, *calls: tuple[str, dict[str, str]]) -> Path:
    return write_export(root, {API_CALLS: "".join(call_source(name, headers) for name, headers in calls)})


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


def codes_of(result: Result) -> list[str]:
    return [finding["code"] for finding in json.loads(result.stdout)["findings"]]

"""The generated large export (750 files, 10 MB of Dart): every generated call is listed, every planted secret is
found, and none is ever printed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from linter.cli import FORMATS
from tests.support.exportgen import PRESETS, generate_export


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return generate_export(
        tmp_path_factory.mktemp("large") / "repo", seed=11, subfolder="frontend/shop", **PRESETS["large"]
    )


def fflint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True)


def test_generator_made_the_documented_size(large):
    assert large.files == 750
    assert len(large.calls) == 160
    assert len({call.group for call in large.calls if call.group}) == 20
    assert 9_500_000 <= large.dart_bytes <= 10_500_000
    api_calls = large.root / "lib" / "backend" / "api_requests" / "api_calls.dart"
    assert 200_000 <= api_calls.stat().st_size <= 300_000


def test_calls_lists_exactly_the_generated_calls(large):
    result = fflint("calls", str(large.root.parent.parent), "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    got = sorted((call["group"] or "", call["name"], call["method"], call["bodyType"] or "") for call in listed)
    expected = sorted((call.group or "", call.name, call.method, call.body_type) for call in large.calls)
    assert got == expected
    by_name = {call["name"]: call for call in listed}
    for call in large.calls:
        headers = [header["name"]["template"] for header in by_name[call.name]["headers"]]
        assert headers == call.header_names


def test_planted_secrets_are_found_and_never_printed(large):
    outputs = []
    for output_format in FORMATS:
        result = fflint("check", str(large.root), "--format", output_format, "--no-cache")
        assert result.returncode == 1, result.stderr
        outputs.append(result.stdout + result.stderr)
    report = json.loads(outputs[FORMATS.index("json")])
    secret_findings = [f for f in report["findings"] if f["code"].startswith("S")]
    assert len(secret_findings) >= len(large.planted_secrets)
    everything = "\n".join(outputs)
    for secret in large.planted_secrets:
        assert secret not in everything
        assert secret[len(secret) // 2 :] not in everything

"""--fix never loses bytes: atomic rename, same permissions, encoding (BOM, UTF-16) and line endings, no writes
through symlinks, the original intact when a write is interrupted, and only the fixed span changed."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from tests.support.exportkit import API_CALLS, write_export

CALL = """class GetProfileCall {
  static Future<ApiCallResponse> call({String? token = ''}) async {
    return ApiManager.instance.makeApiCall(
      callName: 'getProfile',
      apiUrl: 'https://api.example.com/me',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer  ${token}',
        'X-Note': 'caf\u00e9',
      },
      params: {},
      returnBody: true,
    );
  }
}
"""


def fix(root: Path) -> int:
    return CliRunner().invoke(cli, ["check", str(root), "--fix", "--no-cache", "--select", "A002"]).exit_code


def calls_file(tmp_path: Path, data: bytes) -> Path:
    root = write_export(tmp_path / "app", {API_CALLS: ""}, wrap_calls=False)
    (root / API_CALLS).write_bytes(data)
    return root


BYTE_ORDER_MARKS = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def encoded(text: str, encoding: str) -> bytes:
    """``text`` as a file in ``encoding`` holds it: the byte-order mark first where the encoding has one."""
    mark = BYTE_ORDER_MARKS.get(encoding, b"")
    return mark + text.encode("utf-8" if encoding == "utf-8-sig" else encoding)


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8", "\r\n"),
        ("utf-8-sig", "\r\n"),
        ("utf-16-le", "\n"),
        ("utf-16-be", "\r\n"),
        ("utf-32-le", "\n"),
        ("utf-32-be", "\n"),
    ],
)
def test_fix_keeps_encoding_line_endings_and_every_other_byte(tmp_path, encoding, newline):
    original_text = CALL.replace("\n", newline)
    root = calls_file(tmp_path, encoded(original_text, encoding))
    target = root / API_CALLS
    target.chmod(0o640)
    assert fix(root) == 0
    after = target.read_bytes()
    expected = encoded(original_text.replace("Bearer  ${token}", "Bearer ${token}"), encoding)
    assert after == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["api_calls.dart", "api_manager.dart"]
    assert fix(root) == 0 and target.read_bytes() == expected  # a second run changes nothing


def test_fix_refuses_to_write_through_a_symlink(tmp_path):
    real = tmp_path / "real_calls.dart"
    real.write_text(CALL)
    root = write_export(tmp_path / "app", {API_CALLS: ""}, wrap_calls=False)
    (root / API_CALLS).unlink()
    (root / API_CALLS).symlink_to(real)
    result = CliRunner().invoke(cli, ["check", str(root), "--fix", "--no-cache", "--select", "A002"])
    assert real.read_text() == CALL
    assert "Traceback" not in result.output


def test_interrupted_write_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    root = calls_file(tmp_path, CALL.encode())
    target = root / API_CALLS

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = CliRunner().invoke(cli, ["check", str(root), "--fix", "--no-cache", "--select", "A002"])
    assert result.exit_code == 2
    assert "cannot write fixes" in result.output and "fixed so far: no file" in result.output
    assert target.read_bytes() == CALL.encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["api_calls.dart", "api_manager.dart"]

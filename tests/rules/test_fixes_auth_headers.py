"""--fix for the A, H and U rules: the expected bytes, idempotence, and nothing outside the fixed spans changes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from tests.support.exportkit import API_CALLS, write_export


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


JWT = f"{_b64({'alg': 'HS256'})}.{_b64({'sub': 'fflint-test', 'exp': 2_000_000_000})}.ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz"


def calls(*entries: str, url: str = "https://api.example.com/items") -> str:
    headers = "".join(f"        {entry},\n" for entry in entries)
    return f"""class GetItemsCall {{
  static Future<ApiCallResponse> call({{String? token = ''}}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'getItems',
      apiUrl: '{url}',
      callType: ApiCallType.GET,
      headers: {{
{headers}      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}

// Unrelated code after the call must keep its bytes: 'x-api-key ' http://example.com
"""


# (code, unsafe, api_calls.dart before, after)
CASES = [
    ("H003", False, calls("'x-api-key': ' k3y-2d9f\\t'"), calls("'x-api-key': 'k3y-2d9f'")),
    ("H003", False, calls("'X-Client': 'shop\\u200b-app'"), calls("'X-Client': 'shop-app'")),
    (
        "H004",
        False,
        calls("'Authorization': 'Bearer ${token}'", "'X-Client': 'a'", "'authorization': 'Bearer ${token}'"),
        calls("'X-Client': 'a'", "'authorization': 'Bearer ${token}'"),
    ),
    ("H002", True, calls("'Authroization': 'Bearer ${token}'"), calls("'Authorization': 'Bearer ${token}'")),
    (
        "H005",
        True,
        calls("'Accept': 'application/json'", "'Content-Length': '120'"),
        calls("'Accept': 'application/json'"),
    ),
    ("A001", True, calls(f"'Authorization': '{JWT}'"), calls(f"'Authorization': 'Bearer {JWT}'")),
    ("A002", True, calls("'Authorization': 'Bearer${token}'"), calls("'Authorization': 'Bearer ${token}'")),
    ("A002", False, calls("'Authorization': 'Bearer \\t${token}'"), calls("'Authorization': 'Bearer ${token}'")),
    (
        "A002",
        True,
        calls("'Authorization': 'Token ${token}'", url="https://api.openai.com/v1/models"),
        calls("'Authorization': 'Bearer ${token}'", url="https://api.openai.com/v1/models"),
    ),
    ("A006", True, calls(f"'Authorization': 'Bearer {JWT[1:]}'"), calls(f"'Authorization': 'Bearer {JWT}'")),
    ("U001", True, calls(url="http://api.example.com/items"), calls(url="https://api.example.com/items")),
    ("U004", False, calls(url=" https://api.example.com/items "), calls(url="https://api.example.com/items")),
    ("U004", True, calls(url="https://api.example.com/items\\'"), calls(url="https://api.example.com/items")),
]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(code: str, unsafe: bool, *extra: str):
    args = ["check", "app", "--select", code, "--now", "2027-01-15", "--no-cache", *extra]
    if unsafe:
        args.append("--unsafe-fixes")
    return CliRunner().invoke(cli, args)


@pytest.mark.parametrize(("code", "unsafe", "before", "after"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_fix_writes_the_expected_bytes_once(in_tmp, code, unsafe, before, after):
    root = write_export(in_tmp / "app", {API_CALLS: before})
    target = root / API_CALLS
    others = {path: path.read_bytes() for path in root.rglob("*") if path.is_file() and path != target}
    head, found, tail = target.read_bytes().partition(before.encode())
    assert found and before.encode() not in tail
    assert run(code, unsafe).exit_code == 1
    fixed = run(code, unsafe, "--fix")
    assert fixed.exit_code == 0, fixed.output
    # Everything outside the call's text (imports, the trailing comment, other files) keeps its bytes.
    assert target.read_bytes() == head + after.encode() + tail
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file() and path != target} == others
    snapshot = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    again = run(code, unsafe, "--fix")
    assert again.exit_code == 0, again.output
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == snapshot


def test_unsafe_fixes_need_the_flag(in_tmp):
    before = calls("'Authroization': 'Bearer ${token}'")
    root = write_export(in_tmp / "app", {API_CALLS: before})
    original = (root / API_CALLS).read_bytes()
    result = run("H002", False, "--fix")
    assert result.exit_code == 1
    assert (root / API_CALLS).read_bytes() == original


def test_h003_does_not_fix_a_line_break_inside_a_value(in_tmp):
    before = calls("'X-Note': 'two\\nlines'")
    root = write_export(in_tmp / "app", {API_CALLS: before})
    original = (root / API_CALLS).read_bytes()
    result = run("H003", False, "--fix")
    assert result.exit_code == 1 and "line break" in result.output
    assert (root / API_CALLS).read_bytes() == original


def test_group_header_duplicate_fix_removes_one_line(in_tmp):
    group = """class ShopGroup {
  static String getBaseUrl() => 'https://shop.example.com';
  static Map<String, String> headers = {
    'X-Client': 'old',
    'x-client': 'new',
  };
  static ListCall listCall = ListCall();
}

class ListCall {
  Future<ApiCallResponse> call() async {
    final baseUrl = ShopGroup.getBaseUrl();
    return ApiManager.instance.makeApiCall(
      callName: 'list',
      apiUrl: '${baseUrl}/list',
      callType: ApiCallType.GET,
      headers: {
        'X-Client': 'new',
      },
      params: {},
      returnBody: true,
    );
  }
}
"""
    root = write_export(in_tmp / "app", {API_CALLS: group})
    assert run("H004", False, "--fix").exit_code == 0
    text = (root / API_CALLS).read_text()
    assert "    'X-Client': 'old',\n" not in text and "    'x-client': 'new',\n  };" in text

"""Hostile input: every case ends in bounded time with a clear, located message, and the rest is still linted."""

from __future__ import annotations

import os
import random
import resource
import string
import time
from pathlib import Path

import pytest

from linter.engine import LintOptions, lint
from tests.support.exportkit import API_CALLS, GLUED_PING_CALL, write_export

BOUND_SECONDS = 20.0


def stripe_key(seed: int) -> str:
    rng = random.Random(seed)
    return "sk_live_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(99))


def export_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = write_export(tmp_path / "app", {API_CALLS: GLUED_PING_CALL})
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def run(root: Path):
    started = time.process_time()
    result = lint([root], LintOptions(now=1_800_000_000.0))
    assert time.process_time() - started < BOUND_SECONDS
    return {(f.code, f.span.path.split("/app/", 1)[-1], f.span.line): f.message for f in result.findings}


def rest_still_linted(found: dict) -> bool:
    return any(code == "A002" and path == API_CALLS for code, path, _ in found)


def test_binary_file_named_dart(tmp_path):
    root = export_with(tmp_path, {"lib/backend/schema/blob.dart": bytes(range(256)) * 64})
    found = run(root)
    assert found[("D001", "lib/backend/schema/blob.dart", 1)] == "file holds binary data, not text; not checked"
    assert rest_still_linted(found)


def test_invalid_utf8_definition_file(tmp_path):
    root = export_with(tmp_path, {"assets/environment_values/environment.json": b'{"k": "caf\xe9"}'})
    found = run(root)
    assert "not valid UTF-8" in found[("D001", "assets/environment_values/environment.json", 1)]
    assert rest_still_linted(found)


def test_utf16_file_with_bom_is_read(tmp_path):
    text = f"const stripeKey = '{stripe_key(1)}';\n"
    root = export_with(tmp_path, {"lib/custom_code/actions/pay.dart": text.encode("utf-16")})
    found = run(root)
    assert ("S001", "lib/custom_code/actions/pay.dart", 1) in found


def test_fifty_megabyte_file_is_skipped_without_reading_it(tmp_path):
    root = export_with(tmp_path, {})
    big = root / "lib" / "pages" / "huge_widget.dart"
    big.parent.mkdir(parents=True, exist_ok=True)
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = run(root)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 40  # the 50 MB file was never loaded
    assert "over the 8 MB limit" in found[("D001", "lib/pages/huge_widget.dart", 1)]
    assert rest_still_linted(found)


def test_ten_thousand_deep_nesting_in_dart_and_json(tmp_path):
    deep_map = "final x = " + "{'a': " * 10_000 + "1" + "}" * 10_000 + ";\n"
    deep_json = '{"k": ' + "[" * 10_000 + "]" * 10_000 + "}"
    root = export_with(
        tmp_path,
        {"lib/custom_code/deep.dart": deep_map, "assets/environment_values/environment.json": deep_json},
    )
    found = run(root)
    assert rest_still_linted(found)
    json_findings = [key for key in found if key[1] == "assets/environment_values/environment.json"]
    assert json_findings and all(key[2] >= 1 for key in json_findings)


def test_thousands_of_unclosed_calls_to_a_custom_action_taking_a_key(tmp_path):
    action = "Future sendReport(String html, String apiKey) async {}\n"
    page = (
        "void f() {\n"
        + "  actions.sendReport(html, " * 5_000
        + "\n  actions.sendReport('x', 'Q7vR2kL9pX4mW8tZ3nB6cY1d');\n"
    )
    root = export_with(
        tmp_path, {"lib/custom_code/actions/send_report.dart": action, "lib/pages/p/p_widget.dart": page}
    )
    found = run(root)  # each call's arguments are read from a bounded window, not to the end of the file
    assert rest_still_linted(found)


def test_deeply_nested_interpolation_in_api_calls_is_a_parse_error(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: "var x = " + "'${" * 3000 + "1" + "}'" * 3000 + ";\n"})
    found = run(root)
    assert any(code == "D001" and path == API_CALLS for code, path, _ in found)


def test_yaml_alias_bomb(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\n"
    root = export_with(tmp_path, {"environment-settings.yaml": bomb, "api-endpoint/id-bomb.yaml": bomb})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = run(root)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200
    assert "anchors and aliases" in found[("D001", "environment-settings.yaml", 1)]
    assert rest_still_linted(found)


def test_symlink_loop_and_link_outside_the_tree(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secrets.dart").write_text(f"const k = '{stripe_key(2)}';\n")
    root = export_with(tmp_path, {})
    (root / "lib" / "loop").symlink_to(root / "lib", target_is_directory=True)
    (root / "lib" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "lib" / "linked.dart").symlink_to(outside / "secrets.dart")
    found = run(root)
    assert not any(code == "S001" for code, _, _ in found), "links out of the tree are not followed"
    assert rest_still_linted(found)


def test_unreadable_file(tmp_path, monkeypatch):
    root = export_with(tmp_path, {"lib/pages/locked_widget.dart": "const x = 1;\n"})
    locked = root / "lib" / "pages" / "locked_widget.dart"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: make this one file refuse the read
        real = Path.read_bytes

        def read_bytes(path: Path) -> bytes:
            if path == locked:
                raise PermissionError(13, "Permission denied")
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    found = run(root)
    assert found[("D001", "lib/pages/locked_widget.dart", 1)] == "cannot read file: Permission denied"
    assert rest_still_linted(found)


def test_file_deleted_while_linting(tmp_path, monkeypatch):
    import linter.discover as discover

    root = export_with(tmp_path, {"lib/pages/gone_widget.dart": "const x = 1;\n"})
    gone = root / "lib" / "pages" / "gone_widget.dart"
    real_export_files = discover.export_files

    def export_files_then_delete(folder):
        files = real_export_files(folder)
        gone.unlink()
        return files

    monkeypatch.setattr("linter.discover.export_files", export_files_then_delete)
    found = run(root)
    assert "cannot read file" in found[("D001", "lib/pages/gone_widget.dart", 1)]
    assert rest_still_linted(found)


def test_non_utf8_file_name(tmp_path):
    root = export_with(tmp_path, {})
    name = os.fsdecode(b"lib/pages/caf\xe9_widget.dart")
    (root / "lib" / "pages").mkdir()
    (root / name).write_text(f"const k = '{stripe_key(3)}';\n")
    result = lint([root], LintOptions())
    (finding,) = [f for f in result.findings if f.code == "S001"]
    finding.span.path.encode("utf-8")  # printable: the undecodable byte is shown escaped
    assert "\\xe9" in finding.span.path


@pytest.mark.parametrize("args", [["check", "/nonexistent/path"], ["check", "--config", "/nonexistent.yaml", "."]])
def test_missing_path_and_config_exit_2(args):
    from click.testing import CliRunner

    from linter.cli import cli

    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output

"""Bad input through the whole CLI: every case ends in bounded time and memory, with a clear located message, the
documented exit code (1: problems found, D001 is an error; 2: the input cannot be used at all) and, where the rest
of the tree is still usable, the rest still linted. tests/test_hostile_input.py covers the same cases at the engine
level; here the user's view: exit code, message, output formats.

Memory is measured with tracemalloc (Python allocations, so a file that was read whole shows up); time with
process_time and bounds that catch a blow-up, not a slowdown.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import string
import time
import tracemalloc
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import FORMATS, cli
from tests.support.exportkit import API_CALLS, write_export
from tests.support.exportkit import GLUED_PING_CALL as CALL

BOUND_SECONDS = 20.0
PAY = "lib/custom_code/actions/pay.dart"


def stripe_key(seed: int) -> str:
    rng = random.Random(seed)
    return "sk_live_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(99))


@dataclass
class Run:
    exit_code: int
    output: str
    seconds: float
    peak_mb: float

    def findings(self) -> list[dict]:
        return json.loads(self.output)["findings"]

    def lines(self) -> list[str]:
        return self.output.splitlines()


def fflint(*args: str) -> Run:
    tracemalloc.start()
    started = time.process_time()
    try:
        result = CliRunner().invoke(cli, list(args))
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    assert seconds < BOUND_SECONDS
    return Run(result.exit_code, result.output, seconds, peak)


def app(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """An export with one good call and a planted secret elsewhere: both must still be reported."""
    root = write_export(tmp_path / "app", {API_CALLS: CALL})
    for relpath, content in {PAY: f"const stripeKey = '{stripe_key(1)}';\n", **(files or {})}.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def check(root: Path, *extra: str) -> Run:
    return fflint("check", str(root), "--no-cache", "--now", "2026-11-28", "-q", *extra)


def located(run: Run, relpath: str, code: str = "D001") -> list[str]:
    """The messages of ``code`` at ``relpath``, each line shown as path:line:col (a location is required)."""
    prefix = f"{relpath}:"
    return [line for line in run.lines() if f" {code} " in line and line.split(prefix, 1)[-1][:1].isdigit()]


def rest_linted(run: Run) -> bool:
    return any(f"/{PAY}:1:" in line and " S001 " in line for line in run.lines())


def test_binary_api_calls_file(tmp_path):
    root = app(tmp_path, {API_CALLS: bytes(range(256)) * 100})
    run = check(root)
    assert run.exit_code == 1
    (message,) = located(run, API_CALLS)
    assert message.endswith(":1:1: D001 [error] file holds binary data, not text; not checked")
    assert rest_linted(run)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"class A {}\n\xc3\x28 // broken\n", "file is not valid UTF-8 (byte 11); not checked"),
        (CALL.encode("utf-16") + b"\x00", f"file is not valid UTF-16 (byte {len(CALL.encode('utf-16'))}); not checked"),
        (b"\xff\xfe" + "\ud800".encode("utf-16-le", "surrogatepass") + b"a\x00", "file is not valid UTF-16 (byte 2)"),
        (codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00", "file is not valid UTF-32 (byte 4)"),
    ],
    ids=["utf-8", "utf-16-odd-length", "utf-16-lone-surrogate", "utf-32-out-of-range"],
)
def test_undecodable_api_calls_file(tmp_path, data, message):
    root = app(tmp_path, {API_CALLS: data})
    run = check(root)
    assert run.exit_code == 1
    (line,) = located(run, API_CALLS)
    assert message in line and ":1:1: D001 [error]" in line
    assert rest_linted(run)


@pytest.mark.parametrize(
    "data",
    [
        CALL.encode("utf-16"),
        codecs.BOM_UTF16_BE + CALL.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + CALL.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + CALL.encode("utf-32-be"),
    ],
    ids=["utf-16", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_wide_api_calls_with_bom_is_read_like_utf8(tmp_path, data):
    run_utf8 = fflint("calls", str(app(tmp_path / "a")), "--format", "json")
    run_wide = fflint("calls", str(app(tmp_path / "b", {API_CALLS: data})), "--format", "json")
    utf8, wide = (json.loads(run.output) for run in (run_utf8, run_wide))
    assert [call["name"] for call in utf8] == [call["name"] for call in wide] == ["ping"]
    assert utf8[0]["headers"] == wide[0]["headers"]


def test_wide_text_of_nul_characters_is_binary(tmp_path):
    """UTF-16 read from a UTF-32 file (or any wide file of NULs) would be lexed one NUL at a time: seconds per MB."""
    root = app(tmp_path, {API_CALLS: codecs.BOM_UTF16_LE + b"\0" * 600_000})
    run = check(root)
    (message,) = located(run, API_CALLS)
    assert message.endswith(":1:1: D001 [error] file holds binary data, not text; not checked")
    assert run.seconds < 2.0 and rest_linted(run)


def test_fifty_megabyte_api_calls_is_refused_without_reading_it(tmp_path):
    root = app(tmp_path)
    with (root / API_CALLS).open("wb") as handle:
        handle.write(CALL.encode())
        handle.truncate(50 * 1024 * 1024)
    run = check(root)
    assert run.exit_code == 1
    (line,) = located(run, API_CALLS)
    assert "file is 50 MB, over the 8 MB limit; not checked" in line
    assert run.peak_mb < 20, run.peak_mb  # never loaded
    assert rest_linted(run)


def test_ten_thousand_deep_map_in_api_calls(tmp_path):
    deep = CALL.replace("params: {}", "params: " + "{'a': " * 10_000 + "1" + "}" * 10_000)
    root = app(tmp_path, {API_CALLS: deep})
    run = check(root, "--format", "json")
    assert run.exit_code == 1
    assert {(f["code"], f["path"].rsplit("/app/", 1)[-1]) for f in run.findings()} >= {
        ("A002", API_CALLS),
        ("S001", PAY),
    }
    assert run.peak_mb < 200, run.peak_mb


def test_ten_thousand_deep_json_environment_and_defines(tmp_path):
    deep = '{"apiBase": ' + "[" * 10_000 + "]" * 10_000 + "}"
    root = app(tmp_path, {"assets/environment_values/environment.json": deep, "dart_defines.json": deep})
    run = check(root)
    assert run.exit_code == 1
    for relpath in ("assets/environment_values/environment.json", "dart_defines.json"):
        (line,) = located(run, relpath, "E001")
        assert "nested too deeply" in line
    assert rest_linted(run)


@pytest.mark.parametrize(
    "files",
    [
        # one escape per character: whitespace trimming asked "interpolated here?" per character, each a full walk
        {"assets/environment_values/environment.json": json.dumps({"analyticsKey": "\u00a0" * 60_000})},
        # the URL test of a credential-named value restarted a scheme scan at every letter
        {"assets/environment_values/environment.json": json.dumps({"apiKey": "aB" * 50_000})},
        # the secret scanner looked for a digit to the end of the run after every ':'
        {"lib/custom_code/actions/notes.dart": "const notes = '" + "key:" * 50_000 + "';\n"},
    ],
    ids=["escaped-blanks", "letters-in-credential", "colon-run"],
)
def test_long_runs_found_by_fuzzing_stay_linear(tmp_path, files):
    """Each was seconds at 15,000 characters and grew with the square of the length; the bound catches that."""
    run = check(app(tmp_path, files))
    assert run.exit_code == 1 and rest_linted(run)


def test_thousands_of_findings_on_one_long_line_are_framed_in_bounded_time(tmp_path):
    """Each frame walked the whole line and every secret range per character: 5,000 findings x 10,000 characters."""
    import dataclasses

    from linter.engine import LintOptions, lint
    from linter.report.text import frames

    url = "https://api.example.com/" + "a'" * 5_000
    root = app(tmp_path, {API_CALLS: CALL.replace("'https://api.example.com/ping'", f'"{url}"')})
    run = fflint("check", str(root), "--no-cache", "--select", "U004", "--format", "json")
    assert run.exit_code == 1
    (finding,) = json.loads(run.output)["findings"]  # one cause: the same stray quote, 5,000 places
    assert "has a stray quote '" in finding["message"] and len(finding["related"]) == 4_999
    result = lint([root], LintOptions(codes={"U004"}))
    (primary,) = result.findings
    result.findings = [dataclasses.replace(primary, span=span, related=[]) for span in [primary.span, *primary.related]]
    assert len(frames(result)) == 5_000


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_in_every_project_yaml_role(tmp_path):
    bomb = billion_laughs()
    roles = ["api-endpoint/id-bomb.yaml", "environment-settings.yaml", "app-constants.yaml", "supabase.yml"]
    root = app(tmp_path, dict.fromkeys(roles, bomb))
    run = check(root)
    assert run.exit_code == 1
    for relpath in roles:
        (line,) = located(run, relpath)
        assert ":1:1: D001 [error] cannot read YAML: anchors and aliases (&x / *x) are not supported" in line
    assert run.peak_mb < 50, run.peak_mb
    assert rest_linted(run)


def test_deeply_bracketed_yaml_is_refused_quickly(tmp_path):
    """ruamel.yaml's scanner is quadratic in bracket depth (4 s for one 20 KB line); fflint refuses it first."""
    root = app(tmp_path, {"api-endpoint/id-deep.yaml": "url: " + "[" * 20_000 + "\n"})
    run = check(root)
    (line,) = located(run, "api-endpoint/id-deep.yaml")
    assert ":1:70: D001 [error] cannot read YAML: nested more than 64 deep" in line
    assert run.seconds < 2.0
    assert rest_linted(run)


def test_yaml_alias_bomb_as_the_config_is_a_usage_error(tmp_path):
    root = app(tmp_path)
    config = tmp_path / "bomb.yaml"
    config.write_text("select: &s [A]\n" + billion_laughs())
    run = fflint("check", str(root), "--no-cache", "--config", str(config))
    assert run.exit_code == 2
    assert run.output.startswith("fflint: error: ") and "bomb.yaml" in run.output
    assert run.peak_mb < 50, run.peak_mb


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02binary", b"select: [A\xff]\n", ("x:\n" + "  " * 1 + "[" * 10_000).encode()],
    ids=["binary", "not-utf8", "deep"],
)
def test_unreadable_config_contents_are_a_usage_error(tmp_path, content):
    root = app(tmp_path)
    (root / ".fflint.yaml").write_bytes(content)
    run = fflint("check", str(root), "--no-cache")
    assert run.exit_code == 2
    (line,) = run.lines()
    assert line.startswith("fflint: error: ") and ".fflint.yaml" in line


def test_config_that_is_a_folder(tmp_path):
    root = app(tmp_path)
    run = fflint("check", str(root), "--no-cache", "--config", str(tmp_path))
    assert run.exit_code == 2
    assert run.output.startswith("fflint: error: ")


def test_symlink_loop_given_as_the_path(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    run = fflint("check", str(loop), "--no-cache")
    assert run.exit_code == 2
    assert run.output.startswith(f"fflint: error: {loop}: cannot resolve")


def test_symlinks_inside_the_tree_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.dart").write_text(f"const k = '{stripe_key(2)}';\n")
    root = app(tmp_path)
    (root / "lib" / "loop").symlink_to(root / "lib", target_is_directory=True)
    (root / "lib" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "lib" / "linked.dart").symlink_to(outside / "leak.dart")
    run = check(root, "--format", "json")
    paths = {f["path"] for f in run.findings()}
    assert not any("leak" in path or "elsewhere" in path or "/loop/" in path for path in paths)
    assert run.exit_code == 1 and any(path.endswith(PAY) for path in paths)


def test_unreadable_definition_file(tmp_path, monkeypatch):
    root = app(tmp_path, {"assets/environment_values/environment.json": '{"apiBase": "https://x"}'})
    locked = root / "assets" / "environment_values" / "environment.json"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:
        # These tests may run as root, which reads a file whatever its mode: chmod 000 would prove nothing. The
        # engine reads through Path.read_bytes, so that one read is made to fail the way the kernel would.
        real = Path.read_bytes

        def read_bytes(path: Path) -> bytes:
            if path == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        run = check(root)
    finally:
        locked.chmod(0o644)
    assert run.exit_code == 1
    (line,) = located(run, "assets/environment_values/environment.json")
    assert line.endswith(":1:1: D001 [error] cannot read file: Permission denied")
    assert rest_linted(run)


def test_api_calls_deleted_between_discovery_and_read(tmp_path, monkeypatch):
    import linter.discover

    root = app(tmp_path)
    real = linter.discover.export_files

    def export_files_then_delete(folder: Path):
        files = real(folder)
        (root / API_CALLS).unlink()
        return files

    monkeypatch.setattr(linter.discover, "export_files", export_files_then_delete)
    run = check(root)
    assert run.exit_code == 1
    (line,) = located(run, API_CALLS)
    assert line.endswith(":1:1: D001 [error] cannot read file: No such file or directory")
    assert rest_linted(run)


def test_missing_path_among_good_ones(tmp_path):
    root = app(tmp_path)
    run = fflint("check", str(root), str(tmp_path / "nope"), "--no-cache")
    assert run.exit_code == 2
    assert run.lines() == [f"fflint: error: {tmp_path / 'nope'}: no such file or folder"]


def non_utf8_name_app(tmp_path: Path) -> Path:
    root = app(tmp_path)
    (root / "lib" / "pages").mkdir(parents=True, exist_ok=True)
    (root / "lib" / "pages" / os.fsdecode(b"caf\xe9_widget.dart")).write_text(f"const k = '{stripe_key(3)}';\n")
    return root


@pytest.mark.parametrize("output_format", FORMATS)
def test_non_utf8_file_name_in_every_format(tmp_path, output_format):
    run = fflint("check", str(non_utf8_name_app(tmp_path)), "--no-cache", "--format", output_format)
    assert run.exit_code == 1
    run.output.encode("utf-8")  # no surrogate escapes reach the output
    assert stripe_key(3) not in run.output
    if output_format == "json":
        assert any(f["path"].endswith("lib/pages/caf\\xe9_widget.dart") for f in run.findings())
    elif output_format == "gitlab":
        paths = [issue["location"]["path"] for issue in json.loads(run.output)]
        assert any(path.endswith("lib/pages/caf\\xe9_widget.dart") for path in paths)
    elif output_format == "sarif":
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in _sarif_results(run)]
        assert any(uri.endswith("lib/pages/caf%E9_widget.dart") for uri in uris)
    else:
        if output_format == "junit":
            ElementTree.fromstring(run.output)
        assert "caf\\xe9_widget.dart" in run.output


def _sarif_results(run: Run) -> list[dict]:
    return json.loads(run.output)["runs"][0]["results"]


def test_sarif_uri_of_a_non_utf8_file_name_points_at_the_file(tmp_path):
    run = fflint("check", str(non_utf8_name_app(tmp_path)), "--no-cache", "--format", "sarif")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in _sarif_results(run)]
    assert "lib/pages/caf%E9_widget.dart" in uris

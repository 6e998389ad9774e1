"""`fflint check my_app.zip`: the ZIP that FlutterFlow's "Download Code" gives, linted in place. The same findings as
the extracted folder, paths shown inside the archive in every format, hostile archives refused in one line."""

from __future__ import annotations

import json
import os
import random
import shutil
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

from linter.cli import FORMATS
from linter.engine import LintOptions, LintResult, lint
from tests.support import EXAMPLE, FIXTURES
from tests.support.archives import add_symlink, set_flag_bits, write_zip, zip_folder
from tests.support.cli import GLUED, call_source, invoke
from tests.support.exportgen import generate_export
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import stripe_secret_key
from tests.support.lint import NOW

CUSTOM_ACTION = f"""Future syncOrders() async {{
  const stripeKey = '{stripe_secret_key()}';
}}
"""


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def comparable(result: LintResult, prefix: str = "") -> list[tuple]:
    """Everything a finding says, with the archive's path taken off the front of its location."""
    rows = []
    for finding in [*result.findings, *result.hidden]:
        span = finding.span
        assert span.path.startswith(prefix), span.path
        where = (span.path.removeprefix(prefix), span.start, span.end, span.line, span.col, span.end_line, span.end_col)
        rows.append((finding.code, finding.severity, finding.message, finding.content_key, finding.secret, *where))
    return sorted(rows, key=repr)


def summary(result: LintResult) -> tuple:
    calls = sorted(export.call_count for export in result.exports)
    return result.export_count, calls, result.loose_file_count, result.suppressed, len(result.without_export)


def assert_same_as_folder(folder: Path, *, top: str | None = "", clean: bool = False) -> LintResult:
    archive = zip_folder(folder, Path(f"{folder.name}.zip"), top=top)
    on_disk = lint([folder], LintOptions(now=NOW))
    zipped = lint([archive], LintOptions(now=NOW))
    # The folder's paths start with its name; the archive's with the archive's name and then its top folder.
    disk_prefix = f"{folder.name}/"
    zip_prefix = f"{archive.name}/" + (f"{folder.name}/" if top == "" else "")
    assert comparable(zipped, zip_prefix) == comparable(on_disk, disk_prefix)
    assert summary(zipped) == summary(on_disk)
    assert clean or on_disk.findings, "the comparison needs findings to compare"
    assert on_disk.export_count == 0 or sum(export.call_count for export in on_disk.exports) > 0
    return zipped


@pytest.mark.parametrize("era", ["2022", "2023", "2024", "2025"])
def test_a_generated_export_zipped_gives_the_findings_of_the_folder(tmp_path, era):
    repo = tmp_path / "repo"
    generate_export(repo / "my_app", seed=11, files=60, dart_mb=0.2, groups=3, calls=12, planted_secrets=6, era=era)
    (repo / "server").mkdir()  # beside the export: read for secrets only, in the folder and in the archive
    (repo / "server" / "settings.py").write_text(f"STRIPE_SECRET_KEY = '{stripe_secret_key()}'\n")
    (repo / "server" / "client.dart").write_text("const h = {'Authorization': 'Bearer${token}'};\n")
    zipped = assert_same_as_folder(repo)
    assert zipped.export_count == 1 and zipped.loose_file_count == 2
    loose = [f for f in zipped.findings if "/server/" in f.span.path]
    assert [f.code for f in loose] == ["S001"]  # the glued Bearer outside an export is not judged
    assert loose[0].span.path == "repo.zip/repo/server/settings.py"


def test_an_archive_without_a_top_folder_gives_the_same_findings(tmp_path):
    app = generate_export(tmp_path / "app", seed=3, files=40, dart_mb=0.1, groups=2, calls=6, planted_secrets=3).root
    zipped = assert_same_as_folder(app, top=None)
    assert {finding.span.path.split("/")[1] for finding in zipped.findings} <= {"lib", "assets"}


@pytest.mark.parametrize(
    "source",
    [EXAMPLE, FIXTURES / "eras", FIXTURES / "project_yaml" / "harbor"],
    ids=["example", "every-era-fixture", "project-yaml"],
)
def test_the_fixtures_zipped_give_the_findings_of_their_folders(tmp_path, source):
    folder = shutil.copytree(source, tmp_path / source.name)
    zipped = assert_same_as_folder(folder, clean=source.name == "eras")  # the era fixtures are clean exports
    if source.name == "eras":
        assert zipped.export_count == len([p for p in source.iterdir() if p.is_dir()])


FORMAT_PATHS = {
    "text": lambda out: [line.split(":", 1)[0] for line in out.splitlines() if ": A002 [" in line],
    "json": lambda out: [f["path"] for f in json.loads(out)["findings"]],
    "sarif": lambda out: [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    ],
    "github": lambda out: [line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines() if "file=" in line],
    "junit": lambda out: [case.get("file") for case in ElementTree.fromstring(out).iter("testcase")],
    "gitlab": lambda out: [issue["location"]["path"] for issue in json.loads(out)],
}


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_shows_the_path_inside_the_archive(tmp_path, output_format):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    shutil.rmtree(tmp_path / "shop")
    result = invoke("check", "shop.zip", "--format", output_format, "--no-cache")
    assert result.exit_code == 1, result.output
    paths = FORMAT_PATHS[output_format](result.stdout)
    assert paths and set(paths) == {f"shop.zip/shop/{API_CALLS}"}


def test_an_archive_outside_the_working_folder_is_shown_by_its_path(tmp_path, monkeypatch):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    archive = zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    report = json.loads(invoke("check", str(archive), "--format", "json", "--no-cache").stdout)
    assert {f["path"] for f in report["findings"]} == {f"{archive}/shop/{API_CALLS}"}
    sarif = json.loads(invoke("check", str(archive), "--format", "sarif", "--no-cache").stdout)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["results"]}
    assert uris == {f"shop.zip/shop/{API_CALLS}"}  # relative to the folder that holds the archive
    assert sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_an_archive_with_no_export_is_checked_for_secrets_only(tmp_path):
    key = stripe_secret_key()
    write_zip(
        tmp_path / "backend.zip",
        {
            "backend/scripts/deploy.sh": f"export STRIPE_SECRET_KEY={key}\n",
            "backend/lib/client.dart": "const h = {'Authorization': 'Bearer${token}'};\n",
        },
    )
    result = invoke("check", "backend.zip", "--no-cache")
    assert result.exit_code == 1
    assert "backend.zip: no FlutterFlow export found there; checked for secrets only" in result.stderr
    assert "backend.zip/backend/scripts/deploy.sh:1:" in result.stdout and "S001" in result.stdout
    assert "A002" not in result.stdout and key[12:] not in result.output
    assert "2 files checked for secrets only" in result.stdout


def test_build_output_and_tool_folders_in_the_archive_are_skipped_as_on_disk(tmp_path):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    for skipped in ("build", ".dart_tool", "node_modules"):
        (tmp_path / "shop" / skipped).mkdir()
        (tmp_path / "shop" / skipped / "leak.dart").write_text(f"const k = '{stripe_secret_key()}';\n")
    zipped = assert_same_as_folder(tmp_path / "shop")
    assert {f.code for f in zipped.findings} == {"A002"}


def test_the_calls_inventory_reads_an_archive(tmp_path):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED) + call_source("ping", {})})
    zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    listed = json.loads(invoke("calls", "shop.zip", "--format", "json").stdout)
    assert sorted(call["name"] for call in listed) == ["listItems", "ping"]
    text = invoke("calls", "shop.zip").stdout
    assert text.startswith(f"shop.zip/shop/{API_CALLS}:")


def test_a_baseline_written_for_an_archive_hides_its_findings(tmp_path):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    assert invoke("check", "shop.zip", "--write-baseline", "base.json").exit_code == 0
    entries = json.loads((tmp_path / "base.json").read_text())["entries"]
    assert {entry["path"] for entry in entries} == {f"shop.zip/shop/{API_CALLS}"}
    assert invoke("check", "shop.zip", "--baseline", "base.json").exit_code == 0


def test_config_globs_and_inline_suppressions_apply_inside_an_archive(tmp_path):
    calls = call_source("listItems", GLUED) + call_source("ping", GLUED).replace(
        "'Bearer${token}',", "'Bearer${token}', // fflint: ignore[A002]"
    )
    write_export(tmp_path / "shop", {API_CALLS: calls, "lib/custom_code/actions/sync.dart": CUSTOM_ACTION})
    zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    everything = json.loads(invoke("check", "shop.zip", "--format", "json", "--no-cache").stdout)
    assert sorted(f["code"] for f in everything["findings"]) == ["A002", "S001"]
    assert everything["summary"]["suppressed"] == 1
    # The config is found beside the archive; globs match paths inside the export, as on disk.
    (tmp_path / ".fflint.yaml").write_text('per-file-ignores:\n  "lib/custom_code/**": [S001]\n')
    ignored = json.loads(invoke("check", "shop.zip", "--format", "json", "--no-cache").stdout)
    assert [f["code"] for f in ignored["findings"]] == ["A002"]
    (tmp_path / ".fflint.yaml").write_text('exclude: ["shop.zip/shop/lib/backend/**"]\n')
    excluded = json.loads(invoke("check", "shop.zip", "--format", "json", "--no-cache").stdout)
    assert [f["code"] for f in excluded["findings"]] == ["S001"]


# -- caches -----------------------------------------------------------------------------------------------------


def test_the_cache_never_answers_for_an_archive_whose_content_changed(tmp_path):
    app = write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", {"Accept": "application/json"})})
    archive = zip_folder(app, tmp_path / "shop.zip")
    args = ["check", "shop.zip", "--format", "json", "--cache-dir", "cache"]
    clean = invoke(*args)
    assert clean.exit_code == 0 and list((tmp_path / "cache").glob("runs-*.json"))
    assert invoke(*args).stdout == clean.stdout  # warm: the same answer
    stat = archive.stat()
    write_export(app, {API_CALLS: call_source("listItems", GLUED)})
    zip_folder(app, archive)
    os.utime(archive, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same name, same time: only the content differs
    changed = invoke(*args)
    assert changed.exit_code == 1
    assert [f["code"] for f in json.loads(changed.stdout)["findings"]] == ["A002"]


# -- refused: one line on stderr, exit code 2, nothing written ------------------------------------------------


def assert_refused(args: list[str], fragment: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fflint: error: "), lines
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.output and result.stdout == ""


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_and_diff_are_refused_for_an_archive(tmp_path, option):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", {"Accept ": "application/json"})})
    archive = zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    before = archive.read_bytes()
    assert_refused(["check", "shop", "shop.zip", option], f"{option} needs files on disk and shop.zip is a ZIP archive")
    assert archive.read_bytes() == before
    assert invoke("check", "shop", option).exit_code in (0, 1)  # the folder itself is fixable


MINIMAL = {"app/pubspec.yaml": "name: x\n", "app/lib/main.dart": "void main() {}\n"}


@pytest.mark.parametrize(
    "name",
    ["../evil.dart", "app/../../evil.dart", "/etc/cron.d/evil", "C:/Windows/evil.dart", "..\\..\\evil.dart"],
)
def test_path_traversal_members_refuse_the_archive(tmp_path, name):
    write_zip(tmp_path / "evil.zip", {**MINIMAL, name: "x"})
    assert_refused(["check", "evil.zip"], "path traversal")


def test_an_encrypted_member_refuses_the_archive(tmp_path):
    archive = write_zip(tmp_path / "locked.zip", MINIMAL)
    set_flag_bits(archive, 0x1)
    assert_refused(["check", "locked.zip"], "is encrypted; fflint does not read encrypted archives")


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip at all\n", b"PK\x03\x04" + bytes(40), b"PK\x05\x06" + bytes(18)],
    ids=["empty", "text", "truncated-local-header", "empty-directory-only"],
)
def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path, content):
    (tmp_path / "download.zip").write_bytes(content)
    result = invoke("check", "download.zip", "--no-cache")
    if content.startswith(b"PK\x05\x06"):  # a valid, empty archive: nothing in it, said so
        assert result.exit_code == 0 and "no FlutterFlow export found there" in result.stderr
    else:
        assert_refused(["check", "download.zip"], "download.zip: not a ZIP archive, or a damaged one")


def test_a_truncated_download_is_refused(tmp_path):
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    data = zip_folder(tmp_path / "shop", tmp_path / "full.zip").read_bytes()
    (tmp_path / "half.zip").write_bytes(data[: len(data) // 2])
    assert_refused(["check", "half.zip"], "not a ZIP archive, or a damaged one")


def test_a_highly_compressed_member_is_refused_as_a_zip_bomb(tmp_path):
    write_zip(tmp_path / "bomb.zip", {"app/pubspec.yaml": "name: x\n", "app/lib/main.dart": " " * (8 * 1024 * 1024)})
    assert_refused(["check", "bomb.zip"], "like a zip bomb; refusing the archive")


def test_text_over_the_archive_budget_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("linter.archive.MAX_READ_BYTES", 64 * 1024)
    rng = random.Random(1)
    members = {f"app/lib/page_{n}.dart": "".join(rng.choices("abcdef ;\n", k=20_000)) for n in range(4)}
    write_zip(tmp_path / "big.zip", {"app/pubspec.yaml": "name: x\n", **members})
    assert_refused(["check", "big.zip"], "over the 0 MB limit for an archive; extract it and lint the folder")


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("linter.archive.MAX_MEMBERS", 3)
    write_zip(tmp_path / "many.zip", {f"notes/{n}.txt": "x" for n in range(4)})
    assert_refused(["check", "many.zip"], "holds 4 members, over the 3 limit")


def test_binary_members_are_never_inflated(tmp_path):
    """A bomb of binary members is harmless to fflint: they are never decompressed, so nothing is refused."""
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    (tmp_path / "shop" / "assets" / "images").mkdir(parents=True)
    (tmp_path / "shop" / "assets" / "images" / "blank.png").write_bytes(bytes(4 * 1024 * 1024))
    zipped = assert_same_as_folder(tmp_path / "shop")
    assert [f.code for f in zipped.findings] == ["A002"]


# -- members that are not read, and members that cannot be -------------------------------------------------------


def test_symbolic_link_members_are_not_followed(tmp_path):
    key = stripe_secret_key()
    write_export(tmp_path / "shop", {API_CALLS: call_source("listItems", GLUED)})
    archive = zip_folder(tmp_path / "shop", tmp_path / "shop.zip")
    add_symlink(archive, "shop/lib/pages/linked.dart", f"const k = '{key}';\n")
    add_symlink(archive, "shop/lib/secrets.dart", "../../../../etc/passwd")
    result = invoke("check", "shop.zip", "--format", "json", "--no-cache")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["path"]) for f in findings] == [("A002", f"shop.zip/shop/{API_CALLS}")]
    assert key[12:] not in result.output


def test_a_damaged_member_is_a_located_finding_and_the_rest_is_linted(tmp_path):
    calls = call_source("listItems", GLUED)
    environment = '{"apiKey": "abc"}'
    archive = write_zip(
        tmp_path / "shop.zip",
        {
            "shop/pubspec.yaml": "name: x\n",
            f"shop/{API_CALLS}": calls,
            "shop/assets/environment_values/environment.json": environment,
        },
        method=zipfile.ZIP_STORED,
    )
    data = bytearray(archive.read_bytes())
    where = data.index(environment.encode())
    data[where + 2] ^= 0x20  # the stored bytes no longer match the member's CRC
    archive.write_bytes(bytes(data))
    result = invoke("check", "shop.zip", "--format", "json", "--no-cache", "--select", "D001,A002")
    findings = {f["code"]: f for f in json.loads(result.stdout)["findings"]}
    assert set(findings) == {"D001", "A002"}
    assert findings["D001"]["path"] == "shop.zip/shop/assets/environment_values/environment.json"
    assert findings["D001"]["message"].startswith("cannot read file: damaged archive member (BadZipFile: Bad CRC-32")


def test_an_oversized_member_is_reported_like_an_oversized_file(tmp_path):
    padding = "// " + "generated " * 1_000_000  # about 10 MB, over the 8 MB limit
    write_zip(
        tmp_path / "shop.zip",
        {"shop/pubspec.yaml": "name: x\n", "shop/lib/main.dart": "", f"shop/{API_CALLS}": padding},
    )
    result = invoke("check", "shop.zip", "--format", "json", "--no-cache", "--select", "D001")
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["path"] == f"shop.zip/shop/{API_CALLS}"
    assert finding["message"] == "file is 9 MB, over the 8 MB limit; not checked"


def test_an_archive_inside_the_archive_is_not_opened_and_that_is_said(tmp_path):
    inner = write_zip(tmp_path / "inner.zip", {"app/lib/keys.dart": f"const k = '{stripe_secret_key()}';\n"})
    write_zip(
        tmp_path / "outer.zip",
        {
            "outer/pubspec.yaml": "name: x\n",
            "outer/lib/main.dart": "void main() {}\n",
            "outer/backups/inner.zip": inner.read_bytes(),
        },
    )
    result = invoke("check", "outer.zip", "--no-cache")
    assert result.exit_code == 0, result.output
    note = "an archive inside an archive is not opened; not checked"
    assert result.stderr == f"fflint: outer.zip/outer/backups/inner.zip: {note}\n"


def test_random_damage_never_ends_in_a_traceback(tmp_path):
    """Seeded byte damage to a real archive: each run is a result (0, 1) or a one-line refusal (2), never a crash."""
    generate_export(tmp_path / "app", seed=5, files=30, dart_mb=0.05, groups=2, calls=4, planted_secrets=2)
    original = zip_folder(tmp_path / "app", tmp_path / "app.zip").read_bytes()
    rng = random.Random(2024)
    target = tmp_path / "damaged.zip"
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(data))
            data[position] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        target.write_bytes(bytes(data))
        result = invoke("check", "damaged.zip", "--no-cache", "--format", "json")
        assert result.exit_code in (0, 1, 2), result.output
        assert "internal error" not in result.output and "Traceback" not in result.output
        if result.exit_code == 2:
            assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_a_folder_named_like_an_archive_is_a_folder(tmp_path):
    write_export(tmp_path / "shop.zip", {API_CALLS: call_source("listItems", {"Accept ": "application/json"})})
    result = invoke("check", "shop.zip", "--format", "json", "--no-cache")
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == [f"shop.zip/{API_CALLS}"]
    fixed = invoke("check", "shop.zip", "--fix", "--no-cache")
    assert fixed.exit_code == 0 and "applied 1 fix" in fixed.stderr

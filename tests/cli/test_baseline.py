"""Baselines: accepted problems stay hidden through unrelated edits; new ones show; stale entries are listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import BAD_NAME, GLUED, LOWER, call_source, codes_of, invoke, run
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import stripe_secret_key


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def write_calls(workdir: Path, *sources: str) -> Path:
    return write_export(workdir / "app", {API_CALLS: "".join(sources)})


def accept(path: str = "baseline.json") -> None:
    result = invoke("check", "app", "--write-baseline", path)
    assert result.exit_code == 0, result.output


def test_baseline_hides_accepted_problems_and_shows_new_ones(workdir):
    key = stripe_secret_key()
    write_calls(workdir, call_source("listItems", GLUED), call_source("pay", {"X-Key": key}))
    accept()
    assert invoke("check", "app", "--baseline", "baseline.json").exit_code == 0
    write_calls(
        workdir, call_source("listItems", GLUED), call_source("pay", {"X-Key": key}), call_source("me", BAD_NAME)
    )
    result = invoke("check", "app", "--baseline", "baseline.json", "--format", "json")
    assert codes_of(result) == ["H001"]
    assert json.loads(result.stdout)["summary"]["baselined"] == 2
    assert "2 in the baseline" in invoke("check", "app", "--baseline", "baseline.json").stdout


def test_baseline_file_is_sorted_and_has_no_lines_or_times(workdir):
    write_calls(workdir, call_source("zeta", GLUED), call_source("alpha", BAD_NAME), call_source("mid", LOWER))
    accept()
    text = (workdir / "baseline.json").read_text()
    data = json.loads(text)
    assert data["version"] == 1
    entries = data["entries"]
    assert [entry["code"] for entry in entries] == sorted(entry["code"] for entry in entries)
    assert all(set(entry) == {"code", "path", "fingerprint", "count"} for entry in entries)
    assert {entry["path"] for entry in entries} == {"app/" + API_CALLS}
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    # Writing again after unrelated edits gives the identical file: no churn.
    write_calls(
        workdir,
        "// a comment\n\n",
        call_source("mid", LOWER),
        call_source("alpha", BAD_NAME),
        call_source("zeta", GLUED),
    )
    accept()
    assert (workdir / "baseline.json").read_text() == text


@pytest.mark.parametrize("edit", ["insert-lines-above", "reorder-calls", "both"])
def test_unrelated_edits_keep_findings_baselined(workdir, edit):
    first, second = call_source("listItems", GLUED), call_source("getProfile", BAD_NAME)
    write_calls(workdir, first, second, call_source("ping", LOWER))
    accept()
    padding = "// Generated code: do not edit.\n" * 7 + "\n"
    sources = {
        "insert-lines-above": (padding, first, second, call_source("ping", LOWER)),
        "reorder-calls": (call_source("ping", LOWER), second, first),
        "both": (padding, second, padding, call_source("ping", LOWER), first),
    }[edit]
    write_calls(workdir, *sources)
    result = invoke("check", "app", "--baseline", "baseline.json", "--fail-on", "info", "--format", "json")
    assert codes_of(result) == [] and result.exit_code == 0


def test_a_baseline_entry_accepts_a_cause_with_all_its_places(workdir):
    write_calls(workdir, call_source("listItems", GLUED))
    accept()
    # A second copy of the same defect is another place of the accepted cause; a different defect is new.
    write_calls(workdir, call_source("listItems", GLUED), call_source("otherItems", GLUED))
    assert codes_of(invoke("check", "app", "--baseline", "baseline.json", "--format", "json")) == []
    write_calls(workdir, call_source("listItems", GLUED), call_source("getProfile", BAD_NAME))
    assert codes_of(invoke("check", "app", "--baseline", "baseline.json", "--format", "json")) == ["H001"]


def test_stale_entries_are_listed_with_statistics(workdir):
    write_calls(workdir, call_source("listItems", GLUED), call_source("getProfile", BAD_NAME))
    accept()
    write_calls(workdir, call_source("listItems", GLUED), call_source("getProfile", {"Accept": "application/json"}))
    result = invoke("check", "app", "--baseline", "baseline.json", "--statistics")
    assert result.exit_code == 0
    assert "1 stale baseline entry (fixed since):" in result.stdout
    assert f"H001  app/{API_CALLS}" in result.stdout
    report = json.loads(invoke("check", "app", "--baseline", "baseline.json", "--format", "json").stdout)
    assert [entry["code"] for entry in report["staleBaseline"]] == ["H001"]
    # Entries of rules that did not run are not stale.
    only_a = json.loads(
        invoke("check", "app", "--baseline", "baseline.json", "--select", "A", "--format", "json").stdout
    )
    assert only_a["staleBaseline"] == []


def test_baseline_paths_do_not_depend_on_the_working_folder(workdir):
    write_calls(workdir, call_source("listItems", GLUED))
    (workdir / "ci").mkdir()
    accept("ci/baseline.json")
    assert json.loads((workdir / "ci" / "baseline.json").read_text())["entries"][0]["path"] == "../app/" + API_CALLS
    from_elsewhere = run("check", ".", "--baseline", "../ci/baseline.json", cwd=workdir / "app")
    assert from_elsewhere.returncode == 0, from_elsewhere.stdout


def test_baseline_from_config(workdir):
    write_calls(workdir, call_source("listItems", GLUED))
    (workdir / ".fflint.yaml").write_text("baseline: fflint-baseline.json\n")
    assert invoke("check", "app", "--write-baseline", "fflint-baseline.json").exit_code == 0
    assert invoke("check", "app").exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{not json", "cannot read baseline"),
        ('{"version": 9, "entries": []}', "not an fflint baseline"),
        ("[]", "not an fflint baseline"),
        ('{"version": 1, "entries": [{"code": "A002"}]}', "entry 0 needs code, path and fingerprint"),
    ],
)
def test_bad_baseline_is_a_usage_error(workdir, content, message):
    write_calls(workdir, call_source("listItems", GLUED))
    if content is not None:
        (workdir / "baseline.json").write_text(content)
    result = run("check", "app", "--baseline", "baseline.json", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.startswith("fflint: error: baseline.json: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

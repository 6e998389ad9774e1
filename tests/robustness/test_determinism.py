"""The same input gives byte-identical output: across runs, in every format, with one or two worker processes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from linter.cli import FORMATS, cli
from tests.support.exportgen import generate_export


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return generate_export(tmp_path_factory.mktemp("det") / "app", seed=5, files=50, dart_mb=0.5, groups=3, calls=20)


@pytest.mark.parametrize("output_format", FORMATS)
def test_repeated_runs_are_identical(small, output_format):
    args = ["check", str(small.root), "--format", output_format, "--no-cache", "--now", "2026-11-28"]
    first = CliRunner().invoke(cli, args).output
    second = CliRunner().invoke(cli, args).output
    assert first == second and first


def test_one_or_two_workers_give_the_same_report(small, monkeypatch):
    from linter.secrets import scanner

    monkeypatch.setattr("linter.scan_cache.PARALLEL_MIN_BYTES", 1)  # make even this small tree use workers
    args = ["check", str(small.root), "--format", "json", "--no-cache", "--now", "2026-11-28"]
    one = CliRunner().invoke(cli, [*args, "--jobs", "1"]).output
    scanner._RESULTS.clear()
    two = CliRunner().invoke(cli, [*args, "--jobs", "2"]).output
    assert one == two

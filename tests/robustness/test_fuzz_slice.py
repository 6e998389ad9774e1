"""A small seeded slice of the fuzzers in fuzz/ (a few hundred inputs, seconds): mutated definition files never crash
the extractors, the engine or the CLI, every span stays inside its file, and what a reference parser rejects is
reported as a located problem."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT

FUZZ = REPO_ROOT / "fuzz"
sys.path.insert(0, str(FUZZ))
import fuzz_fflint  # noqa: E402
import properties  # noqa: E402
from harness import TARGETS, Subject, model_problems  # noqa: E402

from linter.model import Export, FileKind, ParseError, SourceFile  # noqa: E402


def _run(target: str, inputs: int, level: str, crashes: Path) -> None:
    outcome = fuzz_fflint.run_target(target, inputs, seed=2026, crashes=crashes, level=level)
    assert outcome.inputs == inputs
    assert outcome.failures == 0, outcome.failure_texts[:1]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_extraction_slice(target, tmp_path):
    _run(target, 20, "extract", tmp_path)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_engine_slice(target, tmp_path):
    _run(target, 5, "engine", tmp_path)


def test_cli_slice(tmp_path):
    _run("cli", 15, "extract", tmp_path)


@pytest.mark.parametrize("name", properties.PROPERTY_NAMES)
def test_property_slice(name, tmp_path):
    count = [0]
    properties.check_property(name, examples=30, seed_value=2026, scratch=tmp_path, count=count)
    assert count[0] > 0


def test_the_harness_catches_what_it_claims(tmp_path):
    """The oracles can fail: an unreported rejection and a span outside its file are both failures."""
    subject = Subject("env-json", tmp_path)
    subject._judge(b"{", reported=True, problems=[])
    _, failure = subject._judge(b"{", reported=False, problems=[])
    assert failure is not None and "json.loads" in failure
    _, failure = subject._judge(b"{}", reported=False, problems=[])
    assert failure is None
    file = SourceFile(tmp_path / "x.dart", "x.dart", FileKind.API_CALLS, "abc")
    export = Export(tmp_path, "app", files=[file])
    span = file.span(0, 2)
    export.parse_errors.append(ParseError(type(span)(span.path, 2, 9, 1, 3, 1, 10), "past the end"))
    assert model_problems(export) == ["parse error: span 2-9 outside the file (3 characters)"]


def test_properties_judge_the_text_the_extractor_saw():
    """A second byte-order mark is text to the extractor; the oracle must not strip one the extractor kept."""
    properties.yaml_reads("\ufeff\ufeff{")  # ruamel reads it as the plain scalar '\ufeff{'
    assert properties.reference_rejects_text("yaml", "\ufeff{") == "ruamel.yaml"

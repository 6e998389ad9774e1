"""A small seeded slice of fuzz/fuzz_fflint.py: mutated definition files never crash the engine."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz" / "fuzz_fflint.py"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz_fflint", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_fflint"] = module
    spec.loader.exec_module(module)
    return module


FUZZER = _fuzz_module()


@pytest.mark.parametrize("target", sorted(FUZZER.TARGETS))
def test_seeded_slice_has_no_uncaught_exception(target, tmp_path):
    outcome = FUZZER.run_target(target, inputs=25, seed=2026, crashes=tmp_path / "crashes")
    assert outcome.inputs == 25
    crashes = sorted(p.read_text() for p in (tmp_path / "crashes").glob("*.txt"))
    assert outcome.failures == 0, crashes[:1]

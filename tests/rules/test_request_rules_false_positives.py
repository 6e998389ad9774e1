"""The rules of what really reaches the server on clean generated exports of every era, the real-large
shape (many variables per call) and the era fixtures: no finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import FIXTURES
from tests.support.exportgen import ERAS, PRESETS, REAL_SHAPE, generate_export
from tests.support.lint import findings

# The rules of issue 17 and the rules it changed.
CODES = {"P001", "P002", "C008", "C009", "H004", "H007", "H008", "U001", "U002", "U006", "U007"}


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("seed", [3, 7])
def test_generated_exports_of_every_era_are_clean(tmp_path, era, seed):
    generated = generate_export(tmp_path, seed=seed, era=era, **PRESETS["small"])
    assert [(f.code, f.message) for f in findings(generated.root, CODES)] == []


def test_the_real_large_shape_is_clean(tmp_path):
    generated = generate_export(tmp_path, files=120, dart_mb=1.0, groups=6, calls=40, era="2025", shape=REAL_SHAPE)
    assert [(f.code, f.message) for f in findings(generated.root, CODES)] == []


@pytest.mark.parametrize("root", sorted(path for path in (FIXTURES / "eras").iterdir() if path.is_dir()))
def test_the_era_fixtures_are_clean(root: Path):
    assert [(f.code, f.message) for f in findings(root, CODES)] == []

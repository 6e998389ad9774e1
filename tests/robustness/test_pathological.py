"""Inputs that once made an extractor take quadratic time stay fast (regressions found by fuzz/fuzz_fflint.py).

The bounds are generous (seconds, where a fixed build takes milliseconds); they catch a blow-up, not a slowdown.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from linter.engine import LintOptions, lint
from tests.support import FIXTURES

ERA_2025 = FIXTURES / "eras" / "2025"
BOUND_SECONDS = 5.0


def lint_seconds(root: Path) -> float:
    started = time.process_time()
    lint([root], LintOptions(now=1_800_000_000.0))
    return time.process_time() - started


def test_environment_values_with_carriage_returns_only(tmp_path):
    root = tmp_path / "export"
    shutil.copytree(ERA_2025, root)
    env_file = root / "lib" / "environment_values.dart"
    text = env_file.read_text().replace("\n", "\r")
    env_file.write_text(text * 20)  # one 40 KB "line" with many getters
    assert lint_seconds(root) < BOUND_SECONDS


def test_long_runs_of_words_and_getters_without_bodies(tmp_path):
    root = tmp_path / "export"
    shutil.copytree(ERA_2025, root)
    env_file = root / "lib" / "environment_values.dart"
    # Each took the old getter pattern more than 5 s at a fifth of this size.
    env_file.write_text(env_file.read_text() + "String " + "word " * 20_000 + "\n" + "int get x " * 10_000 + "\n")
    assert lint_seconds(root) < BOUND_SECONDS

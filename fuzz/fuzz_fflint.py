"""Fuzz every extractor through the real engine, and the whole CLI.

    python fuzz/fuzz_fflint.py --inputs 100000 --seed 1            # every target
    python fuzz/fuzz_fflint.py --target dart --inputs 2000         # one target

Each input is a fixture export with one definition file mutated (fuzz/mutate.py). The engine must never raise:
an unparseable file must come back as a D001 parse-error finding with a location. Failing inputs are written to
fuzz/crashes/ for replay.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "fuzz"))
from mutate import mutate  # noqa: E402

# target name -> (seed export folder, file inside it that gets mutated)
SEEDS = REPO_ROOT / "tests" / "fixtures"
TARGETS: dict[str, tuple[str, str]] = {
    "dart": ("eras/2024", "lib/backend/api_requests/api_calls.dart"),
    "dart-2023": ("eras/2023", "lib/backend/api_requests/api_calls.dart"),
    "dart-2021": ("eras/2021", "lib/backend/api_requests/api_calls.dart"),
    "manager": ("eras/2022", "lib/backend/api_requests/api_manager.dart"),
    "env-json": ("eras/2025", "assets/environment_values/environment.json"),
    "env-dart": ("eras/2025", "lib/environment_values.dart"),
    "js": ("eras/private", "firebase/functions/api_manager.js"),
    "dotenv": ("env/tidewatch", ".env"),
    "dart-define": ("env/tidewatch", "dart_defines.json"),
    "yaml-endpoint": ("project_yaml/harbor", "api-endpoint/id-ab12cd34.yaml"),
    "yaml-environments": ("project_yaml/harbor", "environment-settings.yaml"),
}


@dataclass
class Outcome:
    inputs: int = 0
    parse_errors: int = 0
    failures: int = 0


def _problems(root: Path, mutated: Path) -> tuple[bool, str | None]:
    """(was a parse error reported for the mutated file, failure description or None)."""
    from linter.engine import LintOptions, lint

    try:
        result = lint([root], LintOptions(now=1_800_000_000.0))
    except Exception:
        return False, traceback.format_exc()
    mutated_name = mutated.name
    for finding in result.findings:
        if finding.span.line < 1 or finding.span.col < 1:
            return False, f"finding without a location: {finding.code} {finding.message}"
    parse_error = any(f.code == "D001" and f.span.path.endswith(mutated_name) for f in result.findings)
    return parse_error, None


def run_target(name: str, inputs: int, seed: int, crashes: Path) -> Outcome:
    seed_folder, relpath = TARGETS[name]
    source = SEEDS / seed_folder
    original = (source / relpath).read_bytes()
    rng = random.Random(f"{seed}:{name}")
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="fflint-fuzz-") as scratch:
        root = Path(scratch) / "export"
        shutil.copytree(source, root)
        target = root / relpath
        for index in range(inputs):
            data = mutate(rng, original)
            target.write_bytes(data)
            parse_error, failure = _problems(root, target)
            outcome.inputs += 1
            outcome.parse_errors += parse_error
            if failure is not None:
                outcome.failures += 1
                crashes.mkdir(parents=True, exist_ok=True)
                (crashes / f"{name}-{seed}-{index}.bin").write_bytes(data)
                (crashes / f"{name}-{seed}-{index}.txt").write_text(failure)
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=sorted(TARGETS), action="append")
    parser.add_argument("--inputs", type=int, default=1000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--crashes", type=Path, default=REPO_ROOT / "fuzz" / "crashes")
    args = parser.parse_args()
    total_failures = 0
    for name in args.target or sorted(TARGETS):
        if not (SEEDS / TARGETS[name][0] / TARGETS[name][1]).exists():
            print(f"{name:10} skipped: seed file missing")
            continue
        started = time.perf_counter()
        outcome = run_target(name, args.inputs, args.seed, args.crashes)
        elapsed = time.perf_counter() - started
        total_failures += outcome.failures
        print(
            f"{name:10} inputs={outcome.inputs} parse-errors={outcome.parse_errors} "
            f"uncaught={outcome.failures} ({elapsed:.1f} s)",
            flush=True,
        )
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())

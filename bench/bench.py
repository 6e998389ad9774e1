"""Benchmark fflint on generated exports (seeded), side by side with detect-secrets.

    python bench/bench.py                         # small + large, 5 runs each, plus the quick targets
    python bench/bench.py --sizes large huge --runs 5 --detect-secrets
    python bench/bench.py --sizes real-large --runs 3   # the shape of the largest real export we measured

Wall time is measured around a fresh `python -m linter` process (what a hook or CI pays), peak RSS from the
child's rusage. Exports are generated into bench/out/ (git-ignored) by tests/support/exportgen.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from tests.support.exportgen import PRESETS, generate_export  # noqa: E402

OUT = REPO_ROOT / "bench" / "out"


@dataclass
class Measure:
    label: str
    seconds: list[float]
    peak_rss_mb: float
    exit_codes: set[int]

    def row(self) -> str:
        median = statistics.median(self.seconds)
        return (
            f"| {self.label} | {median:.3f} | {min(self.seconds):.3f} | {max(self.seconds):.3f} | "
            f"{self.peak_rss_mb:.0f} | {len(self.seconds)} | {sorted(self.exit_codes)} |"
        )


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(label: str, command: list[str], runs: int, cwd: Path | None = None, warmup: int = 1) -> Measure:
    for _ in range(warmup):
        run_once(command, cwd)
    seconds, peaks, codes = [], [], set()
    for _ in range(runs):
        elapsed, peak, code = run_once(command, cwd)
        seconds.append(elapsed)
        peaks.append(peak)
        codes.add(code)
    return Measure(label, seconds, max(peaks), codes)


def tree_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def ensure_export(size: str, seed: int) -> Path:
    target = OUT / f"{size}-{seed}"
    marker = target / ".generated"
    if not marker.exists():
        shutil.rmtree(target, ignore_errors=True)
        generate_export(target, seed=seed, **PRESETS[size])
        marker.write_text("ok\n")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["small", "large"], choices=sorted(PRESETS))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--detect-secrets", action="store_true", help="also time detect-secrets on each tree")
    parser.add_argument("--extra-args", default="", help="extra arguments for fflint check")
    parser.add_argument("--scaling", action="store_true", help="also time --jobs 1 and --jobs 2 on every size")
    args = parser.parse_args()

    fflint = [sys.executable, "-m", "linter"]
    extra = args.extra_args.split()
    rows: list[str] = []
    empty = OUT / "empty-export"
    (empty / "lib").mkdir(parents=True, exist_ok=True)
    (empty / "pubspec.yaml").write_text("name: empty\n")
    rows.append(measure("fflint --version", [*fflint, "--version"], args.runs).row())
    rows.append(measure("check, empty export", [*fflint, "check", str(empty), "--no-cache"], args.runs).row())
    notes = []
    cache_dir = OUT / "cache"
    for size in args.sizes:
        root = ensure_export(size, args.seed)
        files, size_bytes = tree_size(root)
        notes.append(f"{size}: {files} files, {size_bytes / 1e6:.1f} MB")
        cold = measure(
            f"check {size}, cold (--no-cache)", [*fflint, "check", str(root), "--no-cache", *extra], args.runs
        )
        rows.append(cold.row())
        shutil.rmtree(cache_dir, ignore_errors=True)
        warm_command = [*fflint, "check", str(root), "--cache-dir", str(cache_dir), *extra]
        rows.append(measure(f"check {size}, warm cache", warm_command, args.runs).row())
        changed = sorted(p for p in root.rglob("*.dart") if "pages" in p.parts)[:5]
        precommit = [*fflint, "check", *map(str, changed), "--no-cache", *extra]
        rows.append(measure(f"check {size}, 5 changed page files (pre-commit), cold", precommit, args.runs).row())
        with_calls = [*changed[:4], root / "lib" / "backend" / "api_requests" / "api_calls.dart"]
        precommit_calls = [*fflint, "check", *map(str, with_calls), "--no-cache", *extra]
        rows.append(measure(f"check {size}, 4 pages + api_calls.dart, cold", precommit_calls, args.runs).row())
        if size == "huge" or args.scaling:
            for jobs in (1, 2):
                scaled = measure(
                    f"check {size}, cold, --jobs {jobs}",
                    [*fflint, "check", str(root), "--no-cache", "--jobs", str(jobs), *extra],
                    args.runs,
                )
                rows.append(scaled.row())
                notes.append(f"{size} --jobs {jobs}: {size_bytes / 1e6 / statistics.median(scaled.seconds):.1f} MB/s")
        if args.detect_secrets:
            detector = shutil.which("detect-secrets")
            if detector is None:
                notes.append("detect-secrets is not installed (pip install '.[bench]')")
            else:
                peer = measure(
                    f"detect-secrets {size}",
                    [detector, "scan", "--all-files", "-n", str(root)],
                    max(1, min(args.runs, 3)),
                    cwd=root,
                    warmup=0,
                )
                rows.append(peer.row())
                ratio = statistics.median(peer.seconds) / statistics.median(cold.seconds)
                notes.append(f"{size}: detect-secrets / fflint cold = {ratio:.0f}x")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; runs per row: {args.runs}")
    print("| what | median s | min s | max s | peak RSS MB | runs | exit codes |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

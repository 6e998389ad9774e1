"""Benchmark fflint on generated exports (seeded), side by side with detect-secrets.

    python bench/bench.py                         # small + large, 5 runs each, plus the quick targets
    python bench/bench.py --sizes large huge --runs 5 --detect-secrets
    python bench/bench.py --sizes real-large --runs 3   # the shape of the largest real export we measured
    python bench/bench.py --sizes --export ~/src/app=real-app --runs 5  # an export of your own, by a label

Wall time is measured around a fresh `python -m linter` process (what a hook or CI pays); CPU time (user + system,
worker processes included) and peak RSS come from the child's rusage: on a shared machine the CPU time says what
the work costs when the wall time says how long others made it wait. Exports are generated into bench/out/
(git-ignored) by tests/support/exportgen.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from tests.support.exportgen import PRESETS  # noqa: E402

OUT = REPO_ROOT / "bench" / "out"


@dataclass
class Measure:
    label: str
    seconds: list[float]
    cpu: list[float]
    peak_rss_mb: float
    exit_codes: set[int]

    def row(self) -> str:
        median = statistics.median(self.seconds)
        return (
            f"| {self.label} | {median:.3f} | {min(self.seconds):.3f} | {max(self.seconds):.3f} | "
            f"{statistics.median(self.cpu):.3f} | {self.peak_rss_mb:.0f} | {len(self.seconds)} | "
            f"{sorted(self.exit_codes)} |"
        )


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one child process and the processes it waited for."""
    started = time.perf_counter()
    # Run outside the repository: `python -m linter` from its root would import the source tree (which parses the
    # YAML data at every start) instead of the installed package.
    process = subprocess.Popen(command, cwd=cwd or OUT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def measure(
    label: str,
    command: list[str],
    runs: int,
    cwd: Path | None = None,
    warmup: int = 1,
    before: Callable[[int], None] | None = None,
) -> Measure:
    """``before(n)``, when given, runs ahead of every run (warm-up included) outside the timing."""
    seconds, cpu, peaks, codes = [], [], [], set()
    for run in range(warmup + runs):
        if before is not None:
            before(run)
        elapsed, used, peak, code = run_once(command, cwd)
        if run >= warmup:
            seconds.append(elapsed)
            cpu.append(used)
            peaks.append(peak)
            codes.add(code)
    return Measure(label, seconds, cpu, max(peaks), codes)


class PageEdits:
    """Gives each page file a different last line before every run: warm runs where only pages changed."""

    def __init__(self, pages: list[Path]) -> None:
        self.originals = {page: page.read_bytes() for page in pages}

    def __call__(self, run: int) -> None:
        for page, original in self.originals.items():
            page.write_bytes(original + f"// bench edit {run}\n".encode())

    def restore(self) -> None:
        for page, original in self.originals.items():
            page.write_bytes(original)


def tree_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def ensure_export(size: str, seed: int) -> Path:
    target = OUT / f"{size}-{seed}"
    marker = target / ".generated"
    if not marker.exists():
        shutil.rmtree(target, ignore_errors=True)
        # In a child process: this one forks every timed run, and Linux counts the memory a child had before exec
        # in its peak RSS (100 MB of generated text would show up in every row).
        generator = [sys.executable, str(REPO_ROOT / "tests" / "support" / "exportgen.py"), size, str(target)]
        subprocess.run([*generator, "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        marker.write_text("ok\n")
    return target


def pages_and_calls(root: Path) -> tuple[list[Path], Path | None]:
    """Five page files (what a commit typically touches) and api_calls.dart."""
    dart = sorted(p for p in root.rglob("*.dart") if ".dart_tool" not in p.parts and "build" not in p.parts)
    pages = [p for p in dart if "pages" in p.parts][:5] or [p for p in dart if "lib" in p.parts][:5]
    calls = next((p for p in dart if p.name == "api_calls.dart" and "api_requests" in p.parts), None)
    return pages, calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=["small", "large"], choices=sorted(PRESETS))
    parser.add_argument(
        "--export", action="append", default=[], metavar="PATH[=LABEL]", help="also time a copy of this tree"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--detect-secrets", action="store_true", help="also time detect-secrets on each tree")
    parser.add_argument("--extra-args", default="", help="extra arguments for fflint check")
    parser.add_argument("--scaling", action="store_true", help="also time --jobs 1 and --jobs 2 on every size")
    args = parser.parse_args()

    fflint = [sys.executable, "-m", "linter"]
    rows: list[str] = []
    notes: list[str] = []
    empty = OUT / "empty-export"
    (empty / "lib").mkdir(parents=True, exist_ok=True)
    (empty / "pubspec.yaml").write_text("name: empty\n")
    rows.append(measure("fflint --version", [*fflint, "--version"], args.runs).row())
    rows.append(measure("check, empty export", [*fflint, "check", str(empty), "--no-cache"], args.runs).row())
    trees = [(size, ensure_export(size, args.seed)) for size in args.sizes]
    scratch = Path(tempfile.mkdtemp(prefix="fflint-bench-"))  # outside the repository
    try:
        for number, given in enumerate(args.export):
            path, _, label = given.partition("=")
            copy = scratch / str(number)  # the page edits below must not touch the original
            shutil.copytree(path, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
            trees.append((label or Path(path).name, copy))
        for size, root in trees:
            rows += bench_tree(size, root, fflint, args, notes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; runs per row: {args.runs}")
    print("| what | median s | min s | max s | CPU s | peak RSS MB | runs | exit codes |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    for note in notes:
        print(f"- {note}")
    return 0


def bench_tree(size: str, root: Path, fflint: list[str], args: argparse.Namespace, notes: list[str]) -> list[str]:
    """One tree: cold, warm, warm after page edits, pre-commit, --jobs scaling, detect-secrets."""
    extra = args.extra_args.split()
    rows: list[str] = []
    files, size_bytes = tree_size(root)
    notes.append(f"{size}: {files} files, {size_bytes / 1e6:.1f} MB")
    cold = measure(f"check {size}, cold (--no-cache)", [*fflint, "check", str(root), "--no-cache", *extra], args.runs)
    rows.append(cold.row())
    cache_dir = OUT / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    warm_command = [*fflint, "check", str(root), "--cache-dir", str(cache_dir), *extra]
    warm = measure(f"check {size}, warm cache", warm_command, args.runs)
    rows.append(warm.row())
    changed, calls_file = pages_and_calls(root)
    edits = PageEdits(changed)
    try:
        label = f"check {size}, warm cache, {len(changed)} page files edited"
        rows.append(measure(label, warm_command, args.runs, before=edits).row())
    finally:
        edits.restore()
    precommit = [*fflint, "check", *map(str, changed), "--no-cache", *extra]
    rows.append(measure(f"check {size}, 5 changed page files (pre-commit), cold", precommit, args.runs).row())
    if calls_file is not None:
        precommit_calls = [*fflint, "check", *map(str, [*changed[:4], calls_file]), "--no-cache", *extra]
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
            return rows
        peer = measure(
            f"detect-secrets {size}",
            [detector, "scan", "--all-files", "-n", str(root)],
            max(1, min(args.runs, 3)),
            cwd=root,
            warmup=0,
        )
        rows.append(peer.row())
        for what, ours in (("cold", cold), ("warm", warm)):
            ratio = statistics.median(peer.seconds) / statistics.median(ours.seconds)
            cpu_ratio = statistics.median(peer.cpu) / statistics.median(ours.cpu)
            notes.append(f"{size}: detect-secrets / fflint {what} = {ratio:.0f}x wall, {cpu_ratio:.0f}x CPU")
    return rows


if __name__ == "__main__":
    sys.exit(main())

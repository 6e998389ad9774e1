"""Time the whole-tree secret scan alone on a generated export and count the files that reach the full checks.

    python bench/secret_scan.py --size large --runs 5

"Full checks" means a provider's complete pattern, length, alphabet and entropy rules (`_accept`) or the
keyword-backed formats tried where a value starts (`_try_bare`, past its one-regex test of whether any of them can
match there); every other file is settled by the prefilter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.bench import ensure_export  # noqa: E402
from linter.discover import export_files  # noqa: E402
from linter.engine import read_export  # noqa: E402
from linter.model import SCANNED_KINDS  # noqa: E402
from linter.secrets import scanner  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="large", choices=["small", "large", "real-large", "huge"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    root = ensure_export(args.size, args.seed)
    export = read_export(export_files(root))
    files = [source for source in export.files if source.kind in SCANNED_KINDS and source.text]
    texts = [source.text for source in files]
    total_bytes = sum(len(text.encode("utf-8")) for text in texts)
    scanner.load_catalog()  # compile once, outside the timing

    reached: set[int] = set()
    current = [0]
    accept, try_bare = scanner._accept, scanner._try_bare

    def counting_accept(*arguments, **keywords):
        reached.add(current[0])
        return accept(*arguments, **keywords)

    def counting_try_bare(catalog, text, start, *arguments, **keywords):
        if catalog.bare_any is None or catalog.bare_any.match(text, start):  # else settled by one regex call
            reached.add(current[0])
        return try_bare(catalog, text, start, *arguments, **keywords)

    scanner._accept, scanner._try_bare = counting_accept, counting_try_bare
    for index, text in enumerate(texts):
        current[0] = index
        scanner._scan(text, bindings=files[index].syntax)
    scanner._accept, scanner._try_bare = accept, try_bare

    timings, matches = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        matches = sum(len(scanner._scan(source.text, bindings=source.syntax)) for source in files)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"{args.size}: {len(texts)} text files, {total_bytes / 1e6:.1f} MB, {matches} secrets found")
    print(
        f"scan median {median:.3f} s (min {min(timings):.3f}, max {max(timings):.3f}), "
        f"{total_bytes / 1e6 / median:.0f} MB/s, one process"
    )
    print(f"files reaching the full checks: {len(reached)} of {len(texts)} ({100 * len(reached) / len(texts):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

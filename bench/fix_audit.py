"""Run `fflint check --fix` on copies of real exports and audit what it changed (docs/fixes.md).

    python bench/fix_audit.py /path/to/corpus [--unsafe-fixes] [--keep DIR]

Each folder directly under the corpus is one repository; it is copied to a temporary folder, fixed there, and
checked: every changed run of text obeys the safe-fix contract, every definition file that tokenized before still
tokenizes, every call sends what it sent before (modulo the contract), and a second run changes nothing. Prints
one line per repository with changes or problems, then totals. The corpus itself is never written.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fix_audit import (  # noqa: E402
    contract_violations,
    request_signatures,
    snapshot,
    tokenize_problems,
)


def _fix(root: Path, unsafe: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "linter", "check", str(root), "--fix", "--no-cache", "--exit-zero"]
    if unsafe:
        command.append("--unsafe-fixes")
    return subprocess.run(command, capture_output=True, text=True, check=False)


def audit(repository: Path, unsafe: bool, keep: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / repository.name
        shutil.copytree(repository, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "node_modules"))
        before = snapshot(copy)
        broken = {problem.split(": ")[0] for problem in tokenize_problems(before)}
        requests = request_signatures(copy)
        first = _fix(copy, unsafe)
        after = snapshot(copy)
        second = _fix(copy, unsafe)
        report = {
            "repository": repository.name,
            "exit": first.returncode,
            "files_changed": sum(1 for path in after if before.get(path) != after[path]),
            "applied": [line.removeprefix("fflint: ") for line in first.stderr.splitlines() if ": applied " in line],
            "fixes": sum(
                int(line.split("applied ")[1].split()[0]) for line in first.stderr.splitlines() if "applied" in line
            ),
            "contract": [] if unsafe else contract_violations(before, after),
            "tokenize": [p for p in tokenize_problems(after) if p.split(": ")[0] not in broken],
            "requests_changed": [] if unsafe else _changed(requests, request_signatures(copy)),
            "second_run_changed": snapshot(copy) != after or second.returncode not in (0, 1),
            "internal_errors": [line for line in first.stderr.splitlines() if "internal error" in line],
        }
        if keep is not None and report["files_changed"]:
            shutil.copytree(copy, keep / repository.name, dirs_exist_ok=True)
        return report


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--unsafe-fixes", action="store_true")
    parser.add_argument("--keep", type=Path, help="copy fixed repositories here for reading")
    args = parser.parse_args()
    repositories = sorted(path for path in args.corpus.iterdir() if path.is_dir() and not path.name.startswith("."))
    totals = {"repositories": 0, "changed": 0, "fixes": 0, "files": 0, "problems": 0}
    for repository in repositories:
        report = audit(repository, args.unsafe_fixes, args.keep)
        totals["repositories"] += 1
        problems = (
            report["contract"]
            + report["tokenize"]
            + report["requests_changed"]
            + report["internal_errors"]
            + (["second run changed files"] if report["second_run_changed"] else [])
        )
        totals["problems"] += len(problems)
        if report["files_changed"] or problems:
            totals["changed"] += 1 if report["files_changed"] else 0
            totals["fixes"] += report["fixes"]
            totals["files"] += report["files_changed"]
            print(f"{report['repository']}: {report['fixes']} fixes in {report['files_changed']} files")
            for line in report["applied"]:
                print(f"    {line}")
            for problem in problems:
                print(f"    PROBLEM {problem}")
    print(
        f"{totals['repositories']} repositories, {totals['changed']} changed, {totals['fixes']} fixes in "
        f"{totals['files']} files, {totals['problems']} problems"
    )
    return 1 if totals["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())

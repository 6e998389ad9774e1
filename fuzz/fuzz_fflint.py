"""Fuzz every extractor and the whole CLI with seeded byte mutations of the fixture exports (fuzz/mutate.py).

    python fuzz/fuzz_fflint.py --inputs 100000 --minutes 20 --target dart   # extraction only, fast
    python fuzz/fuzz_fflint.py --level engine --inputs 5000                 # every target through lint()
    python fuzz/fuzz_fflint.py --target cli --inputs 5000                   # the click CLI, varied options
    python fuzz/fuzz_fflint.py --hypothesis --inputs 2000                   # the properties in fuzz/properties.py

Each input is a fixture export with one definition file mutated. Nothing may raise; every parse error and span must
be located inside its file; input a reference parser rejects must be reported (fuzz/harness.py). --minutes bounds
each target's time. Failing and slow inputs are written to fuzz/crashes/ for replay (--replay FILE).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
from harness import TARGETS, Outcome, Subject, cli_args, run_cli  # noqa: E402
from mutate import mutate  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
SLOW_SECONDS = 2.0  # one small file taking this long means super-linear work somewhere


def _record(crashes: Path, stem: str, data: bytes, text: str) -> None:
    crashes.mkdir(parents=True, exist_ok=True)
    (crashes / f"{stem}.bin").write_bytes(data)
    (crashes / f"{stem}.txt").write_text(text)


def run_target(
    name: str,
    inputs: int,
    seed: int,
    crashes: Path,
    *,
    level: str = "extract",
    minutes: float | None = None,
    progress: bool = False,
) -> Outcome:
    """Mutate one target's file ``inputs`` times (or until ``minutes`` pass); ``name`` "cli" cycles all targets."""
    rng = random.Random(f"{seed}:{name}:{level}")
    outcome = Outcome()
    started = time.perf_counter()
    deadline = started + minutes * 60 if minutes else None
    with tempfile.TemporaryDirectory(prefix="fflint-fuzz-") as scratch:
        names = sorted(TARGETS) if name == "cli" else [name]
        subjects = [Subject(each, Path(scratch)) for each in names]
        for index in range(inputs):
            if deadline is not None and time.perf_counter() > deadline:
                break
            subject = rng.choice(subjects)
            data = mutate(rng, subject.original)
            began = time.perf_counter()
            if name == "cli":
                subject.path.write_bytes(data)
                args = cli_args(rng, subject.root)
                failure, reported = run_cli(args), False
                if "--fix" in args:
                    subject.restore()
            else:
                reported, failure = subject.extract(data) if level == "extract" else subject.engine(data)
            took = time.perf_counter() - began
            outcome.inputs += 1
            outcome.parse_errors += reported
            outcome.slowest = max(outcome.slowest, took)
            stem = f"{name}-{level}-{seed}-{index}"
            if failure is not None:
                outcome.failures += 1
                outcome.failure_texts.append(failure)
                _record(crashes, stem, data, f"target {subject.name}\n{failure}")
            if took > SLOW_SECONDS:
                outcome.slow += 1
                _record(crashes, f"slow-{stem}", data, f"target {subject.name}: {took:.1f} s")
            if progress and (index + 1) % 10_000 == 0:
                print(f"  {name}: {index + 1} inputs, {outcome.failures} failures", flush=True)
    outcome.seconds = time.perf_counter() - started
    return outcome


def replay(name: str, path: Path, level: str) -> int:
    with tempfile.TemporaryDirectory(prefix="fflint-replay-") as scratch:
        subject = Subject(name, Path(scratch))
        data = path.read_bytes()
        reported, failure = subject.extract(data) if level == "extract" else subject.engine(data)
    print(f"parse error reported: {reported}\n{failure or 'no failure'}")
    return 1 if failure else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", action="append", help=f"one of {', '.join(TARGETS)}, cli (default: all)")
    parser.add_argument("--level", choices=["extract", "engine"], default="extract")
    parser.add_argument("--inputs", type=int, default=1000, help="inputs per target (an upper bound with --minutes)")
    parser.add_argument("--minutes", type=float, help="time budget per target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--crashes", type=Path, default=REPO_ROOT / "fuzz" / "crashes")
    parser.add_argument("--hypothesis", action="store_true", help="run the hypothesis properties instead")
    parser.add_argument("--replay", type=Path, help="run one saved input of --target through --level")
    args = parser.parse_args()
    from properties import PROPERTY_NAMES, run_properties

    known = PROPERTY_NAMES if args.hypothesis else [*TARGETS, "cli"]
    if unknown := set(args.target or ()) - set(known):
        parser.error(f"unknown target {', '.join(sorted(unknown))}; choose from {', '.join(known)}")
    if args.replay:
        return replay(args.target[0], args.replay, args.level)
    if args.hypothesis:
        return run_properties(args.inputs, args.seed, args.target, minutes=args.minutes)
    total_failures = 0
    for name in args.target or sorted(TARGETS):
        outcome = run_target(
            name, args.inputs, args.seed, args.crashes, level=args.level, minutes=args.minutes, progress=True
        )
        total_failures += outcome.failures
        print(
            f"{name:18} level={args.level} inputs={outcome.inputs} parse-errors={outcome.parse_errors} "
            f"uncaught={outcome.failures} slow={outcome.slow} slowest={outcome.slowest * 1000:.0f} ms "
            f"({outcome.seconds:.1f} s)",
            flush=True,
        )
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())

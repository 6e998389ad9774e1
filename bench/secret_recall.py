"""Recall and false-positive rate of fflint's secret detection, with detect-secrets on the same data.

    python bench/secret_recall.py --corpus /path/to/exports --labels /path/to/labels [--detect-secrets]
    python bench/secret_recall.py --docs /path/to/provider_formats.yaml   # the examples providers publish
    python bench/secret_recall.py --generated            # the generator's samples: a unit test, not evidence

Independent data: a folder of real repositories (one folder each) and, beside it, labels written by reading them
(never by running a scanner): ``secrets.jsonl`` (one line per credential occurrence: repo, path, line, col, length,
family, exposure, context) and ``negatives.jsonl`` (strings a scanner might flag that are not credentials). Neither
the repositories nor the labels belong in this repository; the labels hold positions and hashes, never values.

A label counts as found when a finding that carries a secret (or an S rule's finding) overlaps it; a negative
counts as a false positive likewise. detect-secrets reports lines, so it is judged by line, and fflint is shown both
ways.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Label:
    repo: str
    path: str
    line: int
    col: int
    length: int
    family: str
    exposure: str  # secret | test | public | documented-example | none (a negative)
    context: str
    value_id: str


@dataclass
class Tally:
    total: int = 0
    span: int = 0  # found by a finding overlapping the span
    line: int = 0  # found by a finding on the same line

    def add(self, span: bool, line: bool) -> None:
        self.total += 1
        self.span += span
        self.line += line


@dataclass
class Report:
    by_group: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missed: list[Label] = field(default_factory=list)
    flagged_negatives: list[Label] = field(default_factory=list)
    unlabeled: Counter = field(default_factory=Counter)


def load_labels(folder: Path) -> tuple[list[Label], list[Label]]:
    def read(name: str, negative: bool) -> list[Label]:
        labels = []
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            exposure = "none" if negative else raw["exposure"]
            labels.append(
                Label(
                    raw["repo"],
                    raw["path"],
                    raw["line"],
                    raw["col"],
                    raw["length"],
                    raw.get("family", "none"),
                    exposure,
                    raw.get("context", ""),
                    raw.get("value_id", ""),
                )
            )
        return labels

    return read("secrets.jsonl", False), read("negatives.jsonl", True)


def _overlaps(label: Label, spans: list[tuple[int, int, int, int]]) -> tuple[bool, bool]:
    """(a span overlaps the label's characters, a span touches the label's line)."""
    start, end = label.col, label.col + label.length
    span_hit = line_hit = False
    for line, col, end_line, end_col in spans:
        if line <= label.line <= end_line:
            line_hit = True
            first = col if line == label.line else 1
            last = end_col if end_line == label.line else 10**9
            span_hit = span_hit or (first < end and start < max(last, first + 1))
    return span_hit, line_hit


def fflint_findings(repo: Path) -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """(rule, path relative to the repository, span) of every place of every finding of fflint that carries a
    secret (a secret found in several places is one finding listing the others)."""
    from linter.engine import LintOptions, lint

    result = lint([repo], LintOptions(now=time.time()))
    found = []
    for finding in [*result.findings, *result.hidden]:
        if finding.secret is None and not finding.code.startswith("S"):
            continue
        for span in (finding.span, *finding.related):
            path = str(Path(span.path).resolve().relative_to(repo.resolve()))
            found.append((finding.code, path, (span.line, span.col, span.end_line, span.end_col)))
    return found


def precision(labels: list[Label], negatives: list[Label], findings_of) -> Counter:
    """Each finding judged against the labels: on a credential (right), on a negative (wrong), or on neither
    (unjudged: a label the reader missed, or a false positive; read them)."""
    by_place: dict[tuple[str, str], list[Label]] = defaultdict(list)
    for label in [*labels, *negatives]:
        by_place[(label.repo, label.path)].append(label)
    verdicts: Counter = Counter()
    for repo in sorted({label.repo for label in labels} | {label.repo for label in negatives}):
        for code, path, span in findings_of(repo):
            hits = [label for label in by_place[(repo, path)] if _overlaps(label, [span])[0]]
            verdict = "right" if any(h.exposure != "none" for h in hits) else "wrong" if hits else "unjudged"
            verdicts[(code, verdict)] += 1
            if verdict == "unjudged":
                verdicts[("unjudged at", f"{repo}/{path}:{span[0]}")] += 1
    return verdicts


def detect_secrets_lines(repo: Path, paths: set[str]) -> dict[str, list[tuple[int, int, int, int]]]:
    """detect-secrets (default plugins and filters) over the labelled files of one repository, as whole lines."""
    existing = sorted(path for path in paths if (repo / path).is_file())
    if not existing:
        return {}
    with tempfile.TemporaryDirectory():
        result = subprocess.run(
            [sys.executable, "-m", "detect_secrets", "scan", *existing],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
    found: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for path, secrets in json.loads(result.stdout or "{}").get("results", {}).items():
        for secret in secrets:
            found[path].append((secret["line_number"], 1, secret["line_number"], 10**9))
    return found


def judge(labels: list[Label], negatives: list[Label], spans_of, name: str) -> Report:
    report = Report()
    by_repo: dict[str, list[Label]] = defaultdict(list)
    for label in [*labels, *negatives]:
        by_repo[label.repo].append(label)
    for repo, items in sorted(by_repo.items()):
        spans = spans_of(repo, {item.path for item in items})
        for label in items:
            span_hit, line_hit = _overlaps(label, spans.get(label.path, []))
            hit = span_hit if name == "fflint" else line_hit
            if label.exposure == "none":
                report.by_group["negatives"].add(span_hit, line_hit)
                if hit:
                    report.flagged_negatives.append(label)
                continue
            group = "credentials (secret, test)" if label.exposure in ("secret", "test") else "public-by-design keys"
            report.by_group[group].add(span_hit, line_hit)
            report.by_group[f"  {label.family}"].add(span_hit, line_hit)
            report.by_group[f"  context {label.context}"].add(span_hit, line_hit)
            if not hit:
                report.missed.append(label)
    return report


def print_report(name: str, report: Report, seconds: float) -> None:
    print(f"\n== {name} ({seconds:.1f} s)")
    print(f"{'group':40} {'n':>5} {'span':>7} {'line':>7}")
    order = sorted(report.by_group, key=lambda key: (key.startswith("  "), -report.by_group[key].total, key))
    for key in order:
        tally = report.by_group[key]
        if key.startswith("  ") and tally.total < 3:
            continue
        span = f"{tally.span / tally.total:.1%}" if tally.total else "-"
        line = f"{tally.line / tally.total:.1%}" if tally.total else "-"
        print(f"{key:40} {tally.total:5} {span:>7} {line:>7}")


def corpus(args) -> None:
    labels, negatives = load_labels(args.labels)
    started = time.perf_counter()
    cache: dict[str, dict] = {}

    def findings(repo: str):
        if repo not in cache:
            cache[repo] = fflint_findings(args.corpus / repo)
        return cache[repo]

    def ours(repo: str, _paths: set[str]):
        spans: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
        for _, path, span in findings(repo):
            spans[path].append(span)
        return spans

    report = judge(labels, negatives, ours, "fflint")
    print_report(
        "fflint (span = a finding covers the credential's characters; line = on its line)",
        report,
        time.perf_counter() - started,
    )
    verdicts = precision(labels, negatives, findings)
    by_verdict = Counter()
    for (code, verdict), count in verdicts.items():
        if code != "unjudged at":
            by_verdict[verdict] += count
    print(f"findings carrying a secret: {dict(by_verdict)} (right: on a labelled credential)")
    if args.show:
        for (code, place), _count in sorted(verdicts.items()):
            if code == "unjudged at":
                print(f"  unjudged {place}")
        for label in report.missed[: args.show]:
            where = f"{label.repo}/{label.path}:{label.line}"
            print(f"  missed {label.exposure:8} {label.family:28} {label.context:16} {where}")
        for label in report.flagged_negatives[: args.show]:
            print(f"  false positive {label.family:20} {label.repo}/{label.path}:{label.line}")
    if args.detect_secrets:
        started = time.perf_counter()
        theirs = judge(labels, negatives, lambda repo, paths: detect_secrets_lines(args.corpus / repo, paths), "ds")
        print_report("detect-secrets (by line)", theirs, time.perf_counter() - started)


def generated(args) -> None:
    from tests.support.secretgen import evaluate, generate_samples

    tallies, _ = evaluate(generate_samples(args.seed))
    positives = sum(t.positives for t in tallies.values())
    detected = sum(t.detected for t in tallies.values())
    near = sum(t.near_misses for t in tallies.values())
    wrong = sum(t.false_positives for t in tallies.values())
    print(
        f"generated samples (a unit test, not evidence): recall {detected / positives:.1%} of {positives}, "
        f"near misses reported wrongly {wrong / near:.1%} of {near}"
    )


# Where a documented example is placed: a name that says nothing, and the places apps really put keys.
_DOCS_CONTEXTS = {
    "neutral variable": "final value = '{value}';\n",
    "auth header": "headers: {{'Authorization': 'Bearer {value}'}}",
    ".env entry": "SERVICE_KEY={value}\n",
}


def documented_examples(path: Path) -> None:
    """The values providers publish in their docs (collected, with their sources, in a YAML list of families with
    ``id`` and ``documented_examples``), each placed in a few contexts: is each one reported at all?"""
    from ruamel.yaml import YAML

    from linter.secrets import scan_text

    families = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    found: Counter = Counter()
    total = 0
    missed: set[str] = set()
    for family in families:
        for value in family.get("documented_examples") or ():
            total += 1
            for context, template in _DOCS_CONTEXTS.items():
                text = template.format(value=value)
                syntax = "config" if context == ".env entry" else "code"
                if any(m.start <= text.index(value) < m.end for m in scan_text(text, syntax)):
                    found[context] += 1
                else:
                    missed.add(family["id"])
    print(f"\n== documented examples: {total} values from {path.name}")
    for context in _DOCS_CONTEXTS:
        print(f"  {context:20} {found[context] / total:6.1%}")
    print(f"  families with a miss: {', '.join(sorted(missed)) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of repositories, one folder each")
    parser.add_argument("--labels", type=Path, help="folder with secrets.jsonl and negatives.jsonl")
    parser.add_argument("--detect-secrets", action="store_true", help="run detect-secrets on the same files")
    parser.add_argument("--show", type=int, default=0, help="list this many misses and false positives")
    parser.add_argument("--generated", action="store_true", help="also the generator's samples")
    parser.add_argument("--docs", type=Path, help="YAML list of families with the examples their docs publish")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    if args.corpus and args.labels:
        corpus(args)
    if args.docs:
        documented_examples(args.docs)
    if args.generated or not ((args.corpus and args.labels) or args.docs):
        generated(args)


if __name__ == "__main__":
    main()

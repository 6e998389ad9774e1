"""How much of a report is signal: findings per rule, distinct causes per rule, and the share of repeats.

    python bench/precision.py /path/to/exports [--top 10] [--json out.json]

Each folder directly under the given one is linted as a user would (every rule, default options, no config file,
no cache). A finding's cause is judged here, independently of how fflint groups findings: a secret is its value's
fingerprint; any other finding is its rule, the text it points at, and its message with quoted names (calls,
groups, variables) blanked out. A cause reported more than once in one export is a repeat; a grouped finding that
lists its other places counts once. Run it on real exports you keep outside the repository, before and after a change.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.engine import LintOptions, LintResult, lint  # noqa: E402
from linter.findings import Finding  # noqa: E402

_QUOTED = re.compile(r"'[^']*'")


def cause_of(finding: Finding, texts: dict[str, str]) -> tuple[str, ...]:
    if finding.secret is not None:
        return ("secret", finding.secret.fingerprint)
    text = texts.get(finding.span.path, "")
    pointed = text[finding.span.start : finding.span.end] if text else ""
    return (finding.code, pointed, _QUOTED.sub("'…'", finding.message))


def measure(repository: Path) -> tuple[list[Finding], dict[str, str], LintResult]:
    result = lint([repository], LintOptions())
    texts = {source.relpath: source.text or "" for source in result.source_files().values()}
    return result.findings, texts, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of exports, one folder each")
    parser.add_argument("--top", type=int, default=10, help="show the causes repeated most")
    parser.add_argument("--json", type=Path, help="write the per-rule numbers here")
    args = parser.parse_args()

    findings_by_rule: Counter[str] = Counter()
    causes_by_rule: dict[str, set] = defaultdict(set)
    places_by_rule: Counter[str] = Counter()
    repeats: Counter[tuple] = Counter()
    severities: Counter[tuple[str, str]] = Counter()
    repositories = sorted(path for path in args.folder.iterdir() if path.is_dir())
    for repository in repositories:
        findings, texts, _ = measure(repository)
        for finding in findings:
            cause = (repository.name, *cause_of(finding, texts))
            findings_by_rule[finding.code] += 1
            places_by_rule[finding.code] += 1 + len(finding.related)
            causes_by_rule[finding.code].add(cause)
            repeats[cause] += 1
            severities[(finding.code, finding.severity)] += 1

    total = sum(findings_by_rule.values())
    distinct = len(repeats)
    print(f"{len(repositories)} repositories, {total} findings, {distinct} distinct causes ", end="")
    print(f"({distinct / total:.0%} of findings)" if total else "")
    print(f"{'rule':6} {'findings':>9} {'causes':>7} {'places':>7} {'repeats':>8}  severities")
    rows = {}
    for code in sorted(findings_by_rule):
        count, causes = findings_by_rule[code], len(causes_by_rule[code])
        shown = ", ".join(f"{severity} {n}" for (rule, severity), n in sorted(severities.items()) if rule == code)
        print(f"{code:6} {count:9} {causes:7} {places_by_rule[code]:7} {1 - causes / count:8.0%}  {shown}")
        rows[code] = {"findings": count, "causes": causes, "places": places_by_rule[code]}
    repeated = [(cause, n) for cause, n in repeats.most_common(args.top) if n > 1]
    if repeated:
        print("most repeated causes (repository, rule or 'secret', …):")
        for cause, count in repeated:
            print(f"  {count:4}x {cause[0]} {cause[1]}")
    secret_findings = sum(n for cause, n in repeats.items() if cause[1] == "secret")
    secret_causes = sum(1 for cause in repeats if cause[1] == "secret")
    if secret_causes:
        print(f"findings per distinct secret: {secret_findings / secret_causes:.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

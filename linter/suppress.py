"""What is not reported: config excludes, per-file ignores and severity overrides, inline suppressions
(``linter.directives``) and the baseline. Rules F001 and F002, about the suppression comments themselves, are checks
of the suppress stage (``linter.checks.suppressions``)."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from linter.baseline import Baseline, BaselineKey
from linter.causes import group_causes
from linter.directives import directives
from linter.findings import Finding
from linter.model import Export
from linter.rules import all_rules


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like: ``*`` stays within a folder, ``**`` crosses folders, a pattern without ``/`` matches names."""
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    parts, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    body = "".join(parts)
    return re.compile(body + "(?:/.*)?" if anchored else f"(?:.*/)?{body}(?:/.*)?", re.DOTALL)


def glob_match(pattern: str, candidates: tuple[str, ...]) -> bool:
    regex = _glob_regex(pattern.lstrip("/"))
    return any(regex.fullmatch(candidate) for candidate in candidates)


def _relative(path: Path, folder: Path) -> str | None:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return None


@dataclass
class Policy:
    """Config-driven filtering; globs are matched against paths relative to ``root`` and to the export root."""

    root: Path = field(default_factory=Path.cwd)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    baseline: Baseline | None = None


def _candidates(finding: Finding, roots: list[Path], policy_root: Path) -> tuple[str, ...]:
    absolute = Path(os.path.abspath(finding.span.path))
    found = [_relative(absolute, policy_root.absolute())]
    found += [_relative(absolute, root) for root in roots]
    return tuple(dict.fromkeys(path for path in found if path))


@dataclass
class PolicyOutcome:
    kept: list[Finding]
    hidden: list[Finding]  # suppressed inline or by the baseline
    suppressed: int
    baselined: int
    stale: list[BaselineKey]  # baseline entries that matched nothing


def apply_policy(
    findings: list[Finding], exports: list[Export], policy: Policy, codes: set[str] | None
) -> PolicyOutcome:
    """Drop excluded and ignored findings, apply severity overrides, hide the ones suppressed inline, report each
    cause once (linter/causes.py), then hide the baselined ones."""
    roots = sorted((export.root for export in exports), key=lambda root: len(root.parts), reverse=True)
    file_directives = {
        file.relpath: found for export in exports for file in export.files if (found := directives(file))
    }
    kept: list[Finding] = []
    hidden: list[Finding] = []
    suppressed = baselined = 0
    stale: list[BaselineKey] = []
    for finding in findings:
        if policy.exclude or policy.per_file_ignores:
            candidates = _candidates(finding, roots, policy.root)
            if any(glob_match(glob, candidates) for glob in policy.exclude):
                continue
            if any(finding.code in codes and glob_match(glob, candidates) for glob, codes in policy.per_file_ignores):
                continue
        if finding.code in policy.severity:
            finding.severity = policy.severity[finding.code]
        if any(directive.covers(finding) for directive in file_directives.get(finding.span.path, ())):
            hidden.append(finding)
            suppressed += 1
            continue
        kept.append(finding)
    kept = group_causes(kept, exports)  # after the per-place filters, so a place ignored inline is not listed
    if policy.baseline is not None:
        kept, accepted, unused = policy.baseline.split(kept)
        hidden += accepted
        baselined = len(accepted)
        stale = _stale(unused, exports, codes, policy.baseline)
    return PolicyOutcome(kept, hidden, suppressed, baselined, stale)


def _stale(
    unused: Counter[BaselineKey], exports: list[Export], codes: set[str] | None, baseline: Baseline
) -> list[BaselineKey]:
    """Unused entries for rules that ran, on files that were linted (others may still match another run)."""
    linted = {_relative_to_baseline(file.path, baseline) for export in exports for file in export.files}
    active = codes if codes is not None else set(all_rules())
    return sorted(key for key in unused if key.code in active and key.path in linted)


def _relative_to_baseline(path: Path, baseline: Baseline) -> str:
    try:
        return Path(os.path.relpath(path, baseline.folder)).as_posix()
    except ValueError:
        return path.as_posix()

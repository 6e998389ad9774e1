"""One cause, one finding: findings of one export that share a cause become one finding listing its other places.

A cause is the same secret value (whichever secret rule reports it, wherever it sits), or the same defect copied:
one rule, the same offending text, and the same message once the names of calls and groups are left out (the
2024+ generator copies a group's headers into every call; users duplicate calls). The finding is shown at the
cause's first place among its most severe, then most prominent ones (a secret shipped in the app before its copy in
server code or a note): a group's header map comes before the calls that copy it, an environment value before its
uses. Its fix, when every place has one, edits every place; otherwise it has none,
so that ``--fix`` changes every place of a cause or none. Its ``content_key`` (what baselines and SARIF and GitLab
fingerprints are made of) is the cause's, whichever place comes first: the engine sets it while the model is at
hand, and the run cache keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.findings import SEVERITY_RANK, Finding, Fix, content_key
from linter.model import Export
from linter.rules import all_rules

_LINE_NUMBER = re.compile(r"\bline \d+")


def _names_pattern(export: Export) -> re.Pattern[str] | None:
    names = {call.name for call in export.calls} | {group.name for group in export.groups}
    names |= {f"{name[:1].upper()}{name[1:]}Call" for name in names}  # the class FlutterFlow generates for a call
    names.discard("")
    if not names:
        return None
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(f"'(?:{alternatives})'")


def cause_of(finding: Finding, text: str, names: re.Pattern[str] | None) -> tuple[str, ...]:
    """What makes two findings of one export the same cause."""
    if finding.secret is not None and finding.code.startswith("S"):
        return ("secret", finding.secret.fingerprint)
    message = names.sub("'…'", finding.message) if names is not None else finding.message
    message = _LINE_NUMBER.sub("line …", message)  # "again on line 181": where, not what
    pointed = text[finding.span.start : finding.span.end]
    if finding.secret is not None:
        pointed = finding.secret.fingerprint
    if all_rules()[finding.code].cause == "file":
        return (finding.code, finding.span.path, pointed, message)
    return (finding.code, pointed, message)


def _merged_fix(findings: list[Finding]) -> Fix | None:
    fixes = [finding.fix for finding in findings]
    if any(fix is None for fix in fixes):
        return None
    first = fixes[0]
    assert first is not None
    kinds = {fix.kind for fix in fixes if fix is not None}
    kind = kinds.pop() if len(kinds) == 1 else None  # mixed kinds: each is safe, but say so only for one kind
    edits = tuple(edit for fix in fixes if fix is not None for edit in fix.edits)
    return Fix(first.description, edits, kind)


def assign_causes(findings: Iterable[Finding], export: Export) -> None:
    """Set every finding's ``content_key`` to its cause's (while the model, which names calls and groups, is here)."""
    texts = {file.relpath: file.text or "" for file in export.files}
    names = _names_pattern(export)
    for finding in findings:
        finding.content_key = content_key(*cause_of(finding, texts.get(finding.span.path, ""), names))


def group_causes(findings: Iterable[Finding], exports: list[Export]) -> list[Finding]:
    """``findings`` with every cause of an export reported once: at its first most severe place, with the others in
    ``related``. Causes come from ``assign_causes``."""
    export_of = {file.relpath: index for index, export in enumerate(exports) for file in export.files}
    causes: dict[tuple[int, str], list[Finding]] = {}
    for finding in findings:
        causes.setdefault((export_of.get(finding.span.path, -1), finding.content_key), []).append(finding)
    grouped = []
    for places in causes.values():
        unique = {(place.span.path, place.span.start, place.span.end): place for place in reversed(places)}
        places = list(unique.values())  # one place reached through several calls (a spread group header) is one
        if len(places) == 1:
            grouped.append(places[0])
            continue
        places.sort(key=lambda finding: (-SEVERITY_RANK[finding.severity], -finding.prominence, finding.sort_key()))
        primary = places[0]
        others = [span for other in places[1:] for span in (other.span, *other.related)]
        primary.related = sorted([*primary.related, *others], key=lambda span: (span.path, span.start))
        primary.fix = _merged_fix(places)
        grouped.append(primary)
    return _one_per_position(grouped)


def _one_per_position(findings: list[Finding]) -> list[Finding]:
    """Never two findings of one rule at one line and column: the most severe one stays (a rule that finds two
    problems at one spot says the worse; the other is found again once that is fixed)."""
    kept: dict[tuple[str, str, int, int], Finding] = {}
    for finding in sorted(findings, key=lambda finding: (-SEVERITY_RANK[finding.severity], finding.sort_key())):
        position = (finding.code, finding.span.path, finding.span.line, finding.span.col)
        if position not in kept:
            kept[position] = finding
    return sorted(kept.values(), key=Finding.sort_key)

"""Plain text: ``path:line:col: CODE [severity] message``, a code frame, hints, and a closing summary line."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from linter.findings import Finding
from linter.report.frame import render_frame, secret_ranges
from linter.report.locations import more_places, place_lines

if TYPE_CHECKING:
    from linter.engine import LintResult

_SEVERITY_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def headline(finding: Finding, *, color: bool = False) -> str:
    span = finding.span
    severity = f"[{finding.severity}]"
    code = finding.code
    if color:
        severity = f"{_SEVERITY_COLOR[finding.severity]}{severity}{_RESET}"
        code = f"{_BOLD}{code}{_RESET}"
    return f"{span.path}:{span.line}:{span.col}: {code} {severity} {finding.message}"


def format_finding(finding: Finding, frame: str = "", *, color: bool = False, all_places: bool = False) -> str:
    lines = [headline(finding, color=color)]
    if frame:
        lines.append(frame)
    if finding.related:
        places, rest = place_lines(finding, limit=None if all_places else 3)
        lines += [f"    also at: {place}" for place in places]
        if rest:
            lines.append(f"    and {rest} more place{'s' if rest != 1 else ''} (--all-places lists them)")
    if finding.secret is not None:
        lines.append(f"    secret: {finding.secret.preview}, fingerprint {finding.secret.fingerprint}")
    if finding.fix is not None:
        how = "--fix" if finding.fix.safe else "--fix --unsafe-fixes"
        lines.append(f"    fix ({how}): {finding.fix.description}")
    if finding.hint:
        lines.append(f"    hint: {finding.hint}")
    return "\n".join(lines)


def summary(result: LintResult) -> str:
    findings = result.findings
    calls = sum(export.call_count for export in result.exports)
    exports = result.export_count
    hidden = []
    if result.suppressed:
        hidden.append(f"{result.suppressed} suppressed inline")
    if result.baselined:
        hidden.append(f"{result.baselined} in the baseline")
    hidden_note = f" ({', '.join(hidden)})" if hidden else ""
    checked = f"{_plural(calls, 'API call')} in {_plural(exports, 'export')}"
    if result.loose_file_count:
        checked += f", {_plural(result.loose_file_count, 'other file')} for secrets"
    if not exports:  # never "all checks passed" when only the secret scan ran, or nothing at all
        checked = f"no FlutterFlow export found; {_plural(result.loose_file_count, 'file')} checked for secrets only"
        if not findings:
            return f"{checked[0].upper()}{checked[1:]}, no secrets{hidden_note}."
    else:
        checked += " checked"
    if not findings:
        return f"All checks passed: {checked}, no problems{hidden_note}."
    counts = Counter(finding.severity for finding in findings)
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
        if counts[s]
    ]
    files = len({finding.span.path for finding in findings})
    fixable = sum(1 for finding in findings if finding.fix is not None and finding.fix.safe)
    line = f"Found {_plural(len(findings), 'problem')} ({', '.join(parts)}) in {_plural(files, 'file')}"
    line += f" ({checked}){hidden_note}."
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line


def frames(result: LintResult, *, color: bool = False) -> dict[int, str]:
    """The code frame of each finding (by index), with every secret in the file masked."""
    from linter.report.redaction import secret_spans

    files = result.source_files()
    known = secret_spans(result) if result.findings else {}
    masks: dict[str, list[tuple[int, int]]] = {}
    lines_by_file: dict[str, dict[int, tuple[str, list[int]]]] = {}
    shown = {}
    for index, finding in enumerate(result.findings):
        source = files.get(finding.span.path)
        if source is None or not source.text:
            continue
        if source.relpath not in masks:
            masks[source.relpath] = secret_ranges(known.get(source.relpath, ()))
            lines_by_file[source.relpath] = {}
        shown[index] = render_frame(
            source, finding.span, masks[source.relpath], color=color, shown_lines=lines_by_file[source.relpath]
        )
    return shown


def statistics(result: LintResult) -> str:
    """Count per rule, then the baseline entries that no longer match anything."""
    counts = Counter((finding.code, finding.name, finding.severity) for finding in result.findings)
    lines = [f"{count:>5}  {code}  {name} [{severity}]" for (code, name, severity), count in sorted(counts.items())]
    lines.append(f"{len(result.findings):>5}  total")
    if result.stale:
        lines.append(
            f"{len(result.stale)} stale baseline entr{'ies' if len(result.stale) != 1 else 'y'} (fixed since):"
        )
        lines += [f"       {key.code}  {key.path}  {key.fingerprint}" for key in result.stale]
    return "\n".join(lines) + "\n"


def render(result: LintResult, *, color: bool = False, quiet: bool = False, all_places: bool = False) -> str:
    if quiet:
        return "".join(headline(finding, color=color) + more_places(finding) + "\n" for finding in result.findings)
    shown = frames(result, color=color)
    blocks = [
        format_finding(finding, shown.get(index, ""), color=color, all_places=all_places)
        for index, finding in enumerate(result.findings)
    ]
    blocks.append(summary(result))
    return "\n".join(blocks) + "\n"

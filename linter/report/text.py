"""Plain text: ``path:line:col: CODE [severity] message`` and a closing summary line."""

from __future__ import annotations

from collections import Counter

from linter.findings import Finding


def format_finding(finding: Finding) -> str:
    span = finding.span
    lines = [f"{span.path}:{span.line}:{span.col}: {finding.code} [{finding.severity}] {finding.message}"]
    if finding.secret is not None:
        lines.append(f"    secret: {finding.secret.preview}, fingerprint {finding.secret.fingerprint}")
    if finding.hint:
        lines.append(f"    hint: {finding.hint}")
    return "\n".join(lines)


def summary(findings: list[Finding], calls: int, exports: int) -> str:
    if not findings:
        return f"All checks passed: {calls} API calls in {exports} export{'s' if exports != 1 else ''}, no problems."
    counts = Counter(finding.severity for finding in findings)
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
        if counts[s]
    ]
    files = len({finding.span.path for finding in findings})
    fixable = sum(1 for finding in findings if finding.fix is not None and finding.fix.safe)
    line = f"Found {len(findings)} problem{'s' if len(findings) != 1 else ''} ({', '.join(parts)}) in {files} file"
    line += "s" if files != 1 else ""
    line += f" ({calls} API calls checked)."
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line


def render(findings: list[Finding], calls: int, exports: int) -> str:
    blocks = [format_finding(finding) for finding in findings]
    blocks.append(summary(findings, calls, exports))
    return "\n".join(blocks) + "\n"

"""JSON: one object with the tool version, a summary, per-rule statistics and the findings.

The shape is schemas/report.schema.json; secret values never appear, only their redacted preview.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.findings import Finding

if TYPE_CHECKING:
    from linter.engine import LintResult

REPORT_VERSION = 1


def finding_json(finding: Finding) -> dict[str, Any]:
    span = finding.span
    data: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "path": span.path,
        "line": span.line,
        "column": span.col,
        "endLine": span.end_line,
        "endColumn": span.end_col,
        "hint": finding.hint,
        "fingerprint": finding.content_key,
        "fix": None,
        "related": [{"path": place.path, "line": place.line, "column": place.col} for place in finding.related],
    }
    if finding.fix is not None:
        data["fix"] = {"description": finding.fix.description, "safe": finding.fix.safe}
    if finding.secret is not None:
        data["secret"] = {
            "provider": finding.secret.provider,
            "preview": finding.secret.preview,
            "fingerprint": finding.secret.fingerprint,
        }
    return data


def render(result: LintResult) -> str:
    findings = result.findings
    counts = Counter(finding.severity for finding in findings)
    per_rule = Counter((finding.code, finding.name) for finding in findings)
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "fflint", "version": __version__},
        "summary": {
            "findings": len(findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "calls": sum(export.call_count for export in result.exports),
            "exports": result.export_count,
            "filesOutsideExports": result.loose_file_count,
            "suppressed": result.suppressed,
            "baselined": result.baselined,
            "fixable": sum(1 for finding in findings if finding.fix is not None and finding.fix.safe),
        },
        "statistics": [
            {"code": code, "name": name, "count": count} for (code, name), count in sorted(per_rule.items())
        ],
        "staleBaseline": [{"code": key.code, "path": key.path, "fingerprint": key.fingerprint} for key in result.stale],
        "findings": [finding_json(finding) for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

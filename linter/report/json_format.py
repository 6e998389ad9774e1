"""JSON: one object with the tool version, the findings and a summary."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from linter import __version__
from linter.findings import Finding


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


def render(findings: list[Finding], calls: int, exports: int) -> str:
    counts = Counter(finding.severity for finding in findings)
    document = {
        "tool": {"name": "fflint", "version": __version__},
        "summary": {
            "findings": len(findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "calls": calls,
            "exports": exports,
        },
        "findings": [finding_json(finding) for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

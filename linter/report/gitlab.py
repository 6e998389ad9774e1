"""GitLab Code Quality (``artifacts:reports:codequality``): a JSON array of issues in the subset of the Code Climate
format that GitLab reads.

Each finding is one issue: ``description`` (the message, secrets redacted like every output), ``check_name`` (rule
code and name), ``fingerprint``, ``severity``, ``location.path`` (relative, as in SARIF) and ``location.lines``;
also Code Climate's ``type``, ``categories`` and ``content.body`` (where to fix it in FlutterFlow).
Severities map error → critical, warning → major, info → info. The fingerprint hashes the rule, the path and the
finding's occurrence key (``linter.report.locations.occurrence_keys``: what is wrong, never the line), so it is
the same from run to run and after unrelated edits, and unique within a report as GitLab needs.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from linter.report.locations import more_places, occurrence_keys, relative_paths
from linter.rules import all_rules

if TYPE_CHECKING:
    from linter.engine import LintResult

# GitLab's scale is info, minor, major, critical, blocker. fflint's error (the request fails, or a secret ships in
# the app) is critical; blocker is left to the pipeline's own gate (--fail-on).
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def fingerprint(code: str, path: str, occurrence_key: str) -> str:
    """128 bits of SHA-256 over the rule, the relative path and the occurrence key."""
    return hashlib.sha256("\x1f".join((code, path, occurrence_key)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def render(result: LintResult) -> str:
    rules = all_rules()
    paths, _base = relative_paths((finding.span.path for finding in result.findings), [e.root for e in result.exports])
    issues: list[dict[str, Any]] = []
    for finding, key in zip(result.findings, occurrence_keys(result.findings), strict=True):
        span, path = finding.span, paths[finding.span.path]
        issues.append(
            {
                "type": "issue",
                "check_name": f"{finding.code} {finding.name}",
                "description": f"{finding.code} {finding.message}{more_places(finding)}",
                "categories": ["Security"] if rules[finding.code].security else ["Bug Risk"],
                "severity": SEVERITIES[finding.severity],
                "fingerprint": fingerprint(finding.code, path, key),
                "location": {"path": path, "lines": {"begin": span.line, "end": max(span.end_line, span.line)}},
            }
        )
        if finding.hint:
            issues[-1]["content"] = {"body": f"Where to fix it: {finding.hint}"}
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

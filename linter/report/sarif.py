"""SARIF 2.1.0 for code scanning: every rule described in tool.driver.rules, relative URIs, stable fingerprints."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from linter import __version__
from linter.model import Span
from linter.report.locations import occurrence_keys, relative_paths
from linter.rules import Rule, all_rules

if TYPE_CHECKING:
    from linter.engine import LintResult

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "fflintContentKey/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_json(rule: Rule) -> dict[str, Any]:
    tags = [rule.family] + (["security"] if rule.security else [])
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nWhere to fix it in FlutterFlow: {rule.flutterflow_fix}",
            "markdown": f"{rule.rationale}\n\n**Where to fix it in FlutterFlow:** {rule.flutterflow_fix}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": tags, "fix": rule.fix},
    }


def _uris(paths: list[str], roots: list[Path]) -> tuple[dict[str, str], Path | None]:
    """Relative URIs for the shown paths (``linter.report.locations.relative_paths``) and their base folder."""
    relative, base = relative_paths(paths, roots)
    return {path: quote(_name_bytes(shown), safe="/") for path, shown in relative.items()}, base


def _name_bytes(shown: str) -> bytes:
    """The file name's bytes: display_path shows a byte that is not UTF-8 as ``\\xNN``; a URI must carry the byte."""
    return re.sub(rb"\\x([0-9a-f]{2})", lambda match: bytes([int(match[1], 16)]), shown.encode("utf-8"))


def _physical(span: Span, uris: dict[str, str]) -> dict[str, Any]:
    end_col = span.end_col if (span.end_line, span.end_col) > (span.line, span.col) else span.col + 1
    return {
        "artifactLocation": {"uri": uris[span.path], "uriBaseId": SRCROOT},
        "region": {"startLine": span.line, "startColumn": span.col, "endLine": span.end_line, "endColumn": end_col},
    }


def render(result: LintResult) -> str:
    rules = sorted(all_rules().values(), key=lambda rule: rule.code)
    index = {rule.code: position for position, rule in enumerate(rules)}
    roots = [export.root for export in result.exports]
    places = [place for finding in result.findings for place in (finding.span, *finding.related)]
    uris, base = _uris([place.path for place in places], roots)
    results = []
    for finding, key in zip(result.findings, occurrence_keys(result.findings), strict=True):
        span = finding.span
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")},
                "locations": [{"physicalLocation": _physical(span, uris)}],
                "partialFingerprints": {FINGERPRINT_KEY: key},
                "properties": {"name": finding.name, "fixable": finding.fix is not None and finding.fix.safe},
            }
        )
        if finding.related:  # the cause's other places (the same secret, the same defect copied)
            results[-1]["relatedLocations"] = [
                {"id": number, "physicalLocation": _physical(place, uris), "message": {"text": "another place"}}
                for number, place in enumerate(finding.related, 1)
            ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "fflint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_json(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if base is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base.as_uri() + "/"}}
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

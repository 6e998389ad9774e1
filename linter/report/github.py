"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` annotation per finding (a cause found in
several places is one annotation, at its first place, with the count of the others)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linter.report.locations import more_places
from linter.report.text import summary

if TYPE_CHECKING:
    from linter.engine import LintResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for finding in result.findings:
        span = finding.span
        properties = {
            "file": span.path,
            "line": span.line,
            "col": span.col,
            "endLine": span.end_line,
            "endColumn": span.end_col,
            "title": f"{finding.code} {finding.name}",
        }
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
        message = finding.message + more_places(finding) + (f"\nHint: {finding.hint}" if finding.hint else "")
        lines.append(f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"

"""JUnit XML: one test case per finding (a failure), grouped in one test suite per file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from itertools import groupby
from typing import TYPE_CHECKING

from linter.report.locations import place_lines

if TYPE_CHECKING:
    from linter.engine import LintResult

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def render(result: LintResult) -> str:
    findings = result.findings
    root = ElementTree.Element(
        "testsuites", name="fflint", tests=str(max(1, len(findings))), failures=str(len(findings)), errors="0"
    )
    if not findings:
        suite = ElementTree.SubElement(root, "testsuite", name="fflint", tests="1", failures="0", errors="0")
        ElementTree.SubElement(suite, "testcase", classname="fflint", name="no problems")
    for path, group in groupby(findings, key=lambda finding: finding.span.path):
        cases = list(group)
        suite = ElementTree.SubElement(
            root, "testsuite", name=_clean(path), tests=str(len(cases)), failures=str(len(cases)), errors="0"
        )
        for finding in cases:
            span = finding.span
            case = ElementTree.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=f"{finding.code} {finding.name} at {span.line}:{span.col}",
                file=_clean(path),
                line=str(span.line),
            )
            failure = ElementTree.SubElement(
                case, "failure", type=f"{finding.code} [{finding.severity}]", message=_clean(finding.message)
            )
            details = [f"{path}:{span.line}:{span.col}: {finding.code} [{finding.severity}] {finding.message}"]
            if finding.secret is not None:
                details.append(f"secret: {finding.secret.preview}, fingerprint {finding.secret.fingerprint}")
            if finding.related:
                details += ["also at:", *(f"  {line}" for line in place_lines(finding)[0])]
            if finding.hint:
                details.append(f"hint: {finding.hint}")
            failure.text = _clean("\n".join(details))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"

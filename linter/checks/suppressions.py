"""F family: suppression comments that name no rule (F002) or hide nothing (F001).

Both run in the suppress stage, after every other check, and judge each comment against what those checks found
(the engine also runs the rules a comment names when they were not selected, so that F001 can tell).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.registry import check
from linter.directives import OWN_CODES, Directive, directives
from linter.findings import Finding
from linter.model import Export
from linter.rules import all_rules


def _parsed(export: Export) -> list[Directive]:
    return [directive for file in export.files for directive in directives(file)]


@check("F002", stage="suppress")
def check_unknown_suppression_code(export: Export, ctx: CheckContext, produced: list[Finding]) -> Iterator[Finding]:
    """F002 unknown-suppression-code: a suppression comment that names no rule, or a code fflint does not have."""
    for directive in _parsed(export):
        if not directive.refs:
            yield ctx.finding(
                "F002",
                directive.file.span(directive.start, directive.end),
                "suppression names no rule; write the codes in brackets, e.g. fflint: ignore[A002]",
                key=directive.file.line_text(directive.line).strip(),
            )
        for ref in directive.refs:
            if ref.code is None:
                yield ctx.finding(
                    "F002",
                    directive.file.span(ref.start, ref.end),
                    f"suppression names '{ref.text}', which is not an fflint rule (see 'fflint rules')",
                    key=ref.text,
                )


@check("F001", stage="suppress")
def check_unused_suppression(export: Export, ctx: CheckContext, produced: list[Finding]) -> Iterator[Finding]:
    """F001 unused-suppression: a suppression comment for a rule that reports nothing where the comment applies."""
    for directive in _parsed(export):
        for ref in directive.refs:
            if ref.code is None or ref.code in OWN_CODES:
                continue
            if any(
                finding.code == ref.code and finding.span.path == directive.file.relpath and directive.covers(finding)
                for finding in produced
            ):
                continue
            scope = (
                "in this file"
                if directive.whole_file
                else "on this line" + (" or the next" if directive.own_line else "")
            )
            target = directive.line + 1 if directive.own_line and not directive.whole_file else directive.line
            yield ctx.finding(
                "F001",
                directive.file.span(ref.start, ref.end),
                f"unused suppression: no {ref.code} ({all_rules()[ref.code].name}) problem {scope}; remove it",
                key=f"{ref.code}:{directive.whole_file}:{directive.file.line_text(target).strip()}",
            )


def named_codes(export: Export) -> set[str]:
    """The rule codes the export's suppression comments name (F001 needs their findings to judge them)."""
    return {code for directive in _parsed(export) for code in directive.codes} - OWN_CODES

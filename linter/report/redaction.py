"""Where the secrets of a lint result are, so that output built from file text (diffs, code frames) can mask them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import LintResult


def secret_spans(result: LintResult) -> dict[str, set[tuple[int, int]]]:
    """Source ranges of every secret in the linted files, by path, whichever rules were selected or suppressed:
    the secret checks run again here so that a frame or diff of another rule's line cannot show one."""
    from linter.check_context import CheckContext
    from linter.rules import registered_checks

    spans: dict[str, set[tuple[int, int]]] = {}
    found = list(result.findings) + list(result.hidden)
    secret_check = registered_checks().get("S001")
    if secret_check is not None:
        context = CheckContext()
        for export in result.exports:
            found.extend(secret_check(export, context))
    for finding in found:
        if finding.secret is not None:
            spans.setdefault(finding.span.path, set()).add((finding.span.start, finding.span.end))
    return spans


def secret_values(result: LintResult) -> set[str]:
    files = result.source_files()
    return {
        files[path].text[start:end]
        for path, ranges in secret_spans(result).items()
        if path in files
        for start, end in ranges
    }

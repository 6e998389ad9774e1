"""Where the secrets of a lint result are, so that output built from file text (diffs, code frames) can mask them.

The engine records every secret's location once per run (``LintResult.secret_spans``), whichever rules were
selected, suppressed or baselined; this module turns those locations into the values to mask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import LintResult


def secret_spans(result: LintResult) -> dict[str, set[tuple[int, int]]]:
    """Source ranges of every secret in the linted files, by path."""
    spans = {path: set(ranges) for path, ranges in result.secret_spans.items()}
    for finding in [*result.findings, *result.hidden]:
        if finding.secret is not None:
            spans.setdefault(finding.span.path, set()).add((finding.span.start, finding.span.end))
    return spans


def secret_values(result: LintResult) -> set[str]:
    from linter.secrets.redact import values_at

    return values_at(secret_spans(result), result.source_files())

"""Mask secrets in output built from file text (diffs, code frames)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import LintResult

MIN_MASKED_LINE = 8  # shorter lines of a multi-line secret (PEM armour pieces) carry no secret on their own


def mask_secrets(text: str, known_values: set[str]) -> str:
    """Replace every known secret value, and anything the scanner recognises, with its redacted preview.

    A multi-line value (a PEM key) is also masked line by line, because diffs and frames show it a line at a time.
    """
    from linter.secrets import redact, scan_text

    values = set(known_values)
    values.update(match.value for match in scan_text(text))
    replacements = {value: redact(value) for value in values if value}
    for value in values:
        if "\n" in value:
            for line in value.splitlines():
                piece = line.strip()
                if len(piece) >= MIN_MASKED_LINE and not piece.startswith("-----"):
                    replacements.setdefault(piece, redact(piece))
    for value in sorted(replacements, key=len, reverse=True):
        text = text.replace(value, replacements[value])
    return text


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

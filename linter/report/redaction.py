"""Mask secrets in output built from file text (diffs, code frames)."""

from __future__ import annotations


def mask_secrets(text: str, known_values: set[str]) -> str:
    """Replace every known secret value, and anything the scanner recognises, with its redacted preview."""
    from linter.secrets import redact, scan_text

    values = set(known_values)
    values.update(match.value for match in scan_text(text))
    for value in sorted((v for v in values if v), key=len, reverse=True):
        text = text.replace(value, redact(value))
    return text

"""Mask secrets in output built from file text (diffs, code frames)."""

from __future__ import annotations

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

"""Findings and the fixes attached to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Span

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source offsets [start, end) of ``path`` with ``replacement``."""

    path: str
    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class SecretInfo:
    """What may be shown about a secret: never the value itself."""

    provider: str
    preview: str
    fingerprint: str


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    span: Span
    hint: str | None = None
    fix: Fix | None = None
    secret: SecretInfo | None = None
    # Identifies the offending content independently of line numbers (baselines, SARIF).
    content_key: str = ""
    related: list[Span] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.span.path

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.line, self.span.col, self.code, self.message)

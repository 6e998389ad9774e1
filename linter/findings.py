"""Findings and the fixes attached to them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from linter.model import SourceFile, Span

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``expected``, the text at source offsets [start, end) of ``path``, with ``replacement``.

    An edit names the file its offsets belong to and the text it was computed against, so the writer can refuse
    one that would land anywhere else (build edits with ``Edit.at``).
    """

    path: str
    start: int
    end: int
    replacement: str
    expected: str

    @classmethod
    def at(cls, file: SourceFile, start: int, end: int, replacement: str) -> Edit:
        return cls(file.relpath, start, end, replacement, file.text[start:end])


# What a safe fix may do (docs/fixes.md); ``linter.fix`` checks every edit of a safe fix against its kind.
SAFE_FIX_KINDS = (
    "whitespace",  # remove whitespace and invisible characters
    "case",  # fold case where the protocol ignores it: scheme names, media types, header names
    "charset",  # write the charset utf8 as utf-8
    "remove-entry",  # remove a map entry the runtime never sends
)


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that solve one finding. A safe fix names its kind (one of ``SAFE_FIX_KINDS``); an unsafe one may change
    what a request sends and is applied only with --unsafe-fixes."""

    description: str
    edits: tuple[Edit, ...]
    kind: str | None = None  # None: unsafe

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in SAFE_FIX_KINDS:
            raise ValueError(f"unknown safe fix kind {self.kind!r}")

    @property
    def safe(self) -> bool:
        return self.kind is not None


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
    # Among the places of one cause, the most prominent is where the finding is shown (a key shipped in the app
    # before its copy in a note), after severity.
    prominence: int = 0

    @property
    def path(self) -> str:
        return self.span.path

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.line, self.span.col, self.code, self.message)


def content_key(*parts: str) -> str:
    """A short stable hash of the offending content, independent of where it sits."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]

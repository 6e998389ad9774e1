"""Findings cached per export, keyed by everything that decides them, so that an unchanged tree re-lints in a
fraction of the time (a pre-commit hook or an editor save).

The key hashes the fflint version, the rule and catalog data, the selected rules and rule options, and the path
and content hash of every file read. Entries hold findings without fix edits (a fix may carry file text), and where
the secrets sit as offsets, never a secret value: messages and previews are redacted by construction.
Time-dependent verdicts (JWT expiry) stay correct because an entry is only used before the earliest future
``exp``/``nbf`` of any token in the export.
`--fix` and `--diff` always lint afresh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from linter import __version__
from linter.findings import Finding, Fix, SecretInfo
from linter.model import Export, Span
from linter.scan_cache import put_newest, text_digest, write_cache_file

MAX_ENTRIES = 64


def run_key(export: Export, codes: set[str] | None, rule_options: dict, data_digest: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    header = [__version__, data_digest, sorted(codes) if codes is not None else None, rule_options]
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    for source in sorted(export.files, key=lambda f: f.relpath):
        digest.update(source.relpath.encode("utf-8", "surrogatepass") + b"\0" + source.kind.value.encode() + b"\0")
        digest.update(text_digest(source.text).encode())
    for error in export.parse_errors:
        digest.update(f"{error.span}{error.message}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def token_deadline(export: Export, now: float) -> float | None:
    """The earliest future exp/nbf of any JWT in the export's files: a cached verdict may change then."""
    from linter.secrets import decode_jwt, scan_text

    deadline: float | None = None
    for source in export.files:
        for match in scan_text(source.text, source.syntax):
            if match.value.count(".") != 2:
                continue
            info = decode_jwt(match.value)
            for moment in (info.exp, info.nbf):
                if moment is not None and moment > now and (deadline is None or moment < deadline):
                    deadline = float(moment)
    return deadline


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "span": asdict(finding.span),
        "hint": finding.hint,
        "fix": None if finding.fix is None else [finding.fix.description, finding.fix.kind],
        "secret": None if finding.secret is None else asdict(finding.secret),
        "content_key": finding.content_key,
        "related": [asdict(span) for span in finding.related],
        "prominence": finding.prominence,
    }


def _finding_from_json(data: dict[str, Any]) -> Finding:
    fix = None if data["fix"] is None else Fix(data["fix"][0], (), data["fix"][1])
    return Finding(
        code=data["code"],
        name=data["name"],
        severity=data["severity"],
        message=data["message"],
        span=Span(**data["span"]),
        hint=data["hint"],
        fix=fix,
        secret=None if data["secret"] is None else SecretInfo(**data["secret"]),
        content_key=data["content_key"],
        related=[Span(**span) for span in data["related"]],
        prominence=data.get("prominence", 0),
    )


class RunCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / f"runs-{__version__}.json"
        self.dirty = False
        try:
            self.entries: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def lookup(self, key: str, now: float) -> tuple[list[Finding], int, dict[str, set[tuple[int, int]]]] | None:
        entry = self.entries.get(key)
        if entry is None or (entry["valid_until"] is not None and now >= entry["valid_until"]):
            return None
        if entry["now"] is not None and now < entry["now"]:  # judged at a later --now: recompute
            return None
        secrets = {path: {(start, end) for start, end in ranges} for path, ranges in entry["secrets"].items()}
        return [_finding_from_json(item) for item in entry["findings"]], entry["calls"], secrets

    def store(
        self,
        key: str,
        findings: list[Finding],
        calls: int,
        secrets: dict[str, set[tuple[int, int]]],
        now: float,
        valid_until: float | None,
    ) -> None:
        entry = {
            "findings": [_finding_to_json(finding) for finding in findings],
            "calls": calls,
            "secrets": {path: sorted(ranges) for path, ranges in sorted(secrets.items())},  # offsets, never text
            "now": now,
            "valid_until": valid_until,
        }
        put_newest(self.entries, key, entry, MAX_ENTRIES)
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_cache_file(self.path, self.entries)

"""The lint helper every rule test uses: the findings of some rules in an export, at a fixed date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from linter.engine import LintOptions, lint
from linter.findings import Finding
from tests.support.exportkit import write_export

NOW = 1_800_000_000.0  # 2027-01-15: fixed so that token-expiry verdicts do not age


def findings(root: Path, codes: Iterable[str] | None = None, *, now: float = NOW) -> list[Finding]:
    """The findings of ``codes`` (every rule when None) in the export at ``root``."""
    selected = set(codes) if codes is not None else None
    found = lint([root], LintOptions(codes=selected, now=now)).findings
    return [finding for finding in found if selected is None or finding.code in selected]


def export_findings(
    folder: Path,
    files: dict[str, str],
    codes: Iterable[str] | None = None,
    *,
    manager: str = "if-unset",
    now: float = NOW,
) -> list[Finding]:
    """Write a minimal export holding ``files`` under ``folder`` and lint it."""
    return findings(write_export(folder, files, manager=manager), codes, now=now)


def only(found: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in found if finding.code == code]

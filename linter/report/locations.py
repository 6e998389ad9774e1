"""Where a finding is, for reports read by other tools (SARIF for GitHub code scanning, GitLab Code Quality): its
path relative to a base folder, and an identity that survives edits elsewhere, so that the same problem is
recognised from one run to the next; and how every format names a cause's other places."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from linter.findings import Finding


def relative_paths(paths: Iterable[str], roots: list[Path]) -> tuple[dict[str, str], Path | None]:
    """Each shown path made relative. Paths are shown relative to the working folder when they are inside it and
    stay so; paths outside it are shown absolute, and are made relative to the common folder of the export roots,
    which is returned as the base (None when no path needed one). The base is a folder on disk: a file inside a ZIP
    archive keeps the archive's name in front of its path (``my_app.zip/lib/main.dart``)."""
    paths = sorted(set(paths))
    outside = [path for path in paths if os.path.isabs(path)]
    base = None
    if outside:
        folders = [_on_disk(root) for root in roots]
        base = _on_disk(Path(os.path.commonpath([*folders, *(os.path.dirname(path) for path in outside)])))
    relative = {
        path: Path(os.path.relpath(path, base)).as_posix() if base is not None and os.path.isabs(path) else path
        for path in paths
    }
    return relative, base


def _on_disk(folder: Path) -> Path:
    """``folder``, or for a folder inside a ZIP archive the folder that holds the archive."""
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


def occurrence_keys(findings: list[Finding]) -> list[str]:
    """For each finding, ``content_key:n``: its content key (a hash of what is wrong, not of where) and how many
    findings of the same rule, path and content key came before it, plus one. Inserting lines above a problem
    leaves its key unchanged; two identical problems in one file keep distinct keys."""
    seen: Counter[tuple[str, str, str]] = Counter()
    keys = []
    for finding in findings:
        identity = (finding.code, finding.span.path, finding.content_key)
        seen[identity] += 1
        keys.append(f"{finding.content_key}:{seen[identity]}")
    return keys


def more_places(finding: Finding) -> str:
    """`` (and 3 more places)`` for a cause found in several places, else nothing: for one-line outputs."""
    count = len(finding.related)
    return f" (and {count} more place{'s' if count != 1 else ''})" if count else ""


def place_lines(finding: Finding, limit: int | None = None) -> tuple[list[str], int]:
    """``path:line:col`` of a cause's other places (at most ``limit`` of them), and how many more there are."""
    shown = finding.related if limit is None else finding.related[:limit]
    return [f"{span.path}:{span.line}:{span.col}" for span in shown], len(finding.related) - len(shown)

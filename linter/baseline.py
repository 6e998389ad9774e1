"""Baseline files: accepted findings, keyed by rule, path and content fingerprint (never line numbers).

Paths are stored relative to the baseline file's folder, entries sorted and counted, so that unrelated edits (lines
inserted above, calls reordered) leave both the file and the matching unchanged.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter.findings import Finding

BASELINE_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


@dataclass(frozen=True, order=True)
class BaselineKey:
    code: str
    path: str
    fingerprint: str


@dataclass
class Baseline:
    path: Path
    entries: Counter[BaselineKey] = field(default_factory=Counter)

    @property
    def folder(self) -> Path:
        return self.path.absolute().parent

    def key(self, finding: Finding) -> BaselineKey:
        return BaselineKey(finding.code, _relative(finding.span.path, self.folder), finding.content_key)

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding], Counter[BaselineKey]]:
        """(new findings, baselined findings, unused entry counts). Each entry hides at most ``count`` findings."""
        remaining = Counter(self.entries)
        shown, hidden = [], []
        for finding in findings:
            # A cause is accepted at any of its places: a copy added before the first one does not make it new.
            places = [finding.span.path, *(span.path for span in finding.related)]
            keys = (BaselineKey(finding.code, _relative(path, self.folder), finding.content_key) for path in places)
            key = next((key for key in keys if remaining[key] > 0), None)
            if key is not None:
                remaining[key] -= 1
                hidden.append(finding)
            else:
                shown.append(finding)
        return shown, hidden, +remaining


def _relative(shown_path: str, folder: Path) -> str:
    absolute = Path(os.path.abspath(shown_path))
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not an fflint baseline (version {BASELINE_VERSION} with an 'entries' list)")
    baseline = Baseline(path)
    for index, entry in enumerate(entries):
        try:
            key = BaselineKey(str(entry["code"]), str(entry["path"]), str(entry["fingerprint"]))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{path}: entry {index} needs code, path and fingerprint") from None
        baseline.entries[key] += max(count, 1)
    return baseline


def baseline_text(findings: list[Finding], path: Path) -> str:
    """The baseline document for ``findings``: sorted, one entry per distinct key, with a count."""
    baseline = Baseline(path)
    counts = Counter(baseline.key(finding) for finding in findings)
    entries = [
        {"code": key.code, "path": key.path, "fingerprint": key.fingerprint, "count": count}
        for key, count in sorted(counts.items())
    ]
    document = {"version": BASELINE_VERSION, "tool": "fflint", "entries": entries}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_baseline(findings: list[Finding], path: Path) -> int:
    """Write the baseline atomically; returns the number of findings it covers."""
    text = baseline_text(findings, path)
    temporary = path.with_name(f".{path.name}.fflint-tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return len(findings)

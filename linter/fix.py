"""Apply fixes: exact byte edits, written atomically, keeping encoding, line endings and permissions."""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from linter.encodings import encode
from linter.findings import Edit, Finding
from linter.model import SourceFile


@dataclass
class FileChange:
    source: SourceFile
    new_text: str
    applied: int  # number of fixes applied


def plan_changes(findings: list[Finding], files: dict[str, SourceFile], *, unsafe: bool = False) -> list[FileChange]:
    """The new text of every file with at least one applicable fix; overlapping fixes wait for the next pass."""
    edits_by_file: dict[str, list[tuple[Edit, ...]]] = {}
    for finding in findings:
        if finding.fix is None or (not finding.fix.safe and not unsafe):
            continue
        paths = {edit.path for edit in finding.fix.edits}
        if len(paths) != 1:
            continue
        edits_by_file.setdefault(paths.pop(), []).append(finding.fix.edits)
    changes = []
    for path, fixes in sorted(edits_by_file.items()):
        source = files.get(path)
        if source is None:
            continue
        chosen: list[Edit] = []
        applied = 0
        for fix_edits in sorted(fixes, key=lambda edits: min(edit.start for edit in edits)):
            if any(_overlaps(edit, other) for edit in fix_edits for other in chosen):
                continue
            chosen.extend(fix_edits)
            applied += 1
        text = source.text
        for edit in sorted(chosen, key=lambda edit: edit.start, reverse=True):
            text = text[: edit.start] + edit.replacement + text[edit.end :]
        if text != source.text:
            changes.append(FileChange(source, text, applied))
    return changes


def _overlaps(first: Edit, second: Edit) -> bool:
    if first.start == first.end or second.start == second.end:  # insertions clash only at the same point
        return (
            first.start == second.start
            or (second.start < first.start < second.end)
            or (first.start < second.start < first.end)
        )
    return first.start < second.end and second.start < first.end


class FixWriteError(Exception):
    pass


def write_change(change: FileChange) -> None:
    """Write to a temporary file beside the original, then rename it over: never a half-written file."""
    path: Path = change.source.path
    if path.is_symlink():
        raise FixWriteError(f"{change.source.relpath}: is a symbolic link; not writing through it")
    original = path.stat()
    data = encode(change.new_text, change.source.encoding)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fflint-tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(original.st_mode))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unified_diff(change: FileChange) -> str:
    before = change.source.text.splitlines(keepends=True)
    after = change.new_text.splitlines(keepends=True)
    path = change.source.relpath
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))

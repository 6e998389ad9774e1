"""Apply fixes: exact edits checked against the text they were computed on, planned in memory until nothing changes,
then written atomically, keeping encoding, line endings and permissions.

``--diff`` and ``--fix`` share ``fix_until_stable``: the diff shows exactly the texts ``--fix`` writes.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter.encodings import encode
from linter.findings import Edit, Finding, Fix
from linter.model import SourceFile
from linter.vocabulary import is_blank

if TYPE_CHECKING:
    from linter.engine import LintResult

MAX_FIX_PASSES = 10


@dataclass
class FileChange:
    source: SourceFile  # the file as read from disk
    new_text: str
    applied: int  # number of fixes applied to it


@dataclass(frozen=True)
class FixRefusal:
    """A fix that cannot be applied as computed: an internal error, reported instead of writing the file."""

    path: str
    code: str
    reason: str


@dataclass
class FixPlan:
    changes: list[FileChange] = field(default_factory=list)
    refused: list[FixRefusal] = field(default_factory=list)


# -- the safe-fix contract (docs/fixes.md) -----------------------------------------------------------------------

_SOURCE_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "b": "\b"}


def _unescape(source: str) -> str:
    """What a run of Dart, JS, JSON or double-quoted YAML source stands for: escapes of invisible characters
    (``\\u200B``, ``\\t``) count as those characters when judging an edit."""

    def replace(found: re.Match[str]) -> str:
        escape = found.group(1)
        if escape.startswith("u{"):
            return chr(min(int(escape[2:-1], 16), 0x10FFFF))
        if escape[0] in "ux" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        return _SIMPLE_ESCAPES.get(escape, escape)

    return _SOURCE_ESCAPE.sub(replace, source)


def _without_blanks(text: str) -> str:
    return "".join(char for char in text if not is_blank(char))


def contract_violation(fix: Fix) -> str | None:
    """Why the edits of a safe fix do more than its kind allows, or None (unsafe fixes are not judged)."""
    for edit in fix.edits:
        old, new = _unescape(edit.expected), _unescape(edit.replacement)
        if fix.kind == "whitespace":
            allowed = _without_blanks(old) == _without_blanks(new) and len(new) <= len(old)
        elif fix.kind == "case":
            allowed = old.casefold() == new.casefold() and len(old) == len(new)
        elif fix.kind == "charset":
            allowed = old.lower() in ("utf8", "utf_8") and new == "utf-8"
        elif fix.kind == "remove-entry":
            allowed = new == "" and ":" in old.strip().removeprefix("-")
        else:
            return None
        if not allowed:
            return f"a '{fix.kind}' fix may not replace {len(old)} characters with {len(new)} other characters"
    return None


# -- planning ------------------------------------------------------------------------------------------------------


def _edit_problem(edit: Edit, files: dict[str, SourceFile]) -> str | None:
    source = files.get(edit.path)
    if source is None:
        return "it edits a file that was not read"
    if not 0 <= edit.start <= edit.end <= len(source.text):
        return f"its span {edit.start}..{edit.end} lies outside the file ({len(source.text)} characters)"
    if source.text[edit.start : edit.end] != edit.expected:
        return f"the text at {edit.start}..{edit.end} is not the text the fix was computed on"
    return None


def _overlaps(first: Edit, second: Edit) -> bool:
    if first.path != second.path:
        return False
    if first.start == first.end or second.start == second.end:  # insertions clash only at the same point
        return (
            first.start == second.start
            or (second.start < first.start < second.end)
            or (first.start < second.start < first.end)
        )
    return first.start < second.end and second.start < first.end


def plan_changes(findings: list[Finding], files: dict[str, SourceFile], *, unsafe: bool = False) -> FixPlan:
    """The new text of every file with at least one applicable fix. Overlapping fixes wait for the next pass; a fix
    with edits in several files is applied to all of them or to none. A fix whose edit does not match the file, or a
    safe fix that breaks the contract, is refused, and nothing is written to the files it touches."""
    plan = FixPlan()
    wanted: list[tuple[Finding, Fix]] = []
    poisoned: set[str] = set()
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or (not fix.safe and not unsafe):
            continue
        problems = [(edit.path, problem) for edit in fix.edits if (problem := _edit_problem(edit, files))]
        violation = contract_violation(fix) if fix.safe else None
        if violation is not None:
            problems += [(edit.path, violation) for edit in fix.edits]
        for path, problem in problems:
            plan.refused.append(FixRefusal(path, finding.code, problem))
            poisoned.add(path)
        if not problems:
            wanted.append((finding, fix))
    chosen: list[Edit] = []
    applied: Counter[str] = Counter()
    for _, fix in sorted(wanted, key=lambda item: min((e.path, e.start) for e in item[1].edits)):
        if any(edit.path in poisoned for edit in fix.edits):
            continue
        if any(_overlaps(edit, other) for edit in fix.edits for other in chosen):
            continue
        chosen.extend(fix.edits)
        applied.update({edit.path for edit in fix.edits})
    by_path: dict[str, list[Edit]] = {}
    for edit in chosen:
        by_path.setdefault(edit.path, []).append(edit)
    for path, edits in sorted(by_path.items()):
        source = files[path]
        text = source.text
        for edit in sorted(edits, key=lambda edit: (edit.start, edit.end), reverse=True):
            text = text[: edit.start] + edit.replacement + text[edit.end :]
        if text != source.text:
            plan.changes.append(FileChange(source, text, applied[path]))
    return plan


@dataclass
class FixOutcome:
    """Where a run of fixes ends: the final text of every changed file, counted per file."""

    result: LintResult  # the lint of the final texts
    changes: list[FileChange]  # original source and final text, one per changed file
    refused: list[FixRefusal]
    secret_values: set[str]  # secret values seen in any pass, to mask in diffs


def fix_until_stable(
    result: LintResult,
    relint: Callable[[dict[str, str]], LintResult],
    secrets_of: Callable[[LintResult], set[str]],
    *,
    unsafe: bool = False,
) -> FixOutcome:
    """Apply fixes in memory and lint the new texts again until nothing changes (overlapping fixes land in later
    passes). ``relint`` lints with the given texts (by absolute path) in place of the files on disk."""
    originals = result.source_files()
    texts: dict[str, str] = {}  # absolute path -> current text
    applied: Counter[str] = Counter()  # relpath -> fixes
    refused: list[FixRefusal] = []
    secrets = secrets_of(result)
    for _ in range(MAX_FIX_PASSES):
        plan = plan_changes(result.findings, result.source_files(), unsafe=unsafe)
        refused.extend(plan.refused)
        if not plan.changes:
            break
        for change in plan.changes:
            texts[os.path.abspath(change.source.path)] = change.new_text
            applied[change.source.relpath] += change.applied
        result = relint(dict(texts))
        secrets |= secrets_of(result)
    changes = []
    for relpath, source in sorted(originals.items()):
        final = texts.get(os.path.abspath(source.path))
        if final is not None and final != source.text:
            changes.append(FileChange(source, final, applied[relpath]))
    return FixOutcome(result, changes, list(dict.fromkeys(refused)), secrets)


# -- writing -------------------------------------------------------------------------------------------------------


class FixWriteError(Exception):
    pass


def write_changes(changes: list[FileChange]) -> None:
    """Write every change, or none: each file goes to a temporary file beside it first, and only when all of them
    are written are they renamed over the originals (a rename is atomic; a half-written file never appears)."""
    staged: list[tuple[str, FileChange]] = []
    try:
        for change in changes:
            staged.append((_stage(change), change))
    except BaseException as error:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FixWriteError(f"{error.strerror or error}; no file was changed") from error
        raise
    for index, (temporary, change) in enumerate(staged):
        try:
            os.replace(temporary, change.source.path)
        except OSError as error:
            for left, _ in staged[index:]:
                Path(left).unlink(missing_ok=True)
            written = ", ".join(done.source.relpath for _, done in staged[:index]) or "no file"
            raise FixWriteError(
                f"{change.source.relpath}: {error.strerror or error}; fixed so far: {written}"
            ) from error


def _stage(change: FileChange) -> str:
    path: Path = change.source.path
    if path.is_symlink():
        raise FixWriteError(f"{change.source.relpath} is a symbolic link; not writing through it; no file was changed")
    original = path.stat()
    data = encode(change.new_text, change.source.encoding)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fflint-tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(original.st_mode))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def unified_diff(change: FileChange) -> str:
    before = change.source.text.splitlines(keepends=True)
    after = change.new_text.splitlines(keepends=True)
    path = change.source.relpath
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))

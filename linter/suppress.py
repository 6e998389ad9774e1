"""What is not reported: config selection and excludes, per-file ignores, inline suppressions and the baseline.

Inline: ``// fflint: ignore[CODE,...]`` (``#`` in YAML and .env) applies to its own line, or to the next line when
the comment stands alone; ``fflint: ignore-file[CODE,...]`` applies to the whole file. Rule F001 reports a
suppression that hides nothing, F002 one that names no known rule.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from linter.check_context import CheckContext
from linter.findings import Finding
from linter.model import Export, FileKind, SourceFile
from linter.rules import all_rules, check, find_rule

if TYPE_CHECKING:
    from linter.baseline import Baseline, BaselineKey
    from linter.engine import LintOptions, LintResult

_DIRECTIVE = re.compile(
    r"(?P<marker>//|#)[ \t]*fflint:[ \t]*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]\n]*)\])?"
)
_SLASH_SUFFIXES = frozenset({".dart", ".js", ".mjs", ".cjs", ".ts", ".kt", ".kts", ".java", ".swift", ".gradle"})
_HASH_SUFFIXES = frozenset({".yaml", ".yml", ".sh", ".properties", ".toml", ".ini", ".cfg", ".conf", ".py", ".env"})
_SLASH_KINDS = frozenset(
    {FileKind.API_CALLS, FileKind.API_MANAGER, FileKind.ENV_VALUES_DART, FileKind.PRIVATE_JS, FileKind.DART}
)
_OWN_CODES = frozenset({"F001", "F002"})


@dataclass(frozen=True)
class CodeRef:
    """One entry between the brackets: what was written, where, and the rule code it names (None if unknown)."""

    text: str
    start: int
    end: int
    code: str | None


@dataclass
class Directive:
    file: SourceFile
    start: int
    end: int
    line: int
    whole_file: bool
    own_line: bool
    refs: list[CodeRef] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {ref.code for ref in self.refs if ref.code is not None}

    def covers(self, finding: Finding) -> bool:
        if finding.code not in self.codes:
            return False
        if self.whole_file:
            return True
        return finding.span.line == self.line or (self.own_line and finding.span.line == self.line + 1)


def comment_markers(file: SourceFile) -> tuple[str, ...]:
    """The comment markers a suppression may use in this kind of file (JSON has none)."""
    if file.kind in _SLASH_KINDS:
        return ("//",)
    if file.kind in (FileKind.PROJECT_YAML, FileKind.DOTENV):
        return ("#",)
    if file.kind is FileKind.ENV_JSON:
        return ()
    suffix = os.path.splitext(file.path.name)[1].lower()
    if suffix in _SLASH_SUFFIXES:
        return ("//",)
    if suffix in _HASH_SUFFIXES:
        return ("#",)
    return ("//", "#")


def _code_of(selector: str) -> str | None:
    rule = find_rule(selector)
    return rule.code if rule is not None else None


def directives(file: SourceFile) -> list[Directive]:
    text = file.text
    if "fflint:" not in text:
        return []
    markers = comment_markers(file)
    found = []
    for match in _DIRECTIVE.finditer(text):
        if match["marker"] not in markers:
            continue
        line, _ = file.position(match.start())
        line_start = match.start() - len(text[: match.start()].rsplit("\n", 1)[-1])
        directive = Directive(
            file,
            match.start(),
            match.end(),
            line,
            whole_file=match["kind"] == "ignore-file",
            own_line=not text[line_start : match.start()].strip(),
        )
        if match["codes"] is not None:
            offset = match.start("codes")
            for part in re.finditer(r"[^,]+", match["codes"]):
                written = part.group().strip()
                if written:
                    start = offset + part.start() + part.group().index(written)
                    directive.refs.append(CodeRef(written, start, start + len(written), _code_of(written)))
        found.append(directive)
    return found


@check("F001", "F002")
def check_suppressions(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """Unknown codes (F002) and suppressions that hide nothing (F001), judged against the named rules' checks."""
    from linter.engine import run_checks

    parsed = [directive for file in export.files for directive in directives(file)]
    if not parsed:
        return
    for directive in parsed:
        if not directive.refs:
            yield ctx.finding(
                "F002",
                directive.file.span(directive.start, directive.end),
                "suppression names no rule; write the codes in brackets, e.g. fflint: ignore[A002]",
                key=directive.file.line_text(directive.line).strip(),
            )
        for ref in directive.refs:
            if ref.code is None:
                yield ctx.finding(
                    "F002",
                    directive.file.span(ref.start, ref.end),
                    f"suppression names '{ref.text}', which is not an fflint rule (see 'fflint rules')",
                    key=ref.text,
                )
    named = {code for directive in parsed for code in directive.codes} - _OWN_CODES
    produced = run_checks(export, ctx, named) if named else []
    for directive in parsed:
        for ref in directive.refs:
            if ref.code is None or ref.code in _OWN_CODES:
                continue
            if any(
                finding.code == ref.code and finding.span.path == directive.file.relpath and directive.covers(finding)
                for finding in produced
            ):
                continue
            scope = (
                "in this file"
                if directive.whole_file
                else "on this line" + (" or the next" if directive.own_line else "")
            )
            target = directive.line + 1 if directive.own_line and not directive.whole_file else directive.line
            yield ctx.finding(
                "F001",
                directive.file.span(ref.start, ref.end),
                f"unused suppression: no {ref.code} ({all_rules()[ref.code].name}) problem {scope}; remove it",
                key=f"{ref.code}:{directive.whole_file}:{directive.file.line_text(target).strip()}",
            )


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like: ``*`` stays within a folder, ``**`` crosses folders, a pattern without ``/`` matches names."""
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    parts, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    body = "".join(parts)
    return re.compile(body + "(?:/.*)?" if anchored else f"(?:.*/)?{body}(?:/.*)?", re.DOTALL)


def glob_match(pattern: str, candidates: tuple[str, ...]) -> bool:
    regex = _glob_regex(pattern.lstrip("/"))
    return any(regex.fullmatch(candidate) for candidate in candidates)


def _relative(path: Path, folder: Path) -> str | None:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return None


@dataclass
class Policy:
    """Config-driven filtering; globs are matched against paths relative to ``root`` and to the export root."""

    root: Path = field(default_factory=Path.cwd)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    baseline: Baseline | None = None


def _candidates(finding: Finding, roots: list[Path], policy_root: Path) -> tuple[str, ...]:
    absolute = Path(os.path.abspath(finding.span.path))
    found = [_relative(absolute, policy_root.absolute())]
    found += [_relative(absolute, root) for root in roots]
    return tuple(dict.fromkeys(path for path in found if path))


def apply_policy(result: LintResult, options: LintOptions) -> LintResult:
    """Drop excluded and ignored findings, apply severity overrides, then hide suppressed and baselined ones."""
    policy: Policy = options.policy
    roots = sorted((export.root for export in result.exports), key=lambda root: len(root.parts), reverse=True)
    file_directives = {
        file.relpath: found for export in result.exports for file in export.files if (found := directives(file))
    }
    kept, hidden = [], []
    for finding in result.findings:
        if policy.exclude or policy.per_file_ignores:
            candidates = _candidates(finding, roots, policy.root)
            if any(glob_match(glob, candidates) for glob in policy.exclude):
                continue
            if any(finding.code in codes and glob_match(glob, candidates) for glob, codes in policy.per_file_ignores):
                continue
        if finding.code in policy.severity:
            finding.severity = policy.severity[finding.code]
        if any(directive.covers(finding) for directive in file_directives.get(finding.span.path, ())):
            hidden.append(finding)
            result.suppressed += 1
            continue
        kept.append(finding)
    if policy.baseline is not None:
        kept, baselined, unused = policy.baseline.split(kept)
        hidden += baselined
        result.baselined = len(baselined)
        result.stale = _stale(unused, result, options, policy.baseline)
    result.findings = kept
    result.hidden = hidden
    return result


def _stale(
    unused: Counter[BaselineKey], result: LintResult, options: LintOptions, baseline: Baseline
) -> list[BaselineKey]:
    """Unused entries for rules that ran, on files that were linted (others may still match another run)."""
    linted = {_relative_to_baseline(file.path, baseline) for export in result.exports for file in export.files}
    active = options.codes if options.codes is not None else set(all_rules())
    return sorted(key for key in unused if key.code in active and key.path in linted)


def _relative_to_baseline(path: Path, baseline: Baseline) -> str:
    try:
        return Path(os.path.relpath(path, baseline.folder)).as_posix()
    except ValueError:
        return path.as_posix()

"""Suppression comments: ``// fflint: ignore[CODE,...]`` (``#`` in YAML and .env) covers its own line, or the next
line when the comment stands alone; ``fflint: ignore-file[CODE,...]`` covers the whole file."""

from __future__ import annotations

import os
import re
import weakref
from dataclasses import dataclass, field

from linter.findings import Finding
from linter.model import FileKind, SourceFile
from linter.rules import find_rule

_DIRECTIVE = re.compile(
    r"(?P<marker>//|#)[ \t]*fflint:[ \t]*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]\n]*)\])?"
)
_SLASH_SUFFIXES = frozenset({".dart", ".js", ".mjs", ".cjs", ".ts", ".kt", ".kts", ".java", ".swift", ".gradle"})
_HASH_SUFFIXES = frozenset({".yaml", ".yml", ".sh", ".properties", ".toml", ".ini", ".cfg", ".conf", ".py", ".env"})
_SLASH_KINDS = frozenset(
    {FileKind.API_CALLS, FileKind.API_MANAGER, FileKind.ENV_VALUES_DART, FileKind.PRIVATE_JS, FileKind.DART}
)
OWN_CODES = frozenset({"F001", "F002"})


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


_PARSED: weakref.WeakKeyDictionary[SourceFile, list[Directive]] = weakref.WeakKeyDictionary()


def directives(file: SourceFile) -> list[Directive]:
    """The suppression comments of ``file`` (parsed once per file)."""
    found = _PARSED.get(file)
    if found is None:
        found = _PARSED[file] = _parse(file) if "fflint:" in file.text else []
    return found


def _parse(file: SourceFile) -> list[Directive]:
    text = file.text
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

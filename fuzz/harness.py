"""One fuzz input through fflint, and what must hold afterwards.

Three levels, from fast to thorough:

- ``extract``: the mutated file is read the way the engine reads it (``read_source``) and the export's definitions
  are extracted with the engine's own error handling (``extract_definitions``); the other files are read once.
- ``engine``: ``linter.engine.lint`` on the whole export: discovery, extraction, secret scan and every check.
- ``cli``: ``linter.cli.cli`` through click's CliRunner with a varied command line.

What must hold: no exception escapes; every parse error and every model span lies inside its file with a 1-based
line and column; literal template segments are exact source slices (fixes edit source offsets through them); and an
input a reference parser rejects (UTF-8 decoding, ``json.loads``, ruamel.yaml) is reported as a located problem.
"""

from __future__ import annotations

import json
import random
import shutil
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linter.cli import FORMATS
from linter.discover import export_files
from linter.encodings import WIDE_MARKS, decode
from linter.engine import LintOptions, display_path, extract_definitions, lint, read_source
from linter.model import Environment, EnvValue, Export, FileKind, ParseError, SourceFile, Span, Template

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "tests" / "fixtures"
NOW = 1_800_000_000.0
# Codes that report a file fflint or the app cannot read: D001 (fflint), E001 (environment JSON), E007 (.env line).
PARSE_ERROR_CODES = frozenset({"D001", "E001", "E007"})


@dataclass(frozen=True)
class Target:
    seed: str  # export folder under tests/fixtures
    relpath: str  # the file inside it that gets mutated
    extractor: str  # which extractor reads it


TARGETS: dict[str, Target] = {
    "dart": Target("eras/2024", "lib/backend/api_requests/api_calls.dart", "dart"),
    "dart-2023": Target("eras/2023", "lib/backend/api_requests/api_calls.dart", "dart"),
    "dart-2021": Target("eras/2021", "lib/backend/api_requests/api_calls.dart", "dart"),
    "manager": Target("eras/2022", "lib/backend/api_requests/api_manager.dart", "dart"),
    "env-json": Target("eras/2025", "assets/environment_values/environment.json", "json"),
    "env-dart": Target("eras/2025", "lib/environment_values.dart", "env-dart"),
    "js": Target("eras/private", "firebase/functions/api_manager.js", "js"),
    "dotenv": Target("env/tidewatch", ".env", "dotenv"),
    "dart-define": Target("env/tidewatch", "dart_defines.json", "json"),
    "yaml-endpoint": Target("project_yaml/harbor", "api-endpoint/id-ab12cd34.yaml", "yaml"),
    "yaml-environments": Target("project_yaml/harbor", "environment-settings.yaml", "yaml"),
}


def reference_rejects(extractor: str, data: bytes) -> str | None:
    """Why a reference parser rejects ``data`` as this kind of file, or None when it accepts it."""
    try:
        text, _ = decode(data)
    except UnicodeDecodeError:
        return "not UTF-8"
    wide = data.startswith(WIDE_MARKS)
    if (b"\0" in data[:8192] and not wide) or (wide and "\0" in text[:8192]):
        return "binary"
    return reference_rejects_text(extractor, text)


def reference_rejects_text(extractor: str, text: str) -> str | None:
    """Why a reference parser rejects decoded ``text`` as this kind of file, or None when it accepts it."""
    if extractor == "json":
        try:
            json.loads(text, parse_constant=float)
        except (ValueError, RecursionError):
            return "json.loads"
    elif extractor == "yaml":
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            YAML().compose(text)
        except (YAMLError, RecursionError):
            return "ruamel.yaml"
    return None


def _spans(export: Export) -> Iterator[tuple[str, SourceFile | None, Span]]:
    for error in export.parse_errors:
        yield "parse error", None, error.span
    for group in export.groups:
        yield f"group {group.name}", group.file, group.span
    for call in export.calls:
        yield f"call {call.name}", call.file, call.span
        yield from ((f"variable {v.name}", call.file, v.span) for v in call.variables)
    for environment in export.environments:
        errors: list[ParseError] = [*environment.malformed, *([environment.error] if environment.error else [])]
        yield from ((f"environment {environment.name}", environment.file, e.span) for e in errors)
        yield from ((f"value {v.key}", environment.file, v.span) for v in environment.values)
    yield from ((f"config {v.key}", None, v.span) for v in export.config_values)


def _templates(export: Export) -> Iterator[tuple[str, Template]]:
    values: list[tuple[str, object]] = []
    for owner in [*export.groups, *export.calls]:
        values.append((f"{owner.name} base URL", owner.base_url))
        values.extend((f"{owner.name} header", h.name) for h in owner.headers)
        values.extend((f"{owner.name} header", h.value) for h in owner.headers)
    for call in export.calls:
        values.extend([(f"{call.name} URL", call.url), (f"{call.name} body", call.body)])
        values.extend((f"{call.name} param", p.value) for p in call.params)
    entries: list[EnvValue] = [v for e in export.environments for v in e.values] + export.config_values
    values.extend((f"value {v.key}", v.value) for v in entries)
    values.extend((f"key {v.key}", v.key_template) for v in entries)
    yield from ((where, value) for where, value in values if isinstance(value, Template))


def model_problems(export: Export) -> list[str]:
    """Spans outside their file, non-positive positions, literal segments that are not source slices."""
    problems = []
    files = {file.relpath: file for file in export.files}
    for where, file, span in _spans(export):
        source = file or files.get(span.path)
        length = len(source.text) if source is not None else None
        if span.line < 1 or span.col < 1 or span.end_line < span.line:
            problems.append(f"{where}: bad position {span}")
        elif not 0 <= span.start <= span.end or (length is not None and span.end > length):
            problems.append(f"{where}: span {span.start}-{span.end} outside the file ({length} characters)")
    for where, template in _templates(export):
        text = template.file.text
        if not 0 <= template.start <= template.end <= len(text):
            problems.append(f"{where}: template span {template.start}-{template.end} outside the file")
            continue
        for segment in template.segments:
            if segment.kind == "lit" and text[segment.start : segment.end] != segment.text:
                problems.append(
                    f"{where}: literal {segment.text!r} is not the source at {segment.start}-{segment.end} "
                    f"({text[segment.start : segment.end]!r})"
                )
    return problems


def _reported_for(export: Export, path: Path) -> bool:
    shown = display_path(path)
    environments: list[Environment] = export.environments
    return any(error.span.path == shown for error in export.parse_errors) or any(
        environment.file.path == path and (environment.error or environment.malformed) for environment in environments
    )


@dataclass
class Outcome:
    inputs: int = 0
    parse_errors: int = 0  # inputs reported as (partly) unreadable
    failures: int = 0
    slow: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    failure_texts: list[str] = field(default_factory=list)


class Subject:
    """A scratch copy of a target's seed export; the target file is rewritten for each input."""

    def __init__(self, name: str, scratch: Path):
        self.name = name
        self.target = TARGETS[name]
        self.root = scratch / name
        shutil.copytree(SEEDS / self.target.seed, self.root)
        self.path = self.root / self.target.relpath
        self.original = self.path.read_bytes()
        self.files = export_files(self.root).files
        self.kind = next(kind for path, kind in self.files if path == self.path)
        errors: list[ParseError] = []
        self.others = {path: read_source(path, kind, errors) for path, kind in self.files if path != self.path}
        assert not errors, errors

    def restore(self) -> None:
        shutil.rmtree(self.root)
        shutil.copytree(SEEDS / self.target.seed, self.root)

    def extract(self, data: bytes) -> tuple[bool, str | None]:
        """(reported as unreadable, failure or None) with only the extraction step."""
        self.path.write_bytes(data)
        export = Export(self.root, display_path(self.root))
        try:
            for path, kind in self.files:
                if kind is FileKind.BINARY:
                    continue
                if path == self.path:
                    source = read_source(path, kind, export.parse_errors)
                else:
                    other = self.others[path]
                    source = other and SourceFile(other.path, other.relpath, other.kind, other.text, other.encoding)
                if source is not None:
                    export.files.append(source)
            extract_definitions(export)
        except Exception:
            return False, traceback.format_exc()
        return self._judge(data, _reported_for(export, self.path), model_problems(export))

    def engine(self, data: bytes) -> tuple[bool, str | None]:
        """(reported as unreadable, failure or None) with the whole engine and every check."""
        self.path.write_bytes(data)
        try:
            result = lint([self.root], LintOptions(now=NOW))
        except Exception:
            return False, traceback.format_exc()
        problems = []
        for finding in result.findings:
            if finding.span.line < 1 or finding.span.col < 1:
                problems.append(f"finding without a location: {finding.code} {finding.message}")
        shown = display_path(self.path)
        reported = any(f.code in PARSE_ERROR_CODES and f.span.path == shown for f in result.findings)
        return self._judge(data, reported, problems)

    def _judge(self, data: bytes, reported: bool, problems: list[str]) -> tuple[bool, str | None]:
        # Only when nothing was reported: the reference parsers are slow on hostile input fflint refuses up front.
        why = None if reported else reference_rejects(self.target.extractor, data)
        if why is not None:
            problems.append(f"rejected by {why} but no parse error reported for {self.target.relpath}")
        return reported, "\n".join(problems) or None


CLI_EXTRAS: list[list[str]] = [
    [],
    ["--diff"],
    ["--diff", "--unsafe-fixes"],
    ["--fix"],
    ["--fix", "--unsafe-fixes"],
    ["--statistics"],
    ["-q"],
    ["--select", "A,H,U"],
    ["--ignore", "S"],
    ["--fail-on", "info"],
    ["--exit-zero"],
    ["--jobs", "2"],
    ["--now", "not-a-date"],
    ["--select", "Z999"],
]


def cli_args(rng: random.Random, root: Path) -> list[str]:
    if rng.random() < 0.15:
        return ["calls", str(root), "--format", rng.choice(["text", "json"])]
    args = ["check", str(root), "--no-cache", "--now", "2026-11-28", "--format", rng.choice(FORMATS)]
    for _ in range(rng.randint(0, 2)):
        args += rng.choice(CLI_EXTRAS)
    return args


def run_cli(args: list[str]) -> str | None:
    """Failure description or None: exit 0, 1 or 2 and never a traceback."""
    from click.testing import CliRunner

    from linter.cli import cli

    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        info = result.exc_info
        trace = "".join(traceback.format_exception(*info)) if info else repr(result.exception)
        return f"fflint {' '.join(args)}\n{trace}"
    if result.exit_code not in (0, 1, 2):
        return f"fflint {' '.join(args)}: exit code {result.exit_code}\n{result.output}"
    if result.exit_code == 2 and "fflint: error:" not in result.output and "Error: " not in result.output:
        return f"fflint {' '.join(args)}: exit code 2 without an error line\n{result.output}"
    return None

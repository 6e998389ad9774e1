"""The data path, top to bottom: discover → read → extract (the model) → resolve (what each call sends, computed
on first use by the checks) → check → suppress → result."""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linter.discover import BINARY_SNIFF_BYTES, MAX_TEXT_BYTES, Discovery, ExportFiles, discover
from linter.encodings import WIDE_MARKS, decode, display_name
from linter.findings import Finding
from linter.model import DEFINITION_KINDS, SCANNED_KINDS, ContentTypeMode, Export, FileKind, ParseError, SourceFile
from linter.resources import data_digest
from linter.run_cache import RunCache, run_key, token_deadline
from linter.scan_cache import PendingScan, ScanCache
from linter.suppress import Policy, PolicyOutcome, apply_policy

if TYPE_CHECKING:
    from linter.archive import ZipArchive
    from linter.check_context import CheckContext
    from linter.extract_cache import ExtractCache

# The checks, the extractors and the secret catalog are imported on first use: a run whose findings come from the
# run cache (an unchanged tree) needs none of them.
_TEXT_KIND_SUFFIXES = (".dart", ".js", ".json", ".yaml", ".yml")


@dataclass
class LintOptions:
    codes: set[str] | None = None  # None: every rule
    now: float = field(default_factory=time.time)
    rule_options: dict[str, dict] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)  # excludes, per-file ignores, severity overrides, baseline
    cache_dir: Path | None = None  # content-hash caches (scan results, findings); None disables them
    reuse_findings: bool = True  # False for --fix/--diff, which need the fixes' edits
    jobs: int = 1  # processes for the secret scan of large trees
    texts: dict[str, str] = field(default_factory=dict)  # absolute path -> text to lint instead of the file's (--fix)


@dataclass
class LintResult:
    findings: list[Finding]
    exports: list[Export]  # export roots, and the groups of files outside any export (``Export.loose``)
    without_export: list[Path]  # given paths with no FlutterFlow export: checked for secrets only
    hidden: list[Finding] = field(default_factory=list)  # suppressed inline or by the baseline
    suppressed: int = 0
    baselined: int = 0
    stale: list = field(default_factory=list)  # baseline entries that matched nothing (BaselineKey)
    # Where every secret of the linted files sits (path -> source ranges): every match of the secret scanner in every
    # file read and every credential the checks recognised, whichever rules ran or were hidden, so that output built
    # from file text (code frames, diffs) can mask them without scanning again.
    secret_spans: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    unopened: list[Path] = field(default_factory=list)  # archives inside a given archive: never opened

    def source_files(self) -> dict[str, SourceFile]:
        return {source.relpath: source for export in self.exports for source in export.files}

    @property
    def export_count(self) -> int:
        return sum(not export.loose for export in self.exports)

    @property
    def loose_file_count(self) -> int:
        """Files outside every export that were read for secrets."""
        return sum(len(export.files) for export in self.exports if export.loose)


def display_path(path: Path) -> str:
    """A path as users see it: relative to the working folder when it is inside it."""
    raw, cwd = os.fspath(path), os.getcwd()
    normal = os.sep == "/" and raw.startswith("/") and "/." not in raw + cwd and "//" not in raw and cwd != "/"
    if normal and raw.startswith(cwd + "/"):
        relative = raw[len(cwd) + 1 :]  # what relpath says of a normal absolute path, without its cost
    elif normal and raw != cwd:
        relative = ".."  # outside the working folder
    else:
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = ".."
    shown = path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
    # A file name that is not valid UTF-8 arrives with surrogate escapes; show its bytes instead of crashing output.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_source(
    path: Path,
    kind: FileKind,
    errors: list[ParseError],
    texts: dict[str, str] | None = None,
    archive: ZipArchive | None = None,
) -> SourceFile | None:
    """Read one file; problems with definition-like files become parse errors, the rest is skipped. ``texts`` holds
    text planned for a file (fixes applied in memory), read instead of the file; ``archive`` the ZIP archive that
    holds the file (``path`` is then inside it)."""
    source = SourceFile(path, display_path(path), kind)
    planned = texts.get(os.path.abspath(path)) if texts else None
    if planned is not None:
        source.text, source.size = planned, len(planned)
        return source
    try:
        size = archive.size(path) if archive is not None else path.stat().st_size
        if size > MAX_TEXT_BYTES:
            if kind in DEFINITION_KINDS or path.suffix in _TEXT_KIND_SUFFIXES:
                errors.append(
                    ParseError(
                        source.span(0),
                        f"file is {size // (1024 * 1024)} MB, over the "
                        f"{MAX_TEXT_BYTES // (1024 * 1024)} MB limit; not checked",
                    )
                )
            return None
        data = archive.read(path) if archive is not None else path.read_bytes()
    except OSError as error:
        errors.append(ParseError(source.span(0), f"cannot read file: {error.strerror or error}"))
        return None
    source.size = len(data)
    reported = kind in DEFINITION_KINDS or path.suffix in _TEXT_KIND_SUFFIXES
    binary = "file holds binary data, not text; not checked"
    if b"\0" in data[:BINARY_SNIFF_BYTES] and not data.startswith(WIDE_MARKS):
        if reported:
            errors.append(ParseError(source.span(0), binary))
        return None
    try:
        source.text, source.encoding = decode(data)
    except UnicodeDecodeError as error:
        if reported:
            message = f"file is not valid {display_name(error.encoding)} (byte {error.start}); not checked"
            errors.append(ParseError(source.span(0), message))
            return None
        source.text, source.encoding = data.decode("utf-8", errors="replace"), "utf-8"
    if data.startswith(WIDE_MARKS) and "\0" in source.text[:BINARY_SNIFF_BYTES]:  # wide text of NUL characters
        if reported:
            errors.append(ParseError(source.span(0), binary))
        return None
    return source


# The request definitions: only worth reading in pre-commit mode when one of them changed.
REQUEST_KINDS = frozenset({FileKind.API_CALLS, FileKind.API_MANAGER, FileKind.PRIVATE_JS})


def load_export(files: ExportFiles, focus: set[Path] | None = None) -> Export:
    """Read and extract one export."""
    export = read_export(files, focus)
    extract_definitions(export)
    return export


def read_export(files: ExportFiles, focus: set[Path] | None = None, texts: dict[str, str] | None = None) -> Export:
    """Read one export's files.

    With ``focus`` (pre-commit passes the changed files), only the focused files and the definition files that
    give them context are read; the API calls themselves only when one of the request definitions is focused,
    since findings are then reported for the focused files alone.
    """
    export = Export(files.root, display_path(files.root), loose=files.loose)
    focused_kinds = {kind for path, kind in files.files if focus is not None and path in focus}
    for path, kind in files.files:
        if kind is FileKind.BINARY:
            continue
        outside_focus = focus is not None and path not in focus
        if outside_focus and (
            kind not in DEFINITION_KINDS or (kind in REQUEST_KINDS and focused_kinds.isdisjoint(REQUEST_KINDS))
        ):
            continue
        source = read_source(path, kind, export.parse_errors, texts, files.archive)
        if source is None:
            continue
        export.files.append(source)
    return export


def extract_definitions(export: Export, cache: ExtractCache | None = None) -> None:
    """Build the model (groups, calls, environments) from the definition files that were read; the API calls from
    ``cache`` when it has this api_calls.dart."""
    from linter.extract.dart import extract_dart_api
    from linter.extract.dart_lexer import DartSyntaxError
    from linter.extract.manager import content_type_mode, detect_era

    by_kind: dict[FileKind, SourceFile] = {}
    for source in export.files:
        by_kind.setdefault(source.kind, source)
    calls_file = by_kind.get(FileKind.API_CALLS)
    manager_file = by_kind.get(FileKind.API_MANAGER)
    if calls_file is not None:
        export.era = detect_era(calls_file.text)
        extraction = cache.lookup(calls_file) if cache is not None else None
        if extraction is None:
            try:
                extraction = extract_dart_api(calls_file)
            except DartSyntaxError as error:
                export.parse_errors.append(
                    ParseError(calls_file.span(error.offset), f"cannot parse API calls: {error.message}")
                )
            except RecursionError:
                export.parse_errors.append(
                    ParseError(calls_file.span(0), "cannot parse API calls: strings or expressions nested too deeply")
                )
            else:
                if cache is not None:
                    cache.store(calls_file, extraction)  # before anything below changes the calls
        if extraction is not None:
            export.groups, export.calls = extraction.groups, extraction.calls
    if FileKind.PRIVATE_JS in by_kind:
        from linter.extract.js import join_private_calls  # pygments' JS lexer: only when there is JS

        join_private_calls(export, by_kind[FileKind.PRIVATE_JS])
    export.content_type_mode = content_type_mode(
        manager_file.text if manager_file else None, calls_file.text if calls_file else None
    )
    _extract_environments(export, by_kind)


def _extract_environments(export: Export, by_kind: dict[FileKind, SourceFile]) -> None:
    """Environment values, .env and --dart-define files, and Project YAML (calls, environments, config)."""
    from linter.extract.dotenv import extract_dotenv
    from linter.extract.env_values import extract_env_values

    extract_env_values(export)
    extract_dotenv(export)
    if FileKind.PROJECT_YAML in by_kind:
        from linter.extract.project_yaml import extract_project_yaml

        extract_project_yaml(export)
        if FileKind.API_CALLS not in by_kind and export.calls:
            # Project YAML alone: FlutterFlow generates today's API manager (Content-Type set only when unset).
            export.content_type_mode = ContentTypeMode.IF_UNSET


def run_checks(export: Export, ctx: CheckContext, codes: set[str] | None) -> list[Finding]:
    """Run the checks of the selected codes, then the suppress-stage checks (F001, F002) over what they found.

    F001 needs the findings of every rule a suppression comment names, so those rules run too when F001 is
    selected; only the selected codes are returned. Exact duplicates are dropped (a spread group header is reached
    once per call that spreads it).
    """
    from linter.checks import registered_checks
    from linter.checks.suppressions import named_codes

    selected = set(registered_checks()) if codes is None else set(codes)
    to_run = selected | (named_codes(export) if "F001" in selected else set())
    produced = _run_stage(export, ctx, to_run, "model")
    judged = _run_stage(export, ctx, selected, "suppress", produced)
    return [finding for finding in produced if finding.code in selected] + judged


def _run_stage(
    export: Export, ctx: CheckContext, codes: set[str], stage: str, *produced: list[Finding]
) -> list[Finding]:
    from linter.checks import registered_checks, stage_of

    findings: list[Finding] = []
    seen: set[tuple] = set()
    for code, function in sorted(registered_checks().items()):
        if code not in codes or stage_of(code) != stage:
            continue
        for finding in function(export, ctx, *produced):
            identity = (finding.code, finding.span.path, finding.span.start, finding.span.end, finding.message)
            if identity not in seen:
                seen.add(identity)
                findings.append(finding)
    return findings


# Outside an export only secrets (and the suppression comments about them) are judged: the request, header and
# environment rules need the export's model.
_REPOSITORY_WIDE_FAMILIES = ("S", "F")


def _codes_for(export: Export, codes: set[str] | None) -> set[str] | None:
    if not export.loose:
        return codes
    from linter.checks import registered_checks

    chosen = set(registered_checks()) if codes is None else codes
    return {code for code in chosen if code.startswith(_REPOSITORY_WIDE_FAMILIES)}


def _without_secrets(found: list[Finding], export: Export, spans: dict[str, set[tuple[int, int]]]) -> list[Finding]:
    """The findings with every secret their messages and hints quote masked: a rule about something else may quote
    the text that holds one (a "placeholder" that is a key written between brackets)."""
    from linter.secrets import mask_secrets
    from linter.secrets.redact import values_at

    values = values_at(spans, {file.relpath: file for file in export.files})
    values = {value for value in values if not (value.isalpha() and value.islower())}  # "password" the word stays
    masked = []
    for finding in found:
        message = mask_secrets(finding.message, values)
        hint = mask_secrets(finding.hint, values) if finding.hint else finding.hint
        if (message, hint) != (finding.message, finding.hint):
            finding = dataclasses.replace(finding, message=message, hint=hint)
        masked.append(finding)
    return masked


def _check_export(
    export: Export,
    ctx: CheckContext,
    codes: set[str] | None,
    options: LintOptions,
    scan_cache: ScanCache | None,
    extract_cache: ExtractCache | None,
) -> tuple[list[Finding], dict[str, set[tuple[int, int]]]]:
    """Extract and check one export: its findings and where its secrets sit."""
    from linter.causes import assign_causes
    from linter.checks.secrets import secret_spans

    # The secret scan runs in worker processes while this one extracts the model and runs the checks that need no
    # scan result; the first scan_text call waits for the rest.
    pending = PendingScan([f for f in export.files if f.kind in SCANNED_KINDS], scan_cache, options.jobs)
    try:
        if not export.loose:
            extract_definitions(export, extract_cache)
        found = run_checks(export, ctx, codes)
        assign_causes(found, export)
        spans = secret_spans(export)
        found = _without_secrets(found, export, spans)
    except BaseException:
        pending.cancel()
        raise
    pending.finish()
    return found, spans


def lint(paths: list[Path], options: LintOptions) -> LintResult:
    """Lint every export under ``paths``: the findings that remain after the policy, and the ones it hid."""
    discovery: Discovery = discover(paths)
    ctx: CheckContext | None = None
    extract_cache: ExtractCache | None = None
    findings: list[Finding] = []
    exports = []
    spans: dict[str, set[tuple[int, int]]] = {}
    scan_cache = ScanCache(options.cache_dir) if options.cache_dir is not None else None
    run_cache = RunCache(options.cache_dir) if options.cache_dir is not None and options.reuse_findings else None
    for files in discovery.exports:
        focus = discovery.focus.get(files.root)
        export = read_export(files, focus, options.texts)
        exports.append(export)
        codes = _codes_for(export, options.codes)
        key = run_key(export, codes, options.rule_options, data_digest()) if run_cache else ""
        cached = run_cache.lookup(key, options.now) if run_cache else None
        if cached is not None:
            found, export.checked_calls, secrets = cached
        else:
            if ctx is None:
                from linter.check_context import CheckContext

                ctx = CheckContext(now=options.now, rule_options=options.rule_options)
            if extract_cache is None and options.cache_dir is not None:
                from linter.extract_cache import ExtractCache

                extract_cache = ExtractCache(options.cache_dir)
            found, secrets = _check_export(export, ctx, codes, options, scan_cache, extract_cache)
            if run_cache is not None:
                deadline = token_deadline(export, options.now)
                run_cache.store(key, found, len(export.calls), secrets, options.now, deadline)
        for path, ranges in secrets.items():
            spans.setdefault(path, set()).update(ranges)
        if focus is not None:
            shown = {display_path(path) for path in focus}
            found = [finding for finding in found if finding.span.path in shown]
        findings.extend(found)
    for cache in (scan_cache, extract_cache, run_cache):
        if cache is not None:
            cache.save()
    findings.sort(key=Finding.sort_key)
    outcome: PolicyOutcome = apply_policy(findings, exports, options.policy, options.codes)
    return LintResult(
        outcome.kept,
        exports,
        discovery.without_export,
        outcome.hidden,
        outcome.suppressed,
        outcome.baselined,
        outcome.stale,
        spans,
        discovery.unopened,
    )

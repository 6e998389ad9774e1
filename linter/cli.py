"""Command line: check (alias lint), calls, rules, explain. Heavy modules are imported per command."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from linter import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> NoReturn:
    """One readable line on stderr and exit 2: bad input never ends in a traceback."""
    click.echo(f"fflint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _parse_now(value: str | None) -> float | None:
    from linter.config import parse_moment

    if value is None:
        return None
    moment = parse_moment(value)
    if moment is None:
        fail(f"--now: '{value}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)")
    return moment


def _expand(values: tuple[str, ...], option: str) -> set[str]:
    from linter.rules import select_codes

    try:
        return set(select_codes(part for value in values for part in value.split(",")))
    except ValueError as error:
        fail(f"{option}: {error}")


def _codes(config, select: tuple[str, ...], extend: tuple[str, ...], ignore: tuple[str, ...]) -> set[str]:
    """CLI --select replaces the config's select; extend-select and ignore add to the config's."""
    from linter.rules import all_rules

    if select:
        chosen = _expand(select, "--select")
    elif config.select is not None:
        chosen = _expand(config.select, "select")
    else:
        chosen = set(all_rules())
    chosen |= _expand(config.extend_select, "extend-select") | _expand(extend, "--extend-select")
    chosen -= _expand(config.ignore, "ignore") | _expand(ignore, "--ignore")
    return chosen


FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


COMMAND_ALIASES = {"lint": "check"}


class AliasedGroup(click.Group):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, COMMAND_ALIASES.get(cmd_name, cmd_name))

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else name), command, rest


_debug = False  # set by --debug before a command runs; read by main() when one fails


@click.group(cls=AliasedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fflint", message="%(prog)s %(version)s")
@click.option(
    "--debug",
    is_flag=True,
    envvar="FFLINT_DEBUG",
    help="On an internal error, print where it happened (a traceback with secrets masked) for a bug report.",
)
def cli(debug: bool) -> None:
    """fflint: find what makes FlutterFlow API calls fail (401/403/400) and hardcoded secrets, offline."""
    global _debug
    _debug = debug


def debug_traceback(error: BaseException) -> str:
    """The traceback of ``error`` and its causes. Frames show fflint's and its libraries' own source lines; the
    exception messages may quote linted files, so they are masked like any output."""
    import traceback

    from linter.secrets import mask_message

    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.StackSummary.extract(traceback.walk_tb(current.__traceback__), capture_locals=False)
        parts.insert(0, "".join(frames.format()) + f"{type(current).__name__}: {mask_message(str(current))}\n")
        current = current.__cause__ or current.__context__
    return "Traceback (most recent call last; messages masked):\n" + "\nwhich led to:\n".join(parts)


def main() -> None:
    """Console entry point: an unexpected error is one line and exit 2; a traceback only with --debug."""
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("fflint: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence; the message names the failure, not file content
        if _debug:
            click.echo(debug_traceback(error), err=True, nl=False)
            fail(f"internal error ({type(error).__name__}); please report it with the traceback above")
        fail(f"internal error ({type(error).__name__}); please report it with the command you ran (add --debug)")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    help="Output format: sarif for GitHub code scanning, github for workflow annotations, gitlab for GitLab Code "
    "Quality [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (A, S0) or names; comma-separated.")
@click.option("--extend-select", multiple=True, help="Add these rules to the selection (config or default).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes or names; comma-separated.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--statistics", is_flag=True, help="Count problems per rule (and list stale baseline entries).")
@click.option("-q", "--quiet", is_flag=True, help="Only the problem lines: no code frames, hints or summary.")
@click.option(
    "--all-places", is_flag=True, help="List every place of a problem found in several (text shows the first 3)."
)
@click.option("-o", "--output", "output_file", type=click.Path(path_type=Path), help="Write the report to FILE.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this .fflint.yaml.")
@click.option("--no-config", is_flag=True, help="Ignore every .fflint.yaml.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path), help="Hide problems listed in FILE.")
@click.option(
    "--write-baseline", "write_baseline_file", type=click.Path(path_type=Path), help="Accept every problem into FILE."
)
@click.option("--now", "now_text", metavar="DATE", help="Judge token expiry at this ISO date (reproducible runs).")
@click.option(
    "--fix", "apply_fixes", is_flag=True, help="Apply safe fixes in place, then report what remains (not in a ZIP)."
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include fixes that may change meaning.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (not for a ZIP)."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the content-hash cache (.fflint_cache/).")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    default=Path(".fflint_cache"),
    show_default=True,
    help="Where the content-hash cache lives.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the secret scan of large trees (default: one per core).",
)
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    all_places: bool,
    output_file: Path | None,
    config_file: Path | None,
    no_config: bool,
    baseline_file: Path | None,
    write_baseline_file: Path | None,
    now_text: str | None,
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    no_cache: bool,
    cache_dir: Path,
    jobs: int | None,
) -> None:
    """Lint FlutterFlow exports in PATHS: folders, files, or the ZIP that FlutterFlow's "Download Code" gives, read in
    place (default: the current folder). Exit codes: 0 clean, 1 problems at or above --fail-on, 2 usage or input
    error.
    """
    from linter.archive import is_archive
    from linter.baseline import BaselineError, load_baseline, write_baseline
    from linter.config import ConfigError, resolve_config
    from linter.discover import DiscoveryError
    from linter.engine import LintOptions, display_path, lint
    from linter.findings import SEVERITY_RANK
    from linter.suppress import Policy

    targets = list(paths) or [Path(".")]
    if apply_fixes or show_diff:
        option = "--fix" if apply_fixes else "--diff"
        for target in targets:
            if is_archive(target):
                fail(
                    f"{option} needs files on disk and {target} is a ZIP archive, which fflint never writes into: "
                    f"extract it and run {option} on the folder (or fix it in FlutterFlow and download it again)"
                )
    try:
        config = resolve_config(targets, config_file, no_config)
    except ConfigError as error:
        fail(str(error))
    options = LintOptions(
        codes=_codes(config, select, extend_select, ignore),
        rule_options=config.rule_options,
        cache_dir=None if no_cache else cache_dir,
        jobs=jobs or os.cpu_count() or 1,
        reuse_findings=not (apply_fixes or show_diff),
    )
    now = _parse_now(now_text) if now_text is not None else _parse_now(config.now)
    if now is not None:
        options.now = now
    options.policy = Policy(
        root=config.root,
        exclude=config.exclude,
        per_file_ignores=config.per_file_ignores,
        severity=config.severity,
    )
    baseline_path = baseline_file or config.baseline
    if baseline_path is not None and write_baseline_file is None:
        try:
            options.policy.baseline = load_baseline(baseline_path)
        except BaselineError as error:
            fail(str(error))
    refused = False
    try:
        result = lint(targets, options)
        if show_diff or apply_fixes:
            outcome = _plan_fixes(targets, options, result, unsafe_fixes)
            refused = bool(outcome.refused)
            if show_diff:
                shown = _print_diff(outcome)
                sys.exit(EXIT_USAGE if refused else EXIT_FINDINGS if shown else EXIT_CLEAN)
            result = _apply_fixes(outcome, quiet)
    except DiscoveryError as error:
        fail(str(error))
    if not quiet:
        for path in result.without_export:
            click.echo(f"fflint: {path}: no FlutterFlow export found there; checked for secrets only", err=True)
        for path in result.unopened:
            note = "an archive inside an archive is not opened; not checked"
            click.echo(f"fflint: {display_path(path)}: {note}", err=True)
    if write_baseline_file is not None:
        try:
            count = write_baseline(result.findings, write_baseline_file)
        except OSError as error:
            fail(f"cannot write baseline {write_baseline_file}: {error.strerror or error}")
        click.echo(f"fflint: wrote {count} problem{'s' if count != 1 else ''} to {write_baseline_file}", err=True)
        sys.exit(EXIT_CLEAN)
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    _emit(result, chosen, output_file, quiet=quiet, statistics=statistics, all_places=all_places)
    threshold = SEVERITY_RANK[fail_on or config.fail_on or "warning"]
    failing = any(SEVERITY_RANK[finding.severity] >= threshold for finding in result.findings)
    if refused:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _emit(
    result, output_format: str, output_file: Path | None, *, quiet: bool, statistics: bool, all_places: bool
) -> None:
    """Render the report to stdout or --output; with --statistics the counts replace the text report."""
    from linter.report import text

    if output_format == "text":
        from linter.report.frame import color_wanted

        color = output_file is None and color_wanted(sys.stdout.isatty())
        report = (
            text.statistics(result)
            if statistics
            else text.render(result, color=color, quiet=quiet, all_places=all_places)
        )
    else:
        module = importlib.import_module(f"linter.report.{'json_format' if output_format == 'json' else output_format}")
        report = module.render(result)
        if statistics:
            click.echo(text.statistics(result), err=True, nl=False)
    if output_file is None:
        click.echo(report, nl=False)
        return
    try:
        output_file.write_text(report, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output_file}: {error.strerror or error}")


def _plural(count: int, word: str) -> str:
    ending = "es" if word.endswith(("x", "s")) else "s"
    return f"{count} {word}{ending if count != 1 else ''}"


def _plan_fixes(targets, options, result, unsafe: bool):
    """Fixes applied in memory until nothing changes: what --fix writes and --diff shows."""
    import dataclasses

    from linter.engine import lint
    from linter.fix import fix_until_stable
    from linter.report.redaction import secret_values

    def relint(texts: dict[str, str]):
        return lint(targets, dataclasses.replace(options, texts=texts))

    outcome = fix_until_stable(result, relint, secret_values, unsafe=unsafe)
    for refusal in outcome.refused:
        click.echo(
            f"fflint: internal error: a {refusal.code} fix does not fit {refusal.path}; nothing was written to that "
            "file (please report it" + (f"; {refusal.reason})" if _debug else ", add --debug for details)"),
            err=True,
        )
    return outcome


def _apply_fixes(outcome, quiet: bool):
    """Write every fixed file, or none of them, and say how many fixes each got."""
    from linter.fix import FixWriteError, write_changes

    try:
        write_changes(outcome.changes)
    except FixWriteError as error:
        fail(f"cannot write fixes: {error}")
    if not quiet:
        for change in outcome.changes:
            click.echo(f"fflint: {change.source.relpath}: applied {_plural(change.applied, 'fix')}", err=True)
        total = sum(change.applied for change in outcome.changes)
        if total:
            files = _plural(len(outcome.changes), "file")
            click.echo(f"fflint: fixed {_plural(total, 'problem')} in {files}.", err=True)
    return outcome.result


def _print_diff(outcome) -> bool:
    from linter.fix import unified_diff
    from linter.secrets import mask_secrets

    for change in outcome.changes:
        click.echo(mask_secrets(unified_diff(change), outcome.secret_values), nl=False)
    return bool(outcome.changes)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def calls(paths: tuple[Path, ...], output_format: str) -> None:
    """List the API calls fflint extracted (audit your APIs; see what the parser understood)."""
    from linter.discover import DiscoveryError
    from linter.engine import LintOptions, lint
    from linter.report.calls import render_json, render_text

    try:
        result = lint(list(paths) or [Path(".")], LintOptions(codes={"D001"}))
    except DiscoveryError as error:
        fail(str(error))
    render = render_json if output_format == "json" else render_text
    click.echo(render([export for export in result.exports if not export.loose]), nl=False)
    for finding in result.findings:
        click.echo(f"fflint: {finding.span.path}:{finding.span.line}:{finding.span.col}: {finding.message}", err=True)


@cli.command()
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
def rules(output_format: str) -> None:
    """List every rule: code, name, family, default severity, fixable."""
    from linter.report.rules_doc import rules_json, rules_markdown, rules_table

    render = {"json": rules_json, "markdown": rules_markdown}.get(output_format, rules_table)
    click.echo(render(), nl=False)


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show a rule's documentation: why it breaks requests, examples, where to fix it in FlutterFlow."""
    from linter.report.rules_doc import explain_rule
    from linter.rules import find_rule

    found = find_rule(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (see 'fflint rules')")
    click.echo(explain_rule(found), nl=False)


if __name__ == "__main__":
    main()

"""Command line: check (alias lint), calls, rules, explain. Heavy modules are imported per command."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
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
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail(f"--now: '{value}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> set[str] | None:
    from linter.rules import all_rules, select_codes

    def expand(values: tuple[str, ...]) -> set[str]:
        try:
            return set(select_codes(part for value in values for part in value.split(",")))
        except ValueError as error:
            fail(str(error))

    chosen = expand(select) if select else set(all_rules())
    chosen -= expand(ignore)
    return chosen


COMMAND_ALIASES = {"lint": "check"}


class AliasedGroup(click.Group):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, COMMAND_ALIASES.get(cmd_name, cmd_name))

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else name), command, rest


@click.group(cls=AliasedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fflint", message="%(prog)s %(version)s")
def cli() -> None:
    """fflint: find what makes FlutterFlow API calls fail (401/403/400) and hardcoded secrets, offline."""


def main() -> None:
    """Console entry point: an unexpected error is one line and exit 2, never a traceback."""
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("fflint: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence; the message names the failure, not file content
        fail(f"internal error ({type(error).__name__}); please report it with the command you ran")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (A, S0) or names; comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes or names; comma-separated.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--now", "now_text", metavar="DATE", help="Judge token expiry at this ISO date (reproducible runs).")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include fixes that may change meaning.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
def check(
    paths: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    exit_zero: bool,
    now_text: str | None,
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
) -> None:
    """Lint FlutterFlow exports in PATHS (folders or files; default: the current folder)."""
    from linter.discover import DiscoveryError
    from linter.engine import LintOptions, lint
    from linter.findings import SEVERITY_RANK

    options = LintOptions(codes=_codes(select, ignore))
    now = _parse_now(now_text)
    if now is not None:
        options.now = now
    targets = list(paths) or [Path(".")]
    try:
        result = lint(targets, options)
        if show_diff:
            sys.exit(_print_diff(result, unsafe_fixes))
        if apply_fixes:
            result = _fix_until_stable(targets, options, result, unsafe_fixes)
    except DiscoveryError as error:
        fail(str(error))
    for outside in result.outside:
        click.echo(f"fflint: {outside}: not inside a FlutterFlow export; skipped", err=True)
    calls = sum(len(export.calls) for export in result.exports)
    if output_format == "json":
        from linter.report.json_format import render
    else:
        from linter.report.text import render
    click.echo(render(result.findings, calls, len(result.exports)), nl=False)
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[finding.severity] >= threshold for finding in result.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


MAX_FIX_PASSES = 10


def _fix_until_stable(targets, options, result, unsafe: bool):
    """Apply fixes and re-lint until nothing changes (overlapping fixes land in later passes)."""
    from linter.engine import lint
    from linter.fix import FixWriteError, plan_changes, write_change

    fixed = 0
    for _ in range(MAX_FIX_PASSES):
        changes = plan_changes(result.findings, result.source_files(), unsafe=unsafe)
        if not changes:
            break
        for change in changes:
            try:
                write_change(change)
            except (FixWriteError, OSError) as error:
                fail(f"cannot write fix: {error}")
            fixed += change.applied
        result = lint(targets, options)
    if fixed:
        click.echo(f"fflint: fixed {fixed} problem{'s' if fixed != 1 else ''}.", err=True)
    return result


def _print_diff(result, unsafe: bool) -> int:
    from linter.fix import plan_changes, unified_diff
    from linter.report.redaction import mask_secrets

    changes = plan_changes(result.findings, result.source_files(), unsafe=unsafe)
    for change in changes:
        click.echo(mask_secrets(unified_diff(change), result.secret_values()), nl=False)
    return EXIT_FINDINGS if changes else EXIT_CLEAN


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
    click.echo(render(result.exports), nl=False)
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

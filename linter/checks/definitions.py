"""D family: definitions fflint could not read (D001), that do not match the generator's shape (D002), or that
contradict each other (D003)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import ApiCall, Export
from linter.schemas import call_json, schema_errors


@check("D001")
def check_parse_error(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """D001 parse-error: a definition file that cannot be read or parsed, at the place it breaks."""
    for error in export.parse_errors:
        yield ctx.finding("D001", error.span, error.message, key=error.message)


@check("D002")
def check_definition_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """D002 definition-invalid: a call whose model does not match schemas/api-call.schema.json."""
    for call in export.calls:
        for where, message in schema_errors("api-call.schema.json", call_json(call)):
            yield ctx.finding(
                "D002",
                call.span,
                f"API call '{call.name}' has an invalid definition at {where}: {message}",
                key=f"{call.name}:{where}",
            )


@check("D003")
def check_duplicate_call_name(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """D003 duplicate-call-name: two calls the generated code cannot tell apart."""
    seen: dict[tuple[str | None, str], ApiCall] = {}
    for call in export.calls:
        # Private calls are routed by callName alone; public ones are unique per group.
        key = (None if call.private else call.group, call.name)
        first = seen.setdefault(key, call)
        if first is call:
            continue
        if call.private:
            message = (
                f"private API call name '{call.name}' is also used at line {first.span.line}: the cloud function "
                "finds the request to send by this name, so one of the two calls runs the other's request"
            )
            severity = "error"
        else:
            # The API manager's response cache keys on the whole request (name, URL, headers, params, body), so
            # the two never share a cached response; the name is only the label ApiManager.clearCache(name) reads.
            cached = call.flags.get("cache") or first.flags.get("cache")
            effect = (
                f"ApiManager.clearCache('{call.name}') clears the cached responses of both"
                if cached
                else "it only labels them (the response cache keys on the whole request), so nothing mixes them up"
            )
            message = (
                f"API call name '{call.name}' is also used at line {first.span.line}: {effect}; rename one for clarity"
            )
            severity = "info"
        yield ctx.finding("D003", call.span, message, severity=severity, key=f"{call.group}:{call.name}")

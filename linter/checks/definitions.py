"""D family: definitions fflint could not read or that contradict each other."""

from __future__ import annotations

from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.findings import Finding
from linter.model import ApiCall, Export
from linter.rules import check


@check("D003")
def check_duplicate_call_names(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[tuple[str | None, str], ApiCall] = {}
    for call in export.calls:
        # Private calls are routed by callName alone; public ones are unique per group.
        key = (None if call.private else call.group, call.name)
        first = seen.setdefault(key, call)
        if first is call:
            continue
        yield ctx.finding(
            "D003",
            call.span,
            f"API call name '{call.name}' is also used at line {first.span.line}; the generated code cannot "
            "tell the two apart",
            key=f"{call.group}:{call.name}",
        )


@check("D001")
def check_parse_errors(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for error in export.parse_errors:
        yield ctx.finding("D001", error.span, error.message, key=error.message)

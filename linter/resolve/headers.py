"""Headers as the runtime merges them: a 2023 group map spread first, then the call's own entries; a later key,
compared ignoring case, replaces the value of an earlier one and keeps its place."""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import ApiCall, Export, Header, Template


def effective_headers(export: Export, call: ApiCall) -> list[Header]:
    """Every header entry the runtime reads for ``call``, in order: spread group maps first, then the call's own."""
    merged: list[Header] = []
    for group_name in call.spreads:
        group = export.group(group_name)
        if group is not None:
            merged.extend(
                Header(header.name, header.value, "group-spread", header.file, header.start, header.end)
                for header in group.headers
            )
    merged.extend(call.headers)
    return merged


def header_key(header: Header) -> str | None:
    """The name the runtime compares (trimmed, lowercase), or None when the name is not a literal."""
    name = header.name_text
    return name.strip().lower() if name is not None else None


def winning_headers(headers: list[Header]) -> list[Header]:
    """What the runtime sends: like a Dart map literal, a later key (ignoring case) replaces the value of an earlier
    one but keeps its position. A name that is an expression is always its own entry."""
    by_name: dict[str, int] = {}
    resolved: list[Header] = []
    for header in headers:
        key = header_key(header)
        if key is not None and key in by_name:
            resolved[by_name[key]] = header
            continue
        if key is not None:
            by_name[key] = len(resolved)
        resolved.append(header)
    return resolved


def overrides_group(earlier: Header, later: Header) -> bool:
    """True when ``later``, a call's own entry, replaces ``earlier``, one its group supplied (a 2023 spread, or the
    group entries the 2024+ Dart and the private-call JS generators copy to the front of the call's map): how a
    call overrides its group's header, not a header set twice by mistake."""
    return earlier.origin in ("group-spread", "group-copy") and later.origin == "call"


def header_maps(export: Export) -> Iterator[tuple[ApiCall | None, str, list[Header]]]:
    """Each header map literal once, as written: a group's own map (call None), and a call's entries (its own and the
    ones the 2024+ generator copied from its group)."""
    for group in export.groups:
        yield None, group.name, group.headers
    for call in export.calls:
        yield call, call.name, [header for header in call.headers if header.origin in ("call", "group-copy")]


def literal_header(header: Header, name: str) -> Template | None:
    """The header's value template when its literal name equals ``name`` (lowercase), ignoring case and padding."""
    if header_key(header) == name and isinstance(header.value, Template):
        return header.value
    return None

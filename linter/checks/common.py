"""Small helpers shared by check modules."""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import ApiCall, Export, Header, Template


def where_in_flutterflow(call: ApiCall, section: str) -> str:
    """The FlutterFlow UI path to edit, since a re-export overwrites hand fixes in the Dart code."""
    place = f"API Calls → {ui_group_name(call.group)} → {call.name}" if call.group else f"API Calls → {call.name}"
    return f"fix it in FlutterFlow: {place} → {section} (a re-export overwrites edits to the Dart file)"


def ui_group_name(class_name: str) -> str:
    """The group's name in the FlutterFlow UI: the generator names the class "<Name>Group"."""
    return class_name.removesuffix("Group") or class_name


def where_in_group(group_name: str, section: str) -> str:
    return f"fix it in FlutterFlow: API Calls → {group_name} (group) → {section} (a re-export overwrites edits)"


def header_hint(call: ApiCall, header: Header) -> str:
    if header.origin in ("group", "group-spread"):
        return where_in_group(ui_group_name(call.group or "the group"), "Headers")
    return where_in_flutterflow(call, "Headers")


def sent_headers(export: Export) -> Iterator[tuple[ApiCall, Header]]:
    """Every (call, header) pair the runtime sends, group spreads included."""
    for call in export.calls:
        for header in export.effective_headers(call):
            yield call, header


def literal_header(header: Header, name: str) -> Template | None:
    """The header's value template when its literal name equals ``name`` (ignoring case)."""
    if header.name_text is not None and header.name_text.strip().lower() == name and isinstance(header.value, Template):
        return header.value
    return None

"""Helpers the check modules share: where to fix a finding in FlutterFlow's UI, and how to name characters.

Nothing here is a check; what a request sends comes from ``linter.resolve``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timezone

from linter.findings import Edit, Fix
from linter.model import ApiCall, Environment, EnvValue, Export, Header, Template
from linter.resolve import Credential, resolve


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


def env_value_hint(key: str) -> str:
    return f"fix it in FlutterFlow: Settings → Environment Values → {key}"


def describe_char(char: str) -> str:
    """A character as a message names it: 'a space', 'a tab', 'U+200B ZERO WIDTH SPACE'."""
    if char == " ":
        return "a space"
    if char == "\t":
        return "a tab"
    if char in "\r\n":
        return "a line break"
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


# -- JWTs sent as credentials ----------------------------------------------------------------------------------------


_JWT_SHAPE = re.compile(r"e?yJ[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*){0,2}")


def jwt_date(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def jwt_credentials(export: Export) -> Iterator[tuple[ApiCall, Credential, str]]:
    """(call, credential, token) for each JWT-shaped credential a request surely sends, once per place it is written:
    A005 and A006 judge these; the S rules leave a stale user token here to them."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        for found in request.credentials:
            token = found.token
            if not _JWT_SHAPE.fullmatch(token) or not request.surely_sent(found):
                continue
            span = found.token_span()
            if (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield request.call, found, token


# -- environment values ------------------------------------------------------------------------------------------


def env_value_text(value: EnvValue) -> str | None:
    return value.value.text if value.value is not None and value.type != "null" else None


def environment_place(environment: Environment) -> str:
    if environment.source == "project-yaml":
        return f"environment '{environment.name}'"
    return environment.file.relpath


def environment_hint(environment: Environment, key: str) -> str:
    if environment.source in ("env-json", "project-yaml"):
        return (
            f"fix it in FlutterFlow: Settings → Dev Environments → '{key}' (a re-export overwrites "
            "environment.json and a YAML push overwrites the project)"
        )
    return f"edit {environment.file.relpath}"


def removable(template: Template, begin: int, end: int) -> bool:
    """True when rendered characters begin..end map to whole segments (an exact edit can remove them)."""
    position = 0
    for segment in template.segments:
        length = len(segment.text)
        overlaps = position < end and begin < position + length
        if overlaps and segment.kind != "lit" and not (begin <= position and position + length <= end):
            return False
        if overlaps and segment.kind == "interp":
            return False
        position += length
    return True


def delete_fix(template: Template, ranges: list[tuple[int, int]], description: str, kind: str | None) -> Fix | None:
    if not all(removable(template, begin, end) for begin, end in ranges):
        return None
    edits = []
    for begin, end in ranges:
        start, stop = template.source_range(begin, end)
        edits.append(Edit.at(template.file, start, stop, ""))
    return Fix(description, tuple(edits), kind)


def environment_values(export: Export) -> Iterator[tuple[Environment, EnvValue]]:
    for environment in export.environments:
        for value in environment.values:
            yield environment, value

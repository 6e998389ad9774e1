"""Which names a request reads: the identifiers its URL, headers, parameters and body interpolate, following the
locals of the function that builds it (``final prompt = _serializeJson(promptJson);``) and, for a private call,
the values the Dart side forwards to the cloud function (the JS extractor joins those into the JS locals)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.model import ApiCall, Header, Template, Value

_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


def _expression_names(expression: str) -> set[str]:
    return set(_IDENTIFIER.findall(expression))


def value_names(value: Value | None) -> set[str]:
    """Identifiers a value reads: those of a template's interpolations, or of an expression's source."""
    if value is None:
        return set()
    if isinstance(value, Template):
        return {name for _, _, expression in value.interpolations for name in _expression_names(expression)}
    return _expression_names(value.source)


def follow(call: ApiCall, names: Iterable[str]) -> frozenset[str]:
    """``names`` and every name the call's locals among them are built from."""
    pending, seen = list(names), set()
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(value_names(call.locals.get(name)))
    return frozenset(seen)


def request_values(call: ApiCall, headers: Iterable[Header]) -> list[Value]:
    """Every value that makes up the request: URL, base URL, header names and values, parameters, body."""
    values: list[Value | None] = [call.url, call.base_url, call.body]
    for header in headers:
        values += [header.name, header.value]
    for param in call.params:
        values += [param.key, param.value]
    return [value for value in values if value is not None]


def names_read(call: ApiCall, headers: Iterable[Header]) -> frozenset[str]:
    """Every identifier the request reads, locals followed to what they are built from; names that hand-written
    code around the request reads count too, since fflint does not follow where they go."""
    names = [name for value in request_values(call, headers) for name in value_names(value)]
    return follow(call, [*names, *call.other_reads])

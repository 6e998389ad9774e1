"""E family, environment values flowing into calls: references to values the app does not have (E002), empty values
a call needs (E003), values that repeat the header name or scheme the call already writes (E004)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.common import (
    delete_fix,
    env_value_text,
    environment_hint,
    environment_place,
    environment_values,
    where_in_flutterflow,
)
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import EnvValue, Export, FileKind, Template
from linter.resolve import Request, resolve
from linter.vocabulary import AUTH_HEADER_NAMES, ENV_REFERENCE, SCHEME_BEFORE, is_credential_name

# A whole header line pasted as a value: an auth header's name (or another header users paste), then a colon.
_PASTED_HEADERS = AUTH_HEADER_NAMES | {"proxy-authorization", "cookie", "content-type", "accept"}
_HEADER_LINE = re.compile(
    r"\s*(" + "|".join(sorted(map(re.escape, _PASTED_HEADERS), key=len, reverse=True)) + r")[ \t]*:[ \t]*(?=\S)",
    re.IGNORECASE,
)


def _private_in_yaml(export: Export, key: str) -> bool:
    return any(
        value.private
        for environment in export.environments
        if environment.source == "project-yaml"
        for value in environment.values
        if value.key == key
    )


def _code_lines_without_comments(text: str) -> str:
    return re.sub(r"//[^\n]*", lambda found: " " * len(found.group()), text)


@check("E002")
def check_env_reference_undefined(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E002 env-reference-undefined: FFDevEnvironmentValues().x with no getter, or a getter whose key is missing."""
    definition = export.env_definition
    current = next(
        (e for e in export.environments if e.source == "env-json" and e.current and e.error is None),
        None,
    )
    private_calls = [call for call in export.calls if call.private]
    for file in export.files:
        if file.kind not in (FileKind.API_CALLS, FileKind.DART) or "FFDevEnvironmentValues" not in file.text:
            continue
        text = _code_lines_without_comments(file.text)
        declared = set(re.findall(r"\w+", definition.file.text)) if definition is not None else set()
        for found in ENV_REFERENCE.finditer(text):
            name = found.group(1)
            span = file.span(found.start(1), found.end(1))
            if definition is None:
                yield ctx.finding(
                    "E002",
                    span,
                    f"FFDevEnvironmentValues().{name} is used but the export has no lib/environment_values.dart: the "
                    "app does not compile",
                    key=name,
                )
                continue
            if name not in declared:
                yield ctx.finding(
                    "E002",
                    span,
                    f"FFDevEnvironmentValues has no getter '{name}' (lib/environment_values.dart): the app does not "
                    "compile",
                    key=name,
                )
                continue
            getter = definition.getters.get(name)
            if getter is None or getter.json_key is None or current is None or current.get(getter.json_key):
                continue
            if _private_in_yaml(export, getter.json_key):
                continue  # private values are left out of the export on purpose
            if any(call.span.start <= found.start() < call.span.end and call.file is file for call in private_calls):
                continue
            yield ctx.finding(
                "E002",
                span,
                f"'{getter.json_key}' is read by FFDevEnvironmentValues().{name} but is not in "
                f"{current.file.relpath}: the value is empty at run time (unless it is marked private in "
                "FlutterFlow, which leaves it out of the export)",
                severity="warning",
                key=f"missing:{getter.json_key}",
            )


def _uses(request: Request) -> Iterator[tuple[str, EnvValue]]:
    """(how the call uses it, value) for environment values in base-URL and credential positions."""
    call = request.call
    for _, _, value in request.env_flows(call.base_url):
        yield "its base URL", value
    for begin, _, value in request.env_flows(call.url):
        if begin == 0:
            yield "the start of its URL", value
    for header in request.effective_headers:
        name = header.name_text
        if name and is_credential_name(name):
            for _, _, value in request.env_flows(header.value):
                yield f"its '{name.strip()}' header", value
    for param in call.params:
        key = param.key.text if isinstance(param.key, Template) else None
        if key and is_credential_name(key):
            for _, _, value in request.env_flows(param.value):
                yield f"its '{key}' parameter", value


@check("E003")
def check_env_value_empty_used(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E003 env-value-empty-used: an empty environment value in a base URL or credential position of a call."""
    for request in resolve(export).requests:
        call = request.call
        for usage, value in _uses(request):
            text = env_value_text(value)
            if value.value is None or value.type != "String" or text is None or text.strip(" \t\r\n"):
                continue
            yield ctx.finding(
                "E003",
                value.value.span(),
                f"environment value '{value.key}' is empty, and '{call.name}' uses it as {usage}: the request "
                "goes out without it",
                key=f"{value.key}:{call.name}:{usage}",
            )


@check("E004")
def check_env_value_header_line(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E004 env-value-header-line: a value holding 'Name: value', or a scheme the call's header writes again."""
    for environment, value in environment_values(export):
        template = value.value
        if template is None or value.type != "String":
            continue
        line = _HEADER_LINE.match(template.text)
        if line is None:
            continue
        fix = delete_fix(template, [(0, line.end())], f"remove '{line.group().strip()}' from the value", None)
        yield ctx.finding(
            "E004",
            template.span(0, line.end()),
            f"environment value '{value.key}' in {environment_place(environment)} holds a whole header line "
            f"('{line.group(1)}: …'): used as a header value it sends '{line.group(1)}: {line.group(1)}: …'",
            fix=fix,
            hint=environment_hint(environment, value.key),
            key=f"line:{value.key}:{line.group(1).lower()}",
        )
    for request in resolve(export).requests:
        call = request.call
        for header in request.headers:
            if not isinstance(header.value, Template):
                continue
            for begin, _, value in request.env_flows(header.value):
                before = SCHEME_BEFORE.search(header.value.text[:begin])
                text = env_value_text(value)
                if before is None or text is None or value.value is None:
                    continue
                lead = len(text) - len(text.lstrip())
                scheme = re.match(rf"(?i){before.group(1)}[ \t]+", text[lead:])
                if scheme is None:
                    continue
                end = lead + scheme.end()
                yield ctx.finding(
                    "E004",
                    value.value.span(lead, end),
                    f"environment value '{value.key}' starts with '{scheme.group().strip()}', and '{call.name}' "
                    f"puts it after '{before.group().strip()}' in its '{header.name_text}' header: the scheme is "
                    "sent twice and the server answers 401",
                    fix=delete_fix(value.value, [(lead, end)], "remove the scheme from the value", None),
                    hint=where_in_flutterflow(call, "Headers") + "; or remove the scheme from the value",
                    key=f"scheme:{value.key}:{call.name}",
                )

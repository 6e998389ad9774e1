"""E family: environment values (environment.json, .env, --dart-define files, Project YAML environments)."""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from linter.check_context import CheckContext
from linter.checks.common import where_in_flutterflow
from linter.findings import Edit, Finding, Fix, SecretInfo
from linter.model import (
    ApiCall,
    Environment,
    EnvValue,
    Export,
    Expr,
    FileKind,
    SourceFile,
    Template,
    Value,
    env_reference,
)
from linter.rules import check
from linter.vocabulary import is_blank

_REFERENCE = re.compile(r"FFDevEnvironmentValues\(\)\s*\.\s*(\w+)")
_CREDENTIAL_NAME = re.compile(r"auth|token|secret|key|passw|credential|session|signature|cookie", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"\s*(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|access-token|"
    r"cookie|content-type|accept)[ \t]*:[ \t]*(?=\S)",
    re.IGNORECASE,
)
_SCHEME_BEFORE = re.compile(r"(?i)\b(bearer|basic|token|jwt)[ \t]+$")
_DART_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_DOTENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_PRODUCTION = re.compile(r"(?i)(?<![a-z])(prod|production|live|release)(?![a-z])")
_NOT_PRODUCTION = re.compile(r"(?i)(pre|non)[\s_-]?prod")
_TUNNELS = (
    "ngrok.io",
    "ngrok-free.app",
    "ngrok.app",
    "ngrok-free.dev",
    "loca.lt",
    "localtunnel.me",
    "trycloudflare.com",
    "serveo.net",
    "localhost.run",
    "lhr.life",
    "devtunnels.ms",
    "pagekite.me",
    "telebit.io",
)
_DART_TYPES = {"String": {"String"}, "bool": {"bool"}, "int": {"number"}, "double": {"number"}, "num": {"number"}}


def _describe(char: str) -> str:
    from linter.checks.headers import describe_char

    return describe_char(char)


def _relative(export: Export, file: SourceFile) -> str:
    try:
        return file.path.relative_to(export.root).as_posix()
    except ValueError:
        return file.relpath


def _value_text(value: EnvValue) -> str | None:
    return value.value.text if value.value is not None and value.type != "null" else None


def _where(environment: Environment) -> str:
    if environment.source == "project-yaml":
        return f"environment '{environment.name}'"
    return environment.file.relpath


def _env_hint(environment: Environment, key: str) -> str:
    if environment.source in ("env-json", "project-yaml"):
        return (
            f"fix it in FlutterFlow: Settings → Dev Environments → '{key}' (a re-export overwrites "
            "environment.json and a YAML push overwrites the project)"
        )
    return f"edit {environment.file.relpath}"


def _removable(template: Template, begin: int, end: int) -> bool:
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


def _delete(template: Template, ranges: list[tuple[int, int]], description: str, kind: str | None) -> Fix | None:
    if not all(_removable(template, begin, end) for begin, end in ranges):
        return None
    edits = []
    for begin, end in ranges:
        start, stop = template.source_range(begin, end)
        edits.append(Edit.at(template.file, start, stop, ""))
    return Fix(description, tuple(edits), kind)


def _unique_values(export: Export) -> Iterator[tuple[Environment, EnvValue]]:
    for environment in export.environments:
        for value in environment.values:
            yield environment, value


# -- E001 -----------------------------------------------------------------------------------------------------------


def _type_problem(export: Export, value: EnvValue) -> str | None:
    """A JSON value whose type the generated field cannot hold: the assignment throws inside initialize()."""
    definition = export.env_definition
    if definition is None:
        return None
    getter = next((g for g in definition.getters.values() if g.json_key == value.key), None)
    if getter is None or getter.type.endswith("?") or getter.type not in _DART_TYPES:
        return None
    if value.type in _DART_TYPES[getter.type] or value.type == "null":
        return None  # a null makes the field keep its default only for nullable types; not judged here
    if getter.type == "int" and value.value is not None and not re.fullmatch(r"-?\d+", value.value.text):
        return f"'{value.key}' holds {value.value.text}, not an int"
    if getter.type in ("int", "double", "num") and value.type == "number":
        return None
    return f"'{value.key}' is a JSON {value.type}, but the getter '{getter.name}' is a {getter.type}"


@check("E001")
def check_env_json_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for environment in export.environments:
        if environment.source not in ("env-json", "dart-define"):
            continue
        if environment.error is not None:
            if environment.source == "env-json":
                consequence = (
                    "FFDevEnvironmentValues().initialize() catches the error and the app silently runs with every "
                    "environment value empty"
                )
            else:
                consequence = "flutter run/build --dart-define-from-file stops on it"
            yield ctx.finding(
                "E001",
                environment.error.span,
                f"{environment.error.message}; {consequence}",
                key=environment.error.message,
            )
            continue
        if environment.source != "env-json":
            continue
        for value in environment.values:
            problem = _type_problem(export, value)
            if problem and value.value is not None:
                yield ctx.finding(
                    "E001",
                    value.value.span(),
                    f"{problem}: the assignment throws inside initialize(), which stops there and leaves this and "
                    "every later environment value empty",
                    key=f"{value.key}:{problem}",
                )


# -- E002 -----------------------------------------------------------------------------------------------------------


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
        for found in _REFERENCE.finditer(text):
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


# -- flows into calls (E003, E004) ---------------------------------------------------------------------------------


def _expr_flow(export: Export, call: ApiCall, value: Expr) -> EnvValue | None:
    """An Expr that is a variable defaulting to an environment value, or FFDevEnvironmentValues().x itself."""
    getter = env_reference(value.source)
    if getter is None:
        variable = call.variable(value.source.strip())
        getter = variable.env_default if variable is not None else None
    return export.env_value(getter) if getter else None


def _flows(export: Export, call: ApiCall, value: Value | None) -> list[tuple[int, int, EnvValue]]:
    if isinstance(value, Expr):
        resolved = _expr_flow(export, call, value)
        return [(0, 0, resolved)] if resolved is not None else []
    return export.env_flows(call, value)


def _uses(export: Export, call: ApiCall) -> Iterator[tuple[str, EnvValue]]:
    """(how the call uses it, value) for environment values in base-URL and credential positions."""
    for _, _, value in _flows(export, call, call.base_url):
        yield "its base URL", value
    for begin, _, value in _flows(export, call, call.url):
        if begin == 0:
            yield "the start of its URL", value
    for header in export.effective_headers(call):
        name = header.name_text
        if name and _CREDENTIAL_NAME.search(name):
            for _, _, value in _flows(export, call, header.value):
                yield f"its '{name.strip()}' header", value
    for param in call.params:
        key = param.key.text if isinstance(param.key, Template) else None
        if key and _CREDENTIAL_NAME.search(key):
            for _, _, value in _flows(export, call, param.value):
                yield f"its '{key}' parameter", value


@check("E003")
def check_env_value_empty_used(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call in export.calls:
        for usage, value in _uses(export, call):
            text = _value_text(value)
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
    for environment, value in _unique_values(export):
        template = value.value
        if template is None or value.type != "String":
            continue
        line = _HEADER_LINE.match(template.text)
        if line is None:
            continue
        fix = _delete(template, [(0, line.end())], f"remove '{line.group().strip()}' from the value", None)
        yield ctx.finding(
            "E004",
            template.span(0, line.end()),
            f"environment value '{value.key}' in {_where(environment)} holds a whole header line "
            f"('{line.group(1)}: …'): used as a header value it sends '{line.group(1)}: {line.group(1)}: …'",
            fix=fix,
            hint=_env_hint(environment, value.key),
            key=f"line:{value.key}:{line.group(1).lower()}",
        )
    for call in export.calls:
        for header in export.resolved_headers(call):
            if not isinstance(header.value, Template):
                continue
            for begin, _, value in _flows(export, call, header.value):
                before = _SCHEME_BEFORE.search(header.value.text[:begin])
                text = _value_text(value)
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
                    fix=_delete(value.value, [(lead, end)], "remove the scheme from the value", None),
                    hint=where_in_flutterflow(call, "Headers") + "; or remove the scheme from the value",
                    key=f"scheme:{value.key}:{call.name}",
                )


# -- E005, E006, E007 ----------------------------------------------------------------------------------------------


def _key_templates(export: Export) -> Iterator[tuple[Environment, EnvValue]]:
    """Each key once (a Project YAML parameter's name is shared by all environments)."""
    seen: set[tuple[str, int]] = set()
    for environment, value in _unique_values(export):
        if value.key_template is None:
            continue
        identity = (value.key_template.file.relpath, value.key_template.start)
        if identity not in seen:
            seen.add(identity)
            yield environment, value


def _whitespace_finding(
    ctx: CheckContext, environment: Environment, value: EnvValue, template: Template, what: str, others: set[str]
) -> Finding | None:
    text = template.text
    lead = 0
    while lead < len(text) and is_blank(text[lead]) and not template.is_interpolated_at(lead):
        lead += 1
    trail = len(text)
    while trail > lead and is_blank(text[trail - 1]) and not template.is_interpolated_at(trail - 1):
        trail -= 1
    if lead == 0 and trail == len(text):
        return None
    ranges = [r for r in ((0, lead), (trail, len(text))) if r[0] < r[1]]
    first = ranges[0]
    char = text[first[0]]
    side = "start" if first[0] == 0 and lead else "end"
    trimmed = text[lead:trail]
    fix = None
    if what == "value" or trimmed not in others:
        fix = _delete(template, ranges, f"trim the {what}", "whitespace")
    shown = value.key.strip() or "(empty)"
    consequence = (
        "a request built from it breaks (servers reject or mis-read the padded value)"
        if what == "value"
        else "the app looks the value up by the trimmed name and finds nothing"
    )
    return ctx.finding(
        "E005",
        template.span(*first),
        f"the {what} of environment value '{shown}' in {_where(environment)} has {_describe(char)} at its {side}: "
        f"{consequence}",
        fix=fix,
        hint=_env_hint(environment, shown),
        key=f"{what}:{value.key}:{text}",
    )


@check("E005")
def check_env_whitespace(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    keys_by_environment = {id(e): {v.key for v in e.values} for e in export.environments}
    for environment, value in _key_templates(export):
        if value.key_template is not None:
            found = _whitespace_finding(
                ctx, environment, value, value.key_template, "key", keys_by_environment[id(environment)]
            )
            if found is not None:
                yield found
    for environment, value in _unique_values(export):
        if value.value is not None and value.type == "String":
            found = _whitespace_finding(ctx, environment, value, value.value, "value", set())
            if found is not None:
                yield found


def _key_valid(environment: Environment, key: str, export: Export) -> bool:
    if environment.source == "dotenv":
        return _DOTENV_KEY.fullmatch(key) is not None
    if environment.source == "dart-define":
        return bool(key)
    if environment.source == "project-yaml":
        return _DART_IDENTIFIER.fullmatch(key) is not None and "$" not in key
    # env-json: any name a getter reads is fine; other names must be identifiers FlutterFlow could generate.
    definition = export.env_definition
    if definition is not None and any(g.json_key == key for g in definition.getters.values()):
        return True
    return _DART_IDENTIFIER.fullmatch(key) is not None


@check("E006")
def check_env_key_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for environment in export.environments:
        if environment.source == "project-yaml" and environment is not _first_yaml_environment(export, environment):
            continue  # the parameter list is shared: judge it once
        seen: dict[str, EnvValue] = {}
        for value in environment.values:
            span = value.key_template.span() if value.key_template is not None else value.span
            stripped = value.key.strip()
            if stripped and not _key_valid(environment, stripped, export):
                yield ctx.finding(
                    "E006",
                    span,
                    f"'{stripped}' in {_where(environment)} is not a valid variable name"
                    + (": FlutterFlow cannot generate a getter for it" if environment.source != "dotenv" else ""),
                    hint=_env_hint(environment, stripped),
                    key=f"invalid:{stripped}",
                )
            elif not stripped:
                yield ctx.finding("E006", span, f"an entry in {_where(environment)} has an empty name", key="invalid:")
            first = seen.setdefault(value.key, value)
            if first is not value:
                keeps = "the last one wins" if environment.source != "project-yaml" else "the generated code fails"
                yield ctx.finding(
                    "E006",
                    span,
                    f"'{value.key}' is defined twice in {_where(environment)} (first at line {first.span.line}): "
                    f"{keeps}",
                    hint=_env_hint(environment, value.key),
                    key=f"duplicate:{value.key}",
                )


def _first_yaml_environment(export: Export, environment: Environment) -> Environment:
    return next(e for e in export.environments if e.source == "project-yaml" and e.file is environment.file)


@check("E007")
def check_dotenv_line_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for environment in export.environments:
        for problem in environment.malformed:
            yield ctx.finding(
                "E007",
                problem.span,
                f"malformed line: {problem.message}",
                key=problem.message,
            )


# -- Project YAML environments (E008-E011) -----------------------------------------------------------------------


def _yaml_environments(export: Export) -> list[Environment]:
    return [environment for environment in export.environments if environment.source == "project-yaml"]


def _is_production(environment: Environment) -> bool:
    names = f"{environment.name} {environment.key or ''}"
    return bool(_PRODUCTION.search(names)) and not _NOT_PRODUCTION.search(names)


@check("E008")
def check_env_key_missing_in_environment(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    environments = _yaml_environments(export)
    for environment in environments:
        for value in environment.values:
            if value.value is not None:
                continue
            having = [e.name for e in environments if (v := e.get(value.key)) is not None and v.value is not None]
            if not having:
                continue
            yield ctx.finding(
                "E008",
                value.span,
                f"'{value.key}' has a value in {', '.join(having)} but none in environment '{environment.name}': "
                "builds for that environment run with it empty",
                hint=_env_hint(environment, value.key),
                key=f"{value.key}:{environment.key}",
            )


def _local_target(text: str) -> str | None:
    """Why a URL or host must not be used in production, or None."""
    candidate = text.strip()
    if not candidate or " " in candidate:
        return None
    if "://" not in candidate:
        if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?(/\S*)?|\[[0-9a-fA-F:]+\](:\d+)?(/\S*)?", candidate):
            return None
        candidate = "//" + candidate
    try:
        parts = urlsplit(candidate)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".local"):
        return f"points at '{host}', which is the user's own device"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if str(address) == "10.0.2.2":
            return "points at 10.0.2.2, the Android emulator's alias for the developer's machine"
        if address.is_loopback or address.is_unspecified:
            return f"points at {host}, which is the user's own device"
        if address.is_private or address.is_link_local:
            return f"points at the private address {host}, unreachable from users' networks"
    elif "." not in host:
        return None  # a bare word ("nautical") is not a host
    tunnel = next((suffix for suffix in _TUNNELS if host == suffix or host.endswith("." + suffix)), None)
    if tunnel:
        return f"points at a development tunnel ({host}) that stops working when the developer's laptop sleeps"
    if parts.scheme == "http":
        return "uses http://: traffic is unencrypted, and iOS (App Transport Security) and Android block it"
    return None


@check("E009")
def check_env_production_value_local(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for environment in _yaml_environments(export):
        if not _is_production(environment):
            continue
        for value in environment.values:
            text = _value_text(value)
            if text is None or value.value is None or value.type != "String":
                continue
            reason = _local_target(text)
            if reason is None:
                continue
            yield ctx.finding(
                "E009",
                value.value.span(),
                f"'{value.key}' in production environment '{environment.name}' {reason}",
                hint=_env_hint(environment, value.key),
                key=f"{value.key}:{text}",
            )


def _secret_match(value: EnvValue):
    """The secret a value holds (secret or test keys; public keys are meant to ship), re-anchored to the file."""
    from linter.secrets import classify_credential

    if value.value is None or value.type != "String" or not value.value.text.strip():
        return None
    match = classify_credential(value.value.text, key_name=value.key)
    if match is None or match.exposure == "public":
        return None
    start, end = value.value.source_range(match.start, match.end)
    return dataclasses.replace(match, start=start, end=end)


def _secret_info(match) -> SecretInfo:
    from linter.secrets import fingerprint, redact

    return SecretInfo(match.provider, redact(match.value), fingerprint(match.value))


@check("E010")
def check_env_same_secret_across_environments(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    environments = _yaml_environments(export)
    production = [e for e in environments if _is_production(e)]
    others = [e for e in environments if not _is_production(e)]
    for prod in production:
        for value in prod.values:
            match = _secret_match(value)
            if match is None:
                continue
            shared = [
                e.name for e in others if (v := e.get(value.key)) is not None and _value_text(v) == _value_text(value)
            ]
            if not shared:
                continue
            info = _secret_info(match)
            yield ctx.finding(
                "E010",
                prod.file.span(match.start, match.end),
                f"'{value.key}' holds the same {match.provider_name} {info.preview} in production and in "
                f"{', '.join(shared)}: every development build and developer can use the production credential",
                hint=_env_hint(prod, value.key),
                secret=info,
                key=info.fingerprint,
            )


@check("E011")
def check_env_private_value_exposed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    seen: set[str] = set()
    for environment in _yaml_environments(export):
        for value in environment.values:
            if value.private:
                continue
            match = _secret_match(value)
            if match is None:
                continue
            info = _secret_info(match)
            if info.fingerprint in seen:
                continue
            seen.add(info.fingerprint)
            yield ctx.finding(
                "E011",
                environment.file.span(match.start, match.end),
                f"'{value.key}' in environment '{environment.name}' holds {match.provider_name} {info.preview} but "
                "is not marked private: FlutterFlow writes it into environment.json inside the app, where anyone "
                "can read it",
                hint=f"fix it in FlutterFlow: Settings → Dev Environments → '{value.key}' → mark it Private (it is "
                "then only available to private API calls, server side)",
                secret=info,
                key=info.fingerprint,
            )

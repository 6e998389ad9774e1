"""E family, environment files as written: environment.json that the app cannot load or whose values do not fit their
getters (E001), whitespace around keys and values (E005), invalid or repeated keys (E006), malformed .env lines (E007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.common import (
    delete_fix,
    describe_char,
    environment_hint,
    environment_place,
    environment_values,
)
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import Environment, EnvValue, Export, Template
from linter.vocabulary import is_blank

_DART_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_DOTENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_DART_TYPES = {"String": {"String"}, "bool": {"bool"}, "int": {"number"}, "double": {"number"}, "num": {"number"}}


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
    """E001 env-json-invalid: environment JSON the app cannot load, or a value its getter's type cannot hold."""
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


def _key_templates(export: Export) -> Iterator[tuple[Environment, EnvValue]]:
    """Each key once (a Project YAML parameter's name is shared by all environments)."""
    seen: set[tuple[str, int]] = set()
    for environment, value in environment_values(export):
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
        fix = delete_fix(template, ranges, f"trim the {what}", "whitespace")
    shown = value.key.strip() or "(empty)"
    consequence = (
        "a request built from it breaks (servers reject or mis-read the padded value)"
        if what == "value"
        else "the app looks the value up by the trimmed name and finds nothing"
    )
    return ctx.finding(
        "E005",
        template.span(*first),
        f"the {what} of environment value '{shown}' in {environment_place(environment)} has {describe_char(char)} "
        f"at its {side}: {consequence}",
        fix=fix,
        hint=environment_hint(environment, shown),
        key=f"{what}:{value.key}:{text}",
    )


@check("E005")
def check_env_whitespace(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E005 env-whitespace: whitespace or invisible characters at the ends of an environment key or value."""
    keys_by_environment = {id(e): {v.key for v in e.values} for e in export.environments}
    for environment, value in _key_templates(export):
        if value.key_template is not None:
            found = _whitespace_finding(
                ctx, environment, value, value.key_template, "key", keys_by_environment[id(environment)]
            )
            if found is not None:
                yield found
    for environment, value in environment_values(export):
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
    """E006 env-key-invalid: an environment key that is not a valid name, or defined twice."""
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
                    f"'{stripped}' in {environment_place(environment)} is not a valid variable name"
                    + (": FlutterFlow cannot generate a getter for it" if environment.source != "dotenv" else ""),
                    hint=environment_hint(environment, stripped),
                    key=f"invalid:{stripped}",
                )
            elif not stripped:
                yield ctx.finding(
                    "E006", span, f"an entry in {environment_place(environment)} has an empty name", key="invalid:"
                )
            first = seen.setdefault(value.key, value)
            if first is not value:
                keeps = "the last one wins" if environment.source != "project-yaml" else "the generated code fails"
                yield ctx.finding(
                    "E006",
                    span,
                    f"'{value.key}' is defined twice in {environment_place(environment)} "
                    f"(first at line {first.span.line}): "
                    f"{keeps}",
                    hint=environment_hint(environment, value.key),
                    key=f"duplicate:{value.key}",
                )


def _first_yaml_environment(export: Export, environment: Environment) -> Environment:
    return next(e for e in export.environments if e.source == "project-yaml" and e.file is environment.file)


@check("E007")
def check_dotenv_line_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E007 dotenv-line-malformed: a .env line the parser cannot read."""
    for environment in export.environments:
        for problem in environment.malformed:
            yield ctx.finding(
                "E007",
                problem.span,
                f"malformed line: {problem.message}",
                key=problem.message,
            )

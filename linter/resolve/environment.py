"""Environment values as the running app reads them: ``FFDevEnvironmentValues().x``, directly or as the 2025
generator's ``x ??= FFDevEnvironmentValues().y`` default of a variable."""

from __future__ import annotations

from linter.model import EnvValue, Export, Template, Value, Variable
from linter.vocabulary import env_reference

ENV_SOURCES_OF_CURRENT = ("env-json", "project-yaml")  # where the exported app's own values come from, in order


def env_value(export: Export, getter: str) -> EnvValue | None:
    """The value ``FFDevEnvironmentValues().<getter>`` has when the exported app runs, or None.

    The getter is mapped to its JSON key through lib/environment_values.dart, then looked up in the current
    environment's JSON file; a Project YAML folder's current environment is the fallback. Values built with
    ``String.fromEnvironment`` are known only at build time and resolve to None.
    """
    definition = export.env_definition
    key = getter
    if definition is not None and getter in definition.getters:
        found = definition.getters[getter]
        if found.json_key is None:
            return None
        key = found.json_key
    for source in ENV_SOURCES_OF_CURRENT:
        for environment in export.environments:
            if environment.source == source and environment.current:
                value = environment.get(key)
                if value is not None:
                    return value
    return None


def getter_of(expression: str, variables: dict[str, Variable]) -> str | None:
    """The environment getter an interpolated expression reads: ``FFDevEnvironmentValues().x`` itself, or a
    variable the generator defaults with ``??= FFDevEnvironmentValues().x``."""
    getter = env_reference(expression)
    if getter is None and expression.strip() in variables:
        getter = variables[expression.strip()].env_default
    return getter


def env_flows(export: Export, variables: dict[str, Variable], value: Value | None) -> list[tuple[int, int, EnvValue]]:
    """Environment values that fill interpolations of ``value`` (a URL, header or body): (rendered start, rendered
    end, value), so a check can judge the template as the runtime fills it. An expression that is itself an
    environment reference (not a template) flows as (0, 0, value)."""
    if value is None:
        return []
    if not isinstance(value, Template):
        getter = getter_of(value.source, variables)
        resolved = env_value(export, getter) if getter else None
        return [(0, 0, resolved)] if resolved is not None else []
    flows = []
    for begin, end, expression in value.interpolations:
        getter = getter_of(expression, variables)
        resolved = env_value(export, getter) if getter else None
        if resolved is not None:
            flows.append((begin, end, resolved))
    return flows

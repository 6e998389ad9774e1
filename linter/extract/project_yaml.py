"""Project YAML as FlutterFlow's Project API downloads it: API endpoints, environments and config values.

Every string becomes a ``Template`` whose segments map into the YAML text (``linter.extract.yaml_spans``).

Placeholders typed in FlutterFlow's editor (``[token]`` in URLs and headers, ``<name>`` in bodies) stay as written in
``Template.text``; when they name a variable of the call they are ``interp`` segments (``expr`` = the variable), the
way the generator turns them into ``${token}``. Unknown ones stay literal: they are sent as typed.
"""

from __future__ import annotations

import re
from typing import Any

from linter.extract.yaml_spans import scalar_template, slice_template
from linter.model import (
    ApiCall,
    Environment,
    EnvValue,
    Export,
    FileKind,
    Header,
    ParseError,
    Segment,
    SourceFile,
    Template,
    Variable,
)
from linter.secrets.redact import mask_message
from linter.yaml_limits import MAX_FLOW_DEPTH, flow_too_deep, reuses_nodes

_PLACEHOLDER = re.compile(r"\[(\w+)\]|<(\w+)>")
_BODY_TYPES = {"JSON", "TEXT", "X_WWW_FORM_URL_ENCODED", "MULTIPART", "NONE"}
_CONFIG_FILES = {"supabase", "google-maps", "app-constants"}


def with_placeholders(template: Template, variables: set[str]) -> Template:
    """``[x]``/``<x>`` naming a variable become interpolations (text unchanged, ``expr`` = the variable)."""
    segments: list[Segment] = []
    for segment in template.segments:
        if segment.kind != "lit":
            segments.append(segment)
            continue
        run = 0
        for found in _PLACEHOLDER.finditer(segment.text):
            name = found.group(1) or found.group(2)
            if name not in variables:
                continue
            if run < found.start():
                segments.append(
                    Segment(
                        "lit", segment.text[run : found.start()], segment.start + run, segment.start + found.start()
                    )
                )
            segments.append(
                Segment("interp", found.group(), segment.start + found.start(), segment.start + found.end(), name)
            )
            run = found.end()
        if run < len(segment.text):
            segments.append(Segment("lit", segment.text[run:], segment.start + run, segment.end))
    return Template(template.file, segments, template.start, template.end, template.raw)


# -- node helpers -------------------------------------------------------------------------------------------------


def _get(node: Any, key: str) -> Any:
    if node is None or node.id != "mapping":
        return None
    return next((value for name, value in node.value if name.id == "scalar" and name.value == key), None)


def _text(node: Any) -> str | None:
    return node.value if node is not None and node.id == "scalar" else None


def _items(node: Any) -> list[Any]:
    return list(node.value) if node is not None and node.id == "sequence" else []


def _identifier_name(node: Any) -> Any:
    """The ScalarNode of ``identifier.name`` (or a bare ``name``)."""
    return _get(_get(node, "identifier"), "name") or _get(node, "name")


def _span_of(file: SourceFile, node: Any):
    return file.span(node.start_mark.index, node.end_mark.index)


# -- API endpoints --------------------------------------------------------------------------------------------------


def _header(file: SourceFile, node: Any, variables: set[str], call: ApiCall) -> Header | None:
    if node.id == "mapping":  # legacyHeaders: structured {name/key, value}
        name_node = _get(node, "name") or _get(node, "key")
        value_node = _get(node, "value")
        if name_node is None or value_node is None or name_node.id != "scalar" or value_node.id != "scalar":
            call.unresolved.append(f"header entry at line {_span_of(file, node).line}")
            return None
        name = with_placeholders(scalar_template(file, name_node), variables)
        value = with_placeholders(scalar_template(file, value_node), variables)
        return Header(name, value, "call", file, node.start_mark.index, node.end_mark.index)
    if node.id != "scalar":
        return None
    whole = with_placeholders(scalar_template(file, node), variables)
    colon = whole.text.find(":")
    if colon == -1 or whole.is_interpolated_at(colon):
        call.unresolved.append(f"header '{whole.text}' has no ':'")
        return None
    # "Name: value": the one space FlutterFlow writes after the colon separates; anything else is kept raw.
    value_start = colon + 2 if whole.text[colon + 1 : colon + 2] == " " else colon + 1
    name = slice_template(whole, 0, colon)
    value = slice_template(whole, value_start, len(whole.text))
    return Header(name, value, "call", file, whole.start, whole.end)


def _body_type(raw: str | None) -> str | None:
    if raw is None:
        return None
    normalized = re.sub(r"[^A-Z0-9]+", "_", raw.strip().upper()).strip("_")
    return normalized if normalized in _BODY_TYPES else raw


def endpoint_call(file: SourceFile, root: Any) -> ApiCall | None:
    name_node = _identifier_name(root)
    if name_node is None or name_node.id != "scalar":
        return None
    name = name_node.value
    call = ApiCall(name=name, class_name=f"{name[:1].upper()}{name[1:]}Call", file=file, span=_span_of(file, name_node))
    for item in _items(_get(root, "variables")):
        variable_name = _identifier_name(item)
        if variable_name is None or variable_name.id != "scalar":
            continue
        test_value = _get(item, "testValue")
        call.variables.append(
            Variable(
                name=variable_name.value,
                type=_text(_get(item, "type")) or _text(_get(_get(item, "dataType"), "scalarType")) or "dynamic",
                default=scalar_template(file, test_value)
                if test_value is not None and test_value.id == "scalar"
                else None,
                env_default=None,
                span=_span_of(file, variable_name),
            )
        )
    names = {variable.name for variable in call.variables}
    method = _text(_get(root, "callType"))
    call.method = method.strip().upper() if method else None
    url = _get(root, "url")
    if url is not None and url.id == "scalar":
        call.url = with_placeholders(scalar_template(file, url), names)
    body = _get(root, "body")
    if body is not None and body.id == "scalar":
        call.body = with_placeholders(scalar_template(file, body), names)
    call.body_type = _body_type(_text(_get(root, "bodyType")))
    for key in ("headers", "legacyHeaders"):
        for item in _items(_get(root, key)):
            header = _header(file, item, names, call)
            if header is not None:
                call.headers.append(header)
    for key in ("group", "apiGroup", "groupIdentifier"):
        group = _get(root, key)
        group_name = _text(group) or _text(_identifier_name(group))
        if group_name:
            call.group = group_name
    return call


# -- environments and config ----------------------------------------------------------------------------------------


def environments(file: SourceFile, root: Any) -> list[Environment]:
    """One Environment per environment of ``environment-settings``, each with every parameter (a parameter the
    environment has no entry for has ``value`` None)."""
    current = _get(root, "currentEnvironment")
    current_key = _text(_get(current, "key"))
    names: dict[str, str] = {}
    if current_key:
        names[current_key] = _text(_get(current, "name")) or current_key
    for item in _items(_get(root, "environments")):
        key = _text(_get(item, "key"))
        if key:
            names.setdefault(key, _text(_get(item, "name")) or key)
    parameters = _items(_get(root, "environmentValues"))
    for item in parameters:
        values_map = _get(item, "valuesMap")
        for key_node, _ in values_map.value if values_map is not None and values_map.id == "mapping" else []:
            names.setdefault(key_node.value, key_node.value)
    found = {
        key: Environment(name, "project-yaml", file, key=key, current=key == current_key) for key, name in names.items()
    }
    for item in parameters:
        parameter = _get(item, "parameter")
        name_node = _identifier_name(parameter) or _identifier_name(item)
        if name_node is None or name_node.id != "scalar":
            continue
        key_template = scalar_template(file, name_node)
        data_type = _text(_get(_get(parameter, "dataType"), "scalarType")) or "String"
        private = (_text(_get(item, "isPrivate")) or "false").lower() == "true"
        values_map = _get(item, "valuesMap")
        for env_key, environment in found.items():
            entry = _get(values_map, env_key)
            value_node = _get(entry, "serializedValue") if entry is not None and entry.id == "mapping" else entry
            value = scalar_template(file, value_node) if value_node is not None and value_node.id == "scalar" else None
            where = value_node if value is not None else (entry or values_map or item)
            environment.values.append(
                EnvValue(name_node.value, key_template, value, data_type, _span_of(file, where), private)
            )
    return list(found.values())


def _plain(node: Any) -> Any:
    """The JSON form of a composed node (scalars typed by their resolved YAML tag)."""
    if node.id == "mapping":
        return {_plain(key) if key.id == "scalar" else str(key.value): _plain(value) for key, value in node.value}
    if node.id == "sequence":
        return [_plain(item) for item in node.value]
    tag = node.tag.rsplit(":", 1)[-1] if isinstance(node.tag, str) else getattr(node.tag, "value", "str") or "str"
    if tag.endswith("bool"):
        return node.value.lower() == "true"
    if tag.endswith("null"):
        return None
    if tag.endswith(("int", "float")):
        try:
            return int(node.value) if tag.endswith("int") else float(node.value)
        except ValueError:
            return node.value
    return node.value


def _node_at(node: Any, path: list[Any]) -> Any:
    for part in path:
        if node.id == "mapping":
            found = next((value for key, value in node.value if key.value == part), None)
        elif node.id == "sequence" and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            return node
        node = found
    return node


def schema_problems(file: SourceFile, root: Any) -> list[ParseError]:
    """environment-settings checked against schemas/environment.schema.json, each violation at its node."""
    from linter.schemas import is_valid, validator

    instance = _plain(root)
    if is_valid("environment.schema.json", instance):
        return []
    problems = []
    for error in sorted(validator("environment.schema.json").iter_errors(instance), key=lambda e: list(e.path)):
        node = _node_at(root, list(error.absolute_path))
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        problems.append(
            ParseError(_span_of(file, node), f"environment settings are invalid at {where}: {error.message}")
        )
    return problems


def config_values(file: SourceFile, node: Any, key: str = "") -> list[EnvValue]:
    """Every scalar of a config file (supabase, google-maps, app-constants) with the key it sits under."""
    found: list[EnvValue] = []
    if node is None:
        return found
    if node.id == "scalar":
        if key and node.tag.endswith(":str"):
            found.append(EnvValue(key, None, scalar_template(file, node), "String", _span_of(file, node)))
    elif node.id == "mapping":
        named = _text(_identifier_name(node))  # {identifier: {name: x}, value: ...}: the value's key is x
        for name, value in node.value:
            if named and name.value == "identifier":
                continue
            found.extend(config_values(file, value, named or (name.value if name.id == "scalar" else key)))
    else:
        for item in node.value:
            found.extend(config_values(file, item, key))
    return found


# -- files ------------------------------------------------------------------------------------------------------------


def yaml_role(relpath: str) -> str | None:
    """What a Project YAML file holds, from its path: "endpoint", "environments", "config" or None."""
    parts = relpath.split("/")
    stem = re.sub(r"\.ya?ml$", "", parts[-1])
    if "api-endpoint" in parts[:-1] or stem.startswith("api-endpoint"):
        return "endpoint"
    if stem == "environment-settings":
        return "environments"
    if stem in _CONFIG_FILES:
        return "config"
    return None


def _compose(file: SourceFile, errors: list[ParseError]) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    deep = flow_too_deep(file.text)
    if deep is not None:
        errors.append(
            ParseError(file.span(deep, deep + 1), f"cannot read YAML: nested more than {MAX_FLOW_DEPTH} deep")
        )
        return None
    try:
        root = YAML().compose(file.text)
        if reuses_nodes(root):
            # Anchors and aliases never appear in FlutterFlow's YAML; expanding them could blow up exponentially
            # ("billion laughs"), so such a file is reported and not read.
            errors.append(ParseError(file.span(0), "cannot read YAML: anchors and aliases (&x / *x) are not supported"))
            return None
        return root
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = mark.index if mark is not None else 0
        problem = error.problem or error.context or "invalid YAML"
        # ruamel quotes file content in some messages ("found undefined alias 'sk_live_…'"): masked like output.
        message = f"cannot parse YAML: {mask_message(problem)}"
        errors.append(ParseError(file.span(offset, min(offset + 1, len(file.text))), message))
    except (YAMLError, RecursionError) as error:
        errors.append(ParseError(file.span(0), f"cannot parse YAML: {mask_message(str(error))}"))
    return None


def extract_project_yaml(export: Export) -> None:
    """API endpoints into ``export.calls``, environment-settings into ``export.environments`` and config files
    into ``export.config_values``; YAML that cannot be parsed becomes a parse error at the parser's position."""
    for file in export.files:
        if file.kind is not FileKind.PROJECT_YAML:
            continue
        role = yaml_role(export.relative(file))
        if role is None:
            continue
        root = _compose(file, export.parse_errors)
        if root is None:
            continue
        if role == "endpoint":
            call = endpoint_call(file, root)
            if call is not None:
                export.calls.append(call)
        elif role == "environments":
            export.parse_errors.extend(schema_problems(file, root))
            export.environments.extend(environments(file, root))
        else:
            export.config_values.extend(config_values(file, root))

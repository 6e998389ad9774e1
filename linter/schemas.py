"""The JSON Schemas in schemas/ and the model's JSON form: what `fflint calls --format json` prints and D002
validates, and what Project YAML environments are checked against."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from linter.model import ApiCall, Template, Value
from linter.resources import data_file


def value_json(value: Value | None) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, Template):
        return {"template": value.text, "literal": value.is_literal}
    return {"expression": value.source}


def call_json(call: ApiCall) -> dict[str, Any]:
    """The JSON form of a call, as `fflint calls --format json` prints it and the schema checks it."""
    return {
        "name": call.name,
        "class": call.class_name,
        "group": call.group,
        "private": call.private,
        "method": call.method,
        "url": value_json(call.url),
        "baseUrl": value_json(call.base_url),
        "headers": [
            {"name": value_json(h.name), "value": value_json(h.value), "origin": h.origin} for h in call.headers
        ],
        "params": [{"key": value_json(p.key), "value": value_json(p.value)} for p in call.params],
        "body": value_json(call.body),
        "bodyType": call.body_type,
        "flags": call.flags,
        "variables": [
            {"name": v.name, "type": v.type, "default": value_json(v.default), "envDefault": v.env_default}
            for v in call.variables
        ],
        "spreads": call.spreads,
        "unresolved": call.unresolved,
        "location": {"path": call.span.path, "line": call.span.line, "column": call.span.col},
    }


@cache
def validator(schema_name: str):  # -> jsonschema validator; imported lazily (it costs ~0.1 s)
    import jsonschema

    schema = json.loads(data_file("schemas", schema_name).read_text(encoding="utf-8"))
    # Inlining local "$ref"s saves the reference lookups that dominate validating thousands of small values.
    return jsonschema.Draft202012Validator(_inline_local_refs(schema, schema.get("$defs", {})))


def _inline_local_refs(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        reference = node.get("$ref", "")
        if reference.startswith("#/$defs/") and len(node) == 1:
            return _inline_local_refs(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inline_local_refs(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_local_refs(item, definitions) for item in node]
    return node


def schema_errors(schema_name: str, instance: Any) -> list[tuple[str, str]]:
    """(JSON pointer-ish path, message) of every violation, in a stable order."""
    errors = []
    for error in validator(schema_name).iter_errors(instance):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        errors.append((where, error.message))
    return sorted(errors)

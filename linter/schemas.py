"""The JSON Schemas in schemas/ and the model's JSON form: what `fflint calls --format json` prints and D002
validates, and what Project YAML environments are checked against."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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
        "interceptors": value_json(call.interceptors),
        "location": {"path": call.span.path, "line": call.span.line, "column": call.span.col},
    }


@cache
def _schema(schema_name: str) -> dict[str, Any]:
    return json.loads(data_file("schemas", schema_name).read_text(encoding="utf-8"))


@cache
def validator(schema_name: str):  # -> jsonschema validator; imported lazily (it costs ~0.1 s)
    import jsonschema

    schema = _schema(schema_name)
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
    if is_valid(schema_name, instance):
        return []
    errors = []
    for error in validator(schema_name).iter_errors(instance):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        errors.append((where, error.message))
    return sorted(errors)


# -- a fast yes ------------------------------------------------------------------------------------------------------
#
# Validating every call of an export with jsonschema cost more than extracting them (0.25 s for 160 calls), and the
# answer is nearly always "valid". ``is_valid`` answers that from a predicate compiled from the same schema file;
# jsonschema stays the judge: it runs whenever the predicate does not say "valid" and words every message. The
# predicate is sound, never complete: it knows a handful of keywords, reads them as strictly as jsonschema or more,
# and a schema that uses any other keyword compiles to "ask jsonschema" (tests/extract/test_schemas.py compares the
# two on fixtures, every era and mutated instances).

Predicate = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"})
# JSON types as the Python types call_json and the YAML reader produce. Values of any other type (a subclass, a
# date) are left to jsonschema, and so is a float where an integer is expected (jsonschema accepts 1.0).
_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "object": (dict,),
    "array": (list,),
}
_PLAIN = frozenset(kind for kinds in _TYPES.values() for kind in kinds)
_KNOWN = frozenset(
    {"type", "enum", "minLength", "pattern", "minimum", "required", "properties", "additionalProperties", "items"}
    | {"anyOf", "$ref"}
)


class _Unknown(Exception):
    """The schema uses a keyword (or a reference) the predicate compiler does not know."""


@cache
def _predicate(schema_name: str) -> Predicate | None:
    schema = _schema(schema_name)
    try:
        return _Compiler(schema.get("$defs", {})).compile(schema)
    except _Unknown:
        return None


def is_valid(schema_name: str, instance: Any) -> bool:
    """True when ``instance`` certainly matches the schema; False means "ask jsonschema"."""
    predicate = _predicate(schema_name)
    return predicate is not None and predicate(instance)


class _Compiler:
    def __init__(self, definitions: dict[str, Any]) -> None:
        self.definitions = definitions
        self.active: set[str] = set()  # references being compiled: a recursive schema is left to jsonschema

    def compile(self, node: Any) -> Predicate:
        """One function per schema node that tests every keyword of the node (fused: this runs per value)."""
        if not isinstance(node, dict) or not set(node) <= _KNOWN | _ANNOTATIONS:
            raise _Unknown
        if "patternProperties" in node or "prefixItems" in node:
            raise _Unknown
        types = _PLAIN
        if "type" in node:
            names = [node["type"]] if isinstance(node["type"], str) else node["type"]
            if not all(name in _TYPES for name in names):
                raise _Unknown
            types = frozenset(kind for name in names for kind in _TYPES[name])
        enum = self._enum(node["enum"]) if "enum" in node else None
        min_length = node.get("minLength")
        pattern = re.compile(node["pattern"]) if "pattern" in node else None  # as jsonschema: re.search
        minimum = node.get("minimum")
        required = tuple(node.get("required", ()))
        properties = {name: self.compile(schema) for name, schema in node.get("properties", {}).items()}
        additional = node.get("additionalProperties", True)
        extra = None if additional is True or additional is False else self.compile(additional)
        items = self.compile(node["items"]) if "items" in node else None
        any_of = [self.compile(branch) for branch in node["anyOf"]] if "anyOf" in node else None
        ref = self._ref(node["$ref"]) if "$ref" in node else None

        def test(value: Any) -> bool:
            kind = type(value)
            if kind not in types:
                return False
            if kind is dict:
                for name in required:
                    if name not in value:
                        return False
                for name, item in value.items():
                    check = properties.get(name)
                    if check is None:
                        if additional is False or (extra is not None and not extra(item)):
                            return False
                    elif not check(item):
                        return False
            elif kind is list:
                if items is not None:
                    for item in value:
                        if not items(item):
                            return False
            elif kind is str:
                if (min_length is not None and len(value) < min_length) or (
                    pattern is not None and pattern.search(value) is None
                ):
                    return False
            elif kind is not bool and kind is not type(None) and minimum is not None and value < minimum:
                return False
            if enum is not None and (kind is dict or kind is list or (kind, value) not in enum):
                return False
            if any_of is not None and not any(branch(value) for branch in any_of):
                return False
            return ref is None or ref(value)

        return test

    @staticmethod
    def _enum(values: list[Any]) -> frozenset[tuple[type, Any]]:
        # Same type and value: jsonschema tells True from 1; anything not hashable here is left to it.
        allowed = frozenset((type(item), item) for item in values if type(item) in (str, int, bool, type(None)))
        if len(allowed) != len(values):
            raise _Unknown
        return allowed

    def _ref(self, reference: Any) -> Predicate:
        if not isinstance(reference, str) or not reference.startswith("#/$defs/"):
            raise _Unknown
        name = reference.removeprefix("#/$defs/")
        if name not in self.definitions or name in self.active:
            raise _Unknown
        self.active.add(name)
        try:
            return self.compile(self.definitions[name])
        finally:
            self.active.discard(name)

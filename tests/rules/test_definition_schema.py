"""D002's fast yes: the predicate compiled from schemas/api-call.schema.json never calls an instance valid that
jsonschema rejects, and agrees with it on the instances fflint builds, so jsonschema runs only to word problems."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linter.engine import LintOptions, lint
from linter.schemas import _Compiler, _schema, call_json, is_valid, schema_errors
from tests.support import REPO_ROOT
from tests.support.exportgen import CLASSIC, REAL_SHAPE, generate_export

SCHEMAS = ("api-call.schema.json", "environment.schema.json")
EXPORTS = [
    REPO_ROOT / "examples" / "acme-shop",
    *sorted(path for path in (REPO_ROOT / "tests" / "fixtures" / "eras").iterdir() if path.is_dir()),
]


def _judge(schema_name: str, instance: Any) -> bool:
    return not list(jsonschema.Draft202012Validator(_schema(schema_name)).iter_errors(instance))


@pytest.fixture(scope="module")
def calls(tmp_path_factory) -> list[dict[str, Any]]:
    generated = tmp_path_factory.mktemp("gen")
    roots = [*EXPORTS]
    for era in ("2022", "2023", "2024", "2025"):
        shape = REAL_SHAPE if era == "2025" else CLASSIC
        generated_export = generate_export(
            generated / era, seed=3, era=era, files=60, dart_mb=0.2, groups=3, calls=12, shape=shape
        )
        roots.append(generated_export.root)
    found = [call_json(call) for export in lint(roots, LintOptions(codes={"D002"})).exports for call in export.calls]
    assert len(found) > 100
    return found


def test_the_predicate_agrees_with_jsonschema_on_every_extracted_call(calls):
    for instance in calls:
        assert is_valid("api-call.schema.json", instance) is _judge("api-call.schema.json", instance) is True


_ODD_VALUES: list[Any] = [None, True, False, 0, 1, -1, 1.0, 0.5, "", "x", "GET", "OPTIONS", "1abc", "ok_name", [], {}]


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(instance: Any, rng: random.Random) -> Any:
    mutated = copy.deepcopy(instance)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(mutated)[1:])
        parent = mutated
        for part in path[:-1]:
            parent = parent[part]
        action = rng.random()
        if action < 0.6:
            parent[path[-1]] = copy.deepcopy(rng.choice(_ODD_VALUES))
        elif action < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", "template", "expression", "literal", "name"])] = rng.choice(_ODD_VALUES)
        else:
            parent.append(copy.deepcopy(rng.choice(_ODD_VALUES)))
    return mutated


@pytest.mark.parametrize("seed", range(4))
def test_the_predicate_never_passes_what_jsonschema_rejects(calls, seed):
    rng = random.Random(seed)
    invalid = 0
    for _ in range(1500):
        instance = _mutate(rng.choice(calls), rng)
        valid = _judge("api-call.schema.json", instance)
        fast = is_valid("api-call.schema.json", instance)
        assert not fast or valid, instance  # sound: a yes is always right
        if not _has_float(instance):
            assert fast is valid, instance  # and complete on plain JSON without floats: jsonschema runs rarely
        invalid += not valid
    assert invalid > 300  # the mutations do break instances


def _has_float(node: Any) -> bool:
    if isinstance(node, dict):
        return any(_has_float(value) for value in node.values())
    if isinstance(node, list):
        return any(_has_float(value) for value in node)
    return type(node) is float


def test_environment_settings_of_the_harbor_fixture_are_judged_alike():
    from ruamel.yaml import YAML

    document = YAML(typ="safe").load(
        (REPO_ROOT / "tests/fixtures/project_yaml/harbor/environment-settings.yaml").read_text()
    )
    assert is_valid("environment.schema.json", document) is _judge("environment.schema.json", document) is True


def test_values_of_other_types_are_left_to_jsonschema():
    class Name(str):
        pass

    instance = {"name": Name("")}
    assert not _Compiler({}).compile({"properties": {"name": {"type": "string", "minLength": 1}}})(instance)
    assert not is_valid("api-call.schema.json", {"name": Path("x")})


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "uri"},  # a keyword the compiler does not know
        {"$ref": "#/$defs/loop", "$defs": {"loop": {"$ref": "#/$defs/loop"}}},  # a recursive reference
        {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
        {"$ref": "https://example.com/remote.json"},
    ],
)
def test_a_schema_beyond_the_compiler_leaves_everything_to_jsonschema(schema):
    from linter.schemas import _Unknown

    with pytest.raises(_Unknown):
        _Compiler(schema.get("$defs", {})).compile(schema)


def test_problems_are_worded_by_jsonschema(calls):
    instance = copy.deepcopy(calls[0])
    instance["method"] = "OPTIONS"
    instance["variables"] = [{"name": "1st", "type": "String"}]
    assert schema_errors("api-call.schema.json", instance) == [
        ("method", "'OPTIONS' is not one of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', None]"),
        ("variables/0/name", "'1st' does not match '^[A-Za-z_$][A-Za-z0-9_$]*$'"),
    ]


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_the_shipped_schemas_compile(schema_name):
    from linter.schemas import _predicate

    assert _predicate(schema_name) is not None

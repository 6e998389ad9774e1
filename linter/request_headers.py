"""The catalog of documented request header names (rules/hosts/request-headers.yaml): the names standards, providers
and frameworks document, so that H002 takes a near miss of one for a misspelling and never a documented name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from linter.resources import data_file, load_data

CATALOG_PATH = ("rules", "hosts", "request-headers.yaml")


@dataclass(frozen=True, slots=True)
class DocumentedHeader:
    name: str  # as documented
    standard: bool  # an HTTP standard's: a variant with underscores is a misspelling too
    source: str  # who documents it
    docs: str


@cache
def documented_headers() -> tuple[DocumentedHeader, ...]:
    """Every documented name, in catalog order."""
    return tuple(
        DocumentedHeader(name, source["kind"] == "standard", source["name"], source["docs"])
        for source in load_data(*CATALOG_PATH)["sources"]
        for name in source["headers"]
    )


def catalog_errors() -> list[str]:
    """Schema violations and names listed twice (run by the tests, not at lint time)."""
    import jsonschema

    schema = json.loads(data_file("schemas", "request-headers.schema.json").read_text(encoding="utf-8"))
    raw: dict[str, Any] = load_data(*CATALOG_PATH)
    problems = [
        f"{'/'.join(str(part) for part in error.path) or '(top)'}: {error.message}"
        for error in jsonschema.Draft202012Validator(schema).iter_errors(raw)
    ]
    names = [name.lower() for source in raw.get("sources", []) for name in source.get("headers", [])]
    problems += [f"header {name!r} is listed twice" for name in sorted({n for n in names if names.count(n) > 1})]
    return problems

"""Rule metadata (rules/*.yaml): code, name, severity, documentation, fix safety, examples and options. The check
functions that produce each rule are registered in ``linter.checks.registry``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from linter.resources import data_file, load_data

FAMILIES = {
    "A": "auth",
    "H": "headers",
    "P": "placeholders",
    "C": "content-type",
    "S": "secrets",
    "E": "environment",
    "U": "urls",
    "D": "definitions",
    "F": "fflint",
}


@dataclass(frozen=True)
class Example:
    description: str
    files: dict[str, str]
    manager: str  # "if-unset" | "overwrite" | "ff-commons": which API manager the example export has
    expect_count: int | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    rationale: str
    flutterflow_fix: str
    fix: str  # "safe" (some cases have a safe fix) | "unsafe" | "none"
    fix_note: str  # which cases --fix handles and which need --unsafe-fixes
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    options: dict[str, Any] = field(default_factory=dict)
    # "copies" (default): the same defect anywhere in an export is one cause (linter/causes.py); "file": each file
    # holding it is a cause of its own (a file that cannot be read must be fixed file by file).
    cause: str = "copies"

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[0], "other")

    @property
    def fixable(self) -> bool:
        return self.fix != "none"

    @property
    def security(self) -> bool:
        """A security problem (a leaked secret), as code scanning and Code Quality tools tag it."""
        return self.family == "secrets"


DEFAULT_EXAMPLE_PATH = "lib/backend/api_requests/api_calls.dart"


def _examples(raw: list[dict[str, Any]]) -> tuple[Example, ...]:
    examples = []
    for entry in raw:
        files = dict(entry.get("files", {}))
        if "code" in entry:
            files[entry.get("path", DEFAULT_EXAMPLE_PATH)] = entry["code"]
        examples.append(
            Example(
                description=entry.get("description", ""),
                files=files,
                manager=entry.get("manager", "if-unset"),
                expect_count=entry.get("count"),
            )
        )
    return tuple(examples)


def _rule_schema() -> dict[str, Any]:
    return json.loads(data_file("schemas", "rule.schema.json").read_text(encoding="utf-8"))


def rule_files() -> list:
    return sorted(
        (node for node in data_file("rules").iterdir() if node.name.endswith(".yaml")), key=lambda node: node.name
    )


def rule_file_errors() -> list[str]:
    """Schema violations in rules/*.yaml (the test suite runs this; at run time the files are trusted, which
    keeps jsonschema out of every lint's start-up)."""
    import jsonschema
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    validator = jsonschema.Draft202012Validator(_rule_schema())
    problems = []
    for path in rule_files():
        for error in validator.iter_errors(yaml.load(path.read_text(encoding="utf-8"))):
            where = "/".join(str(part) for part in error.path) or "(top)"
            problems.append(f"rules/{path.name}: {where}: {error.message}")
    return sorted(problems)


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule from rules/*.yaml, keyed by code."""
    rules: dict[str, Rule] = {}
    for path in rule_files():
        raw = load_data("rules", path.name)
        examples = raw.get("examples", {})
        rule = Rule(
            code=raw["code"],
            name=raw["name"],
            severity=raw["severity"],
            summary=raw["summary"].strip(),
            rationale=raw["rationale"].strip(),
            flutterflow_fix=raw["flutterflow_fix"].strip(),
            fix=raw.get("fix", "none"),
            fix_note=raw.get("fix_note", "").strip(),
            bad=_examples(examples.get("bad", [])),
            good=_examples(examples.get("good", [])),
            options=raw.get("options", {}),
            cause=raw.get("cause", "copies"),
        )
        if rule.code in rules:
            raise RuntimeError(f"rules/{path.name}: code {rule.code} is used twice")
        rules[rule.code] = rule
    return rules


def find_rule(selector: str) -> Rule | None:
    """A rule by code (case-insensitive) or by name."""
    rules = all_rules()
    wanted = selector.strip()
    if wanted.upper() in rules:
        return rules[wanted.upper()]
    return next((rule for rule in rules.values() if rule.name == wanted.lower()), None)


def select_codes(selectors: Iterable[str]) -> Iterator[str]:
    """Expand codes, code prefixes ("S", "A0") and names into rule codes."""
    rules = all_rules()
    for selector in selectors:
        token = selector.strip()
        if not token:
            continue
        if token.upper() == "ALL":
            yield from rules
            continue
        by_name = find_rule(token)
        if by_name is not None:
            yield by_name.code
            continue
        matched = [code for code in rules if code.startswith(token.upper())]
        if not matched:
            raise ValueError(f"unknown rule selector {token!r}")
        yield from matched

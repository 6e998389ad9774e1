""".fflint.yaml: found from the linted path upward (or given with --config), validated by schemas/config.schema.json.

Every error names the file, the line and the key, so that a typo never silently turns a setting off.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.resources import data_file
from linter.yaml_limits import MAX_FLOW_DEPTH, flow_too_deep

CONFIG_NAMES = (".fflint.yaml", ".fflint.yml")


class ConfigError(Exception):
    """A configuration problem; the message is one readable line."""


@dataclass
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    exclude: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    now: str | None = None
    baseline: Path | None = None

    @property
    def root(self) -> Path:
        """The folder that relative globs and the baseline path are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()


def _shown(path: Path) -> str:
    """A path for messages: relative to the working folder when it is inside it."""
    relative = os.path.relpath(path.absolute())
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest .fflint.yaml in ``start`` (a file's folder) or any folder above it."""
    folder = start.absolute()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def _line_of(node: Any, path: list[Any]) -> int | None:
    """1-based line of the value at ``path`` in a ruamel round-trip document (or of its nearest parent)."""
    line = None
    for part in path:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            line = (lc.key(part) if isinstance(part, str) else lc.item(part))[0] + 1
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return line


# A configuration holds a few hundred values at most; aliases may reuse parts of it, but never blow it up.
MAX_CONFIG_VALUES = 100_000


class _TooManyValues(Exception):
    pass


def _plain(node: Any, budget: list[int] | None = None) -> Any:
    """The document as plain JSON values (YAML dates become ISO strings), aliases expanded within a bound."""
    budget = [MAX_CONFIG_VALUES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyValues
    if isinstance(node, dict):
        return {str(key): _plain(value, budget) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value, budget) for value in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return node


def _schema() -> dict[str, Any]:
    return json.loads(data_file("schemas", "config.schema.json").read_text(encoding="utf-8"))


class _Reporter:
    def __init__(self, path: Path, document: Any) -> None:
        self.path, self.document = path, document

    def error(self, where: list[Any], message: str) -> ConfigError:
        line = _line_of(self.document, where) if where else 1
        key = ".".join(str(part) for part in where if isinstance(part, str)) or "(top)"
        location = f"{_shown(self.path)}:{line}" if line else _shown(self.path)
        return ConfigError(f"{location}: {key}: {message}")


def _schema_error(reporter: _Reporter, data: dict[str, Any], schema: dict[str, Any]) -> ConfigError | None:
    import jsonschema

    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if not errors:
        return None
    error = min(errors, key=lambda e: (_line_of(reporter.document, list(e.absolute_path)) or 0, list(e.absolute_path)))
    where = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        if unknown:
            where.append(unknown[0])
            import difflib

            close = difflib.get_close_matches(unknown[0], known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
            return reporter.error(where, f"unknown key{hint}")
    if error.validator in ("oneOf", "anyOf"):
        return reporter.error(where, "expected a rule selector or a list of them")
    return reporter.error(where, error.message)


def _selectors(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _expand(reporter: _Reporter, where: list[Any], selectors: tuple[str, ...]) -> frozenset[str]:
    from linter.rules import select_codes

    codes: set[str] = set()
    for index, selector in enumerate(selectors):
        try:
            codes.update(select_codes(part for part in selector.split(",")))
        except ValueError as error:
            raise reporter.error(where if len(selectors) == 1 else [*where, index], str(error)) from None
    return frozenset(codes)


def _rule_options(reporter: _Reporter, raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from linter.rules import find_rule

    options: dict[str, dict[str, Any]] = {}
    for selector, values in raw.items():
        rule = find_rule(selector)
        if rule is None:
            raise reporter.error(["rules", selector], "unknown rule (see 'fflint rules')")
        declared = {name.replace("_", "-"): name for name in rule.options}
        for name, value in values.items():
            real = declared.get(name.replace("_", "-"))
            if real is None:
                takes = ", ".join(sorted(rule.options)) or "no options"
                message = f"{rule.code} has no option '{name}' (it takes {takes})"
                raise reporter.error(["rules", selector, name], message)
            options.setdefault(rule.code, {})[real] = value
    return options


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; raises ConfigError."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"{_shown(path)}: cannot read configuration: {reason}") from None
    deep = flow_too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise ConfigError(f"{_shown(path)}:{line}: invalid YAML: nested more than {MAX_FLOW_DEPTH} deep")
    try:
        document = YAML(typ="rt").load(text)
    except YAMLError as error:
        from linter.secrets.redact import mask_message

        mark = getattr(error, "problem_mark", None)
        where = f"{_shown(path)}:{mark.line + 1}" if mark is not None else _shown(path)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ConfigError(f"{where}: invalid YAML: {mask_message(problem)}") from None
    except RecursionError:
        raise ConfigError(f"{_shown(path)}: invalid YAML: nested too deeply") from None
    if document is None:
        return Config(path=path)
    reporter = _Reporter(path, document)
    if not isinstance(document, dict):
        raise reporter.error([], "the configuration must be a mapping of settings")
    try:
        data = _plain(document)
    except (_TooManyValues, RecursionError):
        message = f"expands to more than {MAX_CONFIG_VALUES} values (through aliases?) or nests too deeply"
        raise ConfigError(f"{_shown(path)}: invalid configuration: {message}") from None
    schema_error = _schema_error(reporter, data, _schema())
    if schema_error is not None:
        raise schema_error
    config = Config(path=path)
    if "select" in data:
        config.select = _selectors(data["select"])
        _expand(reporter, ["select"], config.select)
    config.extend_select = _selectors(data.get("extend-select", ()))
    _expand(reporter, ["extend-select"], config.extend_select)
    config.ignore = _selectors(data.get("ignore", ()))
    _expand(reporter, ["ignore"], config.ignore)
    config.per_file_ignores = tuple(
        (glob, _expand(reporter, ["per-file-ignores", glob], _selectors(codes)))
        for glob, codes in data.get("per-file-ignores", {}).items()
    )
    config.exclude = tuple(data.get("exclude", ()))
    for selector, level in data.get("severity", {}).items():
        for code in _expand(reporter, ["severity", selector], (selector,)):
            config.severity[code] = level
    config.fail_on = data.get("fail-on")
    config.rule_options = _rule_options(reporter, data.get("rules", {}))
    if "now" in data:
        config.now = data["now"]
        if parse_moment(config.now) is None:
            raise reporter.error(["now"], f"'{config.now}' is not an ISO 8601 date or time (e.g. 2026-01-31)")
    if "baseline" in data:
        config.baseline = path.parent / data["baseline"]
    return config


def parse_moment(value: str) -> float | None:
    """Seconds since the epoch of an ISO 8601 date or time (UTC unless it says otherwise); None if malformed."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def resolve_config(targets: list[Path], explicit: Path | None, disabled: bool) -> Config:
    """The configuration for a run: --config, else the nearest .fflint.yaml above the first target, else defaults."""
    if disabled:
        return Config()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return load_config(explicit)
    found = find_config(targets[0] if targets else Path("."))
    return load_config(found) if found is not None else Config()

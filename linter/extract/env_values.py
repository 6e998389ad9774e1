"""Environment values of a Dart export: lib/environment_values.dart and the JSON file(s) it reads.

The generated ``FFDevEnvironmentValues`` class names the current environment, the JSON asset it loads, assigns
``_x = data['key'];`` in ``initialize()`` and exposes ``get x => _x;``. Hand edits read several
``environment_*.json`` files or use ``String.fromEnvironment``; such getters are recorded as build-time defines and
never guessed.
"""

from __future__ import annotations

import json
import re

from linter.model import (
    EnvDefinition,
    EnvGetter,
    Environment,
    EnvValue,
    Export,
    FileKind,
    ParseError,
    Segment,
    SourceFile,
    Template,
)
from linter.vocabulary import env_reference

_CURRENT = re.compile(r"\bcurrentEnvironment\s*=\s*(['\"])(.*?)\1")
_VALUES_PATH = re.compile(r"\benvironmentValuesPath\s*=\s*(['\"])(.*?)\1")
_JSON_LITERAL = re.compile(r"(['\"])([^'\"\n]*\.json)\1")
_ASSIGN = re.compile(r"\b(_?\w+)\s*=\s*data\s*\[\s*(['\"])(.*?)\2\s*\]")
# Getters are found by "get name" first and their type read back from the same line: a type pattern in front of
# "get" backtracks quadratically on long lines (a 40 KB line took 25 s).
_GETTER = re.compile(r"\bget[ \t]+(\w+)\s*(?:=>\s*([^;]{1,2000});|\{\s*return\s+([^;]{1,2000});\s*\})")
_TYPE_BEFORE = re.compile(r"([A-Za-z_][\w<>?,]*(?:<[\w<>?, ]*>)?\??)[ \t]+$")
_DEFINE = re.compile(r"(?:String|int|bool)\.fromEnvironment\(\s*(['\"])(.*?)\1")
_FIELD_DEFINE = re.compile(r"\b(_?\w+)\s*=\s*(?:const\s+)?(?:String|int|bool)\.fromEnvironment\(\s*(['\"])(.*?)\2")
_IDENTIFIER = re.compile(r"_?\w+")
_LINE_COMMENT = re.compile(r"//[^\n]*")


def _without_comments(text: str) -> str:
    """The text with // comments blanked (same length, so offsets still match)."""
    return _LINE_COMMENT.sub(lambda found: " " * len(found.group()), text)


def parse_env_definition(file: SourceFile) -> EnvDefinition:
    text = _without_comments(file.text)
    definition = EnvDefinition(file)
    if current := _CURRENT.search(text):
        definition.current_environment = current.group(2)
    main_path = _VALUES_PATH.search(text)
    if main_path:
        definition.json_paths.append(main_path.group(2))
    for found in _JSON_LITERAL.finditer(text):
        if found.group(2) not in definition.json_paths:
            definition.json_paths.append(found.group(2))
    keys_by_field = {found.group(1): found.group(3) for found in _ASSIGN.finditer(text)}
    defines_by_field = {found.group(1): found.group(3) for found in _FIELD_DEFINE.finditer(text)}
    for found in _GETTER.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        before = _TYPE_BEFORE.search(text, max(line_start, found.start() - 200), found.start())
        type_text = before.group(1) if before else "dynamic"
        name = found.group(1)
        body = (found.group(2) or found.group(3) or "").strip()
        getter = EnvGetter(name, type_text, file.span(found.start(1), found.end(1)))
        if define := _DEFINE.search(body):
            getter.define = define.group(2)
        elif _IDENTIFIER.fullmatch(body) and body in keys_by_field:
            getter.json_key = keys_by_field[body]
        elif _IDENTIFIER.fullmatch(body) and body in defines_by_field:
            getter.define = defines_by_field[body]
        else:
            getter.unresolved = f"the value of '{name}' comes from '{body}', which fflint does not follow"
        if getter.define is not None:
            getter.unresolved = f"'{name}' is read from String.fromEnvironment('{getter.define}') at build time"
        definition.getters[name] = getter
    return definition


# -- JSON with positions ------------------------------------------------------------------------------------------

_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_WS = " \t\r\n"
_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


class _JsonScanner:
    """Walks JSON text already known to be valid and records each top-level member with exact offsets."""

    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.text = file.text
        self.index = 0

    def skip(self) -> None:
        while self.index < len(self.text) and self.text[self.index] in _WS:
            self.index += 1

    def string(self) -> Template:
        start = self.index
        self.index += 1  # opening quote
        segments: list[Segment] = []
        run = self.index
        text = self.text
        while text[self.index] != '"':
            if text[self.index] == "\\":
                if run < self.index:
                    segments.append(Segment("lit", text[run : self.index], run, self.index))
                escape_start = self.index
                kind = text[self.index + 1]
                if kind == "u":
                    code = int(text[self.index + 2 : self.index + 6], 16)
                    self.index += 6
                    # A surrogate pair is two escapes that render one character.
                    if 0xD800 <= code < 0xDC00 and text.startswith("\\u", self.index):
                        low = int(text[self.index + 2 : self.index + 6], 16)
                        if 0xDC00 <= low < 0xE000:
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            self.index += 6
                    rendered = chr(code)
                else:
                    rendered = _JSON_ESCAPES[kind]
                    self.index += 2
                segments.append(Segment("esc", rendered, escape_start, self.index))
                run = self.index
            else:
                self.index += 1
        if run < self.index:
            segments.append(Segment("lit", text[run : self.index], run, self.index))
        self.index += 1  # closing quote
        return Template(self.file, segments, start, self.index)

    def skip_value(self) -> None:
        """Move past any JSON value (the input is valid)."""
        text = self.text
        if text[self.index] == '"':
            self.string()
            return
        if text[self.index] in "[{":
            depth = 0
            while True:
                char = text[self.index]
                if char == '"':
                    self.string()
                    continue
                self.index += 1
                if char in "[{":
                    depth += 1
                elif char in "]}":
                    depth -= 1
                    if depth == 0:
                        return
        while self.index < len(text) and text[self.index] not in _WS + ",}]":
            self.index += 1

    def members(self) -> list[EnvValue]:
        self.skip()
        self.index += 1  # "{"
        found: list[EnvValue] = []
        while True:
            self.skip()
            if self.text[self.index] == "}":
                return found
            if self.text[self.index] == ",":
                self.index += 1
                continue
            key = self.string()
            self.skip()
            self.index += 1  # ":"
            self.skip()
            value_start = self.index
            char = self.text[value_start]
            if char == '"':
                value = self.string()
                kind = "String"
            else:
                self.skip_value()
                raw = self.text[value_start : self.index]
                kind = {"t": "bool", "f": "bool", "n": "null", "{": "object", "[": "array"}.get(char, "number")
                value = Template(self.file, [Segment("lit", raw, value_start, self.index)], value_start, self.index)
            found.append(EnvValue(key.text, key, value, kind, self.file.span(key.start, value.end)))


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def json_environment(file: SourceFile, name: str, source: str, *, current: bool = False) -> Environment:
    """A flat JSON object of values as an Environment; a file that is not one gets ``error`` at the parser's
    position (Dart's json.decode fails there too, and the app then runs with empty values)."""
    environment = Environment(name, source, file, current=current)
    try:
        data = json.loads(file.text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        before = file.text[: error.pos].rstrip()
        note = (
            " (a trailing comma after the last value)"
            if error.msg.startswith("Expecting") and before.endswith(",")
            else ""
        )
        environment.error = ParseError(
            file.span(error.pos, min(error.pos + 1, len(file.text))),
            f"not valid JSON: {error.msg}{note} at line {error.lineno}, column {error.colno}",
        )
        return environment
    except ValueError as error:
        environment.error = ParseError(file.span(0), f"not valid JSON: {error}")
        return environment
    except RecursionError:
        environment.error = ParseError(file.span(0), "not valid for the app: JSON nested too deeply to decode")
        return environment
    if not isinstance(data, dict):
        start = len(file.text) - len(file.text.lstrip())
        environment.error = ParseError(
            file.span(start, start + 1), f"must hold one JSON object, not {_JSON_KINDS.get(type(data), 'a value')}"
        )
        return environment
    environment.values = _JsonScanner(file).members()
    return environment


def extract_env_values(export: Export) -> None:
    """Fill ``export.env_definition`` and one Environment per environment JSON file."""
    dart = next((file for file in export.files if file.kind is FileKind.ENV_VALUES_DART), None)
    by_relpath = {export.relative(file): file for file in export.files}
    definition = parse_env_definition(dart) if dart is not None else None
    export.env_definition = definition
    seen: set[str] = set()
    if definition is not None:
        for index, path in enumerate(definition.json_paths):
            relpath = path.lstrip("/")
            file = by_relpath.get(relpath)
            seen.add(relpath)
            name = definition.current_environment if index == 0 and definition.current_environment else path
            if file is None:
                where = dart.text.find(path)
                missing = Environment(name, "env-json", dart, current=index == 0)
                missing.error = ParseError(
                    dart.span(where, where + len(path)),
                    f"'{path}' is not in the export: the app loads no environment values and runs with empty ones",
                )
                export.environments.append(missing)
                continue
            export.environments.append(json_environment(file, name, "env-json", current=index == 0))
    others = [
        file
        for relpath, file in by_relpath.items()
        if file.kind is FileKind.ENV_JSON and relpath.startswith("assets/environment_values/") and relpath not in seen
    ]
    for file in others:
        current = definition is None and len(others) == 1
        export.environments.append(json_environment(file, file.path.stem, "env-json", current=current))
    mark_build_time_values(export)


def mark_build_time_values(export: Export) -> None:
    """Calls that read a ``String.fromEnvironment`` getter list it as unresolved: its value is set at build time."""
    definition = export.env_definition
    if definition is None:
        return
    defined = {name: getter for name, getter in definition.getters.items() if getter.define is not None}
    if not defined:
        return
    for call in export.calls:
        names = {variable.env_default for variable in call.variables if variable.env_default}
        values = [call.url, call.body, *(header.value for header in call.headers)]
        for value in values:
            if isinstance(value, Template):
                names.update(env_reference(expression) for _, _, expression in value.interpolations)
        for name in sorted(name for name in names if name in defined):
            note = f"environment value '{name}' (String.fromEnvironment('{defined[name].define}'), set at build time)"
            if note not in call.unresolved:
                call.unresolved.append(note)

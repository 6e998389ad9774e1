"""The typed model every check reads.

Extractors turn files into these objects; checks never look at raw text except through
``SourceFile`` and ``Template``, so every finding can point at exact bytes.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path


class FileKind(str, Enum):
    API_CALLS = "api-calls"
    API_MANAGER = "api-manager"
    ENV_VALUES_DART = "env-values-dart"
    ENV_JSON = "env-json"
    PRIVATE_JS = "private-js"
    PROJECT_YAML = "project-yaml"
    DOTENV = "dotenv"
    DART = "dart"
    TEXT = "text"
    BINARY = "binary"


# Files that define requests or environments: extracted into the model, and reported when they cannot be read.
DEFINITION_KINDS = frozenset(
    {
        FileKind.API_CALLS,
        FileKind.API_MANAGER,
        FileKind.ENV_VALUES_DART,
        FileKind.ENV_JSON,
        FileKind.PRIVATE_JS,
        FileKind.PROJECT_YAML,
        FileKind.DOTENV,
    }
)
# Every kind of text file: the secret scan reads them all.
SCANNED_KINDS = DEFINITION_KINDS | {FileKind.DART, FileKind.TEXT}


# Files whose lines bind values without quotes (``KEY=value``, ``key: value``): .env, YAML, properties, shell; and
# prose, where a value also sits in a sentence (``the token is `…` ``).
_CONFIG_SUFFIXES = frozenset(
    {".env", ".yaml", ".yml", ".properties", ".ini", ".cfg", ".conf", ".sh", ".bash", ".zsh", ".bat", ".cmd"}
    | {".xcconfig", ".npmrc", ".pypirc"}  # Xcode build settings, package registries' credentials
)
# A copy to fill in (key.properties.template, .env.example): written like the file it is a copy of.
_COPY_SUFFIXES = frozenset({".template", ".example", ".sample", ".dist", ".orig", ".bak"})
_PROSE_SUFFIXES = frozenset({".md", ".txt", ".rst", ".adoc", ".log"})
# Code whose strings fill in ``$name`` (Dart, Kotlin, Groovy, PHP): such a string is not a literal.
_DOLLAR_SUFFIXES = frozenset({".dart", ".kt", ".kts", ".gradle", ".php", ".pl"})


@dataclass(eq=False)
class SourceFile:
    """One file as read from disk, with the helpers that turn offsets into positions."""

    path: Path
    relpath: str
    kind: FileKind
    text: str = ""
    encoding: str = "utf-8"
    size: int = 0

    @property
    def syntax(self) -> str:
        """How values are written, for the secret scan: "code" (quoted literals), "interpolating" (code whose strings
        fill in ``$name``), "config" (``KEY=value`` lines hold literals without quotes) or "prose" (config lines, and
        values quoted in sentences)."""
        name = self.path.name.lower()
        suffix = name[name.rindex(".") :] if "." in name else ""
        if suffix in _COPY_SUFFIXES:
            name = name[: -len(suffix)]
            suffix = name[name.rindex(".") :] if "." in name else ""
        if suffix in _PROSE_SUFFIXES or not suffix:
            return "prose"
        if (
            self.kind in (FileKind.DOTENV, FileKind.PROJECT_YAML)
            or name.startswith(".env")
            or suffix in _CONFIG_SUFFIXES
        ):
            return "config"
        return "interpolating" if suffix in _DOLLAR_SUFFIXES else "code"

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r")

    def span(self, start: int, end: int | None = None) -> Span:
        end = start if end is None else end
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(self.relpath, start, end, line, col, end_line, end_col)


@dataclass(frozen=True, slots=True)
class Span:
    path: str
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(slots=True)
class Segment:
    """A run of a string value: literal characters, one escape, or one interpolation.

    ``start``/``end`` are source offsets. In a ``lit`` segment character i of ``text`` sits at
    source offset ``start + i``; an ``esc`` segment maps all its text to the whole escape.
    """

    kind: str  # "lit" | "esc" | "interp"
    text: str
    start: int
    end: int
    expr: str | None = None  # the interpolated expression, e.g. "token" or "escapeStringForJson(x)"


@dataclass(eq=False)
class Template:
    """A string as the program builds it: literal parts and interpolations, each with its span.

    ``text`` renders interpolations as written in the source (``${token}`` or ``$token``).
    """

    file: SourceFile
    segments: list[Segment]
    start: int  # source span of the whole expression, quotes included
    end: int
    raw: bool = False

    @cached_property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)

    @cached_property
    def _rendered_starts(self) -> list[int]:
        starts, position = [], 0
        for segment in self.segments:
            starts.append(position)
            position += len(segment.text)
        return starts

    @property
    def is_literal(self) -> bool:
        return all(segment.kind != "interp" for segment in self.segments)

    @property
    def literal(self) -> str | None:
        return self.text if self.is_literal else None

    @property
    def interpolations(self) -> list[tuple[int, int, str]]:
        """(rendered start, rendered end, expression) of each interpolation."""
        found = []
        for segment, begin in zip(self.segments, self._rendered_starts, strict=False):
            if segment.kind == "interp":
                found.append((begin, begin + len(segment.text), segment.expr or ""))
        return found

    def is_interpolated_at(self, index: int) -> bool:
        if not 0 <= index < len(self.text):
            return False
        position = bisect.bisect_right(self._rendered_starts, index) - 1
        return self.segments[position].kind == "interp"

    def source_offset(self, index: int, *, end: bool = False) -> int:
        """Source offset of rendered character ``index`` (with ``end``, of the position after it)."""
        if not self.segments:
            return self.start
        if index >= len(self.text):
            return self.segments[-1].end if end or index > 0 else self.segments[-1].start
        position = bisect.bisect_right(self._rendered_starts, index) - 1
        segment = self.segments[position]
        inner = index - self._rendered_starts[position]
        if segment.kind == "lit":
            return segment.start + inner + (1 if end else 0)
        return segment.end if end else segment.start

    def source_range(self, begin: int, finish: int) -> tuple[int, int]:
        """Source offsets covering rendered characters ``begin`` to ``finish`` (exclusive)."""
        if finish <= begin:
            offset = self.source_offset(begin)
            return offset, offset
        return self.source_offset(begin), self.source_offset(finish - 1, end=True)

    def span(self, begin: int | None = None, finish: int | None = None) -> Span:
        if begin is None:
            return self.file.span(self.start, self.end)
        source_start, source_end = self.source_range(begin, len(self.text) if finish is None else finish)
        return self.file.span(source_start, source_end)


@dataclass(eq=False)
class Expr:
    """A Dart/JS expression fflint does not evaluate (a variable, a call): kept as source text."""

    file: SourceFile
    source: str
    start: int
    end: int

    def span(self) -> Span:
        return self.file.span(self.start, self.end)


Value = Template | Expr


@dataclass(eq=False)
class Header:
    name: Value
    value: Value
    origin: str  # "call" | "group" (the group's own map) | "group-spread" | "group-copy"
    file: SourceFile  # the file ``start``/``end`` belong to (a private call's headers live in its JS file)
    start: int  # source span of the whole entry
    end: int

    @property
    def name_text(self) -> str | None:
        return self.name.text if isinstance(self.name, Template) and self.name.is_literal else None


@dataclass(eq=False)
class Param:
    key: Value
    value: Value


@dataclass(eq=False)
class Variable:
    name: str
    type: str
    default: Value | None
    env_default: str | None  # FFDevEnvironmentValues().<key> used when the argument is null (2025)
    span: Span


@dataclass(eq=False)
class ApiGroup:
    name: str
    file: SourceFile
    span: Span
    base_url: Value | None = None
    headers: list[Header] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    call_classes: list[str] = field(default_factory=list)


@dataclass(eq=False)
class ApiCall:
    name: str  # callName as sent to the API manager, else the class/function name
    class_name: str
    file: SourceFile
    span: Span
    group: str | None = None
    method: str | None = None
    url: Value | None = None
    base_url: Value | None = None  # the group's base URL when the call's URL builds on it
    headers: list[Header] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    body: Value | None = None
    body_type: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    variables: list[Variable] = field(default_factory=list)
    private: bool = False
    spreads: list[str] = field(default_factory=list)  # group header maps spread into this call
    # Locals of the function that sends the request (``final x = …;``, JS ``var x = …;``), by name: an argument
    # such as ``${prompt}`` may name one. Locals that hold the group (its base URL, its header object) are left out:
    # ``base_url`` and the group's headers stand for them.
    locals: dict[str, Value] = field(default_factory=dict)
    # Private calls: the ``variables`` map the Dart side passes to the cloud function, by key (a value naming a
    # local of call() is that local's value); the JS function reads them as ``ffVariables["key"]``.
    forwarded: dict[str, Value] = field(default_factory=dict)
    # Names read by other statements of that function (hand-written code: a loop, a condition, a helper call),
    # through which a variable may reach the request in ways the model does not follow.
    other_reads: frozenset[str] = frozenset()
    unresolved: list[str] = field(default_factory=list)  # what the extractor could not follow
    # The interceptor list passed beside ``ApiCallOptions`` to ``FFApiInterceptor.makeApiCall``
    # (``Group.interceptors``): custom code that may change the request (headers, URL, body) before it is sent.
    interceptors: Value | None = None

    @property
    def sends_body(self) -> bool:
        if self.method in {"POST", "PUT", "PATCH"}:
            return True
        return self.method == "DELETE" and self.flags.get("alwaysAllowBody", False)

    def variable(self, name: str) -> Variable | None:
        return next((variable for variable in self.variables if variable.name == name), None)


@dataclass(frozen=True, slots=True)
class ParseError:
    span: Span
    message: str


@dataclass(eq=False)
class EnvValue:
    """One environment value: a key and its value, both as templates into the file that defines them.

    ``value`` is the string as the app reads it (JSON string, dotenv value, YAML ``serializedValue``); for JSON
    numbers and booleans it holds the literal source text and ``type`` says so. ``value`` is None when the key has
    no value in that environment (a YAML ``valuesMap`` without the environment's entry).
    """

    key: str
    key_template: Template | None
    value: Template | None
    type: str  # "String" | "bool" | "number" | "null" | YAML scalarType ("Integer", ...)
    span: Span  # the whole entry
    private: bool = False  # YAML isPrivate


@dataclass(eq=False)
class Environment:
    """A set of environment values as one file or one Project YAML environment defines them.

    ``source``: "env-json" (assets/environment_values/*.json read by lib/environment_values.dart), "dart-define"
    (a --dart-define-from-file JSON), "dotenv" (.env files) or "project-yaml" (environment-settings).
    ``current`` marks the environment the exported app runs with.
    """

    name: str
    source: str
    file: SourceFile
    key: str | None = None  # Project YAML environment key ("PROD")
    current: bool = False
    values: list[EnvValue] = field(default_factory=list)
    error: ParseError | None = None  # the file could not be read as this kind of environment (E001)
    malformed: list[ParseError] = field(default_factory=list)  # entries the parser skipped (.env lines, E007)

    def get(self, key: str) -> EnvValue | None:
        """The value the runtime sees for ``key``: the last definition wins (JSON objects, dotenv, Dart maps)."""
        return next((value for value in reversed(self.values) if value.key == key), None)


@dataclass(eq=False)
class EnvGetter:
    """A getter of ``FFDevEnvironmentValues`` and where its value comes from."""

    name: str
    type: str
    span: Span
    json_key: str | None = None  # ``_x = data['key']`` in initialize()
    define: str | None = None  # ``String.fromEnvironment('NAME')`` hand edit: known only at build time
    unresolved: str | None = None  # why the value cannot be followed


@dataclass(eq=False)
class EnvDefinition:
    """lib/environment_values.dart: the current environment, the JSON file(s) it reads and its getters."""

    file: SourceFile
    current_environment: str | None = None
    json_paths: list[str] = field(default_factory=list)
    getters: dict[str, EnvGetter] = field(default_factory=dict)


class ContentTypeMode(str, Enum):
    OVERWRITE = "overwrite"  # 2022 managers replace any explicit Content-Type with bodyType's
    IF_UNSET = "if-unset"  # 2023+ managers set it only when the call has none
    UNKNOWN = "unknown"


@dataclass(eq=False)
class Export:
    """One FlutterFlow export root (a folder with pubspec.yaml and lib/), or (``loose``) the files under the given
    paths that belong to no export, which only the secret checks read."""

    root: Path
    relroot: str
    files: list[SourceFile] = field(default_factory=list)
    loose: bool = False
    era: str = "unknown"
    content_type_mode: ContentTypeMode = ContentTypeMode.UNKNOWN
    groups: list[ApiGroup] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    parse_errors: list[ParseError] = field(default_factory=list)
    environments: list[Environment] = field(default_factory=list)
    env_definition: EnvDefinition | None = None
    # Values from Project YAML config files (supabase, google-maps, app-constants) for the secret scan.
    config_values: list[EnvValue] = field(default_factory=list)
    # Set when the findings came from the run cache and the calls were not extracted again.
    checked_calls: int | None = None

    @property
    def call_count(self) -> int:
        return self.checked_calls if self.checked_calls is not None else len(self.calls)

    def group(self, name: str | None) -> ApiGroup | None:
        return next((group for group in self.groups if group.name == name), None)

    def relative(self, file: SourceFile) -> str:
        """``file``'s path relative to the export root (as FlutterFlow writes it), else as shown."""
        path, root = str(file.path), str(self.root)
        if path.startswith(root) and path[len(root) : len(root) + 1] == os.sep:  # what relative_to says, cheaply
            return path[len(root) + 1 :].replace(os.sep, "/")
        try:
            return file.path.relative_to(self.root).as_posix()
        except ValueError:
            return file.relpath

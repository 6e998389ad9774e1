""".env files (flutter_dotenv, hand-added) and ``--dart-define-from-file`` JSON files.

Dotenv syntax as flutter_dotenv and python-dotenv read it: blank lines and ``#`` comments, an optional ``export``
prefix, ``KEY=value`` with spaces allowed around ``=``; unquoted values end at the line end or at `` #`` and lose
trailing spaces; single quotes are literal; double quotes take ``\\n \\r \\t \\" \\\\ \\$`` escapes; both kinds of
quotes may span lines; ``${VAR}`` and ``$VAR`` reference other values (kept as interpolations). Lines that cannot be
read are recorded, with their span, in ``Environment.malformed``.
"""

from __future__ import annotations

import re

from linter.extract.env_values import json_environment
from linter.model import Environment, EnvValue, Export, FileKind, ParseError, Segment, SourceFile, Template

_DOUBLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "$": "$", "'": "'"}
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.]*)(?::?-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")
_EXPORT = re.compile(r"export[ \t]+")
_DEFINE_FILE = re.compile(r"--dart-define-from-file[= ]+[\"']?([^\s\"',\]]+\.json)")
_DEFINE_NAME = re.compile(r"(dart[_-]?defines?[\w.-]*|\.?env|[\w.-]+\.env|env[._-][\w.-]+)\.json", re.IGNORECASE)


def is_dart_define_name(name: str) -> bool:
    """JSON files named like ``--dart-define-from-file`` inputs (dart_defines.json, env.prod.json, .env.json)."""
    return _DEFINE_NAME.fullmatch(name) is not None


class _Reader:
    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.text = file.text
        self.index = 0
        self.environment = Environment(file.path.name, "dotenv", file)

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        end = len(self.text) if end == -1 else end
        return end - 1 if end > index and self.text[end - 1] == "\r" else end

    def next_line(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end == -1 else end + 1

    def malformed(self, start: int, end: int, message: str) -> None:
        self.environment.malformed.append(ParseError(self.file.span(start, end), message))

    def read(self) -> Environment:
        text = self.text
        while self.index < len(text):
            line_start = self.index
            index = line_start
            while index < len(text) and text[index] in " \t":
                index += 1
            end = self.line_end(index)
            if index >= end or text[index] == "#":
                self.index = self.next_line(index)
                continue
            if exported := _EXPORT.match(text, index, end):
                index = exported.end()
            self.index = self.entry(line_start, index, end)
        return self.environment

    def entry(self, line_start: int, key_start: int, end: int) -> int:
        """Read one ``KEY=value`` entry starting at ``key_start``; return where the next line starts."""
        text = self.text
        equals = text.find("=", key_start, end)
        if equals == -1:
            self.malformed(key_start, end, f"'{text[key_start:end].strip()}' has no '=': the line is ignored")
            return self.next_line(end)
        key_end = equals
        while key_end > key_start and text[key_end - 1] in " \t":
            key_end -= 1
        key = text[key_start:key_end]
        if not key or any(char in key for char in " \t\"'"):
            shown = key or "(empty)"
            self.malformed(key_start, equals, f"'{shown}' is not a variable name: the line is ignored")
            return self.next_line(end)
        key_template = Template(self.file, [Segment("lit", key, key_start, key_end)], key_start, key_end)
        index = equals + 1
        while index < end and text[index] in " \t":
            index += 1
        quote = text[index] if index < end else ""
        if quote in ("'", '"'):
            value, after = self.quoted(index, quote)
            if value is None:
                self.malformed(index, end, f"the {'single' if quote == chr(39) else 'double'} quote is never closed")
                return len(text)
            rest_end = self.line_end(after)
            rest = text[after:rest_end]
            if rest.strip() and not rest.lstrip(" \t").startswith("#"):
                self.malformed(after, rest_end, f"text after the closing quote of '{key}': the line is ignored")
                return self.next_line(rest_end)
            next_index = self.next_line(rest_end)
        else:
            value = self.unquoted(index, end, spaced=index > equals + 1)
            next_index = self.next_line(end)
        self.environment.values.append(
            EnvValue(key, key_template, value, "String", self.file.span(key_start, value.end))
        )
        return next_index

    def unquoted(self, start: int, end: int, *, spaced: bool) -> Template:
        text = self.text
        comment = re.search(r"[ \t]#", text[start:end])
        stop = start + comment.start() if comment else end
        if spaced and text.startswith("#", start):  # "KEY= # note": the value is empty
            stop = start
        while stop > start and text[stop - 1] in " \t":
            stop -= 1
        return Template(self.file, _with_references(text, start, stop), start, stop)

    def quoted(self, start: int, quote: str) -> tuple[Template | None, int]:
        text = self.text
        if quote == "'":
            close = text.find("'", start + 1)
            if close == -1:
                return None, len(text)
            segments = [Segment("lit", text[start + 1 : close], start + 1, close)] if close > start + 1 else []
            return Template(self.file, segments, start, close + 1, raw=True), close + 1
        segments: list[Segment] = []
        index = run = start + 1
        while index < len(text):
            char = text[index]
            if char == "\\" and index + 1 < len(text) and text[index + 1] in _DOUBLE_ESCAPES:
                segments.extend(_with_references(text, run, index))
                segments.append(Segment("esc", _DOUBLE_ESCAPES[text[index + 1]], index, index + 2))
                index = run = index + 2
                continue
            if char == '"':
                segments.extend(_with_references(text, run, index))
                return Template(self.file, segments, start, index + 1), index + 1
            index += 1
        return None, len(text)


def _with_references(text: str, start: int, end: int) -> list[Segment]:
    """Literal runs of ``text[start:end]`` with ``${VAR}``/``$VAR`` as interpolation segments."""
    segments: list[Segment] = []
    run = start
    for found in _REFERENCE.finditer(text, start, end):
        if found.start() > 0 and text[found.start() - 1] == "\\":
            continue
        if run < found.start():
            segments.append(Segment("lit", text[run : found.start()], run, found.start()))
        name = found.group(1) or found.group(2)
        segments.append(Segment("interp", found.group(), found.start(), found.end(), name))
        run = found.end()
    if run < end:
        segments.append(Segment("lit", text[run:end], run, end))
    return segments


def parse_dotenv(file: SourceFile) -> Environment:
    return _Reader(file).read()


def extract_dotenv(export: Export) -> None:
    """One Environment per .env file and per ``--dart-define-from-file`` JSON file."""
    by_relpath = {export.relative(file): file for file in export.files}
    referenced: set[str] = set()
    for file in export.files:
        if "--dart-define-from-file" in file.text:
            referenced.update(found.group(1).removeprefix("./") for found in _DEFINE_FILE.finditer(file.text))
    for relpath, file in by_relpath.items():
        if file.kind is FileKind.DOTENV:
            environment = parse_dotenv(file)
            environment.name = relpath
            environment.current = relpath in (".env", "assets/.env")
            export.environments.append(environment)
        elif (
            relpath.endswith(".json")
            and not relpath.startswith("assets/environment_values/")
            and (relpath in referenced or is_dart_define_name(file.path.name))
        ):
            export.environments.append(json_environment(file, relpath, "dart-define"))

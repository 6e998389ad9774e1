"""Raw package:http requests in hand-written Dart (custom actions, custom functions, edited pages).

Only what can be read with certainty is reported as known: a body that is a string (a literal or ``jsonEncode``)
and a headers map whose keys are literal. Anything else (a map from a helper, a body of unknown type) counts as
"unknown" and is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.extract.dart import _Function, _Parser, value_of
from linter.extract.dart_lexer import DartLexer, DartSyntaxError, Token
from linter.extract.tokens import CLOSERS, OPEN_TO_CLOSE
from linter.model import Export, FileKind, SourceFile, Span, Template
from linter.vocabulary import is_credential_name

UNKNOWN = "?"
_BODY_METHODS = ("post", "put", "patch")
_GENERATED_PREFIX = "lib/backend/api_requests/"
_HTTP_IMPORT = "package:http/http.dart"


@dataclass(frozen=True)
class RawRequest:
    method: str  # "POST" | "PUT" | "PATCH"
    span: Span  # the call expression, or the Request constructor
    body_source: str
    body_is_string: bool
    content_type: str | None  # the literal value, UNKNOWN when headers cannot be read, None when absent


def is_hand_written(relpath: str) -> bool:
    return relpath.startswith("lib/") and relpath.endswith(".dart") and not relpath.startswith(_GENERATED_PREFIX)


def raw_requests(export: Export) -> list[RawRequest]:
    found: list[RawRequest] = []
    for source in export.files:
        if source.kind is not FileKind.DART or _HTTP_IMPORT not in source.text:
            continue
        if not is_hand_written(export.relative(source)):
            continue
        try:
            found.extend(_FileScan(source).requests())
        except (DartSyntaxError, RecursionError):
            continue  # hand-written code fflint cannot tokenize is not its business
    return found


class _FileScan:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.parser = _Parser(source)
        self.tokens = self.parser.tokens

    def _prefixes(self) -> set[str]:
        tokens, prefixes = self.tokens, set()
        for index, token in enumerate(tokens[:-3]):
            is_import = token.kind == "ident" and token.text == "import" and tokens[index + 1].kind == "string"
            if is_import and _HTTP_IMPORT in tokens[index + 1].text and tokens[index + 2].text == "as":
                prefixes.add(tokens[index + 3].text)
        return prefixes

    def requests(self) -> list[RawRequest]:
        prefixes = self._prefixes()
        tokens, parser = self.tokens, self.parser
        found = []
        for index, token in enumerate(tokens[:-3]):
            if token.kind != "ident" or token.text not in prefixes or not parser._is(index + 1, "."):
                continue
            member = tokens[index + 2]
            if member.kind != "ident" or not parser._is(index + 3, "("):
                continue
            if member.text in _BODY_METHODS:
                request = self._shortcut(index, member.text.upper())
            elif member.text == "Request":
                request = self._request_object(index)
            else:
                request = None
            if request is not None:
                found.append(request)
        return found

    def _function_at(self, index: int) -> _Function | None:
        function, _ = self.parser._enclosing(index)
        return function

    def _text(self, begin: int, end: int) -> str:
        return self.source.text[self.tokens[begin].start : self.tokens[end - 1].end]

    def _is_string_expression(self, begin: int, end: int, function: _Function | None, depth: int = 0) -> bool:
        tokens = self.tokens
        if all(token.kind == "string" or self.parser._is(i, "+") for i, token in enumerate(tokens[begin:end], begin)):
            return True
        if tokens[begin].kind == "ident" and tokens[begin].text == "jsonEncode":
            return True
        if tokens[begin].text == "json" and self.parser._is(begin + 1, ".") and tokens[begin + 2].text == "encode":
            return True
        if end - begin == 1 and tokens[begin].kind == "ident" and function is not None and depth < 3:
            local = self._local(function, tokens[begin].text)
            return local is not None and self._is_string_expression(*local, function, depth + 1)
        return False

    def _local(self, function: _Function, name: str) -> tuple[int, int] | None:
        local_values, _ = self.parser.locals_and_env_defaults(function)
        return local_values.get(name)

    def _headers_content_type(self, begin: int, end: int, function: _Function | None) -> str | None:
        parser, tokens = self.parser, self.tokens
        if end - begin == 1 and tokens[begin].kind == "ident" and function is not None:
            local = self._local(function, tokens[begin].text)
            if local is None:
                return UNKNOWN
            begin, end = local
        while begin < end and not parser._is(begin, "{"):
            begin += 1  # <String, String>{...}
        if begin >= end or parser.match.get(begin) != end - 1:
            return UNKNOWN
        entries, spreads, unresolved = parser.map_entries(begin)
        unknown_key = False
        for key, value, _, _ in entries:
            if isinstance(key, Template) and key.is_literal:
                if key.text.strip().lower() == "content-type":
                    return value.text if isinstance(value, Template) else UNKNOWN
            elif key.source.endswith("contentTypeHeader"):
                return value.text if isinstance(value, Template) else UNKNOWN
            else:
                unknown_key = True
        return UNKNOWN if spreads or unresolved or unknown_key else None

    def _shortcut(self, index: int, method: str) -> RawRequest | None:
        named, _ = self.parser.arguments(index + 3)
        if "body" not in named:
            return None
        function = self._function_at(index)
        content_type = self._headers_content_type(*named["headers"], function) if "headers" in named else None
        close = self.parser.match[index + 3]
        return RawRequest(
            method,
            self.source.span(self.tokens[index].start, self.tokens[close].end),
            self._text(*named["body"]),
            self._is_string_expression(*named["body"], function),
            content_type,
        )

    def _request_object(self, index: int) -> RawRequest | None:
        parser, tokens = self.parser, self.tokens
        _, positional = parser.arguments(index + 3)
        if not positional or tokens[positional[0][0]].kind != "string":
            return None
        method = tokens[positional[0][0]].text.strip("'\"").upper()
        function = self._function_at(index)
        if method not in ("POST", "PUT", "PATCH") or function is None:
            return None
        begin, end = function.body
        body: tuple[int, int] | None = None
        content_type: str | None = None
        for i in range(begin, end):
            token = tokens[i]
            if token.kind == "string" and token.segments is not None:
                if "".join(s.text for s in token.segments).strip().lower() == "content-type":
                    content_type = UNKNOWN
            elif token.kind == "ident" and token.text == "contentTypeHeader":
                content_type = UNKNOWN
            elif token.kind == "ident" and token.text == "headers" and parser._is(i + 1, "."):
                content_type = content_type or (UNKNOWN if tokens[i + 2].text == "addAll" else None)
            elif (
                token.kind == "ident"
                and token.text == "body"
                and parser._is(i + 1, "=")
                and i > 0
                and tokens[i - 1].text in (".", "..")
            ):
                body = (i + 2, parser._expression_end(i + 2, stops=(";", "..")))
        if body is None:
            return None
        close = parser.match[index + 3]
        return RawRequest(
            method,
            self.source.span(tokens[index].start, tokens[close].end),
            self._text(*body),
            self._is_string_expression(*body, function),
            content_type,
        )


# Where FlutterFlow writes custom code, and how generated code calls it: ``await actions.sendReport(…)`` for a custom
# action (one file each), ``functions.price(…)`` for a custom function (one file for all).
_CUSTOM_CODE = (
    ("lib/custom_code/actions/", "actions", "custom action"),
    ("lib/flutter_flow/custom_functions.dart", "functions", "custom function"),
)
_IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
# Bounds that keep a hostile page linear: characters of one call's arguments read at most (an unclosed call must not
# lex the rest of the file), and calls read per file.
_MAX_CALL = 4_000
_MAX_CALLS_PER_FILE = 64


@dataclass(frozen=True)
class CredentialArgument:
    """A literal passed where a custom action or function takes a parameter named like a credential: what was
    typed as the argument's value in the action editor ships in the page's code."""

    parameter: str
    value: Template
    where: str  # "argument 'apiKey' of custom action 'generatePdf'"


@dataclass(frozen=True)
class _Declared:
    prefix: str  # "actions" | "functions": how generated code calls it
    name: str
    kind: str  # "custom action" | "custom function"
    credentials: dict[int, str]  # position -> name of each positional parameter named like a credential


def credential_arguments(export: Export) -> list[CredentialArgument]:
    """Every literal passed positionally to a credential parameter of the export's custom actions and functions
    (named arguments, ``apiKey: '…'``, carry their name at the call and are read by the secret scan)."""
    declared = _credential_parameters(export)
    if not declared:
        return []
    found: list[CredentialArgument] = []
    for source in export.files:
        if source.kind is not FileKind.DART or not export.relative(source).startswith("lib/"):
            continue
        text, calls = source.text, 0
        for function in declared:
            member = f".{function.name}("  # dart format may break the line before it: `actions\n    .sendReport(`
            start = text.find(member)
            while start != -1 and calls < _MAX_CALLS_PER_FILE:
                opening = start + len(member) - 1
                if _follows_word(text, start, function.prefix):
                    calls += 1
                    found.extend(_literal_arguments(source, opening, function))
                start = text.find(member, opening)
    return found


def _follows_word(text: str, index: int, word: str) -> bool:
    """``word`` stands whole before ``index``, blanks aside."""
    end = index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    start = end - len(word)
    return text.startswith(word, start) and (start == 0 or text[start - 1] not in _IDENTIFIER_CHARS)


def _credential_parameters(export: Export) -> list[_Declared]:
    """The export's top-level custom actions and functions that take a credential as a positional parameter."""
    declared: list[_Declared] = []
    for source in export.files:
        relative = export.relative(source)
        place = next((place for place in _CUSTOM_CODE if relative.startswith(place[0])), None)
        if place is None or source.kind is not FileKind.DART:
            continue
        try:
            parser = _Parser(source)
        except (DartSyntaxError, RecursionError):
            continue
        for function in parser.functions:
            if parser._enclosing(function.params[0]) != (None, None):
                continue  # a method or a local function, not what generated code calls
            named_from = next(
                (parser.tokens[i].start for i in range(*function.params) if parser._is(i, "{")), len(source.text)
            )
            positional = [p for p in parser.parameters(function) if p.span.start < named_from]
            credentials = {i: p.name for i, p in enumerate(positional) if is_credential_name(p.name)}
            if credentials:
                declared.append(_Declared(place[1], function.name, place[2], credentials))
    return declared


def _literal_arguments(source: SourceFile, opening: int, function: _Declared) -> list[CredentialArgument]:
    """The literals among the arguments of the call whose "(" is at ``opening`` that go to credential parameters."""
    try:
        tokens = DartLexer(source.text).tokens(opening, balanced=True, stop=opening + _MAX_CALL)
    except (DartSyntaxError, RecursionError):
        return []
    found = []
    for position, argument in enumerate(_positional(tokens[1:-1])):
        name = function.credentials.get(position)
        value = value_of(source, argument) if name else None
        if isinstance(value, Template) and value.is_literal:
            where = f"argument '{name}' of {function.kind} '{function.name}'"
            found.append(CredentialArgument(name, value, where))
    return found


def _positional(tokens: list[Token]) -> list[list[Token]]:
    """The positional arguments among a call's argument tokens (named ones, ``name: …``, left out)."""
    arguments: list[list[Token]] = []
    current: list[Token] = []
    depth = 0
    for token in [*tokens, None]:
        if token is None or (depth == 0 and token.kind == "op" and token.text == ","):
            named = len(current) >= 2 and current[0].kind == "ident" and current[1].text == ":"
            if current and not named:
                arguments.append(current)
            current = []
            continue
        if token.kind == "op":
            depth += (token.text in OPEN_TO_CLOSE) - (token.text in CLOSERS)
        current.append(token)
    return arguments

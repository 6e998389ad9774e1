"""Extract API groups and calls from a FlutterFlow ``api_calls.dart`` of any era.

The extractor works on tokens, never on lines: it finds each ``makeApiCall`` /
``makeCloudCall`` / ``ApiCallOptions`` call site, the function and class around it, the
function's parameters and locals, and reads the named arguments. What it cannot follow
(a header map built in a helper, a URL from a function call) stays an ``Expr`` and is listed
in ``ApiCall.unresolved`` rather than guessed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from linter.extract.dart_lexer import DartLexer, DartSyntaxError, Token
from linter.extract.tokens import OPEN_TO_CLOSE, TokenCursor, match_brackets
from linter.model import (
    ApiCall,
    ApiGroup,
    Expr,
    Header,
    Param,
    Segment,
    SourceFile,
    Template,
    Value,
    Variable,
)
from linter.vocabulary import ENV_REFERENCE

_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_CALL_SITES = {"makeApiCall", "makeCloudCall", "ApiCallOptions"}
_NOT_FUNCTIONS = {"if", "for", "while", "switch", "catch", "return", "assert", "await", "super", "this", "on"}
_FLAG_ARGUMENTS = ("returnBody", "encodeBodyUtf8", "decodeUtf8", "cache", "isStreamingApi", "alwaysAllowBody")


@dataclass
class _Function:
    name: str
    params: tuple[int, int]  # token indexes of "(" and ")"
    body: tuple[int, int]  # token indexes of the body: "{" .. "}" or "=>" .. ";"
    is_arrow: bool


@dataclass
class _Class:
    name: str
    body: tuple[int, int]


@dataclass
class DartExtraction:
    groups: list[ApiGroup] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)


Item = TypeVar("Item")


class _Innermost(Generic[Item]):
    """The shortest of some token ranges that holds an index, the first in list order on a tie: what
    ``min((item for item in items if lo < index < hi), key=hi - lo)`` finds, without testing every range (a large
    api_calls.dart has thousands of functions and a call site in most)."""

    def __init__(self, items: list[Item], ranges: list[tuple[int, int]]) -> None:
        order = sorted(range(len(items)), key=lambda position: ranges[position][0])
        self.items = items
        self.positions = order
        self.starts = [ranges[position][0] for position in order]
        self.ends = [ranges[position][1] for position in order]
        self.reach: list[int] = []  # the largest end among the ranges sorted up to here
        for end in self.ends:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def around(self, index: int) -> Item | None:
        best: tuple[int, int] | None = None
        at = bisect.bisect_left(self.starts, index) - 1  # the last range that starts before the index
        while at >= 0 and self.reach[at] > index:  # no range sorted before ``at`` reaches the index otherwise
            if self.ends[at] > index:
                key = (self.ends[at] - self.starts[at], self.positions[at])
                if best is None or key < best:
                    best = key
            at -= 1
        return None if best is None else self.items[best[1]]


def value_of(file: SourceFile, tokens: list[Token]) -> Value | None:
    """The value of an expression's tokens: a Template when it is made of string literals, else an Expr."""
    if not tokens:
        return None
    start, stop = tokens[0].start, tokens[-1].end
    strings: list[Token] = []
    for token in tokens:  # string literals joined by "+", or an expression (known at its first token)
        if token.kind == "string":
            strings.append(token)
        elif token.kind != "op" or token.text != "+":
            strings = []
            break
    if not strings:
        return Expr(file, file.text[start:stop], start, stop)
    segments: list[Segment] = []
    for token in strings:
        for segment in token.segments or []:
            segments.append(Segment(segment.kind, segment.text, segment.start, segment.end, segment.expr))
    return Template(file, segments, start, stop, raw=all(t.raw for t in strings))


class _Parser(TokenCursor):
    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.tokens: list[Token] = DartLexer(file.text).tokens()
        self.match = match_brackets(self.tokens, DartSyntaxError)
        self.functions = self._find_functions()
        self.classes = self._find_classes()

    # -- structure ------------------------------------------------------------------------

    def _find_functions(self) -> list[_Function]:
        functions = []
        tokens = self.tokens
        for index, token in enumerate(tokens[:-1]):
            if token.kind != "ident" or token.text in _NOT_FUNCTIONS or not self._is(index + 1, "("):
                continue
            if index > 0 and tokens[index - 1].kind == "op" and tokens[index - 1].text in (".", "?.", "new"):
                continue
            close = self.match[index + 1]
            after = close + 1
            while after < len(tokens) and tokens[after].kind == "ident" and tokens[after].text in ("async", "sync"):
                after += 1
                if self._is(after, "*"):
                    after += 1
            if self._is(after, "{"):
                functions.append(_Function(token.text, (index + 1, close), (after, self.match[after]), False))
            elif self._is(after, "=>"):
                end = self._expression_end(after + 1, stops=(";",))
                functions.append(_Function(token.text, (index + 1, close), (after, end), True))
        return functions

    def _find_classes(self) -> list[_Class]:
        classes = []
        tokens = self.tokens
        for index, token in enumerate(tokens[:-1]):
            if token.kind == "ident" and token.text == "class" and tokens[index + 1].kind == "ident":
                brace = index + 2
                while brace < len(tokens) and not self._is(brace, "{") and not self._is(brace, ";"):
                    brace += 1
                if self._is(brace, "{"):
                    classes.append(_Class(tokens[index + 1].text, (brace, self.match[brace])))
        return classes

    @cached_property
    def _function_bodies(self) -> _Innermost[_Function]:
        return _Innermost(self.functions, [function.body for function in self.functions])

    @cached_property
    def _class_bodies(self) -> _Innermost[_Class]:
        return _Innermost(self.classes, [klass.body for klass in self.classes])

    def _enclosing(self, index: int) -> tuple[_Function | None, _Class | None]:
        """The innermost function and class whose body holds token ``index``."""
        return self._function_bodies.around(index), self._class_bodies.around(index)

    def token_at(self, offset: int) -> int | None:
        """The index of the token that starts at source ``offset``, if one does."""
        index = bisect.bisect_left(self.token_starts, offset)
        return index if index < len(self.tokens) and self.tokens[index].start == offset else None

    @cached_property
    def token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    # -- values ---------------------------------------------------------------------------

    def value(self, begin: int, end: int) -> Value | None:
        """The value of tokens[begin:end]: a Template when it is made of string literals, else an Expr."""
        return value_of(self.file, self.tokens[begin:end])

    def arguments(self, open_index: int) -> tuple[dict[str, tuple[int, int]], list[tuple[int, int]]]:
        """Named and positional arguments of the call whose "(" is at ``open_index``, as token ranges."""
        named: dict[str, tuple[int, int]] = {}
        positional: list[tuple[int, int]] = []
        close = self.match[open_index]
        index = open_index + 1
        while index < close:
            end = self._expression_end(index)
            tokens = self.tokens
            if end - index >= 2 and tokens[index].kind == "ident" and self._is(index + 1, ":"):
                named[tokens[index].text] = (index + 2, end)
            elif end > index:
                positional.append((index, end))
            index = end + 1
        return named, positional

    def map_entries(self, open_index: int) -> tuple[list[tuple[Value, Value, int, int]], list[str], list[str]]:
        """Entries, spread sources and unresolved entries of the map literal at ``open_index``."""
        entries: list[tuple[Value, Value, int, int]] = []
        spreads: list[str] = []
        unresolved: list[str] = []
        close = self.match[open_index]
        index = open_index + 1
        tokens = self.tokens
        while index < close:
            end = self._expression_end(index)
            if end <= index:
                index = end + 1
                continue
            if tokens[index].kind == "op" and tokens[index].text in ("...", "...?"):
                spreads.append(self.file.text[tokens[index + 1].start : tokens[end - 1].end])
            else:
                colon = self._expression_end(index, stops=(":",))
                key = self.value(index, colon) if colon < end else None
                value = self.value(colon + 1, end) if colon < end else None
                if key is None or value is None:
                    unresolved.append(self.file.text[tokens[index].start : tokens[end - 1].end])
                else:
                    entries.append((key, value, tokens[index].start, tokens[end - 1].end))
            index = end + 1
        return entries, spreads, unresolved

    def parameters(self, function: _Function) -> list[Variable]:
        open_index, close = function.params
        variables = []
        index = open_index + 1
        tokens = self.tokens
        while index < close:
            if self._is(index, "{") or self._is(index, "["):
                index += 1
                continue
            end = self._expression_end(index)
            equals = next((i for i in range(index, end) if self._is(i, "=")), end)
            names = [i for i in range(index, equals) if tokens[i].kind == "ident" and tokens[i].text != "required"]
            if names:
                name_index = names[-1]
                type_text = (
                    self.file.text[tokens[index].start : tokens[name_index - 1].end] if name_index > index else ""
                )
                type_text = type_text.replace("required", "").strip()
                default = self.value(equals + 1, end) if equals < end else None
                variables.append(
                    Variable(
                        name=tokens[name_index].text,
                        type=type_text or "dynamic",
                        default=default,
                        env_default=None,
                        span=self.file.span(tokens[index].start, tokens[end - 1].end),
                    )
                )
            index = end + 1
        return variables

    def statements(self, begin: int, end: int) -> list[tuple[int, int]]:
        """Top-level statements or class members (token ranges, without the ";") between ``begin`` and ``end``.

        A member ends at ";" or at the closing brace of a block body (``) {…}``, ``) async {…}``, ``if (…) {…}``).
        """
        found: list[tuple[int, int]] = []
        tokens = self.tokens
        start = index = begin
        while index < end:
            token = tokens[index]
            if token.kind == "op" and token.text == ";":
                found.append((start, index))
                start = index = index + 1
                continue
            if token.kind == "op" and token.text in OPEN_TO_CLOSE:
                close = self.match[index]
                previous = tokens[index - 1] if index > begin else None
                is_body = (
                    token.text == "{"
                    and previous is not None
                    and (
                        previous.text in (")", "*", "else", "try", "finally")
                        or (previous.kind == "ident" and previous.text in ("async", "sync"))
                    )
                )
                index = close + 1
                if is_body:
                    found.append((start, index))
                    start = index
                continue
            index += 1
        if start < end:
            found.append((start, end))
        return found

    def locals_and_env_defaults(self, function: _Function) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
        """``final x = …`` locals (name -> value token range) and ``x ??= FFDevEnvironmentValues().y``."""
        local_values: dict[str, tuple[int, int]] = {}
        env_defaults: dict[str, str] = {}
        if function.is_arrow:
            return local_values, env_defaults
        tokens = self.tokens
        for begin, end in self.statements(function.body[0] + 1, function.body[1]):
            assign = self._assignment(begin, end)
            if assign is None:
                continue
            name = tokens[assign - 1]
            if tokens[assign].text == "??=":
                found = ENV_REFERENCE.search(self.file.text, tokens[assign + 1].start, tokens[end - 1].end)
                if found:
                    env_defaults[name.text] = found.group(1)
            else:
                local_values[name.text] = (assign + 1, end)
        return local_values, env_defaults

    def _assignment(self, begin: int, end: int) -> int | None:
        """The index of the ``=`` or ``??=`` of a statement that assigns a name (``final x = …``), else None."""
        tokens = self.tokens
        index = begin
        while index < end and not (tokens[index].kind == "op" and tokens[index].text in ("=", "??=")):
            index = (
                self.match[index] + 1
                if tokens[index].kind == "op" and tokens[index].text in OPEN_TO_CLOSE
                else index + 1
            )
        if index >= end or index == begin or tokens[index - 1].kind != "ident":
            return None
        return index

    def other_reads(self, function: _Function) -> frozenset[str]:
        """Identifiers read by statements of ``function`` other than locals, ``??=`` defaults and ``return``: code
        written by hand around the generated request."""
        if function.is_arrow:
            return frozenset()
        tokens = self.tokens
        names: set[str] = set()
        for begin, end in self.statements(function.body[0] + 1, function.body[1]):
            if tokens[begin].text == "return" or self._assignment(begin, end) is not None:
                continue
            for token in tokens[begin:end]:
                if token.kind == "ident":
                    names.add(token.text)
                for segment in token.segments or []:
                    if segment.kind == "interp" and segment.expr:
                        names.update(_IDENTIFIER.findall(segment.expr))
        return frozenset(names)

    def returned_value(self, function: _Function) -> tuple[int, int] | None:
        if function.is_arrow:
            return function.body[0] + 1, function.body[1]
        for begin, end in self.statements(function.body[0] + 1, function.body[1]):
            if self.tokens[begin].kind == "ident" and self.tokens[begin].text == "return":
                return begin + 1, end
        return None


def _enum_value(value: Value | None, prefix: str) -> str | None:
    if isinstance(value, Expr) and value.source.startswith(prefix + "."):
        return value.source[len(prefix) + 1 :]
    return None


def _bool_value(value: Value | None) -> bool | None:
    if isinstance(value, Expr) and value.source in ("true", "false"):
        return value.source == "true"
    return None


def _literal(value: Value | None) -> str | None:
    return value.literal if isinstance(value, Template) else None


class DartApiExtractor:
    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.parser = _Parser(file)

    def extract(self) -> DartExtraction:
        result = DartExtraction()
        result.groups = self._groups()
        groups_by_name = {group.name: group for group in result.groups}
        for function, site_open, site_name, outer in self._call_sites():
            call = self._call(function, site_open, site_name, groups_by_name)
            if call is not None:
                if outer is not None:
                    call.interceptors = self._interceptors(outer)
                result.calls.append(call)
        return result

    # -- groups ---------------------------------------------------------------------------

    def _groups(self) -> list[ApiGroup]:
        parser = self.parser
        tokens = parser.tokens
        groups = []
        base_url_getters = [function for function in parser.functions if function.name == "getBaseUrl"]
        for klass in parser.classes:
            begin, end = klass.body
            members = parser.statements(begin + 1, end)
            group = ApiGroup(klass.name, self.file, self.file.span(tokens[begin].start, tokens[end].end))
            is_group = klass.name.endswith("Group")
            for function in base_url_getters:
                if begin < function.params[0] < end:
                    returned = parser.returned_value(function)
                    if returned:
                        group.base_url = parser.value(*returned)
                    group.variables = parser.parameters(function)
                    _, env_defaults = parser.locals_and_env_defaults(function)
                    for variable in group.variables:
                        variable.env_default = env_defaults.get(variable.name)
                    is_group = True
            for member_begin, member_end in members:
                names = [i for i in range(member_begin, member_end) if tokens[i].kind == "ident"]
                assign = next((i for i in range(member_begin, member_end) if parser._is(i, "=")), None)
                if assign is None or not names or tokens[member_begin].text != "static":
                    continue
                field_name = tokens[assign - 1].text
                if field_name == "baseUrl":
                    group.base_url = parser.value(assign + 1, member_end)
                    is_group = True
                elif field_name == "headers" and parser._is(assign + 1, "{"):
                    entries, _, _ = parser.map_entries(assign + 1)
                    group.headers = [Header(k, v, "group", self.file, s, e) for k, v, s, e in entries]
                    is_group = True
                elif tokens[assign + 1].kind == "ident" and parser._is(assign + 2, "("):
                    group.call_classes.append(tokens[assign + 1].text)
            if is_group:
                groups.append(group)
        return groups

    # -- calls ----------------------------------------------------------------------------

    def _call_sites(self) -> list[tuple[object, int, str, int | None]]:
        """One (function, "(" index, site name, "(" index of the makeApiCall around an ``ApiCallOptions``) per
        function that sends a request; the richest site wins."""
        parser = self.parser
        tokens = parser.tokens
        by_function: dict[int, tuple[object, int, str, int | None]] = {}
        for index, token in enumerate(tokens[:-1]):
            if token.kind != "ident" or token.text not in _CALL_SITES or not parser._is(index + 1, "("):
                continue
            function, _ = parser._enclosing(index)
            key = id(function) if function is not None else -index
            current = by_function.get(key)
            # ApiCallOptions(...) inside makeApiCall(...) carries the real arguments.
            if current is None or token.text == "ApiCallOptions":
                outer = None
                if current is not None and current[2] == "makeApiCall" and index < parser.match[current[1]]:
                    outer = current[1]
                by_function[key] = (function, index + 1, token.text, outer)
        return sorted(by_function.values(), key=lambda site: site[1])

    def _call(self, function, site_open: int, site_name: str, groups: dict[str, ApiGroup]) -> ApiCall | None:
        parser = self.parser
        tokens = parser.tokens
        _, klass = parser._enclosing(site_open)
        class_name = klass.name if klass is not None else (function.name if function else "?")
        if class_name.endswith("Group") and function is not None:
            class_name = function.name
        named, positional = parser.arguments(site_open)
        start_token = tokens[function.params[0] - 1] if function is not None else tokens[site_open - 1]
        call = ApiCall(
            name=class_name.removesuffix("Call") if class_name.endswith("Call") else class_name,
            class_name=class_name,
            file=self.file,
            span=self.file.span(start_token.start, tokens[parser.match[site_open]].end),
        )
        local_values: dict[str, tuple[int, int]] = {}
        if function is not None:
            call.variables = parser.parameters(function)
            local_values, env_defaults = parser.locals_and_env_defaults(function)
            for variable in call.variables:
                variable.env_default = env_defaults.get(variable.name)

        def argument(name: str) -> Value | None:
            if name not in named:
                return None
            value = parser.value(*named[name])
            if isinstance(value, Expr) and value.source in local_values:
                return parser.value(*local_values[value.source]) or value
            return value

        if site_name == "makeCloudCall":
            call.private = True
            call.method = None
            if len(positional) >= 2 and parser._is(positional[1][0], "{"):
                entries, _, _ = parser.map_entries(positional[1][0])
                for key, value, _, _ in entries:
                    if _literal(key) == "callName" and _literal(value):
                        call.name = _literal(value) or call.name
                    elif _literal(key) == "variables":
                        call.forwarded = self._forwarded(value, local_values)
        else:
            call_name = _literal(argument("callName"))
            if call_name:
                call.name = call_name
            call.method = _enum_value(argument("callType"), "ApiCallType")
            call.url = argument("apiUrl") or argument("apiEndpoint")
            if "apiDomain" in named:
                call.base_url = argument("apiDomain")
            call.body = argument("body")
            call.body_type = _enum_value(argument("bodyType"), "BodyType")
            for flag in _FLAG_ARGUMENTS:
                value = _bool_value(argument(flag))
                if value is not None:
                    call.flags[flag] = value
            self._read_headers(call, named, local_values)
            self._read_params(call, named, local_values)
        self._link_group(call, function, class_name, groups, local_values)
        call.locals = self._locals(local_values, call.group)
        if function is not None:
            call.other_reads = parser.other_reads(function)
        return call

    def _interceptors(self, site_open: int) -> Value | None:
        """The interceptor list of ``FFApiInterceptor.makeApiCall(ApiCallOptions(...), <list>)`` (its second
        argument: ``Group.interceptors``, ``interceptors``), or None when the call passes none."""
        _, positional = self.parser.arguments(site_open)
        if len(positional) < 2:
            return None
        return self.parser.value(*positional[1])

    def _forwarded(self, variables: Value, local_values: dict[str, tuple[int, int]]) -> dict[str, Value]:
        """The entries of a private call's ``'variables': {...}`` map, a local's name replaced by its value."""
        parser = self.parser
        if not isinstance(variables, Expr):
            return {}
        open_index = parser.token_at(variables.start)
        if open_index is None or not parser._is(open_index, "{"):
            return {}
        forwarded: dict[str, Value] = {}
        for key, value, _, _ in parser.map_entries(open_index)[0]:
            name = _literal(key)
            if name is None:
                continue
            if isinstance(value, Expr) and value.source in local_values:
                value = parser.value(*local_values[value.source]) or value
            forwarded[name] = value
        return forwarded

    def _locals(self, local_values: dict[str, tuple[int, int]], group: str | None) -> dict[str, Value]:
        """The function's locals by name, without the one that holds the group's base URL."""
        found: dict[str, Value] = {}
        for name, (begin, end) in local_values.items():
            value = self.parser.value(begin, end)
            if value is not None and not (group and isinstance(value, Expr) and value.source.startswith(group + ".")):
                found[name] = value
        return found

    def _map_at(
        self, named: dict[str, tuple[int, int]], name: str, local_values: dict[str, tuple[int, int]]
    ) -> int | None:
        parser = self.parser
        if name not in named:
            return None
        begin, end = named[name]
        if end - begin == 1 and parser.tokens[begin].text in local_values:
            begin, end = local_values[parser.tokens[begin].text]
        return begin if parser._is(begin, "{") and parser.match[begin] == end - 1 else None

    def _read_headers(self, call: ApiCall, named, local_values) -> None:
        open_index = self._map_at(named, "headers", local_values)
        if open_index is None:
            if "headers" in named:
                call.unresolved.append("headers")
            return
        entries, spreads, unresolved = self.parser.map_entries(open_index)
        call.headers = [Header(key, value, "call", self.file, start, end) for key, value, start, end in entries]
        call.spreads = [spread.split(".")[0] for spread in spreads]
        call.unresolved.extend(f"header entry {text}" for text in unresolved)

    def _read_params(self, call: ApiCall, named, local_values) -> None:
        open_index = self._map_at(named, "params", local_values)
        if open_index is None:
            if "params" in named:
                call.unresolved.append("params")
            return
        entries, _, unresolved = self.parser.map_entries(open_index)
        call.params = [Param(key, value) for key, value, _, _ in entries]
        call.unresolved.extend(f"param entry {text}" for text in unresolved)

    def _link_group(self, call: ApiCall, function, class_name: str, groups: dict[str, ApiGroup], local_values) -> None:
        group = next((g for g in groups.values() if class_name in g.call_classes), None)
        if group is None and function is not None:
            parser = self.parser
            begin, end = function.body
            referenced = {
                parser.tokens[i].text
                for i in range(begin, end)
                if parser.tokens[i].kind == "ident" and parser.tokens[i].text in groups
            }
            referenced.update(name for name in call.spreads if name in groups)
            if len(referenced) == 1:
                group = groups[referenced.pop()]
        if group is None:
            return
        call.group = group.name
        if call.base_url is None and group.base_url is not None and self._url_uses_base(call, group, local_values):
            call.base_url = group.base_url
        group_names = {header.name_text.lower() for header in group.headers if header.name_text}
        for header in call.headers:
            if header.name_text and header.name_text.lower() in group_names and group.name not in call.spreads:
                header.origin = "group-copy"

    @staticmethod
    def _url_uses_base(call: ApiCall, group: ApiGroup, local_values) -> bool:
        if not isinstance(call.url, Template):
            return False
        return any(expr.startswith(group.name + ".") or expr in local_values for _, _, expr in call.url.interpolations)


def extract_dart_api(file: SourceFile) -> DartExtraction:
    """Extract groups and calls; raises DartSyntaxError on source it cannot tokenize."""
    return DartApiExtractor(file).extract()

"""Private API calls: read ``firebase/functions/api_manager.js`` and join each call to its Dart twin.

A private call's Dart side only forwards variables to a cloud function (``makeCloudCall``); the real URL,
headers and body live in the generated JS. Tokens come from pygments' JavascriptLexer, except template
literals: pygments ends an interpolation at the first ``}`` (``${f({a: 1})}`` comes out wrong), so every
template literal is scanned here, with nested braces, strings and templates, and lexing resumes after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pygments.lexers.javascript import JavascriptLexer
from pygments.token import Comment, Keyword, Name, Number, String, Text, Token

from linter.extract.tokens import SourceSyntaxError, TokenCursor, append_literal, match_brackets
from linter.model import ApiCall, Export, Expr, Header, Param, ParseError, Segment, SourceFile, Template, Value

_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LEXER = JavascriptLexer()


class JsSyntaxError(SourceSyntaxError):
    pass


@dataclass(slots=True)
class JsToken:
    kind: str  # "ident" | "string" | "number" | "op" | "other"
    text: str
    start: int
    end: int
    segments: list[Segment] | None = None  # strings and template literals


class _Scanner:
    """Strings and template literals, scanned by hand so that offsets and nesting are exact."""

    def __init__(self, source: str) -> None:
        self.source = source

    def quoted(self, start: int) -> JsToken:
        source, quote = self.source, self.source[start]
        segments: list[Segment] = []
        index = start + 1
        while True:
            if index >= len(source) or source[index] == "\n":
                raise JsSyntaxError(start, "unterminated string literal")
            char = source[index]
            if char == quote:
                return JsToken("string", source[start : index + 1], start, index + 1, segments)
            if char == "\\":
                index = self._escape(segments, index)
            else:
                append_literal(segments, char, index)
                index += 1

    def template(self, start: int) -> JsToken:
        source = self.source
        segments: list[Segment] = []
        index = start + 1
        while True:
            if index >= len(source):
                raise JsSyntaxError(start, "unterminated template literal")
            char = source[index]
            if char == "`":
                return JsToken("string", source[start : index + 1], start, index + 1, segments)
            if char == "\\":
                index = self._escape(segments, index)
            elif source.startswith("${", index):
                end = self._skip_expression(index + 2)
                segments.append(Segment("interp", source[index:end], index, end, source[index + 2 : end - 1].strip()))
                index = end
            else:
                append_literal(segments, char, index)
                index += 1

    def _escape(self, segments: list[Segment], index: int) -> int:
        source = self.source
        if index + 1 >= len(source):
            raise JsSyntaxError(index, "unterminated escape sequence")
        code, end = source[index + 1], index + 2
        value = _SIMPLE_ESCAPES.get(code, code)
        hex_digits = {"x": 2, "u": 4}.get(code)
        if code == "u" and source.startswith("{", end):
            close = source.find("}", end)
            digits = source[end + 1 : close] if close != -1 else ""
            if re.fullmatch(r"[0-9a-fA-F]{1,6}", digits) and int(digits, 16) <= 0x10FFFF:
                value, end = chr(int(digits, 16)), close + 1
        elif hex_digits and re.fullmatch(rf"[0-9a-fA-F]{{{hex_digits}}}", source[end : end + hex_digits]):
            value, end = chr(int(source[end : end + hex_digits], 16)), end + hex_digits
        elif code == "\n":
            value = ""  # a line continuation adds nothing
        segments.append(Segment("esc", value, index, end))
        return end

    def _skip_expression(self, position: int) -> int:
        """Skip a ``${...}`` body; return the offset after its closing brace."""
        source, depth, index = self.source, 1, position
        while index < len(source):
            char = source[index]
            if char in "'\"":
                index = self.quoted(index).end
            elif char == "`":
                index = self.template(index).end
            elif source.startswith("//", index):
                newline = source.find("\n", index)
                index = len(source) if newline == -1 else newline
            elif source.startswith("/*", index):
                close = source.find("*/", index + 2)
                if close == -1:
                    break
                index = close + 2
            else:
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                    if depth == 0:
                        return index + 1
                index += 1
        raise JsSyntaxError(position - 2, "unterminated ${...} interpolation")


def js_tokens(source: str) -> list[JsToken]:
    """Tokens without whitespace and comments; raises JsSyntaxError on an unterminated string or template."""
    scanner = _Scanner(source)
    tokens: list[JsToken] = []
    position = 0
    while position < len(source):
        resume = None
        for offset, kind, text in _LEXER.get_tokens_unprocessed(source[position:]):
            start = position + offset
            if kind in Text or kind in Comment:
                continue
            if kind in String.Backtick or (kind in String and text[:1] in "'\"" and kind not in String.Regex):
                token = scanner.template(start) if source[start] == "`" else scanner.quoted(start)
                tokens.append(token)
                resume = token.end
                break
            if kind in Name or kind in Keyword:
                tokens.append(JsToken("ident", text, start, start + len(text)))
            elif kind in Number:
                tokens.append(JsToken("number", text, start, start + len(text)))
            elif kind in Token.Punctuation or kind in Token.Operator:
                if text in ("...", "=>") or kind in Token.Operator:
                    tokens.append(JsToken("op", text, start, start + len(text)))
                else:
                    tokens.extend(JsToken("op", char, start + i, start + i + 1) for i, char in enumerate(text))
            else:
                tokens.append(JsToken("other", text, start, start + len(text)))
        if resume is None:
            break
        position = resume
    return tokens


@dataclass
class _Function:
    name: str
    body: tuple[int, int]  # token indexes of "{" and "}"


@dataclass
class JsCall:
    """What the JS side of one private call sends."""

    function: str
    method: str | None = None
    url: Value | None = None
    base_url: Value | None = None
    headers: list[Header] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    body: Value | None = None
    body_type: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    locals: dict[str, Value] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


class JsApiExtractor(TokenCursor):
    declarations = ("var", "let", "const")

    def __init__(self, file: SourceFile) -> None:
        self.file = file
        self.tokens = js_tokens(file.text)
        self.match = match_brackets(self.tokens, JsSyntaxError)
        self.functions = self._find_functions()

    def _find_functions(self) -> dict[str, _Function]:
        functions: dict[str, _Function] = {}
        tokens = self.tokens
        for index, token in enumerate(tokens[:-2]):
            is_function = token.kind == "ident" and token.text == "function" and tokens[index + 1].kind == "ident"
            if not is_function or not self._is(index + 2, "("):
                continue
            brace = self.match[index + 2] + 1
            if self._is(brace, "{"):
                name = tokens[index + 1].text
                functions[name] = _Function(name, (brace, self.match[brace]))
        return functions

    def value(self, begin: int, end: int) -> Value | None:
        if begin >= end:
            return None
        tokens = self.tokens[begin:end]
        strings = [token for token in tokens if not (token.kind == "op" and token.text == "+")]
        if strings and all(token.kind == "string" for token in strings):
            segments = [
                Segment(s.kind, s.text, s.start, s.end, s.expr) for token in strings for s in token.segments or []
            ]
            return Template(self.file, segments, tokens[0].start, tokens[-1].end)
        return Expr(self.file, self.file.text[tokens[0].start : tokens[-1].end], tokens[0].start, tokens[-1].end)

    def object_entries(self, open_index: int) -> tuple[list[tuple[Value, int, int, int, int]], list[str], list[str]]:
        """(key, value begin, value end, entry start, entry end) per entry, spread sources, unresolved entries."""
        entries: list[tuple[Value, int, int, int, int]] = []
        spreads: list[str] = []
        unresolved: list[str] = []
        tokens, close = self.tokens, self.match[open_index]
        index = open_index + 1
        while index < close:
            end = self._expression_end(index)
            if end > index:
                text = self.file.text[tokens[index].start : tokens[end - 1].end]
                first = tokens[index]
                if self._is(index, "..."):
                    spreads.append(self.file.text[tokens[index + 1].start : tokens[end - 1].end])
                elif end - index == 1 and first.kind == "ident":  # shorthand `url,`
                    key = Template(
                        self.file, [Segment("lit", first.text, first.start, first.end)], first.start, first.end
                    )
                    entries.append((key, index, end, first.start, first.end))
                elif end - index >= 3 and first.kind in ("ident", "string", "number") and self._is(index + 1, ":"):
                    if first.kind == "string":
                        key = Template(self.file, list(first.segments or []), first.start, first.end)
                    else:
                        key = Template(
                            self.file, [Segment("lit", first.text, first.start, first.end)], first.start, first.end
                        )
                    entries.append((key, index + 2, end, first.start, tokens[end - 1].end))
                else:
                    unresolved.append(text)
            index = end + 1
        return entries, spreads, unresolved

    def locals(self, function: _Function) -> dict[str, tuple[int, int]]:
        """``var|let|const name = …`` at any depth of the function body (the generator writes them flat)."""
        found: dict[str, tuple[int, int]] = {}
        tokens = self.tokens
        begin, end = function.body
        for index in range(begin + 1, end - 2):
            token = tokens[index]
            is_declaration = token.kind == "ident" and token.text in ("var", "let", "const")
            if is_declaration and tokens[index + 1].kind == "ident" and self._is(index + 2, "="):
                found[tokens[index + 1].text] = (index + 3, self._expression_end(index + 3, stops=(";",)))
        return found

    def call_map(self) -> dict[str, str]:
        """callName -> JS function, from ``const callMap = {Name: _fn, …}`` (else by the naming convention)."""
        tokens = self.tokens
        for index, token in enumerate(tokens[:-2]):
            if (
                token.kind == "ident"
                and token.text == "callMap"
                and self._is(index + 1, "=")
                and self._is(index + 2, "{")
            ):
                entries, _, _ = self.object_entries(index + 2)
                return {
                    key.text: tokens[begin].text
                    for key, begin, end, _, _ in entries
                    if end - begin == 1 and tokens[begin].kind == "ident"
                }
        return {}

    def extract(self, function_name: str) -> JsCall | None:
        function = self.functions.get(function_name)
        if function is None:
            return None
        result = JsCall(function_name)
        local_values = self.locals(function)
        request = self._call_object(function, "makeApiRequest")
        if request is None:
            result.unresolved.append("makeApiRequest(...)")
            return result
        named = self._named(request, local_values)

        def resolve(name: str) -> Value | None:
            if name not in named:
                return None
            return self.value(*named[name])

        method = resolve("method")
        if isinstance(method, Template) and method.is_literal:
            result.method = method.text.upper()
        result.url = resolve("url")
        for flag in ("returnBody", "isStreamingApi"):
            flag_value = resolve(flag)
            if isinstance(flag_value, Expr) and flag_value.source in ("true", "false"):
                result.flags[flag] = flag_value.source == "true"
        groups = self._group_locals(local_values)
        result.locals = {
            name: value
            for name, (begin, end) in local_values.items()
            if name not in groups and (value := self.value(begin, end)) is not None
        }
        if isinstance(result.url, Template):
            for _, _, expr in result.url.interpolations:
                owner, _, member = expr.partition(".")
                base = self._member(groups[owner], "baseUrl") if member == "baseUrl" and owner in groups else None
                if base is not None:
                    result.base_url = self.value(*base)
        self._headers(result, named, groups)
        self._params(result, named)
        if "body" in named:
            begin, _ = named["body"]
            tokens = self.tokens
            if tokens[begin].kind == "ident" and tokens[begin].text == "createBody" and self._is(begin + 2, "{"):
                body_named = self._named(begin + 2, local_values)
                if "params" not in named:  # a form body: the params reach the request through createBody only
                    self._params(result, body_named)
                body_type = self.value(*body_named["bodyType"]) if "bodyType" in body_named else None
                if isinstance(body_type, Template) and body_type.is_literal:
                    result.body_type = body_type.text
                if "body" in body_named:
                    result.body = self.value(*body_named["body"])
            else:
                result.body = self.value(*named["body"])
            if isinstance(result.body, Expr) and result.body.source in ("undefined", "null"):
                result.body = None  # the generator writes `var ffApiRequestBody = undefined;` for "no body"
        return result

    def _params(self, result: JsCall, named: dict[str, tuple[int, int]]) -> None:
        if "params" in named and self._is(named["params"][0], "{"):
            entries, _, unresolved = self.object_entries(named["params"][0])
            result.params = [Param(key, self.value(begin, end)) for key, begin, end, _, _ in entries]  # type: ignore[arg-type]
            result.unresolved.extend(f"param entry {text}" for text in unresolved)

    def _call_object(self, function: _Function, callee: str) -> int | None:
        tokens = self.tokens
        for index in range(function.body[0] + 1, function.body[1] - 2):
            is_callee = tokens[index].kind == "ident" and tokens[index].text == callee
            if is_callee and self._is(index + 1, "(") and self._is(index + 2, "{"):
                return index + 2
        return None

    def _named(self, open_index: int, local_values: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        """Object entries as token ranges, with a bare local name (``url`` or ``body: ffApiRequestBody``)
        replaced by that local's value."""
        entries, _, _ = self.object_entries(open_index)
        named: dict[str, tuple[int, int]] = {}
        for key, begin, end, _, _ in entries:
            token = self.tokens[begin]
            if end - begin == 1 and token.kind == "ident" and token.text in local_values:
                named[key.text] = local_values[token.text]
            else:
                named[key.text] = (begin, end)
        return named

    def _group_locals(self, local_values: dict[str, tuple[int, int]]) -> dict[str, int]:
        """Locals assigned ``createXGroup()`` -> token index of the object literal that function returns."""
        groups: dict[str, int] = {}
        tokens = self.tokens
        for name, (begin, end) in local_values.items():
            if end - begin == 3 and tokens[begin].kind == "ident" and tokens[begin].text in self.functions:
                returned = self._returned_object(self.functions[tokens[begin].text])
                if returned is not None:
                    groups[name] = returned
        return groups

    def _member(self, object_index: int, name: str) -> tuple[int, int] | None:
        return next(((b, e) for key, b, e, _, _ in self.object_entries(object_index)[0] if key.text == name), None)

    def _returned_object(self, function: _Function) -> int | None:
        tokens = self.tokens
        for index in range(function.body[0] + 1, function.body[1] - 1):
            if tokens[index].kind == "ident" and tokens[index].text == "return" and self._is(index + 1, "{"):
                return index + 1
        return None

    def _headers(self, result: JsCall, named: dict[str, tuple[int, int]], groups) -> None:
        if "headers" not in named:
            return
        begin, end = named["headers"]
        if not (self._is(begin, "{") and self.match[begin] == end - 1):
            result.unresolved.append("headers")
            return
        entries, spreads, unresolved = self.object_entries(begin)
        for spread in spreads:
            owner, _, member = spread.partition(".")
            group_headers = self._member(groups[owner], "headers") if member == "headers" and owner in groups else None
            if group_headers is None or not self._is(group_headers[0], "{"):
                result.unresolved.append(f"header spread ...{spread}")
                continue
            for name, vb, ve, start, stop in self.object_entries(group_headers[0])[0]:
                result.headers.append(Header(name, self.value(vb, ve), "group-spread", self.file, start, stop))  # type: ignore[arg-type]
        copied = self._copied_from_group(entries, groups)
        for index, (key, vb, ve, start, stop) in enumerate(entries):
            origin = "group-copy" if index < copied else "call"
            result.headers.append(Header(key, self.value(vb, ve), origin, self.file, start, stop))  # type: ignore[arg-type]
        result.unresolved.extend(f"header entry {text}" for text in unresolved)

    def _copied_from_group(self, entries, groups) -> int:
        """How many leading entries of a call's header object the generator copied from its group: it writes the
        group's ``headers`` entries first, with the same names in the same order, then the call's own entries."""
        names = [_key_source(key) for key, *_ in entries]
        for object_index in groups.values():
            group_headers = self._member(object_index, "headers")
            if group_headers is None or not self._is(group_headers[0], "{"):
                continue
            group_names = [_key_source(key) for key, *_ in self.object_entries(group_headers[0])[0]]
            if group_names and names[: len(group_names)] == group_names:
                return len(group_names)
        return 0


def _key_source(key: Value) -> str:
    return key.source if isinstance(key, Expr) else key.text


def _function_for(call_name: str, call_map: dict[str, str], extractor: JsApiExtractor) -> str | None:
    if call_name in call_map:
        return call_map[call_name]
    conventional = "_" + call_name[:1].lower() + call_name[1:]
    return conventional if conventional in extractor.functions else None


def join_private_calls(export: Export, js_file: SourceFile | None) -> None:
    """Fill each private Dart call with what its JS function sends; JS problems become parse errors."""
    private = [call for call in export.calls if call.private]
    if js_file is None or not private:
        return
    try:
        extractor = JsApiExtractor(js_file)
        call_map = extractor.call_map()
        for call in private:
            function = _function_for(call.name, call_map, extractor)
            found = extractor.extract(function) if function else None
            if found is None:
                call.unresolved.append(f"private call '{call.name}' has no function in {js_file.relpath}")
                continue
            _apply(call, found)
    except JsSyntaxError as error:
        export.parse_errors.append(
            ParseError(js_file.span(error.offset), f"cannot parse private API calls: {error.message}")
        )
    except RecursionError:
        export.parse_errors.append(ParseError(js_file.span(0), "cannot parse private API calls: nested too deeply"))


_FF_VARIABLE = re.compile(r"""ffVariables\[\s*(["'])(\w+)\1\s*\]""")


def _forwarded(value: Value, forwarded: dict[str, Value]) -> Value:
    """A JS local that reads ``ffVariables["key"]`` stands for what the Dart side forwards under that key."""
    found = _FF_VARIABLE.fullmatch(value.source) if isinstance(value, Expr) else None
    return forwarded.get(found.group(2), value) if found else value


def _apply(call: ApiCall, found: JsCall) -> None:
    call.method = found.method
    call.url = found.url
    call.base_url = found.base_url
    call.headers = found.headers
    call.params = found.params
    call.body = found.body
    call.body_type = found.body_type
    call.flags.update(found.flags)
    call.locals = {name: _forwarded(value, call.forwarded) for name, value in found.locals.items()}
    call.unresolved.extend(found.unresolved)

"""A small Dart tokenizer that understands string literals completely.

pygments' DartLexer (used for highlighting code frames) ends an interpolation at the first
``}``, so ``'${f({'a': 1})}'`` or ``"${'x ${y}'}"`` come out wrong, and it runs at about
1 MB/s. Extraction needs exact strings, so this lexer scans them itself: raw and triple-quoted
strings, every escape, ``$name`` and ``${expr}`` with nested braces and nested strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.extract.tokens import CLOSERS, OPEN_TO_CLOSE, SourceSyntaxError, append_literal
from linter.model import Segment

_SKIP = re.compile(r"(?:\s+|//[^\n]*)+")
_STRING_START = re.compile(r"(r|R)?('''|\"\"\"|'|\")")
_OPERATORS = (
    "...?", "...", "??=", ">>>=", "<<=", ">>=", "~/=", "??", "?.", "=>", "==", "!=", "<=", ">=", "&&", "||",
    "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "..", "<<",
)  # fmt: skip
# One pass decides the token kind; strings are then scanned by hand (interpolation nests).
_TOKEN = re.compile(
    r"(?P<string>[rR]?(?:\'\'\'|\"\"\"|'|\"))"
    r"|(?P<ident>[A-Za-z_$][A-Za-z0-9_$]*)"
    r"|(?P<number>0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)"
    r"|(?P<op>" + "|".join(re.escape(op) for op in _OPERATORS) + r"|.)",
    re.DOTALL,
)
# Trivia and the next token in one match (the loop in ``tokens`` runs once per token). The token part does not
# start a block comment: those nest, so ``_skip_trivia`` walks them.
_TRIVIA_THEN_TOKEN = re.compile(r"(?:\s+|//[^\n]*)*(?:(?!/\*)(?:" + _TOKEN.pattern + "))?", re.DOTALL)
# A string with no escape, interpolation or line break: most of them, read in one step.
_PLAIN_STRING = {"'": re.compile(r"'([^'\\$\n]*)'"), '"': re.compile(r'"([^"\\$\n]*)"')}
# The characters of a string body up to the next escape, interpolation, quote or (single-line) line break.
_STRING_RUN = {
    quote: re.compile("[^" + re.escape("\\$" + quote[0] + ("" if len(quote) == 3 else "\n")) + "]+")
    for quote in ("'", '"', "'''", '"""')
}
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_BLANK_FIRST_LINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_INTERP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class DartSyntaxError(SourceSyntaxError):
    pass


def read_escape(source: str, index: int) -> tuple[str, int]:
    """The character the escape sequence at ``index`` (its backslash) stands for, and the offset after it."""
    if index + 1 >= len(source):
        raise DartSyntaxError(index, "unterminated escape sequence")
    code = source[index + 1]
    end = index + 2
    if code in _SIMPLE_ESCAPES:
        value = _SIMPLE_ESCAPES[code]
    elif code == "x":
        digits = source[index + 2 : index + 4]
        if not re.fullmatch(r"[0-9a-fA-F]{2}", digits):
            raise DartSyntaxError(index, "invalid \\x escape")
        value, end = chr(int(digits, 16)), index + 4
    elif code == "u":
        if source.startswith("{", index + 2):
            close = source.find("}", index + 3)
            digits = source[index + 3 : close] if close != -1 else ""
            if not re.fullmatch(r"[0-9a-fA-F]{1,6}", digits) or int(digits, 16) > 0x10FFFF:
                raise DartSyntaxError(index, "invalid \\u{...} escape")
            value, end = chr(int(digits, 16)), close + 1
        else:
            digits = source[index + 2 : index + 6]
            if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                raise DartSyntaxError(index, "invalid \\u escape")
            value, end = chr(int(digits, 16)), index + 6
    elif code == "\n":
        raise DartSyntaxError(index, "line break after backslash in string")
    else:
        value = code
    return value, end


@dataclass(slots=True)
class Token:
    kind: str  # "ident" | "number" | "string" | "op"
    text: str  # source text (for strings: the whole literal including quotes)
    start: int
    end: int
    segments: list[Segment] | None = None  # strings only
    raw: bool = False


class DartLexer:
    def __init__(self, source: str) -> None:
        self.source = source
        self.length = len(source)

    def tokens(self, start: int = 0, *, balanced: bool = False, stop: int | None = None) -> list[Token]:
        """The tokens from ``start`` on; with ``balanced``, only up to the bracket that closes the first one (a
        call's arguments, read without lexing the rest of the file), and none that starts past ``stop``."""
        tokens: list[Token] = []
        source, length = self.source, self.length
        match_next = _TRIVIA_THEN_TOKEN.match
        position = start
        depth = 0
        while True:
            match = match_next(source, position)
            kind = match.lastgroup  # type: ignore[union-attr]  (the pattern matches the empty string)
            if kind is None:  # the end, or a block comment
                position = self._skip_trivia(match.end())  # type: ignore[union-attr]
                if position >= length:
                    return tokens
                continue
            start = match.start(kind)  # type: ignore[union-attr]
            if kind == "string":
                token = self._string(start, _STRING_START.match(source, start))  # type: ignore[arg-type]
            else:
                token = Token(kind, match.group(kind), start, match.end())  # type: ignore[union-attr]
            tokens.append(token)
            position = token.end
            if balanced:
                if kind == "op":
                    depth += (token.text in OPEN_TO_CLOSE) - (token.text in CLOSERS)
                if depth <= 0 or (stop is not None and position >= stop):
                    return tokens

    def _skip_trivia(self, position: int) -> int:
        source = self.source
        while position < self.length:
            match = _SKIP.match(source, position)
            if match:
                position = match.end()
                continue
            if source.startswith("/*", position):
                position = self._skip_block_comment(position)
                continue
            break
        return position

    def _skip_block_comment(self, position: int) -> int:
        depth, index = 0, position
        source = self.source
        while index < self.length:
            if source.startswith("/*", index):
                depth += 1
                index += 2
            elif source.startswith("*/", index):
                depth -= 1
                index += 2
                if depth == 0:
                    return index
            else:
                index += 1
        raise DartSyntaxError(position, "unterminated block comment")

    def _string(self, position: int, start_match: re.Match[str]) -> Token:
        raw = start_match.group(1) is not None
        quote = start_match.group(2)
        body_start = start_match.end()
        if not raw and len(quote) == 1:
            plain = _PLAIN_STRING[quote].match(self.source, position)
            if plain:
                end = plain.end()
                segments = [Segment("lit", plain.group(1), body_start, end - 1)] if end - 1 > body_start else []
                return Token("string", plain.group(), position, end, segments)
        if len(quote) == 3:
            # Dart drops the first line of a multi-line string when it holds only whitespace.
            blank_first_line = _BLANK_FIRST_LINE.match(self.source, body_start)
            if blank_first_line:
                body_start = blank_first_line.end()
        if raw:
            close = self.source.find(quote, body_start)
            if close == -1 or (len(quote) == 1 and "\n" in self.source[body_start:close]):
                raise DartSyntaxError(position, "unterminated string literal")
            segments = [Segment("lit", self.source[body_start:close], body_start, close)] if close > body_start else []
            end = close + len(quote)
            return Token("string", self.source[position:end], position, end, segments, raw=True)
        segments, end = self.scan_string_body(body_start, quote)
        return Token("string", self.source[position:end], position, end, segments)

    def scan_string_body(self, position: int, quote: str) -> tuple[list[Segment], int]:
        """Scan from just after the opening quote; return the segments and the offset after the closing quote."""
        source = self.source
        segments: list[Segment] = []
        plain = _STRING_RUN[quote]
        index = position
        while True:
            if index >= self.length:
                raise DartSyntaxError(position - len(quote), "unterminated string literal")
            match = plain.match(source, index)
            if match:
                append_literal(segments, match.group(), index)
                index = match.end()
                continue
            char = source[index]
            if source.startswith(quote, index):
                return segments, index + len(quote)
            if char == quote[0]:  # a lone quote character inside a triple-quoted string
                append_literal(segments, char, index)
                index += 1
            elif char == "\n":
                raise DartSyntaxError(position - len(quote), "unterminated string literal (line break)")
            elif char == "\\":
                index = self._escape(segments, index)
            else:  # "$"
                index = self._interpolation(segments, index)

    def _escape(self, segments: list[Segment], index: int) -> int:
        value, end = read_escape(self.source, index)
        segments.append(Segment("esc", value, index, end))
        return end

    def _interpolation(self, segments: list[Segment], index: int) -> int:
        source = self.source
        if source.startswith("{", index + 1):
            end = self._skip_expression(index + 2)
            expr = source[index + 2 : end - 1].strip()
        else:
            match = _INTERP_NAME.match(source, index + 1)
            if not match:
                # A lone "$" is a compile error in Dart; keep it as text so nothing is lost.
                append_literal(segments, "$", index)
                return index + 1
            end, expr = match.end(), match.group()
        segments.append(Segment("interp", source[index:end], index, end, expr))
        return end

    def _skip_expression(self, position: int) -> int:
        """Skip a ``${...}`` expression body; return the offset after its closing brace."""
        source, match_next = self.source, _TRIVIA_THEN_TOKEN.match
        depth, index = 1, position
        while True:
            match = match_next(source, index)
            kind = match.lastgroup  # type: ignore[union-attr]
            if kind is None:  # the end, or a block comment
                index = self._skip_trivia(match.end())  # type: ignore[union-attr]
                if index >= self.length:
                    raise DartSyntaxError(position - 2, "unterminated ${...} interpolation")
                continue
            if kind == "string":
                start = match.start(kind)  # type: ignore[union-attr]
                index = self._string(start, _STRING_START.match(source, start)).end  # type: ignore[arg-type]
                continue
            if kind == "op":
                text = match.group(kind)  # type: ignore[union-attr]
                if text == "{":
                    depth += 1
                elif text == "}":
                    depth -= 1
                    if depth == 0:
                        return match.end()  # type: ignore[union-attr]
            index = match.end()  # type: ignore[union-attr]

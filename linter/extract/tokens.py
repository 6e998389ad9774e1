"""Token structure shared by the Dart and JS extractors: matching brackets and asking what a token is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from linter.model import Segment

OPEN_TO_CLOSE = {"(": ")", "[": "]", "{": "}"}
CLOSERS = frozenset(OPEN_TO_CLOSE.values())


class SourceSyntaxError(Exception):
    """Source an extractor cannot tokenize or whose brackets do not pair up, at a character offset."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


class TokenLike(Protocol):
    kind: str
    text: str
    start: int


def match_brackets(tokens: Sequence[TokenLike], error: type[SourceSyntaxError]) -> dict[int, int]:
    """Index of the partner of every bracket token (both ways); raises ``error`` at the first unbalanced one."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind != "op":
            continue
        if token.text in OPEN_TO_CLOSE:
            stack.append(index)
        elif token.text in (")", "]", "}"):
            if not stack or OPEN_TO_CLOSE[tokens[stack[-1]].text] != token.text:
                raise error(token.start, f"unbalanced '{token.text}'")
            opener = stack.pop()
            match[opener], match[index] = index, opener
    if stack:
        raise error(tokens[stack[-1]].start, f"'{tokens[stack[-1]].text}' is never closed")
    return match


def append_literal(segments: list[Segment], text: str, start: int) -> None:
    """Add literal ``text`` at source offset ``start``, merged into the previous literal segment when adjacent."""
    last = segments[-1] if segments else None
    if last is not None and last.kind == "lit" and last.end == start:
        last.text += text
        last.end = start + len(text)
    else:
        segments.append(Segment("lit", text, start, start + len(text)))


class TokenCursor:
    """Questions about ``self.tokens`` by index, with ``self.match`` from ``match_brackets``."""

    tokens: Sequence[TokenLike]
    match: dict[int, int]
    # Keywords that start a statement where ";" may be left out (JS's var/let/const): an expression ends there.
    declarations: tuple[str, ...] = ()

    def _is(self, index: int, text: str) -> bool:
        """True when token ``index`` exists and is the operator ``text``."""
        return 0 <= index < len(self.tokens) and self.tokens[index].kind == "op" and self.tokens[index].text == text

    def _expression_end(self, index: int, stops: tuple[str, ...] = (",",)) -> int:
        """Index of the first token at depth 0 from ``index`` that is a stop or a closing bracket (or, where ";" is
        a stop, a declaration keyword)."""
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            if token.kind == "op":
                if token.text in OPEN_TO_CLOSE:
                    index = self.match[index] + 1
                    continue
                if token.text in stops or token.text in (")", "]", "}"):
                    return index
            elif index > 0 and ";" in stops and token.kind == "ident" and token.text in self.declarations:
                return index
            index += 1
        return index

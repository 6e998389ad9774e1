"""Finding short literals in a long text with regexes that enter their engine on rare characters only: ``sk_live_``
on ``k``, then a lookbehind and a lookahead check the rest.

A plain alternation of the literals enters the engine at every position holding any literal's first character (``s``,
``t``, ``a``: a tenth of a Dart file) and costs more than everything else the secret scan does on a 10 MB export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Percent of the characters of Dart files in real FlutterFlow exports (120 repositories, 227 M characters), for the
# printable ASCII ones; anything else is rarer.
_SHARE = {
    " ": 59.6,
    "e": 3.46,
    "t": 2.92,
    "o": 2.41,
    "i": 2.14,
    "r": 1.98,
    "\n": 1.96,
    "a": 1.93,
    "n": 1.86,
    "l": 1.72,
    "d": 1.36,
    "s": 1.36,
    "c": 1.1,
    ".": 0.951,
    ",": 0.917,
    "u": 0.857,
    "m": 0.754,
    ")": 0.721,
    "(": 0.72,
    ":": 0.678,
    "g": 0.666,
    "p": 0.602,
    "f": 0.599,
    "h": 0.583,
    "'": 0.498,
    "x": 0.428,
    "F": 0.421,
    "0": 0.412,
    "S": 0.392,
    "y": 0.392,
    "w": 0.306,
    "b": 0.293,
    "T": 0.278,
    ";": 0.274,
    "C": 0.237,
    "_": 0.231,
    "A": 0.198,
    "=": 0.194,
    "v": 0.192,
    "/": 0.19,
    "B": 0.175,
    "D": 0.154,
    "I": 0.147,
    "M": 0.144,
    "k": 0.138,
    "R": 0.138,
    "{": 0.119,
    "}": 0.119,
    "?": 0.119,
    "E": 0.117,
    "P": 0.117,
    ">": 0.114,
    "z": 0.111,
    "W": 0.0991,
    "1": 0.0984,
    "L": 0.0883,
    "2": 0.0755,
    "N": 0.0655,
    "O": 0.0602,
    "<": 0.0534,
    "[": 0.0502,
    "]": 0.0501,
    "U": 0.0493,
    '"': 0.0476,
    "V": 0.0418,
    "4": 0.0405,
    "-": 0.0396,
    "G": 0.039,
    "q": 0.0376,
    "6": 0.037,
    "5": 0.0362,
    "!": 0.0329,
    "8": 0.0328,
    "3": 0.031,
    "*": 0.0241,
    "&": 0.0208,
    "@": 0.02,
    "H": 0.0197,
    "9": 0.0194,
    "K": 0.0192,
    "j": 0.0185,
    "\\": 0.0175,
    "7": 0.0162,
    "$": 0.015,
    "Q": 0.0114,
    "J": 0.00938,
    "|": 0.00812,
    "+": 0.00528,
    "Y": 0.00527,
    "Z": 0.00362,
    "X": 0.00276,
    "#": 0.0022,
    "%": 0.00191,
    "`": 0.000972,
    "~": 0.00043,
    "^": 0.000366,
}
# What one more regex pass over a text costs, in percent of characters entered on: a pass per character pays off only
# when the characters it spares are common (measured on the generated large export).
_PASS_COST = 0.5


def rarest_index(literal: str) -> int:
    """Index of ``literal``'s rarest character; ties go to the earliest, so the lookbehind stays short."""
    return min(range(len(literal)), key=lambda index: (_SHARE.get(literal[index], 0.0), index))


def _around(literal: str, index: int) -> str:
    """Zero-width checks that ``literal`` surrounds the character just matched at ``index``."""
    before, after = literal[: index + 1], literal[index + 1 :]
    # The lookahead first: the character after the pivot rules most places out at once.
    return (f"(?={re.escape(after)})" if after else "") + (f"(?<={re.escape(before)})" if len(before) > 1 else "")


def pivot_alternation(literals: Iterable[str], extra: dict[str, str] | None = None) -> str:
    """One pattern matching at the rarest character of every occurrence of each literal, plus ``extra``: for a
    character, one more lookaround alternative to enter on it. Python's regex engine tests the first character of a
    top-level alternation against a set, which is the cheaper search when the characters are many."""
    alternatives: dict[str, list[str]] = {}
    for literal in literals:
        pivot = rarest_index(literal)
        alternatives.setdefault(literal[pivot], []).append(_around(literal, pivot))
    for char, alternative in (extra or {}).items():
        alternatives.setdefault(char, []).append(alternative)
    branches = []
    for char, alts in sorted(alternatives.items()):
        unique = list(dict.fromkeys(alts))
        branches.append(re.escape(char) + ("" if "" in unique else "(?:" + "|".join(unique) + ")"))
    return "|".join(branches)


def _cost_per_word(char: str, words: list[str]) -> float:
    """A pass on ``char`` (in lowercased text) per word of ``words`` it finds."""
    share = _SHARE.get(char, 0.0) + (_SHARE.get(char.upper(), 0.0) if char.isalpha() else 0.0)
    return (_PASS_COST + share) / sum(char in word for word in words)


def _checks(covered: tuple[tuple[str, int], ...]) -> str:
    """The lookarounds that tell which word a pass's character belongs to, grouped by the character after it: a
    place most words rule out at their next character costs one test, not one per word."""
    groups: dict[str, list[str]] = {}
    for word, index in covered:
        groups.setdefault(word[index + 1 : index + 2], []).append(_around(word, index))
    if "" in groups and groups[""] == [""]:
        return ""  # a one-character word: every place is one
    branches = []
    for following, alternatives in sorted(groups.items()):
        inner = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        branches.append(inner if not following or len(alternatives) == 1 else f"(?={re.escape(following)}){inner}")
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class WordFinder:
    """Every occurrence of a few lowercase words in lowercased text, one regex pass per chosen character. A pass that
    starts with one literal character runs several times faster than a set of first characters, so the words share
    passes: each pass is on a character as rare as possible that as many of the remaining words contain."""

    passes: tuple[tuple[re.Pattern[str], tuple[tuple[str, int], ...]], ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordFinder:
        left = sorted(set(words))
        passes = []
        while left:
            char = min(sorted({char for word in left for char in word}), key=lambda char: _cost_per_word(char, left))
            covered = tuple((word, word.index(char)) for word in left if char in word)
            passes.append((re.compile(re.escape(char) + _checks(covered)), covered))
            left = [word for word in left if char not in word]
        return cls(tuple(passes))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence, in order."""
        found = []
        for pattern, words in self.passes:
            for hit in pattern.finditer(text):
                at = hit.start()
                for word, index in words:
                    if text.startswith(word, at - index):
                        found.append((at - index, at - index + len(word), word))
        return sorted(found)

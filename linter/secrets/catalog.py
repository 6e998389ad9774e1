"""Load, validate and compile the secret provider catalog (rules/secrets/providers.yaml)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache

from linter.resources import data_file, load_data
from linter.secrets.pivots import pivot_alternation, rarest_index
from linter.vocabulary import name_words

# Characters a value may be made of next to another value char; used for word boundaries.
_EDGE = "A-Za-z0-9_-"
_EDGE_B64 = "A-Za-z0-9_+/-"
# Normalisation for keyword context: case and separators do not matter (AWS_SECRET == awsSecret).
_KEYWORD_STRIP = str.maketrans("", "", "_-. \t\r\n")
# Where a bare value (a format without a prefix) may start: after a quote, "=", ":", "Bearer ", "/bot".
# A digit early in the run: random credentials of 16+ characters all but always hold one within 64 characters. The
# bound keeps the scan linear: a lookahead that ran to the end of every run would make a long digit-less run quadratic.
# Possessive: the first character after the run of non-digits must be a digit, so giving back characters of the run
# can never help (``FlutterFlowTheme.of`` after every ``: `` was a third of the prefilter's time).
TOKEN_LOOKAHEAD = "(?=[A-Za-z+/_.:-]{0,64}+[0-9])[0-9A-Za-z+/_.:-]{12}"
# Not where a URL starts (every bare format is a plain token), nor at a Dart private member (`focusNode: _model.x1`).
_NOT_URL = "(?!https?://)"
_TOKEN_ENTRIES = {
    "'": f"{_NOT_URL}(?={TOKEN_LOOKAHEAD})",
    '"': f"{_NOT_URL}(?={TOKEN_LOOKAHEAD})",
    "`": f"{_NOT_URL}(?={TOKEN_LOOKAHEAD})",
    "=": f"(?={TOKEN_LOOKAHEAD})",
    ":": f"(?!//)(?![ \\t]*_)(?=[ \\t]*{TOKEN_LOOKAHEAD})",
    "B": f"(?=earer +{TOKEN_LOOKAHEAD})",
    "T": f"(?=oken +{TOKEN_LOOKAHEAD})",
    "/": f"(?=bot{TOKEN_LOOKAHEAD})",
}
# Entries for values written without quotes after ":" (YAML, .properties, a note's "key: value"): only config and
# prose files write values so; code quotes its literals, and ":" is 1% of a Dart file (a fifth of the scan).
_UNQUOTED_ENTRIES = frozenset({":"})


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    exposure: str
    confidence: str
    advice: str
    regex: LazyPattern
    value_group: str | int
    min_len: int
    max_len: int
    prefixes: tuple[str, ...]
    anchors: tuple[str, ...]
    anchor_offset: int
    min_entropy: float | None
    keywords: tuple[str, ...]
    window: int
    validate: str | None
    jwt_claims: tuple[tuple[str, str], ...]
    priority: int
    alphabet: str
    loose: bool  # a random body after the prefix is this key even when its length differs from the documented one


@dataclass(frozen=True, slots=True)
class Anchor:
    literal: str
    pivot: int  # index of the prefilter character inside the literal
    inner: bool  # True: the value may start before the literal (anchor_offset)
    providers: tuple[Provider, ...]


@dataclass(slots=True)
class Catalog:
    providers: tuple[Provider, ...]
    by_id: dict[str, Provider]
    prefilter: re.Pattern[str]  # for config and prose, and for a single value
    code_prefilter: re.Pattern[str]  # for code, where values are quoted
    anchors_by_char: dict[str, tuple[Anchor, ...]]
    bare: tuple[Provider, ...]  # formats tried where a value starts
    bare_unkeyed: tuple[Provider, ...]
    keyword_re: re.Pattern[str] | None
    keyword_providers: dict[str, tuple[Provider, ...]] = field(default_factory=dict)
    max_window: int = 100
    documented_examples: frozenset[str] = frozenset()  # values providers publish in their docs: examples, not keys
    # Matches where any of ``bare`` matches (None when their patterns cannot be joined): nearly no place where a
    # value may start holds one, and one regex call says so.
    bare_any: re.Pattern[str] | None = None


def normalize_context(text: str) -> str:
    return text.lower().translate(_KEYWORD_STRIP)


class LazyPattern:
    """A provider's pattern, compiled when first tried: a run meets few providers' prefixes, and compiling the
    whole catalog up front cost a pre-commit run 0.07 s."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def _regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._regex().match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._regex().search(text, pos, endpos)


def _compile_value(entry: dict) -> LazyPattern:
    pattern = entry["pattern"]
    if entry.get("boundary", True):
        edge = _EDGE_B64 if entry["alphabet"] == "base64" else _EDGE
        pattern = f"(?<![{edge}])(?:{pattern})(?![{edge}])"
    return LazyPattern(pattern)


def _provider(entry: dict) -> Provider:
    length = entry["length"]
    lo, hi = (length, length) if isinstance(length, int) else length
    keywords = tuple(normalize_context(k) for k in entry.get("requires_context_keywords", ()))
    anchored = "prefix" in entry or "anchor" in entry
    regex = _compile_value(entry)
    return Provider(
        id=entry["id"],
        name=entry["name"],
        exposure=entry["exposure"],
        confidence=entry.get("confidence", "high" if anchored and not keywords else "medium"),
        advice=entry["advice"],
        regex=regex,
        value_group="v" if "(?P<v>" in regex.pattern else 0,
        min_len=lo,
        max_len=hi,
        prefixes=tuple(entry.get("prefix", ())),
        anchors=tuple(entry.get("anchor", ())),
        anchor_offset=entry.get("anchor_offset", 0),
        min_entropy=entry.get("min_entropy"),
        keywords=keywords,
        window=entry.get("context_window", 100),
        validate=entry.get("validate"),
        jwt_claims=tuple(sorted(entry.get("jwt_claims", {}).items())),
        priority=entry.get("priority", 0),
        alphabet=entry["alphabet"],
        loose=entry.get("loose", _distinctive(tuple(entry.get("prefix", ())))) and "validate" not in entry,
    )


def _distinctive(prefixes: tuple[str, ...]) -> bool:
    """Prefixes long and marked enough that a random run after them is the provider's key whatever its length."""
    return bool(prefixes) and all(
        len(prefix) >= 4 and (any(not char.isalpha() for char in prefix) or not prefix.isupper()) for prefix in prefixes
    )


_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _any_of(providers: tuple[Provider, ...]) -> re.Pattern[str] | None:
    """One pattern that matches at a position exactly where one of the providers' patterns matches there."""
    patterns = [provider.regex.pattern for provider in providers]
    if not patterns or any(_BACK_REFERENCE.search(pattern) for pattern in patterns):
        return None
    try:  # group names would clash; an inline flag for a whole pattern cannot be joined (re.error)
        return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', pattern)})" for pattern in patterns))
    except re.error:
        return None


def load_raw(*, validate: bool = False) -> dict:
    """The catalog document; with ``validate`` (the test suite), checked against provider-catalog.schema.json."""
    document = load_data("rules", "secrets", "providers.yaml")
    if validate:
        import jsonschema

        schema = json.loads(data_file("schemas", "provider-catalog.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
    ids = [entry["id"] for entry in (*document["providers"], *document.get("named", ()))]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate provider ids in the secret catalog: {', '.join(duplicates)}")
    return document


@cache
def load_catalog() -> Catalog:
    providers = tuple(_provider(entry) for entry in load_raw()["providers"])
    grouped: dict[tuple[str, bool], list[Provider]] = {}
    for provider in providers:
        for literal in provider.prefixes:
            grouped.setdefault((literal, False), []).append(provider)
        for literal in provider.anchors:
            grouped.setdefault((literal, True), []).append(provider)
    anchors = [
        Anchor(literal, rarest_index(literal), inner, tuple(sorted(group, key=lambda p: -p.priority)))
        for (literal, inner), group in grouped.items()
    ]
    literals = [anchor.literal for anchor in anchors]
    quoted_entries = {char: entry for char, entry in _TOKEN_ENTRIES.items() if char not in _UNQUOTED_ENTRIES}
    by_char: dict[str, list[Anchor]] = {}
    for anchor in anchors:
        by_char.setdefault(anchor.literal[anchor.pivot], []).append(anchor)
    bare = tuple(p for p in providers if not p.prefixes and not p.anchors)
    keyword_providers: dict[str, list[Provider]] = {}
    for provider in bare:
        for keyword in provider.keywords:
            keyword_providers.setdefault(keyword, []).append(provider)
    all_keywords = sorted({k for p in providers for k in p.keywords}, key=len, reverse=True)
    return Catalog(
        providers=providers,
        by_id={p.id: p for p in providers},
        prefilter=re.compile(pivot_alternation(literals, _TOKEN_ENTRIES)),
        code_prefilter=re.compile(pivot_alternation(literals, quoted_entries)),
        anchors_by_char={c: tuple(a) for c, a in by_char.items()},
        bare=bare,
        bare_unkeyed=tuple(p for p in bare if not p.keywords),
        keyword_re=re.compile("|".join(map(re.escape, all_keywords))) if all_keywords else None,
        keyword_providers={k: tuple(v) for k, v in keyword_providers.items()},
        max_window=max((p.window for p in providers), default=100),
        documented_examples=frozenset(
            example for entry in load_raw()["providers"] for example in entry.get("documented_examples", ())
        ),
        bare_any=_any_of(bare),
    )


@dataclass(frozen=True, slots=True)
class NamedFamily:
    """A family the name a literal is bound to identifies (``PUSHER_APP_SECRET``): whose key it is, and whether the
    provider means it to ship."""

    id: str
    name: str
    exposure: str
    phrases: tuple[tuple[str, ...], ...]


@cache
def named_families() -> tuple[NamedFamily, ...]:
    """Every family with ``names``: the shapeless ones of the ``named`` section first, then catalogued formats."""
    document = load_raw()
    return tuple(
        NamedFamily(entry["id"], entry["name"], entry["exposure"], tuple(tuple(p.split()) for p in entry["names"]))
        for entry in (*document.get("named", ()), *document["providers"])
        if "names" in entry
    )


def _in_order(phrase: tuple[str, ...], words: list[str]) -> bool:
    remaining = iter(words)
    return all(word in remaining for word in phrase)


def family_named(name: str) -> NamedFamily | None:
    """The family whose phrase the words of ``name`` contain in order (``pusherAppSecret`` → Pusher app secret)."""
    words = name_words(name)
    return next(
        (family for family in named_families() if any(_in_order(phrase, words) for phrase in family.phrases)), None
    )

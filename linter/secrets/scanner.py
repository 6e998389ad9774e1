"""Fast secret scan: one prefilter pass over the text, full provider checks only at candidate spots."""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from linter.secrets.catalog import TOKEN_LOOKAHEAD, Catalog, Provider, load_catalog, normalize_context
from linter.secrets.jwt import decode_jwt


@dataclass(frozen=True, slots=True)
class SecretMatch:
    start: int
    end: int
    provider: str
    provider_name: str
    exposure: str  # "secret" | "public" | "test"
    confidence: str  # "high" | "medium"
    detail: str
    value: str


def shannon_entropy(text: str) -> float:
    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


# Documentation values and template leftovers, checked on the part after any known prefix. Documentation markers
# count only at the end (AWS style "...EXAMPLE"): fixtures with a marker inside are meant to be reported.
_PLACEHOLDER = re.compile(
    r"(?i:x{4,}|\*{3,}|\.\.\.|…|placeholder|redacted|insert[_-]?|replace[_-]?me|changeme|dummy|sample)"
    r"|EXAMPLE(?:KEY)?$|(?i:example)$|example\.(?:com|org|net)"
    r"|(?:YOUR|[Yy]our)[_-]?(?:[A-Z]{2}|[a-z]{3})"
    r"|(.)\1{9,}|0123456|123456789|abcdefgh|ABCDEFGH"
)
# A JWT signature that was elided in documentation.
_ELIDED = re.compile(r"[xX]{4,}|\.\.\.|…|\*{3,}")
_TEMPLATE = re.compile(r"\$\{|^\$[A-Za-z_]|\{\{|\}\}|^<.*>$|^\[.*\]$|^\{.*\}$")
_PEM_BODY = re.compile(r"-----BEGIN [A-Z0-9 ]*-----(.*?)-----END", re.S)
_PEM_STRIP = re.compile(r"\\[rn]|\s|^[A-Za-z-]+:.*$", re.M)
_URL_PASSWORD_PLACEHOLDERS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "changeme", "pw", "mypassword", "yourpassword", "xxx"}
)


def is_placeholder(body: str) -> bool:
    return bool(_PLACEHOLDER.search(body) or _TEMPLATE.search(body))


def _check_pem(value: str) -> str | None:
    m = _PEM_BODY.search(value)
    if not m:
        return None
    body = _PEM_STRIP.sub("", m.group(1))
    if len(body) < 64 or is_placeholder(body) or not re.fullmatch(r"[A-Za-z0-9+/=]+", body):
        return None
    return ""


def _check_basic(value: str) -> str | None:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    if not sep or not user or not password or not decoded.isprintable():
        return None
    if password.lower() in _URL_PASSWORD_PLACEHOLDERS or is_placeholder(password):
        return None
    return "decodes to user:password"


def _check_url_password(value: str, url: str) -> str | None:
    if (
        is_placeholder(url)
        or value.lower() in _URL_PASSWORD_PLACEHOLDERS
        or is_placeholder(value)
        or value.startswith(("$", "%", "{"))
    ):
        return None
    return "password embedded in a URL"


def _check_jwt(value: str, provider: Provider) -> str | None:
    info = decode_jwt(value)
    if info.problem not in (None, "truncated") or info.payload is None:
        return None
    for claim, expected in provider.jwt_claims:
        if info.payload.get(claim) != expected:
            return None
    parts = []
    if info.role:
        parts.append(f"role={info.role}")
    if info.problem:
        parts.append("truncated: first character lost")
    return ", ".join(parts)


def _has_keyword(provider: Provider, text: str, start: int, context: str) -> bool:
    before = text[max(0, start - provider.window) : start]
    if len(before) < provider.window and context:
        before = context[-(provider.window - len(before)) :] + before
    window = normalize_context(before)
    return any(keyword in window for keyword in provider.keywords)


def _accept(provider: Provider, m: re.Match[str], text: str, context: str) -> SecretMatch | None:
    value = m.group(provider.value_group)
    start, end = m.span(provider.value_group)
    if not provider.min_len <= len(value) <= provider.max_len:
        return None
    if provider.keywords and not _has_keyword(provider, text, m.start(), context):
        return None
    detail = ""
    if provider.validate == "jwt":
        if _ELIDED.search(value.rpartition(".")[2]):
            return None
    elif provider.validate is None:
        body = value
        for prefix in provider.prefixes:
            if value.startswith(prefix):
                body = value[len(prefix) :]
                break
        if is_placeholder(body):
            return None
        if provider.min_entropy is not None and shannon_entropy(body) < provider.min_entropy:
            return None
    if provider.validate is not None:
        checked = {
            "jwt": lambda: _check_jwt(value, provider),
            "pem": lambda: _check_pem(value),
            "basic": lambda: _check_basic(value),
            "url-password": lambda: _check_url_password(value, m.group(0)),
        }[provider.validate]()
        if checked is None:
            return None
        detail = checked
    return SecretMatch(start, end, provider.id, provider.name, provider.exposure, provider.confidence, detail, value)


def _try_bare(catalog: Catalog, text: str, s: int, context: str, found: list[tuple[int, SecretMatch]]) -> None:
    if catalog.bare_any is not None and not catalog.bare_any.match(text, s):
        return  # no format without a prefix matches here, whatever the context
    providers: tuple[Provider, ...] = catalog.bare_unkeyed
    if catalog.keyword_re is not None:
        before = text[max(0, s - 100) : s]
        if len(before) < 100 and context:
            before = context[-(100 - len(before)) :] + before
        if catalog.keyword_re.search(normalize_context(before)):
            providers = catalog.bare
    for provider in providers:
        m = provider.regex.match(text, s)
        if m:
            match = _accept(provider, m, text, context)
            if match:
                found.append((provider.priority, match))


_TOKEN_START = re.compile(rf"(?:['\"`=]|:[ \t]*|Bearer +|Token +|/bot)(?={TOKEN_LOOKAHEAD})")


def _scan(text: str, context: str = "", entry: int | None = None) -> list[SecretMatch]:
    catalog = load_catalog()
    found: list[tuple[int, SecretMatch]] = []
    if entry is not None:
        _try_bare(catalog, text, entry, context, found)
    anchors_by_char = catalog.anchors_by_char
    for hit in catalog.prefilter.finditer(text):
        q = hit.start()
        char = text[q]
        for anchor in anchors_by_char.get(char, ()):
            s = q - anchor.pivot
            if s < 0 or not text.startswith(anchor.literal, s):
                continue
            for provider in anchor.providers:
                if anchor.inner:
                    lo = max(0, s - provider.anchor_offset)
                    m = provider.regex.search(text, lo, s + len(anchor.literal) + provider.max_len + 300)
                    if not m or m.start() > s:
                        continue
                else:
                    m = provider.regex.match(text, s)
                    if not m:
                        continue
                match = _accept(provider, m, text, context)
                if match:
                    found.append((provider.priority, match))
        token = _TOKEN_START.match(text, q)
        if token:
            _try_bare(catalog, text, token.end(), context, found)
    return _resolve(found)


def _resolve(found: list[tuple[int, SecretMatch]]) -> list[SecretMatch]:
    """Keep the most specific match where matches overlap."""
    kept: list[SecretMatch] = []
    for _, match in sorted(found, key=lambda f: (-f[0], -(f[1].end - f[1].start), f[1].start)):
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end))


# Results by text: a text is scanned once per run (--diff masks secrets in the text it shows), and the engine fills
# this from its content-hash cache and from worker processes (linter/scan_cache.py).
_RESULTS: dict[str, tuple[SecretMatch, ...]] = {}
# The completion of a scan running in other processes: called before a text is scanned here.
_pending: Callable[[], None] | None = None


def wait_for(finish: Callable[[], None] | None) -> None:
    """Register (or, with None, forget) a scan in progress elsewhere that ``scan_text`` must complete first."""
    global _pending
    _pending = finish


def scan_text(text: str) -> list[SecretMatch]:
    """Every catalogued secret in ``text``, sorted by offset."""
    found = _RESULTS.get(text)
    if found is None and _pending is not None:
        _pending()
        found = _RESULTS.get(text)
    if found is None:
        found = _RESULTS[text] = tuple(_scan(text))
    return list(found)


def remember_scan(text: str, matches: tuple[SecretMatch, ...]) -> None:
    _RESULTS[text] = matches


def is_scanned(text: str) -> bool:
    return text in _RESULTS


# --- one value in an auth position ---------------------------------------------------------------

_SCHEME = re.compile(r"(?i:bearer|token|jwt)[ \t]+")
_CREDENTIAL_KEY = re.compile(r"auth|token|secret|key|passw|pwd|bearer|credential|session|signature|apikey", re.I)
_ID_KEY = re.compile(r"(?:^|[_\-\s.])id$|[a-z]Id$|^id$|uuid|guid", re.I)
_HASH_KEY = re.compile(r"hash|sha|md5|checksum|etag|digest|crc", re.I)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_URLISH = re.compile(r"://|www\.|data:|/[A-Za-z0-9_.-]+/", re.I)
_LOCALE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_CREDENTIAL_CHARS = re.compile(r"[A-Za-z0-9_\-+/=.~:%!@#^&*]+")
_HEXISH = re.compile(r"[0-9a-fA-F]+|[A-Za-z0-9+/_-]+={0,2}")


def _generic(value: str, offset: int, key_name: str | None) -> SecretMatch | None:
    if not key_name or not _CREDENTIAL_KEY.search(key_name):
        return None
    if len(value) < 16 or not _CREDENTIAL_CHARS.fullmatch(value):
        return None
    lowered = value.lower()
    if lowered in ("true", "false", "null") or _NUMBER.fullmatch(value) or _LOCALE.fullmatch(value):
        return None
    if _URLISH.search(value) or is_placeholder(value) or value.startswith("$"):
        return None
    if _UUID.fullmatch(value) and _ID_KEY.search(key_name):
        return None
    if _HASH_KEY.search(key_name) and _HEXISH.fullmatch(value):
        return None
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    if digits < 2 or letters < 4 or shannon_entropy(value) < 3.0:
        return None
    return SecretMatch(
        offset, offset + len(value), "generic-credential", "Hardcoded credential", "secret", "medium", "", value
    )


def classify_credential(value: str, *, key_name: str | None = None) -> SecretMatch | None:
    """Classify one literal found in an auth position (header, parameter, env value, variable default)."""
    stripped = value.strip()
    offset = value.find(stripped) if stripped else 0
    scheme = _SCHEME.match(stripped)
    if scheme:
        offset += scheme.end()
        stripped = stripped[scheme.end() :]
    if not stripped:
        return None
    context = f"{key_name or ''}: "
    matches = _scan(value, context=context, entry=offset)
    if matches:
        # Prefer the match that is the value itself, then the longest.
        return max(matches, key=lambda m: (m.start == offset, m.end - m.start))
    return _generic(stripped, offset, key_name)

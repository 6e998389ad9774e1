"""Fast secret scan: one prefilter pass over the text, full provider checks only at candidate spots."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from linter.secrets.bindings import Binding, continues_token, find_bindings, judge
from linter.secrets.catalog import TOKEN_LOOKAHEAD, Catalog, Provider, family_named, load_catalog, normalize_context
from linter.secrets.jwt import decode_jwt, session_kind
from linter.secrets.placeholders import ELIDED, EXAMPLE_MARKER, TEMPLATE, is_placeholder
from linter.vocabulary import SCHEME_PREFIX, decode_base64_text, is_credential_name, local_host_reason


@dataclass(frozen=True, slots=True)
class SecretMatch:
    start: int
    end: int
    provider: str
    provider_name: str
    exposure: str  # "secret" | "public" | "test" | "example" (a value the provider's documentation publishes)
    confidence: str  # "high" | "medium"
    detail: str
    value: str


def shannon_entropy(text: str) -> float:
    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


_PEM_BODY = re.compile(r"-----BEGIN [A-Z0-9 ]*-----(.*?)-----END", re.S)
_PEM_STRIP = re.compile(r"\\[rn]|\s|^[A-Za-z-]+:.*$", re.M)
_URL_PASSWORD_PLACEHOLDERS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "changeme", "pw", "mypassword", "yourpassword", "xxx"}
)


def _check_pem(value: str) -> str | None:
    m = _PEM_BODY.search(value)
    if not m:
        return None
    body = _PEM_STRIP.sub("", m.group(1))
    if len(body) < 64 or is_placeholder(body) or not re.fullmatch(r"[A-Za-z0-9+/=]+", body):
        return None
    return ""


def _decode_basic(value: str) -> tuple[str, str] | None:
    """(user, password) of a Basic credential, or None when it is not base64 of ``user:password``."""
    decoded = decode_base64_text(value)
    if decoded is None:
        return None
    user, sep, password = decoded.partition(":")
    if not sep or not user or not decoded.isprintable():
        return None
    return user, password


def _check_basic(value: str) -> str | None:
    pair = _decode_basic(value)
    if pair is None or not pair[1]:
        return None
    if pair[1].lower() in _URL_PASSWORD_PLACEHOLDERS or is_placeholder(pair[1]):
        return None
    return "decodes to user:password"


def _basic_key(value: str) -> SecretMatch | None:
    """A provider key sent as one half of a Basic credential (``base64(sk_live_…:)``): judged as that key."""
    pair = _decode_basic(value)
    if pair is None:
        return None
    for half in pair:
        found = [match for match in _scan(half) if match.start == 0 and match.end == len(half)]
        if found:
            return found[0]
    return None


def _check_url_password(value: str, url: str) -> str | None:
    if (
        TEMPLATE.search(url)
        or value.lower() in _URL_PASSWORD_PLACEHOLDERS
        or is_placeholder(value)
        or value.startswith(("$", "%", "{"))
    ):
        return None
    host = url.rsplit("@", 1)[-1].lower()
    local = local_host_reason(host)
    if (local is not None and local[1] == "local") or host == "host.docker.internal":
        return None  # a database on the developer's own machine (Supabase's local stack): its default password
    return "password embedded in a URL"


_URL_BOUNDARY = re.compile(r"[\s'\"`<>]")
_MAX_URL = 4096


# An Azure service SAS whose signed resource is one blob or file (``sr=b``, a snapshot ``bs``, a version ``bv``,
# a file share's file ``f``); an account SAS says ``ss=``/``srt=`` instead, and a container's says ``sr=c``.
_ONE_FILE_SAS = re.compile(r"[?&]sr=(?:b|bs|bv|f)(?![\w-])")


def _check_account_signature(text: str, start: int) -> str | None:
    """A signature that grants access beyond one file; None for a link that opens one file (a blob's SAS), like the
    presigned and download links that are not reported."""
    window_start = max(0, start - _MAX_URL)
    before = [m.end() for m in _URL_BOUNDARY.finditer(text, window_start, start)]
    url_start = before[-1] if before else window_start
    after = _URL_BOUNDARY.search(text, start, start + _MAX_URL)
    url_end = after.start() if after else min(len(text), start + _MAX_URL)
    return None if _ONE_FILE_SAS.search(text, url_start, url_end) else ""


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
    kind = session_kind(info)
    if kind and info.role != "authenticated":  # the provider's name says so already
        parts.append(kind)
    if str((info.header or {}).get("alg", "")).lower() == "none":
        parts.append("unsigned: alg none")
    if info.problem:
        parts.append("truncated: first character lost")
    return ", ".join(parts)


def _base64_jwt(value: str) -> SecretMatch | None:
    """A JWT wrapped in base64 (``ZXlK…`` is base64 of ``eyJ…``), judged as the JWT inside."""
    inner = decode_base64_text(value)
    if inner is None or not inner.isascii():
        return None
    inner = inner.strip()
    found = [match for match in _scan(inner) if match.start == 0 and match.end == len(inner)]
    return found[0] if found else None


def _has_keyword(provider: Provider, text: str, start: int, context: str) -> bool:
    before = text[max(0, start - provider.window) : start]
    if len(before) < provider.window and context:
        before = context[-(provider.window - len(before)) :] + before
    window = normalize_context(before)
    return any(keyword in window for keyword in provider.keywords)


def _documented_example(provider: Provider, value: str, start: int, end: int) -> SecretMatch | None:
    """A value the provider's documentation publishes (or that ends in its EXAMPLE marker): shown as an example."""
    if value not in load_catalog().documented_examples and not EXAMPLE_MARKER.search(value):
        return None
    detail = "the value the provider's documentation publishes as an example"
    return SecretMatch(start, end, provider.id, provider.name, "example", "high", detail, value)


# Lowercase words joined by separators: a file or identifier name (``re_create_listing_view_model``), never a key's
# random body, even behind a key's prefix.
_WORDS_IDENTIFIER = re.compile(r"[a-z]+(?:[_-][a-z]+)+_?")


_ID_NAME_BEFORE = re.compile(r"(?i)(?<![\w])(?:client|app|application|project|account)[_-]?id['\"]?\s*[:=]\s*['\"]?\Z")


def _an_id_elsewhere(text: str, binding: Binding) -> bool:
    """The value a credential name holds is bound to a client or app id elsewhere in the file (the app's id sent as
    ``access_token=`` by mistake): an identifier, public, not a credential."""
    value = binding.value
    at = text.find(value)
    while at != -1:
        if at != binding.start and _ID_NAME_BEFORE.search(text, max(0, at - 48), at):
            return True
        at = text.find(value, at + len(value))
    return False


def _accept(provider: Provider, m: re.Match[str], text: str, context: str) -> SecretMatch | None:
    value = m.group(provider.value_group)
    start, end = m.span(provider.value_group)
    if not provider.min_len <= len(value) <= provider.max_len:
        return None
    if provider.keywords and not _has_keyword(provider, text, m.start(), context):
        return None
    secret_shape = provider.keywords and provider.exposure != "public"
    if secret_shape and _ID_NAME_BEFORE.search(text, max(0, start - 48), start):
        return None  # a secret's shape that any hex string has, bound to a name that says id: Spotify's client_id=…
    example = _documented_example(provider, value, start, end)
    if example is not None:
        return example
    if provider.validate in ("basic", "b64-jwt"):
        inner = _basic_key(value) if provider.validate == "basic" else _base64_jwt(value)
        if inner is not None:
            how = "sent as Basic base64(key:password)" if provider.validate == "basic" else "base64-encoded"
            detail = ", ".join(part for part in (how, inner.detail) if part)
            if inner.provider == "jwt":  # a JWT of no known issuer: the wrapped form is its own family
                inner = dataclasses.replace(inner, provider=provider.id, provider_name=provider.name)
            return SecretMatch(start, end, inner.provider, inner.provider_name, inner.exposure, "high", detail, value)
        if provider.validate == "b64-jwt":
            return None
    detail = ""
    if provider.validate == "jwt":
        if ELIDED.search(value.rpartition(".")[2]):
            return None
    elif provider.validate is None:
        body = value
        for prefix in provider.prefixes:
            if value.startswith(prefix):
                body = value[len(prefix) :]
                break
        if is_placeholder(body) or _WORDS_IDENTIFIER.fullmatch(body):
            return None
        if provider.min_entropy is not None and shannon_entropy(body) < provider.min_entropy:
            return None
    if provider.validate is not None:
        checked = {
            "jwt": lambda: _check_jwt(value, provider),
            "pem": lambda: _check_pem(value),
            "basic": lambda: _check_basic(value),
            "url-password": lambda: _check_url_password(value, m.group(0)),
            "account-signature": lambda: _check_account_signature(text, start),
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


def _scan(text: str, context: str = "", entry: int | None = None, bindings: str | None = None) -> list[SecretMatch]:
    """Catalogued formats everywhere (and bare formats where a value starts); with ``bindings`` (the file's syntax),
    also literals bound to credential names."""
    catalog = load_catalog()
    found: list[tuple[int, SecretMatch]] = []
    if entry is not None:
        _try_bare(catalog, text, entry, context, found)
    anchors_by_char = catalog.anchors_by_char
    prefilter = catalog.code_prefilter if bindings in ("code", "interpolating") else catalog.prefilter
    for hit in prefilter.finditer(text):
        q = hit.start()
        char = text[q]
        for anchor in anchors_by_char.get(char, ()):
            s = q - anchor.pivot
            if s < 0 or not text.startswith(anchor.literal, s):
                continue
            loose: list[SecretMatch] = []
            for provider in anchor.providers:
                if anchor.inner:
                    lo = max(0, s - provider.anchor_offset)
                    m = provider.regex.search(text, lo, s + len(anchor.literal) + provider.max_len + 300)
                    if not m or m.start() > s:
                        continue
                else:
                    m = provider.regex.match(text, s)
                    if not m:
                        candidate = _loose(provider, text, s)
                        if candidate is not None:
                            loose.append(candidate)
                        continue
                match = _accept(provider, m, text, context)
                if match:
                    found.append((provider.priority, match))
            if loose:  # providers sharing a prefix: the one whose documented length is nearest
                found.append((LOOSE_PRIORITY, min(loose, key=lambda match: _length_gap(match, catalog))))
        token = _TOKEN_START.match(text, q)
        if token:
            _try_bare(catalog, text, token.end(), context, found)
    if bindings is not None:
        for binding in find_bindings(text, syntax=bindings):
            match = _binding_match(binding)
            if match.provider == "generic-credential" and _an_id_elsewhere(text, binding):
                continue
            # Joined pieces that make a catalogued format outrank a loose match on the first piece alone.
            whole = binding.joined and match.provider in catalog.by_id
            found.append((catalog.by_id[match.provider].priority if whole else BINDING_PRIORITY, match))
    return _resolve(found)


# Overlapping matches: a catalogued format wins over a loose one, and both over a value known only by its name.
LOOSE_PRIORITY = -1
BINDING_PRIORITY = -2
_LOOSE_BODY = re.compile(r"[A-Za-z0-9_\-]+")


def _loose(provider: Provider, text: str, start: int) -> SecretMatch | None:
    """A key with a provider's distinctive prefix and a random body whose length or layout differs from the
    documented format: still that provider's key, reported with a note on its format."""
    if provider.validate is not None or (provider.keywords and not _has_keyword(provider, text, start, "")):
        return None
    prefix = next((prefix for prefix in provider.prefixes if text.startswith(prefix, start)), None)
    if prefix is None or (start > 0 and continues_token(text[start - 1])):
        return None
    body = _LOOSE_BODY.match(text, start + len(prefix))
    if body is None or ELIDED.match(text, body.end()):
        return None
    value = text[start : body.end()]
    run = body.group()
    if not 10 <= len(run) <= provider.max_len + 64 or is_placeholder(run) or TEMPLATE.search(run):
        return None
    if not any(char.isdigit() for char in run) or shannon_entropy(run) < 3.2:
        return None
    if not provider.loose:  # a short prefix ('sk-') starts many words and several providers' keys
        if not _whole_random_literal(text, start, body.end(), run):
            return None
        if provider.exposure == "secret":  # which provider's, the prefix cannot tell
            detail = f"'{prefix}' and a random body, a secret key's shape"
            return SecretMatch(
                start, body.end(), "generic-credential", "Hardcoded credential", "secret", "medium", detail, value
            )
    low, high = provider.min_len, provider.max_len
    expected = f"{low}" if low == high else f"{low}-{high}"
    detail = f"unusual format: {len(value)} characters where documented keys have {expected}"
    return SecretMatch(start, body.end(), provider.id, provider.name, provider.exposure, "medium", detail, value)


_MIN_SHORT_PREFIX_BODY = 24


def _whole_random_literal(text: str, start: int, end: int, run: str) -> bool:
    """The value is a whole quoted literal whose body is random: it mixes cases, or is a fifth digits or more (a
    UUID or hex body, ``sk-<uuid>``), as words and names are not."""
    quote = text[start - 1 : start] if start else ""
    mixed_case = any(char.isupper() for char in run) and any(char.islower() for char in run)
    digits = sum(char.isdigit() for char in run)
    return (
        quote in ("'", '"', "`")
        and text.startswith(quote, end)
        and len(run) >= _MIN_SHORT_PREFIX_BODY
        and (mixed_case or digits * 5 >= len(run))
    )


def _length_gap(match: SecretMatch, catalog: Catalog) -> int:
    """How far the match's length is from its provider's documented lengths (a key no provider is named for: last)."""
    provider = catalog.by_id.get(match.provider)
    if provider is None:
        return 10**6
    length = match.end - match.start
    return max(provider.min_len - length, length - provider.max_len, 0)


def _binding_match(binding: Binding) -> SecretMatch:
    detail = f"bound to '{binding.name}'"
    if binding.joined:  # 'sk_live_' + '51…': the joined value may be a catalogued format
        whole = next((m for m in _scan(binding.value, entry=0) if (m.start, m.end) == (0, len(binding.value))), None)
        if whole is not None:
            return SecretMatch(
                binding.start,
                binding.end,
                whole.provider,
                whole.provider_name,
                whole.exposure,
                whole.confidence,
                f"{detail}, written as joined pieces",
                binding.value,
            )
    family = None if binding.password else family_named(binding.name)
    if family is not None:
        return SecretMatch(
            binding.start, binding.end, family.id, family.name, family.exposure, "medium", detail, binding.value
        )
    kind = "password" if binding.password else "generic-credential"
    name = "Hardcoded password" if binding.password else "Hardcoded credential"
    return SecretMatch(binding.start, binding.end, kind, name, "secret", "medium", detail, binding.value)


def _resolve(found: list[tuple[int, SecretMatch]]) -> list[SecretMatch]:
    """Keep the most specific match where matches overlap."""
    kept: list[SecretMatch] = []
    for _, match in sorted(found, key=lambda f: (-f[0], -(f[1].end - f[1].start), f[1].start)):
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end))


# Results by text and syntax: a text is scanned once per run (--diff masks secrets in the text it shows), and the
# engine fills this from its content-hash cache and from worker processes (linter/scan_cache.py).
_RESULTS: dict[tuple[str, str], tuple[SecretMatch, ...]] = {}
# The completion of a scan running in other processes: called before a text is scanned here.
_pending: Callable[[], None] | None = None


def wait_for(finish: Callable[[], None] | None) -> None:
    """Register (or, with None, forget) a scan in progress elsewhere that ``scan_text`` must complete first."""
    global _pending
    _pending = finish


def scan_text(text: str, syntax: str = "code") -> list[SecretMatch]:
    """Every secret in ``text``, sorted by offset: catalogued formats and literals bound to credential names.
    ``syntax``: how the file writes values ("code", "interpolating", "config" or "prose"; ``SourceFile.syntax``)."""
    found = _RESULTS.get((text, syntax))
    if found is None and _pending is not None:
        _pending()
        found = _RESULTS.get((text, syntax))
    if found is None:
        found = _RESULTS[(text, syntax)] = tuple(_scan(text, bindings=syntax))
    return list(found)


def remember_scan(text: str, syntax: str, matches: tuple[SecretMatch, ...]) -> None:
    _RESULTS[(text, syntax)] = matches


def is_scanned(text: str, syntax: str) -> bool:
    return (text, syntax) in _RESULTS


# --- one value in an auth position ---------------------------------------------------------------


def _generic(value: str, offset: int, key_name: str | None) -> SecretMatch | None:
    """A literal whose name says it is a credential (``x-api-key``, ``password``, ``Authorization``), whatever its
    shape; judged like any binding."""
    if not key_name or not is_credential_name(key_name) or not judge(key_name, value):
        return None
    password = key_name.strip().lower() in ("password", "passwd", "pwd", "pass")
    kind, name = ("password", "Hardcoded password") if password else ("generic-credential", "Hardcoded credential")
    return SecretMatch(offset, offset + len(value), kind, name, "secret", "medium", "", value)


def classify_credential(value: str, *, key_name: str | None = None) -> SecretMatch | None:
    """Classify one literal found in an auth position (header, parameter, env value, variable default)."""
    stripped = value.strip()
    offset = value.find(stripped) if stripped else 0
    scheme = SCHEME_PREFIX.match(stripped)
    if scheme and scheme.group(1).lower() != "basic" and scheme.end() < len(stripped):
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

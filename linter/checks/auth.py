"""A family: the Authorization header, its credential, and what known providers expect."""

from __future__ import annotations

import base64
import binascii
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from linter.check_context import CheckContext
from linter.checks.common import header_hint, literal_header, sent_headers, where_in_flutterflow
from linter.checks.headers import describe_char
from linter.findings import Edit, Finding, Fix, SecretInfo
from linter.model import ApiCall, Export, FileKind, Header, Template, Variable
from linter.rules import check

_SCHEMES = ("Bearer", "Basic", "Token", "JWT", "Digest")


@dataclass
class _Problem:
    message: str
    begin: int  # rendered offsets in the header value
    end: int
    fix: Fix | None = None
    severity: str | None = None


def _replace(value: Template, begin: int, end: int, replacement: str, description: str, kind: str | None) -> Fix:
    start, stop = value.source_range(begin, end)
    return Fix(description, (Edit.at(value.file, start, stop, replacement),), kind)


def scheme_problem(value: Template) -> _Problem | None:
    """The first problem with how ``value`` writes its auth scheme, if any."""
    text = value.text
    lead = len(text) - len(text.lstrip())
    if value.is_interpolated_at(lead):
        return None
    scheme = next((s for s in _SCHEMES if text[lead:].lower().startswith(s.lower())), None)
    if scheme is None:
        return None
    after = lead + len(scheme)
    written, rest = text[lead:after], text[after:]
    if rest and value.is_interpolated_at(after):
        return _Problem(
            f"'{written}' is glued to the credential (no space): the server cannot find the scheme and answers 401",
            lead,
            after,
            _replace(value, after, after, " ", "insert a space after the scheme", None),
        )
    if rest.startswith(":"):
        return _Problem(
            f"'{written}:' has a colon after the scheme; the header must read '{scheme} <credential>'",
            after,
            after + 1,
            _replace(value, after, after + 1, " ", "replace the colon with a space", None),
        )
    spaces = re.match(r"[ \t\u00a0]+", rest)
    if spaces is None:
        if rest and scheme == "Bearer" and rest.startswith("eyJ"):
            return _Problem(
                f"'{written}' is glued to the token (no space): the server cannot find the scheme and answers 401",
                lead,
                after,
                _replace(value, after, after, " ", "insert a space after the scheme", None),
            )
        return None
    gap = spaces.group()
    end = after + len(gap)
    if gap != " ":
        return _Problem(
            f"'{written}' is followed by {len(gap)} whitespace characters instead of one space; servers split on "
            "one space and then see a credential that starts with whitespace",
            after,
            end,
            _replace(value, after, end, " ", "use exactly one space", "whitespace"),
        )
    credential = rest[1:]
    doubled = re.match(rf"(?i){scheme}[ \t]+", credential)
    if doubled:
        return _Problem(
            f"the scheme is written twice ('{written} {credential[: len(scheme)]}'): the server reads the second "
            "word as the credential and answers 401",
            end,
            end + doubled.end(),
            _replace(value, end, end + doubled.end(), "", "remove the repeated scheme", None),
        )
    if re.fullmatch(r"""(["']).+\1""", credential):
        return _Problem("the credential is wrapped in quotes, which are sent as part of the token", end, len(text))
    if written != scheme and scheme == "Bearer":
        return _Problem(
            f"'{written}' is not written 'Bearer'; the scheme is case-insensitive by the standard, but some "
            "servers and gateways compare it exactly",
            lead,
            after,
            _replace(value, lead, after, scheme, "write the scheme as 'Bearer'", "case"),
            "info",
        )
    return None


def _scheme_for_host(export: Export, call: ApiCall, value: Template) -> _Problem | None:
    """'Token x' or 'JWT x' sent to a host whose provider accepts only 'Bearer'."""
    found = re.match(r"\s*(Token|JWT)[ \t]+", value.text, re.IGNORECASE)
    if found is None or value.is_interpolated_at(found.start(1)):
        return None
    provider, _ = _provider(export, call)
    if provider is None:
        return None
    schemes = {form.scheme.lower() for form in provider.auth if form.header == "authorization" and form.scheme}
    if schemes != {"bearer"}:
        return None
    return _Problem(
        f"{provider.name} accepts only 'Bearer <key>', not '{found.group(1)} <key>'; the API answers 401",
        found.start(1),
        found.end(1),
        _replace(value, found.start(1), found.end(1), "Bearer", "write the scheme as 'Bearer'", None),
    )


def _supplied_scheme_problem(export: Export, call: ApiCall, header: Header) -> tuple[Credential, _Problem] | None:
    """A scheme problem inside the value an environment value (or an always-sent default) fills in: the header is
    just ``${x}`` and x writes the scheme badly, or the header writes 'Bearer ${x}' and x starts with 'Bearer ' too."""
    found = credential(export, call, header)
    if found is None or found.source == "literal" or not surely_sent(export, call, found):
        return None
    supplied, before = found.origin, found.value.text[: -found.offset]
    if not before.strip():
        problem = scheme_problem(supplied)
        return (found, problem) if problem is not None else None
    written = _SCHEME_PREFIX.fullmatch(before.strip() + " ")
    lead = len(supplied.text) - len(supplied.text.lstrip())
    again = _SCHEME_PREFIX.match(supplied.text, lead)
    if written is None or again is None or not supplied.text[again.end(1) : again.end(1) + 1].isspace():
        return None
    return found, _Problem(
        f"the header already writes '{written.group(1)} ' and the value starts with '{again.group(1)}' as well, so "
        f"the request sends '{written.group(1)} {again.group(1)} …': the server reads the second word as the "
        "credential and answers 401",
        lead,
        again.end(),
    )


@check("A002")
def check_scheme_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    reported_values: set[tuple[str, int]] = set()  # a shared environment value is reported once, at the value
    for call, header in sent_headers(export):
        value = literal_header(header, "authorization")
        if value is None:
            continue
        problem = scheme_problem(value) or _scheme_for_host(export, call, value)
        if problem is not None:
            yield ctx.finding(
                "A002",
                value.span(problem.begin, problem.end),
                f"Authorization header of '{call.name}': {problem.message}",
                severity=problem.severity,
                fix=problem.fix,
                hint=header_hint(call, header),
                key=value.text,
            )
            continue
        supplied = _supplied_scheme_problem(export, call, header)
        if supplied is None:
            continue
        found, problem = supplied
        if (found.origin.file.relpath, found.origin.start) in reported_values:
            continue
        reported_values.add((found.origin.file.relpath, found.origin.start))
        hint = (
            f"fix it in FlutterFlow: Settings → Environment Values → {found.name}"
            if found.source == "env"
            else where_in_flutterflow(call, f"Variables → {found.name} (default value)")
        )
        yield ctx.finding(
            "A002",
            found.origin.span(problem.begin, problem.end),
            f"Authorization header of '{call.name}'{found.describe()}: {problem.message}",
            severity=problem.severity,
            fix=problem.fix,
            hint=hint,
            key=f"{found.source}:{found.name}:{found.origin.text}",
        )


# -- where a credential comes from --------------------------------------------------------------------------------

_BARE_TOKEN = re.compile(r"[A-Za-z0-9._~+/=:-]{8,}")
_JWT_SHAPE = re.compile(r"e?yJ[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*){0,2}")
_SCHEME_PREFIX = re.compile(r"(?i)(bearer|basic|token|jwt|digest)(?:[ \t]+|$)")
_AUTH_HEADERS = frozenset(
    {
        "authorization",
        "apikey",
        "api-key",
        "api_key",
        "x-api-key",
        "x-auth-token",
        "x-access-token",
        "access-token",
        "token",
        "x-token",
    }
)


@dataclass
class Credential:
    """A credential as the request sends it: the header value with its one interpolation filled when known."""

    header: Header
    value: Template  # the header's value template
    text: str  # the value as sent (scheme included)
    origin: Template  # where the credential's characters are written (the header, an env value, a default)
    offset: int  # rendered offset of ``text`` inside ``origin`` (may be negative: the scheme is in the header)
    source: str  # "literal" | "env" | "default"
    name: str | None  # the variable or environment key that supplies it
    from_default: bool  # the value is a variable's default, sent only when no call site passes the variable

    @property
    def scheme(self) -> str | None:
        found = _SCHEME_PREFIX.match(self.text.strip())
        return found.group(1) if found else None

    @property
    def token(self) -> str:
        stripped = self.text.strip()
        found = _SCHEME_PREFIX.match(stripped)
        return stripped[found.end() :] if found else stripped

    def token_range(self) -> tuple[int, int] | None:
        """Rendered range of the token inside ``origin``, when it is written there in full."""
        token = self.token
        start = self.text.find(token) + self.offset if token else -1
        if start < 0 or self.origin.text[start : start + len(token)] != token:
            return None
        return start, start + len(token)

    def describe(self) -> str:
        if self.source == "env":
            return f" (from environment value '{self.name}')"
        if self.source == "default":
            return f" (the default of variable '{self.name}')"
        return ""


def _variables(export: Export, call: ApiCall) -> dict[str, Variable]:
    group = export.group(call.group)
    found = {variable.name: variable for variable in (group.variables if group else [])}
    found.update({variable.name: variable for variable in call.variables})
    return found


def credential(export: Export, call: ApiCall, header: Header) -> Credential | None:
    """The header's value as sent, when it is literal or has one interpolation whose value is known."""
    value = header.value
    if not isinstance(value, Template):
        return None
    if value.is_literal:
        return Credential(header, value, value.text, value, 0, "literal", None, False)
    interpolations = value.interpolations
    if len(interpolations) != 1:
        return None
    begin, end, expression = interpolations[0]
    flows = export.env_flows(call, value)
    if flows:
        env = flows[0][2]
        if env.value is None or env.type != "String":
            return None
        text = value.text[:begin] + env.value.text + value.text[end:]
        return Credential(header, value, text, env.value, -begin, "env", env.key, False)
    variable = _variables(export, call).get(expression)
    default = variable.default if variable is not None else None
    if not isinstance(default, Template) or not default.is_literal or not default.text:
        return None
    text = value.text[:begin] + default.text + value.text[end:]
    return Credential(header, value, text, default, -begin, "default", expression, True)


def surely_sent(export: Export, call: ApiCall, found: Credential) -> bool:
    """Literal and environment values always are; a default only when no call site passes its variable."""
    return not found.from_default or default_is_sent(export, call, found.name or "")


_CALL_SITE = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*call\s*\(")
_PARENS = re.compile(r"[()]")
_SITES: weakref.WeakKeyDictionary[Export, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def _field_name(call: ApiCall) -> str:
    return call.class_name[:1].lower() + call.class_name[1:]


def _call_sites(export: Export) -> dict[str, list[str]]:
    """Argument lists of every ``X.call(...)`` in the app's Dart code, by X (a call class or group field)."""
    if export in _SITES:
        return _SITES[export]
    sites: dict[str, list[str]] = {}
    names = {name for call in export.calls for name in (call.class_name, _field_name(call))}
    for file in export.files:
        if file.kind is not FileKind.DART or ".call" not in file.text:
            continue
        text = file.text
        for match in _CALL_SITE.finditer(text):
            if match.group(1) not in names:
                continue
            depth, end = 1, len(text)
            for paren in _PARENS.finditer(text, match.end()):
                depth += 1 if paren.group() == "(" else -1
                if not depth:
                    end = paren.start()
                    break
            sites.setdefault(match.group(1), []).append(text[match.end() : end])
    _SITES[export] = sites
    return sites


def default_is_sent(export: Export, call: ApiCall, variable: str) -> bool:
    """True when the app calls ``call`` and never passes ``variable``: its default is what the request sends."""
    sites = _call_sites(export)
    arguments = sites.get(call.class_name, []) + sites.get(_field_name(call), [])
    passed = re.compile(rf"\b{re.escape(variable)}\s*:")
    return bool(arguments) and not any(passed.search(argument) for argument in arguments)


def _credentials(export: Export, call: ApiCall) -> Iterator[Credential]:
    for header in export.resolved_headers(call):
        if header.name_text is None:
            continue
        found = credential(export, call, header)
        if found is not None:
            yield found


def _provider(export: Export, call: ApiCall):
    from linter.auth_catalog import provider_for
    from linter.checks.urls import call_host

    located = call_host(export, call)
    return (provider_for(*located), located[1]) if located else (None, None)


def _secret(token: str) -> SecretInfo:
    from linter.secrets import fingerprint, redact

    return SecretInfo("credential", redact(token), fingerprint(token))


def _redacted(token: str) -> str:
    from linter.secrets import redact

    return redact(token)


def _token_span(found: Credential):
    located = found.token_range()
    if located is None:
        return found.value.span()
    return found.origin.span(*located)


def _is_jwt(token: str) -> bool:
    return token.startswith("eyJ") and token.count(".") == 2


# -- A001 ----------------------------------------------------------------------------------------------------------


def _expected_scheme(export: Export, call: ApiCall, token: str) -> tuple[str, str] | None:
    """(scheme, why) when the host or the token's type expects one in Authorization."""
    from linter.auth_catalog import provider_of_key

    provider, _ = _provider(export, call)
    if provider is not None:
        forms = [form for form in provider.auth if form.header == "authorization"]
        if not forms or any(form.scheme is None for form in forms):
            return None
        return forms[0].scheme or "Bearer", f"{provider.name} expects '{forms[0].scheme} <key>'"
    if _is_jwt(token):
        return "Bearer", "a JWT is a bearer token and servers expect 'Bearer <token>'"
    keyed = provider_of_key(token)
    if keyed is not None:
        forms = [form for form in keyed[0].auth if form.header == "authorization" and form.scheme]
        if forms:
            return forms[0].scheme or "Bearer", f"{keyed[0].name} keys are sent as '{forms[0].scheme} <key>'"
    return None


@check("A001")
def check_scheme_missing(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call in export.calls:
        for found in _credentials(export, call):
            if found.header.name_text is None or found.header.name_text.strip().lower() != "authorization":
                continue
            text = found.text.strip()
            if found.scheme is not None or not _BARE_TOKEN.fullmatch(text):
                continue
            expected = _expected_scheme(export, call, text)
            if expected is None:
                continue
            scheme, why = expected
            value = found.value
            lead = len(value.text) - len(value.text.lstrip())
            start, _ = value.source_range(lead, lead)
            fix = Fix(
                f"insert '{scheme} ' before the credential",
                (Edit.at(value.file, start, start, f"{scheme} "),),
            )
            kind = "a JWT" if _is_jwt(text) else "a token"
            yield ctx.finding(
                "A001",
                value.span(),
                f"Authorization header of '{call.name}' sends {kind} {_redacted(text)}{found.describe()} with no "
                f"scheme: {why}, so the request is answered 401",
                fix=fix,
                hint=header_hint(call, found.header),
                key=f"{call.name}:{found.source}:{found.name or ''}",
            )


# -- A003 ----------------------------------------------------------------------------------------------------------


def _auth_header_names() -> frozenset[str]:
    from linter.auth_catalog import auth_providers

    names = set(_AUTH_HEADERS)
    for provider in auth_providers():
        names.update(provider.auth_headers)
    return frozenset(names)


@check("A003")
def check_credential_empty(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    names = _auth_header_names()
    seen: set[tuple[str, int]] = set()
    for call in export.calls:
        variables = _variables(export, call)
        for header in export.resolved_headers(call):
            name = header.name_text
            value = header.value
            if name is None or name.strip().lower() not in names or not isinstance(value, Template):
                continue
            text = value.text
            if (value.file.relpath, value.start) in seen:
                continue
            if value.is_literal:
                scheme = _SCHEME_PREFIX.fullmatch(text.strip())
                if text.strip() and scheme is None:
                    continue
                seen.add((value.file.relpath, value.start))
                what = f"only the scheme '{scheme.group(1)}'" if scheme else "an empty value"
                yield ctx.finding(
                    "A003",
                    value.span(),
                    f"header '{name.strip()}' of '{call.name}' sends {what}: there is no credential, so the API "
                    "answers 401",
                    hint=header_hint(call, header),
                    key=f"{call.name}:{name}:{text}",
                )
                continue
            if len(value.interpolations) != 1:
                continue
            _, _, expression = value.interpolations[0]
            variable = variables.get(expression)
            if variable is None or variable.env_default or not isinstance(variable.default, Template):
                continue
            if variable.default.text or not variable.default.is_literal:
                continue
            if not default_is_sent(export, call, variable.name):
                continue
            seen.add((value.file.relpath, value.start))
            yield ctx.finding(
                "A003",
                value.span(),
                f"header '{name.strip()}' of '{call.name}' is filled from variable '{variable.name}', whose default "
                "is '' and which no page or action passes: the request goes out without a credential",
                severity="info",
                hint=where_in_flutterflow(call, "Variables") + "; or bind the variable where the call is used",
                key=f"{call.name}:{name}:{variable.name}",
            )


# -- A004 ----------------------------------------------------------------------------------------------------------


def basic_problem(token: str) -> str | None:
    """Why a Basic credential cannot be decoded to ``user:password``, or None."""
    if ":" in token:
        return "is 'user:password' in plain text; Basic expects it base64-encoded"
    try:
        decoded = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        return "is not valid base64 (wrong characters or padding)"
    try:
        text = decoded.decode("utf-8")
    except UnicodeDecodeError:
        return "decodes to bytes that are not text"
    if ":" not in text:
        return "decodes to text without the ':' between user and password"
    return None


@check("A004")
def check_basic_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    seen: set[tuple[str, int]] = set()
    for call in export.calls:
        for found in _credentials(export, call):
            if found.header.name_text is None or found.header.name_text.strip().lower() != "authorization":
                continue
            if found.scheme is None or found.scheme.lower() != "basic" or not surely_sent(export, call, found):
                continue
            token = found.token
            problem = basic_problem(token) if token and " " not in token else None
            span = _token_span(found)
            if problem is None or (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield ctx.finding(
                "A004",
                span,
                f"the Basic credential of '{call.name}' ({_redacted(token)}){found.describe()} {problem}: the server "
                "cannot read the user and password and answers 401",
                hint=header_hint(call, found.header),
                key=_secret(token).fingerprint,
                secret=_secret(token),
            )


# -- A005, A006: JWTs ----------------------------------------------------------------------------------------------


def _date(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _jwt_credentials(export: Export) -> Iterator[tuple[ApiCall, Credential, str]]:
    """(call, credential, token) for each JWT-shaped credential surely sent, once per place it is written."""
    seen: set[tuple[str, int]] = set()
    for call in export.calls:
        for found in _credentials(export, call):
            token = found.token
            if not _JWT_SHAPE.fullmatch(token) or not surely_sent(export, call, found):
                continue
            span = _token_span(found)
            if (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield call, found, token


def _role(info) -> str:
    return f"role '{info.role}'" if info.role else "no role claim"


@check("A005")
def check_jwt_expired(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    from linter.secrets import decode_jwt

    for call, found, token in _jwt_credentials(export):
        info = decode_jwt(token)
        if info.problem is not None:
            continue
        where = f"the JWT ({_role(info)}) in header '{found.header.name_text}' of '{call.name}'{found.describe()}"
        if info.exp is not None and info.exp <= ctx.now:
            message = f"{where} expired on {_date(info.exp)}: the server rejects it with 401"
        elif info.nbf is not None and info.nbf > ctx.now:
            message = f"{where} is not valid before {_date(info.nbf)}: the server rejects it until then"
        else:
            continue
        yield ctx.finding(
            "A005",
            _token_span(found),
            message + "; get a fresh token at run time instead of pasting one",
            hint=header_hint(call, found.header),
            key=_secret(token).fingerprint,
            secret=_secret(token),
        )


@check("A006")
def check_jwt_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    from linter.secrets import decode_jwt

    for call, found, token in _jwt_credentials(export):
        info = decode_jwt(token)
        if info.problem is None or info.problem == "not-a-jwt":
            continue
        fix = None
        if token.startswith("yJ"):
            detail = "has lost its first character (it starts 'yJ…' where every JWT starts 'eyJ…')"
            located = found.token_range()
            if located is not None:
                start, _ = found.origin.source_range(located[0], located[0])
                fix = Fix("put back the lost 'e'", (Edit.at(found.origin.file, start, start, "e"),))
        elif token.count(".") < 2:
            detail = f"has {token.count('.') + 1} of its 3 segments (cut off when copying)"
        elif info.problem == "truncated":
            detail = "has an empty signature segment (cut off when copying)"
        else:
            detail = "has a segment that does not decode (characters lost or added when copying)"
        yield ctx.finding(
            "A006",
            _token_span(found),
            f"the JWT in header '{found.header.name_text}' of '{call.name}'{found.describe()} {detail}: the server "
            "cannot verify it and answers 401",
            fix=fix,
            hint=header_hint(call, found.header),
            key=_secret(token).fingerprint,
            secret=_secret(token),
        )


# -- A007-A010: provider-aware -------------------------------------------------------------------------------------


def _query_names(export: Export, call: ApiCall) -> set[str]:
    from linter.checks.urls import call_url, split_url

    names = {param.key.text.lower() for param in call.params if isinstance(param.key, Template)}
    filled = call_url(export, call)
    parts = split_url(filled.text.strip()) if filled is not None else None
    if filled is not None and parts is not None and parts.query_start is not None:
        query = filled.text.strip()[parts.query_start : parts.query_end]
        names.update(pair.partition("=")[0].lower() for pair in query.split("&"))
    return names


def _kind(provider, found: Credential) -> str | None:
    from linter.secrets import decode_jwt

    token = found.token
    role = decode_jwt(token).role if _is_jwt(token) else None
    key = provider.key_kind(token, role)
    return key.kind if key is not None else None


def _written_scheme(header: Header, found: Credential | None) -> str | None:
    """The scheme the header sends: "" for a known bare value, None when it is filled at run time."""
    value = header.value
    if isinstance(value, Template):
        written = _SCHEME_PREFIX.match(value.text.lstrip())
        lead = len(value.text) - len(value.text.lstrip())
        if written is not None and not value.is_interpolated_at(lead):
            return written.group(1)
    if found is None or (found.source != "literal" and not found.text.strip()):
        return None
    return found.scheme or ""


def _form_present(provider, form, headers: dict[str, Header], by_name: dict[str, Credential | None], queries) -> bool:
    if form.query:
        return form.query.lower() in queries
    if form.header not in headers:
        return False
    found = by_name[form.header]
    scheme = _written_scheme(headers[form.header], found)
    if scheme is not None and scheme.lower() != (form.scheme or "").lower():
        return False
    if form.kinds and found is not None:
        kind = _kind(provider, found)
        return kind is None or kind in form.kinds
    return True


def _provider_calls(export: Export) -> Iterator[tuple[ApiCall, object, str | None, dict[str, Header]]]:
    """Calls whose host is in the auth catalog, with their resolved headers by lowercase name."""
    for call in export.calls:
        if any(item == "headers" or item.startswith("header entry") for item in call.unresolved):
            continue
        provider, path = _provider(export, call)
        if provider is None:
            continue
        headers = {
            header.name_text.strip().lower(): header
            for header in export.resolved_headers(call)
            if header.name_text is not None
        }
        yield call, provider, path, headers


def _by_name(export: Export, call: ApiCall, headers: dict[str, Header]) -> dict[str, Credential | None]:
    return {name: credential(export, call, header) for name, header in headers.items()}


@check("A007")
def check_wrong_header_for_provider(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    auth_names = _auth_header_names()
    for call, provider, _, headers in _provider_calls(export):
        by_name = _by_name(export, call, headers)
        queries = _query_names(export, call)
        if any(_form_present(provider, form, headers, by_name, queries) for form in provider.auth):
            continue
        used = [name for name in headers if name in auth_names]
        if not used:
            continue
        header = headers[used[0]]
        found = by_name[used[0]]
        scheme = _written_scheme(header, found)
        if used[0] in provider.auth_headers and (scheme == "" or (scheme or "").lower() in ("token", "jwt")):
            continue  # the right header with a missing or near-miss scheme: A001 and A002 say it precisely
        expected = " or ".join(form.describe() for form in provider.auth)
        sent = f"'{header.name_text.strip()}: {scheme} …'" if scheme else f"'{header.name_text.strip()}'"
        if found is not None and provider.id == "google-apis" and found.token.startswith("AIza"):
            sent += " with an API key, which is not an OAuth token"
        yield ctx.finding(
            "A007",
            header.name.span() if isinstance(header.name, Template) else call.span,
            f"'{call.name}' calls {provider.name}, which expects the credential as {expected}; it sends {sent}, "
            "so the API sees no valid credential and answers 401",
            hint=header_hint(call, header),
            key=f"{call.name}:{provider.id}:{used[0]}",
        )


@check("A008")
def check_companion_header_missing(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call, provider, _, headers in _provider_calls(export):
        if not provider.companions:
            continue
        by_name = _by_name(export, call, headers)
        queries = _query_names(export, call)
        present = [form for form in provider.auth if _form_present(provider, form, headers, by_name, queries)]
        if not present:
            continue  # no credential for this provider: a public endpoint, or A007's
        anchor = next((headers[form.header] for form in present if form.header in headers), None)
        for companion in provider.companions:
            if companion.header.lower() in headers:
                continue
            if companion.also_query and companion.also_query.lower() in queries:
                continue
            span = anchor.name.span() if anchor is not None and isinstance(anchor.name, Template) else call.span
            yield ctx.finding(
                "A008",
                span,
                f"'{call.name}' calls {provider.name} without the '{companion.header}' header: {companion.reason}",
                hint=header_hint(call, anchor) if anchor is not None else where_in_flutterflow(call, "Headers"),
                key=f"{call.name}:{provider.id}:{companion.header.lower()}",
            )


_KIND_NAMES = {
    "anon": "the anon (public) key",
    "publishable": "a publishable key",
    "user": "a signed-in user's token",
    "service_role": "the service_role key",
    "secret": "a secret key",
    "admin": "an admin key",
    "api-key": "an API key",
    "oauth": "an OAuth token",
}


@check("A009")
def check_key_kind_wrong(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    from linter.auth_catalog import PUBLIC_KINDS

    for call, provider, path, headers in _provider_calls(export):
        by_name = _by_name(export, call, headers)
        kinds = {name: _kind(provider, found) for name, found in by_name.items() if found is not None}
        problems: list[tuple[str, str]] = []
        for name, allowed in provider.header_kinds.items():
            if kinds.get(name) is not None and kinds[name] not in allowed:
                problems.append((name, f"'{headers[name].name_text}' must hold a project API key"))
        auth_kind_header = next(
            (name for name in ("authorization", *sorted(provider.auth_headers)) if kinds.get(name)), None
        )
        if auth_kind_header is not None:
            kind = kinds[auth_kind_header]
            if provider.is_admin_path(path) and kind not in provider.admin_kinds:
                problems.append((auth_kind_header, f"{path} is an admin endpoint that needs a server-side key"))
            elif (
                provider.needs
                and kind not in provider.needs
                and not (kind in PUBLIC_KINDS and provider.is_public_path(path))
            ):
                problems.append((auth_kind_header, f"{provider.name} needs a secret key for {path or 'this call'}"))
        for name, reason in problems:
            found = by_name[name]
            assert found is not None
            kind = kinds[name] or ""
            yield ctx.finding(
                "A009",
                headers[name].name.span() if isinstance(headers[name].name, Template) else call.span,
                f"'{call.name}' sends {_KIND_NAMES.get(kind, kind)}{found.describe()} in '{headers[name].name_text}' "
                f"to {provider.name}, but {reason}: the API answers 401 or 403",
                hint=header_hint(call, headers[name]),
                key=f"{call.name}:{provider.id}:{name}:{kind}",
            )


def _format_problem(key, token: str) -> str:
    odd = next((char for char in token if not (char.isascii() and (char.isalnum() or char in "_-."))), None)
    if odd is not None:
        return f"contains {describe_char(odd)}, which {key.prefix}… keys never do"
    expected = key.describe_length()
    if expected and key.length and not key.length[0] <= len(token) <= key.length[1]:
        return f"is {len(token)} characters long where {key.prefix}… keys have {expected}"
    return f"does not have the format of {key.prefix}… keys"


@check("A010")
def check_key_format_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    from linter.auth_catalog import provider_of_key

    seen: set[tuple[str, int]] = set()
    for call in export.calls:
        host_provider, _ = _provider(export, call)
        for found in _credentials(export, call):
            token = found.token.strip()
            if not token:
                continue
            provider = host_provider
            key = host_provider.key_kind(token, None) if host_provider is not None else None
            if key is None or key.pattern is None:
                keyed = provider_of_key(token)
                provider, key = keyed if keyed is not None else (None, None)
            if provider is None or key is None or key.pattern is None or key.pattern.fullmatch(token):
                continue
            if not surely_sent(export, call, found):
                continue
            span = _token_span(found)
            if (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield ctx.finding(
                "A010",
                span,
                f"the {provider.name} key in header '{found.header.name_text}' of '{call.name}' "
                f"({_redacted(token)}){found.describe()} {_format_problem(key, token)}: characters were lost or "
                "added when copying it, and the API answers 401",
                hint=header_hint(call, found.header),
                key=_secret(token).fingerprint,
                secret=_secret(token),
            )

"""A family, the Authorization header's scheme and credential: missing scheme (A001), malformed scheme (A002), empty
credential (A003), Basic credential that is not base64 of user:password (A004)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.auth_catalog import provider_of_key
from linter.check_context import CheckContext, secret_info
from linter.checks.common import env_value_hint, header_hint, where_in_flutterflow
from linter.checks.registry import check
from linter.findings import Edit, Finding, Fix
from linter.model import Export, Template
from linter.resolve import Credential, Request, auth_header_names, is_jwt, literal_header, resolve
from linter.secrets import fingerprint, redact
from linter.vocabulary import AUTH_SCHEMES, SCHEME_PREFIX, is_pre_auth_call

_BARE_TOKEN = re.compile(r"[A-Za-z0-9._~+/=:-]{8,}")


@dataclass
class SchemeProblem:
    message: str
    begin: int  # rendered offsets in the header value
    end: int
    fix: Fix | None = None
    severity: str | None = None


def _replace(value: Template, begin: int, end: int, replacement: str, description: str, kind: str | None) -> Fix:
    start, stop = value.source_range(begin, end)
    return Fix(description, (Edit.at(value.file, start, stop, replacement),), kind)


def scheme_problem(value: Template) -> SchemeProblem | None:
    """The first problem with how ``value`` writes its auth scheme, if any."""
    text = value.text
    lead = len(text) - len(text.lstrip())
    if value.is_interpolated_at(lead):
        return None
    scheme = next((s for s in AUTH_SCHEMES if text[lead:].lower().startswith(s.lower())), None)
    if scheme is None:
        return None
    after = lead + len(scheme)
    written, rest = text[lead:after], text[after:]
    if rest and value.is_interpolated_at(after):
        return SchemeProblem(
            f"'{written}' is glued to the credential (no space): the server cannot find the scheme and answers 401",
            lead,
            after,
            _replace(value, after, after, " ", "insert a space after the scheme", None),
        )
    if rest.startswith(":"):
        return SchemeProblem(
            f"'{written}:' has a colon after the scheme; the header must read '{scheme} <credential>'",
            after,
            after + 1,
            _replace(value, after, after + 1, " ", "replace the colon with a space", None),
        )
    spaces = re.match(r"[ \t\u00a0]+", rest)
    if spaces is None:
        if rest and scheme == "Bearer" and rest.startswith("eyJ"):
            return SchemeProblem(
                f"'{written}' is glued to the token (no space): the server cannot find the scheme and answers 401",
                lead,
                after,
                _replace(value, after, after, " ", "insert a space after the scheme", None),
            )
        return None
    gap = spaces.group()
    end = after + len(gap)
    if gap != " ":
        return SchemeProblem(
            f"'{written}' is followed by {len(gap)} whitespace characters instead of one space; servers split on "
            "one space and then see a credential that starts with whitespace",
            after,
            end,
            _replace(value, after, end, " ", "use exactly one space", "whitespace"),
        )
    credential = rest[1:]
    doubled = re.match(rf"(?i){scheme}[ \t]+", credential)
    if doubled:
        return SchemeProblem(
            f"the scheme is written twice ('{written} {credential[: len(scheme)]}'): the server reads the second "
            "word as the credential and answers 401",
            end,
            end + doubled.end(),
            _replace(value, end, end + doubled.end(), "", "remove the repeated scheme", None),
        )
    if re.fullmatch(r"""(["']).+\1""", credential):
        return SchemeProblem("the credential is wrapped in quotes, which are sent as part of the token", end, len(text))
    if written != scheme and scheme == "Bearer":
        return SchemeProblem(
            f"'{written}' is not written 'Bearer'; the scheme is case-insensitive by the standard, but some "
            "servers and gateways compare it exactly",
            lead,
            after,
            _replace(value, lead, after, scheme, "write the scheme as 'Bearer'", "case"),
            "info",
        )
    return None


def _scheme_for_host(request: Request, value: Template) -> SchemeProblem | None:
    """'Token x' or 'JWT x' sent to a host whose provider accepts only 'Bearer'."""
    found = re.match(r"\s*(Token|JWT)[ \t]+", value.text, re.IGNORECASE)
    provider = request.provider
    if found is None or value.is_interpolated_at(found.start(1)) or provider is None:
        return None
    schemes = {form.scheme.lower() for form in provider.auth if form.header == "authorization" and form.scheme}
    if schemes != {"bearer"}:
        return None
    return SchemeProblem(
        f"{provider.name} accepts only 'Bearer <key>', not '{found.group(1)} <key>'; the API answers 401",
        found.start(1),
        found.end(1),
        _replace(value, found.start(1), found.end(1), "Bearer", "write the scheme as 'Bearer'", None),
    )


def _supplied_scheme_problem(request: Request, found: Credential) -> SchemeProblem | None:
    """A scheme problem inside the value an environment value (or an always-sent default) fills in: the header is
    just ``${x}`` and x writes the scheme badly, or the header writes 'Bearer ${x}' and x starts with 'Bearer ' too."""
    if found.source == "literal" or not request.surely_sent(found):
        return None
    supplied, before = found.origin, found.value.text[: -found.offset]
    if not before.strip():
        return scheme_problem(supplied)
    written = SCHEME_PREFIX.fullmatch(before.strip() + " ")
    lead = len(supplied.text) - len(supplied.text.lstrip())
    again = SCHEME_PREFIX.match(supplied.text, lead)
    if written is None or again is None or not supplied.text[again.end(1) : again.end(1) + 1].isspace():
        return None
    return SchemeProblem(
        f"the header already writes '{written.group(1)} ' and the value starts with '{again.group(1)}' as well, so "
        f"the request sends '{written.group(1)} {again.group(1)} …': the server reads the second word as the "
        "credential and answers 401",
        lead,
        again.end(),
    )


@check("A002")
def check_auth_scheme_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A002 auth-scheme-malformed: `Bearer${x}`, `Bearer:x`, two spaces, the scheme twice, quotes, lowercase."""
    reported_values: set[tuple[str, int]] = set()  # a shared environment value is reported once, at the value
    for request in resolve(export).requests:
        call = request.call
        for header in request.effective_headers:
            value = literal_header(header, "authorization")
            if value is None:
                continue
            problem = scheme_problem(value) or _scheme_for_host(request, value)
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
            found = request.credential(header)
            supplied = _supplied_scheme_problem(request, found) if found is not None else None
            if found is None or supplied is None:
                continue
            place = (found.origin.file.relpath, found.origin.start)
            if place in reported_values:
                continue
            reported_values.add(place)
            hint = (
                env_value_hint(found.name or "")
                if found.source == "env"
                else where_in_flutterflow(call, f"Variables → {found.name} (default value)")
            )
            yield ctx.finding(
                "A002",
                found.origin.span(supplied.begin, supplied.end),
                f"Authorization header of '{call.name}'{found.describe()}: {supplied.message}",
                severity=supplied.severity,
                fix=supplied.fix,
                hint=hint,
                key=f"{found.source}:{found.name}:{found.origin.text}",
            )


# -- A001 ----------------------------------------------------------------------------------------------------------


def _expected_scheme(request: Request, token: str) -> tuple[str, str] | None:
    """(scheme, why) when the host or the token's type expects one in Authorization."""
    provider = request.provider
    if provider is not None:
        forms = [form for form in provider.auth if form.header == "authorization"]
        if not forms or any(form.scheme is None for form in forms):
            return None
        return forms[0].scheme or "Bearer", f"{provider.name} expects '{forms[0].scheme} <key>'"
    if is_jwt(token):
        return "Bearer", "a JWT is a bearer token and servers expect 'Bearer <token>'"
    keyed = provider_of_key(token)
    if keyed is not None:
        forms = [form for form in keyed[0].auth if form.header == "authorization" and form.scheme]
        if forms:
            return forms[0].scheme or "Bearer", f"{keyed[0].name} keys are sent as '{forms[0].scheme} <key>'"
    return None


@check("A001")
def check_auth_scheme_missing(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A001 auth-scheme-missing: a bare JWT, provider key or token in Authorization with no scheme."""
    for request in resolve(export).requests:
        call = request.call
        for found in request.credentials:
            if found.header.name_text is None or found.header.name_text.strip().lower() != "authorization":
                continue
            text = found.text.strip()
            if found.scheme is not None or not _BARE_TOKEN.fullmatch(text):
                continue
            expected = _expected_scheme(request, text)
            if expected is None:
                continue
            scheme, why = expected
            value = found.value
            lead = len(value.text) - len(value.text.lstrip())
            start, _ = value.source_range(lead, lead)
            fix = Fix(f"insert '{scheme} ' before the credential", (Edit.at(value.file, start, start, f"{scheme} "),))
            kind = "a JWT" if is_jwt(text) else "a token"
            yield ctx.finding(
                "A001",
                value.span(),
                f"Authorization header of '{call.name}' sends {kind} {redact(text)}{found.describe()} with no "
                f"scheme: {why}, so the request is answered 401",
                fix=fix,
                hint=header_hint(call, found.header),
                key=f"{call.name}:{found.source}:{found.name or ''}",
            )


# -- A003 ----------------------------------------------------------------------------------------------------------


def _before_sign_in(request: Request) -> bool:
    """A call of the sign-in flow (login, sign-up, OTP, password recovery, token refresh): it is sent before the user
    has a token, so an empty Authorization it shares with its group's other calls is expected. An API key header
    (apikey, x-api-key) is still needed there."""
    call = request.call
    url = call.url.text if isinstance(call.url, Template) else ""
    return is_pre_auth_call(call.name, call.class_name, request.path or url)


def _credential_elsewhere(request: Request) -> str | None:
    """The first query parameter or params entry named as a credential (Gemini's ``?key=``) that the request fills:
    an empty Authorization beside it does not leave the request without a credential."""
    for place in request.credential_places:
        if place.where.startswith(("query parameter", "parameter")) and (place.text is None or place.text.strip()):
            return place.where
    return None


@check("A003")
def check_auth_credential_empty(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A003 auth-credential-empty: an auth header that sends only a scheme or nothing (not on a sign-in call)."""
    names = auth_header_names()
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        call = request.call
        if request.interceptors is not None:
            continue  # its interceptors may set the credential (an Authorization from app state): unknown here
        signing_in = _before_sign_in(request)
        elsewhere = _credential_elsewhere(request)
        for header in request.headers:
            name = header.name_text
            value = header.value
            if name is None or name.strip().lower() not in names or not isinstance(value, Template):
                continue
            if signing_in and name.strip().lower() == "authorization":
                continue
            text = value.text
            if (value.file.relpath, value.start) in seen:
                continue
            if value.is_literal:
                scheme = SCHEME_PREFIX.fullmatch(text.strip())
                if text.strip() and scheme is None:
                    continue
                seen.add((value.file.relpath, value.start))
                what = f"only the scheme '{scheme.group(1)}'" if scheme else "an empty value"
                if elsewhere is not None:
                    yield ctx.finding(
                        "A003",
                        value.span(),
                        f"header '{name.strip()}' of '{call.name}' sends {what} while {elsewhere} carries the "
                        "credential: delete the empty header (a server may refuse a malformed one)",
                        severity="info",
                        hint=header_hint(call, header),
                        key=f"{call.name}:{name}:{text}",
                    )
                    continue
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
            variable = request.variables.get(expression)
            if variable is None or variable.env_default or not isinstance(variable.default, Template):
                continue
            if variable.default.text or not variable.default.is_literal:
                continue
            if not request.default_is_sent(variable.name) or elsewhere is not None:
                continue  # passed by the app, or the credential goes elsewhere (a key in the URL's query)
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
def check_basic_credential_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A004 basic-credential-malformed: `Basic` followed by something that is not base64 of user:password."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        for found in request.credentials:
            if found.header.name_text is None or found.header.name_text.strip().lower() != "authorization":
                continue
            if found.scheme is None or found.scheme.lower() != "basic" or not request.surely_sent(found):
                continue
            token = found.token
            problem = basic_problem(token) if token and " " not in token else None
            span = found.token_span()
            if problem is None or (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield ctx.finding(
                "A004",
                span,
                f"the Basic credential of '{request.call.name}' ({redact(token)}){found.describe()} {problem}: the "
                "server cannot read the user and password and answers 401",
                hint=header_hint(request.call, found.header),
                key=fingerprint(token),
                secret=secret_info(token),
            )

"""A family, what known APIs expect (rules/hosts/auth-providers.yaml): the wrong header or scheme for the provider
(A007), a required companion header missing (A008), the wrong kind of key (A009), a key of the wrong format (A010)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.auth_catalog import PUBLIC_KINDS, AuthForm, AuthProvider, provider_of_key
from linter.check_context import CheckContext, secret_info
from linter.checks.common import describe_char, header_hint, where_in_flutterflow
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import Export, Header, Template
from linter.resolve import Credential, Request, auth_header_names, is_auth_header, is_jwt, resolve
from linter.secrets import decode_jwt, fingerprint, redact
from linter.vocabulary import GOOGLE_OAUTH_CLIENT_ID, SCHEME_PREFIX

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


def _kind(provider: AuthProvider, found: Credential) -> str | None:
    token = found.token
    role = decode_jwt(token).role if is_jwt(token) else None
    key = provider.key_kind(token, role)
    return key.kind if key is not None else None


def _written_scheme(header: Header, found: Credential | None) -> str | None:
    """The scheme the header sends: "" for a known bare value, None when it is filled at run time."""
    value = header.value
    if isinstance(value, Template):
        written = SCHEME_PREFIX.match(value.text.lstrip())
        lead = len(value.text) - len(value.text.lstrip())
        if written is not None and not value.is_interpolated_at(lead):
            return written.group(1)
    if found is None or (found.source != "literal" and not found.text.strip()):
        return None
    return found.scheme or ""


def _form_present(request: Request, form: AuthForm) -> bool:
    """True when the call sends its credential the way ``form`` describes."""
    if form.query:
        return form.query.lower() in request.query_names
    header = request.headers_by_name.get(form.header or "")
    if header is None:
        return False
    found = request.credential(header)
    scheme = _written_scheme(header, found)
    if scheme is not None and scheme.lower() != (form.scheme or "").lower():
        return False
    if form.kinds and found is not None:
        kind = _kind(request.provider, found)  # type: ignore[arg-type]
        return kind is None or kind in form.kinds
    return True


def _provider_requests(export: Export) -> Iterator[tuple[Request, AuthProvider]]:
    """Requests to a host in the auth catalog whose headers fflint could read."""
    for request in resolve(export).requests:
        unresolved = request.call.unresolved
        if any(item == "headers" or item.startswith("header entry") for item in unresolved):
            continue
        if request.provider is not None:
            yield request, request.provider


def _name_span(request: Request, header: Header):
    return header.name.span() if isinstance(header.name, Template) else request.call.span


@check("A007")
def check_auth_header_wrong_for_provider(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A007 auth-header-wrong-for-provider: the credential goes in a header or scheme the provider does not read."""
    auth_names = auth_header_names()
    for request, provider in _provider_requests(export):
        if any(_form_present(request, form) for form in provider.auth):
            continue
        used = [name for name in request.headers_by_name if name in auth_names]
        if not used:
            continue
        header = request.headers_by_name[used[0]]
        found = request.credential(header)
        scheme = _written_scheme(header, found)
        if used[0] in provider.auth_headers and (scheme == "" or (scheme or "").lower() in ("token", "jwt")):
            continue  # the right header with a missing or near-miss scheme: A001 and A002 say it precisely
        expected = " or ".join(form.describe() for form in provider.auth)
        name = (header.name_text or "").strip()
        sent = f"'{name}: {scheme} …'" if scheme else f"'{name}'"
        if found is not None and provider.id == "google-apis" and found.token.startswith("AIza"):
            sent += " with an API key, which is not an OAuth token"
        yield ctx.finding(
            "A007",
            _name_span(request, header),
            f"'{request.call.name}' calls {provider.name}, which expects the credential as {expected}; it sends "
            f"{sent}, so the API sees no valid credential and answers 401",
            hint=header_hint(request.call, header),
            key=f"{request.call.name}:{provider.id}:{used[0]}",
        )


@check("A008")
def check_auth_companion_header_missing(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A008 auth-companion-header-missing: a header the provider requires next to the credential is not sent."""
    for request, provider in _provider_requests(export):
        if not provider.companions:
            continue
        present = [form for form in provider.auth if _form_present(request, form)]
        if not present:
            continue  # no credential for this provider: a public endpoint, or A007's
        headers = request.headers_by_name
        anchor = next((headers[form.header] for form in present if form.header in headers), None)
        for companion in provider.companions:
            if companion.header.lower() in headers:
                continue
            if companion.also_query and companion.also_query.lower() in request.query_names:
                continue
            call = request.call
            yield ctx.finding(
                "A008",
                _name_span(request, anchor) if anchor is not None else call.span,
                f"'{call.name}' calls {provider.name} without the '{companion.header}' header: {companion.reason}",
                hint=header_hint(call, anchor) if anchor is not None else where_in_flutterflow(call, "Headers"),
                key=f"{call.name}:{provider.id}:{companion.header.lower()}",
            )


@check("A009")
def check_key_kind_wrong(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A009 key-kind-wrong: a publishable or anon key where a secret one is needed, or the reverse; an OAuth client
    id sent as a token."""
    for request, provider in _provider_requests(export):
        headers = request.headers_by_name
        by_name = {name: request.credential(header) for name, header in headers.items()}
        kinds = {name: _kind(provider, found) for name, found in by_name.items() if found is not None}
        path = request.path
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
                _name_span(request, headers[name]),
                f"'{request.call.name}' sends {_KIND_NAMES.get(kind, kind)}{found.describe()} in "
                f"'{headers[name].name_text}' to {provider.name}, but {reason}: the API answers 401 or 403",
                hint=header_hint(request.call, headers[name]),
                key=f"{request.call.name}:{provider.id}:{name}:{kind}",
            )
    for request in resolve(export).requests:
        for found in request.credentials:
            header = found.header
            credential = is_auth_header(header.name_text or "")
            if credential and GOOGLE_OAUTH_CLIENT_ID.fullmatch(found.token.strip()) and request.surely_sent(found):
                yield ctx.finding(
                    "A009",
                    _name_span(request, header),
                    f"'{request.call.name}' sends a Google OAuth client id{found.describe()} in "
                    f"'{header.name_text}': a client id names the app to Google's sign-in, it is not a token any API "
                    "accepts; send the access token the sign-in returns (the API answers 401)",
                    hint=header_hint(request.call, header),
                    key=f"{request.call.name}:google-oauth-client-id:{(header.name_text or '').lower()}",
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
    """A010 key-format-invalid: a provider key of the wrong length or alphabet (characters lost or added)."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        host_provider = request.provider
        for found in request.credentials:
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
            if not request.surely_sent(found):
                continue
            span = found.token_span()
            if (span.path, span.start) in seen:
                continue
            seen.add((span.path, span.start))
            yield ctx.finding(
                "A010",
                span,
                f"the {provider.name} key in header '{found.header.name_text}' of '{request.call.name}' "
                f"({redact(token)}){found.describe()} {_format_problem(key, token)}: characters were lost or "
                "added when copying it, and the API answers 401",
                hint=header_hint(request.call, found.header),
                key=fingerprint(token),
                secret=secret_info(token),
            )

"""U family: request URLs as the runtime builds them (group base URL, environment values, literal parts)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linter.api_hosts import path_problem, typo_of
from linter.auth_catalog import provider_for
from linter.check_context import CheckContext, secret_info
from linter.checks.common import env_value_hint, ui_group_name, where_in_flutterflow, where_in_group
from linter.checks.registry import check
from linter.findings import Edit, Finding, Fix, SecretInfo
from linter.model import ApiCall, Environment, EnvValue, Export
from linter.resolve import FilledUrl, Request, formula_values, resolve, split_url
from linter.secrets import fingerprint, redact
from linter.vocabulary import (
    SIGNED_LINK,
    is_card_name,
    is_credential_name,
    is_password_name,
    local_host_reason,
    tunnel_suffix,
)

_DEV_ENVIRONMENT = re.compile(r"(?i)(?<![a-z])(dev|develop|development|local|debug|test|testing|staging|qa)(?![a-z])")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?")
_QUOTES = "'\"`"


def _environment_of(export: Export, value: EnvValue) -> Environment | None:
    return next((environment for environment in export.environments if value in environment.values), None)


def is_dev_environment(export: Export, value: EnvValue) -> bool:
    """True when the value comes from an environment that is clearly not production."""
    environment = _environment_of(export, value)
    names = [environment.name if environment else ""]
    if environment is not None and environment.key:
        names.append(environment.key)
    if environment is not None and environment.source == "env-json" and export.env_definition is not None:
        names.append(export.env_definition.current_environment or "")
    return any(_DEV_ENVIRONMENT.search(name) for name in names if name)


# -- reporting -------------------------------------------------------------------------------------------------------


@dataclass
class _Problem:
    code: str
    start: int
    end: int
    message: str
    severity: str | None = None
    fix: Fix | None = None
    secret: SecretInfo | None = None
    key: str = ""


def _hint(call: ApiCall, filled: FilledUrl, start: int, end: int) -> str:
    values = filled.env_values(start, end)
    if values:
        return env_value_hint(values[0].key)
    if call.group and filled.from_group(start, end):
        return where_in_group(ui_group_name(call.group), "Base URL")
    return where_in_flutterflow(call, "API URL")


def _source_note(filled: FilledUrl, start: int, end: int) -> str:
    values = filled.env_values(start, end)
    return f" (from environment value '{values[0].key}')" if values else ""


def _delete_fix(filled: FilledUrl, ranges: list[tuple[int, int]], description: str, kind: str | None) -> Fix | None:
    edits = []
    for start, end in ranges:
        found = filled.literal(start, end)
        if found is None:
            return None
        template, begin, finish = found
        source_start, source_end = template.source_range(begin, finish)
        edits.append(Edit.at(template.file, source_start, source_end, ""))
    return Fix(description, tuple(edits), kind) if edits else None


def _replace_fix(filled: FilledUrl, start: int, end: int, replacement: str, description: str) -> Fix | None:
    """An unsafe fix writing ``replacement`` over [start, end) of the URL, when that lies in one literal piece."""
    found = filled.literal(start, end)
    if found is None:
        return None
    template, begin, finish = found
    source_start, source_end = template.source_range(begin, finish)
    return Fix(description, (Edit.at(template.file, source_start, source_end, replacement),))


def _whitespace_problems(filled: FilledUrl, text: str) -> Iterator[_Problem]:
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    if not lead and not trail:
        return
    ranges = [(0, lead)] if lead else []
    if trail and len(text) - trail >= lead:
        ranges.append((len(text) - trail, len(text)))
    fix = _delete_fix(filled, ranges, "remove the whitespace around the URL", "whitespace")
    if fix is None:
        return  # whitespace from an environment value is E005's
    where = "starts" if lead and not trail else "ends" if trail and not lead else "starts and ends"
    start, end = ranges[0][0], ranges[-1][1]
    yield _Problem(
        "U004",
        ranges[0][0],
        ranges[0][1],
        f"{where} with whitespace{_source_note(filled, start, end)}: Uri.parse rejects a leading space and "
        "a trailing one is sent as %20, so the request fails or hits the wrong path",
        fix=fix,
        key="whitespace",
    )


def _quoted_query_values(text: str) -> list[tuple[int, int]]:
    """Ranges of query values whose quotes pair up: a formula or a quoted search term (Airtable's
    ``filterByFormula={Name}='x'``, read to the next '&' outside its quotes), sent percent-encoded as the API
    expects."""
    parts = split_url(text)
    if parts is None:
        return []
    paired = [
        (start, start + len(value))
        for _, value, start in parts.query_pairs(text)
        if all(value.count(quote) % 2 == 0 for quote in _QUOTES)
    ]
    return paired + [(value.start, value.end) for value in formula_values(text)]


def _quote_problems(filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    """One problem per run of adjacent stray quotes. Deleting one changes what is sent, so the fix (offered at
    either end of the URL) is unsafe."""
    paired = _quoted_query_values(text)
    index = 0
    while index < len(text):
        if (
            text[index] not in _QUOTES
            or filled.unresolved(offset + index, offset + index + 1)
            or any(start <= index < end for start, end in paired)
        ):
            index += 1
            continue
        stop = index + 1
        while stop < len(text) and text[stop] in _QUOTES and not filled.unresolved(offset + stop, offset + stop + 1):
            stop += 1
        start, end = offset + index, offset + stop
        quotes = text[index:stop]
        kinds = "".join(dict.fromkeys(quotes))
        what = f"a stray quote {quotes}" if len(quotes) == 1 else f"{len(quotes)} stray quotes in a row ({kinds})"
        encoded = "".join(f"%{ord(char):02X}" for char in kinds)
        edge = index == 0 or stop == len(text)
        yield _Problem(
            "U004",
            start,
            end,
            f"has {what}{_source_note(filled, start, end)}: it is sent as {encoded} and the server answers 404 or 400",
            fix=_delete_fix(filled, [(start, end)], "remove the stray quote", None) if edge else None,
            key=f"quote:{quotes[0]}:{index}",
        )
        index = stop


# Dart code typed into a FlutterFlow field (`${FFAppState().apiBaseUrl}`): the generator escapes its `$`, so the
# app sends the characters themselves.
_TYPED_CODE = re.compile(r"\$\{([^{}]*)\}")


def _why_malformed(authority: str) -> str:
    typed = [found.group(1) for found in _TYPED_CODE.finditer(authority)]
    if not typed:
        return "the request fails before it reaches a server"
    names = [re.findall(r"\w+", expression)[-1] for expression in typed if re.search(r"\w", expression)]
    variables = " and ".join(f"[{name}]" for name in dict.fromkeys(names)) or "a variable"
    return (
        "it is Dart code typed into the API URL, which FlutterFlow writes as text (its '$' escaped), so the app "
        "sends these characters instead of their value and the request fails before it reaches a server; use "
        f"variables of the call in the URL ({variables}) and pass the values where the call is made"
    )


def _host_problems(export: Export, filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    parts = split_url(text)
    if parts is None:
        if filled.unresolved(offset, offset + 1):
            return  # the URL starts with an unresolved value: it may carry the scheme
        shown = text[:40]
        if re.match(r"(?i)h?t+p+s?(:/?(?!/)|//|:{2,})", text):
            reason = f"is '{shown}', whose scheme is malformed: it must start with 'https://'"
        elif re.match(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+([:/?]|$)", text):
            reason = f"is '{shown}', with no scheme: the runtime finds no host and throws 'No host specified in URI'"
        else:
            reason = f"is '{shown}', not an absolute URL (no 'https://' and host): the request cannot be sent"
        yield _Problem("U004", offset, offset + len(text), reason + _source_note(filled, offset, len(text)), key=shown)
        return
    host_start, host_end = offset + parts.host_start, offset + parts.host_end
    if filled.unresolved(offset + parts.authority_start, offset + parts.authority_end):
        return  # the host is filled at run time: unresolved, not malformed
    scheme = parts.scheme.lower()
    note = _source_note(filled, host_start, host_end)
    if scheme not in ("http", "https"):
        yield _Problem(
            "U004",
            offset,
            offset + len(parts.scheme),
            f"uses the scheme '{parts.scheme}', not http or https{note}: the API call cannot send it",
            key=f"scheme:{parts.scheme}",
        )
        return
    rest = text[parts.authority_start :]
    if re.match(r"(?i)https?:/*", rest):
        yield _Problem(
            "U004",
            offset,
            offset + parts.authority_start + len(re.match(r"(?i)https?:/*", rest).group()),
            f"repeats its scheme ('{text[: parts.authority_start + 8]}…'){note}: the host becomes "
            f"'{parts.host}' and the request fails",
            key="double-scheme",
        )
        return
    host = parts.host
    authority = text[parts.authority_start : parts.authority_end]
    port = authority[len(authority) - (parts.authority_end - parts.host_end) :].removeprefix(":")
    if (
        not host
        or not (_HOST.fullmatch(host) or re.fullmatch(r"\[[0-9A-Fa-f:.]+\]", host))
        or (port and not port.isdigit())
    ):
        yield _Problem(
            "U004",
            offset + parts.authority_start,
            offset + parts.authority_end,
            f"has a malformed host '{authority}'{note}: {_why_malformed(authority)}",
            key=f"host:{authority}",
        )
        return
    values = filled.env_values(host_start, host_end)
    dev = bool(values) and all(is_dev_environment(export, value) for value in values)
    local = local_host_reason(host)
    if local is not None:
        reason, kind = local
        severity = "warning" if kind == "public-ip" else "error"
        if kind == "public-ip" and scheme == "https":
            reason += ": TLS certificates rarely cover it and the address changes when the server moves"
        elif kind == "public-ip":
            reason += ": the address changes when the server moves"
        if dev:
            severity = "info"
            reason += "; it comes from a development environment, so check that release builds use another value"
        yield _Problem("U002", host_start, host_end, f"points at {host}{note}: {reason}", severity, key=host)
        if kind == "public-ip" and scheme == "http":
            yield _cleartext_to_ip(export, filled, offset, host, note, dev)
        return
    tunnel = tunnel_suffix(host)
    if tunnel is not None:
        yield _Problem(
            "U003",
            host_start,
            host_end,
            f"points at a development tunnel ({host}){note}: its address changes on every restart and "
            "stops answering when the developer's computer sleeps",
            "info" if dev else None,
            key=host,
        )
        return
    if scheme == "http":
        yield _Problem(
            "U001",
            offset,
            offset + 4,
            f"uses http:// to {host}{note}: iOS (App Transport Security), Android 9+ and browsers serving "
            "the web app over https block cleartext requests, so the call fails on release builds",
            "info" if dev else None,
            _replace_fix(filled, offset, offset + 4, "https", "use https://"),
            key=host,
        )


def _carried(request: Request) -> list[str]:
    """What a request carries that must never travel in cleartext: credentials, passwords, card numbers."""
    carried = [f"the credential in {place.where}" for place in request.credential_places]
    for field in request.fields:
        where = f"parameter '{field.key}'" if field.param else f"body field '{field.key}'"
        if is_password_name(field.key):
            carried.append(f"the password in {where}")
        elif is_card_name(field.key):
            carried.append(f"the card number in {where}")
    return carried


def _cleartext_to_ip(export: Export, filled: FilledUrl, offset: int, host: str, note: str, dev: bool) -> _Problem:
    """http:// to a public raw IP: the worst case of cleartext, since nothing but the address is checked."""
    carried = _carried(resolve(export).request(filled.call))
    named = carried[:3] + ([f"{len(carried) - 3} more"] if len(carried) > 3 else [])
    shown = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)
    what = f", including {shown}" if carried else ""
    severity = "info" if dev else "error" if carried else "warning"
    return _Problem(
        "U001",
        offset,
        offset + 4,
        f"uses http:// to the raw IP address {host}{note}: the request travels in cleartext, so anyone on the "
        f"network path (public Wi-Fi, a proxy, the carrier) can read and change it{what}; Android 9+ and browsers "
        "serving the web app over https also block it",
        severity,
        _replace_fix(filled, offset, offset + 4, "https", "use https://"),
        key=host,
    )


def _query_problems(export: Export, filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    parts = split_url(text)
    if parts is None or parts.query_start is None or SIGNED_LINK.search(text):
        return
    provider = None
    if not filled.unresolved(offset + parts.host_start, offset + parts.host_end):
        provider = provider_for(parts.host.lower(), parts.path)
    allowed = {form.query.lower() for form in provider.auth if form.query} if provider else set()
    for name, value, value_start in parts.query_pairs(text):
        if not is_credential_name(name) or name.lower() in allowed or len(value) < 8:
            continue
        start, end = offset + value_start, offset + value_start + len(value)
        if filled.unresolved(start, end) or filled.env_values(start, end) or value.startswith(("[", "{", "<", "%7B")):
            continue
        yield _Problem(
            "U005",
            start,
            end,
            f"carries a credential ({redact(value)}) in its '{name}' query parameter: URLs end up in server, "
            "proxy and analytics logs and in crash reports; send it in a header instead, if the API accepts one",
            secret=secret_info(value, "url-query"),
            key=fingerprint(value),
        )


def _typo_problems(filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    parts = split_url(text)
    if parts is None or not parts.host or filled.unresolved(offset + parts.host_start, offset + parts.host_end):
        return
    found = typo_of(parts.host)
    if found is None:
        return
    meant, api = found
    start, end = offset + parts.host_start, offset + parts.host_end
    fix = _replace_fix(filled, start, end, meant, f"write the host as {meant}")
    yield _Problem(
        "U006",
        start,
        end,
        f"points at {parts.host}{_source_note(filled, start, end)}, a near miss of {meant} ({api.name}): that name "
        f"is not {api.name}'s, so the request fails to connect (or reaches whoever owns the name); write {meant}",
        fix=fix,
        key=f"{parts.host}>{meant}",
    )


# A query parameter written into the path: a segment "name=value" (or "&name=") where no "?" comes before it.
_GLUED_QUERY = re.compile(r"(?P<mark>[/&])(?P<name>[A-Za-z_][\w.\[\]-]*)=(?=[^=/&])")


def _shape_problems(filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    """A query glued into the path, a doubled "?", spaces where the URL's syntax breaks on them, a fragment, and a
    path the catalog of well-known APIs says is incomplete or not theirs."""
    parts = split_url(text)
    if parts is None or filled.unresolved(offset + parts.authority_start, offset + parts.authority_end):
        return
    question = text.find("?", parts.authority_end)
    path_end = question if question != -1 else text.find("#", parts.authority_end)
    path_end = len(text) if path_end == -1 else path_end

    def literal(start: int, end: int) -> bool:
        return not filled.unresolved(offset + start, offset + end)

    glued = next(
        (found for found in _GLUED_QUERY.finditer(text, parts.authority_end, path_end) if literal(*found.span())),
        None,
    )
    if glued is not None:
        mark = glued.start("mark")
        fix = None
        if question == -1:
            fix = _replace_fix(filled, offset + mark, offset + mark + 1, "?", "start the query with '?'")
        yield _Problem(
            "U007",
            offset + mark,
            offset + glued.end(),
            f"writes the query parameter '{glued.group('name')}' into the path ('{glued.group()}…') with no '?' "
            "before it: the server reads it as part of the path (404, or the parameter is missing); start the query "
            "with '?' and separate parameters with '&'",
            fix=fix,
            key=f"glued:{glued.group('name')}",
        )
    doubled = text.find("??", parts.authority_end)
    if doubled != -1 and literal(doubled, doubled + 2):
        yield _Problem(
            "U007",
            offset + doubled,
            offset + doubled + 2,
            "has '??': the second '?' becomes part of the first parameter's name, so the server does not find it",
            fix=_replace_fix(filled, offset + doubled, offset + doubled + 2, "?", "write a single '?'"),
            key="doubled-question-mark",
        )
    yield from _space_problems(text, offset, parts.authority_end, path_end, literal)
    yield from _formula_split_problems(filled, text, offset, literal)
    fragment = text.find("#", parts.authority_end)
    if fragment != -1 and literal(fragment, fragment + 1):
        shown = text[fragment:].split("=")[0][:16]  # never a value: '#access_token=…' is a credential
        yield _Problem(
            "U007",
            offset + fragment,
            offset + len(text),
            f"has a fragment ('{shown}…'): the HTTP client never sends what follows '#', so the server does not "
            "receive it; encode a '#' that is data as %23",
            key="fragment",
        )
    if glued is not None:
        path_end = glued.start()  # the path the server sees ends where the glued query starts
    if literal(parts.authority_end, path_end):
        problem = path_problem(parts.host, text[parts.authority_end : path_end])
        if problem is not None:
            yield _Problem(
                "U007",
                offset + parts.authority_end,
                offset + path_end,
                f"has the path '{text[parts.authority_end : path_end]}': {problem}",
                key=f"path:{text[parts.authority_end : path_end]}",
            )


def _formula_split_problems(
    filled: FilledUrl, text: str, offset: int, literal: Callable[[int, int], bool]
) -> Iterator[_Problem]:
    """A '&' inside a formula's quotes or parentheses (Airtable joins text with '&'): the query ends the value there,
    so the API receives a cut formula and the rest as parameters of their own."""
    for value in formula_values(text):
        ampersand = next((index for index in value.ampersands if literal(index, index + 1)), None)
        if ampersand is None:
            continue
        yield _Problem(
            "U007",
            offset + ampersand,
            offset + ampersand + 1,
            f"has '&' inside the formula of its '{value.name}' query parameter: the query ends the parameter there, "
            "so the API receives a cut formula (and the rest as other parameters) and answers 422 or 400; write "
            "the '&' as %26",
            fix=_replace_fix(filled, offset + ampersand, offset + ampersand + 1, "%26", "write the '&' as %26"),
            key=f"formula-ampersand:{value.name}",
        )


def _space_problems(
    text: str, offset: int, path_start: int, path_end: int, literal: Callable[[int, int], bool]
) -> Iterator[_Problem]:
    """The first space in the path (sent as %20: another path) or beside the query's "?", "&" and "=" (it joins a
    parameter's name or value). Spaces inside a query value are encoded as the server expects."""
    for index in range(path_start, len(text)):
        if text[index] != " " or not literal(index, index + 1):
            continue
        before, after = text[index - 1], text[index + 1 : index + 2]
        if index < path_end:
            where, effect = "in the path", "looks for another path (404)"
        elif before in "?&=" or after in ("&", "="):
            where, effect = f"beside '{before if before in '?&=' else after}'", "reads another parameter name or value"
        else:
            continue
        yield _Problem(
            "U007",
            offset + index,
            offset + index + 1,
            f"has a space {where}: it is sent as %20, so the server {effect}",
            key=f"space:{where}",
        )
        return


def url_problems(export: Export, filled: FilledUrl) -> Iterator[_Problem]:
    text = filled.text
    yield from _whitespace_problems(filled, text)
    offset = len(text) - len(text.lstrip())
    stripped = text.strip()
    yield from _quote_problems(filled, stripped, offset)
    yield from _host_problems(export, filled, stripped, offset)
    yield from _query_problems(export, filled, stripped, offset)
    yield from _typo_problems(filled, stripped, offset)
    yield from _shape_problems(filled, stripped, offset)


_PROBLEMS: weakref.WeakKeyDictionary[Export, list[tuple[ApiCall, FilledUrl, list[_Problem]]]] = (
    weakref.WeakKeyDictionary()
)


def _problems(export: Export) -> list[tuple[ApiCall, FilledUrl, list[_Problem]]]:
    """Every call's filled URL and its problems of every U rule, judged once per export."""
    found = _PROBLEMS.get(export)
    if found is None:
        found = _PROBLEMS[export] = [
            (request.call, filled, list(url_problems(export, filled)))
            for request in resolve(export).requests
            if (filled := request.url) is not None and filled.pieces
        ]
    return found


def _url_findings(export: Export, ctx: CheckContext, code: str) -> Iterator[Finding]:
    """The findings of rule ``code`` for every call's filled URL; a problem in a group's base URL once."""
    seen: set[tuple[str, int, int]] = set()
    for call, filled, problems in _problems(export):
        for problem in problems:
            if problem.code != code:
                continue
            span = filled.span(problem.start, problem.end)
            identity = (span.path, span.start, span.end)
            if identity in seen:
                continue
            seen.add(identity)
            if call.group and filled.from_group(problem.start, problem.end):
                owner = f"the base URL of group '{ui_group_name(call.group)}'"
            else:
                owner = f"the URL of '{call.name}'"
            yield ctx.finding(
                code,
                span,
                f"{owner} {problem.message}",
                severity=problem.severity,
                fix=problem.fix,
                hint=_hint(call, filled, problem.start, problem.end),
                key=problem.key,
                secret=problem.secret,
            )


@check("U001")
def check_url_insecure_http(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U001 url-insecure-http: http:// to a host that is not the device or a private network."""
    return _url_findings(export, ctx, "U001")


@check("U002")
def check_url_local_or_private_host(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U002 url-local-or-private-host: localhost, the emulator's 10.0.2.2, a private or raw IP address."""
    return _url_findings(export, ctx, "U002")


@check("U003")
def check_url_tunnel_host(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U003 url-tunnel-host: a development tunnel (rules/hosts/tunnel-hosts.yaml) as the API host."""
    return _url_findings(export, ctx, "U003")


@check("U004")
def check_url_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U004 url-malformed: whitespace, stray quotes, a bad scheme or host in the URL once filled."""
    return _url_findings(export, ctx, "U004")


@check("U005")
def check_url_secret_in_query(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U005 url-secret-in-query: a literal credential in a query parameter."""
    return _url_findings(export, ctx, "U005")


@check("U006")
def check_url_host_typo(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U006 url-host-typo: a near miss of a well-known API host (rules/hosts/api-hosts.yaml)."""
    return _url_findings(export, ctx, "U006")


@check("U007")
def check_url_shape_broken(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """U007 url-shape-broken: a query glued into the path, "??", spaces, a fragment, a path a known API lacks."""
    return _url_findings(export, ctx, "U007")

"""U family: request URLs as the runtime builds them (group base URL, environment values, literal parts)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from linter.auth_catalog import provider_for
from linter.check_context import CheckContext, secret_info
from linter.checks.common import env_value_hint, ui_group_name, where_in_flutterflow, where_in_group
from linter.checks.registry import check
from linter.findings import Edit, Finding, Fix, SecretInfo
from linter.model import ApiCall, Environment, EnvValue, Export
from linter.resolve import FilledUrl, resolve, split_url
from linter.secrets import fingerprint, redact
from linter.vocabulary import is_credential_name, local_host_reason, tunnel_suffix

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
    ``filterByFormula={Name}='x'``), sent percent-encoded as the API expects."""
    parts = split_url(text)
    if parts is None:
        return []
    return [
        (start, start + len(value))
        for _, value, start in parts.query_pairs(text)
        if all(value.count(quote) % 2 == 0 for quote in _QUOTES)
    ]


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
            f"has a malformed host '{authority}'{note}: the request fails before it reaches a server",
            key=f"host:{authority}",
        )
        return
    values = filled.env_values(host_start, host_end)
    dev = bool(values) and all(is_dev_environment(export, value) for value in values)
    local = local_host_reason(host)
    if local is not None:
        reason, kind = local
        severity = "warning" if kind == "public-ip" else "error"
        if kind == "public-ip":
            reason += ": TLS certificates rarely cover it and the address changes when the server moves"
        if dev:
            severity = "info"
            reason += "; it comes from a development environment, so check that release builds use another value"
        yield _Problem("U002", host_start, host_end, f"points at {host}{note}: {reason}", severity, key=host)
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
        start = offset
        fix = None
        found = filled.literal(start, start + 4)
        if found is not None:
            template, begin, finish = found
            source_start, source_end = template.source_range(begin, finish)
            fix = Fix("use https://", (Edit.at(template.file, source_start, source_end, "https"),))
        yield _Problem(
            "U001",
            start,
            start + 4,
            f"uses http:// to {host}{note}: iOS (App Transport Security), Android 9+ and browsers serving "
            "the web app over https block cleartext requests, so the call fails on release builds",
            "info" if dev else None,
            fix,
            key=host,
        )


def _query_problems(export: Export, filled: FilledUrl, text: str, offset: int) -> Iterator[_Problem]:
    parts = split_url(text)
    if parts is None or parts.query_start is None:
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
            "proxy and analytics logs and in crash reports; send it in a header instead",
            secret=secret_info(value, "url-query"),
            key=fingerprint(value),
        )


def url_problems(export: Export, filled: FilledUrl) -> Iterator[_Problem]:
    text = filled.text
    yield from _whitespace_problems(filled, text)
    offset = len(text) - len(text.lstrip())
    stripped = text.strip()
    yield from _quote_problems(filled, stripped, offset)
    yield from _host_problems(export, filled, stripped, offset)
    yield from _query_problems(export, filled, stripped, offset)


_PROBLEMS: weakref.WeakKeyDictionary[Export, list[tuple[ApiCall, FilledUrl, list[_Problem]]]] = (
    weakref.WeakKeyDictionary()
)


def _problems(export: Export) -> list[tuple[ApiCall, FilledUrl, list[_Problem]]]:
    """Every call's filled URL and its problems of all five rules, judged once per export."""
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

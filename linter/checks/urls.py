"""U family: request URLs as the runtime builds them (group base URL, environment values, literal parts)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.check_context import CheckContext
from linter.checks.common import ui_group_name, where_in_flutterflow, where_in_group
from linter.findings import Edit, Finding, Fix, SecretInfo
from linter.model import ApiCall, Environment, EnvValue, Export, Span, Template, Variable, env_reference
from linter.rules import check

TUNNEL_SUFFIXES = (
    "ngrok.io",
    "ngrok-free.app",
    "ngrok.app",
    "ngrok-free.dev",
    "ngrok.dev",
    "loca.lt",
    "localtunnel.me",
    "trycloudflare.com",
    "serveo.net",
    "serveousercontent.com",
    "localhost.run",
    "lhr.life",
    "devtunnels.ms",
    "pagekite.me",
    "telebit.io",
    "tunnelmole.net",
    "pinggy.link",
    "pinggy.io",
)
SECRET_QUERY_NAMES = frozenset(
    {
        "key",
        "api_key",
        "apikey",
        "api-key",
        "token",
        "access_token",
        "accesstoken",
        "auth",
        "auth_token",
        "secret",
        "client_secret",
        "password",
        "pass",
        "pwd",
        "private_key",
    }
)
_DEV_ENVIRONMENT = re.compile(r"(?i)(?<![a-z])(dev|develop|development|local|debug|test|testing|staging|qa)(?![a-z])")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?")
_QUOTES = "'\"`"


@dataclass
class Piece:
    """A run of the filled URL and where it comes from.

    ``template`` and [``begin``, ``end``) locate it in the source: the literal characters for ``kind`` "lit", the
    whole interpolation for "env" and "unresolved"; "synthetic" text (2021's ``https://``) has no source of its own.
    """

    start: int  # offset in the filled text
    text: str
    kind: str  # "lit" | "env" | "unresolved" | "synthetic"
    template: Template
    begin: int
    end: int
    env: EnvValue | None = None

    @property
    def stop(self) -> int:
        return self.start + len(self.text)


@dataclass
class FilledUrl:
    call: ApiCall
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def add(self, text: str, kind: str, template: Template, begin: int, end: int, env: EnvValue | None = None) -> None:
        if text or kind != "lit":
            start = self.pieces[-1].stop if self.pieces else 0
            self.pieces.append(Piece(start, text, kind, template, begin, end, env))

    def covering(self, start: int, end: int) -> list[Piece]:
        return [p for p in self.pieces if p.start < max(end, start + 1) and start < max(p.stop, p.start + 1)]

    def unresolved(self, start: int, end: int) -> bool:
        return any(piece.kind == "unresolved" for piece in self.covering(start, end))

    def literal(self, start: int, end: int) -> tuple[Template, int, int] | None:
        """The template and rendered range when [start, end) lies inside one literal piece."""
        for piece in self.pieces:
            if piece.kind == "lit" and piece.start <= start and end <= piece.stop:
                return piece.template, piece.begin + start - piece.start, piece.begin + end - piece.start
        return None

    def span(self, start: int, end: int) -> Span:
        found = self.literal(start, end)
        if found is not None:
            template, begin, finish = found
            return template.span(begin, finish)
        pieces = [piece for piece in self.covering(start, end) if piece.kind != "synthetic"] or [
            piece for piece in self.pieces if piece.kind != "synthetic"
        ]
        first, last = pieces[0], pieces[-1]
        if first.template is last.template:
            return first.template.span(first.begin, last.end)
        return first.template.span(first.begin, first.end)

    def env_values(self, start: int, end: int) -> list[EnvValue]:
        return [piece.env for piece in self.covering(start, end) if piece.env is not None]

    def from_group(self, start: int, end: int) -> bool:
        """True when [start, end) comes from the group's base URL (reported once, at the group)."""
        call_url = self.call.url
        return all(piece.template is not call_url for piece in self.covering(start, end))


def _variables(export: Export, call: ApiCall) -> dict[str, Variable]:
    group = export.group(call.group)
    found = {variable.name: variable for variable in (group.variables if group else [])}
    found.update({variable.name: variable for variable in call.variables})
    return found


def _fill(export: Export, filled: FilledUrl, template: Template, variables: dict[str, Variable], skip_first=False):
    position = 0
    for begin, end, expression in template.interpolations:
        filled.add(template.text[position:begin], "lit", template, position, begin)
        position = end
        if skip_first and begin == 0:
            continue
        getter = env_reference(expression)
        if getter is None and expression in variables:
            getter = variables[expression].env_default
        resolved = export.env_value(getter) if getter else None
        if resolved is not None and resolved.value is not None and resolved.type == "String":
            filled.add(resolved.value.text, "env", template, begin, end, resolved)
        else:
            filled.add(template.text[begin:end], "unresolved", template, begin, end)
    filled.add(template.text[position:], "lit", template, position, len(template.text))


def call_url(export: Export, call: ApiCall) -> FilledUrl | None:
    """The call's URL as the runtime builds it, environment values filled, or None when it is not a template."""
    url = call.url
    if not isinstance(url, Template):
        return None
    filled = FilledUrl(call)
    variables = _variables(export, call)
    base = call.base_url if isinstance(call.base_url, Template) else None
    if base is not None and call.group is None and not url.text.startswith(("$", "http")):
        # 2021: Uri.https(apiDomain, apiEndpoint).
        filled.add("https://", "synthetic", base, 0, 0)
        _fill(export, filled, base, variables)
        if not url.text.startswith("/"):
            filled.add("/", "synthetic", url, 0, 0)
        _fill(export, filled, url, variables)
        return filled
    uses_base = base is not None and any(begin == 0 for begin, _, _ in url.interpolations)
    if uses_base and base is not None:
        _fill(export, filled, base, variables)
    _fill(export, filled, url, variables, skip_first=uses_base)
    return filled


def call_host(export: Export, call: ApiCall) -> tuple[str, str | None] | None:
    """(lowercase host, path) of the call's URL when the host is known, else None."""
    filled = call_url(export, call)
    if filled is None:
        return None
    parts = split_url(filled.text.strip())
    if parts is None or filled.unresolved(parts.host_start, parts.host_end) or not parts.host:
        return None
    path = None if filled.unresolved(parts.host_end, parts.path_end) else parts.path
    return parts.host.lower(), path


@dataclass
class UrlParts:
    scheme: str
    host: str
    host_start: int
    host_end: int
    authority_start: int
    authority_end: int
    path: str
    path_end: int
    query_start: int | None  # offset after "?"
    query_end: int


def split_url(text: str) -> UrlParts | None:
    """Scheme, host and the offsets of each part of an absolute URL; None without "scheme://"."""
    scheme = _SCHEME.match(text)
    if scheme is None or not text.startswith("//", scheme.end()):
        return None
    authority_start = scheme.end() + 2
    authority_end = len(text)
    for mark in "/?#":
        index = text.find(mark, authority_start)
        if index != -1:
            authority_end = min(authority_end, index)
    host_start = text.rfind("@", authority_start, authority_end) + 1 or authority_start
    host_end = authority_end
    if text.startswith("[", host_start):
        closing = text.find("]", host_start, authority_end)
        host_end = closing + 1 if closing != -1 else authority_end
    else:
        colon = text.find(":", host_start, authority_end)
        if colon != -1:
            host_end = colon
    path_end = len(text)
    for mark in "?#":
        index = text.find(mark, authority_end)
        if index != -1:
            path_end = min(path_end, index)
    query = text.find("?", authority_end)
    fragment = text.find("#", authority_end)
    query_start = query + 1 if query != -1 and (fragment == -1 or query < fragment) else None
    query_end = fragment if fragment != -1 and query_start is not None and fragment > query_start else len(text)
    return UrlParts(
        scheme=scheme.group(1),
        host=text[host_start:host_end],
        host_start=host_start,
        host_end=host_end,
        authority_start=authority_start,
        authority_end=authority_end,
        path=text[authority_end:path_end],
        path_end=path_end,
        query_start=query_start,
        query_end=query_end,
    )


def local_reason(host: str) -> tuple[str, str] | None:
    """(reason, severity) when ``host`` is a device-local, private or raw-IP address."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return f"'{host}' is the device the app runs on, not your server", "error"
    if host.endswith(".local"):
        return f"'{host}' is a local-network (mDNS) name that phones on other networks cannot resolve", "error"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if str(address) == "10.0.2.2":
        return "10.0.2.2 is the Android emulator's name for the developer's computer, unreachable from phones", "error"
    if address.is_loopback or address.is_unspecified:
        return f"{host} is the device the app runs on, not your server", "error"
    if address.is_private or address.is_link_local:
        return f"{host} is a private network address, unreachable from users' phones", "error"
    return (
        f"{host} is a raw IP address: TLS certificates rarely cover it and the address changes when the server moves",
        "warning",
    )


def tunnel_suffix(host: str) -> str | None:
    host = host.lower().rstrip(".")
    return next((suffix for suffix in TUNNEL_SUFFIXES if host == suffix or host.endswith("." + suffix)), None)


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
        return f"fix it in FlutterFlow: Settings → Environment Values → {values[0].key}"
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
    if parts is None or parts.query_start is None:
        return []
    ranges = []
    position = parts.query_start
    for pair in text[parts.query_start : parts.query_end].split("&"):
        _, equals, value = pair.partition("=")
        start = position + len(pair) - len(value)
        position += len(pair) + 1
        if equals and all(value.count(quote) % 2 == 0 for quote in _QUOTES):
            ranges.append((start, start + len(value)))
    return ranges


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
    local = local_reason(host)
    if local is not None:
        reason, severity = local
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
    from linter.auth_catalog import provider_for
    from linter.secrets import fingerprint, redact

    parts = split_url(text)
    if parts is None or parts.query_start is None:
        return
    provider = None
    if not filled.unresolved(offset + parts.host_start, offset + parts.host_end):
        provider = provider_for(parts.host.lower(), parts.path)
    allowed = {form.query.lower() for form in provider.auth if form.query} if provider else set()
    position = parts.query_start
    for pair in text[parts.query_start : parts.query_end].split("&"):
        name, _, value = pair.partition("=")
        value_start = position + len(name) + 1
        position += len(pair) + 1
        lowered = name.lower()
        if lowered not in SECRET_QUERY_NAMES or lowered in allowed or len(value) < 8:
            continue
        start, end = offset + value_start, offset + value_start + len(value)
        if filled.unresolved(start, end) or filled.env_values(start, end) or value.startswith(("[", "{", "<", "%7B")):
            continue
        preview = redact(value)
        yield _Problem(
            "U005",
            start,
            end,
            f"carries a credential ({preview}) in its '{name}' query parameter: URLs end up in server, "
            "proxy and analytics logs and in crash reports; send it in a header instead",
            secret=SecretInfo("url-query", preview, fingerprint(value)),
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


@check("U001", "U002", "U003", "U004", "U005")
def check_urls(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    seen: set[tuple[str, str, int, int]] = set()
    for call in export.calls:
        filled = call_url(export, call)
        if filled is None or not filled.pieces:
            continue
        for problem in url_problems(export, filled):
            span = filled.span(problem.start, problem.end)
            identity = (problem.code, span.path, span.start, span.end)
            if identity in seen:
                continue
            seen.add(identity)
            if call.group and filled.from_group(problem.start, problem.end):
                owner = f"the base URL of group '{ui_group_name(call.group)}'"
            else:
                owner = f"the URL of '{call.name}'"
            yield ctx.finding(
                problem.code,
                span,
                f"{owner} {problem.message}",
                severity=problem.severity,
                fix=problem.fix,
                hint=_hint(call, filled, problem.start, problem.end),
                key=problem.key,
                secret=problem.secret,
            )

"""H family: header names and values as the runtime sends them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from linter.auth_catalog import auth_providers
from linter.check_context import CheckContext
from linter.checks.common import describe_char, header_hint, ui_group_name, where_in_group
from linter.checks.registry import check
from linter.findings import Edit, Finding, Fix
from linter.model import Export, FileKind, Header, Template
from linter.request_headers import documented_headers
from linter.resolve import Request, header_maps, literal_header, overrides_group, resolve, split_url
from linter.secrets import redact
from linter.vocabulary import (
    INVISIBLE_CHARACTERS,
    RESPONSE_HEADERS,
    ZERO_WIDTH_CHARACTERS,
    edit_distance,
    is_blank,
    is_credential_name,
)

# RFC 9110 token characters; dart:io throws "Invalid HTTP header field name" on anything else.
_TOKEN_CHAR = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]")


def _sent_headers(export: Export) -> Iterator[tuple[Request, Header]]:
    """Every (request, header entry) the runtime reads, group spreads included."""
    for request in resolve(export).requests:
        for header in request.effective_headers:
            yield request, header


@check("H001")
def check_header_name_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H001 header-name-invalid: a header name with whitespace, control or invisible characters."""
    for request, header in _sent_headers(export):
        call = request.call
        name = header.name
        if not isinstance(name, Template) or not name.is_literal:
            continue
        text = name.text
        bad = [index for index, char in enumerate(text) if not _TOKEN_CHAR.fullmatch(char)]
        if not bad:
            continue
        removable = [index for index, char in enumerate(text) if is_blank(char)]
        stripped = "".join(char for index, char in enumerate(text) if index not in removable)
        fixable = stripped and all(_TOKEN_CHAR.fullmatch(char) for char in stripped)
        fix = None
        if fixable:
            edits = tuple(Edit.at(name.file, *name.source_range(index, index + 1), "") for index in removable)
            fix = Fix("remove the whitespace and invisible characters from the name", edits, "whitespace")
        first = bad[0]
        shown = stripped if fixable else text.strip()
        yield ctx.finding(
            "H001",
            name.span(first, bad[-1] + 1),
            f"header name '{shown}' in '{call.name}' contains {describe_char(text[first])} at position {first + 1}: "
            "dart:io refuses to send it (FormatException: Invalid HTTP header field name)",
            fix=fix,
            hint=header_hint(call, header),
            key=text,
        )


# -- H002 ----------------------------------------------------------------------------------------------------------

_AUTH_WORD = re.compile(r"(?i)\s*(bearer|basic|token|jwt)\b")


@cache
def _known_headers() -> dict[str, tuple[str, bool]]:
    """Lowercase name -> (the name as documented, whether an HTTP standard defines it): the documented request
    headers (rules/hosts/request-headers.yaml) and the auth catalog's auth and companion headers."""
    known = {header.name.lower(): (header.name, header.standard) for header in documented_headers()}
    for provider in auth_providers():
        for form in provider.auth:
            if form.header:
                known.setdefault(form.header, (form.header_title, False))
        for companion in provider.companions:
            known.setdefault(companion.header.lower(), (companion.header, False))
    return known


@cache
def typo_of(name: str) -> str | None:
    """The well-known header ``name`` misspells, or None (a known name, or not close to exactly one).

    Spelling a provider's or framework's header with underscores (`access_token` for `access-token`) is how the
    app's own server may name it, so only a standard header's underscore spelling (`content_type`) is a typo. A
    known name with an `X-` prefix added or removed (`x-access-token`, `Api-Key`) is a custom header named by
    convention, not a typo; a misspelling of the prefixed name (`X-Api-Kye`) still is."""
    lowered = name.strip().lower()
    known = _known_headers()
    if lowered in known or not all(_TOKEN_CHAR.fullmatch(char) for char in lowered):
        return None  # known, or H001's (characters outside the token set)
    if lowered.removeprefix("x-") in known or f"x-{lowered}" in known:
        return None  # a known name with the custom-header prefix added or dropped: a convention, not a misspelling
    close: set[str] = set()
    best = 3
    for candidate, (spelled, standard) in known.items():
        if not standard and lowered.replace("_", "-") == candidate.replace("_", "-"):
            return None  # the same name with other separators: a custom spelling, not a misspelling
        limit = 2 if len(candidate) >= 10 else 1 if len(candidate) >= 6 else 0
        if abs(len(candidate) - len(lowered)) > limit:
            continue
        distance = edit_distance(lowered, candidate)
        if distance > limit or distance > best:
            continue
        if distance < best:
            best, close = distance, set()
        close.add(spelled)
    return close.pop() if len(close) == 1 else None


def _rename(name: Template, replacement: str, description: str) -> Fix:
    start, end = name.source_range(0, len(name.text))
    return Fix(description, (Edit.at(name.file, start, end, replacement),))


@check("H002")
def check_header_name_typo(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H002 header-name-typo: a misspelled well-known header (`Authroization`), or `Authentication`."""
    seen: set[tuple[str, int]] = set()
    for request, header in _sent_headers(export):
        call = request.call
        name = header.name
        text = header.name_text
        if text is None or not isinstance(name, Template) or (name.file.relpath, name.start) in seen:
            continue
        seen.add((name.file.relpath, name.start))
        lowered = text.strip().lower()
        if lowered == "authentication":
            value = header.value
            has_authorization = any(
                literal_header(other, "authorization") is not None or other.name_text == "Authorization"
                for other in request.effective_headers
            )
            if not isinstance(value, Template) or has_authorization or not _AUTH_WORD.match(value.text):
                continue
            yield ctx.finding(
                "H002",
                name.span(),
                f"'{call.name}' sends its credential in a header named '{text}': the standard auth header is "
                "'Authorization', so the server sees no credential and answers 401",
                fix=_rename(name, "Authorization", "rename the header to 'Authorization'"),
                hint=header_hint(call, header),
                key=text,
            )
            continue
        meant = typo_of(text)
        if meant is None:
            continue
        supplied = resolve(export).content_type.supplied(call) if meant == "Content-Type" else None
        if supplied is not None:
            yield ctx.finding(
                "H002",
                name.span(),
                f"header name '{text.strip()}' in '{call.name}' looks like a misspelling of 'Content-Type': servers "
                f"ignore it as an unknown header, and the request has a Content-Type anyway: {supplied} "
                f"({call.body_type}), so the header can go",
                severity="info",
                fix=remove_entry(header, f"remove the '{text.strip()}' header", None),
                hint=header_hint(call, header),
                key=text,
            )
            continue
        yield ctx.finding(
            "H002",
            name.span(),
            f"header name '{text.strip()}' in '{call.name}' looks like a misspelling of '{meant}': the server does not "
            f"recognise it and behaves as if '{meant}' were missing (401 for auth headers)",
            fix=_rename(name, meant, f"rename the header to '{meant}'"),
            hint=header_hint(call, header),
            key=text,
        )


# -- H003 ----------------------------------------------------------------------------------------------------------

_END_SPACE = frozenset(" \t\r\n") | INVISIBLE_CHARACTERS
_LINE_BREAKS = frozenset("\r\n")
_OPTIONAL_SPACE = frozenset(" \t")  # RFC 9110's OWS: SP and HTAB, which parsers strip around a field value


def _literal_index(value: Template, index: int) -> bool:
    return not value.is_interpolated_at(index)


def value_whitespace(value: Template) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Removable runs at the ends, invisible characters inside, and line breaks inside (rendered offsets)."""
    text = value.text
    lead = 0
    while lead < len(text) and text[lead] in _END_SPACE and _literal_index(value, lead):
        lead += 1
    trail = len(text)
    while trail > lead and text[trail - 1] in _END_SPACE and _literal_index(value, trail - 1):
        trail -= 1
    ends = [(0, lead)] if lead else []
    if trail < len(text):
        ends.append((trail, len(text)))
    inside = [i for i in range(lead, trail) if text[i] in ZERO_WIDTH_CHARACTERS and _literal_index(value, i)]
    breaks = [i for i in range(lead, trail) if text[i] in _LINE_BREAKS and _literal_index(value, i)]
    return ends, inside, breaks


@check("H003")
def check_header_value_whitespace(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H003 header-value-whitespace: whitespace at the ends of a header value, or invisible characters inside (only
    spaces and tabs at the ends, which RFC 9110 parsers strip, are a warning)."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        call = request.call
        for header in request.headers:
            value = header.value
            name = header.name_text
            if not isinstance(value, Template) or name is None or name.strip().lower() == "content-type":
                continue
            if _AUTH_WORD.fullmatch(value.text.strip()):
                continue  # a scheme with no credential is A003's
            if (value.file.relpath, value.start) in seen:
                continue
            ends, inside, breaks = value_whitespace(value)
            if not (ends or inside or breaks):
                continue
            seen.add((value.file.relpath, value.start))
            removable = ends + [(i, i + 1) for i in inside]
            first = min([begin for begin, _ in removable] + breaks)
            last = max([end for _, end in removable] + [i + 1 for i in breaks])
            found = sorted({describe_char(value.text[i]) for begin, end in removable for i in range(begin, end)})
            found += ["a line break inside the value"] if breaks else []
            severity = None
            if breaks:
                why = "dart:io refuses a line break in a header value (Invalid HTTP header field value)"
            elif not inside and all(value.text[i] in _OPTIONAL_SPACE for begin, end in ends for i in range(begin, end)):
                at = "at both ends" if len(ends) == 2 else "at its start" if ends[0][0] == 0 else "at its end"
                found = [f"{' and '.join(found)} {at}"]
                why = (
                    "RFC 9110 parsers strip spaces and tabs around a header value, but some servers and proxies keep "
                    "them, and a key or token they compare byte for byte then fails (401 or 403)"
                )
                severity = "warning"
            else:
                why = "servers compare the value with the characters included and answer 401 or 400"
            fix = None
            if not breaks:
                edits = []
                for begin, end in sorted(removable):
                    start, stop = value.source_range(begin, end)
                    edits.append(Edit.at(value.file, start, stop, ""))
                fix = Fix("remove the whitespace and invisible characters from the value", tuple(edits), "whitespace")
            yield ctx.finding(
                "H003",
                value.span(first, last),
                f"the value of header '{name.strip()}' in '{call.name}' contains {', '.join(found)}: {why}",
                severity=severity,
                fix=fix,
                hint=header_hint(call, header),
                key=f"{name}:{value.text}",
            )


# -- H004, H005: entries that should go ------------------------------------------------------------------------------


def remove_entry(header: Header, description: str, kind: str | None) -> Fix | None:
    """Delete a header entry from the file that holds it: a Dart or JS map entry with its comma, or a Project YAML
    list item; the whole line goes when the entry stands alone on it."""
    file = header.file
    text = file.text
    start, after = header.start, header.end
    line_start = text.rfind("\n", 0, start) + 1
    if file.kind is FileKind.PROJECT_YAML:
        if text[line_start:start].strip() != "-":
            return None  # a flow list or an inline item: no line to remove
    elif file.kind in (FileKind.API_CALLS, FileKind.PRIVATE_JS):
        if text.startswith(",", after):
            after += 1
    else:
        return None
    while after < len(text) and text[after] in " \t":
        after += 1
    alone = not text[line_start:start].strip(" \t-" if file.kind is FileKind.PROJECT_YAML else " \t")
    if alone and (after >= len(text) or text[after] in "\r\n"):
        after += 2 if text.startswith("\r\n", after) else 1 if after < len(text) else 0
        start = line_start
    elif file.kind is FileKind.PROJECT_YAML:
        return None
    return Fix(description, (Edit.at(file, start, after, ""),), kind)


def pasted_rows(headers: list[Header]) -> list[tuple[Header, Header]]:
    """(Key entry, Value entry) pairs of a map that holds headers literally named "Key" and "Value": rows of another
    tool's key/value table (Postman's bulk edit) pasted as headers. Each Key pairs with the next Value."""
    rows: list[tuple[Header, Header]] = []
    pending: Header | None = None
    for header in headers:
        name = (header.name_text or "").strip().lower()
        if name == "key":
            pending = header
        elif name == "value" and pending is not None:
            rows.append((pending, header))
            pending = None
    return rows


@check("H004")
def check_header_duplicate(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H004 header-duplicate: a header set twice in one map (ignoring case); the earlier value is never sent."""
    for call, owner, headers in header_maps(export):
        last: dict[str, Header] = {}
        pasted = bool(pasted_rows(headers))
        for header in reversed(headers):
            name = header.name_text
            if name is None or name.strip().lower() == "content-type":
                continue
            key = name.strip().lower()
            if pasted and key in ("key", "value"):
                continue  # rows of a pasted key/value table: H007's, and deleting one would lose a header
            later = last.get(key)
            last.setdefault(key, header)
            if later is None or not isinstance(header.name, Template) or overrides_group(header, later):
                continue
            where = f"group '{ui_group_name(owner)}'" if call is None else f"'{owner}'"
            line = later.name.span().line if isinstance(later.name, Template) else 0
            yield ctx.finding(
                "H004",
                header.name.span(),
                f"header '{name.strip()}' is set twice in the header map of {where} (again as "
                f"'{later.name_text}' on line {line}): the runtime merges names ignoring case, so this value is "
                "never sent",
                fix=remove_entry(header, "remove the entry that is never sent", "remove-entry"),
                hint=header_hint(call, header) if call else where_in_group(ui_group_name(owner), "Headers"),
                key=f"{owner}:{key}",
            )


_MANAGED = {
    "content-length": "the HTTP client computes Content-Length from the body; a hand-written one that does not "
    "match makes the request hang or fail, and browsers refuse to set it",
    "host": "the HTTP client sets Host from the URL; a different value sends the request to the wrong virtual "
    "host, and browsers refuse to set it",
    "transfer-encoding": "the HTTP client chooses the transfer encoding; a hand-set value corrupts the body framing",
    "connection": "the HTTP client manages the connection; browsers refuse to set this header",
}


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _names_the_urls_host(request: Request, header: Header) -> bool:
    """True when a Host header says what the HTTP client sends anyway: the URL's own host (and port)."""
    value = header.value
    filled = request.url
    if not isinstance(value, Template) or not value.is_literal or filled is None or request.location is None:
        return False
    parts = split_url(filled.text.strip())
    if parts is None:
        return False
    host = request.location[0]
    authority = filled.text.strip()[parts.authority_start : parts.authority_end].lower()
    default = _DEFAULT_PORTS.get(parts.scheme.lower(), "")
    port = authority[len(authority) - (parts.authority_end - parts.host_end) :].removeprefix(":") or default
    written, _, written_port = value.text.strip().lower().partition(":")
    return written == host and (written_port or default) == port


@check("H005")
def check_header_managed_by_runtime(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H005 header-managed-by-runtime: Content-Length, Host, Transfer-Encoding or Connection set by hand (a Host
    equal to the URL's host is redundant, not reported)."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        call = request.call
        for header in request.headers:
            name = header.name_text
            if name is None or name.strip().lower() not in _MANAGED or not isinstance(header.name, Template):
                continue
            if name.strip().lower() == "host" and _names_the_urls_host(request, header):
                continue  # what the client sends anyway (browsers drop it): redundant, harmless
            if (header.name.file.relpath, header.start) in seen:
                continue
            seen.add((header.name.file.relpath, header.start))
            yield ctx.finding(
                "H005",
                header.name.span(),
                f"'{call.name}' sets '{name.strip()}' by hand: {_MANAGED[name.strip().lower()]}",
                fix=remove_entry(header, f"remove the '{name.strip()}' header", None),
                hint=header_hint(call, header),
                key=name.strip().lower(),
            )


# -- H006 ----------------------------------------------------------------------------------------------------------

_MEDIA_TYPE = re.compile(r"\s*(application|text|multipart|image|audio|video)/[\w.+-]+\s*(;.*)?", re.IGNORECASE)
_MEDIA_HEADERS = re.compile(r"(?i)type|accept|format|mime|media|profile|schema|response|return|output|prefer")
_NEVER_MEDIA = frozenset(
    {
        "authorization",
        "content-length",
        "content-encoding",
        "content-language",
        "cache-control",
        "host",
        "user-agent",
        "connection",
        "transfer-encoding",
        "cookie",
        "origin",
        "referer",
        "apikey",
        "api-key",
        "x-api-key",
    }
)


@check("H006")
def check_header_value_media_type_misplaced(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H006 header-value-media-type-misplaced: a media type under a header that is not Content-Type or Accept."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        call = request.call
        for header in request.headers:
            name, value = header.name_text, header.value
            if name is None or not isinstance(value, Template) or not value.is_literal:
                continue
            lowered = name.strip().lower()
            suspicious = lowered in _NEVER_MEDIA or re.search(r"auth|key|token|length|encoding", lowered)
            if not suspicious or _MEDIA_HEADERS.search(lowered) or not _MEDIA_TYPE.fullmatch(value.text):
                continue
            if (value.file.relpath, value.start) in seen:
                continue
            seen.add((value.file.relpath, value.start))
            yield ctx.finding(
                "H006",
                value.span(),
                f"header '{name.strip()}' of '{call.name}' holds the media type '{value.text.strip()}': it was meant "
                f"as Content-Type (or Accept); as '{name.strip()}' it is wrong and the server rejects the request",
                hint=header_hint(call, header),
                key=f"{lowered}:{value.text.strip()}",
            )


# -- H007, H008: headers that are not what they look like -------------------------------------------------------

_FIXABLE_FILES = (FileKind.API_CALLS, FileKind.PRIVATE_JS)  # a Project YAML "Name: value" string is left as it is
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9 ._~+/=:;,*()@!-]*")


def _row_fix(key: Header, value: Header, name: str, sent: str) -> Fix | None:
    """Turn the Key entry into the header the row meant (``'name': 'sent'``) and delete the Value entry."""
    key_name, key_value = key.name, key.value
    if key.file.kind not in _FIXABLE_FILES or value.file is not key.file:
        return None
    if not isinstance(key_name, Template) or not isinstance(key_value, Template):
        return None
    if not all(_TOKEN_CHAR.fullmatch(char) for char in name) or not _PLAIN_VALUE.fullmatch(sent):
        return None
    removal = remove_entry(value, "", None)
    if removal is None:
        return None
    quoted = key_name.file.text[key_name.start : key_name.start + 1] in ("'", '"', "`")
    name_start, name_end = key_name.source_range(0, len(key_name.text)) if quoted else (key_name.start, key_name.end)
    value_start, value_end = key_value.source_range(0, len(key_value.text))
    edits = (
        Edit.at(key.file, name_start, name_end, name if quoted else f'"{name}"'),
        Edit.at(key.file, value_start, value_end, sent),
        *removal.edits,
    )
    return Fix(f"make the pasted row the header '{name}'", edits)


@check("H007")
def check_header_table_pasted(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H007 header-table-pasted: headers literally named "Key" and "Value", a key/value table row pasted as two
    headers."""
    for call, owner, headers in header_maps(export):
        for key, value in pasted_rows(headers):
            if not isinstance(key.value, Template) or not isinstance(value.value, Template) or key.name_text is None:
                continue
            name, sent = key.value.text.strip(), value.value.text.strip()
            shown = redact(sent) if is_credential_name(name) or len(sent) > 32 else sent
            where = f"group '{ui_group_name(owner)}'" if call is None else f"'{owner}'"
            supplied = None
            if call is not None and name.lower() == "content-type":
                supplied = resolve(export).content_type.supplied(call)
            if supplied is None:
                effect, severity = f"the server receives 'Key' and 'Value' headers and never '{name}'", None
            else:
                effect = (
                    "the server receives 'Key' and 'Value' headers; Content-Type is sent all the same, since "
                    f"{supplied} ({call.body_type})"  # type: ignore[union-attr]
                )
                severity = "warning"
            yield ctx.finding(
                "H007",
                key.name.span() if isinstance(key.name, Template) else key.value.span(),
                f"the header map of {where} has a header named '{key.name_text.strip()}' holding '{name}' and one "
                f"named '{value.name_text.strip()}' holding '{shown}': a row of another tool's key/value table "
                f"pasted as two headers, so {effect}",
                severity=severity,
                fix=_row_fix(key, value, name, sent) if key.value.is_literal and value.value.is_literal else None,
                hint=header_hint(call, key) if call else where_in_group(ui_group_name(owner), "Headers"),
                key=f"{owner}:{name.lower()}",
            )


@check("H008")
def check_header_response_only(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """H008 header-response-only: a response header (Access-Control-Allow-Origin, ...) sent in a request."""
    seen: set[tuple[str, int]] = set()
    for request in resolve(export).requests:
        call = request.call
        for header in request.headers:
            name = (header.name_text or "").strip()
            if name.lower() not in RESPONSE_HEADERS or not isinstance(header.name, Template):
                continue
            if (header.file.relpath, header.start) in seen:
                continue
            seen.add((header.file.relpath, header.start))
            severity = None
            if call.private:
                why, severity = "the cloud function sends it to the API, which ignores it in a request", "info"
            elif name.lower().startswith("access-control-"):
                why = (
                    "only the server's response can allow a cross-origin request, so sending it does nothing; on the "
                    "web it also makes the browser's preflight ask the server to accept this header, which many "
                    "servers refuse; fix CORS on the server, or make the call private"
                )
            else:
                why = "servers ignore it in a request"
            yield ctx.finding(
                "H008",
                header.name.span(),
                f"'{call.name}' sends '{name}', a header only responses carry: {why}",
                severity=severity,
                fix=remove_entry(header, f"remove the '{name}' header", None),
                hint=header_hint(call, header),
                key=name.lower(),
            )

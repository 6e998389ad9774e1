"""C family: Content-Type and body, judged by what the export's API manager really sends (see
``linter.resolve.content_type`` for the runtime facts)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.check_context import CheckContext
from linter.checks.common import header_hint, where_in_flutterflow
from linter.checks.registry import check
from linter.extract.custom_code import raw_requests
from linter.findings import Edit, Finding, Fix
from linter.model import ApiCall, Export, Expr, Header, Template
from linter.resolve import Request, header_maps, literal_header, resolve
from linter.resolve.content_type import RUNTIME_CONTENT_TYPE

# Charset names dart:convert's Encoding.getByName knows; package:http throws FormatException on any other.
DART_CHARSETS = frozenset(
    {
        "iso_8859-1:1987", "iso-ir-100", "iso_8859-1", "iso-8859-1", "latin1", "l1", "ibm819", "cp819",
        "csisolatin1", "iso-ir-6", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso_646.irv:1991", "iso646-us",
        "us-ascii", "us", "ibm367", "cp367", "csascii", "ascii", "csutf8", "utf-8",
    }
)  # fmt: skip
TOP_LEVEL_TYPES = frozenset(
    {"application", "audio", "example", "font", "haptics", "image", "message", "model", "multipart", "text", "video"}
)
COMMON_MEDIA_TYPES = (
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "application/xml",
    "text/xml",
    "text/csv",
    "application/octet-stream",
    "application/graphql",
)
_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_MEDIA_TYPE = re.compile(rf"[ \t]*({_TOKEN})/({_TOKEN})[ \t]*")
_PARAMETER = re.compile(rf";[ \t]*({_TOKEN})=({_TOKEN}|\"(?:[^\"\\]|\\.)*\")[ \t]*")
_STRING_BODY_TYPES = ("JSON", "TEXT", "X_WWW_FORM_URL_ENCODED")


def media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def contradicts(body_type: str, declared: str, value: str) -> bool:
    """Whether an explicit media type cannot describe the body the runtime builds for ``body_type``."""
    if body_type == "JSON":
        # application/json, text/json, vendor +json types, x-ndjson and AWS's x-amz-json-1.1 all carry JSON.
        return "json" not in declared.partition("/")[2]
    if body_type == "X_WWW_FORM_URL_ENCODED":
        return declared != "application/x-www-form-urlencoded"
    if body_type == "MULTIPART":
        return declared != "multipart/form-data"
    # A TEXT body is raw text sent as typed: XML, JSON, CSV or a hand-encoded form under their own media type are
    # deliberate; only a multipart type without the boundary the text would need is a contradiction.
    return declared.startswith("multipart/") and "boundary=" not in value.lower()


def content_type_headers(request: Request) -> Iterator[tuple[Header, Template]]:
    for header in request.effective_headers:
        value = literal_header(header, "content-type")
        if value is not None:
            yield header, value


# -- C001 --------------------------------------------------------------------------------------------------------


def _has_body(call: ApiCall) -> bool:
    body = call.body
    if isinstance(body, Template):
        return bool(body.text.strip())
    return isinstance(body, Expr) and body.source not in ("null", "''", '""')


@check("C001")
def check_content_type_missing(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C001 content-type-missing: a body sent with no body type, an edited manager, or raw http without a type."""
    resolution = resolve(export)
    rt = resolution.content_type
    for request in resolution.requests:
        call = request.call
        if call.private or not call.sends_body:
            continue
        explicit = any(True for _ in content_type_headers(request)) or any(
            not isinstance(h.name, Template) for h in request.effective_headers
        )
        if call.body_type in (None, "NONE") and _has_body(call):
            yield ctx.finding(
                "C001",
                call.body.span(),  # type: ignore[union-attr]
                f"'{call.name}' passes a body but its body type is {call.body_type or 'not set'}: the API manager "
                "builds no request body and no Content-Type from it, so the server receives an empty request",
                hint=where_in_flutterflow(call, "Body (choose JSON, Text, …)"),
                key=f"{call.name}:no-body-type",
            )
        elif call.body_type == "JSON" and rt.fills_in is False and not explicit and call.unresolved == []:
            span = call.body.span() if call.body is not None else call.span
            yield ctx.finding(
                "C001",
                span,
                f"'{call.name}' sends a JSON body, but this export's api_manager.dart was edited and no longer sets "
                "Content-Type: package:http labels the body 'text/plain; charset=utf-8' and JSON APIs reject it",
                hint="restore the Content-Type lines in api_manager.dart's createBody, or add a Content-Type "
                "header to the call in FlutterFlow",
                key=f"{call.name}:manager-edited",
            )
    for request in raw_requests(export):
        if request.content_type is not None or not request.body_is_string:
            continue
        yield ctx.finding(
            "C001",
            request.span,
            f"raw http.{request.method.lower()}(...) sends a string body without a Content-Type header: "
            "package:http labels it 'text/plain; charset=utf-8', which JSON APIs reject (400/415)",
            hint="add headers: {'Content-Type': 'application/json'} to this call in your custom code",
            key=f"{request.span.path}:{request.method}:{request.body_source}",
        )


# -- C002 --------------------------------------------------------------------------------------------------------


@check("C002")
def check_content_type_conflict(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C002 content-type-conflict: an explicit Content-Type that contradicts the body type."""
    resolution = resolve(export)
    for request in resolution.requests:
        call = request.call
        if call.body_type not in RUNTIME_CONTENT_TYPE or not call.sends_body:
            continue
        if call.private and call.body_type == "MULTIPART":
            continue  # the cloud function builds no multipart body at all
        ignored = resolution.content_type.overwritten(call)
        for header, value in content_type_headers(request):
            if not value.is_literal:
                continue
            declared = media_type(value.text)
            if not declared or "/" not in declared:
                continue  # C003 reports it
            runtime_type = RUNTIME_CONTENT_TYPE[call.body_type]
            shown = value.text.strip()
            if call.body_type == "MULTIPART" and declared == "multipart/form-data":
                if ignored is None or "boundary=" in value.text.lower():
                    continue
                yield ctx.finding(
                    "C002",
                    value.span(),
                    f"Content-Type '{shown}' on multipart call '{call.name}' has no boundary; {ignored}, so the "
                    "header has no effect and can be removed",
                    severity="info",
                    hint=header_hint(call, header),
                    key=f"{call.name}:multipart-no-boundary",
                )
                continue
            if not contradicts(call.body_type, declared, value.text):
                continue
            if ignored is not None and call.body_type == "MULTIPART":
                message = (
                    f"Content-Type '{shown}' on multipart call '{call.name}' has no effect: {ignored} on every "
                    "upload, so the header can be removed"
                )
                severity = "info"  # package:http always replaces it: nothing to fix but the clutter
            elif ignored is not None:
                message = (
                    f"Content-Type '{shown}' contradicts body type {call.body_type} of '{call.name}'; {ignored}, "
                    "so your header is ignored"
                )
                severity = "warning"
            elif call.body_type == "X_WWW_FORM_URL_ENCODED":
                message = (
                    f"Content-Type '{shown}' contradicts body type {call.body_type} of '{call.name}': the header is "
                    "kept, and package:http refuses to encode form fields under it (StateError), so the request "
                    "is never sent"
                )
                severity = None
            else:
                message = (
                    f"Content-Type '{shown}' contradicts body type {call.body_type} of '{call.name}': the body is "
                    f"built as {runtime_type} but the header you set is sent, so the server misreads the body "
                    "(400/415)"
                )
                severity = None
            yield ctx.finding(
                "C002",
                value.span(),
                message,
                severity=severity,
                hint=header_hint(call, header),
                key=f"{call.name}:{call.body_type}:{declared}",
            )


# -- C003 --------------------------------------------------------------------------------------------------------


@dataclass
class _Malformed:
    message: str
    begin: int
    end: int
    severity: str | None = None  # None: the rule's (error)
    fix: list[tuple[int, int, str]] | None = None  # rendered ranges and their replacements
    kind: str | None = None  # the safe-fix kind, None when the fix is unsafe


def _suggestion(text: str) -> str | None:
    candidate = re.sub(r"[\\|,.:; -]+", "/", text.strip().lower(), count=1)
    matches = difflib.get_close_matches(candidate, COMMON_MEDIA_TYPES, n=1, cutoff=0.8)
    return matches[0] if matches else None


def malformed(text: str) -> _Malformed | None:
    """The first problem in a literal Content-Type value, if any (rendered offsets)."""
    control = next((i for i, char in enumerate(text) if (ord(char) < 32 and char != "\t") or char == "\x7f"), None)
    if control is not None:
        return _Malformed(
            "contains a line break or control character; dart:io refuses to send the header", control, control + 1
        )
    found = _MEDIA_TYPE.match(text)
    if found is None or (found.end() < len(text) and text[found.end()] != ";"):
        suggestion = _suggestion(text.split(";", 1)[0])
        if text.strip().lower().startswith("charset"):
            message = (
                "starts with the charset parameter; write the media type first ('application/json; charset=utf-8')"
            )
        else:
            message = "is not a media type of the form type/subtype"
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        stop = text.find(";") if ";" in text else len(text)
        fix = None
        if suggestion:
            lead = len(text) - len(text.lstrip())
            fix = [(lead, len(text[:stop].rstrip()), suggestion)]
        return _Malformed(message + "; package:http cannot parse it and throws before sending", 0, stop, fix=fix)
    kind, subtype = found.group(1), found.group(2)
    position = found.end()
    while position < len(text):
        parameter = _PARAMETER.match(text, position)
        if parameter is None:
            rest = text[position:]
            where = "a trailing ';'" if rest.strip() == ";" else f"a malformed parameter '{rest.strip()}'"
            hint = " (write 'charset=utf-8', no spaces around '=')" if "charset" in rest.lower() else ""
            return _Malformed(
                f"has {where}{hint}; package:http cannot parse it and throws before sending",
                position,
                len(text),
            )
        if parameter.group(1).lower() == "charset":
            charset = parameter.group(2).strip('"')
            if charset.lower() not in DART_CHARSETS:
                fix = (
                    [(parameter.start(2), parameter.end(2), "utf-8")] if charset.lower() in ("utf8", "utf_8") else None
                )
                return _Malformed(
                    f"names charset '{charset}', which Dart does not know: package:http throws "
                    "'Unsupported encoding' before sending a string body",
                    parameter.start(2),
                    parameter.end(2),
                    fix=fix,
                    kind="charset",
                )
        position = parameter.end()
    if kind.lower() not in TOP_LEVEL_TYPES:
        suggestion = _suggestion(f"{kind}/{subtype}")
        return _Malformed(
            f"has the unknown top-level type '{kind}'" + (f" (did you mean '{suggestion}'?)" if suggestion else ""),
            found.start(1),
            found.end(1),
            severity="warning",
            fix=[(found.start(1), found.end(2), suggestion)] if suggestion else None,
        )
    lead, trail = len(text) - len(text.lstrip(" \t")), len(text) - len(text.rstrip(" \t"))
    if lead or trail:
        return _Malformed(
            "has leading or trailing whitespace; many servers compare the media type exactly",
            0 if lead else len(text) - trail,
            lead if lead else len(text),
            severity="warning",
            fix=[(0, lead, ""), (len(text) - trail, len(text), "")],
            kind="whitespace",
        )
    written = f"{kind}/{subtype}"
    if written != written.lower():
        return _Malformed(
            f"writes '{written}' in mixed case; media types are case-insensitive, but some servers compare "
            "them exactly",
            found.start(1),
            found.end(2),
            severity="info",
            fix=[(found.start(1), found.end(2), written.lower())],
            kind="case",
        )
    return None


def _edit(value: Template, begin: int, end: int, replacement: str) -> Edit | None:
    """An edit replacing rendered [begin, end) when that range is plain literal source (no escapes)."""
    start, stop = value.source_range(begin, end)
    if replacement and value.file.text[start:stop] != value.text[begin:end]:
        return None
    return Edit.at(value.file, start, stop, replacement)


@check("C003")
def check_media_type_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C003 media-type-malformed: a Content-Type package:http cannot parse, or written oddly."""
    resolution = resolve(export)
    for request in resolution.requests:
        call = request.call
        ignored = resolution.content_type.overwritten(call)
        for header, value in content_type_headers(request):
            if not value.is_literal:
                continue
            problem = malformed(value.text)
            if problem is None:
                continue
            severity = problem.severity
            message = f"Content-Type '{value.text}' of '{call.name}' {problem.message}"
            if ignored is not None:
                severity, message = "info", message + f" (for this call {ignored})"
            fix = None
            if problem.fix is not None:
                edits = [
                    _edit(value, begin, end, replacement) for begin, end, replacement in problem.fix if end > begin
                ]
                fixed = value.text
                for begin, end, replacement in sorted(problem.fix, reverse=True):
                    fixed = fixed[:begin] + replacement + fixed[end:]
                if edits and all(edits):
                    fix = Fix(f"write the Content-Type as '{fixed}'", tuple(edits), problem.kind)  # type: ignore[arg-type]
            yield ctx.finding(
                "C003",
                value.span(problem.begin, max(problem.end, problem.begin + 1)),
                message,
                severity=severity,
                fix=fix,
                hint=header_hint(call, header),
                key=value.text,
            )


# -- C004 --------------------------------------------------------------------------------------------------------


def _duplicates(headers: list[Header]) -> Iterator[tuple[Header, Header]]:
    """(earlier, later) Content-Type entries of one map literal."""
    seen: Header | None = None
    for header in headers:
        if literal_header(header, "content-type") is None:
            continue
        if seen is not None:
            yield seen, header
        seen = header


@check("C004")
def check_content_type_duplicate(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C004 content-type-duplicate: Content-Type set twice in one header map."""
    for call, owner, headers in header_maps(export):
        for earlier, later in _duplicates(headers):
            first, last = earlier.value, later.value
            same = (
                isinstance(first, Template)
                and isinstance(last, Template)
                and media_type(first.text) == media_type(last.text)
            )
            detail = "both say the same" if same else f"'{_text(last)}' wins over '{_text(first)}'"
            yield ctx.finding(
                "C004",
                later.name.span(),  # type: ignore[union-attr]
                f"Content-Type is set twice in the header map of '{owner}' ('{earlier.name_text}' and "
                f"'{later.name_text}'); the runtime merges keys ignoring case and the last one is sent: {detail}",
                severity="info" if same else None,
                hint=header_hint(call, later) if call is not None else None,
                key=f"{owner}:{_text(first)}:{_text(last)}",
            )


def _text(value: object) -> str:
    return value.text.strip() if isinstance(value, Template) else getattr(value, "source", "?")


# -- C005 --------------------------------------------------------------------------------------------------------


@check("C005")
def check_content_type_without_body(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C005 content-type-without-body: a call's own Content-Type on a GET or DELETE that sends no body."""
    for request in resolve(export).requests:
        call = request.call
        if call.method not in ("GET", "DELETE") or call.sends_body:
            continue
        for header, value in content_type_headers(request):
            if header.origin != "call":
                continue  # a group-wide header is a choice made once for every call of the group
            reason = (
                "GET requests carry no body" if call.method == "GET" else "DELETE without alwaysAllowBody sends no body"
            )
            yield ctx.finding(
                "C005",
                header.name.span(),  # type: ignore[union-attr]
                f"'{call.name}' sets Content-Type '{value.text.strip()}' but {reason}; the header describes nothing "
                "and some servers and proxies reject it",
                hint=header_hint(call, header),
                key=f"{call.name}:{call.method}",
            )

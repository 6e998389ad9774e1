"""C family, bodies: a JSON body that is not JSON once its variables are filled in, and a body the runtime drops.

The JSON check fills every interpolation with a value of its variable's declared type (a string inside quotes,
numbers and booleans bare, JSON and lists serialised), parses the result with the stdlib ``json`` module and maps
the error offset back through the substitution to the exact line and column of the Dart (or JS) source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.check_context import CheckContext
from linter.checks.common import where_in_flutterflow
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import ApiCall, Export, Expr, Template, Variable
from linter.resolve import Request, header_key, resolve

_WRAPPER = re.compile(r"^(?P<fn>[A-Za-z_][\w.]*)\((?P<arg>[A-Za-z_]\w*)(?:\s*,[^()]*)?\)$")
_NAME = re.compile(r"[A-Za-z_]\w*")
_PLACEHOLDER = re.compile(r"<([A-Za-z_]\w*)>")
_NOT_JSON_SUBTYPES = ("ndjson", "jsonl", "json-seq")


@dataclass
class _Fill:
    begin: int  # rendered range of the interpolation (or placeholder) in the template text
    end: int
    text: str  # what stands in for it
    certain: bool  # False: a guess, so an error there is not reported
    unquoted_string: str | None = None  # the variable, when a string value sits outside quotes


def _kind(type_text: str) -> str:
    base = type_text.replace("?", "").strip()
    if base.startswith("String"):
        return "string"
    if base in ("int", "double", "num"):
        return "number"
    if base == "bool":
        return "bool"
    if base.startswith("List"):
        return "list"
    return "json" if base in ("dynamic", "Object", "Map") or base.startswith("Map<") else "unknown"


def _literal_default(variable: Variable) -> str | None:
    default = variable.default
    return default.text if isinstance(default, Template) and default.is_literal else None


def _fill(call: ApiCall, expr: str, in_string: bool, begin: int, end: int) -> _Fill:
    """A stand-in for the interpolation ``expr`` by its declared type, in or out of a JSON string."""
    wrapper = _WRAPPER.match(expr)
    function, name = (wrapper.group("fn"), wrapper.group("arg")) if wrapper else (None, expr)
    variable = call.variable(name) if _NAME.fullmatch(name) else None
    if function in ("escapeStringForJson",):
        kind = "string"
    elif function in ("_serializeJson", "jsonEncode", "json.encode"):
        kind = "json"
    elif function == "_serializeList":
        kind = "list"
    elif function is None and variable is not None:
        kind = _kind(variable.type)
    else:
        return _Fill(begin, end, "a" if in_string else "null", certain=False)
    if in_string:
        # Serialised JSON inside quotes breaks the string only for some values; do not guess.
        return _Fill(begin, end, "a" if kind in ("string", "unknown") else "1", certain=kind != "json")
    if kind == "string":
        default = _literal_default(variable) if variable is not None else None
        if default is not None and default.strip() and _parses(default):
            return _Fill(begin, end, default.strip(), certain=True)  # the test value holds JSON text on purpose
        return _Fill(begin, end, "a", certain=True, unquoted_string=name)
    stand_in = {"number": "1", "bool": "true", "list": "[]", "json": "null"}.get(kind)
    if stand_in is None:
        return _Fill(begin, end, "null", certain=False)
    return _Fill(begin, end, stand_in, certain=True)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@dataclass
class JsonProblem:
    message: str
    begin: int  # rendered offsets in the body template
    end: int
    severity: str | None = None


def json_body_problem(call: ApiCall, body: Template) -> JsonProblem | None:
    """The JSON error of ``body`` once filled in, at rendered offsets of the template, or None."""
    text = body.text
    fills = {begin: (end, expr) for begin, end, expr in body.interpolations}
    for found in _PLACEHOLDER.finditer(text):
        if call.variable(found.group(1)) is not None and not body.is_interpolated_at(found.start()):
            fills[found.start()] = (found.end(), found.group(1))
    pieces: list[str] = []
    origin: list[int] = []  # rendered offset of every substituted character
    placed: list[tuple[int, int, _Fill]] = []  # substituted range -> fill
    in_string = escaped = False
    index = 0
    while index < len(text):
        if index in fills:
            end, expr = fills[index]
            fill = _fill(call, expr, in_string, index, end)
            placed.append((len(origin), len(origin) + len(fill.text), fill))
            pieces.append(fill.text)
            origin.extend([index] * len(fill.text))
            index = end
            continue
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        pieces.append(char)
        origin.append(index)
        index += 1
    substituted = "".join(pieces)
    if not substituted.strip():
        return None
    try:
        json.loads(substituted, parse_constant=_reject_constant)
        return None
    except json.JSONDecodeError as error:
        position, reason = error.pos, error.msg
    except ValueError as error:  # NaN / Infinity
        return JsonProblem(f"the JSON body is invalid: {error}", 0, len(text))
    except RecursionError:  # nested deeper than a decoder will go: not judged
        return None
    for start, stop, fill in placed:
        if start <= position < stop or (position == stop and position > 0 and not fill.certain):
            if not fill.certain:
                return None
            if fill.unquoted_string is not None:
                return JsonProblem(
                    f"string variable '{fill.unquoted_string}' is not inside quotes, so its value is sent as bare "
                    "text and the body is not valid JSON (if it holds JSON text, declare it as JSON in FlutterFlow)",
                    fill.begin,
                    fill.end,
                    severity="warning",
                )
    if position >= len(origin):
        begin = end = len(text)
        message = f"the JSON body ends too early ({reason.lower()})"
    else:
        begin = origin[position]
        end = begin + 1
        message = _describe(substituted, position, reason)
        trailing = _trailing_comma(substituted, position)
        if trailing is not None:
            begin, end = origin[trailing], origin[trailing] + 1
            message = "the JSON body has a trailing comma before a closing bracket"
    return JsonProblem(message, begin, end)


def _trailing_comma(text: str, position: int) -> int | None:
    if text[position] not in "}]":
        return None
    before = position - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    return before if before >= 0 and text[before] == "," else None


def _describe(text: str, position: int, reason: str) -> str:
    if text.startswith("{{", position) or (text[position] == "{" and text[position - 1 : position] == "{"):
        return "the JSON body contains '{{', a template placeholder FlutterFlow does not fill; it is sent as is"
    if reason.startswith("Invalid control character"):
        return "the JSON body has a raw line break or tab inside a string (write \\n in FlutterFlow's body editor)"
    shown = text[position : position + 12].split("\n")[0]
    return f"the JSON body is invalid here: {reason.lower()} (at '{shown}')"


def _sent_content_type(request: Request) -> str:
    for header in request.headers:
        if header_key(header) == "content-type" and isinstance(header.value, Template):
            return header.value.text.lower()
    return ""


@check("C006")
def check_json_body_invalid(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C006 json-body-invalid: a JSON body that is not valid JSON once its variables are filled in."""
    for request in resolve(export).requests:
        call = request.call
        body = call.body
        if call.body_type != "JSON" or not call.sends_body or not isinstance(body, Template) or body.raw:
            continue
        if any(subtype in _sent_content_type(request) for subtype in _NOT_JSON_SUBTYPES):
            continue  # newline-delimited JSON is not one JSON document
        problem = json_body_problem(call, body)
        if problem is None:
            continue
        span = body.span(problem.begin, max(problem.end, problem.begin))
        yield ctx.finding(
            "C006",
            span,
            f"body of '{call.name}': {problem.message}",
            severity=problem.severity,
            hint=where_in_flutterflow(call, "Body"),
            key=f"{call.name}:{problem.message}",
        )


@check("C007")
def check_form_body_mismatch(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C007 form-body-mismatch: a body text on a form or multipart call, which the runtime never sends."""
    for call in export.calls:
        if call.body_type not in ("X_WWW_FORM_URL_ENCODED", "MULTIPART") or not call.sends_body:
            continue
        body = call.body
        if isinstance(body, Template):
            if not body.text.strip():
                continue
            looks_json = body.text.strip()[:1] in "{["
        elif isinstance(body, Expr) and body.source not in ("null", "''", '""'):
            looks_json = False
        else:
            continue
        kind = "a JSON body" if looks_json else "a body"
        sent = "only the params" if call.params else "no fields at all (params is empty)"
        yield ctx.finding(
            "C007",
            body.span(),
            f"'{call.name}' has {kind}, but its body type is {call.body_type}: the runtime builds the request from "
            f"params and never sends this text, so the server receives {sent}",
            severity=None if not call.params else "warning",
            hint=where_in_flutterflow(call, "Body (choose JSON, or move the fields to form parameters)"),
            key=f"{call.name}:{call.body_type}",
        )

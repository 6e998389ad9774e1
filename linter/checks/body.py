"""C family, bodies: a JSON body that is not JSON once its variables are filled in, a body the runtime drops, and
bodies that ignore the call's variables (a fixed test account, fields fixed to literals, duplicate keys, no body).

The JSON check fills every interpolation with a value of its variable's declared type (a string inside quotes,
numbers and booleans bare, JSON and lists serialised), parses the result with the stdlib ``json`` module and maps
the error offset back through the substitution to the exact line and column of the Dart (or JS) source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.check_context import CheckContext, secret_info
from linter.checks.common import where_in_flutterflow
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import ApiCall, Export, Expr, Span, Template, Variable
from linter.resolve import BodyField, Request, header_key, resolve
from linter.secrets import redact
from linter.vocabulary import PLACEHOLDER, is_credential_name, is_password_name, loose_name

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


# -- C008, C009: bodies that ignore the call's variables -------------------------------------------------------------

# Fields that name the account a request acts for (compared loosely: user_name, userName, USERNAME).
_IDENTITY_FIELDS = frozenset({"email", "emailaddress", "mail", "username", "user", "login", "phone", "phonenumber"})


def _field_span(field: BodyField) -> Span:
    value = field.value
    return value.span(field.value_begin, field.value_end) if isinstance(value, Template) else value.span()


def _field_place(call: ApiCall, field: BodyField) -> tuple[str, str]:
    """How a message names the field, and where FlutterFlow edits it."""
    if field.param:
        section = "Query Parameters" if call.method in (None, "GET", "DELETE") else "Body"
        return f"parameter '{field.key}'", where_in_flutterflow(call, section)
    return f"body field '{field.key}'", where_in_flutterflow(call, "Body")


def _shows_a_placeholder(field: BodyField, variable: str) -> bool:
    """The literal is a placeholder for the variable ("{{email}}", "<date>"): P001 reports it."""
    return bool(PLACEHOLDER.search(field.text)) or loose_name(variable) in loose_name(field.text)


@dataclass
class _TestAccount:
    password: BodyField
    identity: BodyField | None
    variables: list[str]  # the unused variables the two fields were meant to send


def _test_account(request: Request) -> _TestAccount | None:
    """A body that signs in with a fixed password while the call's password variable is never sent."""
    unused = [variable.name for variable in request.unused_variables]
    passwords = [name for name in unused if is_password_name(name)]
    if not passwords:
        return None
    for field in request.fields:
        if field.kind != "string" or not field.text or not is_password_name(field.key):
            continue
        if _shows_a_placeholder(field, passwords[0]):
            continue
        identity = next(
            (
                other
                for other in request.fields
                if other.kind == "string" and other.text and other.owner == field.owner
                if loose_name(other.key) in _IDENTITY_FIELDS and not PLACEHOLDER.search(other.text)
            ),
            None,
        )
        meant = [
            name for name in unused if name in passwords or (identity and loose_name(name) == loose_name(identity.key))
        ]
        return _TestAccount(field, identity, meant)
    return None


@check("C008")
def check_body_test_credentials(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C008 body-test-credentials: a body that signs in with a fixed password (and account) while the call's
    password variable is never sent."""
    for request in resolve(export).requests:
        account = _test_account(request)
        if account is None:
            continue
        call = request.call
        what, hint = _field_place(call, account.password)
        fixed = f"the password {redact(account.password.text)}"
        if account.identity is not None:
            fixed = f"the account {redact(account.identity.text)} and {fixed}"
        declared = " and ".join(f"'{name}'" for name in account.variables)
        yield ctx.finding(
            "C008",
            _field_span(account.password),
            f"'{call.name}' sends {fixed} written in its {what} while its variables {declared} are never sent: "
            "every user of the app signs in as that one test account, whatever they type; use the variables there",
            hint=hint,
            secret=secret_info(account.password.text, "password"),
            key=f"{call.name}:{account.password.key}",
        )


def _overridden(request: Request) -> Iterator[tuple[BodyField, BodyField]]:
    """(dropped, winner) for each JSON key set twice in one object where the dropped value was filled in."""
    by_key: dict[tuple[int, str], list[BodyField]] = {}
    for field in request.fields:
        if not field.param:
            by_key.setdefault((field.owner, field.key), []).append(field)
    for entries in by_key.values():
        dropped = [field for field in entries[:-1] if field.kind == "interpolated"]
        if dropped:
            yield dropped[-1], entries[-1]


@check("C009")
def check_body_ignores_variables(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """C009 body-ignores-variables: a body that drops what the call's variables pass: a duplicate key whose later
    value wins, a field fixed to a literal or null while the variable of its name is never sent, or no body at all."""
    for request in resolve(export).requests:
        call = request.call
        for dropped, winner in _overridden(request):
            line = _field_span(dropped).line
            written = "a literal" if winner.literal else "another value"
            yield ctx.finding(
                "C009",
                winner.key_template.span(winner.key_begin, winner.key_end),
                f"the body of '{call.name}' sets '{winner.key}' twice: this later entry ({written}) replaces the "
                f"value filled in on line {line}, since JSON parsers keep the last key, so what the app passes is "
                "never used; delete one of the two",
                hint=where_in_flutterflow(call, "Body"),
                key=f"{call.name}:duplicate:{winner.key}",
            )
        unused = {loose_name(variable.name): variable.name for variable in request.unused_variables}
        account = _test_account(request)
        reported = {id(account.password)} if account else set()
        if account and account.identity:
            reported.add(id(account.identity))
        fixed = [
            (field, variable)
            for field in request.fields
            if (variable := unused.get(loose_name(field.key))) is not None and field.literal
            if id(field) not in reported and not _shows_a_placeholder(field, variable)
            if not _is_the_default(request, field, variable)
        ]
        if fixed:
            yield _fixed_fields(ctx, call, fixed)
        yield from _no_body(ctx, request)


def _is_the_default(request: Request, field: BodyField, variable: str) -> bool:
    """The literal is the variable's default ("Status": "Completed" beside ``status = 'Completed'``): what the call
    sends when nothing is passed, so nothing is lost unless a caller passes another value."""
    declared = request.variables.get(variable)
    default = _literal_default(declared) if declared is not None else None
    return default is not None and field.kind != "null" and default == field.text


def _fixed_fields(ctx: CheckContext, call: ApiCall, fixed: list[tuple[BodyField, str]]) -> Finding:
    """One finding per call for the fields fixed to literals while their variables are never sent."""
    first, variable = fixed[0]
    what, hint = _field_place(call, first)
    if len(fixed) == 1:
        value = "null" if first.kind == "null" else f"the literal {_shown(first)}"
        message = (
            f"the {what} of '{call.name}' is fixed to {value} while the call's variable '{variable}' is never "
            f"sent: whatever the app passes for '{variable}' is ignored; use the variable there"
        )
    else:
        fields = ", ".join(f"'{field.key}' ({_shown(field)})" for field, _ in fixed)
        variables = ", ".join(f"'{name}'" for _, name in fixed)
        kind = "parameters" if first.param else "body fields"
        message = (
            f"the {kind} {fields} of '{call.name}' are fixed to literals while the call's variables {variables} are "
            "never sent: whatever the app passes for them is ignored; use the variables there"
        )
    return ctx.finding(
        "C009", _field_span(first), message, hint=hint, key=f"{call.name}:fixed:" + ",".join(f.key for f, _ in fixed)
    )


def _shown(field: BodyField) -> str:
    """A literal as a message shows it: short strings in full; long ones and credentials redacted."""
    if field.kind != "string":
        return field.text
    if len(field.text) > 24 or is_credential_name(field.key):
        return redact(field.text)
    return f"'{field.text}'"


def _no_body(ctx: CheckContext, request: Request) -> Iterator[Finding]:
    """A call that sends a body but has none and no parameters, while variables that are not credentials (P002's)
    reach nothing."""
    call = request.call
    body = call.body
    empty = body is None or (isinstance(body, Template) and not body.text.strip())
    dropped = [variable for variable in request.unused_variables if not is_credential_name(variable.name)]
    if not call.sends_body or not empty or call.params or not dropped:
        return
    names = ", ".join(f"'{variable.name}'" for variable in dropped)
    variables = f"variables {names} reach" if len(dropped) > 1 else f"variable {names} reaches"
    sent = "'{}'" if call.body_type == "JSON" else "no body"
    yield ctx.finding(
        "C009",
        dropped[0].span,
        f"'{call.name}' is a {call.method} with no body and no parameters, so the server receives {sent}, while its "
        f"{variables} no part of the request: send {'them' if len(dropped) > 1 else 'it'} in the body",
        severity="error",
        hint=where_in_flutterflow(call, "Body"),
        key=f"{call.name}:no-body",
    )

"""P family: placeholders typed in FlutterFlow's editor that the generator left as literal text, and declared
variables that never reach the request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.check_context import CheckContext, secret_info
from linter.checks.common import header_hint, ui_group_name, where_in_flutterflow, where_in_group
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import Export, Template, Variable
from linter.resolve import Request, formula_values, is_auth_header, is_formula, resolve
from linter.secrets import redact
from linter.vocabulary import (
    PLACEHOLDER,
    SCHEME_PREFIX,
    edit_distance,
    is_credential_name,
    is_password_name,
    loose_name,
    split_scheme,
)

# A key's name where its value belongs (``Bearer OPENAI_API_KEY``, ``Key API_KEY_HERE``): upper snake case with a
# word that names a credential. Judged only where a credential is sent, never in bodies (enum values look alike).
_KEY_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_KEY_NAME_PARTS = frozenset({"KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "JWT", "BEARER", "CREDENTIAL"})
# A path parameter in the syntax of Express, Postman or OpenAPI tools: ``/:resource_type/``.
_PATH_PARAMETER = re.compile(r"(?<=/):(?P<name>[A-Za-z_]\w*)(?=[/?#]|$)")
# A query parameter and its value in a URL template.
_QUERY_PAIR = re.compile(r"[?&](?P<key>[^=&#?/]+)=(?P<value>[^&#]*)")
_JSON_WORDS = frozenset({"true", "false", "null"})
_HTML_TAGS = frozenset(
    [
        "a",
        "b",
        "i",
        "u",
        "p",
        "q",
        "s",
        "br",
        "hr",
        "em",
        "strong",
        "small",
        "div",
        "span",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "th",
        "img",
        "html",
        "body",
        "head",
        "title",
        "style",
        "script",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "code",
        "sup",
        "sub",
        "center",
        "font",
        "label",
        "input",
        "form",
        "button",
        "link",
        "meta",
    ]
)
_GRAPHQL = re.compile(r"\b(query|mutation|subscription|fragment)\b")


def closest_variable(name: str, variables: list[Variable]) -> str | None:
    """The variable the user most likely meant: same name ignoring case and separators, else a near spelling."""
    wanted = loose_name(name)
    best: tuple[int, str] | None = None
    for variable in variables:
        candidate = loose_name(variable.name)
        distance = 0 if candidate == wanted else edit_distance(candidate, wanted)
        limit = 1 if len(wanted) <= 5 else 2
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, variable.name)
    return best[1] if best else None


def _is_key_name(word: str) -> bool:
    return bool(_KEY_NAME.fullmatch(word)) and bool(_KEY_NAME_PARTS & set(word.split("_")))


def _key_names(template: Template, place: str) -> Iterator[tuple[int, int, str]]:
    """Upper-snake key names where a credential is sent: the whole value of an auth header or credential parameter
    (after one scheme word), and credential values in a URL's query."""
    text = template.text
    if place == "auth":
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        scheme = SCHEME_PREFIX.match(stripped) or re.match(r"[A-Za-z]+[ \t]+", stripped)
        word_start = lead + (scheme.end() if scheme else 0)
        word = text[word_start : lead + len(stripped)]
        if _is_key_name(word):
            yield word_start, word_start + len(word), word
    elif place == "url":
        for pair in _QUERY_PAIR.finditer(text):
            value = pair.group("value")
            if is_credential_name(pair.group("key")) and _is_key_name(value):
                yield pair.start("value"), pair.end("value"), value


def _formula_ranges(text: str, place: str) -> list[tuple[int, int]]:
    """Query values written in the API's own formula language (Airtable's `filterByFormula={Status}='Open'`), where
    `{Field}` names a field of the API's data, not a placeholder."""
    if place == "url":
        return [(value.start, value.end) for value in formula_values(text)]
    if place == "param" and is_formula(text):
        return [(0, len(text))]
    return []


def placeholders(template: Template, place: str) -> Iterator[tuple[int, int, str, str]]:
    """(rendered start, end, meant name, style) of each literal placeholder in ``template``; style is "marker" for
    YOUR_KEY markers, "key-name" for a key's name, "path" for ``/:name`` and "bracket" for the others.

    ``place`` ("header", "auth", "url", "body", "param") switches off styles that are legitimate there: a key's name
    is a placeholder only where a credential is sent ("auth", and credential values in a URL's query).
    """
    text = template.text
    markup = place == "body" and ("</" in text or "/>" in text)
    graphql = place == "body" and bool(_GRAPHQL.search(text))
    formulas = _formula_ranges(text, place)
    found: list[tuple[int, int, str, str]] = []
    for match in PLACEHOLDER.finditer(text):
        if match.group("bracket") and match.group("bracket") in _JSON_WORDS:
            continue
        if match.group("brace") and (graphql or any(start <= match.start() < end for start, end in formulas)):
            continue  # a GraphQL selection, or a {Field} reference of the API's formula language
        angle = match.group("angle")
        if angle and (markup or angle.lower() in _HTML_TAGS):
            continue
        name = next(group for group in match.groups() if group)
        found.append((match.start(), match.end(), name, "marker" if match.group("marker") else "bracket"))
    found += [(begin, end, word, "key-name") for begin, end, word in _key_names(template, place)]
    if place == "url":
        found += [(m.start(), m.end(), m.group("name"), "path") for m in _PATH_PARAMETER.finditer(text)]
    taken: list[tuple[int, int]] = []
    for begin, end, name, style in sorted(found, key=lambda item: item[0]):  # stable: earlier styles first
        if any(template.is_interpolated_at(index) for index in range(begin, end)):
            continue
        if any(begin < stop and start < end for start, stop in taken):
            continue  # one placeholder, matched by two styles
        taken.append((begin, end))
        yield begin, end, name, style


def _syntax(name: str, place: str) -> str:
    """How FlutterFlow's editor refers to a variable: <name> in bodies, [name] elsewhere."""
    return f"<{name}>" if place == "body" else f"[{name}]"


def _message(what: str, shown: str, name: str, variables: list[Variable], style: str, place: str) -> str:
    if style == "marker":
        return f"{what} still holds the marker '{shown}': it is sent as typed and the API rejects it"
    if style == "key-name":
        return (
            f"{what} holds '{shown}', the name of a key, not the key: the server receives the name itself and "
            "answers 401; pass the key in a variable (or an environment value) and write that here"
        )
    close = closest_variable(name, variables)
    if close is None:
        advice = f"add a variable named '{name}' to the call, or type the value"
    elif close == name:
        advice = f"the call has a variable '{name}' but this text does not use it; write it as {_syntax(name, place)}"
    else:
        advice = f"did you mean the variable '{close}'? write it as {_syntax(close, place)}"
    kind = "the path parameter" if style == "path" else "the placeholder"
    return f"{what} holds {kind} '{shown}', which no variable fills: it is sent as literal text; {advice}"


@dataclass
class _Text:
    """A template the request sends, where it sits and where FlutterFlow edits it."""

    template: Template
    place: str  # "header" | "auth" | "url" | "body" | "param"
    what: str
    hint: str


def _sent_texts(request: Request) -> Iterator[_Text]:
    call = request.call
    for header in request.headers:
        name = header.name_text
        if not isinstance(header.value, Template) or name is None:
            continue
        if header.origin == "group-spread":
            what = f"header '{name.strip()}' of group '{ui_group_name(call.group or '')}' (spread into '{call.name}')"
        else:
            what = f"header '{name.strip()}' of '{call.name}'"
        yield _Text(header.value, "auth" if is_auth_header(name) else "header", what, header_hint(call, header))
    if isinstance(call.url, Template):
        yield _Text(call.url, "url", f"the URL of '{call.name}'", where_in_flutterflow(call, "API URL"))
    group = request.group
    if group is not None and isinstance(call.base_url, Template) and call.base_url is group.base_url:
        name = ui_group_name(group.name)
        yield _Text(call.base_url, "url", f"the base URL of group '{name}'", where_in_group(name, "Base URL"))
    if isinstance(call.body, Template) and call.sends_body:
        yield _Text(call.body, "body", f"the body of '{call.name}'", where_in_flutterflow(call, "Body"))
    for param in call.params:
        if isinstance(param.value, Template) and isinstance(param.key, Template):
            hint = where_in_flutterflow(call, "Query Parameters" if call.method == "GET" else "Body")
            place = "auth" if is_credential_name(param.key.text) else "param"
            yield _Text(param.value, place, f"parameter '{param.key.text}' of '{call.name}'", hint)


@check("P001")
def check_placeholder_unfilled(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """P001 placeholder-unfilled: `[x]`, `{x}`, `{{x}}`, `<x>`, `/:x`, a YOUR_KEY marker or a key's name sent as
    literal text."""
    seen: set[tuple[str, int]] = set()
    allowed = set(ctx.option("P001", "allow", []))  # texts the team sends literally on purpose
    for request in resolve(export).requests:
        variables = list(request.variables.values())
        for sent in _sent_texts(request):
            template = sent.template
            for begin, end, name, style in placeholders(template, sent.place):
                span = template.span(begin, end)
                shown = template.text[begin:end]
                if (span.path, span.start) in seen or shown in allowed:
                    continue
                seen.add((span.path, span.start))
                message = _message(sent.what, shown, name, variables, style, sent.place)
                yield ctx.finding("P001", span, message, hint=sent.hint, key=f"{sent.what}:{shown}")


def _preview(text: str) -> str:
    """A credential as a message may show it: its scheme word and a redacted preview of the rest."""
    scheme, token = split_scheme(text)
    return f"{scheme} {redact(token)}" if scheme else redact(token)


def _placeholder_targets(request: Request) -> set[str]:
    """Variables a literal placeholder of the request names (P001 reports those)."""
    variables = request.call.variables
    targets = set()
    for sent in _sent_texts(request):
        for _, _, name, _ in placeholders(sent.template, sent.place):
            close = closest_variable(name, variables)
            if close is not None:
                targets.add(close)
    return targets


@check("P002")
def check_variable_unused(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """P002 variable-unused: a credential variable of the call that reaches no part of the request, while the
    request sends a fixed credential or none."""
    for request in resolve(export).requests:
        call = request.call
        unused = [variable for variable in request.unused_variables if is_credential_name(variable.name)]
        places = request.credential_places
        if not unused or any(not place.fixed for place in places):
            continue  # a run-time value carries the credential: the unused one is a leftover
        if request.json_variables_sent and 2 * len(request.unused_variables) > len(call.variables):
            # Most variables are unused while a JSON variable carries a whole record: the unused ones describe
            # what it holds (a host's settings, its keystore password), not a credential of this request.
            continue
        # Fields fixed to literals are C009's, a fixed password C008's.
        hardcoded = {loose_name(field.key) for field in request.fields if field.literal}
        fixed_password = any(field.literal and is_password_name(field.key) for field in request.fields)
        targets = _placeholder_targets(request)
        for variable in unused:
            name = variable.name
            if name in targets or loose_name(name) in hardcoded or (fixed_password and is_password_name(name)):
                continue
            if request.sends_in_basic(variable):
                continue  # its default is half of the Basic credential sent (id:secret, hardcoded): not dropped
            lead = (
                f"'{call.name}' declares the variable '{name}' but never sends it (no URL, header, parameter or body "
                "uses it): the value bound to it in FlutterFlow is dropped"
            )
            severity, secret, section = None, None, "Headers"
            if is_password_name(name):
                if not call.sends_body:
                    continue  # a read call copied from a login call keeps its variables; nothing is missing
                message = f"{lead}, and the server never receives the password"
                severity = "error"
            elif places:
                place = places[0]
                if not place.where.startswith("header"):
                    section = "API URL" if place.where.startswith("query") else "Query Parameters"
                secret = secret_info(split_scheme(place.text or "")[1])
                message = (
                    f"{lead}; {place.where} sends a fixed credential ({_preview(place.text or '')}) instead, the same "
                    f"for every user: use [{name}] there, or delete the variable"
                )
            elif request.interceptors is not None:
                continue  # its interceptors may add the credential: what they send is unknown
            else:
                message = f"{lead}, and the request sends no credential at all: the API refuses it (401, or an error)"
                severity = "error"
            yield ctx.finding(
                "P002",
                variable.span,
                message,
                severity=severity,
                secret=secret,
                hint=where_in_flutterflow(call, f"{section} (or delete the variable under Variables)"),
                key=f"{call.name}:{name}",
            )

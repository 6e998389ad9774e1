"""P family: placeholders typed in FlutterFlow's editor that the generator left as literal text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.common import edit_distance, header_hint, ui_group_name, where_in_flutterflow, where_in_group
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import ApiCall, Export, Template, Variable
from linter.resolve import resolve
from linter.vocabulary import loose_name

# One alternative per placeholder style; group "name" is the variable the user meant.
_PLACEHOLDER = re.compile(
    r"\{\{\s*(?P<name>[A-Za-z_][\w.-]*)\s*\}\}"  # {{name}} (Postman, handlebars)
    r"|(?<![\w\]\)])\[(?P<bracket>[A-Za-z_][\w-]*)\](?!\()"  # [name], not foo[bar] nor a markdown link
    r"|(?<![\w{])\$?\{(?P<brace>[A-Za-z_]\w*)\}(?!\})"  # {name} or ${name} sent literally
    r"|<(?P<angle>[A-Za-z_][\w-]*)>"  # <name>
    r"|\b(?P<marker>(?:YOUR|Your|your)[_-]?[A-Za-z0-9_-]*?(?:KEY|TOKEN|SECRET|ID|PASSWORD|Key|Token|Secret|Id)"
    r"|(?:INSERT|REPLACE|PUT)_[A-Z0-9_]+|REPLACE_?ME|CHANGE_?ME)\b"
)
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


def placeholders(template: Template, place: str) -> Iterator[tuple[int, int, str]]:
    """(rendered start, end, meant name) of each literal placeholder in ``template``.

    ``place`` ("header", "url", "body", "param") switches off styles that are legitimate there.
    """
    text = template.text
    markup = place == "body" and ("</" in text or "/>" in text)
    graphql = place == "body" and bool(_GRAPHQL.search(text))
    for match in _PLACEHOLDER.finditer(text):
        if any(template.is_interpolated_at(index) for index in range(match.start(), match.end())):
            continue
        if match.group("bracket") and match.group("bracket") in _JSON_WORDS:
            continue
        if match.group("brace") and graphql:
            continue
        angle = match.group("angle")
        if angle and (markup or angle.lower() in _HTML_TAGS):
            continue
        name = next(group for group in match.groups() if group)
        yield match.start(), match.end(), name


def _syntax(name: str, place: str) -> str:
    """How FlutterFlow's editor refers to a variable: <name> in bodies, [name] elsewhere."""
    return f"<{name}>" if place == "body" else f"[{name}]"


def _message(what: str, shown: str, name: str, variables: list[Variable], marker: bool, place: str) -> str:
    if marker:
        return f"{what} still holds the marker '{shown}': it is sent as typed and the API rejects it"
    close = closest_variable(name, variables)
    if close is None:
        advice = f"add a variable named '{name}' to the call, or type the value"
    elif close == name:
        advice = f"the call has a variable '{name}' but this text does not use it; write it as {_syntax(name, place)}"
    else:
        advice = f"did you mean the variable '{close}'? write it as {_syntax(close, place)}"
    return f"{what} holds the placeholder '{shown}', which no variable fills: it is sent as literal text; {advice}"


@check("P001")
def check_placeholder_unfilled(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """P001 placeholder-unfilled: `[x]`, `{x}`, `{{x}}`, `<x>` or a YOUR_KEY marker sent as literal text."""
    seen: set[tuple[str, int]] = set()

    allowed = set(ctx.option("P001", "allow", []))  # texts the team sends literally on purpose

    def report(template: Template, place: str, what: str, call: ApiCall, hint: str, variables: list[Variable]):
        for begin, end, name in placeholders(template, place):
            span = template.span(begin, end)
            if (span.path, span.start) in seen or template.text[begin:end] in allowed:
                continue
            seen.add((span.path, span.start))
            shown = template.text[begin:end]
            marker = not shown.startswith(("{", "[", "<", "$"))
            yield ctx.finding(
                "P001", span, _message(what, shown, name, variables, marker, place), hint=hint, key=f"{what}:{shown}"
            )

    for request in resolve(export).requests:
        call = request.call
        variables = list(request.variables.values())
        for header in request.headers:
            if isinstance(header.value, Template) and header.name_text is not None:
                if header.origin == "group-spread":
                    what = f"header '{header.name_text.strip()}' of group '{ui_group_name(call.group or '')}' "
                    what += f"(spread into '{call.name}')"
                else:
                    what = f"header '{header.name_text.strip()}' of '{call.name}'"
                yield from report(header.value, "header", what, call, header_hint(call, header), variables)
        if isinstance(call.url, Template):
            hint = where_in_flutterflow(call, "API URL")
            yield from report(call.url, "url", f"the URL of '{call.name}'", call, hint, variables)
        group = request.group
        if group is not None and isinstance(call.base_url, Template) and call.base_url is group.base_url:
            hint = where_in_group(ui_group_name(group.name), "Base URL")
            what = f"the base URL of group '{ui_group_name(group.name)}'"
            yield from report(call.base_url, "url", what, call, hint, variables)
        if isinstance(call.body, Template) and call.sends_body:
            hint = where_in_flutterflow(call, "Body")
            yield from report(call.body, "body", f"the body of '{call.name}'", call, hint, variables)
        for param in call.params:
            if isinstance(param.value, Template) and isinstance(param.key, Template):
                hint = where_in_flutterflow(call, "Query Parameters" if call.method == "GET" else "Body")
                what = f"parameter '{param.key.text}' of '{call.name}'"
                yield from report(param.value, "param", what, call, hint, variables)

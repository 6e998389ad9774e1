"""Where the app calls each API call (``XCall.call(...)``, ``XGroup.yCall.call(...)``) and which named arguments
it passes: an index built once per export, so that a check can tell whether a variable's default is what the
request really sends."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.model import ApiCall, Export, FileKind

# A call site is ``name.call(``: the scan looks for ``.call(`` and reads the name backwards from there (a pattern that
# starts at the name tries every word of every widget file, ~20x slower on a 10 MB export).
_DOT_CALL = re.compile(r"\.\s*call\s*\(")
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_PARENS = re.compile(r"[()]")
_NAMED_ARGUMENT = re.compile(r"\b([A-Za-z_]\w*)\s*:(?!:)")


def field_name(call: ApiCall) -> str:
    """The name of the static field a group holds the call in: ``listItemsCall`` for ``ListItemsCall``."""
    return call.class_name[:1].lower() + call.class_name[1:]


@dataclass
class CallSites:
    """Named arguments passed at each call site, by the name the site calls (a call class or a group field)."""

    arguments: dict[str, list[frozenset[str]]] = field(default_factory=dict)

    def of(self, call: ApiCall) -> list[frozenset[str]]:
        return self.arguments.get(call.class_name, []) + self.arguments.get(field_name(call), [])

    def default_is_sent(self, call: ApiCall, variable: str) -> bool:
        """True when the app calls ``call`` and never passes ``variable``: its default is what the request sends."""
        sites = self.of(call)
        return bool(sites) and not any(variable in names for names in sites)


def index_call_sites(export: Export) -> CallSites:
    """One pass over the app's Dart files (the API calls file excluded) for every call site of every call."""
    names = {name for call in export.calls for name in (call.class_name, field_name(call))}
    sites = CallSites()
    for file in export.files:
        if file.kind is not FileKind.DART or ".call" not in file.text:
            continue
        text = file.text
        for match in _DOT_CALL.finditer(text):
            name = _name_before(text, match.start())
            if name not in names:
                continue
            depth, end = 1, len(text)
            for paren in _PARENS.finditer(text, match.end()):
                depth += 1 if paren.group() == "(" else -1
                if not depth:
                    end = paren.start()
                    break
            passed = frozenset(_NAMED_ARGUMENT.findall(text, match.end(), end))
            sites.arguments.setdefault(name, []).append(passed)
    return sites


def _name_before(text: str, end: int) -> str | None:
    """The identifier that ends, blanks aside, at ``end``: the whole word (``\\w`` characters) before it, which must
    start with an ASCII letter or an underscore, as ``\\b[A-Za-z_]\\w*\\s*`` reads it."""
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end] if start < end and text[start] in _NAME_START else None

"""The call-site index finds exactly the sites the plain pattern ``\\b([A-Za-z_]\\w*)\\s*\\.\\s*call\\s*\\(`` finds,
though it looks for ``.call(`` first and reads the name backwards."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from linter.model import ApiCall, Export, FileKind, SourceFile
from linter.resolve.call_sites import CallSites, index_call_sites

_REFERENCE = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*call\s*\(")
_PARENS = re.compile(r"[()]")
_NAMED_ARGUMENT = re.compile(r"\b([A-Za-z_]\w*)\s*:(?!:)")
NAMES = ["GetItemsCall", "getItemsCall", "_PrivCall", "Call", "call", "x9", "éCall"]


def _reference_index(export: Export) -> dict[str, list[frozenset[str]]]:
    names = {
        name for call in export.calls for name in (call.class_name, call.class_name[:1].lower() + call.class_name[1:])
    }
    arguments: dict[str, list[frozenset[str]]] = {}
    for file in export.files:
        if file.kind is not FileKind.DART or ".call" not in file.text:
            continue
        text = file.text
        for match in _REFERENCE.finditer(text):
            if match.group(1) not in names:
                continue
            depth, end = 1, len(text)
            for paren in _PARENS.finditer(text, match.end()):
                depth += 1 if paren.group() == "(" else -1
                if not depth:
                    end = paren.start()
                    break
            arguments.setdefault(match.group(1), []).append(frozenset(_NAMED_ARGUMENT.findall(text, match.end(), end)))
    return arguments


def _export(texts: list[str]) -> Export:
    export = Export(Path("/app"), "app")
    for index, text in enumerate(texts):
        export.files.append(SourceFile(Path(f"/app/lib/p{index}.dart"), f"lib/p{index}.dart", FileKind.DART, text))
    calls_file = SourceFile(Path("/app/lib/api_calls.dart"), "lib/api_calls.dart", FileKind.API_CALLS, "")
    for name in NAMES:
        export.calls.append(ApiCall(name=name, class_name=name, file=calls_file, span=calls_file.span(0)))
    return export


PIECES = [
    *NAMES, "Get", "Items", "Call", "9", "ab$", "$", "_", "é", "x", " ", "  ", "\n", "\t", "\u00a0", "\u2003",
    ".", "?.", "..", "call", "caller", "(", ")", "((", "))", "id: 1, ", "name: n", "a::b", ",", ";", "'", "{", "}",
]  # fmt: skip


BLANKS = ["", " ", "\n  ", "\t", "\u00a0", "\u2003"]


def _piece(rng: random.Random) -> str:
    if rng.random() < 0.2:  # something shaped like a call site, often enough to matter
        blank = lambda: rng.choice(BLANKS)  # noqa: E731
        return f"{rng.choice(PIECES)}{rng.choice(NAMES)}{blank()}.{blank()}call{blank()}("
    return rng.choice(PIECES)


@pytest.mark.parametrize("seed", range(6))
def test_index_matches_the_reference_pattern_on_random_text(seed):
    rng = random.Random(seed)
    texts = ["".join(_piece(rng) for _ in range(rng.randint(50, 400))) for _ in range(60)]
    export = _export(texts)
    expected = _reference_index(export)
    assert sum(len(sites) for sites in expected.values()) > 100
    assert index_call_sites(export).arguments == expected


def test_index_handles_the_shapes_widgets_use():
    texts = [
        "await GetItemsCall.call(id: 1, name: x);",
        "final r = await getItemsCall\n    .call(\n  token: t,\n  nested: f(a: 1),\n);",
        "x9 . call ( page: 2 )",  # blanks around the dot
        "9x9.call(a: 1) 9GetItemsCall.call(b: 2)",  # a word starting with a digit is no name
        "éCall.call(c: 3) xéCall.call(d: 4)",  # the name must start with an ASCII letter or "_"
        "foo?.call(e: 5) a.call.call(f: 6) Call.caller(g: 7)",
        "_PrivCall.call(",  # unclosed: the arguments run to the end of the file
    ]
    export = _export(texts)
    found = index_call_sites(export)
    assert found.arguments == _reference_index(export)
    assert found.arguments["GetItemsCall"] == [frozenset({"id", "name"})]
    assert found.arguments["getItemsCall"] == [frozenset({"token", "nested", "a"})]
    assert "éCall" not in found.arguments


def test_no_calls_no_sites():
    export = _export(["GetItemsCall.call(id: 1)"])
    export.calls = []
    assert index_call_sites(export).arguments == CallSites().arguments == {}

"""Audit what `fflint check --fix` did to an export: the safe-fix contract on every changed run of text, every
definition file still tokenizes, and every request sends what it sent before (modulo what the contract allows).

Used by tests/test_fix_contract.py on generated exports with planted defects, and by bench/fix_audit.py on real
exports kept outside the repository.
"""

from __future__ import annotations

import difflib
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from linter.encodings import decode
from linter.vocabulary import is_blank

DEFINITION_SUFFIXES = (".dart", ".js", ".json", ".yaml", ".yml")
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[tnrfvb])")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes)."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _text(data: bytes) -> str | None:
    try:
        return decode(data)[0]
    except UnicodeDecodeError:
        return None


def _unescaped(text: str) -> str:
    def replace(found: re.Match[str]) -> str:
        escape = found.group(1)
        if escape.startswith("u{"):
            return chr(int(escape[2:-1], 16))
        if escape[0] in "ux":
            return chr(int(escape[1:], 16))
        return {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "b": "\b"}[escape]

    return _ESCAPE.sub(replace, text)


def _no_blanks(text: str) -> str:
    return "".join(char for char in _unescaped(text) if not is_blank(char))


def _change_allowed(old: str, new: str) -> bool:
    """One changed run of text, judged by the contract: blanks removed, case folded, utf8 written utf-8, or a
    whole map entry removed."""
    if _no_blanks(old) == _no_blanks(new) and len(_unescaped(new)) <= len(_unescaped(old)):
        return True
    if old.casefold() == new.casefold():
        return True
    if re.fullmatch(r"(?i)utf_?8", old) and new == "utf-8":
        return True
    # Otherwise only a whole entry (with its comma and line) may go.
    return new.strip() == "" and re.search(r"""['"`]?[\w-][^:\n]*['"`]?\s*:""", old) is not None


def contract_violations(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Changed runs of text that a safe fix may not make, as 'path: old -> new' (each side cut to 40 chars)."""
    problems = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        if path not in before or path not in after:
            problems.append(f"{path}: file {'created' if path in after else 'deleted'}")
            continue
        old_text, new_text = _text(before[path]), _text(after[path])
        if old_text is None or new_text is None:
            problems.append(f"{path}: not text")
            continue
        if before[path][:3] != after[path][:3] and b"\xef\xbb\xbf" in (before[path][:3], after[path][:3]):
            problems.append(f"{path}: byte-order mark changed")
        if ("\r\n" in old_text) != ("\r\n" in new_text):
            problems.append(f"{path}: line endings changed")
        problems += [f"{path}: {old[:40]!r} -> {new[:40]!r}" for old, new in _changes(old_text, new_text)]
    return problems


def _changes(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """Changed runs that the contract does not allow: lines are matched first, then characters inside each
    changed block (a character diff of a whole 250 KB file would take minutes)."""
    old_lines, new_lines = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    refused = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        old_block, new_block = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "delete":
            if not _change_allowed(old_block, ""):
                refused.append((old_block, ""))
            continue
        matcher = difflib.SequenceMatcher(None, old_block, new_block, autojunk=False)
        for kind, k1, k2, l1, l2 in matcher.get_opcodes():
            if kind == "equal":
                continue
            old, new = _widen(old_block, new_block, k1, k2, l1, l2)
            if not _change_allowed(old, new):
                refused.append((old, new))
    return refused


def _widen(old_text: str, new_text: str, i1: int, i2: int, j1: int, j2: int) -> tuple[str, str]:
    """A changed run extended to whole words, so that a case fold ('JSON' -> 'json') is judged as a word and a
    removed entry as a whole line."""
    while i1 > 0 and j1 > 0 and old_text[i1 - 1].isalnum() and new_text[j1 - 1] == old_text[i1 - 1]:
        i1, j1 = i1 - 1, j1 - 1
    while i2 < len(old_text) and j2 < len(new_text) and old_text[i2].isalnum() and new_text[j2] == old_text[i2]:
        i2, j2 = i2 + 1, j2 + 1
    return old_text[i1:i2], new_text[j1:j2]


def tokenize_problems(files: dict[str, bytes]) -> list[str]:
    """Definition files that no longer tokenize: Dart and JS with fflint's tokenizers, JSON with the standard
    library, YAML with ruamel.yaml."""
    from ruamel.yaml import YAML

    from linter.extract.dart_lexer import DartLexer, DartSyntaxError
    from linter.extract.js import JsSyntaxError, js_tokens

    problems = []
    for path, data in sorted(files.items()):
        if not path.endswith(DEFINITION_SUFFIXES) or "/build/" in f"/{path}" or "node_modules/" in path:
            continue
        text = _text(data)
        if text is None:
            continue
        try:
            if path.endswith(".dart"):
                DartLexer(text).tokens()
            elif path.endswith(".js"):
                js_tokens(text)
            elif path.endswith(".json"):
                json.loads(text)
            else:
                list(YAML(typ="safe", pure=True).load_all(text))
        except (DartSyntaxError, JsSyntaxError, ValueError, RecursionError) as error:
            problems.append(f"{path}: {type(error).__name__}")
        except Exception as error:  # ruamel's own error classes
            problems.append(f"{path}: {type(error).__name__}")
    return problems


def tokenizes_before(files: dict[str, bytes]) -> set[str]:
    """Paths that did not tokenize to begin with (real exports hold broken JSON; only new breakage counts)."""
    return {problem.split(": ")[0] for problem in tokenize_problems(files)}


def _norm(text: str | None) -> str:
    if text is None:
        return ""
    folded = re.sub(r"(?i)utf_?8", "utf-8", text)
    return "".join(char for char in folded if not is_blank(char)).casefold()


def _value(value) -> str:
    from linter.model import Template

    if value is None:
        return ""
    return _norm(value.text) if isinstance(value, Template) else _norm(value.source)


def request_signatures(root: Path) -> dict[str, object]:
    """What each call sends and each environment holds, normalized as the safe-fix contract allows: blanks
    removed and case folded. A safe fix must leave these equal."""
    from linter.engine import LintOptions, lint
    from linter.resolve import resolve

    result = lint([root], LintOptions(codes=set()))
    signatures: dict[str, object] = {}
    for export in result.exports:
        for index, call in enumerate(export.calls):
            headers = sorted(
                (_value(header.name), _value(header.value)) for header in resolve(export).request(call).headers
            )
            params = sorted((_value(param.key), _value(param.value)) for param in call.params)
            signatures[f"{export.relroot}#{index}:{call.name}"] = (
                call.method,
                call.body_type,
                _value(call.url),
                _value(call.base_url),
                headers,
                params,
                _value(call.body),
            )
        for index, environment in enumerate(export.environments):
            values = sorted((_norm(value.key), _value(value.value)) for value in environment.values)
            signatures[f"{export.relroot}#env{index}:{environment.name}"] = values
    return signatures


# -- planting fixable defects into an export -------------------------------------------------------------------


@dataclass
class Planted:
    codes: list[str] = field(default_factory=list)  # rule codes whose safe fixes the plants exercise


def _replace_once(text: str, pattern: str, replacement, rng: random.Random, flags: int = 0) -> tuple[str, bool]:
    """Replace one match of ``pattern`` chosen by ``rng``."""
    matches = list(re.finditer(pattern, text, flags))
    if not matches:
        return text, False
    found = rng.choice(matches)
    new = found.expand(replacement) if isinstance(replacement, str) else replacement(found)
    return text[: found.start()] + new + text[found.end() :], True


def plant_fixable_defects(root: Path, seed: int = 0) -> Planted:
    """Put one of each safe-fixable defect where this export has a place for it (calls, private JS, environment
    values, Project YAML), in the shapes the generator writes: FlutterFlow users make these by pasting."""
    rng = random.Random(seed)
    planted = Planted()

    def edit(path: Path, pattern: str, replacement, code: str, flags: int = re.M) -> None:
        if not path.is_file():
            return
        data = path.read_bytes()
        text, encoding = decode(data)
        new, changed = _replace_once(text, pattern, replacement, rng, flags)
        if changed:
            from linter.encodings import encode

            path.write_bytes(encode(new, encoding))
            planted.codes.append(code)

    calls = root / "lib/backend/api_requests/api_calls.dart"
    # Inside a call's own header map (a line with 6+ spaces of indent), not a 2024 group template.
    edit(calls, r"^( {6,}'Authorization': 'Bearer) (\$\{)", r"\1  \2", "A002")
    edit(calls, r"^( {6,}'Authorization': ')Bearer( \$\{)", r"\1bearer\2", "A002")
    edit(calls, r"^( {6,}'Content-Type': 'application/)json'", r"\1JSON'", "C003")
    edit(calls, r"^( {6,}'Accept)(': )", r"\1 \2", "H001")
    edit(
        calls,
        r"^( {6,})'((?!Authorization|Content-Type|Accept|callName)[A-Za-z][\w-]*)': '([^'$\\\n]{2,})',$",
        lambda m: f"{m.group(1)}'{m.group(2)}': '{m.group(3)}\\t',",
        "H003",
    )
    edit(
        calls,
        r"^( {6,})'(Accept|X-[\w-]+)': ('[^'\n]*'),\n",
        lambda m: f"{m.group(1)}'{m.group(2).lower()}': 'stale-{m.group(2).lower()}',\n{m.group(0)}",
        "H004",
    )
    edit(calls, r"(apiUrl: ')(https://)", r"\1 \2", "U004")
    if calls.is_file() and "Group.headers," in calls.read_text(encoding="utf-8", errors="replace"):
        # 2023: the group's own map is spread into its calls, so it is sent (and checked once, at the group).
        edit(calls, r"^(    )'(X-[\w-]+|Accept)': '([^'$\\\n]+)',$", r"\1'\2': '\3\\u200b',", "H003")
    js = root / "firebase/functions/api_manager.js"
    edit(
        js,
        r"^( +)(Accept|Authorization): (`[^`\n]*`),\n",
        lambda m: f"{m.group(1)}{m.group(2).lower()}: `stale`,\n{m.group(0)}",
        "H004",
    )
    environment = root / "assets/environment_values/environment.json"
    edit(environment, r'^(\s*"\w+": "[^"\n]+)(")', "\\1 \\2", "E005")
    for endpoint in sorted((root / "api-endpoint").glob("*.yaml")) if (root / "api-endpoint").is_dir() else []:
        edit(endpoint, r"""^(\s*- )(["'])(Content-Type: application/json)\2$""", r"\1\2\3; charset=utf8\2", "C003")
        edit(endpoint, r"""^(\s*- )(["'])Authorization: (.*)\2\n""", r"\1\2authorization: stale\2\n\g<0>", "H004")
        break
    settings = root / "environment-settings.yaml"
    edit(settings, r"(serializedValue: ')(https://)", r"\1 \2", "E005")
    return planted


def copy_export(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target

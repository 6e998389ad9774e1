"""Hypothesis properties for every extractor and for the CLI.

Inputs are the fixture definition files with token splices (the pieces each language is built from, in any order)
plus free token soup. What must hold, per extractor:

- Dart (``extract_dart_api``): returns, or raises ``DartSyntaxError`` at an offset inside the text; nothing else.
- JS (``JsApiExtractor``): returns, or raises ``JsSyntaxError`` inside the text.
- environment JSON (``json_environment``), .env (``parse_dotenv``), environment_values.dart
  (``parse_env_definition``), Project YAML (``extract_project_yaml``): never raise; what json.loads or ruamel.yaml
  rejects comes back as a located error.
- every model span lies inside its file and literal segments are exact source slices (``harness.model_problems``).
- the CLI (click's CliRunner on ``linter.cli.cli``) with any mix of options and junk values exits 0, 1 or 2, never
  with an uncaught exception.

    python fuzz/fuzz_fflint.py --hypothesis --inputs 20000 --minutes 10 [--target dart]
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness import REPO_ROOT, SEEDS, TARGETS, model_problems, reference_rejects_text, run_cli
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from linter.cli import FORMATS
from linter.extract.dart import extract_dart_api
from linter.extract.dart_lexer import DartSyntaxError
from linter.extract.dotenv import parse_dotenv
from linter.extract.env_values import json_environment, parse_env_definition
from linter.extract.js import JsApiExtractor, JsSyntaxError
from linter.extract.project_yaml import extract_project_yaml
from linter.model import Export, FileKind, SourceFile

VIRTUAL_ROOT = Path("/nonexistent/fflint-fuzz")
CHARACTERS = st.characters(exclude_categories=("Cs",))  # a decoded file never holds a lone surrogate

TOKENS = {
    "dart": [
        "class ", "static ", "Future<ApiCallResponse> ", "call(", "({", "})", ")", "(", "{", "}", "[", "]", ";", ",",
        "'", '"', "'''", '"""', "r'", "${", "$", "\\", "\\'", "\\u{1F600}", "\\x4", "//", "/*", "*/", "\n", "\r\n",
        "=>", "async ", "return ", "ApiManager.instance.makeApiCall(", "callName: ", "apiUrl: ", "headers: ",
        "params: ", "body: ", "bodyType: BodyType.JSON", "callType: ApiCallType.POST", "...", "String? token = ''",
        "'Authorization': 'Bearer ${token}'", "baseUrl", "static String getBaseUrl() =>", "ApiPagingParams",
        "escapeStringForJson(x)", "Group.", "get ", "final ", "const ", "ffPrivateApiCall", "null", "true",
    ],
    "js": [
        "function ", "async ", "const ", "let ", "var ", "return ", "=>", "(", ")", "{", "}", "[", "]", ";", ",",
        ":", "'", '"', "`", "${", "\\", "\\`", "\\u{1F600}", "/re[/]x/g", "/", "//", "/*", "*/", "\n", "axios(",
        "axios.request(", "fetch(", "headers: ", "method: ", "url: ", "data: ", "params: ", "'Authorization'",
        "`Bearer ${token}`", "module.exports", "exports.", "callName", "ffVariables", "async function _getCall(c) {",
        "const callMap = {", "return await makeApiRequest({", "?.", "??", "...", "=", "+", "0x1f", "1e9",
    ],
    "dotenv": [
        "KEY", "API_KEY", "export ", "=", " = ", "'", '"', "`", "#", " # note", "${", "}", "$OTHER", "\\", "\\n",
        "\n", "\r\n", "\t", " ", "value", "https://api.example.com", "=====", "\x00", "\ufeff",
    ],
    "yaml": [
        "\n", "  ", "- ", ": ", "? ", "{", "}", "[", "]", ",", "'", '"', "''", "\\", "#", "|", ">", "|-", "&a ", "*a",
        "!!str ", "!tag ", "---", "...", "%YAML 1.2\n", "identifier:", "name: ", "key: ", "url: ", "callType: ",
        "headers:", "- 'Authorization: Bearer [token]'", "valuesMap:", "PROD: ", "serializedValue: ",
        "environmentValues:", "currentEnvironment:", "\t", "\ufeff", "~", "null", "@", "`",
    ],
    "json": [
        "{", "}", "[", "]", ",", ":", '"', '\\"', "\\u00", "\\ud800", "true", "false", "null", "NaN", "Infinity",
        "-", "1e999", "0", '"apiKey"', '"https://api.example.com"', " ", "\n", "\t", "//", "\ufeff",
    ],
}  # fmt: skip
TOKENS["env-dart"] = [*TOKENS["dart"], "String get ", "_apiBase = data['apiBase']", "String.fromEnvironment('X')"]

SEED_FILES = {
    "dart": TARGETS["dart"],
    "js": TARGETS["js"],
    "dotenv": TARGETS["dotenv"],
    "yaml": TARGETS["yaml-endpoint"],
    "json": TARGETS["env-json"],
    "env-dart": TARGETS["env-dart"],
}


def _seed_text(extractor: str) -> str:
    target = SEED_FILES[extractor]
    return (SEEDS / target.seed / target.relpath).read_text(encoding="utf-8")


def inputs(extractor: str) -> st.SearchStrategy[str]:
    """The seed file with token splices (insert, delete, replace), or free token soup."""
    text = _seed_text(extractor)
    token = st.sampled_from(TOKENS[extractor]) | st.text(CHARACTERS, max_size=4)
    soup = st.lists(token, max_size=60).map("".join)
    edit = st.tuples(st.floats(0, 1), st.integers(0, 12), soup)

    def apply(edits: list[tuple[float, int, str]]) -> str:
        result = text
        for where, drop, insert in edits:
            at = int(where * len(result))
            result = result[:at] + insert + result[at + drop :]
        return result

    return st.one_of(st.lists(edit, min_size=1, max_size=6).map(apply), soup)


def json_documents() -> st.SearchStrategy[str]:
    """Valid JSON of any shape (an environment must be a flat object), sometimes spliced."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    values = st.recursive(scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text(max_size=8), inner))
    return values.map(json.dumps) | inputs("json")


def _file(relpath: str, kind: FileKind, text: str) -> SourceFile:
    return SourceFile(VIRTUAL_ROOT / relpath, relpath, kind, text)


def _export(file: SourceFile) -> Export:
    return Export(VIRTUAL_ROOT, VIRTUAL_ROOT.as_posix(), files=[file])


def _assert_clean(export: Export) -> None:
    problems = model_problems(export)
    assert not problems, problems


def dart_extracts(text: str) -> None:
    file = _file(TARGETS["dart"].relpath, FileKind.API_CALLS, text)
    try:
        extraction = extract_dart_api(file)
    except DartSyntaxError as error:
        assert 0 <= error.offset <= len(text), error.offset
        return
    export = _export(file)
    export.groups, export.calls = extraction.groups, extraction.calls
    _assert_clean(export)


def js_extracts(text: str) -> None:
    file = _file(TARGETS["js"].relpath, FileKind.PRIVATE_JS, text)
    try:
        extractor = JsApiExtractor(file)
        extractor.call_map()
        found = [extractor.extract(name) for name in sorted(extractor.functions)]
    except JsSyntaxError as error:
        assert 0 <= error.offset <= len(text), error.offset
        return
    for call in filter(None, found):
        for value in [call.url, call.base_url, call.body, *(h.value for h in call.headers)]:
            start, end = getattr(value, "start", 0), getattr(value, "end", 0)
            assert 0 <= start <= end <= len(text), (call.function, start, end)


def env_json_reads(text: str) -> None:
    file = _file(TARGETS["env-json"].relpath, FileKind.ENV_JSON, text)
    environment = json_environment(file, "environment", "env-json")
    export = _export(file)
    export.environments.append(environment)
    _assert_clean(export)
    if environment.error is None:
        assert reference_rejects_text("json", text) is None


def dotenv_reads(text: str) -> None:
    file = _file(TARGETS["dotenv"].relpath, FileKind.DOTENV, text)
    export = _export(file)
    export.environments.append(parse_dotenv(file))
    _assert_clean(export)


def env_dart_reads(text: str) -> None:
    definition = parse_env_definition(_file(TARGETS["env-dart"].relpath, FileKind.ENV_VALUES_DART, text))
    for getter in definition.getters.values():
        assert 0 <= getter.span.start <= getter.span.end <= len(text)


def yaml_reads(text: str) -> None:
    for relpath in ("api-endpoint/id-fuzz.yaml", "environment-settings.yaml", "app-constants.yaml"):
        file = _file(relpath, FileKind.PROJECT_YAML, text)
        export = _export(file)
        started = time.process_time()
        extract_project_yaml(export)
        assert time.process_time() - started < 5.0, "super-linear YAML"
        _assert_clean(export)
        if not export.parse_errors:
            assert reference_rejects_text("yaml", text) is None, relpath


OPTIONS = [
    "--format", "--select", "--extend-select", "--ignore", "--fail-on", "--exit-zero", "--statistics", "-q",
    "--now", "--diff", "--unsafe-fixes", "--jobs", "--no-config", "--config", "--baseline", "-o",
]  # fmt: skip
FLAGS = ("--exit-zero", "--statistics", "-q", "--diff", "--unsafe-fixes", "--no-config")
VALUES = [*FORMATS, "A", "S0", "A002,H", "warning", "info", "2026-11-28", "0", "2"]


def cli_command_lines(example: Path, scratch: Path) -> st.SearchStrategy[list[str]]:
    junk = st.text(CHARACTERS, max_size=12).filter(lambda value: "\0" not in value)
    option = st.tuples(st.sampled_from(OPTIONS), st.sampled_from(VALUES) | junk)
    paths = st.sampled_from([str(example), str(example / "lib"), str(scratch / "missing"), str(scratch)])

    def build(command: str, path: str, chosen: list[tuple[str, str]]) -> list[str]:
        args = [command, path] if command != "check" else [command, path, "--no-cache"]
        for name, value in chosen:
            if name in ("-o", "--config", "--baseline"):
                value = str(scratch / "out" / value.replace("/", "_"))
            args += (
                [name] if name in ("--exit-zero", "--statistics", "-q", "--diff", "--unsafe-fixes") else [name, value]
            )
        return args

    commands = st.sampled_from(["check", "check", "check", "lint", "calls", "explain", "rules"])
    return st.builds(build, commands, paths, st.lists(option, max_size=4))


def cli_survives(args: list[str]) -> None:
    failure = run_cli(args)
    assert failure is None, failure


def _properties(scratch: Path) -> dict[str, tuple[Callable[[str], None], st.SearchStrategy]]:
    example = scratch / "acme-shop"
    if not example.exists():
        shutil.copytree(REPO_ROOT / "examples" / "acme-shop", example)
        (scratch / "out").mkdir()
    return {
        "dart": (dart_extracts, inputs("dart")),
        "js": (js_extracts, inputs("js")),
        "env-json": (env_json_reads, json_documents()),
        "dotenv": (dotenv_reads, inputs("dotenv")),
        "env-dart": (env_dart_reads, inputs("env-dart")),
        "yaml": (yaml_reads, inputs("yaml")),
        "cli": (cli_survives, cli_command_lines(example, scratch)),
    }


PROPERTY_NAMES = ("dart", "js", "env-json", "dotenv", "env-dart", "yaml", "cli")


def check_property(name: str, examples: int, seed_value: int, scratch: Path, count: list[int] | None = None) -> None:
    """Run one property for ``examples`` inputs, adding each to ``count``; raises on the first (shrunk) failure."""
    function, strategy = _properties(scratch)[name]
    count = count if count is not None else [0]

    @seed(seed_value)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(strategy)
    def run(value) -> None:
        count[0] += 1
        function(value)

    run()


def run_properties(inputs_per_property: int, seed_value: int, names: list[str] | None, *, minutes: float | None) -> int:
    """Batches of 1,000 examples with successive seeds until the inputs or the minutes are used up."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="fflint-props-") as scratch:
        for name in names or PROPERTY_NAMES:
            started, done, batch = time.perf_counter(), [0], 0
            deadline = started + minutes * 60 if minutes else float("inf")
            try:
                while done[0] < inputs_per_property and time.perf_counter() < deadline:
                    examples = min(1000, inputs_per_property - done[0])
                    check_property(name, examples, seed_value * 1_000 + batch, Path(scratch), done)
                    batch += 1
                outcome = "ok"
            except Exception as error:  # hypothesis prints the shrunk input; the assertion names the problem
                failures += 1
                outcome = f"FAILED: {type(error).__name__}: {str(error)[:300]}"
            seconds = time.perf_counter() - started
            print(f"{name:10} hypothesis inputs={done[0]} {outcome} ({seconds:.1f} s)", flush=True)
    return 1 if failures else 0

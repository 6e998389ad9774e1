"""Project YAML (FlutterFlow Project API): endpoints as ApiCalls, environments, config values, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from linter.discover import discover
from linter.engine import LintOptions, lint, load_export
from linter.extract.yaml_spans import scalar_template
from linter.model import ContentTypeMode, Export, FileKind, SourceFile
from linter.resolve import env_value
from tests.support import FIXTURES

FIXTURE = FIXTURES / "project_yaml" / "harbor"


def load(root: Path) -> Export:
    return load_export(discover([root]).exports[0])


def test_folder_without_pubspec_is_an_export_root():
    discovery = discover([FIXTURE])
    assert [files.root for files in discovery.exports] == [FIXTURE.resolve()]
    kinds = {path.name: kind for path, kind in discovery.exports[0].files}
    assert set(kinds.values()) == {FileKind.PROJECT_YAML}


def test_endpoint_becomes_an_api_call():
    export = load(FIXTURE)
    assert export.content_type_mode is ContentTypeMode.IF_UNSET
    call = next(call for call in export.calls if call.name == "CreateBooking")
    assert (call.class_name, call.method, call.body_type) == ("CreateBookingCall", "POST", "JSON")
    assert (call.span.line, call.span.col) == (2, 9)
    assert call.url.text == "https://api.harbor.example/bookings/[berthId]"
    assert [expr for _, _, expr in call.url.interpolations] == ["berthId"]  # a declared variable
    assert [(v.name, v.type, v.default.text) for v in call.variables] == [
        ("berthId", "String", "B-17"),
        ("token", "String", ""),
    ]
    token = call.variables[1]
    assert (token.span.line, token.span.col) == (13, 13)
    # body: <berthId> names a variable, <note> does not and stays literal text
    assert '"note": "<note>"' in call.body.text
    assert [expr for _, _, expr in call.body.interpolations] == ["berthId"]


def test_headers_split_at_the_first_colon_with_exact_spans():
    export = load(FIXTURE)
    call = next(call for call in export.calls if call.name == "CreateBooking")
    text = call.file.text
    auth, content_type = call.headers
    assert (auth.name.text, auth.value.text) == ("Authorization", "Bearer [token]")
    assert text[auth.name.start : auth.name.end] == "Authorization"
    assert text[auth.value.start : auth.value.end] == "Bearer [token]"
    assert auth.value.interpolations == [(7, 14, "token")]
    assert (auth.value.span().line, auth.value.span().col) == (20, 21)
    assert (content_type.name.text, content_type.value.text) == ("Content-Type", "application/json")
    assert text[content_type.value.start : content_type.value.end] == "application/json"


def test_legacy_headers_and_unknown_placeholder():
    export = load(FIXTURE)
    call = next(call for call in export.calls if call.name == "ListBerths")
    assert call.body_type == "NONE" and call.method == "GET"
    (header,) = call.headers
    assert (header.name.text, header.value.text, header.value.span().line) == ("X-Harbor-Client", "mobile", 12)
    assert call.variables[0].type == "Integer"


def test_environments_for_every_key():
    export = load(FIXTURE)
    prod, dev = export.environments
    assert (prod.name, prod.key, prod.current) == ("Production", "PROD", True)
    assert (dev.name, dev.key, dev.current) == ("DEV", "DEV", False)
    assert [(v.key, v.value.text, v.private) for v in prod.values] == [
        ("BaseUrl", "https://api.harbor.example", False),
        ("MapsStyle", "nautical", False),
    ]
    base = dev.get("BaseUrl").value
    assert dev.file.text[base.start : base.end] == '"http://10.0.2.2:8080"'
    assert (base.span().line, base.span().col) == (10, 30)
    assert dev.get("MapsStyle").value.span().line == 22
    assert env_value(export, "BaseUrl").value.text == "https://api.harbor.example"
    assert [(v.key, v.value.text) for v in export.config_values] == [("supportEmail", "help@harbor.example")]


SCALARS = [
    'k: "tab\\there \\u00e9\\x41 end"\n',
    'k: "escaped \\\n    break"\n',
    "k: 'it''s\n  folded\n\n  twice '\n",
    "k: plain text   # comment\n",
    "k: plain\n  continued\n",
    "k: |\n  line one\n    indented\n\n",
    "k: |-\r\n  crlf one\r\n  crlf two\r\n",
    "k: >\n  folded\n  block\n",
    "k: {name: 'flow \"map\"', key: x}\n",
]


@pytest.mark.parametrize("text", SCALARS)
def test_scalar_templates_map_every_literal_character(text):
    root = YAML().compose(text)
    node = root.value[0][1]
    if node.id == "mapping":
        node = node.value[0][1]
    file = SourceFile(Path("x.yaml"), "x.yaml", FileKind.PROJECT_YAML, text=text)
    template = scalar_template(file, node)
    assert template.text == node.value
    for segment in template.segments:
        if segment.kind == "lit":
            assert text[segment.start : segment.end] == segment.text
    assert template.start == node.start_mark.index and template.end == node.end_mark.index


def test_yaml_parse_error_is_located_and_other_files_still_read(tmp_path):
    root = tmp_path / "yaml"
    (root / "api-endpoint").mkdir(parents=True)
    (root / "api-endpoint" / "id-aa.yaml").write_text("identifier: {name: Broken\nurl: [x\n")
    (root / "api-endpoint" / "id-bb.yaml").write_text(
        "identifier: {name: Fine, key: bb}\nurl: https://api.example.org/x\ncallType: GET\n"
    )
    result = lint([root], LintOptions(codes={"D001"}))
    (finding,) = result.findings
    assert finding.span.path.endswith("id-aa.yaml") and finding.span.line == 2
    assert [call.name for call in result.exports[0].calls] == ["Fine"]


def test_earlier_rule_families_run_on_yaml_calls(tmp_path):
    root = tmp_path / "yaml"
    (root / "api-endpoint").mkdir(parents=True)
    (root / "api-endpoint" / "id-cc.yaml").write_text(
        "identifier: {name: Glued, key: cc}\n"
        "url: https://api.example.org/x\n"
        "callType: POST\n"
        "variables:\n"
        "  - identifier: {name: token, key: t1}\n"
        "    type: String\n"
        "    testValue: 'Zt4nQ8wE2rY7uI1oP5aS9dF3gH6jK0lX'\n"
        "bodyType: MULTIPART\n"
        "headers:\n"
        '  - "Authorization: Bearer[token]"\n'
        '  - "Accept : application/json"\n'
        "  - 'Content-Type: application/json'\n"
    )
    result = lint([root], LintOptions())
    codes = {(finding.code, finding.span.line) for finding in result.findings}
    assert ("A002", 10) in codes  # no space between the scheme and the variable
    assert ("H001", 11) in codes  # "Accept " (space before the colon) is not a valid header name
    assert any(code == "S004" and line == 7 for code, line in codes)  # the test value is a credential
    assert any(code.startswith("C") for code, _ in codes)  # application/json on a MULTIPART upload
    a002 = next(f for f in result.findings if f.code == "A002")
    assert a002.fix is not None
    edit = a002.fix.edits[0]
    text = (root / "api-endpoint" / "id-cc.yaml").read_text()
    assert text[: edit.start].endswith("Bearer") and edit.replacement == " "


def test_environment_schema_violations_are_located(tmp_path):
    root = tmp_path / "yaml"
    root.mkdir()
    (root / "environment-settings.yaml").write_text(
        "currentEnvironment: {name: Production, key: PROD}\n"
        "environmentValues:\n"
        "  - parameter:\n"
        "      identifier: {name: BaseUrl, key: k1}\n"
        "    valuesMap:\n"
        "      PROD: {serializedValue: 'https://api.example.org'}\n"
        "    isPrivate: maybe\n"
    )
    result = lint([root], LintOptions(codes={"D001"}))
    (finding,) = result.findings
    assert (finding.span.line, finding.span.col) == (7, 16) and "isPrivate" in finding.message


def test_yaml_folder_inside_a_dart_export_belongs_to_it(tmp_path):
    from tests.support.exportkit import write_export

    root = write_export(
        tmp_path / "app",
        {"flutterflow/environment-settings.yaml": "currentEnvironment: {name: Production, key: PROD}\n"},
    )
    discovery = discover([tmp_path])
    assert [files.root for files in discovery.exports] == [root.resolve()]

"""The normal case must stay silent: generated POST/PUT/PATCH calls with bodies and body types, no Content-Type."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from linter.engine import LintOptions, lint
from tests.support.exportkit import API_CALLS, write_export

C_CODES = {"C001", "C002", "C003", "C004", "C005", "C006", "C007"}
METHODS = ("POST", "PUT", "PATCH")
BODY_TYPES = ("JSON", "JSON", "TEXT", "X_WWW_FORM_URL_ENCODED", "MULTIPART")
FIELDS = ("title", "email", "amount", "ratio", "enabled", "payload", "labels", "note")
TYPES = {
    "title": "String",
    "email": "String",
    "amount": "int",
    "ratio": "double",
    "enabled": "bool",
    "payload": "dynamic",
    "labels": "List<String>",
    "note": "String",
}


def _json_body(rng: random.Random, fields: list[str], era: str) -> str:
    lines = []
    for name in fields:
        kind = TYPES[name]
        if kind == "String":
            value = f"${{escapeStringForJson({name})}}" if era == "2025" else f"${{{name}}}"
            lines.append(f'  "{name}": "{value}"')
        elif kind == "dynamic":
            lines.append(f'  "{name}": ${{{name}Json}}')
        elif kind.startswith("List"):
            lines.append(f'  "{name}": ${{{name}List}}')
        else:
            lines.append(f'  "{name}": ${{{name}}}')
    nested = rng.random() < 0.3
    if nested:
        lines.append('  "meta": {\n    "source": "app",\n    "tags": ["a", "b"]\n  }')
    return "{\n" + ",\n".join(lines) + "\n}"


def _call(rng: random.Random, index: int, era: str, group: str | None) -> str:
    method = METHODS[index % 3]
    body_type = BODY_TYPES[index % len(BODY_TYPES)]
    fields = rng.sample(FIELDS, rng.randint(1, 5))
    params = [f"{TYPES[f]}? {f}" for f in fields if TYPES[f] not in ("dynamic",) and not TYPES[f].startswith("List")]
    params += [f"dynamic {f}Json" for f in fields if TYPES[f] == "dynamic"]
    params += [f"List<String>? {f}List" for f in fields if TYPES[f].startswith("List")]
    params.append("String? token = ''")
    if body_type == "MULTIPART":
        params.append("FFUploadedFile? file")
    class_name = f"Op{index}Call"
    url = f"'https://api{index % 7}.example.com/v1/items/{index}'"
    headers = ["'Authorization': 'Bearer ${token}'", "'Accept': 'application/json'"]
    spread = ""
    if group and era == "2023":
        spread = f"...{group}.headers, "
        url = f"'${{{group}.baseUrl}}/items/{index}'"
    body_lines = ""
    body_args = ""
    call_params = "{}"
    if body_type == "JSON":
        body_lines = f"    final ffApiRequestBody = '''\n{_json_body(rng, fields, era)}''';\n"
        body_args = "      body: ffApiRequestBody,\n"
    elif body_type == "TEXT":
        body_lines = "    final ffApiRequestBody = '''\nnote=${token}''';\n"
        body_args = "      body: ffApiRequestBody,\n"
    elif body_type == "X_WWW_FORM_URL_ENCODED":
        call_params = "{" + ", ".join(f"'{f}': {f}" for f in fields if TYPES[f] == "String") + "}"
    else:
        call_params = "{'file': file, 'caption': token}"
    flags = "      encodeBodyUtf8: false,\n" if era != "2022" else ""
    if era in ("2024", "2025"):
        flags += "      isStreamingApi: false,\n      alwaysAllowBody: false,\n"
    return f"""class {class_name} {{
  static Future<ApiCallResponse> call({{
    {", ".join(params)},
  }}) async {{
{body_lines}    return ApiManager.instance.makeApiCall(
      callName: 'op{index}',
      apiUrl: {url},
      callType: ApiCallType.{method},
      headers: {{{spread}{", ".join(headers)}}},
      params: {call_params},
{body_args}      bodyType: BodyType.{body_type},
      returnBody: true,
{flags}    );
  }}
}}
"""


def generated_calls(era: str, count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = []
    group = None
    if era == "2023":
        group = "CoreGroup"
        parts.append(
            "class CoreGroup {\n  static String baseUrl = 'https://core.example.com/v2';\n"
            "  static Map<String, String> headers = {\n    'Authorization': 'Bearer [token]',\n  };\n}\n"
        )
    parts.extend(_call(rng, index, era, group) for index in range(count))
    # A few bodiless calls of the usual kinds, too.
    parts.append(
        "class ListAllCall {\n  static Future<ApiCallResponse> call() async {\n"
        "    return ApiManager.instance.makeApiCall(\n      callName: 'listAll',\n"
        "      apiUrl: 'https://api.example.com/all',\n      callType: ApiCallType.GET,\n"
        "      headers: {'Accept': 'application/json'},\n      params: {},\n      returnBody: true,\n    );\n  }\n}\n"
    )
    return "".join(parts)


@pytest.mark.parametrize(
    ("era", "manager"),
    [("2022", "overwrite"), ("2023", "if-unset"), ("2024", "if-unset"), ("2025", "ff-commons")],
)
def test_many_generated_calls_without_content_type_yield_no_c_findings(tmp_path: Path, era, manager):
    count = 120
    root = write_export(tmp_path / "app", {API_CALLS: generated_calls(era, count)}, manager=manager)
    result = lint([root], LintOptions(codes=C_CODES))
    (export,) = result.exports
    assert not export.parse_errors
    sending = [call for call in export.calls if call.sends_body and call.body_type]
    assert len(sending) == count
    assert sum(1 for call in sending if call.body is not None and call.body_type == "JSON") >= 40
    assert result.findings == [], [f"{f.code} {f.message}" for f in result.findings[:5]]


def test_generator_is_not_vacuous(tmp_path: Path):
    """The same generated export with one planted defect per rule family reports exactly those."""
    text = generated_calls("2024", 20)
    text = text.replace("'Accept': 'application/json'", "'Content-Type': 'text/plain'", 1)  # op0: JSON body
    text = text.replace("\n}''';", ",\n}''';", 1)  # a trailing comma in the first JSON body
    root = write_export(tmp_path / "app", {API_CALLS: text})
    codes = sorted({finding.code for finding in lint([root], LintOptions(codes=C_CODES)).findings})
    assert codes == ["C002", "C006"]

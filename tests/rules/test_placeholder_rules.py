"""P001: placeholder styles, where they are legitimate, group maps by era, Project YAML, and the suggested variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks.placeholders import closest_variable
from linter.engine import LintOptions, lint
from linter.model import Variable
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings
from tests.support.shapes import CALLS_2023


def run(tmp_path: Path, files: dict[str, str]):
    return export_findings(tmp_path / "app", files, {"P001"})


def call(url: str = "https://api.example.com/x", header: str = "'Accept': '*/*'", body: str | None = None) -> str:
    body_decl = f"    final ffApiRequestBody = '''\n{body}''';\n" if body is not None else ""
    body_arg = "      body: ffApiRequestBody,\n      bodyType: BodyType.JSON,\n" if body is not None else ""
    return f"""class SaveCall {{
  static Future<ApiCallResponse> call({{String? userId = '', String? authToken = ''}}) async {{
{body_decl}    return ApiManager.instance.makeApiCall(
      callName: 'save',
      apiUrl: '{url}',
      callType: ApiCallType.{"POST" if body is not None else "GET"},
      headers: {{
        {header},
      }},
      params: {{}},
{body_arg}      returnBody: true,
    );
  }}
}}
"""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://api.example.com/users/[userId]/x", "[userId]"),
        ("https://api.example.com/users/{userId}", "{userId}"),
        ("https://api.example.com/users/{{userId}}", "{{userId}}"),
        ("https://api.example.com/users/<userId>", "<userId>"),
        ("https://api.example.com/users?key=YOUR_API_KEY", "YOUR_API_KEY"),
        ("https://api.example.com/users/\\${userId}", "${userId}"),  # an escaped $ sends the braces literally
    ],
)
def test_url_styles(tmp_path, text, shown):
    (finding,) = run(tmp_path, {API_CALLS: call(url=text)})
    assert f"'{shown}'" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "https://api.example.com/items?pagination[page]=1&sort[0]=name",
        "https://api.example.com/items?filters[slug][$eq]=x",
        "https://api.example.com/users/${userId}",
    ],
)
def test_url_not_placeholders(tmp_path, text):
    assert run(tmp_path, {API_CALLS: call(url=text)}) == []


def test_body_suggests_the_close_variable_in_body_syntax(tmp_path):
    (finding,) = run(tmp_path, {API_CALLS: call(body='{\n  "user": "<user_id>"\n}')})
    assert "variable 'userId'" in finding.message and "<userId>" in finding.message


def test_graphql_and_html_bodies_are_not_placeholders(tmp_path):
    graphql = '{\n  "query": "query { user(id: 1) {id name} }"\n}'
    html = '{\n  "html": "<b>Hi</b> <br>"\n}'
    assert run(tmp_path / "g", {API_CALLS: call(body=graphql)}) == []
    assert run(tmp_path / "h", {API_CALLS: call(body=html)}) == []


def test_2023_spread_header_is_reported_once_at_the_group(tmp_path):
    code = CALLS_2023.replace("'Accept': 'application/json',", "'X-Shop': '[shopId]',")
    found = run(tmp_path, {API_CALLS: code})
    assert len(found) == 1  # two calls spread the map: one finding at the group's entry
    lines = (tmp_path / "app" / API_CALLS).read_text().splitlines()
    assert "'X-Shop': '[shopId]'" in lines[found[0].span.line - 1]
    assert "(group)" in (found[0].hint or "")


def test_2024_group_template_is_not_reported(tmp_path):
    fixture = FIXTURES / "eras" / "2024"
    assert [f for f in lint([fixture], LintOptions(codes={"P001"})).findings] == []
    assert "'Bearer [authToken]'" in (fixture / API_CALLS).read_text()


def test_project_yaml_unknown_placeholder_is_reported_known_one_is_not(tmp_path):
    fixture = FIXTURES / "project_yaml" / "harbor"
    found = lint([fixture], LintOptions(codes={"P001"})).findings
    assert [f.message.split("'")[3] for f in found] == ["<note>"]


def test_closest_variable():
    def variable(name: str) -> Variable:
        return Variable(name, "String", None, None, None)  # type: ignore[arg-type]

    candidates = [variable("authToken"), variable("userId"), variable("id")]
    assert closest_variable("auth_token", candidates) == "authToken"
    assert closest_variable("authTokn", candidates) == "authToken"
    assert closest_variable("ids", candidates) == "id"
    assert closest_variable("organisation", candidates) is None


# -- key names and path parameters (P001) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("'Authorization': 'Bearer OPENAI_API_KEY'", "OPENAI_API_KEY"),
        ("'Authorization': 'Key API_KEY_HERE'", "API_KEY_HERE"),
        ("'x-api-key': 'SUPABASE_ANON_KEY'", "SUPABASE_ANON_KEY"),
        ("'X-Auth-Token': ' ACCESS_TOKEN'", "ACCESS_TOKEN"),
    ],
)
def test_a_key_name_in_an_auth_header_is_a_placeholder(tmp_path, header, shown):
    (finding,) = run(tmp_path, {API_CALLS: call(header=header)})
    assert f"'{shown}'" in finding.message and "name of a key" in finding.message


def test_a_key_name_in_a_credential_query_parameter_is_a_placeholder(tmp_path):
    (finding,) = run(tmp_path, {API_CALLS: call(url="https://maps.example.com/geo?address=x&key=GOOGLE_MAPS_KEY")})
    assert "'GOOGLE_MAPS_KEY'" in finding.message


@pytest.mark.parametrize(
    ("header", "url", "body"),
    [
        ("'X-Marketplace-Id': 'EBAY_US'", "https://api.example.com/x", None),  # an enum value, not an auth header
        ("'Authorization': 'APP_USR-1234-abcd'", "https://api.example.com/x", None),  # a real token's prefix
        ("'Authorization': 'Bearer ${authToken}'", "https://api.example.com/x?grant_type=ACCESS_TOKEN", None),
        ("'Accept': '*/*'", "https://api.example.com/x", '{\n  "status": "TOKEN_EXPIRED",\n  "kind": "API_KEY"\n}'),
        ("'X-Api-Key': 'LIVE_2024'", "https://api.example.com/x", None),  # no word that names a credential
    ],
)
def test_upper_snake_words_that_are_values_are_not_placeholders(tmp_path, header, url, body):
    assert run(tmp_path, {API_CALLS: call(url=url, header=header, body=body)}) == []


def test_nasas_documented_demo_key_is_a_value(tmp_path):
    assert run(tmp_path, {API_CALLS: call(url="https://api.nasa.gov/planetary/apod?api_key=DEMO_KEY")}) == []


def test_an_unfilled_path_parameter_names_the_variable_to_use(tmp_path):
    (finding,) = run(tmp_path, {API_CALLS: call(url="https://api.example.com/users/:userId/orders")})
    assert "path parameter ':userId'" in finding.message and "[userId]" in finding.message


@pytest.mark.parametrize(
    "url",
    [
        "https://generativelanguage.example.com/v1beta/models/gemini-pro:generateContent",
        "https://api.example.com:8443/items",
        "https://api.example.com/items/${userId}:archive",
    ],
)
def test_colons_that_are_not_path_parameters(tmp_path, url):
    assert run(tmp_path, {API_CALLS: call(url=url)}) == []


@pytest.mark.parametrize(
    ("url", "reported"),
    [
        ("https://api.airtable.com/v0/app1/T?filterByFormula={Status}=\\'Open\\'", []),
        ('https://api.airtable.com/v0/app1/T?filterByFormula=SEARCH("x",{Name})&maxRecords=3', []),
        ('https://api.airtable.com/v0/app1/T?filterByFormula=({First}&" "&{Last})="Ada"', []),
        ("${baseUrl}/items?filter=AND({Owner}=\\'${userId}\\')", []),
        ("https://api.example.com/forms?Id={formId}", ["{formId}"]),
        ("https://api.example.com/forms?Id={formId}&sort=(name)", ["{formId}"]),
        ("https://api.example.com/forms/{formId}?filter=(a)", ["{formId}"]),
    ],
)
def test_field_references_of_a_query_formula_are_not_placeholders(tmp_path, url, reported):
    found = run(tmp_path, {API_CALLS: call(url)})
    assert [f.message.split("'")[3] for f in found] == reported

"""H002-H006: typo detection by edit distance, whitespace in values, duplicates in one map, runtime-managed headers."""

from __future__ import annotations

import pytest

from linter.auth_catalog import auth_providers
from linter.checks.headers import typo_of
from linter.request_headers import catalog_errors, documented_headers
from linter.vocabulary import edit_distance
from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings
from tests.support.shapes import CALLS_2023

H_CODES = {"H001", "H002", "H003", "H004", "H005", "H006"}


def call(*headers: str, name: str = "getThing") -> str:
    entries = "".join(f"        {entry},\n" for entry in headers)
    cls = name[0].upper() + name[1:] + "Call"
    return f"""class {cls} {{
  static Future<ApiCallResponse> call({{String? token = ''}}) async {{
    return ApiManager.instance.makeApiCall(
      callName: '{name}',
      apiUrl: 'https://api.example.com/x',
      callType: ApiCallType.GET,
      headers: {{
{entries}      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""


def run(tmp_path, code: str):
    return export_findings(tmp_path / "app", {API_CALLS: code}, H_CODES)


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("Authroization", "Authorization"),
        ("Autorization", "Authorization"),
        ("Authorisation", "Authorization"),
        ("Content-Typ", "Content-Type"),
        ("content_type", "Content-Type"),
        ("anthropic-verison", "anthropic-version"),
        ("X-RapidAPI-Hots", "X-RapidAPI-Host"),
        ("X-CSRFTokne", "X-CSRFToken"),
        ("X-Autorization", "X-Authorization"),
        ("Accept_Language", "Accept-Language"),  # a standard header with underscores is still misspelt
        ("X-Api-Kye", "X-API-Key"),  # a misspelling of an X- name is still one
        ("x-Authroization", "X-Authorization"),
    ],
)
def test_typos(name, meant):
    assert typo_of(name) == meant


@pytest.mark.parametrize(
    "name",
    [
        *("Authorization", "AUTHORIZATION", "apiKey", "api-key", "X-App-Key", "X-App-Version", "X-Tenant", "Accept"),
        *("Host", "X-CSRFToken", "X-CSRF-Token", "X-XSRF-TOKEN", "X-Authorization", "x-app-id", "Accept-Profile"),
        *("access_token", "X_API_KEY", "client_id"),  # custom headers spelled with underscores
        *("x-access-token", "X-Access-Token", "CSRFToken", "X-Accept-Language"),  # a known name, X- added or dropped
    ],
)
def test_not_typos(name):
    assert typo_of(name) is None


def test_the_documented_header_catalog_is_valid_and_every_name_in_it_is_known():
    assert catalog_errors() == []
    for header in documented_headers():
        assert header.docs.startswith("https://") and header.source
        assert typo_of(header.name) is None, header.name
    auth_headers = [form.header for provider in auth_providers() for form in provider.auth if form.header]
    assert all(typo_of(name) is None for name in auth_headers)


def test_a_broken_documented_header_catalog_is_reported(monkeypatch):
    broken = {
        "version": 1,
        "sources": [
            {"name": "A", "kind": "standard", "docs": "https://a.example/", "headers": ["Accept"]},
            {"name": "B", "kind": "rumour", "headers": ["accept", "Bad Name"]},
        ],
    }
    monkeypatch.setattr("linter.request_headers.load_data", lambda *parts: broken)
    problems = catalog_errors()
    assert "header 'accept' is listed twice" in problems
    assert any(problem.startswith("sources/1") and "'docs' is a required property" in problem for problem in problems)
    assert any(problem.startswith("sources/1/kind") for problem in problems)
    assert any(problem.startswith("sources/1/headers/1") for problem in problems)


def test_edit_distance():
    assert edit_distance("authroization", "authorization") == 1  # a transposition counts once
    assert edit_distance("abc", "abc") == 0 and edit_distance("", "ab") == 2
    assert edit_distance("stripe", "strike") == 1 and edit_distance("stripe", "strike", substitution=2) == 2


def test_authentication_with_authorization_present_is_not_reported(tmp_path):
    code = call("'Authorization': 'Bearer ${token}'", "'Authentication': 'Bearer ${token}'")
    assert [f.code for f in run(tmp_path, code)] == []


def test_spread_group_typo_is_reported_once_for_all_calls(tmp_path):
    code = CALLS_2023.replace("'Accept': 'application/json',", "'Acept': 'application/json',")
    found = run(tmp_path, code)
    assert [f.code for f in found] == ["H002"]
    assert "(group)" in (found[0].hint or "")


def test_whitespace_only_in_interpolated_parts_is_not_judged(tmp_path):
    assert run(tmp_path, call("'X-Client': '${token}'", "'Accept-Language': 'en-US, en;q=0.8'")) == []


def test_whitespace_message_names_every_character_kind(tmp_path):
    (finding,) = run(tmp_path, call("'x-api-key': '\\u00a0key-123\\t'"))
    assert finding.code == "H003" and "a tab" in finding.message and "NO-BREAK SPACE" in finding.message
    assert finding.fix is not None and finding.fix.safe and len(finding.fix.edits) == 2


def test_overridden_spread_header_with_whitespace_is_not_sent_so_not_reported(tmp_path):
    code = CALLS_2023.replace("'Bearer [authToken]',", "'Bearer [authToken] ',")
    assert run(tmp_path, code) == []


def test_2023_spread_plus_call_override_is_not_a_duplicate(tmp_path):
    assert run(tmp_path, CALLS_2023) == []


def test_duplicate_reports_the_entry_that_is_never_sent(tmp_path):
    code = call("'X-Client': 'first'", "'Accept': '*/*'", "'x-client': 'second'")
    (finding,) = run(tmp_path, code)
    assert finding.code == "H004" and "'X-Client'" in finding.message
    assert finding.span.line + 2 == int(finding.message.split("line ")[1].split(")")[0])


def test_content_type_repeats_are_left_to_c004(tmp_path):
    code = call("'Content-Type': 'application/json'", "'content-type': 'application/json'")
    assert run(tmp_path, code) == []


def test_media_type_in_a_media_named_header_is_fine(tmp_path):
    assert run(tmp_path, call("'Accept': 'application/json'", "'X-Content-Type-Options': 'nosniff'")) == []


@pytest.mark.parametrize(
    ("url", "host", "reported"),
    [
        ("https://api.example.com/x", "api.example.com", False),
        ("https://api.example.com/x", "API.example.com:443", False),
        ("http://api.example.com:8080/x", "api.example.com:8080", False),
        ("http://api.example.com:8080/x", "api.example.com", True),  # the client sends port 8080
        ("https://api.example.com/x", "api.example.com:8443", True),
        ("https://api.example.com/x", "www.example.com", True),
        ("${baseUrl}/x", "api.example.com", True),  # the URL's host is not known: not judged equal
    ],
)
def test_a_host_header_equal_to_the_urls_host_is_redundant_not_reported(tmp_path, url, host, reported):
    code = call(f"'Host': '{host}'").replace("https://api.example.com/x", url)
    found = [f for f in export_findings(tmp_path / "app", {API_CALLS: code}, {"H005"})]
    assert bool(found) is reported


def _post(*headers: str, body_type: str = "JSON") -> str:
    return (
        call(*headers)
        .replace("ApiCallType.GET", "ApiCallType.POST")
        .replace(
            "      returnBody: true,",
            f"      body: '{{}}',\n      bodyType: BodyType.{body_type},\n      returnBody: true,",
        )
    )


def test_a_misspelt_content_type_the_manager_fills_in_anyway_is_info(tmp_path):
    (finding,) = run(tmp_path, _post("'ContentType': 'application/json'"))
    assert finding.code == "H002" and finding.severity == "info"
    assert "API manager sets Content-Type from the body type when the call has none (JSON)" in finding.message


def test_a_misspelt_content_type_nothing_fills_in_is_an_error(tmp_path):
    (get,) = run(tmp_path / "get", call("'ContentType': 'application/json'"))
    (edited,) = export_findings(
        tmp_path / "edited", {API_CALLS: _post("'ContentType': 'application/json'", body_type="NONE")}, H_CODES
    )
    for finding in (get, edited):
        assert finding.severity == "error" and "behaves as if 'Content-Type' were missing" in finding.message


def test_an_x_prefixed_known_name_is_a_custom_header_not_a_typo(tmp_path):
    code = call("'x-access-token': '${token}'", "'X-Api-Kye': '${token}'")
    (finding,) = run(tmp_path, code)
    assert finding.code == "H002" and "'X-Api-Kye'" in finding.message


@pytest.mark.parametrize(
    ("value", "where"),
    [("\\tkey-123", "a tab at its start"), ("key-123 ", "a space at its end"), (" key-123\\t", "at both ends")],
)
def test_spaces_and_tabs_at_the_ends_of_a_value_are_a_warning_with_the_safe_fix(tmp_path, value, where):
    (finding,) = run(tmp_path, call(f"'x-api-key': '{value}'"))
    assert finding.code == "H003" and finding.severity == "warning"
    assert where in finding.message and "RFC 9110 parsers strip" in finding.message
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    "value",
    [
        "key-123\\u00a0",  # NO-BREAK SPACE: not whitespace HTTP parsers strip
        "key-\\u200b123",  # ZERO WIDTH SPACE inside
        "key-123\\n",  # a line break
        "\\tkey-\\u200b123",  # a tab, but also an invisible character inside
    ],
)
def test_other_whitespace_and_invisible_characters_stay_errors(tmp_path, value):
    (finding,) = run(tmp_path, call(f"'x-api-key': '{value}'"))
    assert finding.code == "H003" and finding.severity == "error"
    assert "RFC 9110" not in finding.message

"""U001-U007: URLs as the runtime builds them, group base URLs reported once, environment values, host typos, URL
shapes, the catalog of API hosts, precision."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from linter.api_hosts import api_hosts, typo_of
from linter.api_hosts import catalog_errors as api_host_catalog_errors
from linter.auth_catalog import auth_providers
from linter.cli import cli
from linter.resolve import split_url
from linter.vocabulary import is_credential_name, local_host_reason, tunnel_suffix
from tests.support.exportkit import API_CALLS, write_export
from tests.support.lint import export_findings, findings
from tests.support.shapes import CALLS_2025, ENV_DART, ENV_JSON, PAGE

U_CODES = {"U001", "U002", "U003", "U004", "U005"}

GROUP_2023 = """class ShopGroup {
  static String baseUrl = '%s';
  static Map<String, String> headers = {};
  static ACall aCall = ACall();
  static BCall bCall = BCall();
  static CCall cCall = CCall();
}
""" + "".join(
    f"""
class {name}Call {{
  Future<ApiCallResponse> call() {{
    return ApiManager.instance.makeApiCall(
      callName: '{name.lower()}',
      apiUrl: '${{ShopGroup.baseUrl}}/{name.lower()}',
      callType: ApiCallType.GET,
      headers: {{...ShopGroup.headers}},
      params: {{}},
      returnBody: true,
      encodeBodyUtf8: false,
    );
  }}
}}
"""
    for name in "ABC"
)


def run(tmp_path, files, manager="if-unset"):
    return export_findings(tmp_path / "app", files, U_CODES, manager=manager)


def test_group_base_url_is_reported_once_at_the_group(tmp_path):
    found = run(tmp_path, {API_CALLS: GROUP_2023 % "http://localhost:3000/api"})
    assert [f.code for f in found] == ["U002"]
    (finding,) = found
    lines = (tmp_path / "app" / API_CALLS).read_text().splitlines()
    assert "static String baseUrl" in lines[finding.span.line - 1] and "group 'Shop'" in finding.message
    assert "Base URL" in (finding.hint or "")


def test_env_backed_base_url_is_resolved_and_reported_at_the_template(tmp_path):
    files = {
        API_CALLS: CALLS_2025,
        "lib/environment_values.dart": ENV_DART,
        "assets/environment_values/environment.json": ENV_JSON.replace(
            "https://studio.example.com", "http://10.0.2.2:8080"
        ),
        "lib/pages/home/home_widget.dart": PAGE,
    }
    found = run(tmp_path, files, manager="ff-commons")
    assert [(f.code, f.severity) for f in found] == [("U002", "error")]
    assert "environment value 'apiHost'" in found[0].message and "Environment Values" in (found[0].hint or "")


def test_development_environment_lowers_severity_to_info(tmp_path):
    files = {
        API_CALLS: CALLS_2025,
        "lib/environment_values.dart": ENV_DART.replace("'Production'", "'Development'"),
        "assets/environment_values/environment.json": ENV_JSON.replace(
            "https://studio.example.com", "http://localhost:8080"
        ),
    }
    found = run(tmp_path, files, manager="ff-commons")
    assert [(f.code, f.severity) for f in found] == [("U002", "info")]


def test_2021_domain_and_endpoint(tmp_path):
    code = """Future<ApiCallResponse> searchCall({String? q = ''}) {
  return ApiManager.instance.makeApiCall(
    callName: 'search',
    apiDomain: '%s',
    apiEndpoint: 'v1/search',
    callType: ApiCallType.GET,
    headers: {},
    params: {},
    returnResponse: true,
  );
}
"""
    assert run(tmp_path / "a", {API_CALLS: code % "api.recipes.example"}) == []
    found = run(tmp_path / "b", {API_CALLS: code % "192.168.0.12"})
    assert [f.code for f in found] == ["U002"]


@pytest.mark.parametrize(
    "url",
    [
        "${baseUrl}/items",  # unknown base: unresolved
        "https://${host}/items",  # host is an interpolation: unresolved, not malformed
        "https://api.example.com/items?token=${token}",  # filled at run time
        "https://maps.googleapis.com/maps/api/place/json?key=FflintDocsOnlyNotAKey0",  # Google's documented ?key=
        "https://api.example.com:8443/v1/items#top",
        "https://[2001:db8::1]/items",
    ],
)
def test_not_reported(tmp_path, url):
    code = f"""class GetCall {{
  static Future<ApiCallResponse> call({{String? baseUrl = '', String? host = '', String? token = ''}}) async {{
    return ApiManager.instance.makeApiCall(callName: 'get', apiUrl: '{url}', callType: ApiCallType.GET);
  }}
}}
"""
    found = run(tmp_path, {API_CALLS: code})
    assert [f.code for f in found if f.code != "U002"] == []


def test_u005_message_never_shows_the_value(tmp_path):
    secret = "tk7Hq2Lm9Xc4Vb8Nz1Rw"
    code = f"""class GetCall {{
  static Future<ApiCallResponse> call() async {{
    return ApiManager.instance.makeApiCall(callName: 'get', apiUrl: 'https://api.example.com/x?access_token={secret}');
  }}
}}
"""
    (finding,) = run(tmp_path, {API_CALLS: code})
    assert finding.code == "U005" and secret not in finding.message and finding.secret is not None


def _documented_query_credentials():
    """(provider, a URL sending a literal key the way the provider documents it) for every catalog query form."""
    for provider in auth_providers():
        host = provider.hosts[0].replace("*", "fflint")
        path = provider.paths[0] if provider.paths else "/v1/items"
        for form in provider.auth:
            if form.query and is_credential_name(form.query):
                url = f"https://{host}{path}?q=shoes&{form.query}=0f1e2d3c4b5a69788796a5b4c3d2e1f0"
                yield pytest.param(host, form.query, url, id=f"{provider.id}-{form.query}")


@pytest.mark.parametrize(("host", "name", "url"), list(_documented_query_credentials()))
def test_u005_does_not_ask_to_move_a_key_the_provider_takes_in_the_query(tmp_path, host, name, url):
    assert [f.code for f in run(tmp_path / "documented", {API_CALLS: _get(url)}) if f.code == "U005"] == []
    (finding,) = [f for f in run(tmp_path / "other", {API_CALLS: _get(url.replace(host, "api.example.com"))})]
    assert finding.code == "U005" and f"'{name}' query parameter" in finding.message


def test_u005_knows_the_query_auth_of_the_apis_flutterflow_apps_call():
    documented = {
        provider.id: {form.query for form in provider.auth if form.query}
        for provider in auth_providers()
        if any(form.query for form in provider.auth)
    }
    assert documented["tmdb"] == {"api_key"} and documented["newsapi"] == {"apiKey"}
    assert documented["openweathermap"] == {"appid"} and documented["spoonacular"] == {"apiKey"}
    assert documented["google-apis"] == {"key"} and documented["maps-co"] == {"api_key"}


def test_helpers():
    parts = split_url("https://user@api.example.com:8080/v1/items?a=1#frag")
    assert parts is not None and parts.host == "api.example.com" and parts.path == "/v1/items"
    assert split_url("api.example.com/x") is None
    assert local_host_reason("10.0.2.2")[1] == "local"
    assert local_host_reason("93.184.216.34")[1] == "public-ip"
    assert local_host_reason("api.example.com") is None
    assert tunnel_suffix("abc.ngrok-free.app") == "ngrok-free.app" and tunnel_suffix("ngrok-docs.example.com") is None


def test_a_run_of_stray_quotes_is_one_finding_and_only_an_edge_run_has_a_fix(tmp_path):
    from tests.support.exportkit import GLUED_PING_CALL

    call = GLUED_PING_CALL.replace("'https://api.example.com/ping'", "\"https://api.example.com/pi'ng'''\"")
    stray = [f for f in run(tmp_path, {API_CALLS: call}) if "stray quote" in f.message]
    inner, edge = sorted(stray, key=lambda f: f.span.start)
    assert "has a stray quote ': it is sent as %27" in inner.message and inner.fix is None
    assert "has 3 stray quotes in a row (')" in edge.message
    assert edge.span.end - edge.span.start == 3 and edge.fix is not None
    (change,) = edge.fix.edits
    assert (change.end - change.start, change.replacement) == (3, "")


# -- cleartext to a raw IP (U001), host typos (U006), URL shape (U007) --------------------------------------------


def _get(url: str, headers: str = "", variables: str = "") -> str:
    return f"""class FetchCall {{
  static Future<ApiCallResponse> call({{{variables}}}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'fetch',
      apiUrl: '{url}',
      callType: ApiCallType.GET,
      headers: {{{headers}}},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""


def test_http_to_a_public_ip_is_cleartext_an_error_with_credentials(tmp_path):
    code = _get(
        "http://52.14.200.17/api/me?api_key=${key}", "'Authorization': 'Bearer ${token}'", "String? token, String? key"
    )
    found = {f.code: f for f in run(tmp_path, {API_CALLS: code})}
    assert set(found) == {"U001", "U002"}
    assert found["U001"].severity == "error" and "cleartext" in found["U001"].message
    assert "header 'Authorization' and the credential in query parameter 'api_key'" in found["U001"].message
    assert "TLS" not in found["U002"].message and found["U001"].fix is not None and not found["U001"].fix.safe


def test_http_to_a_public_ip_without_secrets_is_a_warning_and_https_is_not_cleartext(tmp_path):
    (cleartext,) = [f for f in run(tmp_path / "a", {API_CALLS: _get("http://52.14.200.17/items")}) if f.code == "U001"]
    assert cleartext.severity == "warning"
    https = run(tmp_path / "b", {API_CALLS: _get("https://52.14.200.17/items")})
    assert [f.code for f in https] == ["U002"] and "TLS" in https[0].message


@pytest.mark.parametrize(
    ("host", "meant"),
    [
        ("aps.googleapis.com", "maps.googleapis.com"),
        ("maps.googleapi.com", "maps.googleapis.com"),
        ("generativelangauge.googleapis.com", "generativelanguage.googleapis.com"),
        ("api.opneai.com", "api.openai.com"),
        ("api.anthropic.co", "api.anthropic.com"),
        ("abcdefghijklmnopqrst.supabase.com", "abcdefghijklmnopqrst.supabase.co"),
        ("api.twillio.com", "api.twilio.com"),
    ],
)
def test_host_typos_name_the_well_known_host_with_an_unsafe_fix(tmp_path, host, meant):
    (finding,) = export_findings(tmp_path / "app", {API_CALLS: _get(f"https://{host}/v1/x")}, {"U006"})
    assert f"near miss of {meant}" in finding.message
    assert finding.fix is not None and not finding.fix.safe and finding.fix.edits[0].replacement == meant


@pytest.mark.parametrize(
    "host",
    [
        "maps.googleapis.com",
        "file.googleapis.com",  # a real one, one letter from tile
        "us-central1-aiplatform.googleapis.com",
        "googleapis.cn",
        "api.strike.com",  # one changed letter of a short name spells another company
        "api.grok.com",
        "api.supabase.com",
        "xyz.supabase.co",
        "myapp.example.com",
        "api.notion.so",
    ],
)
def test_hosts_that_are_not_typos(tmp_path, host):
    assert export_findings(tmp_path / "app", {API_CALLS: _get(f"https://{host}/v1/x")}, {"U006"}) == []


def test_a_typo_from_an_environment_value_is_reported_without_a_fix(tmp_path):
    files = {
        API_CALLS: CALLS_2025,
        "lib/environment_values.dart": ENV_DART,
        "assets/environment_values/environment.json": ENV_JSON.replace(
            "https://studio.example.com", "https://aps.googleapis.com"
        ),
        "lib/pages/home/home_widget.dart": PAGE,
    }
    found = export_findings(tmp_path / "app", files, {"U006"}, manager="ff-commons")
    assert found and all(f.fix is None and "environment value 'apiHost'" in f.message for f in found)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://maps.googleapis.com/maps/api/geocode/json&key=abc", "query parameter 'key'"),
        ("https://api.example.com/v1/items/limit=10", "query parameter 'limit'"),
        ("https://api.example.com/search??q=x", "'??'"),
        ("https://api.example.com/items#page=2", "fragment"),
        ("https://api.example.com/items?color=#fff", "fragment"),
        ("https://api.example.com/my items", "space in the path"),
        ("https://api.example.com/items?page= 2", "space beside '='"),
        ("https://maps.googleapis.com/maps/api/geocode/?address=x", "output format"),
        ("https://maps.googleapis.com/maps/api/geocode/jsn?address=x", "'jsn' is not an output format"),
        ("https://maps.googleapis.com/maps/api/place/directions/json", "did you mean '/maps/api/directions/json'"),
    ],
)
def test_url_shape_problems(tmp_path, url, expected):
    (finding,) = export_findings(tmp_path / "app", {API_CALLS: _get(url)}, {"U007"})
    assert expected in finding.message


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/items?q=new york&page=2",
        "https://api.example.com/files/aGVsbG8=",
        "https://api.example.com/cars;color=red",
        "https://api.example.com/items?redirect=https://app.example.com/?a=1",
        "https://maps.googleapis.com/maps/api/staticmap?center=x",
        "https://maps.googleapis.com/maps/api/newservice/json",
        "https://api.example.com/${path}?q=${q}",
        "https://www.googleapis.com/youtube/v3/search?part=snippet",
    ],
)
def test_url_shapes_that_are_fine(tmp_path, url):
    assert (
        export_findings(tmp_path / "app", {API_CALLS: _get(url, variables="String? path, String? q")}, {"U007"}) == []
    )


def test_the_glued_query_fix_starts_the_query(tmp_path):
    root = write_export(tmp_path / "app", {API_CALLS: _get("https://api.example.com/v1/items/limit=10&page=2")})
    (finding,) = findings(root, {"U007"})
    assert finding.fix is not None and not finding.fix.safe
    CliRunner().invoke(cli, ["check", str(root), "--no-cache", "--fix", "--unsafe-fixes"])
    assert "'https://api.example.com/v1/items?limit=10&page=2'" in (root / API_CALLS).read_text()


def test_the_api_host_catalog_is_valid():
    assert api_host_catalog_errors() == []
    for api in api_hosts():
        for name in api.subdomains:  # every known host is known, never a near miss of another
            assert typo_of(f"{name}.{api.domain}") is None, name


def test_a_broken_api_host_catalog_is_reported(monkeypatch):
    broken = {
        "version": 1,
        "apis": [
            {"id": "a", "name": "A", "domain": "example.com", "label": "([a-z"},
            {"id": "a", "name": "B", "domain": "example.com", "subdomains": ["API"]},
        ],
    }
    monkeypatch.setattr("linter.api_hosts.load_data", lambda *parts: broken)
    problems = api_host_catalog_errors()
    assert any("label" in problem and "([a-z" in problem for problem in problems)
    assert "id 'a' is used twice" in problems and "domain 'example.com' is used twice" in problems
    assert any(problem.startswith("apis/1/subdomains/0") for problem in problems)


def test_dart_code_typed_into_the_url_is_sent_as_text_and_the_message_says_what_to_use(tmp_path):
    """FlutterFlow escapes the '$' of code typed into the API URL field: the host is the text '${FFAppState()…}'."""
    typed = _get("http://\\${FFAppState().apiBaseUrl}:\\${FFAppState().serverport}/RemoteAgg/user_login")
    (finding,) = run(tmp_path / "typed", {API_CALLS: typed})
    assert finding.code == "U004" and "Dart code typed into the API URL" in finding.message
    assert "[apiBaseUrl] and [serverport]" in finding.message
    interpolated = typed.replace("\\$", "$")  # hand-written Dart: the host is filled at run time
    assert [f.code for f in run(tmp_path / "code", {API_CALLS: interpolated})] == []

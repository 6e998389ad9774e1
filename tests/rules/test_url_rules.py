"""U001-U005: URLs as the runtime builds them, group base URLs reported once, environment values, precision."""

from __future__ import annotations

import pytest

from linter.resolve import split_url
from linter.vocabulary import local_host_reason, tunnel_suffix
from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings
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

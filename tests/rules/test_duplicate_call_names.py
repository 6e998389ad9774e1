"""D003: a call name shared by two calls matters where something looks the call up by it: the cloud function of
private calls (error); for public calls it only labels them, and ApiManager.clearCache(name) reads it (info)."""

from __future__ import annotations

from pathlib import Path

from tests.support.exportkit import API_CALLS
from tests.support.lint import export_findings


def run(tmp_path: Path, code: str):
    return export_findings(tmp_path / "app", {API_CALLS: code}, {"D003"})


def public(class_name: str, path: str, cache: bool = False) -> str:
    return f"""class {class_name} {{
  static Future<ApiCallResponse> call() async {{
    return ApiManager.instance.makeApiCall(
      callName: 'listStops',
      apiUrl: 'https://transit.example.com{path}',
      callType: ApiCallType.GET,
      headers: {{}},
      params: {{}},
      returnBody: true,
      cache: {"true" if cache else "false"},
    );
  }}
}}
"""


def private(class_name: str) -> str:
    return f"""class {class_name} {{
  static Future<ApiCallResponse> call() async {{
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {{'callName': 'ListFaresCall', 'variables': {{}}}},
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }}
}}
"""


def test_public_calls_sharing_a_name_are_info_the_cache_keeps_them_apart(tmp_path):
    (finding,) = run(tmp_path, public("ListStopsCall", "/stops") + public("ListStopsCopyCall", "/v2/stops"))
    assert finding.severity == "info" and "only labels them" in finding.message
    assert "cannot tell" not in finding.message


def test_a_cached_public_duplicate_names_what_clear_cache_does(tmp_path):
    code = public("ListStopsCall", "/stops", cache=True) + public("ListStopsCopyCall", "/v2/stops")
    (finding,) = run(tmp_path, code)
    assert (
        finding.severity == "info" and "clearCache('listStops') clears the cached responses of both" in finding.message
    )


def test_private_calls_sharing_a_name_are_an_error_the_cloud_function_routes_by_it(tmp_path):
    (finding,) = run(tmp_path, private("ListFaresCall") + private("ListFaresAgainCall"))
    assert finding.severity == "error" and "one of the two calls runs the other's request" in finding.message

"""Build small synthetic exports for tests and rule examples."""

from __future__ import annotations

from pathlib import Path

API_CALLS = "lib/backend/api_requests/api_calls.dart"
API_MANAGER = "lib/backend/api_requests/api_manager.dart"

CALLS_HEADER = """import 'dart:convert';
import 'dart:typed_data';

import '../../flutter_flow/flutter_flow_util.dart';
{manager_import}

export 'api_manager.dart' show ApiCallResponse;

const _kPrivateApiFunctionName = 'ffPrivateApiCall';

"""

# The part of a 2023+ api_manager.dart that decides Content-Type (set only when absent).
MANAGER_IF_UNSET = """class ApiManager {
  static Future<ApiCallResponse> requestWithBody(
    ApiCallType type,
    String apiUrl,
    Map<String, dynamic> headers,
    Map<String, dynamic> params,
    String? body,
    BodyType? bodyType,
  ) async {
    final postBody = createBody(headers, params, body, bodyType);
    return ApiCallResponse.fromHttpResponse(response, returnBody, decodeUtf8);
  }

  static dynamic createBody(
    Map<String, dynamic> headers,
    Map<String, dynamic>? params,
    String? body,
    BodyType? bodyType,
  ) {
    String? contentType;
    dynamic postBody;
    switch (bodyType) {
      case BodyType.JSON:
        contentType = 'application/json';
        postBody = body ?? json.encode(params ?? {});
        break;
      default:
        break;
    }
    // Set "Content-Type" header if it was previously unset.
    if (contentType != null &&
        !headers.keys.any((h) => h.toLowerCase() == 'content-type')) {
      headers['Content-Type'] = contentType;
    }
    return postBody;
  }
}
"""

# A 2022 api_manager.dart: it always writes Content-Type from the body type.
MANAGER_OVERWRITE = """class ApiManager {
  static dynamic createBody(
    Map<String, dynamic> headers,
    Map<String, dynamic>? params,
    String? body,
    BodyType? bodyType,
  ) {
    String? contentType;
    dynamic postBody;
    switch (bodyType) {
      case BodyType.JSON:
        contentType = 'application/json';
        postBody = body ?? json.encode(params ?? {});
        break;
      default:
        break;
    }
    if (contentType != null) {
      headers['Content-Type'] = contentType;
    }
    return postBody;
  }
}
"""

# One call with one defect (A002: the scheme glued to the token), for tests about everything around the call.
GLUED_PING_CALL = """class PingCall {
  static Future<ApiCallResponse> call() async {
    return ApiManager.instance.makeApiCall(
      callName: 'ping',
      apiUrl: 'https://api.example.com/ping',
      callType: ApiCallType.GET,
      headers: {'Authorization': 'Bearer${token}'},
      params: {},
      returnBody: true,
    );
  }
}
"""


def write_export(root: Path, files: dict[str, str], *, manager: str = "if-unset", wrap_calls: bool = True) -> Path:
    """Write a minimal export: pubspec.yaml, lib/main.dart, an API manager and ``files``.

    ``manager``: "if-unset" (2023+), "overwrite" (2022) or "ff-commons" (2025, imported from a package).
    With ``wrap_calls`` the api_calls.dart content gets the generated imports in front of it.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "pubspec.yaml").write_text("name: example_app\ndependencies:\n  flutter:\n    sdk: flutter\n")
    (root / "lib").mkdir(exist_ok=True)
    (root / "lib" / "main.dart").write_text("void main() {}\n")
    if manager == "ff-commons":
        manager_import = "import 'package:ff_commons/api_requests/api_manager.dart';"
    else:
        manager_import = "import 'api_manager.dart';"
        text = MANAGER_OVERWRITE if manager == "overwrite" else MANAGER_IF_UNSET
        _write(root / API_MANAGER, text)
    for relpath, content in files.items():
        if relpath == API_CALLS and wrap_calls:
            content = CALLS_HEADER.format(manager_import=manager_import) + content
        _write(root / relpath, content)
    return root


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))

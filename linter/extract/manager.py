"""Which Content-Type behaviour the export's API manager has, and which era the calls file is from."""

from __future__ import annotations

from linter.model import ContentTypeMode

_FF_COMMONS_MANAGER = "package:ff_commons/api_requests/api_manager.dart"


def content_type_mode(manager_text: str | None, api_calls_text: str | None) -> ContentTypeMode:
    """2022 managers overwrite an explicit Content-Type; from 2023 they set it only when absent."""
    if manager_text is None:
        if api_calls_text and _FF_COMMONS_MANAGER in api_calls_text:
            return ContentTypeMode.IF_UNSET
        return ContentTypeMode.UNKNOWN
    lowered = manager_text.lower()
    if "previously unset" in lowered or ".tolowercase() == 'content-type'" in lowered:
        return ContentTypeMode.IF_UNSET
    if "content-type" in lowered:
        return ContentTypeMode.OVERWRITE
    return ContentTypeMode.UNKNOWN


def detect_era(api_calls_text: str) -> str:
    """The generator era from the markers in api_calls.dart (flutterflow-exports.md §2)."""
    if "FFDevEnvironmentValues()" in api_calls_text:
        return "2025"
    if any(
        marker in api_calls_text for marker in ("getBaseUrl(", "ffApiRequestBody", "isStreamingApi", "alwaysAllowBody")
    ):
        return "2024"
    if any(
        marker in api_calls_text for marker in ("encodeBodyUtf8", "_kPrivateApiFunctionName", "static String baseUrl")
    ):
        return "2023"
    if "apiDomain:" in api_calls_text or "apiEndpoint:" in api_calls_text:
        return "2021"
    if "makeApiCall" in api_calls_text:
        return "2022"
    return "unknown"

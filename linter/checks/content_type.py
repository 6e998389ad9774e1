"""C family: Content-Type and body, judged by what the FlutterFlow runtime really sends."""

from __future__ import annotations

from collections.abc import Iterator

from linter.check_context import CheckContext
from linter.checks.common import header_hint, literal_header
from linter.findings import Finding
from linter.model import ContentTypeMode, Export
from linter.rules import check

# What api_manager.dart sets for each bodyType.
RUNTIME_CONTENT_TYPE = {
    "JSON": "application/json",
    "TEXT": "text/plain",
    "X_WWW_FORM_URL_ENCODED": "application/x-www-form-urlencoded",
    "MULTIPART": "multipart/form-data",
}


def media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def contradicts(body_type: str, declared: str) -> bool:
    """Whether an explicit media type cannot describe the body the runtime builds for ``body_type``."""
    if body_type == "JSON":
        subtype = declared.partition("/")[2]
        return not (declared.startswith("application/") or declared.startswith("text/")) or not (
            subtype == "json" or subtype.endswith("+json")
        )
    if body_type == "X_WWW_FORM_URL_ENCODED":
        return declared != "application/x-www-form-urlencoded"
    if body_type == "MULTIPART":
        return declared != "multipart/form-data"
    # A TEXT body is raw text: XML, JSON or CSV under their own media type is deliberate.
    return declared.startswith("multipart/") or declared == "application/x-www-form-urlencoded"


@check("C002")
def check_content_type_conflict(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call in export.calls:
        if call.private or call.body_type not in RUNTIME_CONTENT_TYPE or not call.sends_body:
            continue
        for header in export.effective_headers(call):
            value = literal_header(header, "content-type")
            if value is None or not value.is_literal:
                continue
            declared = media_type(value.text)
            if not declared or "/" not in declared or not contradicts(call.body_type, declared):
                continue
            runtime = RUNTIME_CONTENT_TYPE[call.body_type]
            if export.content_type_mode is ContentTypeMode.OVERWRITE:
                message = (
                    f"Content-Type '{value.text.strip()}' contradicts body type {call.body_type} of '{call.name}'; "
                    f"this export's API manager always overwrites it with '{runtime}', so your header is ignored"
                )
                severity = "warning"
            else:
                message = (
                    f"Content-Type '{value.text.strip()}' contradicts body type {call.body_type} of '{call.name}': "
                    f"the body is built as {runtime} but the header you set is sent, so the server misreads the "
                    "body (400/415)"
                )
                severity = None
            yield ctx.finding(
                "C002",
                value.span(),
                message,
                severity=severity,
                hint=header_hint(call, header),
                key=f"{call.name}:{call.body_type}:{declared}",
            )

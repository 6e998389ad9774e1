"""What the export's API manager does with Content-Type (flutterflow-exports.md §3 and package:http):

- api_manager.dart derives Content-Type from bodyType; 2022 managers always overwrite an explicit header, 2023+
  managers set it only when none is present. Private calls (firebase/functions/api_manager.js) always overwrite.
- MULTIPART goes through ``http.MultipartRequest``, whose ``finalize()`` replaces any Content-Type with
  ``multipart/form-data; boundary=…``: an explicit header on a multipart call never reaches the server.
- String and form bodies go through ``http.Request``, which parses the Content-Type with ``MediaType.parse`` and
  looks its charset up with ``Encoding.getByName``: a value either rejects throws before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.extract.dart_lexer import DartLexer, DartSyntaxError
from linter.model import ApiCall, ContentTypeMode, Export, FileKind

# What api_manager.dart sets for each bodyType.
RUNTIME_CONTENT_TYPE = {
    "JSON": "application/json",
    "TEXT": "text/plain",
    "X_WWW_FORM_URL_ENCODED": "application/x-www-form-urlencoded",
    "MULTIPART": "multipart/form-data",
}


@dataclass(frozen=True)
class ContentTypeRuntime:
    """How this export's API manager treats Content-Type."""

    mode: ContentTypeMode
    fills_in: bool | None  # False: the manager was edited and never sets Content-Type; None: no manager to read
    multipart_replaced: bool

    def overwritten(self, call: ApiCall) -> str | None:
        """Why an explicit Content-Type on ``call`` never reaches the server, or None when it is sent as written."""
        if not call.sends_body or call.body_type not in RUNTIME_CONTENT_TYPE:
            return None
        if call.private:
            return "the private call's cloud function (api_manager.js) always sets Content-Type from the body type"
        if call.body_type == "MULTIPART" and self.multipart_replaced:
            return "package:http's MultipartRequest replaces it with 'multipart/form-data; boundary=…'"
        if self.mode is ContentTypeMode.OVERWRITE and self.fills_in is not False:
            return "this export's API manager (2022) always overwrites it with the body type's Content-Type"
        return None

    def supplied(self, call: ApiCall) -> str | None:
        """Why ``call``'s request carries the body type's Content-Type even though the call writes no Content-Type
        header of its own, or None when nothing sets one (no body, no body type, an edited manager)."""
        if not call.sends_body or call.body_type not in RUNTIME_CONTENT_TYPE:
            return None
        if call.private:
            if call.body_type == "MULTIPART":
                return None  # the cloud function's createBody builds no multipart body
            return "the private call's cloud function (api_manager.js) sets Content-Type from the body type"
        if call.body_type == "MULTIPART" and self.multipart_replaced:
            return "package:http's MultipartRequest sets 'multipart/form-data; boundary=…'"
        if self.fills_in is False:
            return None
        if self.mode is ContentTypeMode.OVERWRITE:
            return "this export's API manager (2022) always sets Content-Type from the body type"
        if self.mode is ContentTypeMode.IF_UNSET:
            return "this export's API manager sets Content-Type from the body type when the call has none"
        return None


def content_type_runtime(export: Export) -> ContentTypeRuntime:
    manager = next((f for f in export.files if f.kind is FileKind.API_MANAGER), None)
    if manager is None:
        return ContentTypeRuntime(export.content_type_mode, None, True)
    try:
        tokens = DartLexer(manager.text).tokens()
    except DartSyntaxError:
        return ContentTypeRuntime(export.content_type_mode, None, True)
    is_ff_manager = any(t.kind == "ident" and t.text in ("createBody", "makeApiCall") for t in tokens)
    sets_header = any(
        (t.kind == "string" and t.segments and "".join(s.text for s in t.segments).lower() == "content-type")
        or (t.kind == "ident" and t.text == "contentTypeHeader")
        for t in tokens
    )
    # A manager that builds MULTIPART bodies itself without http.MultipartRequest keeps the header as set.
    handles_multipart = "BodyType.MULTIPART" in manager.text
    replaced = "MultipartRequest" in manager.text or not handles_multipart
    return ContentTypeRuntime(export.content_type_mode, sets_header if is_ff_manager else None, replaced)

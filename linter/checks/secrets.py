"""S family: hardcoded secrets anywhere in the export, judged by where they sit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache

from linter.check_context import CheckContext
from linter.findings import Finding, SecretInfo
from linter.model import Export, FileKind, SourceFile, Template, Value
from linter.rules import check

SCANNED_KINDS = frozenset(
    {
        FileKind.API_CALLS,
        FileKind.API_MANAGER,
        FileKind.ENV_VALUES_DART,
        FileKind.ENV_JSON,
        FileKind.PRIVATE_JS,
        FileKind.PROJECT_YAML,
        FileKind.DOTENV,
        FileKind.DART,
        FileKind.TEXT,
    }
)
# Files where a Google/Firebase web key is expected to sit (public by design, restrict it instead).
_FIREBASE_CONFIG_FILES = (
    "lib/backend/firebase/firebase_config.dart",
    "lib/firebase_options.dart",
    "android/app/google-services.json",
    "ios/Runner/GoogleService-Info.plist",
    "web/index.html",
)
_SERVER_SIDE_PREFIXES = ("firebase/functions/", "functions/", "supabase/functions/")


def _export_relative(export: Export, file: SourceFile) -> str:
    try:
        return file.path.relative_to(export.root).as_posix()
    except ValueError:
        return file.relpath


def _advice(provider_id: str) -> str:
    return _advice_by_provider().get(provider_id, "Rotate it and call this API from a backend.")


@cache
def _advice_by_provider() -> dict[str, str]:
    from linter.secrets.catalog import load_raw

    return {entry["id"]: entry["advice"] for entry in load_raw()["providers"]}


def _finding_for(export: Export, ctx: CheckContext, file: SourceFile, match, where: str = "") -> Finding:
    from linter.secrets import fingerprint, redact

    relative = _export_relative(export, file)
    server_side = relative.startswith(_SERVER_SIDE_PREFIXES)
    preview = redact(match.value)
    info = SecretInfo(match.provider, preview, fingerprint(match.value))
    detail = f" ({match.detail})" if match.detail else ""
    place = f" in {where}" if where else ""
    span = file.span(match.start, match.end)
    if match.provider == "generic-credential":
        code, severity = "S004", None
        message = f"hardcoded credential {preview}{place}: it ships inside the app where anyone can extract it"
    elif match.exposure == "public" and match.provider == "google-api-key":
        code = "S003"
        if relative in _FIREBASE_CONFIG_FILES:
            severity = "info"
            message = (
                f"Google API key {preview} in Firebase config: public by design, but restrict it to your "
                "app's package, bundle id and referrers in Google Cloud Console"
            )
        else:
            severity = None
            message = (
                f"Google API key {preview}{place} hardcoded: anyone can extract it from the app and spend "
                "your quota; restrict it to the APIs and apps that use it, or call the API server side"
            )
    elif match.exposure == "public":
        code, severity = "S002", None
        message = f"{match.provider_name} {preview}{detail}{place} is public by design; keep it in config, not code"
    else:
        code = "S001"
        if server_side:
            severity = "warning"
            message = (
                f"{match.provider_name} {preview}{detail}{place} is committed to the repository in "
                "server-side code; move it to the functions' secret config and rotate it"
            )
        elif match.exposure == "test":
            severity = "warning"
            message = f"{match.provider_name} {preview}{detail}{place} (test mode) is hardcoded in client code"
        else:
            severity = None
            message = (
                f"{match.provider_name} {preview}{detail}{place} is hardcoded in client code, where anyone with "
                f"the app can extract it. {_advice(match.provider)}"
            )
    return ctx.finding(code, span, message, severity=severity, secret=info, key=info.fingerprint)


def _auth_positions(export: Export) -> Iterator[tuple[str, Value, str]]:
    """(key name, value, description) of every literal in a credential-bearing position of a call."""
    for call in export.calls:
        for header in export.effective_headers(call):
            if header.name_text:
                yield header.name_text, header.value, f"header '{header.name_text.strip()}' of '{call.name}'"
        for param in call.params:
            if isinstance(param.key, Template) and param.key.is_literal:
                yield param.key.text, param.value, f"parameter '{param.key.text}' of '{call.name}'"
        for variable in call.variables:
            if variable.default is not None:
                yield variable.name, variable.default, f"the default of variable '{variable.name}' of '{call.name}'"
    for group in export.groups:
        for variable in group.variables:
            if variable.default is not None:
                yield variable.name, variable.default, f"the default of variable '{variable.name}' of '{group.name}'"
    for environment in export.environments:
        for entry in environment.values:
            if entry.value is not None and entry.type == "String":
                yield entry.key, entry.value, f"environment value '{entry.key}'"
    for entry in export.config_values:
        if entry.value is not None:
            yield entry.key, entry.value, f"config value '{entry.key}'"


@check("S001", "S002", "S003", "S004")
def check_secrets(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    from linter.secrets import classify_credential, scan_text

    covered: dict[str, list[tuple[int, int]]] = {}
    for file in export.files:
        if file.kind not in SCANNED_KINDS or not file.text:
            continue
        for match in scan_text(file.text):
            covered.setdefault(file.relpath, []).append((match.start, match.end))
            yield _finding_for(export, ctx, file, match)
    for key_name, value, where in _auth_positions(export):
        if not isinstance(value, Template) or not value.is_literal or not value.text:
            continue
        start, end = value.source_range(0, len(value.text))
        if any(s < end and start < e for s, e in covered.get(value.file.relpath, [])):
            continue
        match = classify_credential(value.text, key_name=key_name)
        if match is None:
            continue
        # Re-anchor the match from value offsets to file offsets.
        file_start, file_end = value.source_range(match.start, match.end)
        located = dataclasses.replace(match, start=file_start, end=file_end)
        yield _finding_for(export, ctx, value.file, located, where)

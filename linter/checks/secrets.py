"""S family: hardcoded secrets anywhere in the export, judged by what they are and where they sit: secret keys
(S001), keys public by design (S002), Google API keys (S003), credentials recognised by the name they are bound to
(S004)."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from linter.check_context import CheckContext, secret_info
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import SCANNED_KINDS, Export, SourceFile, Template, Value
from linter.resolve import resolve
from linter.secrets import SecretMatch, classify_credential, redact, scan_text
from linter.secrets.catalog import load_raw

# Files where a Google/Firebase web key is expected to sit (public by design, restrict it instead).
_FIREBASE_CONFIG_FILES = (
    "lib/backend/firebase/firebase_config.dart",
    "lib/firebase_options.dart",
    "android/app/google-services.json",
    "ios/Runner/GoogleService-Info.plist",
    "web/index.html",
)
_SERVER_SIDE_PREFIXES = ("firebase/functions/", "functions/", "supabase/functions/")


@dataclass(frozen=True)
class _Verdict:
    """One secret, the rule that reports it, and the message and severity its place deserves."""

    code: str
    file: SourceFile
    match: SecretMatch
    message: str
    severity: str | None


@cache
def _advice_by_provider() -> dict[str, str]:
    return {entry["id"]: entry["advice"] for entry in load_raw()["providers"]}


def _verdict(export: Export, file: SourceFile, match: SecretMatch, where: str = "") -> _Verdict:
    relative = export.relative(file)
    server_side = relative.startswith(_SERVER_SIDE_PREFIXES)
    preview = redact(match.value)
    detail = f" ({match.detail})" if match.detail else ""
    place = f" in {where}" if where else ""
    if match.provider == "generic-credential":
        message = f"hardcoded credential {preview}{place}: it ships inside the app where anyone can extract it"
        return _Verdict("S004", file, match, message, None)
    if match.exposure == "public" and match.provider == "google-api-key":
        if relative in _FIREBASE_CONFIG_FILES:
            message = (
                f"Google API key {preview} in Firebase config: public by design, but restrict it to your "
                "app's package, bundle id and referrers in Google Cloud Console"
            )
            return _Verdict("S003", file, match, message, "info")
        message = (
            f"Google API key {preview}{place} hardcoded: anyone can extract it from the app and spend "
            "your quota; restrict it to the APIs and apps that use it, or call the API server side"
        )
        return _Verdict("S003", file, match, message, None)
    if match.exposure == "public":
        message = f"{match.provider_name} {preview}{detail}{place} is public by design; keep it in config, not code"
        return _Verdict("S002", file, match, message, None)
    if server_side:
        message = (
            f"{match.provider_name} {preview}{detail}{place} is committed to the repository in "
            "server-side code; move it to the functions' secret config and rotate it"
        )
        return _Verdict("S001", file, match, message, "warning")
    if match.exposure == "test":
        message = f"{match.provider_name} {preview}{detail}{place} (test mode) is hardcoded in client code"
        return _Verdict("S001", file, match, message, "warning")
    advice = _advice_by_provider().get(match.provider, "Rotate it and call this API from a backend.")
    message = (
        f"{match.provider_name} {preview}{detail}{place} is hardcoded in client code, where anyone with "
        f"the app can extract it. {advice}"
    )
    return _Verdict("S001", file, match, message, None)


def _auth_positions(export: Export) -> Iterator[tuple[str, Value, str]]:
    """(key name, value, description) of every literal in a credential-bearing position of a call."""
    for request in resolve(export).requests:
        call = request.call
        for header in request.effective_headers:
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


_VERDICTS: weakref.WeakKeyDictionary[Export, list[_Verdict]] = weakref.WeakKeyDictionary()


def _verdicts(export: Export) -> list[_Verdict]:
    """Every secret of the export, judged once for the four S rules: the scan of every text file, then literals in
    credential positions that the scan did not recognise (judged by the name they are bound to)."""
    if export in _VERDICTS:
        return _VERDICTS[export]
    found: list[_Verdict] = []
    covered: dict[str, list[tuple[int, int]]] = {}
    for file in export.files:
        if file.kind not in SCANNED_KINDS or not file.text:
            continue
        for match in scan_text(file.text):
            covered.setdefault(file.relpath, []).append((match.start, match.end))
            found.append(_verdict(export, file, match))
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
        found.append(_verdict(export, value.file, dataclasses.replace(match, start=file_start, end=file_end), where))
    _VERDICTS[export] = found
    return found


def secret_spans(export: Export) -> dict[str, set[tuple[int, int]]]:
    """Where the export's secrets sit (path -> source ranges), whatever rules run: outputs that show file text
    (code frames, diffs) mask these."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for verdict in _verdicts(export):
        spans.setdefault(verdict.file.relpath, set()).add((verdict.match.start, verdict.match.end))
    return spans


def _findings(export: Export, ctx: CheckContext, code: str) -> Iterator[Finding]:
    for verdict in _verdicts(export):
        if verdict.code == code:
            info = secret_info(verdict.match.value, verdict.match.provider)
            span = verdict.file.span(verdict.match.start, verdict.match.end)
            yield ctx.finding(code, span, verdict.message, severity=verdict.severity, secret=info, key=info.fingerprint)


@check("S001")
def check_secret_key(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """S001 secret-key: a provider secret key, service_role JWT, private key or password in the export."""
    return _findings(export, ctx, "S001")


@check("S002")
def check_public_key(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """S002 public-key: a key that is public by design (publishable, anon), hardcoded in code."""
    return _findings(export, ctx, "S002")


@check("S003")
def check_google_api_key(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """S003 google-api-key: a Google API key; info where Firebase config holds it by design."""
    return _findings(export, ctx, "S003")


@check("S004")
def check_generic_credential(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """S004 generic-credential: a high-entropy literal bound to a credential name in a request position."""
    return _findings(export, ctx, "S004")

"""S family: hardcoded secrets anywhere in the export, judged by what they are and where they sit: secret keys
(S001), keys public by design (S002), Google API keys (S003), credentials recognised by the name they are bound to
(S004)."""

from __future__ import annotations

import dataclasses
import fnmatch
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from linter.check_context import CheckContext, secret_info
from linter.checks.common import jwt_credentials, jwt_date
from linter.checks.registry import check
from linter.extract.custom_code import credential_arguments
from linter.findings import Finding
from linter.model import SCANNED_KINDS, Export, Expr, FileKind, SourceFile, Template, Value
from linter.resolve import resolve
from linter.resources import load_data
from linter.secrets import SecretMatch, classify_credential, decode_jwt, redact, scan_text
from linter.secrets.bindings import continues_token
from linter.secrets.catalog import load_catalog, load_raw
from linter.secrets.jwt import session_kind

# Where a file's code runs, judged from its path: the app (shipped to every user), or only the repository.
_SERVER_FOLDERS = frozenset({"functions", "backend", "server", "api", "cloud_functions", "supabase", "laravel"})
_SCRIPT_FOLDERS = frozenset({"scripts", "script", "tools", "bin", "test", "tests", "integration_test", "test_driver"})
_DOC_SUFFIXES = (".md", ".txt", ".rst", ".adoc", ".log")
_SCRIPT_SUFFIXES = (".sh", ".bash", ".zsh", ".ps1", ".bat", ".cmd")
_SERVER_SUFFIXES = (".py", ".php", ".rb", ".go", ".cs", ".rs", ".java", ".tf", ".tfvars", ".hcl")
_APP_FOLDERS = frozenset({"lib", "web", "android", "ios", "macos", "windows", "linux", "assets"})
_PLACES = {
    "app": "hardcoded in client code, where anyone with the app can extract it",
    "server": "committed to the repository in server-side code",
    "docs": "committed to the repository in documentation",
    "script": "committed to the repository in a script or test",
    "repository": "committed to the repository",
}

# Which place of one secret a finding is shown at: where it does most harm first.
_PROMINENCE = {"app": 4, "server": 3, "script": 2, "repository": 1, "docs": 0}


def place_of(export: Export, file: SourceFile) -> str:
    """Where ``file`` sits: "app" (shipped inside the app), "server", "docs", "script" or "repository"."""
    relative = export.relative(file).lower()
    folders = relative.split("/")[:-1]
    if relative.endswith(_DOC_SUFFIXES) or "docs" in folders:
        return "docs"
    if relative.endswith(_SCRIPT_SUFFIXES) or _SCRIPT_FOLDERS.intersection(folders):
        return "script"
    if not export.loose and ((folders and folders[0] in _APP_FOLDERS) or relative.startswith(".env")):
        return "app"  # lib/, the platform folders, assets/, and .env files flutter_dotenv bundles as assets
    if _SERVER_FOLDERS.intersection(folders) or relative.endswith(_SERVER_SUFFIXES):
        return "server"
    return "repository"


@dataclass(frozen=True)
class _PublicPlace:
    """A file where a key that is public by design sits on purpose (rules/secrets/public-places.yaml)."""

    label: str
    paths: tuple[str, ...]
    near: tuple[str, ...]
    providers: frozenset[str]
    family: str | None  # the family FlutterFlow puts there, when the key's shape cannot tell
    advice: str


_NEAR_WINDOW = 300


@cache
def _public_places() -> tuple[_PublicPlace, ...]:
    document = load_data("rules", "secrets", "public-places.yaml")
    return tuple(
        _PublicPlace(
            entry["label"],
            tuple(entry["paths"]),
            tuple(entry.get("near", ())),
            frozenset(entry["providers"]),
            entry.get("as"),
            entry["advice"],
        )
        for entry in document["places"]
    )


def _public_place(relative: str, file: SourceFile, match: SecretMatch) -> _PublicPlace | None:
    before = file.text[max(0, match.start - _NEAR_WINDOW) : match.start]
    return next(
        (
            place
            for place in _public_places()
            if match.provider in place.providers
            and any(fnmatch.fnmatchcase(relative, pattern) for pattern in place.paths)
            and (not place.near or any(text in before for text in place.near))
        ),
        None,
    )


# Files that hold configuration rather than code: a public key there is already where it belongs.
_CONFIG_KINDS = frozenset({FileKind.ENV_JSON, FileKind.ENV_VALUES_DART, FileKind.DOTENV, FileKind.PROJECT_YAML})


@dataclass(frozen=True)
class _Verdict:
    """One secret, the rule that reports it, and the message and severity its place deserves."""

    code: str
    file: SourceFile
    match: SecretMatch
    message: str
    severity: str | None
    hint: str | None = None  # None: the rule's own (where to fix it in FlutterFlow)
    copy: bool = False  # the value of a secret found elsewhere, written again here


@cache
def _advice_by_provider() -> dict[str, str]:
    document = load_raw()
    return {entry["id"]: entry["advice"] for entry in (*document["providers"], *document.get("named", ()))}


# The rule's hint (move the key to Environment Values) does not apply where the key belongs.
_PUBLIC_PLACE_HINT = "nothing to move: FlutterFlow writes the key here and the SDK reads it from here"


def _verdict(export: Export, file: SourceFile, match: SecretMatch, where: str = "") -> _Verdict:
    relative = export.relative(file)
    place = place_of(export, file)
    preview = redact(match.value)
    detail = f" ({match.detail})" if match.detail else ""
    at = f" in {where}" if where else ""
    shipped = place == "app"
    severity = None if shipped else "warning"  # in the repository only: whoever reads it can use it
    if match.exposure == "example":
        message = f"{match.provider_name} {preview}{at} is the example the provider publishes in its documentation"
        code = "S002" if match.provider in ("supabase-anon-jwt",) else "S001"
        return _Verdict(
            code, file, match, message + ": not a working key; replace it with your own at run time", "info"
        )
    if match.provider in ("generic-credential", "password"):
        what = "password" if match.provider == "password" else "credential"
        message = f"hardcoded {what} {preview}{detail}{at} is {_PLACES[place]}"
        return _Verdict("S004", file, match, message, severity)
    public_place = None if export.loose else _public_place(relative, file, match)
    if public_place is not None:
        if public_place.family is not None and public_place.family != match.provider:
            family = load_catalog().by_id[public_place.family]
            match = dataclasses.replace(match, provider=family.id, provider_name=family.name, exposure="public")
        code = "S003" if match.provider == "google-api-key" else "S002"
        message = f"{match.provider_name} {preview} in {public_place.label} is public by design: {public_place.advice}"
        return _Verdict(code, file, match, message, "info", _PUBLIC_PLACE_HINT)
    if match.exposure == "public" and match.provider == "google-api-key":
        message = (
            f"Google API key {preview}{at} is {_PLACES[place]} and anyone who has it can spend your quota; restrict "
            "it to the APIs and apps that use it, or call the API server side"
        )
        return _Verdict("S003", file, match, message, severity)
    if match.exposure == "public":
        if place != "app":
            where = "; it is also " + _PLACES[place]
        elif file.kind in _CONFIG_KINDS:
            where = ", and already in configuration"
        else:
            where = "; keep it in one place (Settings → Environment Values), not in code"
        message = f"{match.provider_name} {preview}{detail}{at} is public by design{where}"
        # The family's own advice says what else to do (restrict it; a test-mode key must not reach a release).
        return _Verdict("S002", file, match, message, None, _advice_by_provider().get(match.provider))
    if match.exposure == "test":
        message = f"{match.provider_name} {preview}{detail}{at} (test mode) is {_PLACES[place]}"
        return _Verdict("S001", file, match, message, "warning")
    advice = _advice_by_provider().get(match.provider, "Rotate it and call this API from a backend.")
    if place == "server":
        advice = "Move it to the server's secret configuration and rotate it."
    message = f"{match.provider_name} {preview}{detail}{at} is {_PLACES[place]}. {advice}"
    return _Verdict("S001", file, match, message, severity)


# Where to fix a credential typed as a custom action's argument (the rule's own hint is about API calls).
_ARGUMENT_HINT = (
    "Action editor → the custom action's argument: a value typed there ships in the page's code; call the service "
    "from a private API call or a Cloud Function that keeps the key, and rotate the exposed key."
)


_DOCUMENTED_KEY = "api_key"  # how a provider's own query parameter for its key is judged


class _Position(NamedTuple):
    """A value in a credential-bearing position: the name it is judged by, where it is (for the message), and where
    to fix it when the rule's own hint does not say."""

    name: str
    value: Value
    where: str
    hint: str | None = None


def _auth_positions(export: Export) -> Iterator[_Position]:
    """Every value in a credential-bearing position of a call, a group, the environment or a custom action."""
    for request in resolve(export).requests:
        call = request.call
        for header in request.effective_headers:
            if header.name_text:
                yield _Position(header.name_text, header.value, f"header '{header.name_text.strip()}' of '{call.name}'")
        documented = {form.query.lower() for form in request.provider.auth if form.query} if request.provider else set()
        sent_as_key: set[str] = set()  # variables the call sends in the provider's documented parameter
        for param in call.params:
            if isinstance(param.key, Template) and param.key.is_literal:
                # The provider's documented query parameter for its key (OpenWeatherMap's appid, Unsplash's
                # client_id) holds a key, whatever the name says elsewhere.
                documented_key = param.key.text.strip().lower() in documented
                name = _DOCUMENTED_KEY if documented_key else param.key.text
                yield _Position(name, param.value, f"parameter '{param.key.text}' of '{call.name}'")
                if documented_key and isinstance(param.value, Expr):
                    sent_as_key.add(param.value.source.strip())  # 'client_id': clientId
                elif documented_key:
                    sent_as_key.update(segment.expr for segment in param.value.segments if segment.expr)  # '${id}'
        for variable in call.variables:
            if variable.default is not None:
                where = f"the default of variable '{variable.name}' of '{call.name}'"
                name = _DOCUMENTED_KEY if variable.name in sent_as_key else variable.name
                yield _Position(name, variable.default, where)
    for group in export.groups:
        for variable in group.variables:
            if variable.default is not None:
                where = f"the default of variable '{variable.name}' of '{group.name}'"
                yield _Position(variable.name, variable.default, where)
    for environment in export.environments:
        for entry in environment.values:
            if entry.value is not None and entry.type == "String":
                yield _Position(entry.key, entry.value, f"environment value '{entry.key}'")
    for entry in export.config_values:
        if entry.value is not None:
            yield _Position(entry.key, entry.value, f"config value '{entry.key}'")
    for argument in credential_arguments(export):
        yield _Position(argument.parameter, argument.value, argument.where, _ARGUMENT_HINT)


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
        for match in scan_text(file.text, file.syntax):
            covered.setdefault(file.relpath, []).append((match.start, match.end))
            found.append(_verdict(export, file, match))
    for position in _auth_positions(export):
        value = position.value
        if not isinstance(value, Template) or not value.is_literal or not value.text:
            continue
        start, end = value.source_range(0, len(value.text))
        if any(s < end and start < e for s, e in covered.get(value.file.relpath, [])):
            continue
        match = classify_credential(value.text, key_name=position.name)
        if match is None:
            continue
        # Re-anchor the match from value offsets to file offsets.
        file_start, file_end = value.source_range(match.start, match.end)
        anchored = dataclasses.replace(match, start=file_start, end=file_end)
        verdict = _verdict(export, value.file, anchored, position.where)
        found.append(dataclasses.replace(verdict, hint=verdict.hint or position.hint))
    found.extend(_copies(export, found))
    _VERDICTS[export] = found
    return found


# A copy is only looked for when the value is long enough that its match elsewhere cannot be chance.
_MIN_COPY_LENGTH = 16
_COPY_DETAIL = "the value of a secret found elsewhere in the export"


def _inside_token(text: str, start: int, end: int) -> bool:
    """The run is part of a longer word or key, not a copy of the value."""
    return (start > 0 and continues_token(text[start - 1])) or (end < len(text) and continues_token(text[end]))


def _copies(export: Export, found: list[_Verdict]) -> list[_Verdict]:
    """A secret's value written again where no name or format tells it (a note quoting the leaked token, a copy in
    another file): the same secret there too. One cause with the first finding, so it becomes one of its places."""
    known = {
        verdict.match.value: verdict.match
        for verdict in found
        if verdict.match.exposure != "public"
        and len(verdict.match.value) >= _MIN_COPY_LENGTH
        and "\n" not in verdict.match.value
    }
    if not known:
        return []
    covered: dict[str, list[tuple[int, int]]] = {}
    for verdict in found:
        covered.setdefault(verdict.file.relpath, []).append((verdict.match.start, verdict.match.end))
    copies: list[_Verdict] = []
    for file in export.files:
        if file.kind not in SCANNED_KINDS or not file.text:
            continue
        text, taken = file.text, covered.get(file.relpath, [])
        for value, original in known.items():  # str.find skips ahead on a long needle: far faster than one regex
            start = text.find(value)
            while start != -1:
                end = start + len(value)
                overlaps = any(other_start < end and start < other_end for other_start, other_end in taken)
                if not overlaps and not _inside_token(text, start, end):
                    match = dataclasses.replace(original, start=start, end=end, detail=_COPY_DETAIL)
                    copies.append(dataclasses.replace(_verdict(export, file, match), copy=True))
                start = text.find(value, end)
    return copies


def secret_spans(export: Export) -> dict[str, set[tuple[int, int]]]:
    """Where the export's secrets sit (path -> source ranges), whatever rules run: outputs that show file text
    (code frames, diffs) mask these."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for verdict in _verdicts(export):
        spans.setdefault(verdict.file.relpath, set()).add((verdict.match.start, verdict.match.end))
    return spans


def _stale_session_token(match: SecretMatch, now: float) -> str | None:
    """What has gone stale in a signed-in user's token ("expired on …", "lost its first character"), or None for a
    live one or another kind of secret."""
    if match.value.count(".") != 2:
        return None
    info = decode_jwt(match.value)
    if session_kind(info) is None:
        return None
    if info.problem == "truncated":
        return "has lost its first character"
    if info.exp is not None and info.exp <= now:
        return f"expired on {jwt_date(info.exp)}"
    return None


def _sent_tokens(export: Export) -> set[tuple[str, int]]:
    """Where the JWTs a request surely sends start: A005 and A006 say what a stale one does there."""
    return {(span.path, span.start) for span in (found.token_span() for _, found, _ in jwt_credentials(export))}


def _stale_message(verdict: _Verdict, stale: str, place: str) -> str:
    return (
        f"{verdict.match.provider_name} {redact(verdict.match.value)} {stale}: it opens nothing any more, but it "
        f"still names a real account and is {_PLACES[place]}"
    )


_STALE_TOKEN_HINT = (
    "Delete the pasted token; where a call needs the user's token, bind it to Authenticated User → JWT Token "
    "(currentJwtToken in code), which is fresh on every run."
)


def _findings(export: Export, ctx: CheckContext, code: str) -> Iterator[Finding]:
    sent: set[tuple[str, int]] | None = None
    for verdict in _verdicts(export):
        if verdict.code != code:
            continue
        span = verdict.file.span(verdict.match.start, verdict.match.end)
        message, severity, hint = verdict.message, verdict.severity, verdict.hint
        stale = _stale_session_token(verdict.match, ctx.now)
        if stale is not None:
            # A stale token a request sends is A005's or A006's finding; anywhere else it is still a user's token.
            sent = _sent_tokens(export) if sent is None else sent
            if (span.path, span.start) in sent:
                continue
            message, severity = _stale_message(verdict, stale, place_of(export, verdict.file)), "warning"
            hint = _STALE_TOKEN_HINT
        info = secret_info(verdict.match.value, verdict.match.provider)
        yield ctx.finding(
            code,
            span,
            message,
            severity=severity,
            secret=info,
            key=info.fingerprint,
            hint=hint,
            # Where it does most harm first; in one place, where it was found before its copies.
            prominence=2 * _PROMINENCE[place_of(export, verdict.file)] + (not verdict.copy),
        )


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

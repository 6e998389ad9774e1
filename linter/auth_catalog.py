"""The provider-aware auth catalog (rules/hosts/auth-providers.yaml): how known APIs expect to be authenticated."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from typing import Any

from linter.resources import data_file, load_data

CATALOG_PATH = ("rules", "hosts", "auth-providers.yaml")
PUBLIC_KINDS = frozenset({"anon", "publishable"})


@dataclass(frozen=True, slots=True)
class AuthForm:
    header: str | None  # lowercase header name, or None for a query parameter
    query: str | None
    scheme: str | None
    kinds: frozenset[str] | None  # key kinds this form accepts; None = any

    def describe(self) -> str:
        if self.query:
            return f"the '{self.query}' query parameter"
        return f"'{self.header_title}: {self.scheme + ' ' if self.scheme else ''}<key>'"

    @property
    def header_title(self) -> str:
        return "-".join(part[:1].upper() + part[1:] for part in (self.header or "").split("-"))


@dataclass(frozen=True, slots=True)
class Companion:
    header: str  # as the provider documents it
    also_query: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class KeyFormat:
    kind: str
    prefix: str | None
    pattern: re.Pattern[str] | None
    length: tuple[int, int] | None
    jwt_role: str | None
    shared_prefix: bool

    def describe_length(self) -> str:
        if self.length is None:
            return ""
        low, high = self.length
        return f"{low} characters" if low == high else f"{low} to {high} characters"


@dataclass(frozen=True, slots=True)
class AuthProvider:
    id: str
    name: str
    hosts: tuple[str, ...]
    paths: tuple[str, ...]
    auth: tuple[AuthForm, ...]
    companions: tuple[Companion, ...]
    keys: tuple[KeyFormat, ...]
    needs: frozenset[str] | None
    public_paths: tuple[str, ...]
    admin_paths: tuple[str, ...]
    admin_kinds: frozenset[str]
    header_kinds: dict[str, frozenset[str]]

    def matches(self, host: str, path: str | None) -> bool:
        if not any(fnmatchcase(host, pattern) for pattern in self.hosts):
            return False
        return not self.paths or (path is not None and any(path.startswith(prefix) for prefix in self.paths))

    @property
    def auth_headers(self) -> frozenset[str]:
        return frozenset(form.header for form in self.auth if form.header)

    def is_admin_path(self, path: str | None) -> bool:
        return path is not None and any(path.startswith(prefix) for prefix in self.admin_paths)

    def is_public_path(self, path: str | None) -> bool:
        return path is not None and any(path.startswith(prefix) for prefix in self.public_paths)

    def key_kind(self, credential: str, role: str | None) -> KeyFormat | None:
        """The key format ``credential`` has among this provider's keys (``role``: the JWT role claim, if any)."""
        if role is not None:
            found = next((key for key in self.keys if key.jwt_role == role), None)
            if found is not None:
                return found
        prefixed = [key for key in self.keys if key.prefix and credential.startswith(key.prefix)]
        return max(prefixed, key=lambda key: len(key.prefix or ""), default=None)


def _kinds(raw: list[str] | None) -> frozenset[str] | None:
    return frozenset(raw) if raw else None


def _length(raw: int | list[int] | None) -> tuple[int, int] | None:
    if raw is None:
        return None
    return (raw, raw) if isinstance(raw, int) else (raw[0], raw[1])


def _provider(raw: dict[str, Any]) -> AuthProvider:
    return AuthProvider(
        id=raw["id"],
        name=raw["name"],
        hosts=tuple(host.lower() for host in raw["hosts"]),
        paths=tuple(raw.get("paths", ())),
        auth=tuple(
            AuthForm(
                form["header"].lower() if "header" in form else None,
                form.get("query"),
                form.get("scheme"),
                _kinds(form.get("kinds")),
            )
            for form in raw["auth"]
        ),
        companions=tuple(
            Companion(entry["header"], entry.get("also_query"), entry["reason"]) for entry in raw.get("companions", ())
        ),
        keys=tuple(
            KeyFormat(
                key["kind"],
                key.get("prefix"),
                re.compile(key["pattern"]) if "pattern" in key else None,
                _length(key.get("length")),
                key.get("jwt_role"),
                key.get("shared_prefix", False),
            )
            for key in raw.get("keys", ())
        ),
        needs=_kinds(raw.get("needs")),
        public_paths=tuple(raw.get("public_paths", ())),
        admin_paths=tuple(raw.get("admin_paths", ())),
        admin_kinds=frozenset(raw.get("admin_kinds", ())),
        header_kinds={name.lower(): frozenset(kinds) for name, kinds in raw.get("header_kinds", {}).items()},
    )


def load_raw() -> dict[str, Any]:
    return load_data(*CATALOG_PATH)


@cache
def auth_providers() -> tuple[AuthProvider, ...]:
    return tuple(_provider(raw) for raw in load_raw()["providers"])


def provider_for(host: str, path: str | None) -> AuthProvider | None:
    """The first catalog entry that covers ``host`` (lowercase) and ``path``."""
    return next((provider for provider in auth_providers() if provider.matches(host, path)), None)


def provider_of_key(credential: str) -> tuple[AuthProvider, KeyFormat] | None:
    """The provider whose unshared key prefix ``credential`` starts with (the longest prefix wins)."""
    best: tuple[AuthProvider, KeyFormat] | None = None
    for provider in auth_providers():
        for key in provider.keys:
            usable = key.prefix and not key.shared_prefix and credential.startswith(key.prefix)
            if usable and (best is None or len(key.prefix or "") > len(best[1].prefix or "")):
                best = (provider, key)
    return best


def catalog_errors() -> list[str]:
    """Schema violations and bad regexes in the catalog (run by the tests, not at lint time)."""
    import jsonschema

    schema = json.loads(data_file("schemas", "auth-providers.schema.json").read_text(encoding="utf-8"))
    raw = load_raw()
    problems = [
        f"{'/'.join(str(part) for part in error.path) or '(top)'}: {error.message}"
        for error in jsonschema.Draft202012Validator(schema).iter_errors(raw)
    ]
    ids = [entry.get("id") for entry in raw.get("providers", [])]
    problems += [f"provider id {name!r} is used twice" for name in sorted({i for i in ids if ids.count(i) > 1})]
    for entry in raw.get("providers", []):
        for key in entry.get("keys", []):
            pattern = key.get("pattern")
            if pattern is None:
                continue
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                problems.append(f"{entry.get('id')}: pattern {pattern!r}: {error}")
                continue
            if key.get("prefix") and not compiled.pattern.replace("\\", "").startswith(key["prefix"]):
                problems.append(f"{entry.get('id')}: pattern {pattern!r} does not start with prefix {key['prefix']!r}")
    return problems

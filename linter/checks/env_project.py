"""E family, Project YAML environments side by side: a value missing in one environment (E008), production values
pointing at local or tunnel hosts (E009), one secret shared by production and development (E010), a secret not
marked private (E011)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from linter.check_context import CheckContext, secret_info
from linter.checks.common import (
    env_value_text,
    environment_hint,
)
from linter.checks.registry import check
from linter.findings import Finding
from linter.model import Environment, EnvValue, Export
from linter.secrets import SecretMatch, classify_credential
from linter.vocabulary import local_host_reason, tunnel_suffix

_PRODUCTION = re.compile(r"(?i)(?<![a-z])(prod|production|live|release)(?![a-z])")
_NOT_PRODUCTION = re.compile(r"(?i)(pre|non)[\s_-]?prod")


def _yaml_environments(export: Export) -> list[Environment]:
    return [environment for environment in export.environments if environment.source == "project-yaml"]


def _is_production(environment: Environment) -> bool:
    names = f"{environment.name} {environment.key or ''}"
    return bool(_PRODUCTION.search(names)) and not _NOT_PRODUCTION.search(names)


@check("E008")
def check_env_key_missing_in_environment(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E008 env-key-missing-in-environment: a value set in some Project YAML environments and missing in this one."""
    environments = _yaml_environments(export)
    for environment in environments:
        for value in environment.values:
            if value.value is not None:
                continue
            having = [e.name for e in environments if (v := e.get(value.key)) is not None and v.value is not None]
            if not having:
                continue
            yield ctx.finding(
                "E008",
                value.span,
                f"'{value.key}' has a value in {', '.join(having)} but none in environment '{environment.name}': "
                "builds for that environment run with it empty",
                hint=environment_hint(environment, value.key),
                key=f"{value.key}:{environment.key}",
            )


def _local_target(text: str) -> str | None:
    """Why a URL or host must not be used in production, or None."""
    candidate = text.strip()
    if not candidate or " " in candidate:
        return None
    if "://" not in candidate:
        if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?(/\S*)?|\[[0-9a-fA-F:]+\](:\d+)?(/\S*)?", candidate):
            return None
        candidate = "//" + candidate
    try:
        parts = urlsplit(candidate)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    local = local_host_reason(host)
    if local is not None and local[1] != "public-ip":
        return f"points at {host}: {local[0]}"
    if local is None and "." not in host:
        return None  # a bare word ("nautical") is not a host
    if tunnel_suffix(host):
        return f"points at a development tunnel ({host}) that stops working when the developer's laptop sleeps"
    if parts.scheme == "http":
        return "uses http://: traffic is unencrypted, and iOS (App Transport Security) and Android block it"
    return None


@check("E009")
def check_env_production_value_local(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E009 env-production-value-local: a production value pointing at a local, private or tunnel host, or http://."""
    for environment in _yaml_environments(export):
        if not _is_production(environment):
            continue
        for value in environment.values:
            text = env_value_text(value)
            if text is None or value.value is None or value.type != "String":
                continue
            reason = _local_target(text)
            if reason is None:
                continue
            yield ctx.finding(
                "E009",
                value.value.span(),
                f"'{value.key}' in production environment '{environment.name}' {reason}",
                hint=environment_hint(environment, value.key),
                key=f"{value.key}:{text}",
            )


def _secret_match(value: EnvValue) -> SecretMatch | None:
    """The secret a value holds (secret or test keys; public keys are meant to ship), re-anchored to the file."""
    if value.value is None or value.type != "String" or not value.value.text.strip():
        return None
    match = classify_credential(value.value.text, key_name=value.key)
    if match is None or match.exposure == "public":
        return None
    start, end = value.value.source_range(match.start, match.end)
    return dataclasses.replace(match, start=start, end=end)


@check("E010")
def check_env_same_secret_across_environments(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E010 env-same-secret-across-environments: one secret shared by production and a development environment."""
    environments = _yaml_environments(export)
    production = [e for e in environments if _is_production(e)]
    others = [e for e in environments if not _is_production(e)]
    for prod in production:
        for value in prod.values:
            match = _secret_match(value)
            if match is None:
                continue
            shared = [
                e.name
                for e in others
                if (v := e.get(value.key)) is not None and env_value_text(v) == env_value_text(value)
            ]
            if not shared:
                continue
            info = secret_info(match.value, match.provider)
            yield ctx.finding(
                "E010",
                prod.file.span(match.start, match.end),
                f"'{value.key}' holds the same {match.provider_name} {info.preview} in production and in "
                f"{', '.join(shared)}: every development build and developer can use the production credential",
                hint=environment_hint(prod, value.key),
                secret=info,
                key=info.fingerprint,
            )


@check("E011")
def check_env_private_value_exposed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """E011 env-private-value-exposed: a secret in an environment value not marked private (it ships in the app)."""
    seen: set[str] = set()
    for environment in _yaml_environments(export):
        for value in environment.values:
            if value.private:
                continue
            match = _secret_match(value)
            if match is None:
                continue
            info = secret_info(match.value, match.provider)
            if info.fingerprint in seen:
                continue
            seen.add(info.fingerprint)
            yield ctx.finding(
                "E011",
                environment.file.span(match.start, match.end),
                f"'{value.key}' in environment '{environment.name}' holds {match.provider_name} {info.preview} but "
                "is not marked private: FlutterFlow writes it into environment.json inside the app, where anyone "
                "can read it",
                hint=f"fix it in FlutterFlow: Settings → Dev Environments → '{value.key}' → mark it Private (it is "
                "then only available to private API calls, server side)",
                secret=info,
                key=info.fingerprint,
            )

"""The catalog of well-known API hosts (rules/hosts/api-hosts.yaml): which hosts exist under the domains of
well-known APIs, so that a near miss is a typo (U006), and the path shapes some of them require (U007)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from linter.resources import data_file, load_data
from linter.vocabulary import edit_distance

CATALOG_PATH = ("rules", "hosts", "api-hosts.yaml")


@dataclass(frozen=True, slots=True)
class PathShape:
    name: str
    hosts: frozenset[str]
    prefix: str
    formats: tuple[str, ...]
    services: tuple[str, ...]
    formatless: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ApiHosts:
    id: str
    name: str
    domain: str
    subdomains: frozenset[str]  # empty when ``label`` says what the names under the domain look like
    label: re.Pattern[str] | None
    paths: tuple[PathShape, ...]

    def knows(self, prefix: str) -> bool:
        """True when ``prefix`` (the part of a host before the domain) names a host of this API."""
        return prefix in self.subdomains or (self.label is not None and bool(self.label.fullmatch(prefix)))


def _api(raw: dict[str, Any]) -> ApiHosts:
    return ApiHosts(
        id=raw["id"],
        name=raw["name"],
        domain=raw["domain"],
        subdomains=frozenset(raw.get("subdomains", ())),
        label=re.compile(raw["label"]) if "label" in raw else None,
        paths=tuple(
            PathShape(
                shape["name"],
                frozenset(shape["hosts"]),
                shape["prefix"],
                tuple(shape["formats"]),
                tuple(shape["services"]),
                tuple(shape.get("formatless", ())),
            )
            for shape in raw.get("paths", ())
        ),
    )


@cache
def api_hosts() -> tuple[ApiHosts, ...]:
    return tuple(_api(raw) for raw in load_data(*CATALOG_PATH)["apis"])


def _near(wrong: str, right: str, *, limit: int, substitution: int = 1) -> bool:
    # Every edit changes the length by one at most: names whose lengths differ more are never near.
    if wrong == right or abs(len(wrong) - len(right)) > limit:
        return False
    return edit_distance(wrong, right, substitution=substitution) <= limit


def _near_label(wrong: str, right: str) -> bool:
    """A near miss of a known name under the domain: one edit from a name of 4+ characters, two from 10+."""
    limit = 2 if len(right) >= 10 else 1 if len(right) >= 4 else 0
    return _near(wrong, right, limit=limit)


def _near_domain(wrong: str, right: str) -> bool:
    """A near miss of a catalog domain of 9+ characters: one edit, and for a short name (stripe, openai) only a
    missing, doubled or swapped character, since one changed letter often spells another company (strike)."""
    if len(right) < 9:
        return False
    name = right.rsplit(".", 1)[0]
    return _near(wrong, right, limit=1, substitution=1 if len(name) >= 8 else 2)


@cache  # the calls of an export share a few hosts
def typo_of(host: str) -> tuple[str, ApiHosts] | None:
    """(the well-known host ``host`` misspells, its API) when ``host`` is a near miss of exactly one catalog host,
    else None. A host the catalog knows, or one under a domain it does not cover, is never a typo."""
    host = host.lower().rstrip(".")
    meant: set[str] = set()
    found: ApiHosts | None = None
    for api in api_hosts():
        if host == api.domain:
            return None
        if host.endswith("." + api.domain):
            prefix = host[: -len(api.domain) - 1]
            if api.knows(prefix) or not api.subdomains:
                return None
            close = {name for name in api.subdomains if _near_label(prefix, name)}
            meant |= {f"{name}.{api.domain}" for name in close}
            found = api if close else found
            continue
        for prefix, _, domain in _splits(host):
            if api.knows(prefix) and _near_domain(domain, api.domain):
                meant.add(f"{prefix}.{api.domain}")
                found = api
    return (meant.pop(), found) if len(meant) == 1 and found is not None else None


def _splits(host: str) -> list[tuple[str, str, str]]:
    """(prefix, ".", domain) for every way to cut ``host`` into a prefix and a domain of two or more labels."""
    labels = host.split(".")
    return [(".".join(labels[:index]), ".", ".".join(labels[index:])) for index in range(1, len(labels) - 1)]


def path_problem(host: str, path: str) -> str | None:
    """What is wrong with ``path`` on ``host`` by the catalog's path shapes, or None (also for paths it does not
    cover). Says which service needs an output format, or which known service a path near one meant."""
    host = host.lower()
    for api in api_hosts():
        for shape in api.paths:
            if host in shape.hosts and path.startswith(shape.prefix):
                return _shape_problem(shape, path[len(shape.prefix) :].strip("/"))
    return None


def _shape_problem(shape: PathShape, rest: str) -> str | None:
    if rest in shape.formatless or not rest:
        return None
    formats = " or ".join(shape.formats)
    if rest in shape.services:
        return f"{shape.name} answer '{shape.prefix}{rest}' only with an output format after it ({formats})"
    service, _, last = rest.rpartition("/")
    if service in shape.services:
        return None if last in shape.formats else f"'{last}' is not an output format of {shape.name} ({formats})"
    if last not in shape.formats or not service:
        return None
    known = [*shape.services, *shape.formatless]
    meant = [name for name in known if name.split("/")[-1] == service.split("/")[-1] or _near_label(service, name)]
    if len(meant) != 1:
        return None
    return f"'{shape.prefix}{service}' is not one of the {shape.name}; did you mean '{shape.prefix}{meant[0]}/{last}'?"


def catalog_errors() -> list[str]:
    """Schema violations, bad regular expressions and ambiguous names in the catalog (run by the tests)."""
    import jsonschema

    schema = json.loads(data_file("schemas", "api-hosts.schema.json").read_text(encoding="utf-8"))
    raw = load_data(*CATALOG_PATH)
    problems = [
        f"{'/'.join(str(part) for part in error.path) or '(top)'}: {error.message}"
        for error in jsonschema.Draft202012Validator(schema).iter_errors(raw)
    ]
    entries = raw.get("apis", [])
    for field in ("id", "domain"):
        values = [entry.get(field) for entry in entries]
        problems += [f"{field} {value!r} is used twice" for value in sorted({v for v in values if values.count(v) > 1})]
    for entry in entries:
        if "label" in entry:
            try:
                re.compile(entry["label"])
            except re.error as error:
                problems.append(f"{entry.get('id')}: label {entry['label']!r}: {error}")
    return problems

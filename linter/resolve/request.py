"""What one API call sends, as the runtime builds it, computed once per export and read by every check."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property

from linter.auth_catalog import AuthProvider, provider_for
from linter.model import ApiCall, ApiGroup, EnvValue, Export, Header, Template, Value, Variable
from linter.resolve.body import BodyField, sent_fields
from linter.resolve.call_sites import CallSites, index_call_sites
from linter.resolve.content_type import ContentTypeRuntime, content_type_runtime
from linter.resolve.credentials import Credential, decoded_basic, is_auth_header
from linter.resolve.environment import env_flows
from linter.resolve.headers import effective_headers, header_key, winning_headers
from linter.resolve.urls import FilledUrl, fill_url, split_url
from linter.resolve.usage import names_read
from linter.vocabulary import is_credential_name


@dataclass(frozen=True)
class CredentialPlace:
    """Where a request sends a credential: an auth header, or a query parameter with a credential's name."""

    where: str  # "header 'Authorization'", "query parameter 'key'"
    text: str | None  # the value as sent when it is fixed (literal or environment values), else None

    @property
    def fixed(self) -> bool:
        """The value is the same for every user: written in the call or taken from an environment value."""
        return self.text is not None


@dataclass(eq=False)
class Request:
    """One call as sent: its variables merged with its group's, its headers after spreads, copies and "later key
    wins, ignoring case", its URL filled, its host and provider, and the credential each header carries."""

    resolution: Resolution
    call: ApiCall
    group: ApiGroup | None
    _credentials: dict[int, Credential | None] = field(default_factory=dict, repr=False)

    @property
    def export(self) -> Export:
        return self.resolution.export

    @cached_property
    def variables(self) -> dict[str, Variable]:
        """The call's variables by name, then its group's (a call's own variable wins over a group's namesake)."""
        merged = {variable.name: variable for variable in self.call.variables}
        for variable in self.group.variables if self.group else []:
            merged.setdefault(variable.name, variable)
        return merged

    @cached_property
    def interceptors(self) -> str | None:
        """The interceptor list the call runs (``Group.interceptors``), or None. FlutterFlow's interceptors are custom
        code that may set any header (an Authorization from app state, typically) on every request: what they send
        is unknown to fflint."""
        found = self.call.interceptors
        if found is None:
            return None
        source = found.text if isinstance(found, Template) else found.source
        if re.sub(r"\bconst\b|\s", "", source) in {"[]", "<FFApiInterceptor>[]"}:
            return None
        return source

    @cached_property
    def effective_headers(self) -> list[Header]:
        """Every header entry read for the call, spread group maps first."""
        return effective_headers(self.export, self.call)

    @cached_property
    def headers(self) -> list[Header]:
        """The headers sent: a later key (ignoring case) replaces an earlier one's value and keeps its place."""
        return winning_headers(self.effective_headers)

    @cached_property
    def headers_by_name(self) -> dict[str, Header]:
        """Sent headers with a literal name, by trimmed lowercase name."""
        return {key: header for header in self.headers if (key := header_key(header)) is not None}

    @cached_property
    def names_read(self) -> frozenset[str]:
        """Identifiers the request reads (URL, headers, parameters, body), locals followed."""
        return names_read(self.call, self.effective_headers)

    @cached_property
    def unused_variables(self) -> list[Variable]:
        """Parameters of the call (the user binds them in FlutterFlow) that reach no part of the request, when the
        request is known: a private call whose cloud function was not found, or headers or parameters built by code
        fflint does not follow, are not judged."""
        call = self.call
        if call.url is None or call.unresolved:
            return []
        return [variable for variable in call.variables if variable.name not in self.names_read]

    @cached_property
    def json_variables_sent(self) -> list[Variable]:
        """The call's JSON variables (``dynamic``, ``Map``) that reach the request: whole records the app passes,
        whose members fflint does not see."""
        return [
            variable
            for variable in self.call.variables
            if _is_json_type(variable.type) and variable.name in self.names_read
        ]

    @cached_property
    def fields(self) -> list[BodyField]:
        """The JSON body's members (when the body is sent) and the params map's entries."""
        return sent_fields(self.call)

    def _fixed_text(self, value: Value) -> str | None:
        """``value`` as sent when every part of it is a literal or an environment value, else None."""
        flows = self.env_flows(value)
        if not isinstance(value, Template):
            found = flows[0][2] if flows else None
            return found.value.text if found is not None and found.value is not None else None
        if len(flows) != len(value.interpolations):
            return None
        text, position = [], 0
        for begin, end, env in flows:
            if env.value is None:
                return None
            text += [value.text[position:begin], env.value.text]
            position = end
        return "".join(text) + value.text[position:]

    @cached_property
    def credential_places(self) -> list[CredentialPlace]:
        """Every place the request sends a credential: sent headers named as auth headers (or with a credential's
        name), and parameters with a credential's name, in the params map or the URL's own query."""
        places = []
        for header in self.headers:
            name = (header.name_text or "").strip()
            if name and is_auth_header(name):
                places.append(CredentialPlace(f"header '{name}'", self._fixed_text(header.value)))
        for param in self.call.params:
            if isinstance(param.key, Template) and param.key.is_literal and is_credential_name(param.key.text):
                places.append(CredentialPlace(f"parameter '{param.key.text}'", self._fixed_text(param.value)))
        filled = self.url
        parts = split_url(filled.text.strip()) if filled is not None else None
        if filled is not None and parts is not None:
            offset = len(filled.text) - len(filled.text.lstrip())
            for name, value, start in parts.query_pairs(filled.text.strip()):
                if not is_credential_name(name):
                    continue
                begin, end = offset + start, offset + start + len(value)
                fixed = not filled.unresolved(begin, end) if end > begin else True
                places.append(CredentialPlace(f"query parameter '{name}'", value if fixed else None))
        return places

    @cached_property
    def basic_pairs(self) -> list[tuple[str, str]]:
        """The (user, password) of every fixed Basic credential the request sends (``Basic <base64 of id:secret>``
        written by hand or in an environment value: FlutterFlow cannot base64 a variable)."""
        pairs = []
        for header in self.headers:
            fixed = self._fixed_text(header.value) if isinstance(header.value, Template) else None
            decoded = decoded_basic(fixed) if fixed is not None else None
            if decoded is not None:
                user, _, password = decoded.partition(":")
                pairs.append((user, password))
        return pairs

    def sends_in_basic(self, variable: Variable) -> bool:
        """True when the variable's literal default is the user or the password of a fixed Basic credential the
        request sends: the value is sent (hardcoded), and no variable could fill a base64 credential."""
        default = variable.default
        if not isinstance(default, Template) or not default.is_literal or not default.text.strip():
            return False
        return any(default.text.strip() in pair for pair in self.basic_pairs)

    def env_flows(self, value: Value | None) -> list[tuple[int, int, EnvValue]]:
        """Environment values filling interpolations of ``value`` (rendered start, end, value)."""
        return env_flows(self.export, self.variables, value)

    @cached_property
    def url(self) -> FilledUrl | None:
        return fill_url(self.export, self.call, self.variables)

    @cached_property
    def location(self) -> tuple[str, str | None] | None:
        """(lowercase host, path or None when the path is filled at run time) when the host is known."""
        filled = self.url
        if filled is None:
            return None
        parts = split_url(filled.text.strip())
        if parts is None or filled.unresolved(parts.host_start, parts.host_end) or not parts.host:
            return None
        path = None if filled.unresolved(parts.host_end, parts.path_end) else parts.path
        return parts.host.lower(), path

    @cached_property
    def provider(self) -> AuthProvider | None:
        """The auth catalog's entry for the call's host and path."""
        return provider_for(*self.location) if self.location else None

    @property
    def path(self) -> str | None:
        return self.location[1] if self.location else None

    @cached_property
    def query_names(self) -> set[str]:
        """Lowercase names of the query parameters sent: the params map and the URL's own query."""
        names = {param.key.text.lower() for param in self.call.params if isinstance(param.key, Template)}
        filled = self.url
        parts = split_url(filled.text.strip()) if filled is not None else None
        if filled is not None and parts is not None:
            names.update(name.lower() for name, _, _ in parts.query_pairs(filled.text.strip()))
        return names

    def credential(self, header: Header) -> Credential | None:
        """The header's value as sent, when it is literal or has one interpolation whose value is known."""
        if id(header) not in self._credentials:
            self._credentials[id(header)] = self._credential(header)
        return self._credentials[id(header)]

    def _credential(self, header: Header) -> Credential | None:
        value = header.value
        if not isinstance(value, Template):
            return None
        if value.is_literal:
            return Credential(header, value, value.text, value, 0, "literal", None, False)
        interpolations = value.interpolations
        if len(interpolations) != 1:
            return None
        begin, end, expression = interpolations[0]
        flows = self.env_flows(value)
        if flows:
            env = flows[0][2]
            if env.value is None or env.type != "String":
                return None
            text = value.text[:begin] + env.value.text + value.text[end:]
            return Credential(header, value, text, env.value, -begin, "env", env.key, False)
        variable = self.variables.get(expression)
        default = variable.default if variable is not None else None
        if not isinstance(default, Template) or not default.is_literal or not default.text:
            return None
        text = value.text[:begin] + default.text + value.text[end:]
        return Credential(header, value, text, default, -begin, "default", expression, True)

    @cached_property
    def credentials(self) -> list[Credential]:
        """The known credential of every sent header with a literal name."""
        return [found for header in self.headers if header.name_text is not None if (found := self.credential(header))]

    def default_is_sent(self, variable: str) -> bool:
        """True when the app calls this call and never passes ``variable``: its default is what is sent."""
        return self.resolution.call_sites.default_is_sent(self.call, variable)

    def surely_sent(self, found: Credential) -> bool:
        """Literal and environment values always are; a default only when no call site passes its variable."""
        return not found.from_default or self.default_is_sent(found.name or "")


def _is_json_type(type_text: str) -> bool:
    base = type_text.replace("?", "").strip()
    return base in ("dynamic", "Object", "Map") or base.startswith("Map<")


class Resolution:
    """Everything resolved about one export, built on first use and kept for every check of the run."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self._requests: dict[int, Request] = {}

    def request(self, call: ApiCall) -> Request:
        found = self._requests.get(id(call))
        if found is None:
            found = self._requests[id(call)] = Request(self, call, self.export.group(call.group))
        return found

    @cached_property
    def requests(self) -> list[Request]:
        """One request per call, in the order of the calls."""
        return [self.request(call) for call in self.export.calls]

    @cached_property
    def call_sites(self) -> CallSites:
        return index_call_sites(self.export)

    @cached_property
    def content_type(self) -> ContentTypeRuntime:
        return content_type_runtime(self.export)


_RESOLVED: weakref.WeakKeyDictionary[Export, Resolution] = weakref.WeakKeyDictionary()


def resolve(export: Export) -> Resolution:
    """The resolution of ``export``, computed once and shared by every check that reads it."""
    found = _RESOLVED.get(export)
    if found is None:
        found = _RESOLVED[export] = Resolution(export)
    return found

"""The credential a header sends: the value with its one interpolation filled when the value is known (a literal,
an environment value, or a variable's default), and the place its characters are written."""

from __future__ import annotations

from dataclasses import dataclass

from linter.auth_catalog import auth_providers
from linter.model import Header, Template
from linter.vocabulary import AUTH_HEADER_NAMES, decode_base64_text, is_credential_name, split_scheme


def is_jwt(token: str) -> bool:
    return token.startswith("eyJ") and token.count(".") == 2


def decoded_basic(value: str) -> str | None:
    """The ``user:password`` a Basic credential (``Basic dXNlcjpwYXNz``) carries, or None."""
    scheme, token = split_scheme(value)
    if scheme is None or scheme.lower() != "basic" or not token:
        return None
    decoded = decode_base64_text(token)
    return decoded if decoded is not None and ":" in decoded else None


def auth_header_names() -> frozenset[str]:
    """Header names that carry a credential: the common ones and every auth catalog provider's own."""
    names = set(AUTH_HEADER_NAMES)
    for provider in auth_providers():
        names.update(provider.auth_headers)
    return frozenset(names)


def is_auth_header(name: str) -> bool:
    """A header that carries a credential: a known auth header name, or a name that says it holds one."""
    name = name.strip()
    return name.lower() in auth_header_names() or is_credential_name(name)


@dataclass
class Credential:
    """A credential as the request sends it: the header value with its one interpolation filled when known."""

    header: Header
    value: Template  # the header's value template
    text: str  # the value as sent (scheme included)
    origin: Template  # where the credential's characters are written (the header, an env value, a default)
    offset: int  # rendered offset of ``text`` inside ``origin`` (may be negative: the scheme is in the header)
    source: str  # "literal" | "env" | "default"
    name: str | None  # the variable or environment key that supplies it
    from_default: bool  # the value is a variable's default, sent only when no call site passes the variable

    @property
    def scheme(self) -> str | None:
        return split_scheme(self.text)[0]

    @property
    def token(self) -> str:
        return split_scheme(self.text)[1]

    def token_range(self) -> tuple[int, int] | None:
        """Rendered range of the token inside ``origin``, when it is written there in full."""
        token = self.token
        start = self.text.find(token) + self.offset if token else -1
        if start < 0 or self.origin.text[start : start + len(token)] != token:
            return None
        return start, start + len(token)

    def token_span(self):
        located = self.token_range()
        return self.value.span() if located is None else self.origin.span(*located)

    def describe(self) -> str:
        if self.source == "env":
            return f" (from environment value '{self.name}')"
        if self.source == "default":
            return f" (the default of variable '{self.name}')"
        return ""

"""Secret detection: provider catalog, fast scanner, JWT decoding and redaction.

The scanner (and the catalog it compiles) and the JWT decoder load on first use: a report that only redacts
previews needs neither."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linter.secrets.redact import fingerprint, mask_message, mask_secrets, redact

if TYPE_CHECKING:
    from linter.secrets.jwt import JwtInfo, decode_jwt
    from linter.secrets.scanner import SecretMatch, classify_credential, scan_text

_LAZY = {
    "JwtInfo": "jwt",
    "decode_jwt": "jwt",
    "SecretMatch": "scanner",
    "classify_credential": "scanner",
    "scan_text": "scanner",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"linter.secrets.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "JwtInfo",
    "SecretMatch",
    "classify_credential",
    "decode_jwt",
    "fingerprint",
    "mask_message",
    "mask_secrets",
    "redact",
    "scan_text",
]

"""Secret detection: provider catalog, fast scanner, JWT decoding and redaction."""

from linter.secrets.jwt import JwtInfo, decode_jwt
from linter.secrets.redact import fingerprint, mask_message, mask_secrets, redact
from linter.secrets.scanner import SecretMatch, classify_credential, scan_text

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

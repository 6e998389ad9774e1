"""Fake secrets built at run time (never stored in the repository), for tests that plant them."""

from __future__ import annotations

import base64
import json
import secrets
import string

ALNUM = string.ascii_letters + string.digits


def random_text(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def stripe_secret_key() -> str:
    return "sk_live_" + random_text(ALNUM, 99)


def google_api_key() -> str:
    return "AIza" + random_text(ALNUM + "-_", 35)


def service_role_jwt() -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    reference = random_text(string.ascii_lowercase, 20)
    claims = {"iss": "supabase", "ref": reference, "role": "service_role", "iat": 1_700_000_000}
    return f"{header}.{_b64url(json.dumps(claims).encode())}.{_b64url(secrets.token_bytes(32))}"

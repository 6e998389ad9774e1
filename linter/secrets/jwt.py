"""Offline JWT decoding: base64url + JSON only, signatures are never verified."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class JwtInfo:
    header: dict | None
    payload: dict | None
    role: str | None
    issuer: str | None
    exp: int | None
    nbf: int | None
    iat: int | None
    problem: str | None  # None | "truncated" | "bad-base64" | "bad-json" | "not-a-jwt"


def _b64url_json(segment: str) -> tuple[dict | None, str | None]:
    if not segment or not _SEGMENT.fullmatch(segment) or len(segment) % 4 == 1:
        return None, "bad-base64"
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return None, "bad-base64"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "bad-json"
    if not isinstance(data, dict):
        return None, "bad-json"
    return data, None


def _int_claim(payload: dict | None, name: str) -> int | None:
    value = payload.get(name) if payload else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _str_claim(payload: dict | None, name: str) -> str | None:
    value = payload.get(name) if payload else None
    return value if isinstance(value, str) else None


def session_kind(info: JwtInfo) -> str | None:
    """What kind of signed-in user's token this is ("a Firebase ID token of a signed-in user", "a signed-in
    user's session token"), or None for a project key or a token of unknown kind."""
    if (info.issuer or "").startswith("https://securetoken.google.com/"):
        return "a Firebase ID token of a signed-in user"
    if info.role == "authenticated" or (info.payload and info.payload.get("sub") and info.payload.get("email")):
        return "a signed-in user's session token"
    return None


def decode_jwt(token: str) -> JwtInfo:
    """Decode a compact JWS without verifying it; never raises."""
    try:
        return _decode(token)
    except Exception:  # defensive: the contract is "never raises"
        return JwtInfo(None, None, None, None, None, None, None, "not-a-jwt")


def _decode(token: str) -> JwtInfo:
    token = token.strip()
    parts = token.split(".")
    problem: str | None = None
    header: dict | None = None
    payload: dict | None = None
    if len(parts) != 3:
        # A JWT with a lost segment still starts like one.
        problem = "truncated" if token.startswith(("eyJ", "yJ")) and len(parts) in (1, 2) else "not-a-jwt"
        if problem == "not-a-jwt":
            return JwtInfo(None, None, None, None, None, None, None, problem)
    head_seg = parts[0]
    if head_seg.startswith("yJ"):
        # First character lost in copy-paste: the header still decodes once "e" is put back.
        problem = "truncated"
        head_seg = "e" + head_seg
    elif not head_seg.startswith("eyJ"):
        return JwtInfo(None, None, None, None, None, None, None, "not-a-jwt")
    header, head_problem = _b64url_json(head_seg)
    if len(parts) >= 2:
        payload, pay_problem = _b64url_json(parts[1])
    else:
        pay_problem = None
    if problem is None:
        problem = head_problem or pay_problem
        if problem is None and not parts[2]:
            problem = "truncated" if header is None or header.get("alg") not in ("none", None) else None
    return JwtInfo(
        header=header,
        payload=payload,
        role=_str_claim(payload, "role"),
        issuer=_str_claim(payload, "iss"),
        exp=_int_claim(payload, "exp"),
        nbf=_int_claim(payload, "nbf"),
        iat=_int_claim(payload, "iat"),
        problem=problem,
    )

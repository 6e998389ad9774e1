"""Offline JWT decoding."""

from __future__ import annotations

import base64
import json
import random

from linter.secrets import decode_jwt
from tests.support.secretgen import make_jwt


def _seg(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_valid_token():
    rng = random.Random(7)
    token = make_jwt(rng, {"iss": "supabase", "role": "anon", "iat": 1700000000, "exp": 2000000000, "nbf": 1699999999})
    info = decode_jwt(token)
    assert info.problem is None
    assert info.header == {"alg": "HS256", "typ": "JWT"}
    assert (info.role, info.issuer, info.iat, info.exp, info.nbf) == (
        "anon",
        "supabase",
        1700000000,
        2000000000,
        1699999999,
    )


def test_truncated_first_character():
    token = make_jwt(random.Random(1), {"role": "service_role"})
    info = decode_jwt(token[1:])
    assert token[1:].startswith("yJhbGc")
    assert info.problem == "truncated"
    assert info.role == "service_role"


def test_missing_segment_is_truncated():
    token = make_jwt(random.Random(2), {"sub": "1"})
    assert decode_jwt(token.rsplit(".", 1)[0]).problem == "truncated"


def test_bad_base64():
    head = _seg(json.dumps({"alg": "HS256"}).encode())
    assert decode_jwt(f"{head}.eyJ!!!.sig").problem == "bad-base64"


def test_bad_json():
    head = _seg(json.dumps({"alg": "HS256"}).encode())
    assert decode_jwt(f"{head}.{_seg(b'{not json')}.sig").problem == "bad-json"
    assert decode_jwt(f"{head}.{_seg(b'[1,2]')}.sig").problem == "bad-json"


def test_not_a_jwt():
    for value in ("", "hello", "a.b.c.d", "abc.def.ghi", "sk_live_123"):
        assert decode_jwt(value).problem == "not-a-jwt", value


def test_claim_types():
    head = _seg(json.dumps({"alg": "HS256"}).encode())
    body = _seg(json.dumps({"exp": "soon", "nbf": 1.0e9, "iat": True, "role": 5}).encode())
    info = decode_jwt(f"{head}.{body}.c2ln")
    assert (info.exp, info.nbf, info.iat, info.role) == (None, 1000000000, None, None)


def test_never_raises():
    for value in ("eyJ", "eyJ.eyJ.", ".", "yJ", "eyJhbGciOiJub25lIn0.e30.", "\x00\xff.eyJ.x"):
        decode_jwt(value)

"""Secret scanner: recall / false positives on generated samples, and the behaviours the checks rely on."""

from __future__ import annotations

import base64
import json
import random
import re

import pytest

from linter.secrets import classify_credential, fingerprint, redact, scan_text
from linter.secrets.catalog import load_catalog, load_raw
from tests.support.secretgen import SPECS, contexts, evaluate, generate_samples, make_jwt, make_pem


@pytest.fixture(scope="module")
def samples():
    return generate_samples(1234)


@pytest.fixture(scope="module")
def evaluation(samples):
    return evaluate(samples)


def _rng() -> random.Random:
    return random.Random(42)


def _b62(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(n))


def test_catalog_is_valid_and_large():
    raw = load_raw(validate=True)
    assert len(raw["providers"]) >= 60
    assert set(load_catalog().by_id) == set(SPECS), "every provider has a sample generator"


def test_every_provider_pattern_compiles():
    # Patterns are compiled when first tried (LazyPattern): a broken one must fail here, not in a user's run.
    for provider in load_catalog().providers:
        compiled = re.compile(provider.regex.pattern)
        assert ("v" in compiled.groupindex) == (provider.value_group == "v"), provider.id


def test_overall_recall_and_false_positive_rate(evaluation):
    tallies, failures = evaluation
    positives = sum(t.positives for t in tallies.values())
    detected = sum(t.detected for t in tallies.values())
    near = sum(t.near_misses for t in tallies.values())
    false_positives = sum(t.false_positives for t in tallies.values())
    assert detected / positives >= 0.95, failures[:20]
    assert false_positives / near <= 0.02, failures[:20]


def test_no_provider_below_80_percent_recall(evaluation):
    tallies, _ = evaluation
    weak = {p: t.detected / t.positives for p, t in tallies.items() if t.positives and t.detected / t.positives < 0.8}
    assert not weak


def test_offsets_slice_the_value(samples):
    for sample in samples:
        if not sample.positive:
            continue
        for text, _ in contexts(sample).values():
            for m in scan_text(text):
                assert text[m.start : m.end] == m.value


def test_classify_credential_on_header_values(samples):
    missed = []
    for sample in samples:
        if not sample.positive or "\n" in sample.value:
            continue
        literal = sample.literal
        header = literal if literal.startswith("Basic ") else f"Bearer {literal}"
        match = classify_credential(header, key_name=sample.key or "Authorization")
        if match is None or match.provider != sample.provider:
            missed.append((sample.provider, match and match.provider))
            continue
        assert header[match.start : match.end] == match.value
    assert len(missed) <= 0.05 * sum(s.positive for s in samples), missed[:20]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("api_key", "YOUR_API_KEY"),
        ("x-api-key", "<api-key>"),
        ("token", "{{token}}"),
        ("token", "${apiKey}"),
        ("Authorization", "Bearer [authToken]"),
        ("Authorization", "Bearer $token"),
        ("password", "********"),
        ("apiKey", "xxxxxxxxxxxxxxxxxxxxxxxx"),
        ("locale", "en_US"),
        ("enabled", "true"),
        ("token", "https://example.org/a/b/token"),
        ("token", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"),
    ],
)
def test_classify_credential_ignores_placeholders(key, value):
    assert classify_credential(value, key_name=key) is None


def test_classify_generic_credential():
    rng = _rng()
    value = _b62(rng, 28) + "9x"
    match = classify_credential(f"Bearer {value}", key_name="Authorization")
    assert match is not None and match.provider == "generic-credential"
    assert (match.confidence, match.exposure, match.value) == ("medium", "secret", value)
    assert classify_credential(value, key_name="title") is None


def test_uuid_is_credential_only_under_auth_keys():
    rng = _rng()
    a, b, c, d, e = (rng.getrandbits(n) for n in (32, 16, 16, 16, 48))
    uid = f"{a:08x}-{b:04x}-{c:04x}-{d:04x}-{e:012x}"
    assert classify_credential(uid, key_name="user_id") is None
    assert classify_credential(uid, key_name="api_key_id") is None
    assert classify_credential(uid, key_name="x-api-key") is not None


def test_hash_named_values_are_not_credentials():
    import hashlib

    digest = hashlib.sha256(b"fflint").hexdigest()
    assert classify_credential(digest, key_name="sha256") is None
    assert classify_credential(digest[:32], key_name="content_md5_key") is None


def test_supabase_anon_vs_service_role():
    rng = _rng()
    anon = make_jwt(rng, {"iss": "supabase", "ref": "abcdefghij", "role": "anon", "iat": 1700000000})
    service = make_jwt(rng, {"iss": "supabase", "ref": "abcdefghij", "role": "service_role", "iat": 1700000000})
    text = f"const _kSupabaseAnonKey = '{anon}';\nconst other = '{service}';\n"
    found = scan_text(text)
    assert [m.provider for m in found] == ["supabase-anon-jwt", "supabase-service-role-jwt"]
    assert [m.exposure for m in found] == ["public", "secret"]
    assert found[1].detail == "role=service_role"
    truncated = scan_text(f"token = '{service[1:]}'")
    assert truncated and truncated[0].provider == "supabase-service-role-jwt"
    assert "truncated" in truncated[0].detail


def test_stripe_exposures():
    rng = _rng()
    body = _b62(rng, 99)
    expected = {"sk_live_": "secret", "sk_test_": "test", "pk_live_": "public", "pk_test_": "public"}
    for prefix, exposure in expected.items():
        (match,) = scan_text(f"final key = '{prefix}{body}';")
        assert match.exposure == exposure, prefix
    hex_body = "".join(rng.choice("0123456789abcdef") for _ in range(40))
    assert scan_text(f"k = '{'sk_live_'}{hex_body}'")[0].provider == "paystack-secret-key"


def test_google_api_key_is_public():
    rng = _rng()
    key = "AIza" + "".join(
        rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") for _ in range(35)
    )
    (match,) = scan_text(f"https://maps.googleapis.com/maps/api/geocode/json?key={key}&address=x")
    assert (match.provider, match.exposure, match.value) == ("google-api-key", "public", key)
    assert scan_text(f"key={key[:20]}...") == []


def test_pem_with_escaped_newlines():
    rng = _rng()
    pem = make_pem(rng)
    escaped = pem.replace("\n", "\\n")
    document = json.dumps({"type": "service_account", "private_key_id": "abc", "private_key": pem})
    found = scan_text(document)
    assert [m.provider for m in found] == ["google-service-account-key"]
    assert found[0].value == escaped
    dart = f"const key = '{escaped}';"
    assert [m.provider for m in scan_text(dart)] == ["private-key"]


def test_basic_credentials():
    rng = _rng()
    token = base64.b64encode(f"app:{_b62(rng, 20)}".encode()).decode()
    (match,) = scan_text(f"'Authorization': 'Basic {token}',")
    assert (match.provider, match.value) == ("basic-auth-credentials", token)
    placeholder = base64.b64encode(b"username:password").decode()
    assert scan_text(f"'Authorization': 'Basic {placeholder}',") == []
    assert scan_text("'Authorization': 'Basic ${encoded}',") == []


def test_url_with_password():
    rng = _rng()
    password = _b62(rng, 16)
    (match,) = scan_text(f"final db = 'postgres://app:{password}@db.internal.net:5432/main';")
    assert (match.provider, match.value) == ("url-with-password", password)
    assert scan_text("final db = 'postgres://user:password@localhost/db';") == []
    assert scan_text("final db = 'https://user:${pass}@host.net/';") == []


def test_overlaps_keep_most_specific():
    rng = _rng()
    service = make_jwt(rng, {"role": "service_role", "iss": "supabase"})
    found = scan_text(f"KEY={service}")
    assert len(found) == 1 and found[0].provider == "supabase-service-role-jwt"


def test_redact_and_fingerprint_never_leak(samples):
    for sample in samples:
        if not sample.positive:
            continue
        value = sample.value
        preview = redact(value)
        fp = fingerprint(value)
        assert value not in preview and value not in fp
        assert f"{len(value)} chars" in preview
        assert fp.startswith("sha256:") and len(fp) == len("sha256:") + 16 and fp == fingerprint(value)
        body = _secret_body(sample)
        for i in range(0, max(0, len(body) - 8) + 1):
            assert body[i : i + 8] not in preview


def _secret_body(sample) -> str:
    """The part of the value that carries entropy (known prefixes and PEM armour removed)."""
    template = SPECS[sample.provider][0]
    if template == "@pem":
        return "".join(sample.value.split("\n")[1:-1])
    prefix = template.split("{", 1)[0].split("@", 1)[0]
    return sample.value[len(prefix) :] if sample.value.startswith(prefix) else sample.value


def test_redact_short_values():
    assert redact("abcdefghij") == "ab…(10 chars)"
    assert len(redact("abcdefghijklmnopqrs").split("…")[0]) <= 4


def test_prefilter_on_large_clean_dart_file():
    rng = _rng()
    words = [
        "final",
        "String",
        "value",
        "await",
        "makeApiCall",
        "callName:",
        "'GetUser'",
        "headers:",
        "{",
        "}",
        "'Content-Type':",
        "'application/json',",
        "getJsonField(",
        "response,",
        "r'''$.data.id''',",
        ");",
        "ApiCallType.POST,",
        "returnBody: true,",
        "'Bearer ${token}',",
        "// comment",
        "=",
        "page: 2,",
    ]
    lines = []
    size = 0
    while size < 2_000_000:
        line = " ".join(rng.choice(words) for _ in range(10)) + "\n"
        lines.append(line)
        size += len(line)
    assert scan_text("".join(lines)) == []

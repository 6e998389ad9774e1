"""The content-hash caches: same answers as a fresh run, invalidated by any change, never holding a secret."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest
from click.testing import CliRunner

from linter.cli import cli
from tests.support.exportkit import API_CALLS, write_export


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def fake_stripe_key(seed: int) -> str:
    rng = random.Random(seed)
    return "sk_live_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(99))


def fake_jwt(role: str, exp: int) -> str:
    header = _b64({"alg": "HS256", "typ": "JWT"})
    payload = _b64({"iss": "supabase", "ref": "cachetestref", "role": role, "exp": exp})
    return f"{header}.{payload}.{'c2lnbmF0dXJlLWZvci10ZXN0cw'}"


CALL = """class ChargeCall {{
  static Future<ApiCallResponse> call({{String? secretKey = '{key}'}}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'charge',
      apiUrl: 'https://api.payments.example/v1/charges',
      callType: ApiCallType.POST,
      headers: {{
        'Authorization': 'Bearer {auth}',
      }},
      params: {{}},
      bodyType: BodyType.X_WWW_FORM_URL_ENCODED,
      returnBody: true,
    );
  }}
}}
"""


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


def make(tmp_path, key: str, auth: str = "${secretKey}"):
    return write_export(tmp_path / "app", {API_CALLS: CALL.format(key=key, auth=auth)})


def test_warm_run_answers_exactly_like_a_fresh_run(tmp_path):
    root = make(tmp_path, fake_stripe_key(1))
    cache = tmp_path / "cache"
    base = ["check", str(root), "--format", "json", "--cache-dir", str(cache)]
    first = run(base)
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert any(path.name.startswith("runs-") for path in cache.iterdir())
    second = run(base)
    fresh = run(["check", str(root), "--format", "json", "--no-cache"])
    assert first == second == fresh
    text_warm = run(["check", str(root), "--cache-dir", str(cache)])
    text_fresh = run(["check", str(root), "--no-cache"])
    assert text_warm == text_fresh


def test_a_changed_file_is_linted_again(tmp_path):
    root = make(tmp_path, fake_stripe_key(2))
    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "json"]
    code, output = run(["check", str(root), *cache])
    assert code == 1 and "S001" in output
    (root / API_CALLS).write_text((root / API_CALLS).read_text().replace(fake_stripe_key(2), ""))
    code, output = run(["check", str(root), *cache])
    assert "S001" not in output


def test_cache_files_never_hold_a_secret(tmp_path):
    key = fake_stripe_key(3)
    token = fake_jwt("service_role", 4_000_000_000)
    root = make(tmp_path, key, auth=token)
    cache = tmp_path / "cache"
    run(["check", str(root), "--cache-dir", str(cache)])
    run(["check", str(root), "--cache-dir", str(cache), "--fix"])
    stored = "".join(path.read_text(errors="replace") for path in cache.iterdir() if path.is_file())
    assert stored
    for secret in (key, token):
        for start in range(0, len(secret) - 12, 6):
            assert secret[start : start + 12] not in stored


def test_cached_verdict_expires_with_the_token(tmp_path):
    token = fake_jwt("authenticated", 1_900_000_000)  # 2030-03-17
    root = make(tmp_path, "", auth=token)
    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "json", "--select", "A,S"]
    _, before = run(["check", str(root), *cache, "--now", "2030-01-01"])
    _, after = run(["check", str(root), *cache, "--now", "2031-01-01"])
    _, fresh_after = run(
        ["check", str(root), "--no-cache", "--format", "json", "--select", "A,S", "--now", "2031-01-01"]
    )
    assert after == fresh_after
    if "A005" in fresh_after:  # the expiry rule exists: the cache must not hide it
        assert "A005" not in before


def test_no_cache_writes_nothing(tmp_path):
    root = make(tmp_path, fake_stripe_key(4))
    cache = tmp_path / "cache"
    run(["check", str(root), "--no-cache", "--cache-dir", str(cache)])
    assert not cache.exists()


def test_fix_ignores_cached_findings(tmp_path):
    root = write_export(
        tmp_path / "app",
        {API_CALLS: CALL.format(key="", auth="${secretKey}").replace("'Bearer ${", "'Bearer  ${")},
    )
    cache = ["--cache-dir", str(tmp_path / "cache")]
    code, _ = run(["check", str(root), *cache])
    assert code == 1
    run(["check", str(root), *cache, "--fix"])
    assert "'Bearer ${secretKey}'" in (root / API_CALLS).read_text()
    code, output = run(["check", str(root), *cache, "--select", "A002"])
    assert code == 0, output


def _large_tree(tmp_path):
    from linter.scan_cache import PARALLEL_MIN_BYTES

    root = make(tmp_path, fake_stripe_key(5))
    pages = root / "lib" / "pages"
    pages.mkdir(parents=True)
    filler = "// " + "widget tree " * 40 + "\n"
    for index in range(40):
        planted = f"const k{index} = '{fake_stripe_key(100 + index)}';\n" if index % 10 == 0 else ""
        (pages / f"page_{index}.dart").write_text(planted + filler * (PARALLEL_MIN_BYTES // (40 * len(filler)) + 1))
    return root


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_scan_finds_the_same_secrets(tmp_path, jobs):
    from linter.engine import LintOptions, lint
    from linter.secrets import scanner

    root = _large_tree(tmp_path)
    one = lint([root], LintOptions(codes={"S001"}, jobs=1))
    scanner._RESULTS.clear()  # scan again, this time in worker processes and this one
    more = lint([root], LintOptions(codes={"S001"}, jobs=jobs))
    assert [f.content_key for f in one.findings] == [f.content_key for f in more.findings]
    assert len(one.findings) == 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_value_joined_from_literals_is_the_same_from_workers_and_from_the_cache(tmp_path, jobs):
    from linter.engine import LintOptions, lint
    from linter.secrets import fingerprint, scanner

    root = _large_tree(tmp_path)
    key = fake_stripe_key(7)
    (root / "lib" / "pages" / "joined.dart").write_text(f"const secretKey = '{key[:20]}' +\n    '{key[20:]}';\n")
    options = LintOptions(codes={"S001"}, jobs=jobs, cache_dir=tmp_path / "cache", reuse_findings=False)
    for run_number in range(2):  # scanned (in workers too, with 2 jobs), then read back from the scan cache
        scanner._RESULTS.clear()
        found = lint([root], options)
        prints = [f.secret.fingerprint for f in found.findings if f.span.path.endswith("joined.dart")]
        assert prints == [fingerprint(key)], run_number  # the value the runtime joins, not the source between


@pytest.mark.parametrize("failure", ["raises", "dies"])
def test_texts_a_worker_does_not_finish_are_scanned_by_the_main_process(tmp_path, monkeypatch, failure):
    import os

    from linter.engine import LintOptions, lint
    from linter.secrets import scanner

    root = _large_tree(tmp_path)
    expected = [f.content_key for f in lint([root], LintOptions(codes={"S001"}, jobs=1)).findings]
    scanner._RESULTS.clear()
    main, real_scan = os.getpid(), scanner._scan

    def failing_in_workers(text, *args, **kwargs):
        if os.getpid() != main:
            if failure == "dies":
                os._exit(3)
            raise RuntimeError("worker failure")
        return real_scan(text, *args, **kwargs)

    monkeypatch.setattr(scanner, "_scan", failing_in_workers)
    found = lint([root], LintOptions(codes={"S001"}, jobs=2))
    assert [f.content_key for f in found.findings] == expected


def test_extraction_is_reused_when_only_a_page_changed(tmp_path, monkeypatch):
    import linter.extract.dart

    root = make(tmp_path, fake_stripe_key(6))
    page = root / "lib" / "pages" / "home.dart"
    page.parent.mkdir(parents=True)
    page.write_text("final a = ChargeCall.call();\n")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "json", "--now", "2026-12-01"]
    run(["check", str(root), *cache])
    page.write_text(f"final a = ChargeCall.call();\nconst k = '{fake_stripe_key(7)}';\n")
    real = linter.extract.dart.extract_dart_api
    calls: list[str] = []
    monkeypatch.setattr(linter.extract.dart, "extract_dart_api", lambda file: calls.append(file.relpath) or real(file))
    warm = run(["check", str(root), *cache])
    assert calls == []  # api_calls.dart came from the extraction cache
    fresh = run(["check", str(root), "--no-cache", "--format", "json", "--now", "2026-12-01"])
    assert warm == fresh
    assert [f["code"] for f in json.loads(fresh[1])["findings"]].count("S001") == 2
    calls.clear()
    (root / API_CALLS).write_text((root / API_CALLS).read_text().replace("'charge'", "'chargeCard'"))
    changed = run(["check", str(root), *cache])
    assert len(calls) == 1  # read again: its content changed
    assert changed == run(["check", str(root), "--no-cache", "--format", "json", "--now", "2026-12-01"])

"""Planted fake secrets (built at run time) never appear in any output: every format, frames, diffs, baselines."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.cli import FORMATS
from tests.support.archives import zip_folder
from tests.support.cli import call_source, invoke
from tests.support.exportkit import API_CALLS, write_export
from tests.support.fakekeys import ALNUM, google_api_key, random_text, service_role_jwt, stripe_secret_key


def fragments(value: str) -> list[str]:
    """The value and pieces of it long enough to identify it (a preview shows at most a short known prefix)."""
    middle = len(value) // 2
    return [value, value[middle - 6 : middle + 6], value[-12:]]


def assert_no_leak(output: str, planted: list[str]) -> None:
    for value in planted:
        for piece in fragments(value):
            assert piece not in output, f"secret fragment {piece[:4]}… leaked"


@pytest.fixture
def leaky(tmp_path, monkeypatch) -> tuple[Path, list[str]]:
    """An export whose secrets share lines with fixable problems, plus a suppressed one and one in .env."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    stripe, google, jwt, hidden, dotenv = (
        stripe_secret_key(),
        google_api_key(),
        service_role_jwt(),
        stripe_secret_key(),
        service_role_jwt(),
    )
    calls = (
        call_source("charge", {"Authorization": "Bearer  ${token}", "X-Stripe": stripe})
        + call_source("maps", {"X-Goog-Api-Key": google}, url=f"https://maps.example.com/geo?key={google}")
        # The secret sits on the same line as a fixable problem, so frames and diffs show that line.
        + call_source("admin", {"Authorization": f"Bearer:{jwt}"})
        + call_source("hidden", {"X-Key": hidden}).replace(f"'{hidden}',", f"'{hidden}', // fflint: ignore[S001]")
    )
    root = write_export(tmp_path / "app", {API_CALLS: calls, ".env": f"SERVICE_ROLE={dotenv}\n"})
    return root, [stripe, google, jwt, hidden, dotenv]


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_format_prints_a_secret(leaky, output_format):
    _, planted = leaky
    result = invoke("check", "app", "--format", output_format)
    assert result.exit_code == 1
    assert "sk_live_…(107 chars)" in result.stdout  # the redacted preview is what users see
    assert_no_leak(result.stdout + result.stderr, planted)


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_format_prints_a_secret_read_from_a_zip_archive(leaky, tmp_path, output_format):
    root, planted = leaky
    zip_folder(root, tmp_path / "app.zip")
    result = invoke("check", "app.zip", "--format", output_format, "--no-cache")
    assert result.exit_code == 1
    assert "sk_live_…(107 chars)" in result.stdout and "app.zip/app/" in result.stdout
    assert_no_leak(result.stdout + result.stderr, planted)


@pytest.mark.parametrize("extra", [(), ("--quiet",), ("--statistics",), ("--unsafe-fixes",)])
def test_text_variants_and_colour_do_not_leak(leaky, extra):
    _, planted = leaky
    result = invoke("check", "app", *extra)
    assert_no_leak(result.stdout + result.stderr, planted)


def test_coloured_frames_do_not_leak(leaky, monkeypatch):
    from linter.engine import LintOptions, lint
    from linter.report import text

    root, planted = leaky
    report = text.render(lint([root], LintOptions()), color=True)
    assert "\x1b[" in report
    assert_no_leak(report, planted)


def test_frame_of_a_problem_on_a_secret_line_masks_the_secret(leaky):
    _, planted = leaky
    out = invoke("check", "app", "--select", "A002").stdout
    frame_lines = [line for line in out.splitlines() if " | " in line and "'Authorization': 'Bearer" in line]
    assert len(frame_lines) == 2 and any("…(" in line for line in frame_lines)  # the JWT is masked
    assert_no_leak(out, planted)


def test_diff_masks_secrets(leaky):
    root, planted = leaky
    before = (root / API_CALLS).read_text()
    for args in (("--diff",), ("--diff", "--unsafe-fixes")):
        result = invoke("check", "app", *args)
        assert result.exit_code == 1
        assert "+        'Authorization': 'Bearer " in result.stdout
        assert_no_leak(result.stdout + result.stderr, planted)
    assert (root / API_CALLS).read_text() == before


def test_fix_output_and_the_baseline_file_do_not_leak(leaky, tmp_path):
    _, planted = leaky
    fixed = invoke("check", "app", "--fix")
    assert_no_leak(fixed.stdout + fixed.stderr, planted)
    written = invoke("check", "app", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert_no_leak((tmp_path / "baseline.json").read_text() + written.stderr, planted)
    stale = invoke("check", "app", "--baseline", "baseline.json", "--statistics", "--format", "json")
    assert_no_leak(stale.stdout + stale.stderr, planted)


def test_multiline_private_key_is_masked_in_diffs():
    from linter.secrets import mask_secrets

    body = [random_text(ALNUM + "+/", 64) for _ in range(3)]
    pem = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(body) + "\n-----END PRIVATE KEY-----"
    diff = "".join(f" {line}\n" for line in pem.splitlines())
    masked = mask_secrets(diff, {pem})
    assert all(line not in masked for line in body)


def _crash_with(monkeypatch, message: str, cause: str) -> None:
    """Make `check` fail inside the engine with messages that quote file content, as a parser bug might."""
    import linter.engine

    def broken_lint(*args, **kwargs):
        try:
            raise KeyError(cause)
        except KeyError as error:
            raise ValueError(message) from error

    monkeypatch.setattr(linter.engine, "lint", broken_lint)


def _run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    from linter.cli import main

    monkeypatch.setattr("sys.argv", ["fflint", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    return exited.value.code, captured.out + captured.err


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_debug_traceback_masks_secrets_in_exception_messages(tmp_path, monkeypatch, capsys, how):
    stripe, bare = stripe_secret_key(), random_text(ALNUM, 40)
    root = write_export(tmp_path / "app", {API_CALLS: call_source("items", {"Authorization": f"Bearer {bare}"})})
    _crash_with(monkeypatch, f"unexpected token {stripe!r} near {bare}", f"header {bare}")
    if how == "flag":
        code, output = _run_main(monkeypatch, capsys, "--debug", "check", str(root), "--no-cache")
    else:
        monkeypatch.setenv("FFLINT_DEBUG", "1")
        code, output = _run_main(monkeypatch, capsys, "check", str(root), "--no-cache")
    assert code == 2
    assert output.startswith("Traceback (most recent call last; messages masked):")
    assert "in broken_lint" in output and "which led to:" in output
    assert "KeyError: " in output and "ValueError: unexpected token 'sk_live_…(107 chars)'" in output
    last_line = "fflint: error: internal error (ValueError); please report it with the traceback above"
    assert output.rstrip().endswith(last_line)
    for value in (stripe, bare, stripe[8:30], bare[6:30]):
        assert value not in output


def test_internal_error_without_debug_is_one_line(tmp_path, monkeypatch, capsys):
    stripe = stripe_secret_key()
    root = write_export(tmp_path / "app", {API_CALLS: call_source("items", {})})
    _crash_with(monkeypatch, f"unexpected token {stripe}", stripe)
    code, output = _run_main(monkeypatch, capsys, "check", str(root), "--no-cache")
    assert code == 2
    assert output.splitlines() == [
        "fflint: error: internal error (ValueError); please report it with the command you ran (add --debug)"
    ]


@pytest.mark.parametrize("output_format", FORMATS)
def test_parser_messages_that_quote_the_file_are_masked(tmp_path, monkeypatch, output_format):
    """ruamel.yaml names an undefined alias in its message; a key written as `*sk_live_…` must not come back."""
    monkeypatch.chdir(tmp_path)
    stripe, bare = stripe_secret_key(), random_text(ALNUM, 40)
    root = write_export(tmp_path / "app", {API_CALLS: call_source("items", {})})
    (root / "api-endpoint").mkdir()
    (root / "api-endpoint" / "id-a.yaml").write_text(f"identifier:\n  name: a\nurl: *{stripe}\n")
    (root / "api-endpoint" / "id-b.yaml").write_text(f"identifier:\n  name: b\nurl: *{bare}\n")
    result = invoke("check", "app", "--select", "D001", "--format", output_format)
    assert result.exit_code == 1
    assert "found undefined alias" in result.output
    assert_no_leak(result.output, [stripe])
    # A token with no known format is masked in the message; a code frame shows the line as written.
    message_lines = [line for line in result.output.splitlines() if "found undefined alias" in line]
    assert len(message_lines) >= 2
    assert_no_leak("\n".join(message_lines), [bare])


def test_config_parse_error_is_masked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stripe = stripe_secret_key()
    write_export(tmp_path / "app", {API_CALLS: call_source("items", {})})
    (tmp_path / "app" / ".fflint.yaml").write_text(f"select: *{stripe}\n")
    result = invoke("check", "app")
    assert result.exit_code == 2 and "found undefined alias 'sk_live_…(107 chars)'" in result.output
    assert_no_leak(result.output, [stripe])


def test_mask_message_keeps_words_paths_and_numbers():
    from linter.secrets import mask_message

    stripe, bare = stripe_secret_key(), random_text(ALNUM, 40)
    kept = "expected ',' or ']' in lib/backend/api_requests/api_calls.dart at line 1234567"
    assert mask_message(kept) == kept
    masked = mask_message(f"alias {stripe!r} near {bare}")
    assert masked == f"alias 'sk_live_…(107 chars)' near {bare[:6]}…(40 chars)"


def test_a_token_without_digits_is_masked_in_messages_and_words_are_not():
    from linter.secrets import mask_message

    letters_only = "QmzrTlEoJbaKhqzDpTNwrNsIAzcaBUlCozOlNrX"  # random case, no digit (1 in 1,100 random draws)
    message = (
        f"found undefined alias '{letters_only}' in lib/backend/api_requests/api_calls.dart (FFDevEnvironmentValues)"
    )
    masked = mask_message(message)
    assert letters_only not in masked and "Qmzr" in masked
    assert "lib/backend/api_requests/api_calls.dart" in masked and "FFDevEnvironmentValues" in masked


def test_no_cache_file_holds_a_secret(leaky):
    """The scan, extraction and run caches hold offsets: nothing of a secret, after cold, warm, edited and fix runs."""
    root, planted = leaky
    invoke("check", "app")
    (root / "lib" / "main.dart").write_text("// edited\n")  # the run cache misses, the extraction cache hits
    invoke("check", "app")
    invoke("check", "app", "--fix")
    invoke("check", "app")
    cache = root.parent / ".fflint_cache"
    names = sorted(path.name.split("-")[0] for path in cache.glob("*.json"))
    assert names == ["extract", "runs", "scan"]
    assert_no_leak("".join(path.read_text(errors="replace") for path in cache.iterdir() if path.is_file()), planted)


def test_a_frame_masks_an_unrecognised_companion_on_the_secrets_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    client_id, client_secret = random_text(ALNUM, 32), random_text(ALNUM, 24)
    body = f"grant_type=client_credentials&client_id={client_id}&client_secret={client_secret}"
    code = f"Future<String> tokenBody() async {{\n  return '{body}';\n}}\n"
    files = {API_CALLS: call_source("ping", {}), "lib/custom_code/actions/token_body.dart": code}
    write_export(tmp_path / "app", files)
    out = invoke("check", "app", "--no-cache").stdout
    assert "S004" in out
    assert "client_secret=" in out and "client_id=" in out  # the line is still readable
    assert_no_leak(out, [client_secret, client_id])  # a client id is no secret to fflint, but it sits beside one


def test_a_message_about_something_else_masks_the_secret_it_quotes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key = google_api_key()
    url = f"https://firestore.example.com/v1/documents/items?key=<{key}>"  # a key typed between a variable's brackets
    write_export(tmp_path / "app", {API_CALLS: call_source("copyData", {}, url=url)})
    out = invoke("check", "app", "--no-cache", "--format", "json").stdout
    assert '"P001"' in out  # the bracketed text is sent as it is written
    assert_no_leak(out, [key])

"""The synthetic export generator and the hand-written era fixtures."""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from pathlib import Path

import pytest

from linter.engine import LintOptions, lint
from tests.support import EXAMPLE, FIXTURES
from tests.support.exportgen import PRESETS, REAL_SHAPE, GeneratedCall, GeneratedExport, generate_export
from tests.support.lint import NOW

ERAS_DIR = FIXTURES / "eras"
API = "lib/backend/api_requests"


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> GeneratedExport:
    return generate_export(tmp_path_factory.mktemp("large"), **PRESETS["large"])


# The classic presets' bytes, pinned: benchmark history and other tests compare against them, so a change to
# the generator must leave them alone (new shapes go behind ``Shape`` options) or update these on purpose.
CLASSIC_DIGESTS = {
    ("small", "2022"): "48c870b7dee70abea0a5b8b40d432779e757aaf4b73e97a13940616cb15afa2a",
    ("small", "2023"): "15bfdaaed5280b3a0330149075347ec356bd35ccaefdbba68863df4602ecaaf7",
    ("small", "2024"): "17b57930bf6238cd1c94920d206fd709d5a27efbee185416d460d8cc8669a124",
    ("small", "2025"): "9fd48df535a97e5ba706e2cd95e2b388b63a802592f52ec96542b6ce9b75568c",
    ("large", "2024"): "9b86d7197efca8217917a3ff65a70e341a5e4708fd07c25dcd397ae1dc95db92",
}


@pytest.mark.parametrize("era", ["2022", "2023", "2024", "2025"])
def test_small_preset_bytes_unchanged(tmp_path: Path, era: str) -> None:
    result = generate_export(tmp_path, era=era, **PRESETS["small"])
    assert _digest(result.root) == CLASSIC_DIGESTS["small", era]


def test_large_preset_bytes_unchanged(large: GeneratedExport) -> None:
    assert _digest(large.root) == CLASSIC_DIGESTS["large", "2024"]


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate_export(tmp_path / "a", seed=11, **PRESETS["small"])
    second = generate_export(tmp_path / "b", seed=11, **PRESETS["small"])
    assert _digest(first.root) == _digest(second.root)
    assert first.calls == second.calls
    assert first.planted_secrets == second.planted_secrets


def test_other_seed_other_export(tmp_path: Path) -> None:
    first = generate_export(tmp_path / "a", seed=1, **PRESETS["small"])
    second = generate_export(tmp_path / "b", seed=2, **PRESETS["small"])
    assert _digest(first.root) != _digest(second.root)
    assert set(first.planted_secrets).isdisjoint(second.planted_secrets)


def test_large_preset_sizes(large: GeneratedExport) -> None:
    files = [p for p in large.root.rglob("*") if p.is_file()]
    assert len(files) == large.files == 750
    dart = sum(p.stat().st_size for p in files if p.suffix == ".dart")
    assert dart == large.dart_bytes
    assert abs(dart - 10_000_000) < 100_000
    api_calls = large.root / API / "api_calls.dart"
    assert 200_000 < api_calls.stat().st_size < 300_000
    assert len(large.calls) == 160
    assert len({c.group for c in large.calls if c.group}) == 20
    assert any(c.group is None for c in large.calls)


def test_large_calls_file_shapes(large: GeneratedExport) -> None:
    text = (large.root / API / "api_calls.dart").read_text()
    assert text.count("ApiManager.instance.makeApiCall(") == 160
    assert len(re.findall(r"^class \w+Group \{$", text, re.M)) == 20
    for marker in ("static String getBaseUrl(", "ffApiRequestBody", "isStreamingApi: false", "r'''$.data'''"):
        assert marker in text
    for helper in ("class ApiPagingParams", "String _serializeList(", "String _serializeJson(", "escapeStringForJson("):
        assert helper in text
    assert text.index("class ApiPagingParams") > text.rindex("makeApiCall(")
    for call in large.calls:
        assert f"callName: '{call.name}'" in text
        assert f"callType: ApiCallType.{call.method}" in text
    methods = {c.method for c in large.calls}
    assert methods == {"GET", "POST", "PUT", "PATCH", "DELETE"}
    assert {"JSON", "MULTIPART", "X_WWW_FORM_URL_ENCODED", "TEXT"} <= {c.body_type for c in large.calls}
    assert (large.root / API / "api_manager.dart").is_file()


def test_planted_secrets_each_once(large: GeneratedExport) -> None:
    assert len(large.planted_secrets) == 12
    prefixes = ("sk_live_", "AIza", "eyJ", "sk-proj-", "SG.", "ghp_")
    assert {next(p for p in prefixes if s.startswith(p)) for s in large.planted_secrets} == set(prefixes)
    texts = {p: p.read_bytes() for p in large.root.rglob("*") if p.is_file() and p.suffix not in (".png", ".ttf")}
    for secret in large.planted_secrets:
        assert sum(t.count(secret.encode()) for t in texts.values()) == 1, secret[:8]
    stripe = next(s for s in large.planted_secrets if s.startswith("sk_live_"))
    assert len(stripe) == 8 + 99
    google = next(s for s in large.planted_secrets if s.startswith("AIza"))
    assert len(google) == 39
    env = json.loads((large.root / "assets/environment_values/environment.json").read_text())
    assert any(v in large.planted_secrets for v in env.values())


def test_no_other_secret_like_blobs(large: GeneratedExport) -> None:
    """Outside the planted secrets, long alphanumeric runs are word-built identifiers only."""
    blob = re.compile(r"[A-Za-z0-9]{32,}")
    for path in large.root.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".ttf"):
            continue
        text = path.read_text()
        for secret in large.planted_secrets:
            text = text.replace(secret, "")
        for match in blob.finditer(text):
            assert re.fullmatch(r"_?(?:[A-Z][a-z]+)+", match.group()), (path, match.group())


def test_planted_secrets_zero(tmp_path: Path) -> None:
    result = generate_export(tmp_path, planted_secrets=0, **PRESETS["small"])
    assert result.planted_secrets == []
    assert result.files == 50


@pytest.mark.parametrize("era", ["2022", "2023", "2024", "2025"])
def test_eras_and_subfolder(tmp_path: Path, era: str) -> None:
    result = generate_export(tmp_path, era=era, subfolder="frontend/acme", **PRESETS["small"])
    assert result.root == tmp_path / "frontend" / "acme"
    assert (result.root / "pubspec.yaml").is_file()
    text = (result.root / API / "api_calls.dart").read_text()
    assert text.count("makeApiCall(") == 20
    manager = result.root / API / "api_manager.dart"
    if era == "2025":
        assert not manager.exists()
        assert "package:ff_commons/api_requests/api_manager.dart" in text
    elif era == "2022":
        assert "encodeBodyUtf8" not in text
        assert "previously unset" not in manager.read_text()
    else:
        assert "previously unset" in manager.read_text()
    if era == "2023":
        assert re.search(r"^        \.\.\.\w+Group\.headers,$", text, re.M)


def test_unknown_era_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_export(tmp_path, era="2019", **PRESETS["small"])


ERA_FILES = {
    "2021": ["api_manager.dart"],
    "2022": ["api_manager.dart"],
    "2023": ["api_manager.dart"],
    "2024": ["api_manager.dart"],
    "2025": [],
    "private": ["api_manager.dart"],
}


@pytest.mark.parametrize("era", sorted(ERA_FILES))
def test_era_fixture_files(era: str) -> None:
    root = ERAS_DIR / era
    pubspec = (root / "pubspec.yaml").read_text()
    assert re.search(r"^name: \w+$", pubspec, re.M)
    assert "  flutter:\n    sdk: flutter" in pubspec
    assert (root / "lib/main.dart").is_file()
    assert "makeApiCall" in (root / API / "api_calls.dart").read_text() or era == "private"
    for name in ERA_FILES[era]:
        assert (root / API / name).is_file()


def test_era_fixture_managers() -> None:
    overwrite = (ERAS_DIR / "2022" / API / "api_manager.dart").read_text()
    assert "previously unset" not in overwrite
    assert "headers['Content-Type'] = contentType;" in overwrite
    for era in ("2023", "2024", "private"):
        text = (ERAS_DIR / era / API / "api_manager.dart").read_text()
        assert '// Set "Content-Type" header if it was previously unset.' in text
        assert "toLowerCase() == 'content-type'" in text
    assert not (ERAS_DIR / "2025" / API / "api_manager.dart").exists()
    calls_2025 = (ERAS_DIR / "2025" / API / "api_calls.dart").read_text()
    assert "import 'package:ff_commons/api_requests/api_manager.dart';" in calls_2025


def test_era_fixture_extras() -> None:
    env_dart = (ERAS_DIR / "2025" / "lib/environment_values.dart").read_text()
    env_json = json.loads((ERAS_DIR / "2025" / "assets/environment_values/environment.json").read_text())
    for key in env_json:
        assert f"data['{key}']" in env_dart
    js = (ERAS_DIR / "private" / "firebase/functions/api_manager.js").read_text()
    dart = (ERAS_DIR / "private" / API / "api_calls.dart").read_text()
    for name in re.findall(r"'callName': '(\w+)'", dart):
        assert f"{name}: _" in js
    assert (ERAS_DIR / "EXPECTED.md").is_file()


def test_expected_lists_every_fixture_call() -> None:
    expected = (ERAS_DIR / "EXPECTED.md").read_text()
    calls_table = expected.split("## Calls", 1)[1].split("\n\n", 2)[1]
    rows = [line.split("|")[1:-1] for line in calls_table.splitlines()[2:]]
    listed = {(r[0].strip(), r[2].strip()) for r in rows}
    found = set()
    for era in ERA_FILES:
        text = (ERAS_DIR / era / API / "api_calls.dart").read_text()
        found |= {(era, n) for n in re.findall(r"callName'?:? '(\w+)'", text)}
    assert listed == found


ACME = EXAMPLE


def test_acme_shop_layout_and_fake_secrets() -> None:
    for rel in (
        "pubspec.yaml",
        "README-DEFECTS.md",
        f"{API}/api_calls.dart",
        f"{API}/api_manager.dart",
        "lib/environment_values.dart",
        "assets/environment_values/environment.json",
        "lib/backend/supabase/supabase.dart",
        "firebase/functions/api_manager.js",
        "lib/custom_code/actions/notify_warehouse.dart",
        "android/app/src/main/AndroidManifest.xml",
    ):
        assert (ACME / rel).is_file(), rel
    assert "name: acme_shop" in (ACME / "pubspec.yaml").read_text()
    calls = (ACME / API / "api_calls.dart").read_text()
    assert calls.count("makeApiCall(") + calls.count("makeCloudCall(") >= 20
    google = re.findall(r"AIza[A-Za-z0-9_-]{35}\b", calls)
    assert google == ["AIzaSyFAKE-fflint-example-key-000000000"]
    stripe = re.findall(r"sk_live_[A-Za-z0-9]+", calls)
    assert len(stripe) == 1 and len(stripe[0]) == 8 + 99 and "FAKE" in stripe[0]
    everything = "".join(p.read_text() for p in ACME.rglob("*") if p.is_file())
    for jwt in re.findall(r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+", everything):
        assert jwt.endswith(".fake-signature-fflint-example")


# -- real-large: the shape of the largest real export we measured ------------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> GeneratedExport:
    return generate_export(tmp_path_factory.mktemp("real"), **PRESETS["real-large"])


def _target(call: GeneratedCall) -> str:
    """What a widget invokes ``.call(`` on: the group's field, or the ungrouped call's class."""
    if call.group:
        return f"{call.group}.{call.name}Call"
    return call.name[:1].upper() + call.name[1:] + "Call"


def _sites(root: Path) -> dict[Path, list[tuple[str, list[str]]]]:
    """(target, argument names) of every ``X.call(...)`` in each widget file."""
    found: dict[Path, list[tuple[str, list[str]]]] = {}
    for path in sorted(root.rglob("*_widget.dart")):
        text = path.read_text()
        for match in re.finditer(r"\b([A-Z]\w*(?:\.\w+)?)\.call\(", text):
            depth, end = 1, match.end()
            while depth:
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                end += 1
            names = re.findall(r"^\s*(\w+): ", text[match.end() : end], re.M)
            found.setdefault(path, []).append((match.group(1), names))
    return found


def test_real_large_preset_sizes(real: GeneratedExport) -> None:
    files = [p for p in real.root.rglob("*") if p.is_file()]
    assert len(files) == real.files == 749
    dart = sum(p.stat().st_size for p in files if p.suffix == ".dart")
    assert dart == real.dart_bytes
    assert abs(dart - 10_000_000) < 100_000
    assert 225_000 < (real.root / API / "api_calls.dart").stat().st_size < 250_000
    assert len(real.calls) == 163
    assert len({c.group for c in real.calls if c.group}) == 20
    widgets = list(real.root.glob("lib/*/*/*_widget.dart"))
    assert 450 <= len(widgets) + len(list(real.root.glob("lib/*/*/*_model.dart"))) <= 550  # pages + components
    assert len(list(real.root.glob("lib/custom_code/actions/*.dart"))) >= 15


def test_real_large_calls_file_shapes(real: GeneratedExport) -> None:
    text = (real.root / API / "api_calls.dart").read_text()
    counts = [len(c.variables) for c in real.calls]
    # Each call() signature, read from the file: the parameters the generator reports are the ones written.
    written = [len(block.splitlines()) for block in re.findall(r"call\(\{\n(.*?)\n  \}\)", text, re.S)]
    assert sorted(written) == sorted(counts)
    low, high = REAL_SHAPE.call_variables or (0, 0)
    assert low <= min(counts) and max(counts) <= high + 1  # a planted default may add one
    assert 10 <= statistics.mean(counts) <= 13
    assert text.count("escapeStringForJson(") > 200
    assert "ffApiRequestBody" in text and "package:ff_commons/api_requests/api_manager.dart" in text
    # 2024+ group headers: the group keeps the [x] template, every call of the group a substituted copy.
    assert re.search(r"^    '[\w-]+': '[^']*\[\w+\][^']*',$", text, re.M)
    assert "'Authorization': 'Bearer ${" in text and "...Group.headers" not in text
    env_defaults = set(re.findall(r"(\w+) \?\?= FFDevEnvironmentValues\(\)\.(\w+);", text))
    assert len(env_defaults) >= 5
    env = json.loads((real.root / "assets/environment_values/environment.json").read_text())
    env_dart = (real.root / "lib/environment_values.dart").read_text()
    for _, key in env_defaults:
        assert key in env and f"get {key} =>" in env_dart
    assert any(not env[key].startswith("https://") for _, key in env_defaults)  # header values, not only hosts


def test_real_large_call_sites(real: GeneratedExport) -> None:
    sites = _sites(real.root)
    assert len(sites) == real.site_widgets
    assert 150 <= real.site_widgets <= 250
    by_target = {_target(c): c for c in real.calls}
    found: dict[str, int] = {}
    for calls in sites.values():
        for target, _ in calls:
            found[target] = found.get(target, 0) + 1
    assert found == {_target(c): c.sites for c in real.calls if c.sites}
    called = sum(1 for c in real.calls if c.sites) / len(real.calls)
    assert 0.65 <= called <= 0.85  # the rest are never called
    text = (real.root / API / "api_calls.dart").read_text()
    env_names = set(re.findall(r"(\w+) \?\?= FFDevEnvironmentValues", text))  # left to their defaults
    kinds = set()
    for calls in sites.values():
        for target, names in calls:
            variables = set(by_target[target].variables)
            assert set(names) <= variables, target
            kinds.add("none" if not names else "all" if set(names) >= variables - env_names else "some")
    assert kinds == {"none", "some", "all"}


def test_real_large_fflint_extracts_every_call(real: GeneratedExport) -> None:
    result = lint([real.root], LintOptions(codes={"D001", "D003"}, now=NOW))
    (export,) = result.exports
    assert result.findings == []  # nothing unreadable, no duplicate names
    assert len(export.calls) == len(real.calls) == 163
    extracted = sorted((call.group or "", call.name, len(call.variables)) for call in export.calls)
    assert extracted == sorted((call.group or "", call.name, len(call.variables)) for call in real.calls)


def test_real_large_is_deterministic(real: GeneratedExport, tmp_path: Path) -> None:
    again = generate_export(tmp_path / "again", **PRESETS["real-large"])
    assert _digest(again.root) == _digest(real.root)
    assert (again.calls, again.planted_secrets, again.site_widgets) == (
        real.calls,
        real.planted_secrets,
        real.site_widgets,
    )
    scaled = dict(files=120, dart_mb=1.0, groups=4, calls=30, era="2025", shape=REAL_SHAPE)
    first = generate_export(tmp_path / "a", seed=3, **scaled)
    other = generate_export(tmp_path / "b", seed=4, **scaled)
    assert _digest(first.root) != _digest(other.root)
    assert first.site_widgets and any(c.sites for c in first.calls)  # the shape holds when scaled down

"""--fix trims environment keys and values in JSON, .env and Project YAML without touching anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from tests.support.exportkit import write_export

ENV_DART = """class FFDevEnvironmentValues {
  static const String environmentValuesPath =
      'assets/environment_values/environment.json';
  Future<void> initialize() async {
    final data = await json.decode(response);
    _apiUrl = data['apiUrl'];
  }
  String _apiUrl = '';
  String get apiUrl => _apiUrl;
}
"""

JSON_BEFORE = (
    '{\r\n  "apiUrl": " https://api.example.org\\n",\r\n    "label": "Shop\\u200b",\r\n'
    '  "count": 3,\r\n  " tabbed\\t": "ok"\r\n}\r\n'
)
JSON_AFTER = (
    '{\r\n  "apiUrl": "https://api.example.org",\r\n    "label": "Shop",\r\n  "count": 3,\r\n  "tabbed": "ok"\r\n}\r\n'
)

DOTENV_BEFORE = (
    "# keep this comment\r\n"
    'export API_URL="  https://api.example.org"  # and this one\r\n'
    "TITLE=' Shop '\r\n"
    "PLAIN=value   \r\n"
    "ZW=\u200babc\r\n"
    'KEEP="a b"\r\n'
)
DOTENV_AFTER = (
    "# keep this comment\r\n"
    'export API_URL="https://api.example.org"  # and this one\r\n'
    "TITLE='Shop'\r\n"
    "PLAIN=value   \r\n"
    "ZW=abc\r\n"
    'KEEP="a b"\r\n'
)

YAML_BEFORE = """# environments (comment kept)
currentEnvironment: {name: Production, key: PROD}
environmentValues:
  - parameter:
      identifier: {name: 'BaseUrl ', key: k1}   # trailing space in the name
      dataType: {scalarType: String}
    valuesMap:
      PROD: {serializedValue: "https://api.example.org\\t"}
      DEV: {serializedValue: ' https://dev.example.org'}
    isPrivate: false
  - parameter:
      identifier: {name: Note, key: k2}
    valuesMap:
      PROD:
        serializedValue: "two \\
          lines "
      DEV: {serializedValue: plain}
    isPrivate: false
"""
YAML_AFTER = """# environments (comment kept)
currentEnvironment: {name: Production, key: PROD}
environmentValues:
  - parameter:
      identifier: {name: 'BaseUrl', key: k1}   # trailing space in the name
      dataType: {scalarType: String}
    valuesMap:
      PROD: {serializedValue: "https://api.example.org"}
      DEV: {serializedValue: 'https://dev.example.org'}
    isPrivate: false
  - parameter:
      identifier: {name: Note, key: k2}
    valuesMap:
      PROD:
        serializedValue: "two \\
          lines"
      DEV: {serializedValue: plain}
    isPrivate: false
"""


@pytest.fixture
def app(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_export(
        tmp_path / "app",
        {
            "lib/environment_values.dart": ENV_DART,
            "assets/environment_values/environment.json": JSON_BEFORE,
            ".env": DOTENV_BEFORE,
            "flutterflow/environment-settings.yaml": YAML_BEFORE,
        },
    )


def run(*args: str):
    return CliRunner().invoke(cli, ["check", "app", "--select", "E005", *args])


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_fix_trims_and_keeps_everything_else(app):
    first = run()
    assert first.exit_code == 1
    assert first.output.count("E005") == 10
    fixed = run("--fix")
    assert fixed.exit_code == 0, fixed.output
    assert read(app / "assets/environment_values/environment.json") == JSON_AFTER
    assert read(app / ".env") == DOTENV_AFTER
    assert read(app / "flutterflow/environment-settings.yaml") == YAML_AFTER


def test_second_fix_run_changes_nothing(app):
    run("--fix")
    snapshot = {path: path.read_bytes() for path in app.rglob("*") if path.is_file()}
    again = run("--fix")
    assert again.exit_code == 0 and "fixed" not in again.output + (again.stderr or "")
    assert {path: path.read_bytes() for path in app.rglob("*") if path.is_file()} == snapshot


def test_fixed_yaml_loads_to_the_trimmed_values(app):
    from ruamel.yaml import YAML

    run("--fix")
    data = YAML(typ="safe").load((app / "flutterflow/environment-settings.yaml").read_text())
    first, second = data["environmentValues"]
    assert first["parameter"]["identifier"]["name"] == "BaseUrl"
    assert first["valuesMap"]["PROD"]["serializedValue"] == "https://api.example.org"
    assert first["valuesMap"]["DEV"]["serializedValue"] == "https://dev.example.org"
    assert second["valuesMap"]["PROD"]["serializedValue"] == "two lines"


def test_key_trim_is_not_offered_when_it_would_duplicate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_export(tmp_path / "app", {".env": 'A="x"\n', "dart_defines.json": '{"A": "1", "A ": "2"}\n'})
    result = run("--fix")
    assert result.exit_code == 1 and "A " in (tmp_path / "app/dart_defines.json").read_text()

"""lib/environment_values.dart and the JSON it reads: getters, current environment, values with exact spans."""

from __future__ import annotations

from pathlib import Path

from linter.discover import discover
from linter.engine import LintOptions, lint, load_export
from linter.model import Export
from linter.resolve import env_value, resolve
from tests.support import FIXTURES
from tests.support.exportkit import write_export

ENV_FIXTURES = FIXTURES / "env"


def load(root: Path) -> Export:
    return load_export(discover([root]).exports[0])


def test_definition_getters_and_current_environment():
    export = load(ENV_FIXTURES / "tidewatch")
    definition = export.env_definition
    assert definition is not None
    assert definition.current_environment == "Production"
    assert definition.json_paths == ["assets/environment_values/environment.json"]
    keys = {name: (getter.json_key, getter.type) for name, getter in definition.getters.items()}
    assert keys == {
        "tideHost": ("tideHost", "String"),
        "stationKey": ("stationKey", "String"),
        "mapStyle": ("mapStyle", "String"),
        "showBuoys": ("showBuoys", "bool"),
        "maxStations": ("maxStations", "int"),
        "analyticsKey": (None, "String"),
    }
    analytics = definition.getters["analyticsKey"]
    assert analytics.define == "ANALYTICS_KEY" and "String.fromEnvironment" in (analytics.unresolved or "")
    assert (analytics.span.line, analytics.span.col) == (50, 14)


def test_json_values_types_and_spans():
    export = load(ENV_FIXTURES / "tidewatch")
    (environment,) = [e for e in export.environments if e.source == "env-json"]
    assert environment.current and environment.name == "Production" and environment.error is None
    values = {value.key: value for value in environment.values}
    assert [(v.key, v.type, v.value.text) for v in environment.values] == [
        ("tideHost", "String", "https://tides.example.net"),
        ("stationKey", "String", "st-demo-4821"),
        ("mapStyle", "String", "nautical"),
        ("showBuoys", "bool", "true"),
        ("maxStations", "number", "12"),
    ]
    station = values["stationKey"]
    span = station.value.span()
    assert (span.line, span.col, span.end_col) == (3, 19, 33)  # the line is indented unevenly on purpose
    assert environment.file.text[span.start : span.end] == '"st-demo-4821"'
    assert (station.key_template.span().line, station.key_template.span().col) == (3, 5)
    number = values["maxStations"].value.span()
    assert environment.file.text[number.start : number.end] == "12"


def test_env_value_resolves_getters_and_flows_into_calls():
    export = load(ENV_FIXTURES / "tidewatch")
    assert env_value(export, "tideHost").value.text == "https://tides.example.net"
    assert env_value(export, "analyticsKey") is None  # known only at build time
    assert env_value(export, "nope") is None
    stations = next(call for call in export.calls if call.name == "listStations")
    (flow,) = resolve(export).request(stations).env_flows(stations.base_url)
    assert flow[:2] == (0, 11) and flow[2].key == "tideHost"
    header = stations.headers[0]
    assert [value.key for _, _, value in resolve(export).request(stations).env_flows(header.value)] == ["stationKey"]
    tiles = next(call for call in export.calls if call.name == "mapTiles")
    assert [value.key for _, _, value in resolve(export).request(tiles).env_flows(tiles.url)] == ["mapStyle"]
    assert any("String.fromEnvironment('ANALYTICS_KEY')" in note for note in tiles.unresolved)


ENV_DART_SEVERAL = """class FFDevEnvironmentValues {
  static const String currentEnvironment = 'Staging';
  static String environmentValuesPath = kReleaseMode
      ? 'assets/environment_values/environment_prod.json'
      : 'assets/environment_values/environment_dev.json';

  Future<void> initialize() async {
    final data = await json.decode(await rootBundle.loadString(environmentValuesPath));
    _apiUrl = data['api_url'];
  }

  String _apiUrl = '';
  String get apiUrl => _apiUrl;
}
"""


def test_several_environment_files_and_renamed_keys(tmp_path):
    root = write_export(
        tmp_path / "app",
        {
            "lib/environment_values.dart": ENV_DART_SEVERAL,
            "assets/environment_values/environment_prod.json": '{"api_url": "https://api.example.org"}\n',
            "assets/environment_values/environment_dev.json": '{"api_url": "https://dev.example.org"}\n',
        },
    )
    export = load(root)
    assert export.env_definition.getters["apiUrl"].json_key == "api_url"
    environments = [(e.name, e.file.path.name, e.current) for e in export.environments]
    assert environments == [
        ("Staging", "environment_prod.json", True),
        ("assets/environment_values/environment_dev.json", "environment_dev.json", False),
    ]
    assert env_value(export, "apiUrl").value.text == "https://api.example.org"


def test_renamed_json_path_outside_the_default_folder(tmp_path):
    dart = ENV_DART_SEVERAL.replace(
        """kReleaseMode
      ? 'assets/environment_values/environment_prod.json'
      : 'assets/environment_values/environment_dev.json'""",
        "'assets/config/app_env.json'",
    )
    root = write_export(
        tmp_path / "app",
        {"lib/environment_values.dart": dart, "assets/config/app_env.json": '{"api_url": "https://x.example"}'},
    )
    export = load(root)
    assert env_value(export, "apiUrl").value.text == "https://x.example"


def test_missing_json_file_is_reported_at_the_path(tmp_path):
    dart = ENV_DART_SEVERAL.replace("environment_prod.json", "gone.json")
    root = write_export(tmp_path / "app", {"lib/environment_values.dart": dart})
    result = lint([root], LintOptions(codes={"E001"}))
    messages = [(f.span.line, f.message) for f in result.findings if "gone.json" in f.message]
    assert messages and messages[0][0] == 4 and "not in the export" in messages[0][1]


def test_invalid_environment_json_exact_position_and_rest_still_linted():
    result = lint([ENV_FIXTURES / "broken_json"], LintOptions())
    by_code = {finding.code: finding for finding in result.findings}
    e001 = by_code["E001"]
    assert e001.span.path.endswith("assets/environment_values/environment.json")
    assert (e001.span.line, e001.span.col) == (7, 1)
    assert "line 7, column 1" in e001.message and "trailing comma" in e001.message
    assert "empty" in e001.message
    assert by_code["A002"].span.path.endswith("api_calls.dart") and by_code["A002"].span.line == 47
    assert len(result.exports[0].calls) == 2


def test_json_that_is_not_an_object(tmp_path):
    root = write_export(
        tmp_path / "app",
        {
            "lib/environment_values.dart": ENV_DART_SEVERAL,
            "assets/environment_values/environment_prod.json": '\n  ["https://api.example.org"]\n',
        },
    )
    (environment,) = [e for e in load(root).environments if e.current]
    assert environment.error is not None and "not an array" in environment.error.message
    assert (environment.error.span.line, environment.error.span.col) == (2, 3)


def test_escapes_and_surrogate_pairs_map_to_their_source(tmp_path):
    text = '{"a": "x\\u00e9\\ud83d\\ude00\\n y", "b": {"nested": "}"}, "c": null}'
    root = write_export(
        tmp_path / "app",
        {"lib/environment_values.dart": ENV_DART_SEVERAL, "assets/environment_values/environment_prod.json": text},
    )
    (environment,) = [e for e in load(root).environments if e.current]
    values = {value.key: value for value in environment.values}
    a = values["a"].value
    assert a.text == "x\u00e9\U0001f600\n y"
    start, end = a.source_range(2, 3)  # the emoji: both escapes of the surrogate pair
    assert text[start:end] == "\\ud83d\\ude00"
    assert values["b"].type == "object" and values["b"].value.text == '{"nested": "}"}'
    assert values["c"].type == "null"

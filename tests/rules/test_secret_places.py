"""Secrets in every place FlutterFlow puts them, with the severity their place deserves."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest

from linter.engine import LintOptions, lint
from tests.support.exportkit import API_CALLS, write_export

RNG = random.Random(20261128)


def alnum(length: int) -> str:
    return "".join(RNG.choice(string.ascii_letters + string.digits) for _ in range(length))


def stripe_live() -> str:
    return "sk_live_" + alnum(99)


def stripe_test() -> str:
    return "sk_test_" + alnum(99)


def google_key() -> str:
    return "AIza" + "".join(RNG.choice(string.ascii_letters + string.digits + "_-") for _ in range(35))


def supabase_jwt(role: str) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    header = part({"alg": "HS256", "typ": "JWT"})
    return f"{header}.{part({'iss': 'supabase', 'ref': 'placesref', 'role': role})}.{alnum(43)}"


PING = """class PingCall {
  static Future<ApiCallResponse> call() async {
    return ApiManager.instance.makeApiCall(
        callName: 'ping', apiUrl: 'https://api.example.com/p', callType: ApiCallType.GET);
  }
}
"""


def call_with(
    *, url: str = "https://api.example.com/v1/x", header: str = "", param: str = "", default: str = "", body: str = ""
) -> str:
    return f"""class PlaceCall {{
  static Future<ApiCallResponse> call({{String? token = '{default}'}}) async {{
    final ffApiRequestBody = '''
{{"note": "{body}"}}''';
    return ApiManager.instance.makeApiCall(
      callName: 'place',
      apiUrl: '{url}',
      callType: ApiCallType.POST,
      headers: {{'X-Api-Key': '{header}'}},
      params: {{'key': '{param}'}},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
    );
  }}
}}
"""


def findings(tmp_path, files: dict[str, str]):
    files.setdefault(API_CALLS, PING)
    root = write_export(tmp_path / "app", files)
    result = lint([root], LintOptions(codes={"S001", "S002", "S003", "S004"}))
    return [(f.code, f.severity, f.span.path.split("/app/", 1)[-1]) for f in result.findings], result


@pytest.mark.parametrize(
    "place",
    ["header", "param", "default", "body", "url"],
)
def test_a_secret_key_in_any_part_of_a_call_is_an_error(tmp_path, place):
    secret = stripe_live()
    arguments = {place: secret} if place != "url" else {"url": f"https://api.example.com/v1/x?api_key={secret}"}
    found, result = findings(tmp_path, {API_CALLS: call_with(**arguments)})
    assert ("S001", "error", API_CALLS) in found
    assert all(secret not in f.message for f in result.findings)


@pytest.mark.parametrize(
    ("relpath", "content", "expected"),
    [
        ("lib/backend/supabase/supabase.dart", "const _kSupabaseAnonKey = '{anon}';\n", ("S002", "info")),
        ("lib/backend/supabase/supabase.dart", "const _kSupabaseServiceKey = '{service}';\n", ("S001", "error")),
        ("lib/backend/firebase/firebase_config.dart", 'apiKey: "{google}",\n', ("S003", "info")),
        ("android/app/google-services.json", '{{"api_key": [{{"current_key": "{google}"}}]}}\n', ("S003", "info")),
        # FlutterFlow's place picker carries the Maps keys from Settings: public by design
        ("lib/pages/map_page/map_page_widget.dart", "iOSGoogleMapsApiKey: '{google}',\n", ("S003", "info")),
        ("lib/pages/map_page/map_page_widget.dart", "final mapsKey = '{google}';\n", ("S003", "warning")),
        (
            "web/index.html",
            '<script src="https://maps.googleapis.com/maps/api/js?key={google}"></script>\n',
            ("S003", "info"),
        ),
        ("android/app/src/main/AndroidManifest.xml", '<meta-data android:value="{google}"/>\n', ("S003", "info")),
        ("macos/Runner/GoogleService-Info.plist", "<key>API_KEY</key>\n<string>{google}</string>\n", ("S003", "info")),
        ("lib/backend/supabase/supabase.dart", "const _kSupabaseAnonKey = '{anon}';\n", ("S002", "info")),
        ("lib/backend/stripe/payment_manager.dart", "const _kPublishableKey = '{publishable}';\n", ("S002", "info")),
        ("assets/environment_values/environment.json", '{{"stripeKey": "{live}"}}\n', ("S001", "error")),
        (".env", "STRIPE_KEY={live}\n", ("S001", "error")),
        ("lib/custom_code/actions/charge.dart", "final key = '{test}';\n", ("S001", "warning")),
        ("firebase/functions/index.js", "const stripe = require('stripe')('{live}');\n", ("S001", "warning")),
    ],
)
def test_severity_follows_the_place(tmp_path, relpath, content, expected):
    text = content.format(
        anon=supabase_jwt("anon"),
        service=supabase_jwt("service_role"),
        google=google_key(),
        live=stripe_live(),
        test=stripe_test(),
        publishable="pk_test_" + stripe_test()[len("sk_test_") :],
    )
    found, _ = findings(tmp_path, {relpath: text})
    assert (*expected, relpath) in found, found


def test_generic_credentials_in_environment_and_config_values(tmp_path):
    found, _ = findings(
        tmp_path,
        {
            "assets/environment_values/environment.json": '{\n  "partnerSecret": "' + alnum(32) + '",\n  "baseUrl": '
            '"https://api.example.com",\n  "sessionId": "3f2b8c1e-9a4d-4e6f-8b7a-2c1d0e9f8a7b"\n}\n'
        },
    )
    assert found == [("S004", "warning", "assets/environment_values/environment.json")]


def test_clean_values_are_not_secrets(tmp_path):
    found, _ = findings(
        tmp_path,
        {
            API_CALLS: call_with(header="${token}", param="YOUR_API_KEY", default="", body="<note>"),
            "assets/environment_values/environment.json": '{"baseUrl": "https://api.example.com", "locale": "en-US"}',
            "lib/pages/home/home_widget.dart": "final image = 'data:image/png;base64," + "iVBORw0KGgo" * 40 + "';\n",
        },
    )
    assert found == []


def test_public_places_name_the_place_and_the_family_flutterflow_puts_there(tmp_path):
    key = "".join(RNG.choice("0123456789abcdef") for _ in range(32))
    google = google_key()
    files = {
        "lib/backend/algolia/algolia_manager.dart": (
            f"const kAlgoliaApplicationId = 'QX4TZ0KD7B';\nconst kAlgoliaApiKey = '{key}';\n"
        ),
        "web/index.html": f'<script src="https://maps.googleapis.com/maps/api/js?key={google}"></script>\n',
        "android/app/google-services.json": f'{{"api_key": [{{"current_key": "{google}"}}]}}\n',
    }
    _, result = findings(tmp_path, files)
    by_code = {finding.code: finding for finding in result.findings}
    algolia = by_code["S002"]
    assert algolia.severity == "info" and algolia.secret.provider == "algolia-search-key"
    assert "FlutterFlow's Algolia settings" in algolia.message and "never the Admin API key" in algolia.message
    maps = by_code["S003"]  # one key in two by-design files: one info finding with both places
    assert maps.severity == "info" and len(maps.related) == 1
    assert "Maps JavaScript API loader" in maps.message or "Firebase config" in maps.message
    assert {maps.span.path.rsplit("/", 1)[-1], maps.related[0].path.rsplit("/", 1)[-1]} == {
        "index.html",
        "google-services.json",
    }
    # The rule's own hint (move the key to Environment Values) would be advice nobody can follow there.
    assert all("nothing to move" in finding.hint for finding in (algolia, maps))


def test_the_maps_loader_is_not_called_firebase_config(tmp_path):
    files = {"web/index.html": f'<script src="https://maps.googleapis.com/maps/api/js?key={google_key()}"></script>\n'}
    _, result = findings(tmp_path, files)
    (maps,) = result.findings
    assert "the Maps JavaScript API loader" in maps.message and "Firebase" not in maps.message


def test_public_places_data_is_valid_and_names_known_families():
    import json

    import jsonschema

    from linter.resources import data_file, load_data
    from linter.secrets.catalog import load_catalog

    document = load_data("rules", "secrets", "public-places.yaml")
    schema = json.loads(data_file("schemas", "public-places.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    known = set(load_catalog().by_id)
    for place in document["places"]:
        assert set(place["providers"]) <= known, place["id"]
        assert place.get("as", place["providers"][0]) in known, place["id"]


def test_a_public_key_in_code_carries_its_providers_advice(tmp_path):
    test_store = "test_" + alnum(28)
    code = f"await Purchases.configure(PurchasesConfiguration('{test_store}'));\n"
    _, result = findings(tmp_path, {"lib/custom_code/actions/init_purchases.dart": code})
    (public,) = [finding for finding in result.findings if finding.code == "S002"]
    assert public.secret.provider == "revenuecat-test-store-key"
    assert "release build" in public.hint and test_store not in public.message


def test_a_secrets_value_written_again_elsewhere_is_one_of_its_places(tmp_path):
    token = alnum(32)
    files = {
        API_CALLS: call_with(header=token),
        "docs/NOTES.md": f"Rotate `{token}` before launch.\nIdentifier {token}x is not it.\n",
    }
    _, result = findings(tmp_path, files)
    (secret,) = [finding for finding in result.findings if finding.secret is not None]
    assert secret.span.path.endswith(API_CALLS)  # where it was found by its name, before the copy
    assert [(place.path.split("/app/", 1)[-1], place.line) for place in secret.related] == [("docs/NOTES.md", 1)]
    assert token not in secret.message


PDF_ACTION = """import 'package:http/http.dart' as http;

Future<String> renderPdf(
  String html,
  String apiKey,
  bool landscape, {
  String? serviceToken,
}) async {
  final encoded = base64Encode(utf8.encode('api:$apiKey'));
  return encoded;
}
"""


def page_calling(*arguments: str) -> str:
    joined = ",\n".join(f"        {argument}" for argument in arguments)
    return f"""import '/custom_code/actions/index.dart' as actions;

class ReportWidget {{
  Future onTap() async {{
    _model.pdf = await actions
        .renderPdf(
{joined},
    );
  }}
}}
"""


def test_a_literal_passed_to_a_custom_actions_credential_parameter_is_that_credential(tmp_path):
    key = "sk_" + alnum(40).lower()
    files = {
        "lib/custom_code/actions/render_pdf.dart": PDF_ACTION,
        "lib/pages/report/report_widget.dart": page_calling("_model.html", f"'{key}'", "true"),
        "lib/pages/other/other_widget.dart": page_calling("'<p>hi</p>'", f"'{key}'", "false"),
    }
    _, result = findings(tmp_path, files)
    (secret,) = [finding for finding in result.findings if finding.secret is not None]
    assert secret.code == "S004" and "argument 'apiKey' of custom action 'renderPdf'" in secret.message
    assert secret.hint.startswith("Action editor")
    places = [secret.span, *secret.related]
    assert sorted(place.path.split("/app/", 1)[-1] for place in places) == [
        "lib/pages/other/other_widget.dart",
        "lib/pages/report/report_widget.dart",
    ]
    assert key not in secret.message


@pytest.mark.parametrize(
    "arguments",
    [
        ("'" + "q" * 4 + alnum(24) + "'", "_model.apiKey", "true"),  # a literal, but not where the key goes
        ("_model.html", "FFAppState().pdfKey", "true"),  # the key comes from state
        ("_model.html", "'YOUR_PDF_KEY'", "true"),  # a placeholder
    ],
)
def test_other_arguments_of_a_custom_action_are_not_credentials(tmp_path, arguments):
    files = {
        "lib/custom_code/actions/render_pdf.dart": PDF_ACTION,
        "lib/pages/report/report_widget.dart": page_calling(*arguments),
    }
    codes, _ = findings(tmp_path, files)
    assert codes == []


def test_a_named_credential_argument_is_one_finding(tmp_path):
    token = alnum(36)
    files = {
        "lib/custom_code/actions/render_pdf.dart": PDF_ACTION,
        "lib/pages/report/report_widget.dart": page_calling(
            "_model.html", "_model.key", "true", f"serviceToken: '{token}'"
        ),
    }
    _, result = findings(tmp_path, files)
    assert [(finding.code, len(finding.related)) for finding in result.findings] == [("S004", 0)]


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://api.openweathermap.org/data/2.5/weather", True),  # its key is the documented 'appid' parameter
        ("https://api.example.com/v1/apps", False),  # elsewhere an app id is an identifier
    ],
)
def test_a_providers_documented_query_parameter_holds_its_key(tmp_path, url, found):
    key = RNG.randbytes(16).hex()
    call = call_with(url=url).replace("params: {'key': ''}", f"params: {{'appid': '{key}', 'units': 'metric'}}")
    codes, _ = findings(tmp_path, {API_CALLS: call})
    assert (("S004", "warning", API_CALLS) in codes) is found


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://api.unsplash.com/search/photos", True),  # Unsplash's access key goes in 'client_id'
        ("https://api.example.com/v1/photos", False),  # elsewhere a client id is an identifier
    ],
)
def test_a_variable_sent_in_the_providers_documented_parameter_holds_its_key(tmp_path, url, found):
    key = "".join(RNG.choice(string.ascii_letters + string.digits + "-_") for _ in range(43))
    call = (
        call_with(url=url)
        .replace("{String? token = ''}", f"{{String clientId = '{key}', String query = ''}}")
        .replace("params: {'key': ''}", "params: {'client_id': clientId, 'query': query}")
    )
    codes, _ = findings(tmp_path, {API_CALLS: call})
    assert (("S004", "warning", API_CALLS) in codes) is found

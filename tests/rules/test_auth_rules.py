"""A001-A010: precision traps, offline JWT analysis with --now, the provider catalog, and no token in any output."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.auth_catalog import auth_providers, catalog_errors, provider_for, provider_of_key
from linter.checks.auth_scheme import basic_problem
from linter.cli import FORMATS, cli
from linter.vocabulary import is_pre_auth_call
from tests.support.exportkit import API_CALLS, write_export
from tests.support.lint import NOW, export_findings

A_CODES = {f"A{n:03d}" for n in range(1, 11)}


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def make_jwt(**claims) -> str:
    return f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}.VGVzdFNpZ25hdHVyZU5vdFJlYWwtZmZsaW50"


def call(url: str, headers: list[str], args: str = "") -> str:
    entries = "".join(f"        {entry},\n" for entry in headers)
    return f"""class GetThingCall {{
  static Future<ApiCallResponse> call({args}) async {{
    return ApiManager.instance.makeApiCall(
      callName: 'getThing',
      apiUrl: '{url}',
      callType: ApiCallType.GET,
      headers: {{
{entries}      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""


def env_files(key: str, value: str) -> dict[str, str]:
    getter = f"  String _{key} = '';\n  String get {key} => _{key};\n"
    dart = (
        "class FFDevEnvironmentValues {\n  static const String currentEnvironment = 'Production';\n"
        "  static const String environmentValuesPath = 'assets/environment_values/environment.json';\n"
        f"  Future<void> initialize() async {{\n    _{key} = data['{key}'];\n  }}\n{getter}}}\n"
    )
    return {"lib/environment_values.dart": dart, "assets/environment_values/environment.json": json.dumps({key: value})}


def run(tmp_path: Path, files: dict[str, str], now: float = NOW, codes: set[str] | None = A_CODES):
    return export_findings(tmp_path / "app", files, codes, now=now)


# -- the catalog ----------------------------------------------------------------------------------------------------


def test_catalog_matches_its_schema():
    assert catalog_errors() == []


def test_a_query_form_needs_the_providers_page(monkeypatch):
    """U005 trusts a catalog query form, so an entry that declares one must say where the provider documents it."""
    raw = {
        "version": 1,
        "providers": [
            {"id": "weather", "name": "Weather", "hosts": ["api.weather.example"], "auth": [{"query": "key"}]},
            {"id": "other", "name": "Other", "hosts": ["api.other.example"], "auth": [{"header": "X-Key"}]},
        ],
    }
    monkeypatch.setattr("linter.auth_catalog.load_raw", lambda: raw)
    missing = [problem for problem in catalog_errors() if "docs" in problem]
    assert missing == ["providers/0: 'docs' is a required property"]


def test_catalog_lengths_agree_with_patterns():
    from re import _parser  # the regex parser gives each pattern's width

    for provider in auth_providers():
        for key in provider.keys:
            if key.pattern is not None:
                assert key.length is not None, (provider.id, key.prefix)
                low, high = _parser.parse(key.pattern.pattern).getwidth()
                assert (low, high) == key.length, (provider.id, key.prefix)


def test_catalog_lookup():
    assert provider_for("abc.supabase.co", "/auth/v1/admin/users").id == "supabase-auth-admin"
    assert provider_for("abc.supabase.co", "/rest/v1/items").id == "supabase"
    assert provider_for("abc.supabase.co", "/functions/v1/hello") is None
    assert provider_for("maps.googleapis.com", "/maps/api").id == "google-apis"
    assert provider_for("api.example.com", "/") is None
    assert provider_of_key("sk-ant-api03-x")[0].id == "anthropic"
    assert provider_of_key("sk-1234") is None  # shared prefix: judged only on OpenAI's host
    assert provider_of_key("patient-record") is None


# -- A001 precision ---------------------------------------------------------------------------------------------------


def test_bare_variable_is_not_flagged_without_evidence(tmp_path):
    assert (
        run(
            tmp_path,
            {API_CALLS: call("https://api.example.com/x", ["'Authorization': '${auth}'"], "{String? auth = ''}")},
        )
        == []
    )


def test_bare_variable_with_a_bearer_default_is_not_flagged(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    code = call("https://api.example.com/x", ["'Authorization': '${auth}'"], f"{{String? auth = 'Bearer {token}'}}")
    assert run(tmp_path, {API_CALLS: code}) == []


def test_bare_env_value_is_flagged_and_fix_inserts_the_scheme_in_the_header(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    files = {
        API_CALLS: call("https://api.example.com/x", ["'Authorization': '${FFDevEnvironmentValues().apiToken}'"]),
        **env_files("apiToken", token),
    }
    (finding,) = run(tmp_path, files)
    assert finding.code == "A001" and "environment value 'apiToken'" in finding.message
    assert token not in finding.message
    (edit,) = finding.fix.edits
    assert edit.path.endswith("api_calls.dart") and edit.replacement == "Bearer " and not finding.fix.safe


# -- A005 / A006 with --now -------------------------------------------------------------------------------------------


def test_expiry_follows_now(tmp_path):
    token = make_jwt(sub="u1", role="authenticated", exp=1_750_000_000)
    code = call("https://api.example.com/x", [f"'Authorization': 'Bearer {token}'"])
    assert run(tmp_path / "before", {API_CALLS: code}, now=1_700_000_000.0) == []
    (finding,) = run(tmp_path / "after", {API_CALLS: code}, now=1_760_000_000.0)
    assert finding.code == "A005" and "role 'authenticated'" in finding.message and "2025-06-15" in finding.message


def test_cli_now_option_and_no_token_in_any_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    token = make_jwt(sub="u1", role="authenticated", exp=1_750_000_000)
    broken = make_jwt(role="anon", exp=2_000_000_000)[1:]
    code = call("https://api.example.com/x", [f"'Authorization': 'Bearer {token}'", f"'apikey': '{broken}'"])
    write_export(tmp_path / "app", {API_CALLS: code})
    for output_format in FORMATS:
        result = CliRunner().invoke(
            cli, ["check", "app", "--select", "A", "--now", "2026-01-01", "--format", output_format, "--no-cache"]
        )
        assert result.exit_code == 1, result.output
        assert "A005" in result.output and "A006" in result.output
        signature = token.rsplit(".", 1)[1]
        assert token.split(".")[1] not in result.output and signature not in result.output
        assert broken.split(".")[1] not in result.output
    earlier = CliRunner().invoke(cli, ["check", "app", "--select", "A005", "--now", "2025-01-01", "--no-cache"])
    assert earlier.exit_code == 0


def test_expired_default_counts_only_when_no_call_site_passes_it(tmp_path):
    token = make_jwt(sub="u1", exp=1_700_000_000)
    code = call("https://api.example.com/x", ["'Authorization': 'Bearer ${token}'"], f"{{String? token = '{token}'}}")
    assert run(tmp_path / "none", {API_CALLS: code}) == []  # no call site: no evidence either way
    page = "lib/pages/home_widget.dart"
    passed = {API_CALLS: code, page: "void f() async { await GetThingCall.call(token: jwt); }\n"}
    assert run(tmp_path / "passed", passed) == []
    unpassed = {API_CALLS: code, page: "void f() async { await GetThingCall.call(); }\n"}
    assert [f.code for f in run(tmp_path / "unpassed", unpassed)] == ["A005"]


def test_two_calls_sharing_one_token_report_it_once(tmp_path):
    token = make_jwt(sub="u1", exp=1_700_000_000)[1:]
    code = call("https://api.example.com/x", ["'Authorization': 'Bearer ${FFDevEnvironmentValues().tok}'"])
    code += code.replace("GetThingCall", "GetOtherCall").replace("'getThing'", "'getOther'")
    files = {
        API_CALLS: code,
        **env_files("tok", token),
    }
    found = run(tmp_path, files)
    assert [f.code for f in found] == ["A006"]
    assert found[0].span.path.endswith("environment.json")


# -- A002 on values the environment or a default fills in --------------------------------------------------------


def test_env_value_that_writes_its_scheme_badly_is_reported_at_the_value_with_a_fix(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    files = {
        API_CALLS: call("https://api.example.com/x", ["'Authorization': '${FFDevEnvironmentValues().authHeader}'"]),
        **env_files("authHeader", f"Bearer  {token}"),
    }
    (finding,) = run(tmp_path, files)
    assert finding.code == "A002" and "environment value 'authHeader'" in finding.message
    assert "2 whitespace characters" in finding.message and token not in finding.message
    assert finding.span.path.endswith("environment.json")
    assert finding.hint == "fix it in FlutterFlow: Settings → Environment Values → authHeader"
    (edit,) = finding.fix.edits
    env_json = (tmp_path / "app" / "assets/environment_values/environment.json").read_text()
    assert edit.path.endswith("environment.json") and edit.replacement == " "
    assert env_json[edit.start : edit.end] == "  "


def test_fix_of_an_env_value_from_the_cli_keeps_the_json_valid(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    files = {
        API_CALLS: call("https://api.example.com/x", ["'Authorization': '${FFDevEnvironmentValues().authHeader}'"]),
        **env_files("authHeader", f"Bearer\t\t{token}"),
    }
    root = write_export(tmp_path / "app", files)
    env_json = root / "assets/environment_values/environment.json"
    before = env_json.read_text()
    result = CliRunner().invoke(
        cli, ["check", str(root), "--fix", "--no-cache", "--select", "A002", "--now", "2030-01-01"]
    )
    assert result.exit_code == 0, result.output
    after = env_json.read_text()
    assert json.loads(after) == {"authHeader": f"Bearer {token}"}
    assert after == before.replace("\\t\\t", " ")


def test_scheme_in_the_header_and_again_in_the_env_value(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    code = call("https://api.example.com/x", ["'Authorization': 'Bearer ${FFDevEnvironmentValues().tok}'"])
    code += code.replace("GetThingCall", "GetOtherCall").replace("'getThing'", "'getOther'")
    (finding,) = run(tmp_path, {API_CALLS: code, **env_files("tok", f"Bearer {token}")})
    assert finding.code == "A002" and finding.fix is None
    assert "sends 'Bearer Bearer …'" in finding.message and "'getThing'" in finding.message
    env_json = (tmp_path / "app" / "assets/environment_values/environment.json").read_text()
    span = finding.span
    assert env_json[span.start : span.end] == "Bearer "


def test_scheme_twice_through_an_always_sent_default(tmp_path):
    token = make_jwt(sub="u1", exp=2_000_000_000)
    code = call(
        "https://api.example.com/x", ["'Authorization': 'Bearer ${auth}'"], f"{{String? auth = 'Bearer {token}'}}"
    )
    page = "lib/pages/home.dart"
    found = run(tmp_path, {API_CALLS: code, page: "void f() async { await GetThingCall.call(); }\n"})
    assert [f.code for f in found] == ["A002"]
    assert "API Calls → getThing → Variables → auth (default value)" in found[0].hint


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("'Authorization': '${FFDevEnvironmentValues().v}'", "Bearer abc.def-123"),  # written well
        ("'Authorization': 'Bearer ${FFDevEnvironmentValues().v}'", "abc.def-123"),  # the usual split
        ("'Authorization': 'Bearer ${FFDevEnvironmentValues().v}'", "Bearerish-token-value"),  # a word, not a scheme
        ("'Authorization': '${FFDevEnvironmentValues().v}'", "abc"),  # no scheme: A001's business
        ("'X-Note': 'Bearer ${FFDevEnvironmentValues().v}'", "Bearer abc"),  # not the Authorization header
    ],
)
def test_env_values_that_fill_in_a_good_header_are_not_reported(tmp_path, header, value):
    files = {API_CALLS: call("https://api.example.com/x", [header]), **env_files("v", value)}
    assert [f for f in run(tmp_path, files) if f.code == "A002"] == []


def test_a_default_that_call_sites_replace_is_not_judged(tmp_path):
    code = call("https://api.example.com/x", ["'Authorization': 'Bearer ${auth}'"], "{String? auth = 'Bearer x1'}")
    page = "lib/pages/home.dart"
    passed = "void f() async { await GetThingCall.call(auth: currentUserToken); }\n"
    assert [f for f in run(tmp_path, {API_CALLS: code, page: passed}) if f.code == "A002"] == []


# -- A004 -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credential", "problem"),
    [
        (base64.b64encode(b"user:pass").decode(), None),
        ("user:pass", "plain text"),
        (base64.b64encode(b"userpass").decode(), "without the ':'"),
        ("dXNlcj*wYXNz", "not valid base64"),
        (base64.b64encode(b"\xff\xfe:\x00").decode(), "not text"),
    ],
)
def test_basic_problem(credential, problem):
    found = basic_problem(credential)
    assert (found is None) if problem is None else (problem in found)


# -- provider-aware rules --------------------------------------------------------------------------------------------


def test_google_bearer_with_api_key_is_wrong_header(tmp_path):
    code = call(
        "https://generativelanguage.googleapis.com/v1beta/models",
        ["'Authorization': 'Bearer AIzaFflintDocsOnlyNotARealKey0000000000'"],
    )
    found = run(tmp_path, {API_CALLS: code})
    assert [f.code for f in found] == ["A007"] and "not an OAuth token" in found[0].message


def test_oauth_token_on_google_is_fine(tmp_path):
    code = call(
        "https://www.googleapis.com/drive/v3/files",
        ["'Authorization': 'Bearer ${accessToken}'"],
        "{String? accessToken = ''}",
    )
    assert run(tmp_path, {API_CALLS: code}) == []


def test_supabase_service_role_on_admin_endpoint_is_fine(tmp_path):
    service = make_jwt(iss="supabase", role="service_role", exp=2_000_000_000)
    anon = make_jwt(iss="supabase", role="anon", exp=2_000_000_000)
    code = call(
        "https://fflintref.supabase.co/auth/v1/admin/users",
        [f"'apikey': '{anon}'", f"'Authorization': 'Bearer {service}'"],
    )
    assert [f.code for f in run(tmp_path, {API_CALLS: code})] == []


def test_companion_checks_skip_calls_with_unresolved_headers(tmp_path):
    code = """class AskCall {
  static Future<ApiCallResponse> call({Map<String, String>? extra}) async {
    return ApiManager.instance.makeApiCall(
      callName: 'ask',
      apiUrl: 'https://api.anthropic.com/v1/messages',
      callType: ApiCallType.POST,
      headers: extra!,
    );
  }
}
"""
    assert run(tmp_path, {API_CALLS: code}) == []


def test_key_format_is_judged_on_the_providers_host_for_shared_prefixes(tmp_path):
    short = "sk-" + "A1b2C3d4" * 5  # 43 characters; legacy OpenAI keys have 51
    code = call("https://api.openai.com/v1/models", [f"'Authorization': 'Bearer {short}'"])
    (finding,) = run(tmp_path / "openai", {API_CALLS: code})
    assert finding.code == "A010" and short not in finding.message
    assert "is 43 characters long where sk-… keys have 51 characters" in finding.message
    other = call("https://llm.example.com/v1/models", [f"'Authorization': 'Bearer {short}'"])
    assert run(tmp_path / "other", {API_CALLS: other}) == []


# -- A003 on the sign-in flow -------------------------------------------------------------------------------------

SIGN_IN_GROUP = """class AuthGroup {
  static String getBaseUrl({String? token = ''}) => 'https://api.example.com';
  static Map<String, String> headers = {
    'Authorization': 'Bearer [token]',
  };
}
""" + "".join(
    f"""
class {name[0].upper() + name[1:]}Call {{
  Future<ApiCallResponse> call({{String? token = ''}}) async {{
    final baseUrl = AuthGroup.getBaseUrl(token: token);
    return ApiManager.instance.makeApiCall(
      callName: '{name}',
      apiUrl: '${{baseUrl}}{path}',
      callType: ApiCallType.POST,
      headers: {{
        'Authorization': 'Bearer ${{token}}',{extra}
      }},
      params: {{}},
      returnBody: true,
    );
  }}
}}
"""
    for name, path, extra in (
        ("login", "/auth/login", ""),
        ("verifyOtp", "/auth/verify-otp", ""),
        ("renewSession", "/auth/refresh-token", ""),
        ("signUp", "/users", "\n        'x-api-key': '',"),
        ("getProfile", "/me", ""),
    )
)
PAGE_PATH = "lib/pages/home/home_widget.dart"
SIGN_IN_PAGE = """class HomeWidget {
  Future<void> load() async {
    await AuthGroup.loginCall.call();
    await AuthGroup.verifyOtpCall.call();
    await AuthGroup.renewSessionCall.call();
    await AuthGroup.signUpCall.call();
    await AuthGroup.getProfileCall.call();
  }
}
"""


def test_sign_in_calls_may_send_the_groups_empty_authorization(tmp_path):
    found = [f for f in run(tmp_path, {API_CALLS: SIGN_IN_GROUP, PAGE_PATH: SIGN_IN_PAGE}) if f.code == "A003"]
    # The token is never passed: only the call made after sign-in is reported (one place, not the sign-in calls
    # that share the group's header); the sign-up call's empty API key is a defect on any call.
    (authorization,) = [f for f in found if "'Authorization'" in f.message]
    assert "of 'getProfile'" in authorization.message and authorization.related == []
    (api_key,) = [f for f in found if "'x-api-key'" in f.message]
    assert "of 'signUp'" in api_key.message


@pytest.mark.parametrize(
    "text",
    [
        *("Login", "LoginApiCall", "Userlogin", "sign_in", "SignUp", "registerUser", "RegisterCall", "/api/register"),
        *("verifyOtp", "VerifyEmail", "verify_user", "AuthenticateRegisteredUserApi", "forgotPassword"),
        "/password/reset",
        *("/auth/refresh-token", "refreshSession", "https://login.example.com/oauth/token"),
        # glued lowercase words, plural or misspelt verbs
        *("sendotp", "verifyotp", "resendotp", "/api/otpverification", "resetpassword", "Email Verifys"),
        *("verifies_phone", "resend_otps"),
    ],
)
def test_calls_of_the_sign_in_flow(text):
    assert is_pre_auth_call(text)


@pytest.mark.parametrize(
    "text",
    [
        *("getProfile", "registerDevice", "Register Event Attendee", "verifyPayment", "refreshFeed"),
        *("resetFilters", ""),
        # splitting and plurals stay tight: no run of two flow words, no sign-in verb beside its object
        *("getVerifiedUsers", "sendemail", "verifypayment", "footprint", "hotpot", "checkout", "sendcode", "Verifys"),
        *("getusers", "confirmorder", "smscode", "/orders/resetfilters"),
    ],
)
def test_calls_made_after_sign_in(text):
    assert not is_pre_auth_call(text)


# -- A003 and interceptors: custom code sets headers the export does not show ---------------------------------------


def interceptor_group(interceptors: str) -> str:
    return f"""class ShopGroup {{
  static String getBaseUrl({{String? token = ''}}) => 'https://api.example.com';
  static Map<String, String> headers = {{
    'Authorization': '[token]',
  }};
  static ListOrdersCall listOrdersCall = ListOrdersCall();

  static final interceptors = [{interceptors}];
}}

class ListOrdersCall {{
  Future<ApiCallResponse> call({{String? token = ''}}) async {{
    final baseUrl = ShopGroup.getBaseUrl(token: token);
    return FFApiInterceptor.makeApiCall(
      ApiCallOptions(
        callName: 'listOrders',
        apiUrl: '${{baseUrl}}/orders',
        callType: ApiCallType.GET,
        headers: {{
          'Authorization': '${{token}}',
        }},
        params: {{}},
        returnBody: true,
      ),
      {"ShopGroup.interceptors" if interceptors else "[]"},
    );
  }}
}}
"""


ORDERS_PAGE = """class OrdersWidget {
  Future<void> load() async {
    await ShopGroup.listOrdersCall.call();
  }
}
"""


def test_a_call_whose_interceptors_may_set_the_credential_is_not_reported_empty(tmp_path):
    files = {API_CALLS: interceptor_group("sessionInterceptor()"), PAGE_PATH: ORDERS_PAGE}
    found = run(tmp_path / "intercepted", files)
    assert [f for f in found if f.code == "A003"] == []


def test_an_empty_interceptor_list_sets_nothing(tmp_path):
    found = run(tmp_path / "plain", {API_CALLS: interceptor_group(""), PAGE_PATH: ORDERS_PAGE})
    (finding,) = [f for f in found if f.code == "A003"]
    assert "of 'listOrders'" in finding.message and finding.severity == "info"


# -- A003 when the credential travels in the URL's query ------------------------------------------------------------

GENERATE_PAGE = """class ChatWidget {
  Future<void> ask() async {
    await GetThingCall.call();
  }
}
"""


def test_an_unpassed_token_beside_a_query_key_is_not_a_request_without_credential(tmp_path):
    url = "https://llm.example.com/v1/models/m:generate?key=demo-query-key-0001"
    code = call(url, ["'Authorization': 'Bearer ${apikey}'"], "{String? apikey = ''}")
    found = run(tmp_path / "key", {API_CALLS: code, PAGE_PATH: GENERATE_PAGE})
    assert [f for f in found if f.code == "A003"] == []
    # Without the query key the request does go out without a credential.
    plain = call(
        "https://llm.example.com/v1/models/m:generate", ["'Authorization': 'Bearer ${apikey}'"], "{String? apikey = ''}"
    )
    (finding,) = [f for f in run(tmp_path / "plain", {API_CALLS: plain, PAGE_PATH: GENERATE_PAGE}) if f.code == "A003"]
    assert "without a credential" in finding.message


def test_an_empty_scheme_beside_a_query_key_is_reworded_at_info(tmp_path):
    code = call("https://llm.example.com/v1/generate?key=demo-query-key-0001", ["'Authorization': 'Bearer '"])
    (finding,) = [f for f in run(tmp_path, {API_CALLS: code}) if f.code == "A003"]
    assert finding.severity == "info" and "query parameter 'key' carries the credential" in finding.message


# -- a pasted user token: live it is a secret (S001), stale it is A005/A006's ------------------------------------------


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "u1", "role": "authenticated"},  # Supabase user session
        {"sub": "u1", "email": "user@example.com"},  # any issuer's user session
        {"iss": "https://securetoken.google.com/acme-demo", "sub": "u1"},  # Firebase ID token
    ],
)
def test_a_stale_session_token_is_one_finding_and_a_live_one_a_secret(tmp_path, claims):
    token = make_jwt(**claims, exp=1_750_000_000)
    code = call("https://api.example.com/x", [f"'Authorization': 'Bearer {token}'"])
    expired = run(tmp_path / "expired", {API_CALLS: code}, codes=None, now=1_760_000_000.0)
    assert [finding.code for finding in expired] == ["A005"]
    live = run(tmp_path / "live", {API_CALLS: code}, codes=None, now=1_700_000_000.0)
    assert [finding.code for finding in live] == ["S001"]
    truncated = call("https://api.example.com/x", [f"'Authorization': 'Bearer {token[1:]}'"])
    assert [finding.code for finding in run(tmp_path / "cut", {API_CALLS: truncated}, codes=None)] == ["A006"]


@pytest.mark.parametrize("stale", ["expired", "cut"])
def test_a_stale_session_token_no_request_sends_is_a_warning_naming_what_went_stale(tmp_path, stale):
    token = make_jwt(sub="u1", role="authenticated", email="user@example.com", exp=1_750_000_000)
    token = token[1:] if stale == "cut" else token
    constants = f"class AppConstants {{\n  static const String kAuthToken = 'Bearer {token}';\n}}\n"
    files = {"lib/app_constants.dart": constants, API_CALLS: call("https://api.example.com/x", [])}
    (finding,) = run(tmp_path, files, codes=None, now=1_760_000_000.0)
    assert (finding.code, finding.severity) == ("S001", "warning")
    assert ("expired on 2025-06-15" if stale == "expired" else "has lost its first character") in finding.message
    assert "currentJwtToken" in finding.hint and token not in finding.message
    live = run(tmp_path / "live", files, codes=None, now=1_700_000_000.0)
    assert [(f.code, f.severity) for f in live] == [("S001", "error" if stale == "expired" else "warning")]


def test_a_stale_project_key_is_still_a_secret(tmp_path):
    token = make_jwt(iss="supabase", role="service_role", exp=1_750_000_000)
    code = call("https://api.example.com/x", [f"'apikey': '{token}'"])
    codes = [finding.code for finding in run(tmp_path, {API_CALLS: code}, codes=None, now=1_760_000_000.0)]
    assert "S001" in codes


CLIENT_ID = "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com"


@pytest.mark.parametrize(
    ("headers", "args", "reported"),
    [
        ([f"'Authorization': 'Bearer {CLIENT_ID}'"], "", True),  # any API refuses it
        (["'Authorization': 'Bearer ${token}'"], f"{{String? token = '{CLIENT_ID}'}}", False),  # no page sends it
        ([f"'X-Client-Id': '{CLIENT_ID}'", "'Authorization': 'Bearer ${token}'"], "{String? token}", False),
    ],
)
def test_a_google_oauth_client_id_sent_as_the_credential_is_the_wrong_kind(tmp_path, headers, args, reported):
    url = "https://www.googleapis.com/calendar/v3/calendars/primary/events"
    found = run(tmp_path, {API_CALLS: call(url, headers, args)}, codes={"A009", "S004"})
    assert [f.code for f in found] == (["A009"] if reported else [])
    assert all("client id" in f.message for f in found)

"""Private API calls: the JS side is parsed and joined to the Dart calls, with exact strings and spans."""

from __future__ import annotations

from pathlib import Path

from pygments.lexers.javascript import JavascriptLexer
from pygments.token import String

from linter.discover import export_files
from linter.engine import LintOptions, lint, load_export
from linter.extract.js import js_tokens
from linter.model import Template
from tests.support import FIXTURES
from tests.support.exportkit import API_CALLS, write_export

FIXTURE = FIXTURES / "eras" / "private"
JS_PATH = "firebase/functions/api_manager.js"


def _load(root: Path):
    return load_export(export_files(root.resolve()))


def _private_dart(call_name: str, variables: str, forwarded: str) -> str:
    return f"""class {call_name} {{
  Future<ApiCallResponse> call({{
{variables}
  }}) async {{
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {{
        'callName': '{call_name}',
        'variables': {{
{forwarded}
        }},
      }},
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }}
}}
"""


def _js_function(function: str, body: str, request: str) -> str:
    return f"""async function {function}(context, ffVariables) {{
  if (!context.auth) {{
    return _unauthenticatedResponse;
  }}
{body}
  return makeApiRequest({{
{request}
    returnBody: true,
    isStreamingApi: false,
  }});
}}
"""


def test_fixture_private_calls_are_joined_to_their_js_functions():
    export = _load(FIXTURE)
    assert not export.parse_errors
    calls = {call.name: call for call in export.calls}
    payouts, invoice = calls["FetchPayoutsCall"], calls["CreateInvoiceCall"]
    assert payouts.private and invoice.private
    assert payouts.method == "GET" and invoice.method == "POST"
    assert payouts.url.text == "${payoutsGroup.baseUrl}/accounts/${accountId}/payouts"
    assert payouts.base_url.text == "https://api.payouts.example/v2"
    assert invoice.url.text == "https://api.invoicing.example/v1/invoices"
    assert [(h.name.text, h.value.text, h.origin) for h in payouts.headers] == [
        ("Authorization", "Bearer payouts-server-credential", "call"),
        ("Accept", "application/json", "call"),
    ]
    assert [(h.name.text, h.value.text) for h in invoice.headers] == [("X-Api-Key", "invoicing-server-credential")]
    assert [param.key.text for param in payouts.params] == ["since"]
    assert payouts.body is None and payouts.body_type is None
    assert invoice.body_type == "JSON"
    assert invoice.body.text == (
        '\n{\n  "customer_email": "${customerEmail}",\n  "amount": ${amountCents},\n  "memo": "${memo}"\n}'
    )
    assert invoice.flags == {"returnBody": True, "isStreamingApi": False}
    # Spans point into the JS file, not the Dart one.
    header = invoice.headers[0]
    assert header.value.span().path.endswith(JS_PATH)
    js_text = header.value.file.text
    assert js_text[header.value.start : header.value.end] == "`invoicing-server-credential`"
    span = invoice.body.span()
    assert (span.line, span.col) == (54, 26)
    # The Dart variables (with their declared types) stay on the call.
    assert [variable.name for variable in invoice.variables] == ["customerEmail", "amountCents", "memo"]


def test_pygments_alone_mistokenizes_braces_inside_an_interpolation():
    source = "var url = `${base({a: 1})}/x`;\nvar k = 1;\n"
    backtick = [text for _, kind, text in JavascriptLexer().get_tokens_unprocessed(source) if kind in String.Backtick]
    # pygments closes the interpolation at the first "}", so the literal part after it is not "/x".
    assert "/x" not in backtick and any(text.endswith("}/x") for text in backtick)
    strings = [token for token in js_tokens(source) if token.kind == "string"]
    assert len(strings) == 1
    template = Template(None, strings[0].segments, strings[0].start, strings[0].end)  # type: ignore[arg-type]
    assert template.text == "${base({a: 1})}/x"
    assert [expr for _, _, expr in template.interpolations] == ["base({a: 1})"]
    assert [token.text for token in js_tokens(source)][-5:] == ["var", "k", "=", "1", ";"]


def test_nested_templates_strings_and_escapes_are_exact():
    source = "var a = `x ${b ? `in ${c}` : \"}\"} \\u0041\\`y ${'{'}`;"
    (token,) = [token for token in js_tokens(source) if token.kind == "string"]
    template = Template(None, token.segments, token.start, token.end)  # type: ignore[arg-type]
    assert template.text == "x ${b ? `in ${c}` : \"}\"} A`y ${'{'}"
    assert [expr for _, _, expr in template.interpolations] == ['b ? `in ${c}` : "}"', "'{'"]
    assert source[token.end - 1] == "`" and token.end == len(source) - 1


def _export_with_js(tmp_path: Path, js: str, dart: str):
    return write_export(tmp_path / "app", {API_CALLS: dart, JS_PATH: js})


def test_group_header_spread_and_quoted_keys_are_resolved(tmp_path):
    dart = _private_dart("SendMailCall", "    String? to = '',", "          'to': to,")
    js = (
        "function createMailGroup() {\n  return {\n    baseUrl: `https://mail.example/v1`,\n"
        '    headers: {\n      "X-Tenant": `acme`,\n    },\n  };\n}\n\n'
        + _js_function(
            "_sendMailCall",
            '  var to = ffVariables["to"];\n  var mailGroup = createMailGroup();\n'
            "  var url = `${mailGroup.baseUrl}/send`;\n"
            "  var headers = {\n    ...mailGroup.headers,\n    'Content-Type': 'text/plain',\n  };\n"
            '  var params = {};\n  var ffApiRequestBody = `{"to": "${to}"}`;\n',
            '    method: "post",\n    url,\n    headers,\n    params,\n'
            "    body: createBody({\n      headers,\n      params,\n      body: ffApiRequestBody,\n"
            '      bodyType: "JSON",\n    }),',
        )
        + "\nasync function makeApiCall(context, data) {\n  const callMap = {\n    SendMailCall: _sendMailCall,\n"
        "  };\n}\n"
    )
    export = _load(_export_with_js(tmp_path, js, dart))
    (call,) = export.calls
    assert call.base_url.text == "https://mail.example/v1"
    assert [(h.name.text, h.value.text, h.origin) for h in call.headers] == [
        ("X-Tenant", "acme", "group-spread"),
        ("Content-Type", "text/plain", "call"),
    ]
    assert call.body.text == '{"to": "${to}"}'


def test_js_syntax_error_becomes_a_parse_error_and_dart_calls_survive(tmp_path):
    dart = _private_dart("PingCall", "    String? x = '',", "          'x': x,")
    js = "async function _pingCall(context, ffVariables) {\n  var url = `https://x.example/${a`;\n"
    export = _load(_export_with_js(tmp_path, js, dart))
    (error,) = export.parse_errors
    assert error.span.path.endswith(JS_PATH)
    assert "private API calls" in error.message
    assert [call.name for call in export.calls] == ["PingCall"]
    result = lint([tmp_path / "app"], LintOptions(codes={"D001"}))
    assert any(finding.span.path.endswith(JS_PATH) for finding in result.findings)


def test_call_without_js_function_is_marked_unresolved(tmp_path):
    dart = _private_dart("GhostCall", "    String? x = '',", "          'x': x,")
    js = "async function makeApiCall(context, data) {\n  const callMap = {};\n}\n"
    export = _load(_export_with_js(tmp_path, js, dart))
    (call,) = export.calls
    assert call.url is None
    assert any("GhostCall" in entry for entry in call.unresolved)


def test_function_found_by_naming_convention_without_call_map(tmp_path):
    dart = _private_dart("PingCall", "    String? x = '',", "          'x': x,")
    js = _js_function("_pingCall", "  var url = `https://x.example/ping`;\n", '    method: "delete",\n    url,')
    export = _load(_export_with_js(tmp_path, js, dart))
    (call,) = export.calls
    assert call.method == "DELETE" and call.url.text == "https://x.example/ping"


def test_form_params_passed_only_to_create_body_are_the_calls_params(tmp_path):
    dart = _private_dart("SubscribeCall", "    String? customer = '',", "          'customer': customer,")
    js = _js_function(
        "_subscribeCall",
        '  var customer = ffVariables["customer"];\n  var url = `https://api.example.com/subscriptions`;\n'
        "  var headers = {};\n"
        '  var params = { customer: customer, "items[0][price]": `price_basic` };\n'
        "  var ffApiRequestBody = undefined;\n",
        '    method: "post",\n    url,\n    headers,\n'
        "    body: createBody({\n      headers,\n      params,\n      body: ffApiRequestBody,\n"
        '      bodyType: "X_WWW_FORM_URL_ENCODED",\n    }),',
    )
    export = _load(_export_with_js(tmp_path, js, dart))
    (call,) = export.calls
    assert call.body_type == "X_WWW_FORM_URL_ENCODED"
    assert [(param.key.text, type(param.value).__name__) for param in call.params] == [
        ("customer", "Expr"),
        ("items[0][price]", "Template"),
    ]

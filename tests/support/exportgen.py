"""Seeded generator of synthetic FlutterFlow exports, for tests and benchmarks.

Everything is derived from ``random.Random(seed)``: the same arguments give byte-identical output. The calls
file follows the shapes of docs ``flutterflow-exports.md`` §2 for the chosen era; the remaining Dart volume is
page, component, struct and support code; non-Dart files (assets, native config, binary images) fill up the
requested file count. Fake secrets are built at run time and placed only where ``planted_secrets`` says.

``Shape`` holds what is not size: the classic presets keep its defaults (few variables per call, no call sites);
``real-large`` copies the shape of the largest real export we measured (many variables per call, widgets calling
most calls, environment-valued headers and hosts, more custom actions).

Run: ``python tests/support/exportgen.py {small,large,huge,real-large} OUTDIR [--seed N] [--era 2024]
[--subfolder app]``.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import string
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000  # dart_mb is decimal megabytes
ERAS = ("2022", "2023", "2024", "2025")


@dataclass(frozen=True)
class Shape:
    """How an export is built, apart from its size. The defaults give the classic presets' exact output."""

    call_variables: tuple[int, int] | None = None  # call() parameters per call; None: only what the request needs
    getters: tuple[int, int] | None = None  # response getters per call; None: 3-7 for GET, 2-4 otherwise
    escape_share: float = 0.5  # JSON body strings wrapped in escapeStringForJson (2024+)
    env_share: float = 0.0  # 2025: groups with an environment-valued header, ungrouped calls with such a host
    called_share: float = 0.0  # calls that widgets call; the others are never called
    site_widgets: float = 0.0  # widget files holding call sites
    custom_actions: int = 0  # custom actions (raw http) beyond the one without a planted secret
    asset_share: float = 0.3  # non-Dart share of the files left after the fixed ones


# The largest real export we know: 749 files, ~10 MB of Dart, 163 calls in a 234 KB api_calls.dart, ~500 page and
# component files, most widgets calling the API. Its calls have ~10-20 variables; with FlutterFlow's per-call
# boilerplate, 8-14 (mean 11) and few getters is what keeps api_calls.dart at that size.
REAL_SHAPE = Shape(
    call_variables=(8, 14),
    getters=(0, 1),
    escape_share=1.0,
    env_share=0.5,
    called_share=0.75,
    site_widgets=0.8,
    custom_actions=14,
    asset_share=0.2,
)
CLASSIC = Shape()
PRESETS: dict[str, dict] = {
    "small": dict(files=50, dart_mb=0.5, groups=3, calls=20),
    "large": dict(files=750, dart_mb=10.0, groups=20, calls=160),
    "huge": dict(files=7500, dart_mb=100.0, groups=40, calls=400),
    "real-large": dict(files=749, dart_mb=10.0, groups=20, calls=163, era="2025", shape=REAL_SHAPE),
}


@dataclass
class GeneratedCall:
    group: str | None  # group class name, e.g. "CatalogGroup"
    name: str  # callName
    method: str
    url: str  # the apiUrl Dart string as written, interpolations included
    header_names: list[str]  # effective order: spread group entries first (2023), then the call's map
    body_type: str  # BodyType name, or "" when the call passes none
    variables: list[str] = field(default_factory=list)  # call() parameters, group variables included
    sites: int = 0  # call sites in widget files


@dataclass
class GeneratedExport:
    root: Path
    calls: list[GeneratedCall]
    planted_secrets: list[str]
    files: int
    dart_bytes: int
    site_widgets: int = 0  # widget files holding at least one call site


# -- vocabulary -------------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS = _words(
    "product order invoice customer ticket booking review coupon shipment address cart payment refund plan "
    "member team project task comment message thread channel event venue course lesson quiz badge reward store "
    "branch vehicle driver route delivery menu recipe workout meal habit goal note folder document report device "
    "sensor reading alert shift employee patient appointment pet listing offer auction playlist track artist "
    "album photo story post profile setting survey answer question category brand supplier warehouse"
)
QUALIFIERS = _words("recent featured active pending archived shared daily weekly nearby popular draft public")
GROUP_WORDS = _words(
    "Catalog Orders Billing Accounts Inventory Messaging Scheduling Analytics Loyalty Shipping Media Search "
    "Reviews Support Payments Identity Notifications Content Maps Weather Fleet Booking Learning Health Social "
    "Music Events Rewards Tasks Files Reports Devices Staff Clinic Pets Listings Auctions Recipes Fitness Surveys "
    "Vendors Pricing Returns Referrals Chat"
)
HOST_WORDS = _words("acme bright nimbus harbor summit maple cobalt juniper falcon meadow orbit pebble")
FIELDS = _words(
    "title description status quantity price note email phone rating start_date end_date category priority "
    "due_date comment amount currency first_name last_name city zip_code country language timezone color size "
    "label reason source channel_name display_name"
)
WORDS = _words(
    "welcome back your latest updates are ready tap to continue view all details save changes share with "
    "friends add to favorites choose a plan confirm booking upcoming events nothing here yet try again later "
    "sign in create account forgot password order summary delivery address payment method total items"
)
ICONS = _words("home_rounded search settings_outlined person add_circle_outline favorite_border star chevron_right")
COLORS = _words("primary secondary tertiary alternate primaryText secondaryText accent1 accent2 success error")
ALNUM = string.ascii_letters + string.digits
B64URL = ALNUM + "-_"


def _camel(words: list[str]) -> str:
    parts = [p for w in words for p in w.split("_")]
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def _pascal(words: list[str]) -> str:
    name = _camel(words)
    return name[:1].upper() + name[1:]


def _snake(words: list[str]) -> str:
    return "_".join(words)


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _dq(text: str) -> str:
    """A Dart single-quoted literal (all generated text is free of quotes and backslashes)."""
    return f"'{text}'"


def _entry(indent: int, key: str, value: str) -> str:
    """A map entry as dart format prints it: wrapped after the colon when the line exceeds 80 columns."""
    line = f"{' ' * indent}{key}: {value},"
    if len(line) <= 80:
        return line
    return f"{' ' * indent}{key}:\n{' ' * (indent + 4)}{value},"


# -- fake secrets -----------------------------------------------------------------------------------------------


def _b64url(data: str) -> str:
    return base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode()


def fake_secret(rng: random.Random, kind: str) -> str:
    """One provider-shaped fake credential, random per seed (never stored in the repository)."""

    def pick(alphabet: str, n: int) -> str:
        return "".join(rng.choices(alphabet, k=n))

    if kind == "stripe":
        return "sk_live_" + pick(ALNUM, 99)
    if kind == "google":
        return "AIza" + pick(B64URL, 35)
    if kind == "supabase":
        ref = pick(string.ascii_lowercase, 20)
        iat = 1_690_000_000 + rng.randrange(10_000_000)
        payload = json.dumps(
            {"iss": "supabase", "ref": ref, "role": "service_role", "iat": iat, "exp": iat + 315_360_000},
            separators=(",", ":"),
        )
        header = _b64url('{"alg":"HS256","typ":"JWT"}')
        return f"{header}.{_b64url(payload)}.{pick(B64URL, 43)}"
    if kind == "openai":
        return "sk-proj-" + pick(B64URL, 64) + "T3BlbkFJ" + pick(B64URL, 64)
    if kind == "sendgrid":
        return f"SG.{pick(B64URL, 22)}.{pick(B64URL, 43)}"
    if kind == "github":
        return "ghp_" + pick(ALNUM, 36)
    raise ValueError(f"unknown secret kind {kind!r}")


SECRET_KINDS = ("stripe", "google", "supabase", "openai", "sendgrid", "github")
SECRET_SPOTS = ("default", "header", "env", "action", "page")


# -- the API calls model and its Dart rendering ----------------------------------------------------------------


@dataclass
class _Var:
    name: str
    type: str = "String"
    default: str | None = "''"  # Dart source of the default, None for no default
    env: str | None = None  # FFDevEnvironmentValues() key assigned with ??= (2025)


@dataclass
class _Getter:
    name: str
    path: str
    kind: str  # dynamic | list | string | int | bool | strings


@dataclass
class _Group:
    cls: str
    title: str
    base: str  # base URL as written (may interpolate group variables)
    headers: list[tuple[str, str]]  # template map: values keep [x]
    variables: list[_Var]
    calls: list[_Call] = field(default_factory=list)


@dataclass
class _Call:
    cls: str
    call_name: str
    method: str
    path: str  # URL suffix for group calls, whole URL otherwise
    group: _Group | None
    headers: list[tuple[str, str]] = field(default_factory=list)  # the call's own map, substituted
    params: list[tuple[str, str]] = field(default_factory=list)  # key, Dart expression
    body: str | None = None
    body_type: str | None = None
    variables: list[_Var] = field(default_factory=list)
    getters: list[_Getter] = field(default_factory=list)
    pre_lines: list[str] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)

    def url(self, era: str) -> str:
        if self.group is None:
            return self.path
        prefix = f"${{{self.group.cls}.baseUrl}}" if era in ("2022", "2023") else "${baseUrl}"
        return prefix + self.path


def _substitute(template: str) -> str:
    """FlutterFlow's substitution of known variables: [x] becomes ${x}."""
    out, rest = [], template
    while "[" in rest and "]" in rest:
        before, _, after = rest.partition("[")
        name, _, rest = after.partition("]")
        out.append(f"{before}${{{name}}}")
    return "".join(out) + rest


def _render_var(var: _Var) -> str:
    text = f"    {var.type}? {var.name}"
    if var.default is not None:
        text += f" = {var.default}"
    return text + ","


def _render_getter(getter: _Getter, static: bool, typed: bool) -> list[str]:
    prefix = "  static " if static else "  "
    path = f"r'''{getter.path}'''"
    if not typed or getter.kind == "dynamic":
        return [
            f"{prefix}dynamic {getter.name}(dynamic response) => getJsonField(",
            "        response,",
            f"        {path},",
            *(["        true,"] if getter.kind in ("list", "strings") else []),
            "      );",
        ]
    if getter.kind == "list":
        return [
            f"{prefix}List? {getter.name}(dynamic response) => getJsonField(",
            "        response,",
            f"        {path},",
            "        true,",
            "      ) as List?;",
        ]
    if getter.kind == "strings":
        return [
            f"{prefix}List<String>? {getter.name}(dynamic response) => (getJsonField(",
            "        response,",
            f"        {path},",
            "        true,",
            "      ) as List?)",
            "          ?.withoutNulls",
            "          .map((x) => castToType<String>(x))",
            "          .withoutNulls",
            "          .toList();",
        ]
    dart_type = {"string": "String", "int": "int", "bool": "bool"}[getter.kind]
    head = f"{prefix}{dart_type}? {getter.name}(dynamic response) => castToType<{dart_type}>(getJsonField("
    lines = (
        [head]
        if len(head) <= 80
        else [
            f"{prefix}{dart_type}? {getter.name}(dynamic response) =>",
            f"      castToType<{dart_type}>(getJsonField(",
        ]
    )
    return [*lines, "        response,", f"        {path},", "      ));"]


def _render_call(call: _Call, era: str) -> str:
    static = call.group is None
    modern = era in ("2024", "2025")
    lines = [f"class {call.cls} {{"]
    signature = f"  {'static ' if static else ''}Future<ApiCallResponse> call("
    suffix = " async {" if modern else " {"
    if call.variables:
        lines.append(signature + "{")
        lines.extend(_render_var(v) for v in call.variables)
        lines.append("  })" + suffix)
    else:
        lines.append(signature + ")" + suffix)
    envs = [v for v in call.variables if v.env and era == "2025"]
    lines.extend(f"    {v.name} ??= FFDevEnvironmentValues().{v.env};" for v in envs)
    if call.group is not None and modern:
        group_vars = call.group.variables
        if group_vars:
            lines.append(f"    final baseUrl = {call.group.cls}.getBaseUrl(")
            lines.extend(f"      {v.name}: {v.name}," for v in group_vars)
            lines.append("    );")
        else:
            lines.append(f"    final baseUrl = {call.group.cls}.getBaseUrl();")
        lines.append("")
    elif envs:
        lines.append("")
    lines.extend(f"    {line}" for line in call.pre_lines)
    body_var = "ffApiRequestBody" if modern else "body"
    if call.body is not None:
        lines.append(f"    final {body_var} = '''")
        lines.append(call.body + "''';")
    lines.append("    return ApiManager.instance.makeApiCall(")
    lines.append(_entry(6, "callName", _dq(call.call_name)))
    lines.append(_entry(6, "apiUrl", _dq(call.url(era))))
    lines.append(f"      callType: ApiCallType.{call.method},")
    spread = call.group is not None and era == "2023" and call.group.headers
    if call.headers or spread:
        lines.append("      headers: {")
        if spread:
            lines.append(f"        ...{call.group.cls}.headers,")
        lines.extend(_entry(8, _dq(k), _dq(v)) for k, v in call.headers)
        lines.append("      },")
    else:
        lines.append("      headers: {},")
    if call.params:
        lines.append("      params: {")
        lines.extend(_entry(8, _dq(k), v) for k, v in call.params)
        lines.append("      },")
    else:
        lines.append("      params: {},")
    if call.body is not None:
        lines.append(f"      body: {body_var},")
    if call.body_type:
        lines.append(f"      bodyType: BodyType.{call.body_type},")
    flag_names = ["returnBody"]
    if era != "2022":
        flag_names += ["encodeBodyUtf8", "decodeUtf8", "cache"]
    if modern:
        flag_names += ["isStreamingApi", "alwaysAllowBody"]
    for flag in flag_names:
        value = call.flags.get(flag, flag == "returnBody")
        lines.append(f"      {flag}: {'true' if value else 'false'},")
    lines.append("    );")
    lines.append("  }")
    if call.getters:
        lines.append("")
    for getter in call.getters:
        lines.extend(_render_getter(getter, static, typed=modern))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _render_group(group: _Group, era: str) -> str:
    lines = [f"/// Start {group.title} Group Code", "", f"class {group.cls} {{"]
    if era == "2023":
        line = f"  static String baseUrl = {_dq(group.base)};"
        lines.append(line if len(line) <= 80 else f"  static String baseUrl =\n      {_dq(group.base)};")
    else:
        envs = [v for v in group.variables if v.env and era == "2025"]
        if not group.variables:
            head = f"  static String getBaseUrl() => {_dq(group.base)};"
            lines.append(head if len(head) <= 80 else f"  static String getBaseUrl() =>\n      {_dq(group.base)};")
        else:
            lines.append("  static String getBaseUrl({")
            lines.extend(_render_var(v) for v in group.variables)
            if envs:
                lines.append("  }) {")
                lines.extend(f"    {v.name} ??= FFDevEnvironmentValues().{v.env};" for v in envs)
                lines.append(f"    return {_dq(group.base)};")
                lines.append("  }")
                lines.append("")
            else:
                lines.append("  }) =>")
                lines.append(f"      {_dq(group.base)};")
    if group.headers:
        lines.append("  static Map<String, String> headers = {")
        lines.extend(_entry(4, _dq(k), _dq(v)) for k, v in group.headers)
        lines.append("  };")
    else:
        lines.append("  static Map<String, String> headers = {};")
    for call in group.calls:
        field_name = call.cls[:1].lower() + call.cls[1:]
        line = f"  static {call.cls} {field_name} = {call.cls}();"
        lines.append(line if len(line) <= 80 else f"  static {call.cls} {field_name} =\n      {call.cls}();")
    lines.append("}")
    out = "\n".join(lines) + "\n\n"
    out += "\n".join(_render_call(c, era) for c in group.calls)
    return out + f"\n/// End {group.title} Group Code\n"


_IMPORTS = {
    "2022": (
        "import 'dart:convert';\nimport 'dart:typed_data';\n\n"
        "import '../../flutter_flow/flutter_flow_util.dart';\n\nimport 'api_manager.dart';\n\n"
        "export 'api_manager.dart' show ApiCallResponse;\n"
    ),
    "2023": (
        "import 'dart:convert';\nimport 'dart:typed_data';\n\n"
        "import '../../flutter_flow/flutter_flow_util.dart';\n\nimport 'api_manager.dart';\n\n"
        "export 'api_manager.dart' show ApiCallResponse;\n\nconst _kPrivateApiFunctionName = 'ffPrivateApiCall';\n"
    ),
    "2024": (
        "import 'dart:convert';\nimport 'dart:typed_data';\nimport '../schema/structs/index.dart';\n\n"
        "import 'package:flutter/foundation.dart';\n\nimport '/flutter_flow/flutter_flow_util.dart';\n"
        "import 'api_manager.dart';\n\nexport 'api_manager.dart' show ApiCallResponse;\n\n"
        "const _kPrivateApiFunctionName = 'ffPrivateApiCall';\n"
    ),
    "2025": (
        "import 'dart:convert';\nimport 'dart:typed_data';\nimport '../schema/structs/index.dart';\n\n"
        "import 'package:flutter/foundation.dart';\n\nimport '/flutter_flow/flutter_flow_util.dart';\n"
        "import 'package:ff_commons/api_requests/api_manager.dart';\n\n"
        "export 'package:ff_commons/api_requests/api_manager.dart' show ApiCallResponse;\n"
        "import '/environment_values.dart';\n\nconst _kPrivateApiFunctionName = 'ffPrivateApiCall';\n"
    ),
}

_PAGING = """class ApiPagingParams {
  int nextPageNumber = 0;
  int numItems = 0;
  dynamic lastResponse;

  ApiPagingParams({
    required this.nextPageNumber,
    required this.numItems,
    required this.lastResponse,
  });

  @override
  String toString() =>
      'PagingParams(nextPageNumber: $nextPageNumber, numItems: $numItems, lastResponse: $lastResponse,)';
}
"""

_SERIALIZE = """
String _toEncodable(dynamic item) {
  return item;
}

String _serializeList(List? list) {
  list ??= <String>[];
  try {
    return json.encode(list, toEncodable: _toEncodable);
  } catch (_) {
    if (kDebugMode) {
      print("List serialization failed. Returning empty list.");
    }
    return '[]';
  }
}

String _serializeJson(dynamic jsonVar, [bool isList = false]) {
  jsonVar ??= (isList ? [] : {});
  try {
    return json.encode(jsonVar, toEncodable: _toEncodable);
  } catch (_) {
    if (kDebugMode) {
      print("Json serialization failed. Returning empty json.");
    }
    return isList ? '[]' : '{}';
  }
}
"""

_ESCAPE = r"""
String? escapeStringForJson(String? input) {
  if (input == null) {
    return null;
  }
  return input
      .replaceAll('\\', '\\\\')
      .replaceAll('"', '\\"')
      .replaceAll('\n', '\\n')
      .replaceAll('\t', '\\t');
}
"""


def render_api_calls(groups: list[_Group], ungrouped: list[_Call], era: str) -> str:
    parts = [_IMPORTS[era]]
    parts.extend("\n" + _render_group(g, era) for g in groups)
    parts.extend("\n" + _render_call(c, era) for c in ungrouped)
    parts.append("\n" + _PAGING)
    if era != "2022":
        parts.append(_SERIALIZE)
    if era in ("2024", "2025"):
        parts.append(_ESCAPE)
    return "".join(parts)


# -- building a random API surface -----------------------------------------------------------------------------

_GROUP_HEADER_SETS = (
    [("Authorization", "Bearer [authToken]")],
    [("Authorization", "Bearer [authToken]"), ("Accept", "application/json")],
    [("x-api-key", "[apiKey]")],
    [("apikey", "[anonKey]"), ("Authorization", "Bearer [userJwt]")],
    [("Authorization", "Bearer [accessToken]"), ("X-Client-Version", "4.2.0")],
    [],
)
_EXTRA_HEADERS = (
    ("Accept-Language", "[locale]"),
    ("Prefer", "return=representation"),
    ("X-Request-Source", "mobile-app"),
    ("Accept", "application/json"),
)
# Group headers filled from an environment value (2025): header, group variable, environment key, value.
_ENV_HEADERS = (
    ("X-Api-Version", "apiVersion", "apiVersion", "2024-06-01"),
    ("Accept-Language", "locale", "defaultLocale", "en-US"),
    ("X-Client-Channel", "channel", "clientChannel", "mobile-app"),
)
# Query parameters that pad a call to its variable count (besides FIELDS); the int ones are typed int.
_PAD_PARAMS = _words(
    "limit offset page_size sort_by order_by search_term from_date to_date min_price max_price latitude longitude "
    "radius tag store_code region segment include_archived only_active cursor expand fields_mask device_kind"
)
_INT_PARAMS = frozenset({"limit", "offset", "page_size", "min_price", "max_price", "radius"})


class _ApiBuilder:
    def __init__(self, rng: random.Random, era: str, groups: int, calls: int, shape: Shape) -> None:
        self.rng = rng
        self.era = era
        self.shape = shape
        self.used_classes: set[str] = set()
        self.n_groups = groups if era != "2022" else 0
        self.n_calls = calls
        self.env_values: dict[str, str] = {}  # environment keys the shape added, with their values

    def _env_chance(self) -> bool:
        """Whether to take this value from the environment (2025 exports with an env share only)."""
        return self.era == "2025" and bool(self.shape.env_share) and self.rng.random() < self.shape.env_share

    def _unique(self, verb: str, noun: str) -> list[str]:
        """Call words not used yet: verb+noun, then with a qualifier, then with a second noun."""
        rng = self.rng
        for attempt in range(200):
            if attempt == 0:
                words = [verb, noun]
            elif attempt < 40:
                words = [verb, rng.choice(QUALIFIERS), noun]
            else:
                words = [verb, rng.choice(NOUNS), noun]
            if _pascal(words) + "Call" not in self.used_classes:
                self.used_classes.add(_pascal(words) + "Call")
                return words
        raise ValueError("too many calls for the vocabulary")

    def build(self) -> tuple[list[_Group], list[_Call]]:
        rng = self.rng
        titles = list(GROUP_WORDS)
        rng.shuffle(titles)
        group_objs: list[_Group] = []
        for index in range(self.n_groups):
            title = titles[index % len(titles)]
            while any(g.title == title for g in group_objs):
                title = rng.choice(QUALIFIERS).title() + titles[index % len(titles)]
            group_objs.append(self._group(title))
        # A few ungrouped calls (counted in `calls`); every group gets at least one call.
        n_ungrouped = max(1, self.n_calls // 25) if group_objs else self.n_calls
        n_ungrouped = min(n_ungrouped, self.n_calls - len(group_objs))
        for index in range(self.n_calls - n_ungrouped):
            group = group_objs[index] if index < len(group_objs) else rng.choice(group_objs)
            group.calls.append(self._call(group))
        ungrouped = [self._call(None) for _ in range(n_ungrouped)]
        return group_objs, ungrouped

    def _group(self, title: str) -> _Group:
        rng = self.rng
        headers = list(rng.choice(_GROUP_HEADER_SETS))
        variables = [_Var(name) for name in _placeholders(headers)]
        host = f"{rng.choice(HOST_WORDS)}-{title.lower()}"
        base = f"https://api.{host}.example/v{rng.randint(1, 3)}"
        if self.era == "2025" and rng.random() < 0.5:
            key = _camel([title.lower(), "host"])
            variables.insert(0, _Var(key, default=None, env=key))
            base = f"${{{key}}}/v{rng.randint(1, 3)}"
        if self._env_chance():
            header, name, key, value = rng.choice(_ENV_HEADERS)
            if all(k.lower() != header.lower() for k, _ in headers):
                headers.append((header, f"[{name}]"))
                variables.append(_Var(name, default=None, env=key))
                self.env_values[key] = value
        return _Group(f"{title}Group", title, base, headers, variables)

    def _call(self, group: _Group | None) -> _Call:
        rng = self.rng
        noun = rng.choice(NOUNS)
        method = rng.choices(["GET", "POST", "PUT", "PATCH", "DELETE"], [45, 30, 8, 10, 7])[0]
        verb = {
            "GET": rng.choice(["list", "get", "search", "fetch"]),
            "POST": rng.choice(["create", "submit", "add"]),
            "PUT": "replace",
            "PATCH": "update",
            "DELETE": rng.choice(["delete", "remove"]),
        }[method]
        words = self._unique(verb, _plural(noun) if verb in ("list", "search", "fetch") else noun)
        call_name = _camel(words)
        # Variables the call should end with; its own ones come before the group's copied ones.
        want = rng.randint(*self.shape.call_variables) if self.shape.call_variables else 0
        own_want = want - (len(group.variables) if group else 0)
        id_var = _Var(_camel([noun, "id"]))
        resource = "/" + _plural(noun).replace("_", "-")
        variables: list[_Var] = []
        params: list[tuple[str, str]] = []
        path = resource
        if verb in ("list", "search", "fetch"):
            for key in rng.sample(["page", "per_page", "sort", "q", "status", "since"], rng.randint(1, 3)):
                default = {"page": "1", "per_page": str(rng.choice([10, 20, 50]))}.get(key, "''")
                var = _Var(_camel([key]), "int" if "page" in key else "String", default=default)
                variables.append(var)
                params.append((key, var.name))
            if verb == "search":
                path += "/search"
        elif method != "POST":
            variables.append(id_var)
            path += f"/${{{id_var.name}}}"
        body = body_type = None
        pre: list[str] = []
        flags: dict[str, bool] = {}
        fields: list[str] = []
        if method in ("POST", "PUT", "PATCH") or (method == "DELETE" and rng.random() < 0.3):
            body_type = rng.choices(["JSON", "MULTIPART", "X_WWW_FORM_URL_ENCODED", "TEXT"], [70, 10, 10, 10])[0]
            if method == "DELETE":
                body_type, flags["alwaysAllowBody"] = "JSON", True
            if want and body_type == "JSON":
                # Most variables go into the body; an ungrouped call keeps one for its token header.
                fields = rng.sample(FIELDS, max(4, own_want - len(variables) - (group is None)))
            else:
                fields = rng.sample(FIELDS, rng.randint(4, 10))
            if body_type == "MULTIPART":
                upload = _Var(_camel([noun, "file"]), "FFUploadedFile", default=None)
                variables.append(upload)
                params.append(("file", upload.name))
                for name in fields[:2]:
                    var = _Var(_camel([name]))
                    variables.append(var)
                    params.append((name, var.name))
            elif body_type == "X_WWW_FORM_URL_ENCODED":
                for name in fields[:4]:
                    var = _Var(_camel([name]))
                    variables.append(var)
                    params.append((name, var.name))
            elif body_type == "TEXT":
                lines = []
                for name in fields[:3]:
                    var = _Var(_camel([name]))
                    variables.append(var)
                    lines.append(f"{name}: ${{{var.name}}}")
                body = "\n".join(lines)
            else:
                body, extra_vars, pre = self._json_body(fields)
                variables.extend(extra_vars)
        elif method == "DELETE" and rng.random() < 0.5:
            body_type = "NONE"
        # Header templates as typed in FlutterFlow ([x]); the export carries them substituted.
        if group is None:
            templates = [("Authorization", "Bearer [token]")] if rng.random() < 0.7 else []
        elif self.era == "2023":
            templates = [(k, v) for k, v in group.headers if "[" in v]  # overrides of the spread map
        else:
            templates = list(group.headers)  # 2024+: the group map copied into the call
        if rng.random() < 0.25:
            extra = rng.choice(_EXTRA_HEADERS)
            if all(k.lower() != extra[0].lower() for k, _ in templates):
                templates.append(extra)
        group_names = [v.name for v in group.variables] if group else []
        for name in _placeholders(templates):
            if name not in group_names and all(v.name != name for v in variables):
                variables.append(_Var(name))
        own = [(k, _substitute(v)) for k, v in templates]
        env_host = None
        if group is None and self._env_chance():
            key = _camel([noun, "api", "host"])
            env_host = _Var(key, default=None, env=key)
            variables.append(env_host)
        if want:
            # Body fields count too: a list field's local (final tags = _serializeList(tagsList)) takes its name.
            taken = {v.name for v in (*variables, *(group.variables if group else []))} | {_camel([f]) for f in fields}
            pool = [k for k in (*FIELDS, *_PAD_PARAMS) if _camel([k]) not in taken]
            for key in rng.sample(pool, max(0, own_want - len(variables))):
                var = _Var(_camel([key]), "int", default=None) if key in _INT_PARAMS else _Var(_camel([key]))
                variables.append(var)
                params.append((key, var.name))
        if group is not None:
            variables.extend(_Var(v.name, v.type, v.default, v.env) for v in group.variables)
        if rng.random() < 0.15:
            flags["cache"] = True
        if rng.random() < 0.1:
            flags["decodeUtf8"] = True
        if group is None:
            host = f"https://{rng.choice(HOST_WORDS)}-{rng.choice(NOUNS).replace('_', '-')}.example"
            if env_host is not None:
                self.env_values.setdefault(env_host.name, host)
                host = f"${{{env_host.name}}}"
            path = f"{host}/api{path}"
        getters = self._getters(noun, method)
        cls = _pascal(words) + "Call"
        return _Call(cls, call_name, method, path, group, own, params, body, body_type, variables, getters, pre, flags)

    def _json_body(self, fields: list[str]) -> tuple[str, list[_Var], list[str]]:
        rng = self.rng
        variables: list[_Var] = []
        pre: list[str] = []
        lines = []
        modern = self.era in ("2024", "2025")
        for index, name in enumerate(fields):
            var_name = _camel([name])
            choice = rng.random()
            if choice < 0.15:
                variables.append(_Var(var_name, "int", default=None))
                value = f"${{{var_name}}}"
            elif choice < 0.25:
                var = _Var(var_name + "List", "List<String>", default=None)
                variables.append(var)
                pre.append(f"final {var_name} = _serializeList({var.name});")
                value = f"${{{var_name}}}"
            elif choice < 0.3:
                variables.append(_Var(var_name, "bool", default=None))
                value = f"${{{var_name}}}"
            else:
                variables.append(_Var(var_name))
                escape = modern and rng.random() < self.shape.escape_share
                inner = f"escapeStringForJson({var_name})" if escape else var_name
                value = f'"${{{inner}}}"'
            comma = "," if index < len(fields) - 1 else ""
            lines.append(f'  "{name}": {value}{comma}')
        if pre:
            pre.append("")
        return "{\n" + "\n".join(lines) + "\n}", variables, pre

    def _getters(self, noun: str, method: str) -> list[_Getter]:
        rng = self.rng
        if self.shape.getters:
            count = rng.randint(*self.shape.getters)
        else:
            count = rng.randint(3, 7) if method == "GET" else rng.randint(2, 4)
        getters: list[_Getter] = []
        for _ in range(count):
            kind = rng.choice(["dynamic", "list", "string", "int", "bool", "strings"])
            field_name = rng.choice(FIELDS)
            if kind == "list":
                name, path = _camel([_plural(noun)]), "$.data"
            elif kind == "strings":
                name, path = _camel([field_name, "list"]), f"$.data[:].{field_name}"
            else:
                name = _camel([noun, field_name])
                path = rng.choice([f"$.data.{field_name}", f"$.{field_name}", f"$.data[0].{field_name}"])
            if all(g.name != name for g in getters):
                getters.append(_Getter(name, path, kind))
        return getters


def _placeholders(headers: list[tuple[str, str]]) -> list[str]:
    names: list[str] = []
    for _, value in headers:
        rest = value
        while "[" in rest and "]" in rest:
            _, _, after = rest.partition("[")
            name, _, rest = after.partition("]")
            if name not in names:
                names.append(name)
    return names


# -- API manager and environment files -------------------------------------------------------------------------


def _api_manager(era: str) -> str:
    """A compact API manager with the era's Content-Type semantics (docs §3)."""
    overwrite = era == "2022"
    set_header = (
        "    // The body type decides the Content-Type header.\n    if (contentType != null) {\n"
        "      headers['Content-Type'] = contentType;\n    }\n"
        if overwrite
        else '    // Set "Content-Type" header if it was previously unset.\n    if (contentType != null &&\n'
        "        !headers.keys.any((h) => h.toLowerCase() == 'content-type')) {\n"
        "      headers['Content-Type'] = contentType;\n    }\n"
    )
    extra = "" if era in ("2022", "2023") else "    bool isStreamingApi = false,\n    bool alwaysAllowBody = false,\n"
    return (
        "import 'dart:convert';\nimport 'dart:core';\n\nimport 'package:http/http.dart' as http;\n\n"
        "enum ApiCallType {\n  GET,\n  POST,\n  DELETE,\n  PUT,\n  PATCH,\n}\n\n"
        "enum BodyType {\n  NONE,\n  JSON,\n  TEXT,\n  X_WWW_FORM_URL_ENCODED,\n  MULTIPART,\n}\n\n"
        "class ApiCallResponse {\n  const ApiCallResponse(this.jsonBody, this.headers, this.statusCode);\n"
        "  final dynamic jsonBody;\n  final Map<String, String> headers;\n  final int statusCode;\n\n"
        "  bool get succeeded => statusCode >= 200 && statusCode < 300;\n}\n\n"
        "class ApiManager {\n  ApiManager._();\n\n  static ApiManager? _instance;\n"
        "  static ApiManager get instance => _instance ??= ApiManager._();\n\n"
        "  static Map<String, String> toStringMap(Map map) =>\n"
        "      map.map((key, value) => MapEntry(key.toString(), value.toString()));\n\n"
        "  static dynamic createBody(\n    Map<String, dynamic> headers,\n    Map<String, dynamic>? params,\n"
        "    String? body,\n    BodyType? bodyType,\n  ) {\n    String? contentType;\n    dynamic postBody;\n"
        "    switch (bodyType) {\n      case BodyType.JSON:\n        contentType = 'application/json';\n"
        "        postBody = body ?? json.encode(params ?? {});\n        break;\n      case BodyType.TEXT:\n"
        "        contentType = 'text/plain';\n        postBody = body ?? json.encode(params ?? {});\n        break;\n"
        "      case BodyType.X_WWW_FORM_URL_ENCODED:\n        contentType = 'application/x-www-form-urlencoded';\n"
        "        postBody = toStringMap(params ?? {});\n        break;\n      case BodyType.MULTIPART:\n"
        "        contentType = 'multipart/form-data';\n        postBody = params;\n        break;\n"
        "      case BodyType.NONE:\n      case null:\n        break;\n    }\n"
        + set_header
        + "    return postBody;\n  }\n\n"
        "  Future<ApiCallResponse> makeApiCall({\n    required String callName,\n    required String apiUrl,\n"
        "    required ApiCallType callType,\n    Map<String, dynamic> headers = const {},\n"
        "    Map<String, dynamic> params = const {},\n    String? body,\n    BodyType? bodyType,\n"
        "    bool returnBody = true,\n    bool encodeBodyUtf8 = false,\n    bool decodeUtf8 = false,\n"
        "    bool cache = false,\n"
        + extra
        + "  }) async {\n    final postBody = createBody(headers, params, body, bodyType);\n"
        "    final request = http.Request(callType.name, Uri.parse(apiUrl))\n"
        "      ..headers.addAll(toStringMap(headers));\n"
        "    if (postBody is String) {\n      request.body = postBody;\n    }\n"
        "    final response = await http.Response.fromStream(await request.send());\n"
        "    return ApiCallResponse(\n      returnBody ? json.decode(response.body) : null,\n"
        "      response.headers,\n      response.statusCode,\n    );\n  }\n}\n"
    )


def _environment_files(values: dict[str, object]) -> tuple[str, str]:
    """environment_values.dart and environment.json (flat object, indented a little unevenly on purpose)."""
    dart_types = {bool: ("bool", "false"), int: ("int", "0"), str: ("String", "''")}
    assigns = "\n".join(f"      _{k} = data['{k}'];" for k in values)
    getters = "\n\n".join(
        f"  {dart_types[type(v)][0]} _{k} = {dart_types[type(v)][1]};\n  {dart_types[type(v)][0]} get {k} => _{k};"
        for k, v in values.items()
    )
    dart = (
        "import 'dart:convert';\nimport 'package:flutter/services.dart';\nimport 'package:flutter/foundation.dart';\n\n"
        "class FFDevEnvironmentValues {\n  static const String currentEnvironment = 'Production';\n"
        "  static const String environmentValuesPath =\n      'assets/environment_values/environment.json';\n\n"
        "  static final FFDevEnvironmentValues _instance =\n      FFDevEnvironmentValues._internal();\n\n"
        "  factory FFDevEnvironmentValues() {\n    return _instance;\n  }\n\n"
        "  FFDevEnvironmentValues._internal();\n\n  Future<void> initialize() async {\n    try {\n"
        "      final String response =\n          await rootBundle.loadString(environmentValuesPath);\n"
        "      final data = await json.decode(response);\n" + assigns + "\n    } catch (e) {\n"
        "      print('Error loading environment values: $e');\n    }\n  }\n\n" + getters + "\n}\n"
    )
    items = [f"{'  ' if i % 3 else '    '}{json.dumps(k)}: {json.dumps(v)}" for i, (k, v) in enumerate(values.items())]
    return dart, "{\n" + ",\n".join(items) + "\n}\n"


# -- call sites: widgets calling the API calls -----------------------------------------------------------------


@dataclass
class _Site:
    """One use of an API call in a widget: an action keeping the response in the model, or a FutureBuilder."""

    call: _Call
    arguments: list[tuple[str, str]]  # parameter, Dart expression
    result: str | None  # the model field an action stores the response in; None for a FutureBuilder

    @property
    def target(self) -> str:
        """What ``.call(`` is invoked on: the group's field for a group call, the class for an ungrouped one."""
        if self.call.group is None:
            return self.call.cls
        return f"{self.call.group.cls}.{self.call.cls[:1].lower()}{self.call.cls[1:]}"


_TOKEN_NAMES = frozenset({"token", "authToken", "accessToken", "userJwt", "apiKey", "anonKey"})


def _argument(rng: random.Random, var: _Var) -> str:
    """What an action passes for ``var``: app state, a form field, a page parameter or a literal."""
    if var.name in _TOKEN_NAMES:
        return rng.choice(["FFAppState().authToken", "currentAuthenticationToken", "currentJwtToken"])
    if var.type == "int":
        return rng.choice([str(rng.randint(1, 50)), "_model.pageIndex", "valueOrDefault<int>(_model.countValue, 0)"])
    if var.type == "bool":
        return rng.choice(["true", "false", "_model.switchValue!"])
    if var.type == "List<String>":
        return rng.choice(["_model.choiceChipsValues", "FFAppState().selectedTags"])
    if var.type == "FFUploadedFile":
        return "_model.uploadedLocalFile"
    if var.name.endswith("Id"):
        return f"widget!.{var.name}"
    return rng.choice(
        [
            f"_model.{var.name}TextController.text",
            "_model.dropDownValue",
            _dq(rng.choice(QUALIFIERS)),
            "currentUserUid",
            f"FFAppState().{var.name}",
        ]
    )


def _site(rng: random.Random, call: _Call, results: set[str]) -> _Site:
    """A call site passing every variable (a quarter of them), some (most) or none; ``results`` are the model
    fields the widget already uses."""
    passable = [v for v in call.variables if v.env is None]  # environment-valued ones keep their default
    roll = rng.random()
    if roll < 0.25:
        chosen = passable
    elif roll < 0.9:
        chosen = [v for v in passable if rng.random() < 0.5]
    else:
        chosen = []
    arguments = [(v.name, _argument(rng, v)) for v in chosen]
    if call.method == "GET" and rng.random() < 0.4:
        return _Site(call, arguments, None)
    result = ""
    while not result or result in results:
        result = "apiResult" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=3))
    results.add(result)
    return _Site(call, arguments, result)


def _plan_sites(rng: random.Random, calls: list[_Call], widgets: int, shape: Shape) -> list[list[_Site]]:
    """Call sites of each widget file: every called call at least once, a widget holding one to four."""
    plan: list[list[_Site]] = [[] for _ in range(widgets)]
    called = rng.sample(calls, round(len(calls) * shape.called_share))
    holders = rng.sample(range(widgets), round(widgets * shape.site_widgets))
    if not called or not holders:
        return plan
    slots = [w for w in holders for _ in range(rng.randint(1, 4))]
    rng.shuffle(slots)
    slots += rng.choices(holders, k=max(0, len(called) - len(slots)))
    results: dict[int, set[str]] = {}
    for index, widget in enumerate(slots):
        call = called[index] if index < len(called) else rng.choice(called)
        plan[widget].append(_site(rng, call, results.setdefault(widget, set())))
    return plan


# -- bulk Dart: pages, components, structs ---------------------------------------------------------------------


class _DartWriter:
    """Realistic FlutterFlow widget, model and struct files of a requested size."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.counter = 0

    def phrase(self, lo: int = 2, hi: int = 5) -> str:
        text = " ".join(self.rng.choices(WORDS, k=self.rng.randint(lo, hi)))
        return text[:1].upper() + text[1:]

    def _text(self, ind: str) -> str:
        rng = self.rng
        style = rng.choice(["bodyMedium", "bodyLarge", "titleMedium", "labelMedium", "headlineSmall"])
        return (
            f"{ind}Text(\n{ind}  '{self.phrase()}',\n{ind}  style: FlutterFlowTheme.of(context).{style}.override(\n"
            f"{ind}        fontFamily: 'Inter',\n"
            f"{ind}        color: FlutterFlowTheme.of(context).{rng.choice(COLORS)},\n"
            f"{ind}        letterSpacing: 0.0,\n{ind}      ),\n{ind}),\n"
        )

    def _leaf(self, ind: str) -> str:
        rng = self.rng
        self.counter += 1
        choice = rng.randrange(6)
        if choice == 0:
            return self._text(ind)
        if choice == 1:
            return (
                f"{ind}Icon(\n{ind}  Icons.{rng.choice(ICONS)},\n"
                f"{ind}  color: FlutterFlowTheme.of(context).{rng.choice(COLORS)},\n"
                f"{ind}  size: {rng.choice([16, 20, 24, 28])}.0,\n{ind}),\n"
            )
        if choice == 2:
            return (
                f"{ind}FFButtonWidget(\n{ind}  onPressed: () async {{\n"
                f"{ind}    context.pushNamed('{_pascal([rng.choice(NOUNS), 'page'])}');\n{ind}  }},\n"
                f"{ind}  text: '{self.phrase(1, 3)}',\n{ind}  options: FFButtonOptions(\n{ind}    height: 40.0,\n"
                f"{ind}    padding: EdgeInsetsDirectional.fromSTEB(16.0, 0.0, 16.0, 0.0),\n"
                f"{ind}    color: FlutterFlowTheme.of(context).{rng.choice(COLORS)},\n"
                f"{ind}    textStyle: FlutterFlowTheme.of(context).titleSmall.override(\n"
                f"{ind}          fontFamily: 'Inter',\n{ind}          color: Colors.white,\n"
                f"{ind}          letterSpacing: 0.0,\n{ind}        ),\n{ind}    elevation: 0.0,\n"
                f"{ind}    borderRadius: BorderRadius.circular(8.0),\n{ind}  ),\n{ind}),\n"
            )
        if choice == 3:
            n = self.counter
            return (
                f"{ind}TextFormField(\n{ind}  controller: _model.textController{n % 9 + 1},\n"
                f"{ind}  focusNode: _model.textFieldFocusNode{n % 9 + 1},\n{ind}  autofocus: false,\n"
                f"{ind}  obscureText: false,\n{ind}  decoration: InputDecoration(\n"
                f"{ind}    labelText: '{self.phrase(1, 2)}',\n"
                f"{ind}    hintText: '{self.phrase(2, 4)}',\n{ind}    enabledBorder: OutlineInputBorder(\n"
                f"{ind}      borderSide: BorderSide(\n{ind}        color: FlutterFlowTheme.of(context).alternate,\n"
                f"{ind}        width: 2.0,\n{ind}      ),\n{ind}      borderRadius: BorderRadius.circular(8.0),\n"
                f"{ind}    ),\n{ind}  ),\n{ind}  style: FlutterFlowTheme.of(context).bodyMedium,\n"
                f"{ind}  validator: _model.textController{n % 9 + 1}Validator.asValidator(context),\n{ind}),\n"
            )
        if choice == 4:
            return (
                f"{ind}ClipRRect(\n{ind}  borderRadius: BorderRadius.circular(8.0),\n{ind}  child: Image.network(\n"
                f"{ind}    'https://picsum.photos/seed/{rng.randint(10, 999)}/600',\n"
                f"{ind}    width: double.infinity,\n{ind}    height: {rng.choice([120, 160, 200])}.0,\n"
                f"{ind}    fit: BoxFit.cover,\n{ind}  ),\n{ind}),\n"
            )
        return (
            f"{ind}Divider(\n{ind}  thickness: 1.0,\n{ind}  color: FlutterFlowTheme.of(context).alternate,\n{ind}),\n"
        )

    def block(self, ind: str, depth: int = 0) -> str:
        rng = self.rng
        if depth >= 3 or rng.random() < 0.3:
            return self._leaf(ind)
        kind = rng.choice(["Column", "Row", "Padding", "Container"])
        inner = ind + "    "
        if kind in ("Column", "Row"):
            kids = "".join(self.block(inner, depth + 1) for _ in range(rng.randint(2, 4)))
            align = "MainAxisAlignment.spaceBetween" if kind == "Row" else "MainAxisAlignment.start"
            return (
                f"{ind}{kind}(\n{ind}  mainAxisSize: MainAxisSize.max,\n{ind}  mainAxisAlignment: {align},\n"
                f"{ind}  children: [\n{kids}{ind}  ],\n{ind}),\n"
            )
        child = self.block(ind + "  ", depth + 1).lstrip()
        if kind == "Padding":
            edges = ", ".join(f"{rng.choice([0, 4, 8, 12, 16, 24])}.0" for _ in range(4))
            return (
                f"{ind}Padding(\n{ind}  padding: EdgeInsetsDirectional.fromSTEB({edges}),\n"
                f"{ind}  child: {child}{ind}),\n"
            )
        return (
            f"{ind}Container(\n{ind}  width: double.infinity,\n{ind}  decoration: BoxDecoration(\n"
            f"{ind}    color: FlutterFlowTheme.of(context).secondaryBackground,\n"
            f"{ind}    borderRadius: BorderRadius.circular({rng.choice([8, 12, 16, 24])}.0),\n{ind}  ),\n"
            f"{ind}  child: {child}{ind}),\n"
        )

    def call_site(self, site: _Site, ind: str) -> str:
        """A button whose action awaits the call, or a FutureBuilder showing one of the response's fields."""
        rng = self.rng
        if site.result is None:
            args = "".join(f"{ind}    {name}: {value},\n" for name, value in site.arguments)
            future = f"{site.target}.call(\n{args}{ind}  )" if args else f"{site.target}.call()"
            local = f"text{site.call.cls.removesuffix('Call')}Response"
            getter = rng.choice(site.call.getters) if site.call.getters else None
            value = (
                f"{site.target}.{getter.name}({local}.jsonBody)?.toString()"
                if getter
                else f"getJsonField({local}.jsonBody, r'''$.data''').toString()"
            )
            return (
                f"{ind}FutureBuilder<ApiCallResponse>(\n{ind}  future: {future},\n"
                f"{ind}  builder: (context, snapshot) {{\n"
                f"{ind}    // Customize what your widget looks like when it's loading.\n"
                f"{ind}    if (!snapshot.hasData) {{\n{ind}      return Center(\n{ind}        child: SizedBox(\n"
                f"{ind}          width: 50.0,\n{ind}          height: 50.0,\n"
                f"{ind}          child: CircularProgressIndicator(\n"
                f"{ind}            valueColor: AlwaysStoppedAnimation<Color>(\n"
                f"{ind}              FlutterFlowTheme.of(context).primary,\n{ind}            ),\n"
                f"{ind}          ),\n{ind}        ),\n{ind}      );\n{ind}    }}\n"
                f"{ind}    final {local} = snapshot.data!;\n\n{ind}    return Text(\n"
                f"{ind}      valueOrDefault<String>(\n{ind}        {value},\n{ind}        {_dq(self.phrase())},\n"
                f"{ind}      ),\n{ind}      style: FlutterFlowTheme.of(context).bodyMedium,\n{ind}    );\n"
                f"{ind}  }},\n{ind}),\n"
            )
        # Inside the action: dart format moves the awaited call to its own line when the line is too long.
        head = f"{ind}    _model.{site.result} = await {site.target}.call("
        if len(head) > 80:
            head = f"{ind}    _model.{site.result} =\n{ind}        await {site.target}.call("
        if site.arguments:
            args = "".join(f"{ind}      {name}: {value},\n" for name, value in site.arguments)
            call = f"{head}\n{args}{ind}    );\n"
        else:
            call = f"{head});\n"
        return (
            f"{ind}FFButtonWidget(\n{ind}  onPressed: () async {{\n{call}\n"
            f"{ind}    if ((_model.{site.result}?.succeeded ?? true)) {{\n"
            f"{ind}      ScaffoldMessenger.of(context).showSnackBar(\n{ind}        SnackBar(\n"
            f"{ind}          content: Text(\n{ind}            {_dq(self.phrase())},\n"
            f"{ind}            style: TextStyle(\n"
            f"{ind}              color: FlutterFlowTheme.of(context).primaryText,\n{ind}            ),\n"
            f"{ind}          ),\n{ind}          duration: Duration(milliseconds: 4000),\n"
            f"{ind}          backgroundColor: FlutterFlowTheme.of(context).secondary,\n{ind}        ),\n"
            f"{ind}      );\n{ind}    }}\n\n{ind}    safeSetState(() {{}});\n{ind}  }},\n"
            f"{ind}  text: {_dq(self.phrase(1, 3))},\n{ind}  options: FFButtonOptions(\n{ind}    height: 40.0,\n"
            f"{ind}    color: FlutterFlowTheme.of(context).primary,\n"
            f"{ind}    textStyle: FlutterFlowTheme.of(context).titleSmall,\n{ind}  ),\n{ind}),\n"
        )

    def widget(self, pascal: str, snake: str, target: int, page: bool, sites: Sequence[_Site] = ()) -> str:
        head = (
            ("import '/backend/api_requests/api_calls.dart';\n" if sites else "")
            + "import '/flutter_flow/flutter_flow_theme.dart';\nimport '/flutter_flow/flutter_flow_util.dart';\n"
            "import '/flutter_flow/flutter_flow_widgets.dart';\nimport 'package:flutter/material.dart';\n"
            "import 'package:google_fonts/google_fonts.dart';\nimport 'package:provider/provider.dart';\n"
            f"import '{snake}_model.dart';\nexport '{snake}_model.dart';\n\n"
            f"class {pascal}Widget extends StatefulWidget {{\n  const {pascal}Widget({{super.key}});\n\n"
        )
        if page:
            head += (
                f"  static String routeName = '{pascal}';\n"
                f"  static String routePath = '/{pascal[:1].lower() + pascal[1:]}';\n\n"
            )
        head += (
            f"  @override\n  State<{pascal}Widget> createState() => _{pascal}WidgetState();\n}}\n\n"
            f"class _{pascal}WidgetState extends State<{pascal}Widget> {{\n  late {pascal}Model _model;\n\n"
            + ("  final scaffoldKey = GlobalKey<ScaffoldState>();\n\n" if page else "")
            + "  @override\n  void initState() {\n    super.initState();\n"
            f"    _model = createModel(context, () => {pascal}Model());\n  }}\n\n"
            "  @override\n  void dispose() {\n    _model.dispose();\n\n    super.dispose();\n  }\n\n"
            "  @override\n  Widget build(BuildContext context) {\n"
        )
        if page:
            head += (
                "    return GestureDetector(\n      onTap: () => FocusScope.of(context).unfocus(),\n"
                "      child: Scaffold(\n        key: scaffoldKey,\n"
                "        backgroundColor: FlutterFlowTheme.of(context).primaryBackground,\n"
                "        appBar: AppBar(\n          backgroundColor: FlutterFlowTheme.of(context).primary,\n"
                f"          title: Text(\n            '{self.phrase(1, 3)}',\n"
                "            style: FlutterFlowTheme.of(context).headlineMedium,\n          ),\n"
                "          centerTitle: false,\n          elevation: 2.0,\n        ),\n"
                "        body: SafeArea(\n          top: true,\n          child: SingleChildScrollView(\n"
                "            child: Column(\n              mainAxisSize: MainAxisSize.max,\n              children: [\n"
            )
            tail = "              ],\n            ),\n          ),\n        ),\n      ),\n    );\n  }\n}\n"
            ind = " " * 16
        else:
            head += "    return Column(\n      mainAxisSize: MainAxisSize.max,\n      children: [\n"
            tail = "      ],\n    );\n  }\n}\n"
            ind = " " * 8
        parts = [head]
        size = len(head) + len(tail)
        pending = [self.call_site(site, ind) for site in sites]
        while size < target:
            # Small leaves near the end keep the file close to its target size.
            chunk = self.block(ind) if target - size > 4000 else self._leaf(ind)
            parts.append(chunk)
            size += len(chunk)
            if pending:  # call sites spread between the blocks
                parts.append(pending.pop())
                size += len(parts[-1])
        parts.extend(pending)
        parts.append(tail)
        return "".join(parts)

    def model(self, pascal: str, snake: str, fields: int, results: Sequence[tuple[str, str]] = ()) -> str:
        """The widget's model; ``results`` are (field, callName) of actions keeping an API response."""
        decls, disposes = [], []
        for n in range(1, fields + 1):
            decls.append(
                f"  // State field(s) for TextField widget.\n  FocusNode? textFieldFocusNode{n};\n"
                f"  TextEditingController? textController{n};\n"
                f"  String? Function(BuildContext, String?)? textController{n}Validator;\n"
            )
            disposes.append(f"    textFieldFocusNode{n}?.dispose();\n    textController{n}?.dispose();\n")
        kept = "".join(
            f"  // Stores action output result for [Backend Call - API ({name})] action in Button widget.\n"
            f"  ApiCallResponse? {field_name};\n"
            for field_name, name in results
        )
        return (
            ("import '/backend/api_requests/api_calls.dart';\n" if results else "")
            + f"import '/flutter_flow/flutter_flow_util.dart';\nimport '{snake}_widget.dart' show {pascal}Widget;\n"
            "import 'package:flutter/material.dart';\n\n"
            f"class {pascal}Model extends FlutterFlowModel<{pascal}Widget> {{\n"
            "  ///  State fields for stateful widgets in this page.\n\n"
            + kept
            + "".join(decls)
            + "\n  @override\n  void initState(BuildContext context) {}\n\n  @override\n  void dispose() {\n"
            + "".join(disposes)
            + "  }\n}\n"
        )

    def struct(self, pascal: str, target: int) -> str:
        rng = self.rng
        names = rng.sample(FIELDS, min(len(FIELDS), max(3, target // 700)))
        types = {n: rng.choice(["String", "int", "double", "bool"]) for n in names}
        fallback = {"String": "''", "int": "0", "double": "0.0", "bool": "false"}
        ctor = "".join(f"    {types[n]}? {_camel([n])},\n" for n in names)
        init = ",\n        ".join(f"_{_camel([n])} = {_camel([n])}" for n in names)
        body = "".join(
            f'\n  // "{n}" field.\n  {types[n]}? _{_camel([n])};\n'
            f"  {types[n]} get {_camel([n])} => _{_camel([n])} ?? {fallback[types[n]]};\n"
            f"  set {_camel([n])}({types[n]}? val) => _{_camel([n])} = val;\n\n"
            f"  bool has{_pascal([n])}() => _{_camel([n])} != null;\n"
            for n in names
        )
        from_map = "".join(f"        {_camel([n])}: data['{n}'] as {types[n]}?,\n" for n in names)
        to_map = "".join(f"        '{n}': _{_camel([n])},\n" for n in names)
        return (
            "// ignore_for_file: unnecessary_getters_setters\n\n"
            "import '/backend/schema/util/schema_util.dart';\n\nimport 'index.dart';\n"
            "import '/flutter_flow/flutter_flow_util.dart';\n\n"
            f"class {pascal}Struct extends BaseStruct {{\n  {pascal}Struct({{\n{ctor}  }})  : {init};\n{body}\n"
            f"  static {pascal}Struct fromMap(Map<String, dynamic> data) => {pascal}Struct(\n{from_map}      );\n\n"
            f"  Map<String, dynamic> toMap() => {{\n{to_map}      }}.withoutNulls;\n\n"
            f"  @override\n  String toString() => '{pascal}Struct(${{toMap()}})';\n}}\n"
        )


# -- the export ------------------------------------------------------------------------------------------------


def _credential_use(kind: str, ref: str) -> tuple[str, str]:
    """How a key of this kind is sent: (URL query suffix, header line) with ``ref`` interpolated."""
    if kind == "google":
        return f"?key={ref}", ""
    if kind == "supabase":
        return "", f"'apikey': '{ref}',"
    return "", f"'Authorization': 'Bearer {ref}',"


def _custom_action(name: str, secret: tuple[str, str] | None, rng: random.Random) -> str:
    """A custom action with a raw http.post (Content-Type set explicitly, as hand-written code must)."""
    host = f"https://hooks.{rng.choice(HOST_WORDS)}-app.example/{name.replace('_', '-')}"
    key_line, query, auth = "", "", ""
    if secret:
        key_line = f"const _kServiceKey = '{secret[1]}';\n\n"
        query, header = _credential_use(secret[0], "$_kServiceKey")
        auth = f"      {header}\n" if header else ""
    func = _camel(name.split("_"))
    return (
        "// Automatic FlutterFlow imports\nimport '/flutter_flow/flutter_flow_theme.dart';\n"
        "import '/flutter_flow/flutter_flow_util.dart';\nimport 'index.dart'; // Imports other custom actions\n"
        "import 'package:flutter/material.dart';\n// Begin custom action code\n"
        "// DO NOT REMOVE OR MODIFY THE CODE ABOVE!\n\n"
        "import 'dart:convert';\nimport 'package:http/http.dart' as http;\n\n"
        + key_line
        + f"Future<bool> {func}(String payload) async {{\n  final response = await http.post(\n"
        f"    Uri.parse('{host}{query}'),\n    headers: {{\n      'Content-Type': 'application/json',\n{auth}    }},\n"
        "    body: jsonEncode({'payload': payload}),\n  );\n  return response.statusCode == 200;\n}\n"
    )


def _page_with_secret(pascal: str, snake: str, kind: str, secret: str) -> str:
    """A page holding a key: a place picker for Google keys, else a button posting with the key inline."""
    head = (
        "import '/flutter_flow/flutter_flow_place_picker.dart';\nimport '/flutter_flow/flutter_flow_theme.dart';\n"
        "import '/flutter_flow/flutter_flow_widgets.dart';\nimport '/flutter_flow/place.dart';\n"
        "import 'package:flutter/material.dart';\nimport 'package:http/http.dart' as http;\n"
        f"import '{snake}_model.dart';\nexport '{snake}_model.dart';\n\n"
        f"class {pascal}Widget extends StatefulWidget {{\n  const {pascal}Widget({{super.key}});\n\n"
        f"  @override\n  State<{pascal}Widget> createState() => _{pascal}WidgetState();\n}}\n\n"
        f"class _{pascal}WidgetState extends State<{pascal}Widget> {{\n  late {pascal}Model _model;\n\n"
        f"  @override\n  void initState() {{\n    super.initState();\n"
        f"    _model = createModel(context, () => {pascal}Model());\n  }}\n\n"
        "  @override\n  Widget build(BuildContext context) {\n"
    )
    if kind == "google":
        return head + (
            "    return FlutterFlowPlacePicker(\n"
            f"      iOSGoogleMapsApiKey: '{secret}',\n      androidGoogleMapsApiKey: '',\n"
            "      webGoogleMapsApiKey: '',\n      onSelect: (place) async {\n"
            "        safeSetState(() => _model.placePickerValue = place);\n      },\n"
            "      defaultText: 'Select Location',\n      icon: Icon(\n        Icons.place,\n"
            "        color: FlutterFlowTheme.of(context).info,\n        size: 16.0,\n      ),\n"
            "      buttonOptions: FFButtonOptions(\n        width: 200.0,\n        height: 40.0,\n"
            "        color: FlutterFlowTheme.of(context).primary,\n      ),\n    );\n  }\n}\n"
        )
    _, header = _credential_use(kind, secret)
    return head + (
        "    return FFButtonWidget(\n      onPressed: () async {\n        await http.post(\n"
        "          Uri.parse('https://api.partner-service.example/v1/events'),\n          headers: {\n"
        f"            {header}\n            'Content-Type': 'application/json',\n          }},\n"
        "          body: '{\"source\": \"app\"}',\n        );\n      },\n      text: 'Send',\n"
        "      options: FFButtonOptions(\n        height: 40.0,\n"
        "        color: FlutterFlowTheme.of(context).primary,\n      ),\n    );\n  }\n}\n"
    )


_STATIC_TEXT = {
    "analysis_options.yaml": "include: package:flutter_lints/flutter.yaml\n\nanalyzer:\n  errors:\n"
    "    invalid_annotation_target: ignore\n",
    "android/build.gradle": "allprojects {\n    repositories {\n        google()\n        mavenCentral()\n    }\n}\n\n"
    "rootProject.buildDir = '../build'\n",
    "android/settings.gradle": "include ':app'\n",
    "android/gradle.properties": "org.gradle.jvmargs=-Xmx4G\nandroid.useAndroidX=true\nandroid.enableJetifier=true\n",
    "ios/Podfile": "platform :ios, '14.0'\n\nENV['COCOAPODS_DISABLE_STATS'] = 'true'\n\ntarget 'Runner' do\n"
    "  use_frameworks!\n  use_modular_headers!\nend\n",
    "ios/Runner/AppDelegate.swift": "import UIKit\nimport Flutter\n\n"
    "@main\n@objc class AppDelegate: FlutterAppDelegate {\n"
    "  override func application(\n    _ application: UIApplication,\n"
    "    didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?\n  ) -> Bool {\n"
    "    GeneratedPluginRegistrant.register(with: self)\n"
    "    return super.application(application, didFinishLaunchingWithOptions: launchOptions)\n  }\n}\n",
}


def _fixed_text(package: str, title: str, era: str) -> dict[str, str]:
    files = dict(_STATIC_TEXT)
    deps = "  ff_commons: 0.1.4\n" if era == "2025" else ""
    files["pubspec.yaml"] = (
        f"name: {package}\ndescription: A new Flutter project.\n\npublish_to: 'none'\n\nversion: 1.0.0+1\n\n"
        "environment:\n  sdk: '>=3.0.0 <4.0.0'\n\ndependencies:\n  flutter:\n    sdk: flutter\n"
        + deps
        + "  google_fonts: 6.1.0\n  http: 1.2.0\n  provider: 6.1.2\n\ndev_dependencies:\n  flutter_test:\n"
        "    sdk: flutter\n\nflutter:\n  uses-material-design: true\n  assets:\n    - assets/images/\n"
        "    - assets/jsons/\n    - assets/environment_values/\n"
    )
    files["README.md"] = f"# {title}\n\nA new Flutter project, exported from FlutterFlow.\n"
    files["android/app/build.gradle"] = (
        'plugins {\n    id "com.android.application"\n    id "kotlin-android"\n'
        '    id "dev.flutter.flutter-gradle-plugin"\n}\n\nandroid {\n'
        f'    namespace "com.example.{package}"\n    compileSdkVersion 34\n\n    defaultConfig {{\n'
        f'        applicationId "com.example.{package}"\n        minSdkVersion 23\n        targetSdkVersion 34\n'
        "    }\n}\n"
    )
    files["android/app/src/main/AndroidManifest.xml"] = (
        '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n'
        '    <uses-permission android:name="android.permission.INTERNET"/>\n'
        f'    <application\n        android:label="{title}"\n        android:name="${{applicationName}}"\n'
        '        android:icon="@mipmap/ic_launcher">\n        <activity\n            android:name=".MainActivity"\n'
        '            android:exported="true"\n            android:launchMode="singleTop">\n'
        '            <intent-filter>\n                <action android:name="android.intent.action.MAIN"/>\n'
        '                <category android:name="android.intent.category.LAUNCHER"/>\n'
        "            </intent-filter>\n        </activity>\n    </application>\n</manifest>\n"
    )
    files["ios/Runner/Info.plist"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
        f"\t<key>CFBundleDisplayName</key>\n\t<string>{title}</string>\n"
        "\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n</dict>\n</plist>\n"
    )
    files["web/index.html"] = (
        f'<!DOCTYPE html>\n<html>\n<head>\n  <base href="$FLUTTER_BASE_HREF">\n  <meta charset="UTF-8">\n'
        f'  <title>{title}</title>\n  <link rel="manifest" href="manifest.json">\n</head>\n<body>\n'
        '  <script src="flutter_bootstrap.js" async></script>\n</body>\n</html>\n'
    )
    files["web/manifest.json"] = (
        json.dumps({"name": title, "short_name": title, "start_url": ".", "display": "standalone"}, indent=4) + "\n"
    )
    return files


_SUPPORT_DART = {
    "lib/flutter_flow/flutter_flow_util.dart": (
        "import 'package:flutter/material.dart';\n\nexport 'lat_lng.dart';\nexport 'place.dart';\n"
        "export 'uploaded_file.dart';\nexport 'flutter_flow_model.dart';\n\n"
        "T valueOrDefault<T>(T? value, T defaultValue) =>\n    (value is String && value.isEmpty) || value == null\n"
        "        ? defaultValue\n        : value;\n\n"
        "dynamic getJsonField(dynamic response, String jsonPath, [bool isForList = false]) {\n"
        "  return null;\n}\n\nT? castToType<T>(dynamic value) => value is T ? value : null;\n"
    ),
    "lib/flutter_flow/flutter_flow_model.dart": (
        "import 'package:flutter/material.dart';\n\nabstract class FlutterFlowModel<W extends Widget> {\n"
        "  void initState(BuildContext context);\n  void dispose();\n}\n\n"
        "T createModel<T extends FlutterFlowModel>(BuildContext context, T Function() defaultBuilder) {\n"
        "  final model = defaultBuilder();\n  model.initState(context);\n  return model;\n}\n"
    ),
    "lib/flutter_flow/uploaded_file.dart": (
        "import 'dart:typed_data';\n\nclass FFUploadedFile {\n  const FFUploadedFile({this.name, this.bytes});\n\n"
        "  final String? name;\n  final Uint8List? bytes;\n}\n"
    ),
    "lib/backend/schema/util/schema_util.dart": (
        "abstract class BaseStruct {\n  Map<String, dynamic> toMap();\n}\n\n"
        "extension MapWithoutNulls on Map<String, dynamic> {\n"
        "  Map<String, dynamic> get withoutNulls =>\n      Map.fromEntries(entries.where((e) => e.value != null));\n}\n"
    ),
}


def _main_dart(title: str, env: bool) -> str:
    init = "  await FFDevEnvironmentValues().initialize();\n" if env else ""
    imp = "import 'environment_values.dart';\n" if env else ""
    return (
        "import 'package:flutter/material.dart';\nimport 'package:provider/provider.dart';\n"
        + imp
        + "import 'app_state.dart';\n\nvoid main() async {\n  WidgetsFlutterBinding.ensureInitialized();\n"
        + init
        + "  final appState = FFAppState();\n  await appState.initializePersistedState();\n\n"
        "  runApp(ChangeNotifierProvider(\n    create: (context) => appState,\n    child: const MyApp(),\n  ));\n}\n\n"
        "class MyApp extends StatelessWidget {\n  const MyApp({super.key});\n\n  @override\n"
        f"  Widget build(BuildContext context) {{\n    return const MaterialApp(title: '{title}');\n  }}\n}}\n"
    )


_APP_STATE = (
    "import 'package:flutter/material.dart';\n\nclass FFAppState extends ChangeNotifier {\n"
    "  static FFAppState _instance = FFAppState._internal();\n\n"
    "  factory FFAppState() {\n    return _instance;\n  }\n\n"
    "  FFAppState._internal();\n\n  Future initializePersistedState() async {}\n\n"
    "  String _authToken = '';\n  String get authToken => _authToken;\n  set authToken(String value) {\n"
    "    _authToken = value;\n    notifyListeners();\n  }\n}\n"
)


def generate_export(
    out: Path,
    *,
    seed: int = 7,
    files: int = 750,
    dart_mb: float = 10.0,
    groups: int = 20,
    calls: int = 160,
    planted_secrets: int = 12,
    era: str = "2024",
    subfolder: str | None = None,
    shape: Shape = CLASSIC,
) -> GeneratedExport:
    """Write one synthetic export under ``out`` (or ``out/subfolder``) and describe what was written."""
    if era not in ERAS:
        raise ValueError(f"era must be one of {', '.join(ERAS)}")
    if groups and calls < groups:
        raise ValueError("need at least one call per group")
    rng = random.Random(seed)
    root = Path(out) / subfolder if subfolder else Path(out)
    package = f"{rng.choice(HOST_WORDS)}_{rng.choice(NOUNS)}_app"
    title = " ".join(w.title() for w in package.split("_"))

    builder = _ApiBuilder(rng, era, groups, calls, shape)
    group_objs, ungrouped = builder.build()
    all_calls = [c for g in group_objs for c in g.calls] + ungrouped

    # Fake secrets: kinds cycle, spots rotate so every spot sees several kinds.
    secrets: list[str] = []
    env_values: dict[str, object] = {
        "appName": title,
        "supportEmail": f"help@{package.replace('_', '-')}.example",
        "enableAnalytics": True,
        "maxUploadMb": 20,
    }
    shaped = builder.env_values  # values of the environment keys the shape added; the others are group hosts
    for group in group_objs:
        env_values.update(
            {v.env: shaped.get(v.env, f"https://api.{v.env.lower()}.example") for v in group.variables if v.env}
        )
    for key, value in shaped.items():
        env_values.setdefault(key, value)
    action_secrets: list[tuple[str, str]] = []
    page_secrets: list[tuple[str, str]] = []
    targets = rng.sample(all_calls, len(all_calls))
    for index in range(planted_secrets):
        kind = SECRET_KINDS[index % len(SECRET_KINDS)]
        spot = SECRET_SPOTS[(index + index // len(SECRET_KINDS)) % len(SECRET_SPOTS)]
        secret = fake_secret(rng, kind)
        secrets.append(secret)
        if spot == "env" and era not in ("2024", "2025"):
            spot = "action"  # environment values exist from 2024 on
        if spot in ("default", "header"):
            call = targets[index % len(targets)]
            if spot == "default":
                name = {
                    "google": "key",
                    "stripe": "secretKey",
                    "supabase": "serviceKey",
                    "openai": "openaiKey",
                    "sendgrid": "sendgridKey",
                    "github": "githubToken",
                }[kind]
                if any(v.name == name for v in call.variables):
                    name += "Override"
                call.variables.insert(0, _Var(name, default=_dq(secret)))
                if kind == "google":
                    call.params.append(("key", name))
                else:
                    header, value = (
                        ("apikey", f"${{{name}}}") if kind == "supabase" else ("Authorization", f"Bearer ${{{name}}}")
                    )
                    call.headers = [(k, v) for k, v in call.headers if k.lower() != header.lower()]
                    call.headers.append((header, value))
            else:
                header = {
                    "supabase": "apikey",
                    "google": "X-Goog-Api-Key",
                    "openai": "Authorization",
                    "github": "Authorization",
                    "stripe": "Authorization",
                }.get(kind, "X-Api-Key")
                value = f"Bearer {secret}" if header == "Authorization" else secret
                call.headers = [(k, v) for k, v in call.headers if k.lower() != header.lower()] + [(header, value)]
        elif spot == "env":
            env_values[f"{kind}ServiceKey"] = secret
        elif spot == "action":
            action_secrets.append((kind, secret))
        else:
            page_secrets.append((kind, secret))

    written: dict[str, bytes] = {}

    def put(rel: str, text: str | bytes) -> None:
        written[rel] = text.encode() if isinstance(text, str) else text

    api_text = render_api_calls(group_objs, ungrouped, era)
    put("lib/backend/api_requests/api_calls.dart", api_text)
    if era != "2025":
        put("lib/backend/api_requests/api_manager.dart", _api_manager(era))
    env = era in ("2024", "2025")
    if env:
        dart_env, json_env = _environment_files(env_values)
        put("lib/environment_values.dart", dart_env)
        put("assets/environment_values/environment.json", json_env)
    put("lib/main.dart", _main_dart(title, env))
    put("lib/app_state.dart", _APP_STATE)
    for rel, text in _SUPPORT_DART.items():
        put(rel, text)
    writer = _DartWriter(rng)
    action_names = []
    for index, secret in enumerate([*action_secrets, *[None] * (1 + shape.custom_actions)]):
        name = _snake([rng.choice(["sync", "notify", "export", "upload"]), rng.choice(NOUNS), str(index)])
        action_names.append(name)
        put(f"lib/custom_code/actions/{name}.dart", _custom_action(name, secret, rng))
    put(
        "lib/custom_code/actions/index.dart",
        "".join(f"export '{n}.dart' show {_camel(n.split('_'))};\n" for n in action_names),
    )
    used_pages: set[str] = set()

    def page_name() -> tuple[str, str]:
        while True:
            first = rng.choice(QUALIFIERS + NOUNS)
            words = [first, rng.choice([n for n in NOUNS if n != first])]
            if rng.random() < 0.3:
                words.append(rng.choice(["details", "list", "editor", "settings", "overview"]))
            snake = _snake(words)
            if snake not in used_pages:
                used_pages.add(snake)
                return _pascal(words), snake

    for kind, secret in page_secrets:
        pascal, snake = page_name()
        put(f"lib/pages/{snake}/{snake}_widget.dart", _page_with_secret(pascal, snake, kind, secret))
        put(
            f"lib/pages/{snake}/{snake}_model.dart",
            writer.model(pascal, snake, 1).replace(
                "  ///  State fields for stateful widgets in this page.\n",
                "  ///  State fields for stateful widgets in this page.\n\n  FFPlace placePickerValue = FFPlace();\n",
            ),
        )

    # Fixed non-Dart files, then the bulk: Dart pages/components/structs and assets.
    for rel, text in _fixed_text(package, title, era).items():
        put(rel, text)
    remaining = files - len(written)
    if remaining < 4:
        raise ValueError(f"files={files} is too small: the fixed part of an export already has {len(written)} files")
    n_assets = max(1, int(remaining * shape.asset_share))
    n_dart = remaining - n_assets
    dart_target = int(dart_mb * MB)
    dart_now = sum(len(v) for k, v in written.items() if k.endswith(".dart"))
    budget = max(0, dart_target - dart_now)
    # Structs are single small files; pages and components are widget + model pairs sharing the rest.
    n_structs = max(1, n_dart // 8)
    if (n_dart - n_structs) % 2:
        n_structs += 1
    n_pairs = (n_dart - n_structs) // 2
    for _ in range(n_structs):
        pascal, snake = page_name()
        text = writer.struct(pascal, rng.randint(1500, 6000))
        put(f"lib/backend/schema/structs/{snake}_struct.dart", text)
        budget -= len(text)
    plan = _plan_sites(rng, all_calls, n_pairs, shape) if shape.called_share else [[] for _ in range(n_pairs)]
    for index, sites in enumerate(plan):
        pascal, snake = page_name()
        page = rng.random() < 0.65
        folder = f"lib/pages/{snake}" if page else f"lib/components/{snake}"
        results = [(s.result, s.call.call_name) for s in sites if s.result]
        model = writer.model(pascal, snake, rng.randint(1, 6), results)
        left = n_pairs - index
        share = budget if left == 1 else int(budget / left * rng.uniform(0.4, 1.6))
        widget = writer.widget(pascal, snake, max(1500, share - len(model)), page, sites)
        put(f"{folder}/{snake}_widget.dart", widget)
        put(f"{folder}/{snake}_model.dart", model)
        budget -= len(widget) + len(model)
    for index in range(n_assets):
        roll = rng.random()
        if roll < 0.6:
            data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(rng.randint(800, 6000))
            put(f"assets/images/{_snake([rng.choice(NOUNS), rng.choice(QUALIFIERS), str(index)])}.png", data)
        elif roll < 0.9:
            items = [
                {"id": n, "title": writer.phrase(), "active": rng.random() < 0.5} for n in range(rng.randint(3, 30))
            ]
            put(f"assets/jsons/{_snake([rng.choice(NOUNS), str(index)])}.json", json.dumps(items, indent=2) + "\n")
        else:
            data = b"\x00\x01\x00\x00\x00\x0b\x00\x80" + rng.randbytes(rng.randint(2000, 9000))
            put(f"assets/fonts/{_pascal([rng.choice(HOST_WORDS), 'sans'])}-{index}.ttf", data)

    for rel, data in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    site_counts = Counter(site.call.call_name for sites in plan for site in sites)  # call names are unique
    generated = [
        GeneratedCall(
            group=c.group.cls if c.group else None,
            name=c.call_name,
            method=c.method,
            url=c.url(era),
            header_names=[
                *([k for k, _ in c.group.headers] if c.group and era == "2023" else []),
                *(k for k, _ in c.headers),
            ],
            body_type=c.body_type or "",
            variables=[v.name for v in c.variables],
            sites=site_counts[c.call_name],
        )
        for c in all_calls
    ]
    dart_bytes = sum(len(v) for k, v in written.items() if k.endswith(".dart"))
    site_widgets = sum(1 for sites in plan if sites)
    return GeneratedExport(root, generated, secrets, len(written), dart_bytes, site_widgets)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic FlutterFlow export.")
    parser.add_argument("preset", choices=sorted(PRESETS))
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--era", choices=ERAS, help="default: the preset's era, else 2024")
    parser.add_argument("--subfolder")
    parser.add_argument("--secrets", type=int, default=12, help="number of planted fake secrets")
    args = parser.parse_args(argv)
    options = {**PRESETS[args.preset], **({"era": args.era} if args.era else {})}
    result = generate_export(
        args.out, seed=args.seed, subfolder=args.subfolder, planted_secrets=args.secrets, **options
    )
    api = result.root / "lib/backend/api_requests/api_calls.dart"
    print(
        f"{result.root}: {result.files} files, {result.dart_bytes} Dart bytes, "
        f"api_calls.dart {api.stat().st_size} bytes, {len(result.calls)} calls, "
        f"{len({c.group for c in result.calls if c.group})} groups, {len(result.planted_secrets)} secrets"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

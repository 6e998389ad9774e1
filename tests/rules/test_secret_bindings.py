"""Secrets that generalize: credentials recognised by the name they are bound to in any language or file format, token
families with a distinctive prefix (also in unusual lengths), JWTs anywhere, credentials inside URLs and commands,
Dart escapes, Basic halves, documented examples; and the look-alikes that must stay silent.

Every value is built at run time from random characters; nothing here is a real credential.
"""

from __future__ import annotations

import base64
import json
import random
import string
import uuid

import pytest

from linter.secrets import scan_text
from linter.secrets.bindings import find_bindings
from tests.support.secretgen import make_jwt

RNG = random.Random(20261201)
ALNUM = string.ascii_letters + string.digits


def rand(length: int, alphabet: str = ALNUM) -> str:
    while True:
        value = "".join(RNG.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            return value


KEY = rand(32)
TOKEN = rand(40, ALNUM + "-_")
PASSWORD = "Tq7!" + rand(8)


def found(text: str, syntax: str = "code") -> list[tuple[str, str]]:
    return [(match.provider, match.value) for match in scan_text(text, syntax)]


BOUND = [
    # (file syntax, text, the value that must be reported)
    ("code", f'STRIPE_SECRET = "{KEY}"\n', KEY),  # Python
    ("code", f"const apiKey = '{KEY}';\n", KEY),  # JS / Dart
    ("code", f"final String _clientSecret = '{KEY}';\n", KEY),
    ("code", f"headers: {{'x-api-key': '{KEY}', 'Accept': 'application/json'}}", KEY),
    ("code", f"  'Authorization':\n      'Bearer {TOKEN}',\n", TOKEN),  # dart format wraps long entries
    ("code", f'$config["db_password"] = "{PASSWORD}";\n', PASSWORD),  # PHP
    ("code", f'apiKey := "{KEY}"\n', KEY),  # Go
    ("code", f"const smtpPass = process.env.SMTP_PASS || '{PASSWORD}';\n", PASSWORD),
    ("code", f'var apiKey = ffVariables["apiKey"] ?? "{KEY}";\n', KEY),  # a private call's default ships
    ("code", f'{{"client_secret": "{KEY}", "grant_type": "client_credentials"}}', KEY),  # JSON
    ("code", f'<string name="stripe_secret">{KEY}</string>\n', KEY),  # Android resources
    ("code", f"<key>ApiSecret</key>\n\t<string>{KEY}</string>\n", KEY),  # plist
    ("code", f"request.headers.set('X-Auth-Token', '{TOKEN}');\n", TOKEN),
    ("code", f"# curl -H 'Authorization: Bearer {TOKEN}' https://api.example.net/v1\n", TOKEN),
    ("code", f"final url = 'https://api.example.net/v1/items?access_token={TOKEN}&page=2';\n", TOKEN),
    ("config", f"OPENAI_KEY={KEY}\n", KEY),  # .env
    ("config", f"auth:\n  client_secret: {KEY}\n", KEY),  # YAML, unquoted
    ("config", f"db.password={PASSWORD}\n", PASSWORD),  # properties
    ("config", f"export API_TOKEN={TOKEN}\n", TOKEN),  # shell
    ("config", f"curl -u admin:{PASSWORD} https://api.example.net/\n", PASSWORD),
    ("config", f"API_TOKEN=${{API_TOKEN:-{TOKEN}}}\n", TOKEN),  # the default ships
    ("prose", f"flutter run --dart-define=GEMINI_API_KEY={KEY}\n", KEY),
    ("prose", f"The API token (`{TOKEN}`) is hardcoded in the app for now.\n", TOKEN),
    ("code", f"'Authorization': 'Bearer 7|{rand(40)}',", None),  # Laravel Sanctum id|token
    ("code", "static const String _password = 'abcd efgh ijkl mnop';\n", "abcd efgh ijkl mnop"),  # Google app password
    ("code", f'var cs = "Server=tcp:db.example.net;Database=app;User Id=admin;Password={PASSWORD};";\n', PASSWORD),
    ("config", f"//registry.npmjs.org/:_authToken={TOKEN}\n", TOKEN),  # .npmrc
    ("code", f'requests.get(url, auth=("admin", "{PASSWORD}"))\n', PASSWORD),
    ("code", f'conn = "postgres://admin:{PASSWORD}@db.example.net:5432/app"\n', PASSWORD),
    ("code", f"headers = {{'X-Authorization': '{RNG.randbytes(16).hex()[:8]}-1a2b-4c3d-8e9f-0a1b2c3d4e5f'}}\n", None),
    ("code", f"İİİİ = 'x'; const apiKey = '{KEY}';\n", KEY),  # lowercasing "İ" must not shift positions
    # a generated integration test types a test account's password into the field keyed password_<suffix>
    ("code", f"await tester.enterText(\n    find.byKey(const ValueKey('password_q7rk')), '{PASSWORD}');\n", PASSWORD),
    ("code", "final loginPassword = 'Marlin_2019';\n", "Marlin_2019"),  # a word and a number is a password
    # ... found by the dots its obscured hint shows, or by its label
    ("code", f"await tester.enterText(find.text('••••••••'), '{PASSWORD}');\n", PASSWORD),
    ("code", f"await tester.enterText(find.widgetWithText(TextField, 'Password'), '{PASSWORD}');\n", PASSWORD),
    # ... typed by a browser test into a field its selector names, or hashed as a seed script creates the account
    ("code", f"await page.locator('#current-password').fill('{PASSWORD}');\n", PASSWORD),
    ("code", f"await page.fill('input[name=\"password\"]', '{PASSWORD}');\n", PASSWORD),
    ("code", f"cy.get('#pwd').type('{PASSWORD}')\n", PASSWORD),
    (
        "code",
        f"const passwordInput = page.locator('input').nth(1);\nawait passwordInput.fill('{PASSWORD}');\n",
        PASSWORD,
    ),
    ("code", f"values ('ops@example.org', crypt('{PASSWORD}', gen_salt('bf')), now());\n", PASSWORD),
    # ... keyed with a misspelt name (the confirmation, typed the same as the password)
    ("code", f"await tester.enterText(find.byKey(const ValueKey('Confirm-Passowrd_lb0r')), '{PASSWORD}');\n", PASSWORD),
    ("code", f"final String senhaAdmin = '{PASSWORD}';\n", PASSWORD),  # names in other languages
    ("code", f"<szamlaagentkulcs>{KEY}</szamlaagentkulcs>\n", KEY),
    ("code", f"const chaveApi = '{KEY}';\n", KEY),
    # bindings written without a separator after the name
    ("code", f'#define API_KEY "{KEY}"\n', KEY),  # C, C++, an Arduino sketch
    ("code", f'client.setApiKey("{KEY}");\n', KEY),  # a setter
    ("code", f"client.setToken('{TOKEN}', expiresIn: 3600);\n", TOKEN),
    ("code", f'final c = Client.builder().baseUrl(u).token("{TOKEN}").build();\n', TOKEN),  # a builder
    ("code", f'requests.get(url, auth=HTTPBasicAuth("admin", "{PASSWORD}"))\n', PASSWORD),
    ("code", f'var c = new NetworkCredential("ops@example.org", "{PASSWORD}");\n', PASSWORD),
    ("code", f'server.login("ops@example.org", "{PASSWORD}")\n', PASSWORD),  # smtplib in a script
    ("code", f"await auth.signIn('ops@example.org', '{PASSWORD}');\n", PASSWORD),
    (  # the second of two literals handed to a sign-in call, comments between them
        "code",
        f"await pb.collection('users').authWithPassword(\n  'ops@example.org', // your e-mail\n"
        f"  '{PASSWORD}', // your password\n);\n",
        PASSWORD,
    ),
    ("code", f'<meta-data android:name="io.example.sdk.ApiKey" android:value="{KEY}"/>\n', KEY),
    ("code", f'<add key="PaymentsSecret" value="{KEY}" />\n', KEY),  # .NET app.config
    ("code", f'<EnvironmentVariable\n   key = "API_TOKEN"\n   value = "{TOKEN}"\n   isEnabled = "YES">', TOKEN),
    ("prose", f"ENV SERVICE_TOKEN={TOKEN}\n", TOKEN),  # a Dockerfile (no suffix: read as prose)
    ("prose", f"- Staging API token: {TOKEN}\n", TOKEN),  # a note's line: a few words, then the name
    # a token in a Markdown section whose heading names keys: a list item, a step of a guide
    ("prose", f"### API Keys (staging)\n\n- **Weather**: `{RNG.randbytes(16).hex()}`\n", None),
    ("prose", f"## 3. External API Keys\n\n#### A. Weather\n1. Sign up\n   - Replace: `{TOKEN}`\n", TOKEN),
    ("prose", f"machine api.example.net login ops password {PASSWORD}\n", PASSWORD),  # .netrc
    ("prose", f"./create-users.sh --count 5 --password '{PASSWORD}' --dry-run\n", PASSWORD),  # a command line
    ("config", f"deploy --api-key {KEY} --region eu\n", KEY),
    ("code", f"  // final String secret =\n  //     '{KEY}';\n", KEY),  # commented-out code is still committed
    # the live code binds the literal after a commented-out older one
    ("code", f"const kDevKey =\n    // '{rand(40)}';\n    '{KEY}';\n", KEY),
    ("code", f"const kDevKey =\n    // '{KEY}';\n    Env.devKey;\n", KEY),  # without one, the commented-out key
    ("prose", f"machine api.example.net\n  login ops@example.org\n  password {PASSWORD}\n", PASSWORD),
    ("code", f'let apiKey: String = "{KEY}"\n', KEY),  # Swift, Kotlin, TypeScript: a typed declaration
    ("code", f'const API_KEY: &str = "{KEY}";\n', KEY),  # Rust
    ("code", f"final auth = 'Basic ' + base64Encode(utf8.encode('admin:{PASSWORD}'));\n", PASSWORD),
    ("code", f'cache = Redis.fromUrl("redis://:{PASSWORD}@cache.example.net:6379/0")\n', PASSWORD),
    ("code", f'$passwords = @("{PASSWORD}", "another-{PASSWORD}")\n', PASSWORD),  # a list under a plural name
    ("code", f"FALLBACK_API_KEYS = [\n    '{KEY}',  # primary\n    '{rand(32)}',\n]\n", KEY),
    ("code", f'NSString *const kApiKey = @"{KEY}";\n', KEY),  # Objective-C (and C# verbatim) strings
    ("code", f"const apiKey = String.fromEnvironment('API_KEY', defaultValue: '{KEY}');\n", KEY),  # the default ships
    ("prose", f"GET https://api.example.net/v1/me\nAuthorization: Bearer {TOKEN}\n", TOKEN),  # an .http file
    ("config", f'{{"header": [{{"key": "x-api-key", "value": "{KEY}", "type": "text"}}]}}', KEY),  # Postman
    ("config", f'{{"env": [{{"name": "API_TOKEN", "value": "{TOKEN}"}}]}}', TOKEN),  # an environment list
    ("code", f'const SECRET = defineSecret("LIVEKIT_SECRET", {{\n  default: "{KEY}",\n}});\n', KEY),  # Firebase params
    ("prose", f"- **Key**: `{KEY}`\n", KEY),  # a note's line with the name in bold
    ("code", f"/**\n * Credentials for the staging room:\n * - API Secret: {KEY}\n */\n", KEY),  # a comment's line
    ("config", "SUPABASE_DB_PASSWORD=dunder-mifflin9-papEr\n", "dunder-mifflin9-papEr"),  # a passphrase in .env
    # a literal that is a whole Authorization value, wherever it stands
    ("code", f'request.setValue("Bearer {TOKEN}", forHTTPHeaderField: "Authorization")\n', TOKEN),  # Swift
    ("code", f"headers: {{HttpHeaders.authorizationHeader: 'Token {KEY}'}},\n", KEY),
    # a command's argument on its own line: Gradle signing configs, Ruby DSLs
    ("code", f"signingConfigs {{\n  release {{\n    storePassword '{PASSWORD}'\n  }}\n}}\n", PASSWORD),
    ("code", "client_secret = 'HYyQgUuK1g'\n", "HYyQgUuK1g"),  # short (10), but letters and digits at random
    ("code", f"const RECAPTCHA_SECRET_KEY = '{KEY}';\n", KEY),  # the CAPTCHA's secret key, unlike its site key
    ("code", f"'Authorization': 'Bearer < {KEY} >',\n", KEY),  # pasted between a placeholder's brackets
    ("code", f'buildConfigField "String", "MAPS_API_KEY", "\\"{KEY}\\""\n', KEY),  # Gradle: quotes inside the value
    # what a test types as a password, even the word itself, and the password a test account signs in with
    (
        "code",
        "await tester.enterText(\n    find.byKey(const ValueKey('SignUp-Password_ab12')), 'password');\n",
        "password",
    ),
    (
        "code",
        "await FirebaseAuth.instance.signInWithEmailAndPassword(\n  email: 'qa@example.org', password: 'password');\n",
        "password",
    ),
    # a password field the app fills in (FlutterFlow's initial value, or an action)
    ("code", "_model.passwordTextController ??= TextEditingController(text: 'Adm1n#2024');\n", "Adm1n#2024"),
    ("code", "final passwordController = TextEditingController(text: 'Adm1n#2025');\n", "Adm1n#2025"),
    ("code", "setState(() {\n  _model.passwordFieldTextController\n      ?.text = '123456';\n});\n", "123456"),
    ("code", f'"args": ["-y", "figma-mcp", "--figma-api-key={KEY}", "--stdio"]\n', KEY),  # a command line's option
    ("prose", "Test account\nqa@example.org  Qw3rty!x9\nUID: 42\n", "Qw3rty!x9"),  # an email, then its password
    ("prose", "qa@example.org / 12345678\n", "12345678"),
    ("config", f"keytool -list -v -keystore upload.jks -alias upload -storepass {PASSWORD} | grep SHA1\n", PASSWORD),
    ("code", f"params: {{'login': 'shop', 'psw': '{PASSWORD}'}},\n", PASSWORD),  # psw: a password's short name
    ("code", f"RAISE NOTICE 'Demo account password: {PASSWORD}';\n", PASSWORD),  # a sentence that ends with it
    (
        "code",
        f"final basic = functions.toBase64(\n    '{rand(32).lower()}:{KEY}');\n",
        KEY,
    ),  # a custom function encodes it
    ("code", f"const kDevKey = // rotated on Monday\n    '{KEY}';\n", KEY),  # a comment before the value
    ("code", f"params: {{'api_key': '{RNG.randrange(10**18, 10**19)}'}},\n", None),  # a numeric key
    ("code", "password = 'GncfBAepfJBd'\n", "GncfBAepfJBd"),  # letters only, but random: the case flips mid-word
    ("code", "body: {'username': user, 'password': '12345678'},\n", "12345678"),  # a numeric password ships too
    ("code", "nodemailer.createTransport({ auth: { user: u, pass: 'qzvtkmbrxwplcnhd' } });\n", None),  # app password
    ("code", f'String senha = "{PASSWORD}";\n', PASSWORD),  # "password" in Portuguese, Spanish, German, French
    ("code", f"contrasena: '{PASSWORD}',\n", PASSWORD),
    ("config", f"motDePasse={PASSWORD}\n", PASSWORD),
    # a literal where a signing key goes is that key
    ("code", f'const t = jwt.sign({{ sub: user.id, role: "admin" }}, "{PASSWORD}", {{ expiresIn: "1h" }});', PASSWORD),
    ("code", 'token = jwt.encode(claims, "my-jwt-secret-2024", algorithm="HS256")\n', "my-jwt-secret-2024"),
    ("code", f"final jwt = JWT(payload).sign(SecretKey('{KEY}'));\n", KEY),  # Dart
    # the password of a database connection opened with positional arguments
    ("code", f'<?php\n$db = new mysqli("localhost", "shop", "{PASSWORD}", "shop");', PASSWORD),
    ("code", f"$pdo = new PDO('pgsql:host=db;dbname=app', $user, '{PASSWORD}');\n", PASSWORD),
    ("code", f'conn = pymysql.connect("db", "root", "{PASSWORD}", "app")\n', PASSWORD),
    # (an HMAC key is looked for in code that names a secret somewhere, as signing code does)
    ("code", f"// signs with the partner's secret\nfinal mac = Hmac(sha256, utf8.encode('{KEY}'));\n", KEY),
    ("code", f"const sig = crypto.createHmac('sha256', '{KEY}').update(body).digest('hex'); // webhook secret\n", KEY),
    ("code", f'def sign(body):  # the shared secret\n    return hmac.new(b"{KEY}", body, hashlib.sha256)\n', KEY),
]


@pytest.mark.parametrize(("syntax", "text", "value"), BOUND, ids=[f"{i}" for i in range(len(BOUND))])
def test_a_literal_bound_to_a_credential_name_is_reported(syntax, text, value):
    matches = found(text, syntax)
    assert matches, text
    if value is not None:
        assert any(found_value == value for _, found_value in matches), (matches, value)


SILENT = [
    ("code", "const apiKey = '';\n"),
    ("code", "import 're_create_listing_view/re_create_listing_view_model.dart';\n"),  # words behind a key's prefix
    ("config", 'secret = "env(SUPABASE_AUTH_EXTERNAL_APPLE_SECRET)"\n'),  # Supabase config.toml reads the environment
    ("code", f"final clip = 'https://media.example.net/v/ep01.mp4?t=290.6&token={KEY}';\n"),  # a media file's own link
    ("code", "const kTransitionInfoKey = '__transition_info__ui_kit_v48jv9';\n"),  # a dunder-named identifier
    ("code", "LocaleKeys.password: 'Пароль',\n"),  # the word "password", translated
    ("prose", "Password: [tu-password]\n"),  # a stand-in in brackets
    ("prose", "Write to help@example.org for details\nmail: ana@example.org, 2024-05-01\n"),  # words, a date
    (
        "config",
        "keytool -list -keystore ~/.android/debug.keystore -storepass android -keypass android\n",
    ),  # the default
    ("code", "final locale = 'sk-SK'; final id = 'sk-item-list-header-widget-v2';\n"),  # words behind 'sk-'
    ("code", "Text('Your password: must have 8 characters'); hint: 'Password: ', s = 'Reset password: ${email}'\n"),
    ("code", "_model.forgotPasswordEmailTextController?.text = 'qa@example.org';\n"),  # an email field
    ("code", "_model.passwordTextController?.text = '';\n"),
    ("code", f"launchURL('https://accounts.spotify.com/authorize?client_id={RNG.randbytes(16).hex()}&scope=x');\n"),
    (
        "code",
        f"'Authorization': 'Bearer {RNG.randint(10**11, 10**12)}-{rand(32).lower()}.apps.googleusercontent.com',\n",
    ),
    ("code", "const apiKey = 'YOUR_API_KEY';\n"),
    ("code", "static String get apiKey => 'sk-proj-VOTRE_NOUVELLE_CLE';\n"),
    ("code", "headers: {'x-api-key': '<api-key>', 'Authorization': 'Bearer ${token}'}"),
    ("code", "final token = '$accessToken';\n"),
    ("code", "password: passwordController.text,\n"),
    ("code", "key: ValueKey('loginButton'),\n"),
    ("code", "final prefKey = 'last_seen_$userId';\n"),
    ("code", "await secureStorage.read(key: 'ff_signedInUserProfile');\n"),
    ("code", "static const _rulesSeenKey = 'kin_quest_map_rules_seen_v1';\n"),
    ("code", "const String apiRefreshToken = 'v2/user/refresh-token';\n"),
    ("code", "'tokenType': 'Bearer',\n"),
    ("code", f"api_key_id = '{KEY}'\n"),
    ("code", "password_hash = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'\n"),
    ("code", 'const MOCK_TOKEN = "mock_token_platform_user_0001_for_tests";\n'),
    ("code", "hintText: 'Enter your password',\n"),
    ("code", "labelText: 'Password',\n"),
    (
        "code",
        "final image = Image.network('https://firebasestorage.googleapis.com/v0/b/app.appspot.com/o/a.png"
        f"?alt=media&token={rand(8)}-{rand(4)}-{rand(4)}-{rand(4)}-{rand(12)}');\n",
    ),
    (
        "code",
        f"'https://bucket.s3.amazonaws.com/a.png?Expires=1700000000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature={TOKEN}'",
    ),
    ("code", '{"sessionId": "3f2b8c1e-9a4d-4e6f-8b7a-2c1d0e9f8a7b"}'),
    ("code", "static const password = 'password';\n"),
    ("code", "final passwordKey = 'password_field_2';\n"),  # a storage key named for the password
    ("code", "await tester.enterText(find.byKey(const ValueKey('email_q7rk')), 'pat@example.org');\n"),
    ("code", "color: Color(0xFF1A2B3C), key: GlobalKey<FormState>(),\n"),
    ("config", "PLATO_API_TOKEN=\nPLATO_BASE_URL=https://api.example.net/v1/resources\n"),
    ("config", "API_KEY=${API_KEY}\n"),
    ("config", "token: ${{ secrets.DEPLOY_TOKEN }}\n"),
    ("prose", "- [x] Patient data — PASS: `FFAppState().name` (line 119), no hardcoded values.\n"),
    ("prose", "    pass: functions.config().email.password,\n"),
    ("prose", "See the design tokens in `docs/ui-design-tokens.md` for the palette.\n"),
    ("code", "#define TOKEN_LENGTH 32\n"),
    ("code", 'final token = prefs.getString("auth_token_v2");\n'),  # a lookup by name, not a value
    ("code", f'final key = apiKey("{KEY}");\n'),  # a plain call may look a key up by its name
    ("code", 'builder.password("Enter your password")\n'),
    ("code", '<meta-data android:name="com.facebook.sdk.ClientToken" android:value="@string/facebook_client_token"/>'),
    ("code", '<meta-data android:name="io.example.push.channel_id" android:value="high_importance_channel"/>'),
    ("code", 'login(HTTPBasicAuth("admin", "password"))\n'),
    ("prose", "API key: your-api-key-here\n"),
    ("prose", "./create-users.sh --password $TEST_PASSWORD\n./create-users.sh --password <your-password>\n"),
    ("code", "final password =\n    // read from the form\n    _model.passwordController.text;\n"),
    ("prose", "The build machine asks for a password\npassword reset links expire after a day\n"),
    ("code", "const keys = ['name', 'email', 'photo_url'];\n"),  # a plural of "key" listing words
    ("code", "final tokenTypes = ['Bearer', 'Basic'];\n"),
    ("code", "final possibleKeys = [\n  '__transition_info__',\n  '__transition_info__lock_orientation_wzqrt4'\n];"),
    ("code", "showLoginDialog('Welcome back', 'Sign in to continue');\n"),
    ("code", "context.pushNamed('login', queryParameters: {'from': 'signin'});\n"),
    ("code", "context.pushNamedAuth('B2bEmailLogin', context.mounted);\n"),  # FlutterFlow navigation
    ("code", "await prefs.setString('auth_token', token);\n"),  # stores a variable under a name
    ("code", "client.setToken('session_' + userId);\n"),  # an expression, not a literal
    ("code", "final auth = 'Basic ' + base64Encode(utf8.encode('$username:$password'));\n"),
    ("code", "final bytes = utf8.encode('Content-Type:application/json');\n"),
    ("code", "final Map<String, String> headers = {'x': 'y'}; bool ok: true;\n"),
    ("prose", "Password: the one you chose at sign-up\n"),
    ("prose", f"Remember to rotate the key: {KEY}\n"),  # more than a few words before the name: a sentence
    ("code", "final error = 'Token expired for this session';\n"),
    ("code", "// token: see the README for how to get one\n# Password: the one you chose\n"),
    ("code", '<password>"Xk29aPq7LmZ3"</password>\n'),  # inside an XML element a quoted text is not read
    ("code", "//   GOOGLE_APPLICATION_CREDENTIALS=../scripts/serviceAccountKey.json node run.js\n"),
    ("config", "GOOGLE_APPLICATION_CREDENTIALS=serviceAccountKey.json\nKEYSTORE_PASSWORD_FILE=upload-keystore.jks\n"),
    ("config", '{"header": [{"key": "x-api-key", "value": "{{apiKey}}", "type": "text"}]}'),
    ("config", '{\n  "k_wqxzevpm": "Password",\n  "k_2spsf6j4": "Enter your password..."\n}'),  # a label, then a key
    ("config", '[{"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}]'),
    ("config", "AUTH_SCHEME=Bearer\nTOKEN_HEADER=Authorization\n"),
    ("prose", "Authorization: Bearer <your token>\n"),
    ("code", "_buildLanguageRow(label: 'Hindi', localeKey: '6craqhm0'),\n"),  # a FlutterFlow translation key
    ("code", "'Authorization': 'Bearer <YOUR_API_KEY_GOES_HERE_2024>',\n'x-api-key': '<api-key>',\n"),
    ("code", "final sessionToken = '1733011200123';\nfinal pin = {'password': '1111'};\n"),  # a timestamp, a stub
    ("code", "password = 'confirmpasswords'\n"),  # 16 lowercase letters that read as words (many vowels)
    ("code", f"await FirebaseAppCheck.instance.activate(webRecaptchaSiteKey: '6Lc{rand(37)}');\n"),  # public
    ("code", "final auth = 'Bearer $accessToken';\n"),
    ("code", "  password 'Enter your password'\n"),
    ("code", "password = 'confirmPassword'\npassword = 'iPhoneUser'\npassword = 'HTTPServer'\n"),  # words
    ("code", "final senhaHint = 'Sua senha tem 8 letras';\n"),
    # ... not in a section whose heading names no credential, nor after the next heading of its level
    ("prose", f"## API Keys\n\nSet `WEATHER_API_KEY_PROD_2024` in `.env`.\n\n## Build ids\n\n`{TOKEN}`\n"),
    ("prose", f"## Release notes\n\n- build `{TOKEN}`\n"),
    ("code", f"final chavePix = '{uuid.UUID(int=RNG.getrandbits(128))}';\nfinal pixKey = 'loja@example.com';\n"),
    ("code", "final clavePublica = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE';\nconst autoclave = 'Mk2Autoclave9000X';\n"),
    ("code", "await tester.enterText(find.text('Full name'), 'Sophia Q Lee');\n"),  # a field labelled with a word
    ("code", "await page.locator('#email').fill('ops@example.org');\nawait page.getByLabel('Password').fill(pw);\n"),
    ("code", "select crypt(new_password, gen_salt('bf'));\n"),
    (  # a browser test that the app refuses wrong credentials, by its title or by what it types
        "code",
        f"test('login fallido con credenciales incorrectas', async ({{ page }}) => {{\n"
        f"  await page.fill('input[type=password]', '{PASSWORD}');\n}});\n"
        "test('signs in', async ({ page }) => {\n  await page.fill('#password', 'wrongpass');\n});\n",
    ),
    # a device's push token (only the server's key sends to it), a local database's default password, "your_…"
    ("code", f"final token = '{rand(22, ALNUM + '-_')}:APA91b{rand(134, ALNUM + '-_')}';\n"),
    ("config", f"DATABASE_URL=postgresql://postgres:{PASSWORD}@localhost:54322/postgres\n"),
    ("config", f"DATABASE_URL=postgresql://postgres:{PASSWORD}@127.0.0.1:54322/postgres\n"),
    ("config", "DATABASE_URL=postgresql://postgres:tu_password@db.example.supabase.co:5432/postgres\n"),
    ("code", f"final paymentIntentId = 'pi_3O{rand(22)}';\n"),  # a PaymentIntent's id, not its client secret
    ("code", "const t = jwt.sign(payload, process.env.JWT_SECRET);\njwt.verify(token, secret);\n"),
    ("code", 'jwt.decode(token, "your-256-bit-secret")\njwt.decode(token, "secret")\n'),  # stand-ins
    ("code", "final jwt = JWT(payload).sign(SecretKey('$jwtSecret'));\n"),
    ("code", "final mac = Hmac(sha256, utf8.encode(secretKey));\n"),
    ("code", '$db = new mysqli($host, $user, $password, "shop");\n'),
    ("code", '$db = new mysqli("localhost", "root", "", "shop");  // no password locally\n'),
]


@pytest.mark.parametrize(("syntax", "text"), SILENT, ids=[f"{i}" for i in range(len(SILENT))])
def test_look_alikes_stay_silent(syntax, text):
    assert found(text, syntax) == []


def test_a_value_in_escaped_quotes_is_reported_at_its_own_characters():
    text = f'buildConfigField "String", "API_SECRET", "\\"{KEY}\\""\n'
    (match,) = scan_text(text, "code")
    assert (match.value, text[match.start : match.end]) == (KEY, KEY)


def test_a_dart_escaped_dollar_key_in_an_auth_header_is_that_providers_key():
    key = "$aact_prod_" + rand(60, ALNUM + "_")
    dart = f"headers: {{'access_token': '\\{key}'}},\n"  # written '\$aact_prod_…' in Dart
    (match,) = scan_text(dart)
    assert match.provider == "asaas-api-key" and match.value == key


def test_a_provider_key_with_an_unusual_length_is_still_that_key_with_a_note():
    (match,) = scan_text(f"const k = 'sk_live_{rand(18)}';")
    assert match.provider == "stripe-secret-key" and "unusual format" in match.detail


def test_an_elided_key_is_not_a_key():
    assert scan_text(f"key = 'sk_live_{rand(12)}...'") == []


def test_a_provider_key_sent_as_basic_base64_is_that_key():
    key = "sk_live_" + rand(99)
    basic = base64.b64encode(f"{key}:".encode()).decode()
    (match,) = scan_text(f"'Authorization': 'Basic {basic}',")
    assert match.provider == "stripe-secret-key" and "Basic" in match.detail


def test_a_base64_wrapped_jwt_is_judged_as_the_jwt():
    jwt = make_jwt(RNG, {"iss": "supabase", "ref": rand(20).lower(), "role": "service_role", "iat": 1700000000})
    (match,) = scan_text(f"const k = '{base64.b64encode(jwt.encode()).decode()}';")
    assert match.provider == "supabase-service-role-jwt" and "base64" in match.detail


def test_jwts_are_classified_by_claims():
    firebase = make_jwt(RNG, {"iss": "https://securetoken.google.com/app-123", "sub": rand(28), "exp": 1900000000})
    (match,) = scan_text(f"idToken = '{firebase}'")
    assert "Firebase ID token" in match.detail
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none"}).encode()).rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps({"sub": "42"}).encode()).rstrip(b"=").decode()
    (unsigned,) = scan_text(f"token = '{header}.{body}.{rand(20)}'")
    assert "alg none" in unsigned.detail


def test_a_documented_example_is_reported_as_an_example():
    (match,) = scan_text("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", "config")
    assert match.exposure == "example"


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        (f"https://hook.eu2.make.com/{rand(32, string.ascii_lowercase + string.digits)}", "make-webhook-url"),
        (
            f"https://hooks.zapier.com/hooks/catch/{RNG.randint(10**6, 10**7)}/ab{rand(4).lower()}/",
            "zapier-webhook-url",
        ),
        (f"https://maker.ifttt.com/trigger/door/with/key/{rand(22)}", "ifttt-webhook-key"),
        (
            f"https://flows.acme-tools.io:5678/webhook-test/{RNG.randbytes(16).hex()[:8]}-4a1b-4c2d-8e3f-{RNG.randbytes(6).hex()}",
            "n8n-self-hosted-webhook-url",
        ),
        (
            f"https://api.telegram.org/bot{RNG.randint(10**8, 10**9)}:{rand(35, ALNUM + '_-')}/sendMessage",
            "telegram-bot-token",
        ),
    ],
)
def test_webhook_urls_and_bot_tokens_in_urls(url, provider):
    assert provider in [match.provider for match in scan_text(f"final url = '{url}';")]


@pytest.mark.parametrize(
    ("text", "provider", "exposure"),
    [
        (f"const PUSHER_APP_SECRET = '{KEY}';\n", "pusher-app-secret", "secret"),
        (f"static const pusherKey = '{KEY}';\n", "pusher-app-key", "public"),
        (f"MIXPANEL_API_SECRET={KEY}\n", "mixpanel-project-secret", "secret"),
        (f"final mixpanelToken = '{KEY}';\n", "mixpanel-project-token", "public"),
        (f"MEILI_SEARCH_KEY={KEY}\n", "meilisearch-search-api-key", "public"),  # the narrower phrase wins
        (f"MEILISEARCH_API_KEY={KEY}\n", "meilisearch-master-key", "secret"),
        (f"const postmarkToken = '{KEY}';\n", "postmark-server-token", "secret"),  # names on a catalogued format
    ],
)
def test_the_name_a_literal_is_bound_to_names_the_family(text, provider, exposure):
    syntax = "config" if "=" in text and "'" not in text else "code"
    matches = scan_text(text, syntax)
    assert [(m.provider, m.exposure, m.value) for m in matches] == [(provider, exposure, KEY)]


def test_an_unnamed_or_generic_binding_stays_a_hardcoded_credential():
    assert [m.provider for m in scan_text(f"const X_API_SECRET = '{KEY}';\n", "code")] == ["generic-credential"]
    assert [m.provider for m in scan_text(f"const pusherPassword = '{PASSWORD}';\n", "code")] == ["password"]


@pytest.mark.parametrize(
    ("name", "syntax"),
    [
        ("key.properties.template", "config"),  # a copy to fill in is written like the file it copies
        (".env.example", "config"),
        ("env.template", "prose"),
        ("settings.json.sample", "code"),
        ("build.bat", "config"),
    ],
)
def test_a_file_is_read_in_the_syntax_of_what_it_holds(name, syntax):
    from pathlib import Path

    from linter.model import FileKind, SourceFile

    assert SourceFile(Path("/app") / name, name, FileKind.TEXT).syntax == syntax


def test_a_url_that_is_not_a_webhook_stays_silent():
    assert scan_text("final url = 'https://api.acme-tools.io/webhook/stripe';") == []


def test_a_jwt_whose_payload_json_is_pretty_printed_is_a_jwt():
    def segment(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    header = segment(b'{"alg":"HS256","typ":"JWT"}')
    payload = segment(json.dumps({"role": "anon", "iss": "supabase", "exp": 1873004400}, indent=2).encode())
    token = f"{header}.{payload}.{rand(43, ALNUM + '-_')}"
    assert payload.startswith("ew")  # base64 of '{\n', not the usual 'eyJ'
    assert [(m.provider, m.exposure) for m in scan_text(f"const anonKey = '{token}';")] == [
        ("supabase-anon-jwt", "public")
    ]


def test_curl_user_option_must_start_a_word():
    assert [m.provider for m in scan_text(f"curl -u admin:{PASSWORD} https://api.example.net/\n", "config")] == [
        "password"
    ]
    assert scan_text(f"make build-u admin:{PASSWORD}\n", "config") == []


def test_a_prose_binding_keeps_the_whole_name():
    (binding,) = find_bindings(f"Our deploy-api-token is `{TOKEN}` for now.\n", syntax="prose")
    assert binding.name == "deploy-api-token"


@pytest.mark.parametrize(
    ("name", "singular"),
    [
        ("API_KEYS", "API_KEY"),
        ("passwords", "password"),
        ("storePasswords", "storePassword"),
        ("fallbackTokens", "fallbackToken"),
        ("credentials", None),  # a credential word itself, read as one binding
        ("tokenTypes", None),  # the plural of a name that is not a credential's
        ("hotkeys", None),
        ("status", None),
    ],
)
def test_plural_credential_names(name, singular):
    from linter.vocabulary import singular_credential_name

    assert singular_credential_name(name) == singular


def test_an_azure_sas_is_a_secret_unless_it_is_a_link_to_one_blob():
    signature = rand(43, ALNUM + "+/") + "%3D"
    account = f"https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwl&se=2030-01-01&sig={signature}"
    one_blob = f"https://acct.blob.core.windows.net/img/a.png?sv=2024-08-04&sr=b&sp=r&se=2030-01-01&sig={signature}"
    assert [provider for provider, _ in found(f"final url = '{account}';\n")] == ["azure-sas-signature"]
    assert found(f"final url = '{one_blob}';\n") == []  # opens that file only, like a presigned link


def test_a_confirmation_typed_differently_from_the_password_is_no_ones_password():
    typed = PASSWORD
    text = (
        f"await tester.enterText(find.byKey(ValueKey('SignUp-Password_ab12')), '{typed}');\n"
        f"await tester.enterText(find.byKey(ValueKey('SignUp-ConfirmPassword_cd34')), '{typed}x');\n"
    )
    assert found(text) == []  # the mismatch a sign-up test checks: no account is made with either
    signs_in = f"{text}await tester.enterText(find.byKey(ValueKey('Login-Password_ef56')), '{typed}');\n"
    assert [value for _, value in found(signs_in)] == [typed, typed]  # the account's password, tried with a typo
    same = text.replace(f"'{typed}x'", f"'{typed}'")
    assert [value for _, value in found(same)] == [typed, typed]  # the same password, in both fields


def test_a_password_typed_in_a_test_named_for_a_wrong_one_is_no_ones_password():
    def typed_in(title: str, value: str) -> str:
        return (
            f"  testWidgets('{title}', (WidgetTester tester) async {{\n"
            f"    await tester.enterText(\n        find.byKey(const ValueKey('password_Login_4lwi')), '{value}');\n"
            "  });\n"
        )

    wrong = typed_in("US2 Login with incorrect password", PASSWORD + "x")
    assert found(wrong) == []
    assert found(typed_in("wrong_password_shows_error", PASSWORD + "x")) == []
    assert [value for _, value in found(typed_in("US2 Login", PASSWORD))] == [PASSWORD]  # keyed password_Login
    # the same value signs in in another test: the account's password after all
    assert [value for _, value in found(typed_in("US2 Login", PASSWORD + "x") + wrong)] == [PASSWORD + "x"] * 2


def test_a_value_bound_to_an_app_id_elsewhere_is_that_id_not_a_credential():
    app_id = "3470" + "".join(RNG.choice(string.digits) for _ in range(12))
    url = f"'https://graph.example.com/me/media?fields=id,caption&access_token={app_id}'"
    assert [value for _, value in found(f"final u = {url};\n")] == [app_id]  # a numeric token, by its name
    oauth = f"final o = 'https://graph.example.com/oauth/access_token?client_id={app_id}&grant_type=code';\n"
    assert found(f"{oauth}final u = {url};\n") == []  # the app's id, sent where the token goes by mistake


def test_a_whole_literal_behind_a_short_prefix_is_a_key_whose_provider_the_prefix_cannot_tell():
    body = f"{rand(8).lower()}-{RNG.randbytes(2).hex()}-4{RNG.randbytes(2).hex()[1:]}-a{RNG.randbytes(6).hex()[1:]}"
    text = f"final ffApiRequestBody = '''\n{{\n  \"sk-{body}\": \"\"\n}}''';\n"
    assert found(text) == [("generic-credential", f"sk-{body}")]  # 'sk-' starts OpenAI's keys and many others'
    assert found(f"// see sk-{body} in the notes\n") == []  # not a whole literal

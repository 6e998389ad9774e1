"""Facts about text, names and hosts that several layers share, each defined once.

Lists users benefit from reading live as data in ``rules/`` (``rules/hosts/tunnel-hosts.yaml``, the provider
catalogs); small, stable facts of HTTP, Dart and Unicode are kept here as code.
"""

from __future__ import annotations

import base64
import ipaddress
import re
from functools import cache
from itertools import pairwise

# -- characters --------------------------------------------------------------------------------------------------

# Characters that render as nothing but are kept by json.decode, dart:io and servers: copied from web pages and
# chat apps into keys and header values. Wrong anywhere in a key, a header name or a value.
ZERO_WIDTH_CHARACTERS = frozenset(
    "\u00ad"  # SOFT HYPHEN
    "\u180e"  # MONGOLIAN VOWEL SEPARATOR
    "\u200b"  # ZERO WIDTH SPACE
    "\u200c"  # ZERO WIDTH NON-JOINER
    "\u200d"  # ZERO WIDTH JOINER
    "\u2060"  # WORD JOINER
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (byte-order mark)
)
# Spaces that look like a plain space or a line end but are not one: wrong at the ends of a value; inside one they
# may separate words on purpose, so they are judged where they sit (an auth scheme gap is A002's).
UNUSUAL_SPACES = frozenset(
    "\u00a0"  # NO-BREAK SPACE
    "\u2028"  # LINE SEPARATOR
    "\u2029"  # PARAGRAPH SEPARATOR
    "\u3000"  # IDEOGRAPHIC SPACE
)
INVISIBLE_CHARACTERS = ZERO_WIDTH_CHARACTERS | UNUSUAL_SPACES


def is_blank(char: str) -> bool:
    """Whitespace or an invisible character: what a safe fix may remove."""
    return char.isspace() or char in INVISIBLE_CHARACTERS


# -- placeholders ------------------------------------------------------------------------------------------------

# Placeholders typed in FlutterFlow's editor or pasted from other tools, sent as text when no variable fills them;
# one alternative per style, each group is the name the user meant (P001 judges where each style is legitimate).
PLACEHOLDER = re.compile(
    r"\{\{\s*(?P<name>[A-Za-z_][\w.-]*)\s*\}\}"  # {{name}} (Postman, handlebars)
    r"|(?<![\w\]\)])\[(?P<bracket>[A-Za-z_][\w-]*)\](?!\()"  # [name], not foo[bar] nor a markdown link
    r"|(?<![\w{])\$?\{(?P<brace>[A-Za-z_]\w*)\}(?!\})"  # {name} or ${name} sent literally
    r"|<(?P<angle>[A-Za-z_][\w-]*)>"  # <name>
    r"|\b(?P<marker>(?:YOUR|Your|your)[_-]?[A-Za-z0-9_-]*?(?:KEY|TOKEN|SECRET|ID|PASSWORD|Key|Token|Secret|Id)"
    r"|(?:INSERT|REPLACE|PUT)_[A-Z0-9_]+|REPLACE_?ME|CHANGE_?ME)\b"
)

# -- HTTP authentication -------------------------------------------------------------------------------------------

# The words written before a credential in an Authorization header (RFC 9110 schemes and the common non-standard
# ones); compared ignoring case.
AUTH_SCHEMES = ("Bearer", "Basic", "Token", "JWT", "Digest")
_SCHEME_ALTERNATIVES = "|".join(scheme.lower() for scheme in AUTH_SCHEMES)
# A scheme at the start of a value, followed by whitespace or the end: group 1 is the scheme as written.
SCHEME_PREFIX = re.compile(rf"(?i)({_SCHEME_ALTERNATIVES})(?:[ \t]+|$)")


def decode_base64_text(value: str) -> str | None:
    """The UTF-8 text that ``value`` encodes in standard base64 (its ``=`` padding may be missing), or None."""
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), a non-ASCII value, or bytes that are not UTF-8
        return None


def split_scheme(value: str) -> tuple[str | None, str]:
    """(the scheme word as written, or None; the credential after it) of a header value, blanks around removed."""
    stripped = value.strip()
    found = SCHEME_PREFIX.match(stripped)
    return (found.group(1), stripped[found.end() :]) if found else (None, stripped)


# A scheme right before the end of a text (a header value before an interpolation).
SCHEME_BEFORE = re.compile(rf"(?i)\b({_SCHEME_ALTERNATIVES})[ \t]+$")

# Headers only a server sends: in a request they do nothing. The CORS ones usually mean a browser's CORS error is being
# fought from the client side; on the web they also add a header the server's preflight must allow (lowercase).
RESPONSE_HEADERS = frozenset(
    {
        "access-control-allow-origin",
        "access-control-allow-methods",
        "access-control-allow-headers",
        "access-control-allow-credentials",
        "access-control-allow-private-network",
        "access-control-expose-headers",
        "access-control-max-age",
        "set-cookie",
        "strict-transport-security",
        "www-authenticate",
    }
)

# Header names that carry a credential without a provider saying so (the auth catalog adds its providers' own).
AUTH_HEADER_NAMES = frozenset(
    {
        "authorization",
        "apikey",
        "api-key",
        "api_key",
        "x-api-key",
        "x-apikey",
        "x-auth-token",
        "x-access-token",
        "access-token",
        "token",
        "x-token",
    }
)

# -- names that bind a credential ---------------------------------------------------------------------------------

# "Password", "key" and "secret" in the languages FlutterFlow's users write their names in: `senha`, `contrasena`,
# `motDePasse`, `kataSandi`, `chaveApi`, `szamlaagentkulcs`... (written without accents, as identifiers are).
_PASSWORD_WORDS_ABROAD = frozenset(
    {
        "senha",  # Portuguese
        "contrasena",  # Spanish
        "passwort",  # German
        "kennwort",
        "passe",  # French (mot de passe)
        "wachtwoord",  # Dutch
        "haslo",  # Polish
        "heslo",  # Czech, Slovak
        "jelszo",  # Hungarian
        "sifre",  # Turkish
        "sandi",  # Indonesian, Malay (kata sandi)
        "lozinka",  # Croatian, Serbian
    }
)
_KEY_WORDS_ABROAD = frozenset(
    {
        "chave",  # Portuguese
        "clave",  # Spanish (never as a suffix: autoclave, enclave)
        "chiave",  # Italian
        "schluessel",  # German
        "schlussel",
        "sleutel",  # Dutch
        "klucz",  # Polish
        "kulcs",  # Hungarian
        "anahtar",  # Turkish
        "kunci",  # Indonesian, Malay
        "segredo",  # "secret": Portuguese
        "secreto",  # Spanish
    }
)
_WORDS_ABROAD = _PASSWORD_WORDS_ABROAD | _KEY_WORDS_ABROAD
# Words that make a name a credential's: `apiKey`, `api_key`, `ACCESS_TOKEN`, `client-secret`, `pwd`...
CREDENTIAL_WORDS = _WORDS_ABROAD | frozenset(
    {
        "key",
        "apikey",
        "token",
        "secret",
        "password",
        "passwd",
        "pwd",
        "psw",
        "pass",
        "passphrase",
        "auth",
        "authorization",
        "bearer",
        "credential",
        "credentials",
        "jwt",
        "cookie",
        "session",
        "dsn",
        "certificate",  # Agora's app certificate, a client certificate's secret; X.509 PEMs are not judged as keys
    }
)
# Words that may follow a credential word and still name the credential itself: `API_KEY_PROD`, `secretKeyLive`,
# `token2`, `GOOGLE_MAPS_API_KEY_IOS`. Any other word names something else about it: `tokenType`, `api_key_id`,
# `passwordHint`, `authUrl`, `passwordController` (a Flutter text field).
_CREDENTIAL_QUALIFIERS = frozenset(
    {
        "value",
        "val",
        "str",
        "string",
        "raw",
        "live",
        "prod",
        "production",
        "test",
        "dev",
        "development",
        "staging",
        "stage",
        "sandbox",
        "local",
        "default",
        "base",
        "encoded",
        "b64",
        "base64",
        "hex",
        "android",
        "ios",
        "web",
        "mobile",
        "client",
        "server",
        "app",
        "main",
        "primary",
        "secondary",
        "old",
        "new",
        "v",
    }
)
# Words before a credential word that make it something public or per-request: Google's `pageToken`, a CSRF token,
# a device's push token, a publishable key.
_NOT_A_SECRET = frozenset(
    {
        "page",
        "next",
        "prev",
        "previous",
        "continuation",
        "cursor",
        "sync",
        "csrf",
        "xsrf",
        "device",
        "push",
        "fcm",
        "apns",
        "registration",
        "idempotency",
        "public",
        "publishable",
        "hash",
        "md5",
        "sha",
        "sha1",
        "sha256",
        "sha512",
        "checksum",
        "digest",
        "etag",
        "crc",
        "crc32",
        "pix",  # a Pix key (Brazil) is the address a payment is sent to, shown to whoever pays
    }
)
# Words before "key" that name a key public by design: a CAPTCHA's site key (reCAPTCHA, hCaptcha, Turnstile; Firebase
# App Check on the web) is in every page that shows the widget. Its secret key is a credential.
_PUBLIC_KEY_KINDS = frozenset({"site"})
# Credential words that also end run-together names: `accesstoken`, `clientsecret`, `userpassword`, `MAPSKEY`.
_CREDENTIAL_SUFFIXES = (
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "key",
    *sorted(_KEY_WORDS_ABROAD - {"clave"}),
)
# English words that end in "key" without naming one.
_KEY_WORDS = frozenset({"monkey", "donkey", "turkey", "hockey", "jockey", "whiskey", "lackey", "hotkey", "turnkey"})
_WORD = re.compile(r"[A-Z]+\d*(?![a-z])|[A-Z]?[a-z]+\d*|\d+")


def name_words(name: str) -> list[str]:
    """The words of an identifier in any style: ``apiKey``, ``api_key``, ``API-KEY``, ``x-api-key`` → api, key."""
    return [word.lower() for word in _WORD.findall(name)]


# After a word of another language, the words that qualify it follow it (`chaveApi`, `senha_admin`, `claveSecreta`),
# besides the qualifiers of any credential word.
_QUALIFIERS_ABROAD = _CREDENTIAL_QUALIFIERS | frozenset(
    {"api", "acesso", "acceso", "admin", "usuario", "privada", "privado", "secreta", "secreto"}
)


def _misspelt_password(word: str) -> bool:
    """``passowrd``, ``passwrod``, ``passwrd``: "password" with two letters swapped or one missing, as typed into a
    field's name (a name the code only repeats, never checks)."""
    if not word.startswith("pass") or word == "password":
        return False
    if len(word) == 8:
        return sorted(word) == sorted("password") and sum(a != b for a, b in zip(word, "password", strict=True)) == 2
    return len(word) == 7 and any(word == "password"[:cut] + "password"[cut + 1 :] for cut in range(4, 8))


def _credential_word(words: list[str], index: int) -> bool:
    word = words[index].rstrip("0123456789")
    if _misspelt_password(word):
        word = "password"
    if word in CREDENTIAL_WORDS:
        credential, before = word, words[index - 1] if index else ""
    else:  # a run-together name: `accesstoken`, `sitekey`
        credential = next((suffix for suffix in _CREDENTIAL_SUFFIXES if word.endswith(suffix)), "")
        if not credential or word in _KEY_WORDS:
            return False
        before = word[: -len(credential)]
    return before not in _NOT_A_SECRET and not (credential == "key" and before in _PUBLIC_KEY_KINDS)


def is_credential_name(name: str) -> bool:
    """True when ``name`` (a variable, key, header or parameter name) says it holds a credential: its last
    credential word (`key`, `token`, `secret`, `password`, …) is followed only by qualifiers (`API_KEY_PROD`), not
    by a word naming something else about it (`tokenType`, `api_key_id`), nor preceded by one making it public
    (`pageToken`, `publishableKey`)."""
    words = name_words(name)
    last = max((index for index in range(len(words)) if _credential_word(words, index)), default=-1)
    if last >= 0 and words[last] == "session" and words[last + 1 :] == ["id"]:
        return True  # a session id is the credential of that session
    qualifiers = _QUALIFIERS_ABROAD if last >= 0 and words[last] in _WORDS_ABROAD else _CREDENTIAL_QUALIFIERS
    return last >= 0 and all(
        word.rstrip("0123456789") in qualifiers or word.isdigit() or _credential_word(words, index)
        for index, word in enumerate(words[last + 1 :], last + 1)
    )


# -- calls made before the user has a credential -------------------------------------------------------------------

# Words of a call's name or URL that make it a call of the sign-in flow itself, sent before there is a session:
# login, sign-up, OTP, password recovery, token refresh. Such a call carries no user token yet, so an empty one in
# a header it shares with its group is expected.
_PRE_AUTH_WORDS = frozenset({"login", "logon", "signin", "signup", "otp", "authenticate", "forgot"})
# Run-together names: `userlogin`, `signinwithemail`.
_PRE_AUTH_PARTS = ("login", "signin", "signup", "logon")
# Two-word forms: `sign_in`, `logIn`, `sign-up`.
_PRE_AUTH_PAIRS = frozenset({("sign", "in"), ("sign", "up"), ("log", "in"), ("log", "on")})
# Words that are pre-auth only beside another: register a user (not a device), verify an OTP, email or phone,
# reset a password, refresh a token.
_ACCOUNT = frozenset({"user", "users", "account", "customer", "member", "email", "phone", "mobile"})
_PRE_AUTH_CONTEXTS = {
    "register": _ACCOUNT,
    "registration": _ACCOUNT,
    "verify": frozenset({"otp", "email", "phone", "mobile", "code", "sms", "account", "user", "registered", "number"}),
    "verification": frozenset({"otp", "email", "phone", "mobile", "code", "sms", "account", "number"}),
    "reset": frozenset({"password", "passwd", "pwd", "pin"}),
    "refresh": frozenset({"token", "tokens", "session", "jwt", "auth", "access"}),
}
# Words that name the call itself, not what it does: `RegisterCall`, `/api/register`.
_CALL_WORDS = frozenset({"api", "call", "request", "endpoint", "v1", "v2", "v3"})
# Verbs that, glued to a word of the sign-in flow, still name that step: `sendotp`, `resendotp`, `requestotp`.
_GLUED_VERBS = frozenset({"send", "resend", "request", "generate", "get", "validate", "confirm", "check", "submit"})
# Every word the flow is judged by: a lowercase run of two of them is split (`verifyotp`, `resetpassword`).
_FLOW_WORDS = frozenset(
    {*_PRE_AUTH_WORDS, *_PRE_AUTH_CONTEXTS, *(word for words in _PRE_AUTH_CONTEXTS.values() for word in words)}
)


def _flow_word(word: str) -> str | None:
    """``word`` as a word of the sign-in flow: itself, or the plural or misspelt third person of one (`Verifys`,
    `verifies`, `otps`); None when it is none (`verified` is not: `getVerifiedUsers` reads users)."""
    if word in _FLOW_WORDS or word in _GLUED_VERBS:
        return word
    for ending, replacement in (("ies", "y"), ("s", "")):
        if word.endswith(ending) and (stem := word[: -len(ending)] + replacement) in _FLOW_WORDS:
            return stem
    return None


def _flow_words(words: list[str]) -> list[str]:
    """The words with the flow's plural forms made singular and each lowercase run of exactly two known words (a
    verb and its object: `sendotp`, `verifyotp`, `resendotp`, `otpverification`) split; other words as they are."""
    found = []
    for word in words:
        known = _flow_word(word)
        if known is not None:
            found.append(known)
            continue
        split = next(
            (
                [head, tail]
                for cut in range(2, len(word) - 1)
                if (head := _flow_word(word[:cut])) is not None and (tail := _flow_word(word[cut:])) is not None
            ),
            None,
        )
        found += split or [word]
    return found


def _names_pre_auth_step(words: list[str]) -> bool:
    words = _flow_words(words)
    if any(word in _PRE_AUTH_WORDS or any(part in word for part in _PRE_AUTH_PARTS) for word in words):
        return True
    if any(pair in _PRE_AUTH_PAIRS for pair in pairwise(words)):
        return True
    present = set(words)
    if any(word in present and present & others for word, others in _PRE_AUTH_CONTEXTS.items()):
        return True
    meaningful = [word for word in words if word not in _CALL_WORDS]
    return bool(meaningful) and meaningful[-1] in ("register", "registration")  # `Register`, `/auth/register`


def is_pre_auth_call(*texts: str) -> bool:
    """True when a call's name, URL or path (each of ``texts``) names a step of signing in, signing up or recovering
    access: ``Login``, ``userlogin``, ``sign_up``, ``registerUser``, ``verifyOtp``, ``/auth/refresh-token``,
    ``forgotPassword``, ``/password/reset`` (not ``registerDevice`` nor ``verifyPayment``)."""
    return any(_names_pre_auth_step(name_words(text)) for text in texts if text)


# -- links that carry their own access --------------------------------------------------------------------------

# A download link signed for one object (a Firebase Storage download token, an S3 or CloudFront signature): its
# token opens that file only, and the app is meant to hold it.
# Google's OAuth client id (``<project number>-<id>.apps.googleusercontent.com``): it names an app to Google's sign-in;
# it is public, and never a token an API accepts.
GOOGLE_OAUTH_CLIENT_ID = re.compile(r"\d{6,20}-[0-9a-z]{16,64}\.apps\.googleusercontent\.com")
SIGNED_LINK = re.compile(
    r"(?i)firebasestorage\.googleapis\.com|alt=media|x-amz-signature|[?&]expires=|key-pair-id"
    r"|\.(?:jpe?g|png|gif|webp|svg|mp4|m4v|mov|webm|mp3|m4a|wav|ogg|m3u8|pdf)\?"
)  # (the last: a media or PDF file's own link, ``clip.mp4?token=…``)


def edit_distance(a: str, b: str, *, substitution: int = 1) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions); with
    ``substitution=2`` a changed character costs as much as deleting and typing it, so one edit is only a missing,
    doubled or swapped character."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else substitution
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def loose_name(name: str) -> str:
    """A name compared the way people misspell it across tools: ``user_id``, ``userId`` and ``USER-ID`` alike."""
    return re.sub(r"[_\-.\s]", "", name).lower()


# Words that make a field's value a password or a payment card's number (what must never travel in cleartext).
# Not "pin" (a map pin, India's PIN code) nor "pan" (India's tax number).
_PASSWORD_WORDS = _PASSWORD_WORDS_ABROAD | frozenset(
    {"password", "passwd", "pwd", "psw", "pass", "passphrase", "passcode"}
)
_CARD_WORDS = frozenset({"card", "cc"})
_CARD_COMPOUNDS = ("cardnumber", "cardno", "ccnumber", "creditcard")


def singular_credential_name(name: str) -> str | None:
    """``API_KEYS`` → ``API_KEY``, ``passwords`` → ``password``: the credential name a plural name lists, or None
    when ``name`` is not the plural of one."""
    if len(name) < 4 or name[-1] not in "sS" or not name[-2].isalpha():
        return None
    singular = name[:-1]
    return singular if is_credential_name(singular) and not is_credential_name(name) else None


def is_password_name(name: str) -> bool:
    """A field that holds a password: ``password``, ``user_pwd``, ``newPassword``, ``DB_PASSWORD_PROD`` (not
    ``passwordHint``)."""
    words = name_words(name)
    qualifiers = _QUALIFIERS_ABROAD if not _WORDS_ABROAD.isdisjoint(words) else _CREDENTIAL_QUALIFIERS
    while words and (words[-1].rstrip("0123456789") in qualifiers or words[-1].isdigit()):
        words.pop()  # qualifiers name the same password: DB_PASSWORD_PROD, smtpPass2
    return bool(words) and (
        words[-1] in _PASSWORD_WORDS or _misspelt_password(words[-1]) or "".join(words).endswith(("password", "passwd"))
    )


def is_card_name(name: str) -> bool:
    """A field that holds a payment card's number or security code: ``card_number``, ``cardNo``, ``cvv``."""
    words = name_words(name)
    joined = "".join(words)
    if any(compound in joined for compound in _CARD_COMPOUNDS) or (words and words[-1] in ("cvv", "cvc", "cvv2")):
        return True
    return len(words) >= 2 and words[-2] in _CARD_WORDS and words[-1] in ("number", "no", "num")


# -- FlutterFlow's environment values -----------------------------------------------------------------------------

# ``FFDevEnvironmentValues().key`` anywhere in Dart source; group 1 is the getter.
ENV_REFERENCE = re.compile(r"FFDevEnvironmentValues\(\)\s*\.\s*(\w+)")


def env_reference(expression: str) -> str | None:
    """The getter name when ``expression`` is exactly ``FFDevEnvironmentValues().x``, else None."""
    found = ENV_REFERENCE.fullmatch(expression.strip())
    return found.group(1) if found else None


# -- hosts -----------------------------------------------------------------------------------------------------------


@cache
def tunnel_suffixes() -> tuple[str, ...]:
    from linter.resources import load_data

    return tuple(load_data("rules", "hosts", "tunnel-hosts.yaml")["suffixes"])


def tunnel_suffix(host: str) -> str | None:
    """The development tunnel service ``host`` belongs to (its suffix in rules/hosts/tunnel-hosts.yaml), or None."""
    host = host.lower().rstrip(".")
    return next((suffix for suffix in tunnel_suffixes() if host == suffix or host.endswith("." + suffix)), None)


def local_host_reason(host: str) -> tuple[str, str] | None:
    """(why users' phones cannot reach ``host``, "local" | "private" | "public-ip") for device-local names, private
    and loopback addresses and raw IPs; None for an ordinary domain name."""
    host = host.lower().rstrip(".").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return f"'{host}' is the device the app runs on, not your server", "local"
    if host.endswith(".local"):
        return f"'{host}' is a local-network (mDNS) name that phones on other networks cannot resolve", "local"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if str(address) == "10.0.2.2":
        return "10.0.2.2 is the Android emulator's name for the developer's computer, unreachable from phones", "local"
    if address.is_loopback or address.is_unspecified:
        return f"{host} is the device the app runs on, not your server", "local"
    if address.is_private or address.is_link_local:
        return f"{host} is a private network address, unreachable from users' phones", "private"
    return f"{host} is a raw public IP address", "public-ip"

"""Credentials recognised by what they are bound to: ``apiKey = '…'``, ``"client_secret": "…"``, ``PASSWORD=…``,
``'Authorization': 'Bearer …'``, ``-H 'x-api-key: …'``, ``?access_token=…``, ``<secret>…</secret>``,
``process.env.SMTP_PASS || '…'``, ``${SERVICE_KEY:-…}`` — in any language or file format, whatever the value's shape.

A name binds a credential when ``linter.vocabulary.is_credential_name`` says so; its value is then judged: a literal
(quoted; unquoted only where a config line, a header line or a URL query holds it), not a placeholder, an
interpolation, an expression or a word, and long and random enough for its kind (passwords may be short).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from linter.secrets.pivots import WordFinder
from linter.secrets.placeholders import is_placeholder
from linter.vocabulary import (
    CREDENTIAL_WORDS,
    GOOGLE_OAUTH_CLIENT_ID,
    SCHEME_PREFIX,
    SIGNED_LINK,
    decode_base64_text,
    is_credential_name,
    is_password_name,
    name_words,
    singular_credential_name,
)

# Where a credential word appears a binding may start; the name around it is then read and judged exactly. Words
# inside others are left out ("pass" finds "password").
# Sign-in calls name no credential but take one: ``smtp.login("user", "…")``, ``signIn("user", "…")``.
_SIGN_IN_WORDS = ("login", "signin")
# Database connections opened with a positional password (new mysqli(…), pymysql.connect(…), new PDO(…)) are read
# only in a text holding one of these words; found by the same passes, they cost next to nothing.
_CONNECTION_WORDS = ("mysql", "new pdo")
_CREDENTIAL_HINTS = tuple(
    word for word in CREDENTIAL_WORDS if not any(other != word and other in word for other in CREDENTIAL_WORDS)
)  # "pass" stands for password, passwd, passphrase, passe and passwort
_PASSWORD_HINTS = frozenset(word for word in _CREDENTIAL_HINTS if is_password_name(word))
_HINT_WORDS = WordFinder.of((*_CREDENTIAL_HINTS, *_SIGN_IN_WORDS, *_CONNECTION_WORDS))
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _hints(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lowercase word) of every credential or call word in ``text``, ignoring case, in order."""
    # str.lower() may change the length outside ASCII ("İ" becomes two characters), which would shift positions;
    # it never shortens a text, so an unchanged length means every position kept (translate is 50x slower).
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(_ASCII_LOWER)
    return _HINT_WORDS.spans(lowered)


_NAME_CHARS = re.compile(r"[\w$.\-]{0,64}")  # matched forwards after a hint, and on the reversed text before it
# After the name: an optional closing quote or bracket, a separator, and where the value begins. ``:`` and ``=`` bind
# everywhere, also after a type (``let apiKey: String =``, ``const KEY: &str =``); ``=>`` (PHP, Ruby), ``:=`` (Go),
# ``??`` and ``||`` (a default after an environment lookup), ``,`` only after a quoted name
# (``headers.set('x-api-key', '…')``), ``>`` only inside an XML element named like a credential.
_AFTER_NAME = re.compile(
    r"(?P<close>['\"`]?\]?['\"`]?(?:\*\*|__)?)[ \t]*"
    r"(?P<sep>:=|=>|\?\?|\|\||(?<![=!<>])=(?!=)|(?::[ \t]*&?[A-Za-z_][\w.<>\[\]?]{0,40}[ \t]*=(?![=>]))|:(?!:)|,|>)"
    r"[ \t]*(?:\r?\n[ \t]*(?:(?://|#)[ \t]*)?)?"  # a value on the next line, also in commented-out code
)
_STRING_START = re.compile(r"(?:[rRbBuUfF]{0,2}|@)('''|\"\"\"|['\"`])")  # @"…": C# verbatim, Objective-C
_CLOSING_BRACKET = {"[": "]", "{": "}"}  # an unquoted value stops before its closing bracket
_UNQUOTED = re.compile(r"[^\s'\"`,;)\]}<>&#]{1,4096}")
_QUERY_UNQUOTED = re.compile(r"[^\s'\"`&#<>?;]{1,4096}")
_SHELL_DEFAULT = re.compile(r"\$\{(?P<name>[A-Za-z_]\w*):?-(?P<value>[^}\s]+)\}")
# Starts with its literal so that the regex engine can skip ahead; the option must start a word (checked in code).
_CURL_USER = re.compile(r"-(?:u|-user)[ \t]+['\"]?(?P<user>[^\s:'\"]+):(?P<value>[^\s'\"]+)")
# ``password: await bcrypt.hash('…', 12)``: a literal password handed to a function (seed scripts, tests).
_HASHED_LITERAL = re.compile(r"(?:await\s+)?[\w.]{1,40}\(\s*(['\"])(?P<value>[^'\"\n]{1,200})\1")
_AUTH_PAIR = re.compile(r"[(\[]\s*(['\"])[^'\"\n]{1,80}\1\s*,\s*(['\"])(?P<value>[^'\"\n]{1,200})\2\s*[)\]]")
# After a quoted name and a comma: the key of the value that goes with it (JSON name/value pairs: Postman headers,
# environment lists), Dart's defaultValue: argument, the default of a Firebase Functions parameter
# (defineString('API_KEY', { default: '…' })).
_PAIRED_VALUE = re.compile(r"""(['"])value\1[ \t]*:[ \t]*|defaultValue[ \t]*:[ \t]*|\{\s*default[ \t]*:[ \t]*""")
_QUOTED_VALUE_BEFORE = re.compile(r""":[ \t]*['"][^'"\n]{0,62}\Z""")  # "title": "…  (the name's quote opens a value)
_SCHEMED_TOKEN = re.compile(r"[ \t]+[^\s'\"`,;)\]}<>&#]{1,4096}")
_HEADER_LINE_VALUE = re.compile(r"[^'\"`\n]{1,4096}")
# A line that binds its first name: ``export``/``set`` in shells, a YAML list item, ``ENV``/``ARG`` in a Dockerfile.
_CONFIG_LINE_START = re.compile(r"[ \t]*(?:export[ \t]+|set[ \t]+|-[ \t]+|ENV[ \t]+|ARG[ \t]+)?['\"]?")
_PROSE_LINE_START = re.compile(r"[ \t]*(?:[-*][ \t]+)?(?:[A-Za-z]{2,20}[ \t]){0,2}(?:\*\*|__)?")  # **Key**: …
# A comment line in code reads like a note: "// API secret: …", " * - Token: …" (a block comment's line).
_COMMENT_LINE_START = re.compile(r"[ \t]*(?://+|#+|/?\*+|--)[ \t]*(?:[-*][ \t]+)?(?:[A-Za-z]{2,20}[ \t]){0,2}")

# Values that stand for a credential instead of being one.
_PLACEHOLDER_VALUE = re.compile(
    r"(?i)^(?:"
    r"x+|\*+|\.+|-+|_+|#+|0+|1234\d*|abc\d*|test|testing|demo|sample|example|dummy|fake|none|null|nil|undefined"
    r"|true|false|yes|no|on|off|empty|tbd|todo|fixme|changeme|change[_-]?me|replace[_-]?me|secret|password|passwd"
    r"|pass|token|key|api[_-]?key|apikey|access[_-]?token|your[_\-\s]?\w*|my[_\-]?\w*|<[^>]*>|\[[^\]]*\]|\{\{?[^}]*\}?\}"
    r"|\$\{[^}]*\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|%s|%d|\?+|n/?a|mock\w*"
    r")$"
)
# Names instead of values: UPPER_SNAKE words (`API_KEY_HERE`, `sk-proj-VOTRE_NOUVELLE_CLE`), snake_case or kebab-case
# identifiers made of words (`ff_signed_in_user`, a storage key), and paths (`v2/user/refresh-token`).
_ENV_REFERENCE_CALL = re.compile(r"[A-Za-z_][\w.]{0,30}\(\s*(['\"]?)[A-Z][A-Z0-9_]*\1\s*\)")
_UPPER_WORDS = re.compile(r"(?:[a-z]{1,8}[-_]){0,2}[A-Z]{2,}(?:_[A-Z0-9]{2,})+")
_IDENTIFIER_WORDS = re.compile(r"[_\-.]*[A-Za-z]+\d*(?:[_\-.]+[A-Za-z]+\d*|[_\-.]+\d+)+[_\-.]*")
_PATH_WORDS = re.compile(r"[\w.~-]*(?:/[\w.~-]+)+/?")
# A Google app password: 16 random lowercase letters, shown in 4 groups (what Gmail SMTP sign-in takes instead of the
# account password); written without the blanks, few vowels tell it from a word.
_APP_PASSWORD = re.compile(r"[a-z]{4}(?: [a-z]{4}){3}")
_APP_PASSWORD_JOINED = re.compile(r"[a-z]{16}")
# ``FFAppState().name``, ``config.auth.token``: a member or call chain written in code, not a value.
_MEMBER_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\(\))?(?:\??\.[A-Za-z_$][\w$]*(?:\([^)]{0,40}\))?)+")
# ``ff_…`` is how FlutterFlow names persisted app-state fields in storage; mock/dummy/fake values say what they are.
_GENERATED_OR_FAKE = re.compile(r"(?i)(?:ff_[A-Za-z]\w*$|(?:mock|dummy|fake)[_-])")
# Template syntax filled at run time: ${name}, {{ name }}, $(command), #{name}, <%= name %>, %(name)s.
_TEMPLATE_MARK = re.compile(
    r"\$\{[^}\s]{1,80}\}|\{\{[^}]{1,80}\}\}|\$\([\w .-]{1,80}\)|#\{[\w.]{1,80}\}|<%=?[^%]{1,80}%>|%\(\w{1,40}\)[sd]"
)
_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:[ _\-][^\W\d_]+)*")  # letters of any script: 'Пароль' translates "password"
_EXPRESSION = re.compile(r"[A-Za-z_$][\w$]*(?:\s*(?:\.|\?\.|\[|\()[\s\S]*)?")
# A placeholder's brackets around what was pasted in: a token of 20+ characters with a digit (``<api-key>`` stays
# a placeholder, a word).
_PASTED_INTO_BRACKETS = re.compile(r"<\s*(?=[^\s<>]*\d)(?P<key>[^\s<>]{20,})\s*>")
_QUOTED_INSIDE = re.compile(r"""(?P<quote>['"])(?P<key>[^'"]+)(?P=quote)""")
# Values that point somewhere (a URL, a path, an anchor, a variable) rather than hold a credential.
_LINK_OR_REFERENCE = ("http://", "https://", "data:", "/", "./", "../", "#", "@", "$", "%")
_KEY_FILE = re.compile(r"[\w.-]{1,200}\.(?i:json|p12|pfx|pem|key|jks|keystore|p8|crt|cer|der|env|ya?ml|plist|txt)")
_TIMESTAMP = re.compile(r"1[5-9]\d{8}(?:\d{3}(?:\d{3})?)?")  # Unix seconds, milliseconds or microseconds
_MIN_PASSWORD = 6  # Firebase Authentication's shortest password, and the shortest a literal password is judged at
# A device's FCM registration token: an instance id, ':APA91b' and a long body. The legacy server key shares the
# shape but starts 'AAAA' (a catalogued secret, found by its format before any name is read).
_DEVICE_REGISTRATION_TOKEN = re.compile(r"(?!AAAA)[\w-]{11,40}:APA91b[\w-]{50,300}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_WORD_AND_NUMBER = re.compile(r"(?!(?i:pass|pwd|key|field|input|user))[A-Za-z]{3,12}[_\-.]\d{2,8}")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "$": "$", "'": "'", '"': '"', "`": "`", "\\": "\\", "/": "/"}
MAX_VALUE = 4096


@dataclass(frozen=True, slots=True)
class Binding:
    """A literal bound to a credential-like name: the value's source range and the value as the runtime sees it."""

    name: str
    start: int
    end: int
    value: str
    password: bool  # the name says password (short values count)
    joined: bool = False  # the value is several literals joined: 'sk_live_' + '51…'


def _password_at(match: re.Match[str], name: str = "password") -> Binding:
    """The ``value`` group of ``match``: a password, bound to ``name``."""
    return Binding(name, match.start("value"), match.end("value"), match.group("value"), True)


@cache
def _credential_name(name: str) -> bool:
    return is_credential_name(name)


def _read_string(text: str, start: int, syntax: str) -> tuple[int, int, str] | None:
    """(content start, content end, unescaped content) of the string literal opening at ``start``; None when it is
    not a literal (``$name`` interpolates in Dart, Kotlin, PHP and shell strings, and in JS backticks)."""
    opening = _STRING_START.match(text, start)
    if opening is None:
        return None
    quote = opening.group(1)
    raw_prefix = "r" in opening.group(0)[: opening.start(1) - start].lower()
    interpolating = not raw_prefix and (syntax != "code" or quote == "`")
    index = begin = opening.end()
    out: list[str] = []
    limit = min(len(text), begin + MAX_VALUE)
    while index < limit:
        char = text[index]
        if text.startswith(quote, index):
            return begin, index, "".join(out)
        if char == "\n" and len(quote) == 1 and quote != "`":
            return None
        if char == "\\" and not raw_prefix and index + 1 < len(text):
            following = text[index + 1]
            out.append(_SIMPLE_ESCAPES.get(following, "\\" + following))
            index += 2
            continue
        if (
            char == "$"
            and interpolating
            and index + 1 < len(text)
            and (text[index + 1] in "{_" or text[index + 1].isalpha())
        ):
            return None  # ``$name`` / ``${expr}`` (Dart, JS templates, shell, PHP): filled at run time
        out.append(char)
        index += 1
    return None


def _without_scheme(value: str) -> str:
    value = value.strip()
    scheme = SCHEME_PREFIX.match(value)
    return value[scheme.end() :].strip() if scheme and scheme.group(1).lower() != "basic" else value


def judge(name: str, value: str, *, config: bool = False) -> bool:
    """True when ``value``, bound to the credential name ``name``, is a literal credential. ``config``: the value
    is a config line's (``DB_PASSWORD=…``), where a password shaped like an identifier is still a password."""
    value = value.strip()
    scheme = SCHEME_PREFIX.match(value)
    if scheme is not None and scheme.end() < len(value):
        value = value[scheme.end() :].strip()
        if scheme.group(1).lower() == "basic":
            return _basic_password(value)
    if (pasted := _PASTED_INTO_BRACKETS.fullmatch(value)) is not None:
        value = pasted.group("key")  # 'Bearer <…>' with the real key pasted between the brackets
    password = is_password_name(name)
    if password and value.isdigit() and len(value) >= _MIN_PASSWORD and len(set(value)) > 2:
        return True  # a numeric password (123456… too: the app sends it)
    if not value or len(value) > MAX_VALUE or _PLACEHOLDER_VALUE.match(value) or is_placeholder(value):
        return False
    if "\n" in value or _TEMPLATE_MARK.search(value):
        return False
    if value.startswith(_LINK_OR_REFERENCE) and "@" not in value[:80]:
        return False
    if value.startswith("__"):  # __transition_info__…: a dunder-named identifier
        return False
    if _KEY_FILE.fullmatch(value):  # GOOGLE_APPLICATION_CREDENTIALS=serviceAccountKey.json names a file
        return False
    if value.lower() == name.lower() or value.lower() in (word for word in name_words(name)):
        return False
    # A password may be a word and a number joined by a separator (``Sharky_2010``), an identifier's shape.
    identifier = _word_identifier(value) and not (password and (config or _WORD_AND_NUMBER.fullmatch(value)))
    if _ENV_REFERENCE_CALL.fullmatch(value):  # env(S3_SECRET_KEY): Supabase's config.toml reads it from the environment
        return False
    if GOOGLE_OAUTH_CLIENT_ID.fullmatch(value):  # public, even where it is sent by mistake (A009 says so)
        return False
    if _DEVICE_REGISTRATION_TOKEN.fullmatch(value):  # where to push to: only the server's key sends
        return False
    if _UPPER_WORDS.fullmatch(value) or identifier or _path(value) or _member_chain(value):
        return False
    if _GENERATED_OR_FAKE.match(value):
        return False
    if password:
        if _APP_PASSWORD.fullmatch(value) or (
            _APP_PASSWORD_JOINED.fullmatch(value) and sum(char in "aeiou" for char in value) <= 3
        ):
            return True
        if len(value) < _MIN_PASSWORD or " " in value or len(set(value)) <= 2:
            return False
        return not _WORDS_ONLY.fullmatch(value) or _random_letters(value)
    if _camel_identifier(value):
        return False
    if " " in value or len(value) < 10:
        return False
    if _UUID.fullmatch(value):  # some APIs issue UUID keys; a UUID named a session (or an id) identifies something
        return name_words(name)[-1] not in ("session", "id")
    letters = sum(char.isalpha() for char in value)
    digits = sum(char.isdigit() for char in value)
    if value.isdigit():  # a numeric key: ten symbols at most, so less entropy; long, and not a timestamp
        return len(value) >= 14 and _entropy(value) >= 2.5 and not _TIMESTAMP.fullmatch(value)
    if letters + digits < len(value) * 0.6 or _entropy(value) < 3.0:
        return False
    if digits:
        return True
    # No digit: random only when long, in both cases, and not words glued together (a random 20+ character key
    # without a digit is rare; identifiers and labels are common).
    return (
        len(value) >= 20
        and not value.islower()
        and not value.isupper()
        and _entropy(value) >= 3.8
        and not re.fullmatch(r"(?:[A-Z]?[a-z]{2,}){3,}|[A-Za-z]+[:.]", value)
    )


def _member_chain(value: str) -> bool:
    """``FFAppState().name``, ``config.auth.token``: code. A key with a dot between random parts is not
    (``pat…``/``.``/64 hex characters: a part of 16 or more characters with four or more digits)."""
    return bool(_MEMBER_CHAIN.fullmatch(value)) and not any(
        len(part) >= 16 and sum(char.isdigit() for char in part) >= 4 for part in value.split(".")
    )


def _code_expression(value: str) -> bool:
    """``functions.config().email.password``, ``process.env.API_KEY``, ``widget.token``: code, not a literal."""
    return any(mark in value for mark in ("(", ")", "?.", "!.")) or (
        "." in value
        and all(re.fullmatch(r"[A-Za-z_$][\w$]*", part) for part in value.split("."))
        and any(part[:1].islower() for part in value.split("."))
    )


def _camel_identifier(value: str) -> bool:
    """``ff_signedInUser``, ``kinQuestRulesSeen_v2``, ``myAppKey``: an identifier made of words (a storage key, a
    flag name), not a random key, whose case flips almost every character."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*", value):
        return False
    parts = re.findall(r"[A-Z]?[a-z]+\d*|[A-Z]+\d*(?![a-z])|\d+", value)
    words = [part.rstrip("0123456789") for part in parts if not part.isdigit()]
    return len(parts) <= 10 and all(
        len(word) >= 2 and (len(word) <= 3 or re.search(r"[aeiouy]", word, re.IGNORECASE)) for word in words
    )


def _random_letters(value: str) -> bool:
    """``GncfBAepfJBd``: letters only, yet not words: the case flips inside what would be its words, leaving two or
    more pieces that are a single letter or have no vowel (``confirmPassword``, ``iPhoneUser``, ``Welcome``,
    ``HTTPServer`` read as words and stay unjudged)."""
    if len(value) < 8 or not value.isalpha() or value.islower() or value.isupper():
        return False
    pieces = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", value[1:] if value[1].isupper() else value)
    return sum(1 for piece in pieces if len(piece) < 2 or not re.search(r"[aeiouy]", piece, re.IGNORECASE)) >= 2


def _word_identifier(value: str) -> bool:
    """``ff_signed_in_user``, ``last-seen-2``, ``__transition_info__``: words joined by separators, each letters (or
    digits) only."""
    return bool(_IDENTIFIER_WORDS.fullmatch(value)) and all(
        re.fullmatch(r"[A-Za-z]{1,12}\d*|\d+", part) for part in re.split(r"[_\-.]", value) if part
    )


def _path(value: str) -> bool:
    """A route or file path: two or more of its segments are lowercase words."""
    if not _PATH_WORDS.fullmatch(value):
        return False
    return sum(1 for part in value.split("/") if re.fullmatch(r"[a-z][a-z_-]{2,}(?:\.[a-z]{2,4})?", part)) >= 2


def _basic_password(value: str) -> bool:
    """A Basic credential is a literal credential when it decodes to ``user:password`` with a real password (a
    malformed one is A004's)."""
    decoded = decode_base64_text(value)
    if decoded is None:
        return False
    _, separator, password = decoded.partition(":")
    return bool(separator) and judge("password", password)


def _entropy(text: str) -> float:
    import math
    from collections import Counter

    size = len(text)
    return -sum(count / size * math.log2(count / size) for count in Counter(text).values())


_DEFINE = re.compile(r"(?:--dart-define|--define|-D|--build-arg|--env|-e)[= ]\Z")


def _defined(text: str, name_start: int) -> bool:
    """``--dart-define=NAME=value`` (and Docker's ``--build-arg``/``-e``): a value on a command line."""
    return _DEFINE.search(text, max(0, name_start - 16), name_start) is not None


def _in_comment(text: str, position: int) -> bool:
    """Whether ``position`` sits in a ``//`` comment that begins its line (commented-out code)."""
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start:position].lstrip().startswith("//")


def _config_line(text: str, name_start: int, *, prose: bool = False) -> bool:
    """True when the name starts a ``NAME=value`` / ``name: value`` line (config files, shells, YAML); in prose
    the name may be the last of a few words (``API key: …``, ``Stripe secret key: …``)."""
    line_start = text.rfind("\n", 0, name_start) + 1
    start = _CONFIG_LINE_START if not prose else _PROSE_LINE_START
    return start.fullmatch(text, line_start, name_start) is not None


def find_bindings(text: str, *, syntax: str) -> list[Binding]:
    """Every literal bound to a credential-like name in ``text``. ``syntax``: "code" (values are quoted; "interpolating"
    code fills in ``$name``), "config"
    (``KEY=value`` lines hold values without quotes: .env, YAML, properties, shell) or "prose" (config lines, and
    values quoted in sentences: Markdown, text, logs)."""
    found: list[Binding] = []
    seen_names: set[int] = set()
    read_until = 0  # an unquoted value read for one name is not searched again for names
    words_seen: set[str] = set()
    password_hints: list[int] = []
    for hint_start, hint_end, word in _hints(text):
        words_seen.add(word)
        if word in _PASSWORD_HINTS:
            password_hints.append(hint_start)
        if hint_start < read_until or word in _CONNECTION_WORDS:
            continue
        before = text[max(0, hint_start - 64) : hint_start][::-1]
        name_start = hint_start - _NAME_CHARS.match(before).end()
        if name_start in seen_names:
            continue
        seen_names.add(name_start)
        name_end = _NAME_CHARS.match(text, hint_end).end()
        name = text[name_start:name_end].strip(".-$")
        if not name:
            continue
        after = _AFTER_NAME.match(text, name_end)
        if after is None:
            binding = _bound_without_separator(text, name, name_start, name_end, syntax)
            if binding is not None:
                found.append(binding)
            continue
        singular = singular_credential_name(name)
        if singular is not None and after.group("sep") in ("=", ":", ":=", "=>"):
            found.extend(_listed_values(text, singular, after.end(), syntax))
            continue
        binding, read_until = _bound_value(text, name, name_start, after, syntax, read_until)
        if binding is not None:
            found.append(binding)
    if syntax in ("config", "prose"):  # shells, compose files, Dockerfiles; in code ${…} is an interpolation
        found.extend(_shell_defaults(text))
    found.extend(_curl_users(text))
    found.extend(_matched_passwords(text, *_ENCODED_PAIRS))  # user:password handed to an encoder
    found.extend(_typed_into_fields(text, password_hints))
    if ".fill(" in text or ".type(" in text:
        found.extend(_typed_in_browser(text))
    if "gen_salt(" in text:
        found.extend(_matched_passwords(text, _PGCRYPTO_PASSWORD, accept=_typed_password))  # its shape aside
    found.extend(_signing_keys(text, words_seen))
    if not words_seen.isdisjoint(_CONNECTION_WORDS):
        found.extend(_matched_passwords(text, _CONNECTION_PASSWORD))
    if syntax == "prose":
        found.extend(_prose(text))
        found.extend(_credential_sections(text))
        found.extend(_account_lines(text))
    return found


def _bound_value(
    text: str, name: str, name_start: int, after: re.Match[str], syntax: str, read_until: int
) -> tuple[Binding | None, int]:
    """The binding after ``name`` (or None), and how far unquoted text was read."""
    config = syntax in ("config", "prose")
    config_line = False  # the value is a config line's (KEY=value): no code around it
    separator, close = after.group("sep"), after.group("close")
    quoted_name = name_start > 0 and text[name_start - 1] in "'\"`"
    paired = separator == "," and _PAIRED_VALUE.match(text, after.end())
    if (
        separator == ","
        and not paired
        and (not quoted_name or _QUOTED_VALUE_BEFORE.search(text, max(0, name_start - 64), name_start))
    ):
        return None, read_until  # "Password", in JSON is a value (a label), not a name handed to a call
    attribute = text.endswith(('name="', "name='", 'key="', "key='"), max(0, name_start - 6), name_start)
    if separator == ">" and not (name_start > 0 and text[name_start - 1] == "<") and not attribute:
        return None, read_until  # <apiKey>…</apiKey>, or <string name="api_key">…</string> (Android resources)
    if separator == ">" and name.lower() == "key":  # a plist: <key>Name</key> then <string>value</string>
        return _plist_entry(text, after.end()), read_until
    if separator in ("??", "||"):  # env.SMTP_PASS || 'x', ffVariables["apiKey"] ?? "x": the name is the last word
        name = name.rsplit(".", 1)[-1]
    if not _credential_name(name):
        return None, read_until
    start = after.end() if not paired else paired.end()  # {"key": "x-api-key", "value": "…"}, defaultValue: '…'
    if not config and text.startswith(("//", "/*"), start):
        start = _SKIPPED_COMMENTS.match(text, start).end()  # const key = // the new key\n  'new key';
    string = _read_joined(text, start, syntax)
    if not config and after.group().endswith(("//", "// ")) and not _in_comment(text, name_start):
        # const key =\n  // 'old key';\n  'new key';: the live code binds the literal after the commented-out one
        live = _COMMENTED_LINES.match(text, text.rindex("//", 0, after.end())).end()
        string = _read_joined(text, live, syntax) or string
    if string is not None:  # inside an XML element a quoted text is not read
        return (None if separator == ">" else _string_binding(text, name, string)), read_until
    query = name_start > 0 and text[name_start - 1] in "?&;" and separator == "="  # URL query, connection string
    query = query or (config and name_start > 0 and text[name_start - 1] == ":" and separator == "=")  # .npmrc
    query = query or (text.startswith("--", name_start) and separator == "=")  # a command line's --api-key=…
    if query and _signed_link(text, name_start):
        return None, read_until
    header_line = quoted_name and not close and separator == ":"  # 'Authorization: Bearer x' inside a string
    # 'Demo account password: x' (a sentence a string holds): the password ends the string
    sentence_quote = "" if quoted_name or config or separator != ":" else _sentence_quote(text, name, name_start)
    if "\n" in text[after.start("sep") : start]:
        return None, read_until  # an unquoted value never continues on the next line (``KEY=`` left empty)
    if separator == ">":
        closing = text.find("</", start, start + MAX_VALUE)
        value = text[start:closing].strip() if closing != -1 else ""
    elif (
        query
        or header_line
        or sentence_quote
        or (config_line := config and _config_line(text, name_start, prose=syntax == "prose"))
        or (not config and _COMMENT_LINE_START.fullmatch(text, text.rfind("\n", 0, name_start) + 1, name_start))
        or _defined(text, name_start)
    ):
        unquoted = (_QUERY_UNQUOTED if query else _UNQUOTED).match(text, start)
        if unquoted is None:
            return None, read_until
        value = unquoted.group()
        if sentence_quote and not text.startswith(sentence_quote, start + len(value)):
            return None, read_until  # more words follow: a sentence about the password, not one quoting it
        if text.startswith(_CLOSING_BRACKET.get(value[0], "\0"), start + len(value)):
            return None, read_until  # Password: [your-password]: a stand-in in brackets
        if header_line and SCHEME_PREFIX.match(value):
            line = _HEADER_LINE_VALUE.match(text, start)
            value = line.group().rstrip() if line else value
        elif config and SCHEME_PREFIX.fullmatch(value) and (token := _SCHEMED_TOKEN.match(text, start + len(value))):
            value = text[start : token.end()]  # Authorization: Bearer … (an .http file, a note)
    elif name.lower() == "auth" and (pair := _AUTH_PAIR.match(text, start)):  # requests: auth=("user", "pass")
        value = pair.group("value")
        if not judge("password", value):
            return None, read_until
        return Binding("password", pair.start("value"), pair.end("value"), value, True), read_until
    elif is_password_name(name) and (call := _HASHED_LITERAL.match(text, start)):
        value = call.group("value")
        if not judge(name, value):
            return None, read_until
        return Binding(name, call.start("value"), call.end("value"), value, True), read_until
    else:
        return None, read_until
    read_until = start + len(value)
    if _code_expression(value) or (
        _EXPRESSION.fullmatch(value) and not (config or query) and not any(map(str.isdigit, value))
    ):
        return None, read_until
    if not judge(name, value, config=config_line):
        return None, read_until
    begin = _token_start(text, start, start + len(value))
    return Binding(name, begin, start + len(value), _without_scheme(value), is_password_name(name)), read_until


_SENTENCE_BEFORE = re.compile(r"""(['"])[^'"\n]{0,80}\Z""")


def _sentence_quote(text: str, name: str, name_start: int) -> str:
    """The quote that opens a string holding a sentence in which a password name stands (``'Demo account password:
    …'``), or "" when the name is not a password's or not inside such a string."""
    if not is_password_name(name):
        return ""
    opening = _SENTENCE_BEFORE.search(text, max(0, name_start - 81), name_start)
    return opening.group(1) if opening else ""


# Bindings written without a separator after the name.
_DEFINE_LINE = re.compile(r"[ \t]*#[ \t]*define[ \t]+")  # C, C++, Arduino sketches: #define API_KEY "…"
_BLANKS = re.compile(r"[ \t]+")
# .netrc: "machine host login user password value" on one line, or each on its own line after "machine host".
_NETRC_LINE = re.compile(r"[ \t]*(?:machine|default)\b|[ \t]*\Z")
_NETRC_VALUE = re.compile(r"[ \t]+(?P<value>[^\s'\"]{1,256})")
# <meta-data android:name="io.example.ApiKey" android:value="…"/>, <add key="ApiKey" value="…"/> (.NET config)
_VALUE_ATTRIBUTE = re.compile(r"""(['"])\s+(?:[\w-]+:)?value\s*=\s*(['"])(?P<value>[^'"\n]{1,4096})\2""")
# ... and <EnvironmentVariable key = "API_KEY" value = "…"> (an Xcode scheme)
_NAME_ATTRIBUTE_BEFORE = re.compile(r"(?:name|key)[ \t]*=[ \t]*['\"]\Z")
_CALL_OPEN = re.compile(r"\(\s*")
# Between and after arguments: a comma, blanks and comments (a literal's line may explain what to put there).
_COMMENTS = r"(?:\s*(?://[^\n]{0,200}|/\*.{0,200}?\*/)){0,4}\s*"  # bounded: a run stays linear on any input
_SKIPPED_COMMENTS = re.compile(_COMMENTS, re.S)
_COMMENTED_LINES = re.compile(r"//[^\n]*\n(?:[ \t]*//[^\n]*\n){0,3}[ \t]*")  # from a line comment to the code after
_NEXT_ARGUMENT = re.compile(rf"{_COMMENTS},{_COMMENTS}", re.S)
_LAST_ARGUMENT_END = re.compile(rf"{_COMMENTS},?{_COMMENTS}\)", re.S)
_ARGUMENT_END = re.compile(rf"{_COMMENTS}[,)]", re.S)
# A string literal that is a whole Authorization value wherever it stands: setValue("Bearer …", forHTTPHeaderField:…)
_LITERAL_SCHEMES = frozenset({"bearer", "token"})
_SETTER_VERBS = frozenset({"set", "with", "use"})
# Calls that take a user and a password, by what their lowercased name contains: HTTPBasicAuth("u", "…"),
# NetworkCredential("u", "…"), signInWithEmailAndPassword("u", "…"), authWithPassword("u", "…"), smtp.login(…).
_PAIR_CALL_WORDS = ("auth", "credential", "basic", "password", *_SIGN_IN_WORDS)
# Names ending in these words name an action or a state, not a value a setter stores: goNamedAuth('SignUp').
_NOT_A_SETTER = frozenset({"auth", "authorization", "session", "cookie", "certificate"})


# The password options of the JDK's keytool and jarsigner (their documentation), written with one dash.
_KEYTOOL_PASSWORDS = frozenset({"storepass", "keypass", "srcstorepass", "deststorepass", "srckeypass", "destkeypass"})


def _bound_without_separator(text: str, name: str, name_start: int, name_end: int, syntax: str) -> Binding | None:
    """A literal ``"Bearer …"`` wherever it stands, a command's argument on its own line (``storePassword '…'``),
    ``#define API_KEY "…"``, ``--password '…'``, a ``.netrc`` line, ``setApiKey("…")`` / ``.apiKey("…")`` (setters
    and builders), ``HTTPBasicAuth("user", "…")``, and a name attribute followed by a value attribute in one XML
    element."""
    line_start = text.rfind("\n", 0, name_start) + 1
    if name_start and text[name_start - 1] in "'\"`" and name.lower() in _LITERAL_SCHEMES:
        return _string_binding(text, name, _read_joined(text, name_start - 1, syntax))  # "Bearer …" anywhere
    if _BLANKS.fullmatch(text, line_start, name_start) or line_start == name_start:
        gap = _BLANKS.match(text, name_end)  # a command's argument: storePassword "…" (Gradle), password "…" (Ruby)
        if gap is not None and text.startswith(("'", '"'), gap.end()):
            return _string_binding(text, name, _string_after(text, gap.end(), syntax))
    if _DEFINE_LINE.fullmatch(text, line_start, name_start) and (gap := _BLANKS.match(text, name_end)):
        return _string_binding(text, name, _string_after(text, gap.end(), syntax))
    if text.startswith("--", name_start) and (gap := _BLANKS.match(text, name_end)):  # the name is read with its --
        return _option_value(text, name, gap.end(), syntax)  # a command line: --password 'value', --api-key value
    keytool = text.startswith("-", name_start) and name.lower() in _KEYTOOL_PASSWORDS
    if keytool and (gap := _BLANKS.match(text, name_end)):  # keytool -storepass value (also jarsigner's)
        return _option_value(text, "password", gap.end(), syntax)
    netrc = syntax == "prose" and name == "password" and "machine" in text
    if netrc and _NETRC_LINE.match(text, line_start, name_start) and (word := _NETRC_VALUE.match(text, name_end)):
        value = word.group("value")  # .netrc: machine host login user password value
        return Binding(name, word.start("value"), word.end("value"), value, True) if judge(name, value) else None
    if _NAME_ATTRIBUTE_BEFORE.search(text, max(0, name_start - 12), name_start):
        attribute = _VALUE_ATTRIBUTE.match(text, name_end)
        if attribute is None or not _credential_name(name) or not judge(name, attribute.group("value")):
            return None
        value = attribute.group("value")
        return Binding(name, attribute.start("value"), attribute.end("value"), value, is_password_name(name))
    call = _CALL_OPEN.match(text, name_end)
    if call is None:
        return None
    callee = name.rsplit(".", 1)[-1]
    words = name_words(callee)
    if any(word in callee.lower() for word in _PAIR_CALL_WORDS) and (pair := _literal_pair(text, call.end(), syntax)):
        return Binding(callee, pair.begin, pair.end, pair.value, True) if judge("password", pair.value) else None
    if words and words[0] in _SETTER_VERBS:
        callee = callee[len(words[0]) :]  # setApiKey → ApiKey
    elif text[name_end - len(callee) - 1 : name_end - len(callee)] != ".":
        return None  # a plain call apiKey("…") may look a key up by its name; a builder's .apiKey("…") sets it
    if not _credential_name(callee) or name_words(callee)[-1] in _NOT_A_SETTER:
        return None
    string = _string_after(text, call.end(), syntax)
    if string is None or not _ARGUMENT_END.match(text, string.after):
        return None  # the literal must be a whole argument
    return _string_binding(text, callee, string)


# A list literal: [ … ] (most languages), ( … ) (Python tuples, shell arrays), @( … ) (PowerShell), arrayOf( … ).
_LIST_OPEN = re.compile(r"(?:@|arrayOf|listOf|List\.of|Arrays\.asList)?[\[(]\s*")
_LIST_ITEM_GAP = re.compile(rf"{_COMMENTS}[,;]?{_COMMENTS}", re.S)
_MAX_LIST_ITEMS = 50


def _listed_values(text: str, name: str, start: int, syntax: str) -> list[Binding]:
    """``API_KEYS = ['…', '…']``, ``$passwords = @("…", "…")``: each literal of a list bound to a plural credential
    name (``name`` is the singular), judged like a value bound to that name."""
    opening = _LIST_OPEN.match(text, start)
    if opening is None:
        return []
    found: list[Binding] = []
    position = opening.end()
    for _ in range(_MAX_LIST_ITEMS):
        string = _string_after(text, position, syntax)
        if string is None:
            break
        binding = _string_binding(text, name, string)
        if binding is not None:
            found.append(binding)
        position = _LIST_ITEM_GAP.match(text, string.after).end()
    return found


def _option_value(text: str, name: str, start: int, syntax: str) -> Binding | None:
    """The value after a command-line option named like a credential (``--password 'x'``, ``--token x``)."""
    if text.startswith(("'", '"'), start):
        return _string_binding(text, name, _string_after(text, start, syntax))
    word = _UNQUOTED.match(text, start)
    if (
        word is None
        or not _credential_name(name)
        or word.group().startswith(("-", "$"))
        or not judge(name, word.group())
    ):
        return None
    return Binding(name, start, word.end(), word.group(), is_password_name(name))


class _Literal(NamedTuple):
    """A string literal in the text, or several joined into one value."""

    begin: int  # where the (first piece's) content starts
    end: int  # where the (last piece's) content ends
    value: str  # the value the runtime sees: escapes resolved, pieces joined
    after: int  # where the (last) literal ends, after its closing quote
    joined: bool = False  # several literals joined: 'sk_live_' + '51…'


def _string_after(text: str, start: int, syntax: str) -> _Literal | None:
    """The string literal opening at ``start``."""
    string = _read_string(text, start, syntax)
    if string is None:
        return None
    opening = _STRING_START.match(text, start)
    return _Literal(*string, string[1] + len(opening.group(1)))


def _literal_pair(text: str, start: int, syntax: str) -> _Literal | None:
    """The second of exactly two literal arguments starting at ``start`` (a user and a password)."""
    first = _string_after(text, start, syntax)
    gap = _NEXT_ARGUMENT.match(text, first.after) if first else None
    second = _string_after(text, gap.end(), syntax) if gap else None
    if second is None or not first.value or not _LAST_ARGUMENT_END.match(text, second.after):
        return None
    return second


def _string_binding(text: str, name: str, string: _Literal | None) -> Binding | None:
    """A string literal bound to ``name``, if ``name`` is a credential's and the value one; the binding starts after
    leading blanks and an auth scheme."""
    if string is None or not _credential_name(name):
        return None
    begin, end, value, _, joined = string
    if (quoted := _QUOTED_INSIDE.fullmatch(value)) is not None:
        value = quoted.group("key")  # "\"…\"" (Gradle's buildConfigField): the app sees what is inside the quotes
    if not judge(name, value):
        return None
    begin, value = _token_start(text, begin, end), _without_scheme(value)
    if (pasted := _PASTED_INTO_BRACKETS.fullmatch(value)) is not None:
        value = pasted.group("key")
    if not joined and (inner := text.find(value, begin, end)) > begin:
        begin, end = inner, inner + len(value)  # the key's own characters, not its brackets or escaped quotes
    return Binding(name, begin, end, value, is_password_name(name), joined)


# Between two pieces of one value: `+` (most languages), or blanks on the line or before the next indented line
# (Dart, Python and C join adjacent literals; an unindented literal on the next line starts a statement).
_JOIN = re.compile(r"(?:\s*\+\s*|[ \t]*(?:\r?\n[ \t]+)?)(?=[rRbBuUfF]{0,2}['\"])")
_MAX_PIECES = 8


def _read_joined(text: str, start: int, syntax: str) -> _Literal | None:
    """The string literal opening at ``start``, continued over literals joined to it (``'sk_live_' + '51…'``,
    ``'Bearer ' + 'pat…'``)."""
    first = last = _string_after(text, start, syntax)
    if first is None:
        return None
    pieces = [first.value]
    for _ in range(_MAX_PIECES - 1):
        join = _JOIN.match(text, last.after)
        piece = _string_after(text, join.end(), syntax) if join and join.end() > last.after else None
        if piece is None:
            break
        last = piece
        pieces.append(piece.value)
    if len(pieces) == 1:
        return first
    return _Literal(first.begin, last.end, "".join(pieces), last.after, joined=True)


_LEADING_SCHEME = re.compile(r"(?:\s|\\[tnr])*(?:(?i:bearer|token|jwt)[ \t]+(?:['\"]\s*\+?\s*['\"])?)?")
_PLIST_ENTRY = re.compile(r"(?P<name>[^<]{1,100})</key>\s*<string>(?P<value>[^<]{1,4096})</string>")


def _token_start(text: str, begin: int, end: int) -> int:
    """Where the credential begins inside a string: after leading blanks (or their escapes) and an auth scheme."""
    return min(_LEADING_SCHEME.match(text, begin, end).end(), end)


def _plist_entry(text: str, start: int) -> Binding | None:
    """``<key>ApiSecret</key><string>…</string>`` (Info.plist, GoogleService-Info.plist)."""
    entry = _PLIST_ENTRY.match(text, start)
    if entry is None:
        return None
    name, value = entry.group("name").strip(), entry.group("value").strip()
    if not _credential_name(name) or not judge(name, value):
        return None
    return Binding(name, entry.start("value"), entry.end("value"), value, is_password_name(name))


# A link that carries its own time-limited or single-file capability: a Firebase Storage download URL
# (``?alt=media&token=…``) or a presigned URL. The token opens that one file; it is not an account credential.
def _signed_link(text: str, name_start: int) -> bool:
    line_start = max(text.rfind("\n", 0, name_start), text.rfind(" ", 0, name_start), 0)
    line_end = text.find("\n", name_start)
    return SIGNED_LINK.search(text, line_start, line_end if line_end != -1 else len(text)) is not None


# In a sentence: a word that only names a credential (not "key", "pass" or "session", common in any prose), then
# within the sentence a quoted or `code` token.
_PROSE_WORDS = ("tokens?", "secrets?", "passwords?", "passwd", "api[ _-]?keys?", "bearer", "credentials?", "jwt", "dsn")
# The credential word first (a name ending in it is read backwards in code): a pattern that starts with
# ``[\w-]*`` is tried at every character of a long document.
_PROSE = re.compile(
    r"(?i)(?P<word>" + "|".join(_PROSE_WORDS) + r")\b"
    r"[^\n.;]{0,80}?(?P<quote>[`'\"])(?P<value>[\w|+=-]{20,512})(?P=quote)"
)
_NAME_BEFORE = re.compile(r"[\w-]*$")


def _prose(text: str) -> list[Binding]:
    """``the API token (`7|a1b2…`) is hardcoded``: a token quoted near a credential word in docs and notes, judged
    strictly (letters and digits, random)."""
    found = []
    for match in _PROSE.finditer(text):
        value = match.group("value")
        if _random_token(value):
            start = match.start()
            head = _NAME_BEFORE.search(text, max(0, start - 64), start)
            name = (head.group() if head else "") + match.group("word")
            found.append(Binding(name, match.start("value"), match.end("value"), value, False))
    return found


def _random_token(value: str) -> bool:
    """A token prose quotes, judged strictly: letters and digits, random (hex has 16 symbols: less entropy)."""
    floor = 3.0 if _HEX.fullmatch(value) else 3.5
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)) or _entropy(value) < floor:
        return False
    return judge("token", value)


# A Markdown heading that names credentials ("## API Keys", "### Tokens (staging)"), and a `code` span in its section.
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<title>[^\n]{1,120})$", re.M)
_CREDENTIAL_TITLE = re.compile(r"(?i)\b(?:" + "|".join(_PROSE_WORDS) + r")\b")
_CODE_SPAN = re.compile(r"`(?P<value>[\w|+=-]{20,512})`")
_MAX_SECTION = 4000
_HEX = re.compile(r"[0-9a-f]+|[0-9A-F]+")


def _credential_sections(text: str) -> list[Binding]:
    """``### API Keys`` then ``- **Weather**: `a1b2…` ``: a token written in a Markdown section whose heading names
    credentials (up to the next heading of its level or above), judged as strictly as a sentence's."""
    found: list[Binding] = []
    headings = list(_HEADING.finditer(text)) if "#" in text else []
    for index, heading in enumerate(headings):
        title = _CREDENTIAL_TITLE.search(heading.group("title"))
        if title is None:
            continue
        level = len(heading.group("level"))
        after = (other for other in headings[index + 1 :] if len(other.group("level")) <= level)
        end = min(next((other.start() for other in after), len(text)), heading.end() + _MAX_SECTION)
        for span in _CODE_SPAN.finditer(text, heading.end(), end):
            value = span.group("value")
            if _random_token(value):
                found.append(Binding(title.group(), span.start("value"), span.end("value"), value, False))
    return found


# A test account written down in notes: an email, then its password ending the line (``qa@example.org  Pw…``,
# ``qa@example.org / Pw…``). The pattern starts at "@", which the regex engine finds fast.
_ACCOUNT_LINE = re.compile(
    r"@[\w-]+(?:\.[\w-]+)+[ \t]*(?:[/|:,][ \t]*|[ \t])(?P<value>[^\s'\"`,;<>()\[\]]{6,64})[ \t]*\r?$", re.M
)
_EMAIL_LOCAL_PART = re.compile(r"[\w.+-]+\Z")
_NUMBERS_WITH_SEPARATORS = re.compile(r"[\d\-/.:]+")


def _account_lines(text: str) -> list[Binding]:
    """Test accounts in notes: the password after an email, at the end of its line."""
    found = []
    for match in _ACCOUNT_LINE.finditer(text):
        value = match.group("value")
        if "@" in value or not _EMAIL_LOCAL_PART.search(text, max(0, match.start() - 64), match.start()):
            continue
        dated = _NUMBERS_WITH_SEPARATORS.fullmatch(value) and not value.isdigit()  # 2024-05-01, 10:30
        if judge("password", value) and not dated and not _path(value) and "." not in value.strip("."):
            found.append(_password_at(match))
    return found


def _shell_defaults(text: str) -> list[Binding]:
    """``${SUPABASE_SERVICE_KEY:-eyJ…}``: the default is a literal that ships."""
    found = []
    for match in _SHELL_DEFAULT.finditer(text):
        name, value = match.group("name"), match.group("value")
        if _credential_name(name) and judge(name, value):
            found.append(Binding(name, match.start("value"), match.end("value"), value, is_password_name(name)))
    return found


# FlutterFlow's generated integration tests type into a widget found by its key:
# ``tester.enterText(find.byKey(const ValueKey('password_x7k2')), 'value')``, and sign a test account in first with
# ``FirebaseAuth.instance.signInWithEmailAndPassword(email: '…', password: '…')``.
# The field is found by its key, or by the text it shows (its label, or a hint of dots: an obscured password field).
_ENTER_TEXT = re.compile(
    r"enterText\(\s*find\.(?:byKey\(\s*(?:const\s+)?ValueKey\(|text\(|widgetWithText\(\s*\w+\s*,)"
    r"\s*(['\"])(?P<name>[^'\"\n]{1,80})\1\s*\)\s*(?:\)\s*)?,\s*"
    r"(['\"])(?P<value>[^'\"\n]{1,200})\3"
)
_OBSCURED_HINT = re.compile(r"[•●*∙·]{4,}")
_SIGN_IN_CALL = "signInWithEmailAndPassword("
_SIGN_IN_PASSWORD = re.compile(
    re.escape(_SIGN_IN_CALL) + r"\s*email:\s*(?:'[^'\n]*'|\"[^\"\n]*\"|[\w.]+)\s*,\s*"
    r"password:\s*(['\"])(?P<value>[^'\"\n]{1,200})\1"
)
_WIDGET_KEY_SUFFIX = re.compile(r"_[a-z0-9]{4}$")  # FlutterFlow makes widget keys unique: password_x7k2
_CONFIRMING_WORDS = frozenset({"confirm", "confirmation", "repeat", "verify", "again", "retype"})


# A password field filled in by the app: the initial value set in FlutterFlow (``_model.passwordTextController ??=
# TextEditingController(text: '…')``) or by an action (``_model.passwordTextController?.text = '…'``; dart format
# may break the line before ``?.text``). Matched where a field's name starts.
_FILLED_FIELD = re.compile(
    r"(?P<name>[A-Za-z_$][\w$]*?)(?:Text(?:Editing)?)?Controller\d*\s*"
    r"(?:\??\.text\s*=\s*|(?:\?\?)?=\s*(?:new\s+)?TextEditingController\(\s*text:\s*)(['\"])(?P<value>[^'\"\n]{1,200})\2"
)
_IDENTIFIER_START = re.compile(r"[\w$]*\Z")


# Words after "password" in a FlutterFlow field's name that say which form or whose field it is.
_FORM_WORDS = frozenset(
    {"login", "signin", "signup", "register", "create", "admin", "seller", "user", "current", "field", "input"}
)


def _password_field(name: str) -> bool:
    """``passwordLogin``, ``passwordAdmin``, ``confirmPassword``: a password field's name."""
    words = name_words(name)
    while len(words) > 1 and words[-1] in _FORM_WORDS | _CONFIRMING_WORDS:
        words.pop()
    return is_password_name("_".join(words))


def _filled_password_fields(text: str, hints: list[int]) -> list[Binding]:
    """Passwords an app fills into its fields, and test accounts signing in, looked for where a password word is
    (``hints``: where each starts), not in the whole text."""
    found: list[Binding] = []
    names: set[int] = set()
    for hint in hints:
        name_start = _IDENTIFIER_START.search(text, max(0, hint - 64), hint).start()
        if name_start in names:
            continue
        names.add(name_start)
        field = _FILLED_FIELD.match(text, name_start)
        if field is not None and _password_field(field.group("name")) and _typed_password(field.group("value")):
            found.append(_password_at(field, field.group("name")))
        call = hint - _SIGN_IN_CALL.index("Password")  # the hint is the "Password" of the call's name
        sign_in = _SIGN_IN_PASSWORD.match(text, call) if text.startswith(_SIGN_IN_CALL, call) else None
        if sign_in is not None and _typed_password(sign_in.group("value")):
            found.append(_password_at(sign_in))
    return found


# Browser tests (Playwright, Cypress, Puppeteer) type into a field found by a selector: page.fill('#password', '…'),
# page.locator('#current-password').fill('…'), page.getByLabel('Password').fill('…'), cy.get('#pwd').type('…'), or
# kept in a variable named for it: passwordInput.fill('…'). Matched from ".fill(" or ".type(", the selector read
# backwards from there.
_BROWSER_TYPING = re.compile(
    r"\.(?:fill|type)\(\s*(?:(['\"])(?P<selector>(?:(?!\1)[^\n]){1,120})\1\s*,\s*)?"
    r"(['\"])(?P<value>[^'\"\n]{1,200})\3"
)
_FIELD_FINDER_BEFORE = re.compile(
    r"(?:locator|getByLabel|getByPlaceholder|getByTestId|get|\$)\(\s*(['\"])(?P<name>(?:(?!\1)[^\n]){1,120})\1\s*\)\s*\Z"
)
_VARIABLE_BEFORE = re.compile(r"(?P<name>[A-Za-z_$][\w$]{0,60})\Z")


def _typed_in_browser(text: str) -> list[Binding]:
    """Passwords a browser test types into a field whose selector (or variable) names a password field."""
    found = []
    for match in _BROWSER_TYPING.finditer(text):
        field = match.group("selector")
        if field is None:
            before = _FIELD_FINDER_BEFORE.search(text, max(0, match.start() - 160), match.start()) or (
                _VARIABLE_BEFORE.search(text, max(0, match.start() - 61), match.start())
            )
            field = before.group("name") if before else ""
        value = match.group("value")
        if not (field and _password_field(field) and _typed_password(value)):
            continue
        if not _wrong_password_test(text, match.start(), value):  # a test that the app refuses a wrong one
            found.append(_password_at(match))
    return found


# Postgres' pgcrypto hashing a literal as a user is seeded: crypt('…', gen_salt('bf')) (Supabase auth.users rows):
# that account's password, whatever its shape.
_PGCRYPTO_PASSWORD = re.compile(r"crypt\(\s*'(?P<value>[^'\n]{1,200})'\s*,\s*gen_salt\(")


def _typed_password(value: str) -> bool:
    """A value a test types as a password: whatever it is, even the word "password", unless it stands for one."""
    return len(value) >= _MIN_PASSWORD and "$" not in value and not value.isspace() and not is_placeholder(value)


def _typed_into_fields(text: str, password_hints: list[int]) -> list[Binding]:
    """A literal a test types into a field keyed like a credential, and the password a test account signs in with.
    A confirmation typed with another value than the password before it tests the mismatch, and a test named for a
    wrong password types one: no one's password (unless the same value signs in elsewhere)."""
    found: list[Binding] = []
    mismatched: list[Binding] = []  # a password typed before a confirmation that differs, or to be refused
    if "enterText(" in text:
        for match in _ENTER_TEXT.finditer(text):
            name = _WIDGET_KEY_SUFFIX.sub("", match.group("name"))
            name = "password" if _OBSCURED_HINT.fullmatch(name) else name
            value = match.group("value")
            password = _password_field(name)
            if not (_typed_password(value) if password else _credential_name(name) and judge(name, value)):
                continue
            if password and _wrong_password_test(text, match.start(), value):
                mismatched.append(Binding(name, match.start("value"), match.end("value"), value, password))
                continue
            if password and not _CONFIRMING_WORDS.isdisjoint(name_words(name)):
                last = next((typed for typed in reversed(found) if typed.password), None)
                if last is not None and last.value != value:
                    found.remove(last)  # a sign-up test checking the mismatch: no account is made with either
                    mismatched.append(last)
                    continue
            found.append(Binding(name, match.start("value"), match.end("value"), value, password))
    found.extend(_filled_password_fields(text, password_hints))
    passwords = {binding.value for binding in found}
    return found + [binding for binding in mismatched if binding.value in passwords]  # unless it signs in elsewhere


# A test named for credentials the app must refuse: 'Login with incorrect password', 'wrong_password_shows_error',
# 'login fallido con credenciales incorrectas'; or a typed value that says so itself ('wrongpass').
_TEST_TITLE = re.compile(r"""(?<![\w.])(?:testWidgets|test|it)\(\s*(['"])(?P<title>[^'"\n]{1,200})\1""")
_REFUSED = re.compile(r"(?i)wrong|incorrect|invalid|inv[aá]lid|\bbad\b|fail|fallid|errad|mismatch")
_SIGN_IN_SUBJECT = re.compile(r"(?i)pass|pwd|credential|credencia|login|log in|sign|senha|contrase")
_TEST_REACH = 20_000  # how far back a test's title may stand from what it types


def _wrong_password_test(text: str, position: int, value: str) -> bool:
    """Whether the test around ``position`` (the last test title before it) is named for credentials the app must
    refuse, or the typed ``value`` says it is wrong."""
    if _REFUSED.search(value):
        return True
    titles = list(_TEST_TITLE.finditer(text, max(0, position - _TEST_REACH), position))
    title = titles[-1].group("title") if titles else ""
    return bool(_REFUSED.search(title) and _SIGN_IN_SUBJECT.search(title))


# ``base64Encode(utf8.encode('user:password'))``, ``btoa("user:password")``: a Basic credential built in code from a
# literal pair handed to an encoder (``…encode(``, ``…Encode(``, ``b64encode(``, ``btoa(``). Each pattern starts with a
# literal, which the regex engine finds fast.
_PAIR_LITERAL = r"\(\s*b?(['\"])(?P<user>[^'\"\s:$]{1,80}):(?P<value>[^'\"\s]{1,200})\1"
_ENCODED_PAIRS = (
    re.compile(r"ncode(?:ToString)?" + _PAIR_LITERAL),
    re.compile(r"btoa" + _PAIR_LITERAL),
    re.compile(r"ase64\w{0,20}" + _PAIR_LITERAL),  # a custom function: functions.toBase64('id:secret')
)


# Where a literal is the key that signs or verifies tokens: jwt.sign(payload, '…') and jwt.verify/encode/decode
# (Node, PyJWT), SecretKey('…') (Dart's JWT packages), Hmac(sha256, utf8.encode('…')) (Dart), createHmac('sha256',
# '…') (Node), hmac.new(b'…', …) (Python). A pattern runs only in a text holding its credential word (found anyway:
# code that signs says "jwt" or names a secret somewhere; "key" is in nearly every file) and its literal.
_KEY_LITERAL = r"b?(?P<quote>['\"])(?P<value>[^'\"\n]{1,200})(?P=quote)"
_SIGNING_KEYS = tuple(
    (frozenset(words), literal, re.compile(call + _KEY_LITERAL + after))
    for words, literal, call, after in (
        (
            ("jwt",),
            "",
            r"(?i:jwt)\.(?:sign|verify|encode|decode)\((?:\{[^{}]{0,300}\}|[^;\n,(){}]{1,200}),\s*",
            r"\s*[,)]",
        ),
        (("secret",), "SecretKey(", r"SecretKey\(\s*", ""),
        (
            ("secret",),
            "mac",
            r"(?:Hmac\(\s*\w+\s*,\s*utf8\.encode\(|createHmac\(\s*['\"]\w+['\"]\s*,|hmac\.new\()\s*",
            "",
        ),
    )
)


def _signing_keys(text: str, words: set[str]) -> list[Binding]:
    """A literal handed to a call as the key that signs tokens: a shared secret (short ones count). ``words``: the
    credential words the text holds."""
    found: list[Binding] = []
    for pattern_words, literal, pattern in _SIGNING_KEYS:
        if pattern_words.isdisjoint(words) or literal not in text:
            continue
        for match in pattern.finditer(text):
            value = match.group("value")
            if _signing_secret(value):
                found.append(Binding("signing key", match.start("value"), match.end("value"), value, False))
    return found


def _signing_secret(value: str) -> bool:
    """A literal where a signing key goes is that key, whatever its shape (``my-jwt-secret-2024`` too), unless it
    stands for one (``secret``, ``your-256-bit-secret``, ``${JWT_SECRET}``)."""
    return (
        len(value) >= 8
        and len(set(value)) > 3
        and " " not in value
        and "$" not in value
        and not _PLACEHOLDER_VALUE.match(value)
        and not is_placeholder(value)
        and not _GENERATED_OR_FAKE.match(value)
    )


def _argument(quote: str) -> str:
    """A literal (its quote captured as ``quote``) or a variable, then a comma."""
    return rf"""(?:(?P<{quote}>['"])[^'"\n]{{0,200}}(?P={quote})|\$?[\w.]{{1,80}})\s*,\s*"""


# Database connections whose third argument is the password: new mysqli(host, user, '…', db), mysqli_connect,
# new PDO(dsn, user, '…'), pymysql.connect(host, user, '…').
_CONNECTION_PASSWORD = re.compile(
    r"(?:new\s+mysqli|mysqli?_connect|new\s+PDO|pymysql\.connect)"
    r"\(\s*" + _argument("q1") + _argument("q2") + _KEY_LITERAL + r"\s*[,)]"
)


def _matched_passwords(
    text: str, *patterns: re.Pattern[str], accept: Callable[[str], bool] | None = None
) -> list[Binding]:
    """The ``value`` group of each match of ``patterns`` that is a literal password (no ``$`` interpolation, judged as
    one; ``accept``: another test, such as a typed password's, whatever its shape)."""
    accept = accept or _literal_password
    return [
        _password_at(match) for pattern in patterns for match in pattern.finditer(text) if accept(match.group("value"))
    ]


def _literal_password(value: str) -> bool:
    return "$" not in value and judge("password", value)


def continues_token(char: str) -> bool:
    """A character that a key, a word or an option goes on with; any other bounds it."""
    return char.isalnum() or char in "_-"


def _curl_users(text: str) -> list[Binding]:
    """``curl -u user:password`` in docs and scripts."""
    found: list[Binding] = []
    if "curl" not in text:  # one fast search settles nearly every file
        return found
    for match in _CURL_USER.finditer(text):
        if match.start() and continues_token(text[match.start() - 1]):
            continue
        value = match.group("value")
        if judge("password", value):
            found.append(_password_at(match))
    return found

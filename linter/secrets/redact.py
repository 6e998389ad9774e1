"""Safe previews of secret values: never enough characters to reconstruct or search for them."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.model import SourceFile

# Well-known non-secret prefixes that may be shown in full (they carry no entropy).
_KNOWN_PREFIX = re.compile(
    r"(?:sk|rk|pk)_(?:live|test)_|sk-(?:proj|svcacct|admin|ant-api03|ant-admin01)-|sk-|sk_|whsec_|gsk_|hf_|"
    r"gh[pousr]_|github_pat_|glpat-|xox[bpa]-|xapp-|SG\.|xkeysib-|sb_(?:publishable|secret)_|AIza|GOCSPX-|"
    r"eyJ|APP_USR-|TEST-|rzp_(?:live|test)_|sq0(?:csp|atp)-|AKIA|ASIA|shp(?:at|ss|ca|pa)_|pcsk_|r8_|"
    r"pplx-|xai-|FLWSECK(?:_TEST)?-|lin_api_|dp\.[a-z]{2,4}\.|npm_|pypi-|do[por]_v1_|NRAK-|os_v2_app_|"
    r"appl_|goog_|ntn_|secret_|(?:pk|sk)\.eyJ|-----BEGIN [A-Z ]*PRIVATE KEY-----"
)


def redact(value: str) -> str:
    """A preview such as ``sk_live_…(107 chars)``."""
    n = len(value)
    if n < 20:
        shown = value[: min(4, n // 4)]
    else:
        m = _KNOWN_PREFIX.match(value)
        shown = m.group(0) if m and len(m.group(0)) <= n // 2 else value[:6]
        if len(shown) > 6 and not m:
            shown = shown[:6]
    return f"{shown}…({n} chars)"


def fingerprint(value: str) -> str:
    """Stable, non-reversible identity of a value (for baselines and de-duplication)."""
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


MIN_MASKED_LINE = 8  # shorter lines of a multi-line secret (PEM armour pieces) carry no secret on their own


def values_at(spans: Mapping[str, Iterable[tuple[int, int]]], files: Mapping[str, SourceFile]) -> set[str]:
    """The text of every secret range (``spans``: path -> source ranges) in ``files`` (path -> source file)."""
    return {files[path].text[start:end] for path, ranges in spans.items() if path in files for start, end in ranges}


def mask_secrets(text: str, known_values: set[str]) -> str:
    """Replace every known secret value, and anything the scanner recognises, with its redacted preview.

    A multi-line value (a PEM key) is also masked line by line, because diffs and frames show it a line at a time.
    """
    from linter.secrets.scanner import scan_text

    values = set(known_values)
    values.update(match.value for match in scan_text(text))
    replacements = {value: redact(value) for value in values if value}
    for value in values:
        if "\n" in value:
            for line in value.splitlines():
                piece = line.strip()
                if len(piece) >= MIN_MASKED_LINE and not piece.startswith("-----"):
                    replacements.setdefault(piece, redact(piece))
    for value in sorted(replacements, key=len, reverse=True):
        text = text.replace(value, replacements[value])
    return text


# In a message of unknown origin (a parser's error, an exception), any long run of token characters holding a
# letter and a digit, or switching case as often as random letters do, could be a credential without a known
# prefix: it is masked too.
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_\-+/.]{16,}")  # "=" splits name=value
_CASE_SWITCH = re.compile(r"[a-z][A-Z]")


def _token_like(run: str) -> bool:
    if any(c.isdigit() for c in run) and any(c.isalpha() for c in run):
        return True
    return len(_CASE_SWITCH.findall(run)) * 5 >= len(run)  # camelCase words switch about every 6-8 characters


_NAME_PARTS = re.compile(r"[-_./+]")


def _random(run: str) -> bool:
    """A run that reads as random: it switches between cases and digits every third character or more often, and
    is not words joined by separators (``Signup-Password_ab12`` is a name; a 32-character client id is not)."""
    kinds = ["u" if c.isupper() else "l" if c.islower() else "d" if c.isdigit() else "o" for c in run]
    switches = sum(1 for before, after in itertools.pairwise(kinds) if before != after)
    parts = _NAME_PARTS.split(run)
    words = sum(1 for part in parts if part.isalpha() and len(part) >= 3)
    return switches * 3 >= len(run) and not (len(parts) > 1 and words * 2 >= len(parts))


def random_runs(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a run of 20 or more characters that could be a key fflint has no name or format for."""
    return [
        match.span()
        for match in _TOKEN_RUN.finditer(text)
        if len(match.group()) >= 20 and _token_like(match.group()) and _random(match.group())
    ]


def mask_message(text: str) -> str:
    """``text`` with every secret the scanner recognises and every token-like run replaced by its preview."""
    text = mask_secrets(text, set())
    return _TOKEN_RUN.sub(lambda match: redact(match.group()) if _token_like(match.group()) else match.group(), text)

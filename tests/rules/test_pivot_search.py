"""The rare-character searches under the secret scan find exactly what a plain search finds."""

from __future__ import annotations

import random
import re

import pytest

from linter.secrets.bindings import _hints
from linter.secrets.catalog import load_catalog
from linter.secrets.pivots import WordFinder, pivot_alternation, rarest_index
from linter.vocabulary import CREDENTIAL_WORDS


def _naive(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    return sorted(
        (match.start(), match.start() + len(word), word)
        for word in words
        for match in re.finditer(f"(?={re.escape(word)})", text)
    )


def test_rarest_index_prefers_rare_characters_and_the_earliest_tie():
    assert rarest_index("sk_live_") == 1  # "k" is rarer in Dart than "_", "s", "l", "i", "v", "e"
    assert rarest_index("eyJ") == 2
    assert rarest_index("zz") == 0


@pytest.mark.parametrize("seed", range(20))
def test_word_finder_matches_a_plain_search_on_random_text(seed):
    words = ["key", "token", "pass", "pwd", "auth", "kk", "secret", "s"]
    finder = WordFinder.of(words)
    rng = random.Random(seed)
    text = "".join(rng.choice("keytoknpaswdurhcs _k") for _ in range(3000))
    assert finder.spans(text) == _naive(text, words)


def test_word_finder_shares_passes_and_covers_every_word():
    finder = WordFinder.of(["cookie", "key", "token", "jwt", "pwd"])
    covered = [word for _, words in finder.passes for word, _ in words]
    assert sorted(covered) == ["cookie", "jwt", "key", "pwd", "token"]
    assert len(finder.passes) < 5  # words sharing a rare letter share its pass


def test_hints_find_credential_words_in_any_case_at_their_places():
    text = "final SECRET_KEY = x; apiToken: y; Authorization: z; pwd=1; a-cookie"
    found = [word for _, _, word in _hints(text)]
    assert all(text[start:end].lower() == word for start, end, word in _hints(text))
    assert found == ["secret", "key", "token", "auth", "pwd", "cookie"]


def test_hints_keep_positions_when_lowercasing_would_shift_them():
    text = "İİ apiKey = 'x'"  # "İ".lower() is two characters
    (start, end, _), *_ = _hints(text)
    assert text[start:end] == "Key"


def test_pivot_alternation_finds_every_literal_occurrence():
    literals = ["sk_live_", "ghp_", "AKIA", "xoxb-", "eyJ"]
    pattern = re.compile(pivot_alternation(literals))
    rng = random.Random(3)
    pieces = [*literals, "sk_", "gh", "AKI", "xox", "ey", " ", "_", "k", "J"]
    text = "".join(rng.choice(pieces) for _ in range(2000))
    hits = {match.start() for match in pattern.finditer(text)}
    expected = {
        match.start() + rarest_index(literal)
        for literal in literals
        for match in re.finditer(f"(?={re.escape(literal)})", text)
    }
    assert hits == expected


def test_prefilter_enters_at_each_catalogued_prefix():
    catalog = load_catalog()
    for anchor in (anchor for anchors in catalog.anchors_by_char.values() for anchor in anchors):
        text = f"x = {anchor.literal} y"
        hits = [match.start() for match in catalog.prefilter.finditer(text)]
        assert 4 + anchor.pivot in hits, anchor.literal


def test_hint_words_are_the_credential_words_not_inside_others():
    from linter.secrets.bindings import _HINT_WORDS

    words = {word for _, covered in _HINT_WORDS.passes for word, _ in covered}
    assert "pass" in words and "password" not in words
    assert all(any(word in credential for word in words) for credential in CREDENTIAL_WORDS)


def test_values_without_quotes_after_a_colon_are_looked_for_in_config_files_only():
    from linter.secrets import scan_text

    catalog = load_catalog()
    assert [m.start() for m in catalog.prefilter.finditer("sid: AC1234567890abcdef")] == [3]
    assert list(catalog.code_prefilter.finditer("sid: AC1234567890abcdef")) == []  # code quotes its literals
    rng = random.Random(7)
    key = "".join(rng.choice("0123456789abcdef") for _ in range(32)) + "-us12"  # a Mailchimp key
    assert [m.provider for m in scan_text(f"value: {key}\n", "config")] == ["mailchimp-api-key"]  # by the ':' entry
    assert [m.provider for m in scan_text(f"final value = '{key}';\n", "code")] == ["mailchimp-api-key"]

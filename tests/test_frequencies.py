"""The fast Zipf lookup agrees with wordfreq."""

from __future__ import annotations

import pytest
import wordfreq

from qc.lang.frequencies import zipf

WORDS = [
    "und", "Regierung", "Straße", "STRASSE", "Über", "naïve", "İstanbul", "Wladimir", "Mokhber",
    "Kremlsprecher", "the", "Ministry", "Pjöngjang", "xqzzv", "O'Neill", "3rd", "COVID19", "Москва",
    "北京", "", "don't", "Œuvre",
]


@pytest.mark.parametrize("lang", ["de", "en", "it"])
def test_zipf_matches_wordfreq(lang: str) -> None:
    assert [zipf(w, lang) for w in WORDS] == [wordfreq.zipf_frequency(w, lang) for w in WORDS]


def test_unknown_word_is_zero_and_frequent_word_is_high() -> None:
    assert zipf("xqzzvbl", "de") == 0.0
    assert zipf("und", "de") > 6.0


def test_zipf_matches_wordfreq_across_the_frequency_bins() -> None:
    # every 150th word of the list: frequencies from the top to the floor, each bin's value
    # computed once and then read back for the words that share it
    from qc.lang.frequencies import frequency_dict

    words = list(frequency_dict("en"))[::150]
    assert len({frequency_dict("en")[w] for w in words}) > 300
    for w in words:
        assert zipf(w.capitalize(), "en") == wordfreq.zipf_frequency(w.capitalize(), "en"), w


def test_the_cross_lingual_checks_read_the_same_zipf() -> None:
    # the names module caches Zipf values per word; a cached value must be what ``zipf`` gives,
    # for every kind of word, also when asked again
    from qc.lang.frequencies import frequency_dict
    from qc.xling.names import zipf_frequency

    words = WORDS + [w.capitalize() for w in list(frequency_dict("de"))[::400]]
    for lang in ("de", "en", "it"):
        for _ in range(2):
            assert [zipf_frequency(w, lang) for w in words] == [zipf(w, lang) for w in words], lang

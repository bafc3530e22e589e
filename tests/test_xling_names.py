"""Cross-lingual name check: German spellings accepted, mangled and dropped names reported."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qc.xling.bitext import build_bitext
from qc.xling.check_names import check_names, whole_word_at
from qc.xling.data import name_tables
from qc.xling.names import (
    _english_dictionary,
    _english_proper_noun,
    _word_classes,
    capitalised_tokens,
    extract_names,
    find_name,
    fold,
    name_words_in,
)


def _names(source: str, target: str, lang: str = "en"):
    return [
        f for f in check_names(build_bitext(source, target, lang), "crosslingual") if f.severity != "info"
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Vladimir Putin spoke in Moscow.", "Wladimir Putin sprach in Moskau."),
        ("The rocket landed near Pyongyang.", "Die Rakete landete bei Pjöngjang."),
        ("Kim Jong Un inspected the site.", "Kim Jong-un besichtigte das Gelände."),
        (
            "A spokesman for the Kremlin declined to comment.",
            "Ein Sprecher des Kreml lehnte einen Kommentar ab.",
        ),
        ("Mikhail Gorbachev died on Tuesday.", "Michail Gorbatschow ist am Dienstag gestorben."),
        ("Troops left Russian soil.", "Die Truppen verließen russischen Boden."),
        ("He praised Putin's policies.", "Er lobte Putins Politik."),
        ("She flew to Germany on Friday.", "Sie flog am Freitag nach Deutschland."),
        ("Gas from Russia flows through the pipe.", "Russisches Gas fließt durch die Leitung."),
        ("The stars from Ireland were there.", "Die irischen Stars waren dabei."),
        ("Trade with Southeast Asia grew.", "Der Handel mit den südostasiatischen Staaten wuchs."),
        ("Fishermen blocked ports in Brittany.", "Fischer blockierten Häfen in der Bretagne."),
        ("Exports to Serbia rose.", "Die Exporte nach Serbien stiegen."),
    ],
)
def test_german_spellings_of_names_are_accepted(source: str, target: str) -> None:
    assert _names(source, target) == []


def test_misspelled_name_is_reported_on_the_target_word() -> None:
    target = "Der Vizepräsident Mohammad Mokhbar sagte am Mittwoch, das Land sei bereit."
    (f,) = _names("Vice President Mohammad Mokhber said on Wednesday that the country is ready.", target)
    assert (f.category, f.severity, f.text) == ("name", "major", "Mokhbar")
    assert f.evidence["source_name"] == "Mohammad Mokhber"


def test_dropped_name_is_reported_on_the_sentence() -> None:
    target = "Der Präsident sagte am Mittwoch, das Land sei bereit."
    (f,) = _names("President Ebrahim Raisi said on Wednesday that the country is ready.", target)
    assert f.category == "name" and (f.start, f.end) == (0, len(target))


def test_capitalised_common_words_and_sentence_starts_are_no_names() -> None:
    mentions = extract_names("According to the Health Ministry, the President met Russian officials.", "en")
    assert mentions == []


def test_transliteration_folding_joins_spellings() -> None:
    assert fold("Wladimir") == fold("Vladimir")
    assert fold("Pjöngjang") == fold("Pyongyang")
    assert fold("Lukaschenko") == fold("Lukashenko")


def test_an_adjective_does_not_hide_a_different_country() -> None:
    (f,) = _names("Gas from Russia flows through the pipe.", "Norwegisches Gas fließt durch die Leitung.")
    assert f.evidence["source_name"] == "Russia"


def test_every_adjective_entry_has_a_german_spelling() -> None:
    # an [adjectives] key is a table name, so folding and fuzzy matching no longer accept
    # other spellings: the German noun must be listed under [names] too
    tables = name_tables()
    assert set(tables["adjectives"]) <= set(tables["names"])


def test_title_cased_label_of_words_the_source_writes_in_lower_case_is_no_name() -> None:
    source = "When the sync is complete, tap Sync Now again to reset the font."
    target = "Wenn die Synchronisierung abgeschlossen ist, tippen Sie erneut auf „Jetzt synchronisieren“."
    assert _names(source, target) == []


def test_a_real_name_word_keeps_its_label_words_in_the_check() -> None:
    # "quality" and "video" are written in lower case too, but "Hollywood" is a name
    source = "The Hollywood Quality Video standard sets the video quality."
    target = "Der Standard Oval Quality Video bestimmt die Videoqualität."
    (f,) = _names(source, target)
    assert f.evidence["source_name"] == "Hollywood Quality Video"


def test_a_german_word_close_to_a_source_name_is_no_misspelling() -> None:
    # "Konto" is close in spelling to "Account", but a German word: a translation, not a mangled name
    found = check_names(build_bitext("Sign in to your Account today.",
                                     "Melden Sie sich noch heute bei Ihrem Konto an.", "en"), "crosslingual")
    assert not any("misspelling" in f.message for f in found)
    assert all(f.severity == "info" for f in found)


def test_a_word_of_the_spelling_allow_list_is_a_german_word_to_the_name_check_too() -> None:
    # "Lockdown" is close to the source name "Lockton" and missing from hunspell-de-de, but the
    # project's allow list (which the spelling detector reads) makes it German: no mangled name
    found = check_names(build_bitext("Lockton said the rules would stay in place.",
                                     "Der Lockdown bleibe bestehen, sagte er.", "en"), "crosslingual")
    assert [(f.severity, f.evidence["source_name"]) for f in found] == [("minor", "Lockton")]
    assert not any("misspelling" in f.message for f in found)


@pytest.mark.skipif(_english_dictionary() is None, reason="needs hunspell-en-us (installed by .ci/run)")
def test_a_place_name_english_uses_more_than_german_is_still_a_name() -> None:
    # "Canberra" is far more frequent in English than in German text (the frequency test alone
    # would take it for a translated word); the English dictionary lists it capitalised only
    source = "The talks in Canberra ended on Friday."
    assert _names(source, "Die Gespräche in Canberra endeten am Freitag.") == []
    (f,) = _names(source, "Die Gespräche in Mandela endeten am Freitag.")
    assert f.evidence["source_name"] == "Canberra"


def test_exonyms_and_adjectives_from_the_table_are_accepted() -> None:
    source = "Talks in Estonia and the Midwest ended."
    target = "Die Gespräche in Estland und im Mittleren Westen endeten."
    assert _names(source, target) == []
    assert _names("The Latin rite is old.", "Der lateinische Ritus ist alt.") == []


@pytest.mark.skipif(_english_dictionary() is None, reason="needs hunspell-en-us (installed by .ci/run)")
def test_pronoun_contractions_and_acronyms_are_not_proper_nouns() -> None:
    # the dictionary has "I'm" and "CCTV" only capitalised, which says nothing about names
    assert not _english_proper_noun("I'm") and not _english_proper_noun("I’ll")
    assert not _english_proper_noun("CCTV")
    assert _english_proper_noun("Canberra")


@pytest.mark.parametrize(
    ("source", "target", "status"),
    [
        ("The talks with Putin ended.", "Die Gespräche mit Putin endeten.", "present"),
        ("The talks in Germany ended.", "Die Gespräche in Deutschland endeten.", "rendered"),
        ("Germany's minister spoke.", "Deutschlands Minister sprach.", "rendered"),
        ("A Kremlin spokesman spoke.", "Ein Kremlsprecher sprach.", "rendered"),
        ("The talks with Raisi ended.", "Die Gespräche endeten.", "missing"),
        ("Talks at the White House ended.", "Die Gespräche im Weißen Haus endeten.", "missing"),
    ],
)
def test_names_pre_test_tells_present_rendered_and_missing_names(source: str, target: str,
                                                                 status: str) -> None:
    """Only "missing" sentences need their names extracted (a phrase head always does)."""
    words = set(re.findall(r"[^\W_]+", target))
    assert name_words_in(source, 0, len(source), words, words, "en") == status
    # the same from the capitalised tokens a source sentence keeps, and with the words as a list
    kept = capitalised_tokens(source, 0, len(source))
    assert name_words_in(source, 0, len(source), sorted(words), words, "en", capitalised=kept) == status
    # and with the word classes kept beside the tokens: read on the first check, asked on the next
    classes: list = [None] * len(kept)
    for _ in range(2):
        assert name_words_in(source, 0, len(source), words, words, "en", None, kept, classes) == status
        assert all(c is None or c == _word_classes(g, "en") for g, c in zip(kept, classes, strict=True))


def test_a_source_sentence_keeps_its_capitalised_tokens_and_words() -> None:
    bt = build_bitext("Kim Jong-un met the U.S. envoy in Pyongyang. Talks ended.",
                      "Kim Jong-un traf den US-Gesandten in Pjöngjang. Die Gespräche endeten.", "en")
    first = bt.src[0]
    assert first.capitalised == ["Kim", "Jong-un", "U.S.", "Pyongyang"]
    assert first.capitalised is first.capitalised  # read once
    assert first.word_runs == ["Kim", "Jong", "un", "met", "the", "U", "S", "envoy", "in", "Pyongyang"]
    assert bt.target_word_sets[1] == {"Die", "Gespräche", "endeten"}


def test_a_misspelt_month_beside_a_rendered_country_is_still_reported() -> None:
    """A sentence whose only other name is rendered in German still gets the misspelling test."""
    source = "The pact with France and Australia collapsed in September without warning."
    target = "Der Pakt mit Frankreich und Australien war im Stptembmr ohne Vorwarnung geplatzt."
    assert [(f.text, f.severity) for f in _names(source, target)] == [("Stptembmr", "major")]


def test_word_classes_drop_possessives_split_hyphens_and_skip_common_words() -> None:
    """What the names pre-test knows of a capitalised token without its text."""
    assert [w for w, _, _ in _word_classes("Putin's", "en")] == ["Putin"]
    assert [w for w, _, _ in _word_classes("Kim-Jong", "en")] == ["Kim", "Jong"]
    assert _word_classes("Ministry", "en") == ()  # in the [common] list: never a name
    ((word, name_like, phrases),) = _word_classes("White", "en")
    assert (word, name_like) == ("White", False) and "White House" in phrases  # heads a table name
    assert _word_classes("Putin", "en")[0][1] is True


@pytest.mark.parametrize(
    ("source", "target", "found"),
    [
        # an acronym spelling must be a whole word: "un" starts "unterwegs", "eu" "Europäischen"
        ("The United Nations said aid was needed.", "Die UNO sagte, Hilfe sei nötig.", False),
        ("The United Nations said aid was needed.", "Sie sagten, Hilfe sei unterwegs.", True),
        ("A representative of the European Union signed.", "Ein Vertreter der EU unterschrieb.", False),
        ("A representative of the European Union signed.", "Ein Vertreter der Europäischen unterschrieb.",
         True),
        ("The UN said aid was needed.", "Sie sagten, Hilfe sei unterwegs.", True),
        # a table name after words that are common ("The White House")
        ("The White House said aid was needed.", "Das Weiße Haus sagte, Hilfe sei nötig.", False),
        ("The White House said aid was needed.", "Sie sagten, Hilfe sei nötig.", True),
        # the target's words split at the apostrophe ("O’Mahony": "O", "Mahony"): so do the name's
        ("Peter O'Mahony was the captain.", "Peter O’Mahony war der Kapitän.", False),
        ("Peter O'Mahony was the captain.", "Peter O'Mahony war der Kapitän.", False),
        ("Massimo D'Alema spoke.", "Massimo D’Alema sprach.", False),
        ("Peter O'Mahony was the captain.", "Peter O’Mahoney war der Kapitän.", True),
        # a contraction is no name split in two
        ("Don't do it, Peter said.", "Tu es nicht, sagte Peter.", False),
    ],
)
def test_table_names_acronyms_and_apostrophe_names_are_matched_word_by_word(
    source: str, target: str, found: bool
) -> None:
    reported = check_names(build_bitext(source, target, "en"), "crosslingual")
    assert bool(reported) == found, [f.message for f in reported]


def test_a_missing_plural_acronym_is_only_a_hint() -> None:
    # acronyms are often expanded or translated ("NPCs" → "Nicht-Spieler-Charaktere"), also in the plural
    bt = build_bitext("Talk to the NPCs in the village.", "Sprich mit den Figuren im Dorf.", "en")
    (f,) = check_names(bt, "crosslingual")
    assert (f.severity, f.evidence["source_name"]) == ("info", "NPCs")


def test_a_demonym_of_a_table_place_is_rendered_by_the_place() -> None:
    # "Midwesterner" = Midwest + "-erner": German says "aus dem Mittleren Westen"
    src = "As a Midwesterner, she grew up near Chicago."
    rendered = "Sie stammt aus dem Mittleren Westen und wuchs bei Chicago auf."
    assert check_names(build_bitext(src, rendered, "en"), "crosslingual") == []
    lost = "Sie stammt aus dem Süden und wuchs bei Chicago auf."
    assert check_names(build_bitext(src, lost, "en"), "crosslingual")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab_1²é -.", max_size=12), st.text(alphabet="ab1é", min_size=1, max_size=3),
       st.text(alphabet="ab_1²é -.", max_size=12), st.data())
def test_whole_word_at_finds_what_the_whole_word_regex_finds(before: str, word: str, after: str,
                                                            data: st.DataObject) -> None:
    # the misspelt-name finding's span: the first whole-word occurrence inside the link's target;
    # the stretch searched starts or ends anywhere, also right at the word's edges
    text = before + word + after
    edges = [0, len(before), len(before) + len(word), len(text)]
    start = data.draw(st.sampled_from(edges) | st.integers(0, len(text)))
    end = data.draw(st.sampled_from([e for e in edges if e >= start]) | st.integers(start, len(text)))
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[start:end])
    assert whole_word_at(text, word, start, end) == (start + m.start() if m else -1)


def test_name_mentions_and_matches_are_values() -> None:
    """Mentions and matches compare, hash and print by their fields (they are plain classes for
    speed, as the dataclasses they replace compared)."""
    text = "Vladimir Putin met Kim Jong Un in the Kremlin."
    first, again = extract_names(text, "en"), extract_names(text, "en")
    assert first == again and first is not again
    assert len({*first, *again}) == len(first)
    assert "Putin" in repr(first[0])
    found = find_name("Vladimir Putin", ["Wladimir", "Putin", "traf"])
    assert found == find_name("Vladimir Putin", ["Wladimir", "Putin", "traf"])
    assert found != find_name("Vladimir Putin", ["Boris", "traf"])

"""Cross-lingual checks for sources in French, Spanish, Portuguese and languages without rules.

The texts are written for these tests (short news items and their German translations).
"""

from __future__ import annotations

import pytest

from qc.lang.sentences import fast_sentences
from qc.model import Document
from qc.pipeline import Checker
from qc.xling.bitext import build_bitext
from qc.xling.check_names import check_names
from qc.xling.check_numbers import check_numbers
from qc.xling.numbers import extract

FRENCH = (
    "Le président Emmanuel Macron a rencontré mardi à l'Élysée le chancelier allemand Olaf Scholz.\n"
    "Les deux dirigeants ont discuté pendant trois heures de l'aide à l'Ukraine "
    "et des relations avec Pékin.\n"
    "Selon un communiqué, la France livrera 1 500 obus supplémentaires d'ici la fin de l'année.\n"
    "Le ministre des Armées, Sébastien Lecornu, a précisé que le coût s'élève à 3,5 millions d'euros.\n"
    "Vladimir Poutine a réagi depuis Moscou en dénonçant une « escalade dangereuse ».\n"
    "La prochaine rencontre aura lieu à Londres le 4 septembre, à 14h30."
)
FRENCH_DE = (
    "Präsident Emmanuel Macron hat am Dienstag im Élysée-Palast den deutschen Bundeskanzler Olaf Scholz "
    "empfangen.\n"
    "Die beiden Politiker sprachen drei Stunden lang über die Hilfe für die Ukraine und die Beziehungen "
    "zu Peking.\n"
    "Einer Mitteilung zufolge wird Frankreich bis Jahresende 1.500 zusätzliche Granaten liefern.\n"
    "Verteidigungsminister Sébastien Lecornu sagte, die Kosten beliefen sich auf 3,5 Millionen Euro.\n"
    "Wladimir Putin reagierte aus Moskau und sprach von einer „gefährlichen Eskalation“.\n"
    "Das nächste Treffen findet am 4. September um 14.30 Uhr in London statt."
)
SPANISH = (
    "El presidente del Gobierno, Pedro Sánchez, viajó el lunes a Pekín para reunirse con Xi Jinping.\n"
    "Ambos líderes firmaron 12 acuerdos comerciales por valor de 2,5 millones de euros.\n"
    "Según el Ministerio de Exteriores, la visita durará tres días."
)
SPANISH_DE = (
    "Ministerpräsident Pedro Sánchez ist am Montag nach Peking gereist, um Xi Jinping zu treffen.\n"
    "Beide Politiker unterzeichneten 12 Handelsabkommen im Wert von 2,5 Millionen Euro.\n"
    "Nach Angaben des Außenministeriums dauert der Besuch drei Tage."
)
PORTUGUESE = (
    "O primeiro-ministro António Costa reuniu-se na terça-feira em Lisboa com o chanceler Olaf Scholz.\n"
    "Os dois dirigentes assinaram 12 acordos no valor de 1.500 milhões de euros.\n"
    "A próxima reunião terá lugar em Berlim."
)
PORTUGUESE_DE = (
    "Ministerpräsident António Costa hat sich am Dienstag in Lissabon mit Bundeskanzler Olaf Scholz "
    "getroffen.\n"
    "Die beiden Politiker unterzeichneten 12 Abkommen im Wert von 1,5 Milliarden Euro.\n"
    "Das nächste Treffen findet in Berlin statt."
)
ITALIAN = (
    "Il ministro dell'Economia Giancarlo Giorgetti ha presentato martedì a Palazzo Chigi la legge di "
    "bilancio da 24 miliardi di euro.\n"
    "Secondo le stime del governo, il Pil crescerà dell'1,2% nel 2024.\n"
    "La Camera dei deputati voterà il testo entro il 20 dicembre, ha detto la premier Giorgia Meloni.\n"
    "Il Pd e il Movimento 5 Stelle hanno annunciato una manifestazione a Roma sabato alle 15.\n"
    "Secondo la Procura di Milano, circa 5 mila persone sono coinvolte nell'inchiesta."
)
ITALIAN_DE = (
    "Wirtschaftsminister Giancarlo Giorgetti hat am Dienstag im Palazzo Chigi den Haushalt in Höhe von "
    "24 Milliarden Euro vorgestellt.\n"
    "Nach Schätzungen der Regierung wird das BIP im Jahr 2024 um 1,2 % wachsen.\n"
    "Die Abgeordnetenkammer wird bis zum 20. Dezember über den Text abstimmen, sagte "
    "Ministerpräsidentin Giorgia Meloni.\n"
    "Der PD und die Fünf-Sterne-Bewegung kündigten für Samstag um 15 Uhr eine Kundgebung in Rom an.\n"
    "Nach Angaben der Mailänder Staatsanwaltschaft sind rund 5.000 Menschen von den Ermittlungen "
    "betroffen."
)
DUTCH = (
    "Premier Mark Rutte ontmoette dinsdag in Den Haag de Duitse bondskanselier Olaf Scholz.\n"
    "De twee leiders spraken drie uur lang over de steun aan Oekraïne.\n"
    "Volgens een verklaring levert Nederland 1.500 extra granaten."
)
DUTCH_DE = (
    "Ministerpräsident Mark Rutte traf am Dienstag in Den Haag Bundeskanzler Olaf Scholz.\n"
    "Die beiden Politiker sprachen drei Stunden lang über die Unterstützung der Ukraine.\n"
    "Einer Erklärung zufolge liefern die Niederlande 1.500 zusätzliche Granaten."
)
CHINESE = "总统周一在柏林会见了58名议员。会谈持续了三个小时。一位发言人表示，双方都很满意。"
CHINESE_DE = (
    "Der Präsident traf am Montag in Berlin 58 Abgeordnete.\n"
    "Die Gespräche dauerten drei Stunden.\n"
    "Ein Sprecher sagte, beide Seiten seien zufrieden."
)


def _xling(source: str, target: str, lang: str | None = None) -> list:
    report = Checker(use_lm=False).check(Document("d", target, source=source, source_lang=lang))
    return [f for f in report.findings if f.detector == "crosslingual"]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [(FRENCH, FRENCH_DE, "fr"), (SPANISH, SPANISH_DE, "es"), (PORTUGUESE, PORTUGUESE_DE, "pt"),
     (ITALIAN, ITALIAN_DE, "it")],
)
def test_a_faithful_translation_from_a_romance_language_has_no_finding(
    source: str, target: str, lang: str
) -> None:
    # sentence starts ("Les", "Selon", "Ambos"), institutions ("Armées", "Gobierno", "Economia"),
    # exonyms and acronyms (Londres/London, Pékin/Peking, Poutine/Putin, Berlim/Berlin, Pil/BIP),
    # number formats ("1 500", "3,5 millions", "1.500 milhões", "14h30"), a bare hour
    # ("alle 15" / "um 15 Uhr") and a name with a number ("Movimento 5 Stelle" /
    # "Fünf-Sterne-Bewegung") are read in the source's language
    assert build_bitext(source, target).source_lang == lang
    assert _xling(source, target) == []


def test_errors_in_a_translation_from_french_are_found() -> None:
    bad = (FRENCH_DE.replace("1.500 zusätzliche", "1.800 zusätzliche")
           .replace("Olaf Scholz", "Olaf Schulz")
           .replace("am 4. September um 14.30 Uhr in London", "am 4. September um 14.30 Uhr"))
    found = {(f.category, f.severity, f.evidence.get("source_name") or f.evidence.get("source_number"))
             for f in _xling(FRENCH, bad)}
    assert ("number", "major", "1 500") in found
    (number,) = [f for f in _xling(FRENCH, bad) if f.category == "number"]
    assert [(r.replacement, bad[r.start : r.end]) for r in number.repairs] == [("1.500", "1.800")]
    assert any(cat == "name" and name == "Londres" for cat, _, name in found)
    assert any(cat == "name" and name is not None and "Scholz" in name for cat, _, name in found)


def test_a_changed_weekday_is_reported_on_the_weekday() -> None:
    bad = SPANISH_DE.replace("am Montag", "am Mittwoch")
    assert [(f.category, f.text) for f in _xling(SPANISH, bad)] == [("number", "Mittwoch")]


def test_number_formats_of_romance_languages() -> None:
    assert [q.values for q in extract("Il a livré 1 500 obus et 3,5 millions d'euros.", "fr")] == [
        frozenset({1500.0}), frozenset({3.5e6})]
    assert [q.values for q in extract("Firmaron acuerdos por 2,5 millones y 1.200 euros.", "es")] == [
        frozenset({2.5e6}), frozenset({1200.0})]
    assert [q.values for q in extract("Assinaram acordos de 1.500 milhões de euros.", "pt")] == [
        frozenset({1.5e9})]
    # "mil millones" is a thousand millions; "segundo" and "cuarto" are also everyday words
    assert [q.values for q in extract("Costará 2,5 mil millones de euros.", "es")] == [frozenset({2.5e9})]
    assert extract("Segundo o governo, ficou no seu quarto um segundo.", "pt") == []
    (time,) = extract("La réunion commence à 14h30.", "fr")
    assert 14 * 60 + 30 in time.values


def test_lower_case_weekdays_and_months_count_outside_english() -> None:
    # Italian, French, Spanish and Portuguese write them in lower case; English "may" is no month
    kinds = [(q.text, q.kind) for q in extract("martedì 4 marzo", "it")]
    assert kinds == [("martedì", "weekday"), ("4", "number"), ("marzo", "month")]
    assert [(q.text, q.kind) for q in extract("le mardi 4 mars", "fr")] == [
        ("mardi", "weekday"), ("4", "number"), ("mars", "month")]
    assert [q.kind for q in extract("It may rain on 4 may.", "en")] == ["number"]
    # capitalised inside a sentence they are names; at its start, weekdays
    assert [q.kind for q in extract("O tenor Plácido Domingo cantou 3 árias.", "pt")] == ["number"]
    assert [q.kind for q in extract("Domingo, 3 pessoas morreram.", "pt")] == ["weekday", "number"]


def test_a_weekday_never_stands_for_a_count() -> None:
    # "Monday" is 1 like "1 person": the weekday must be rendered as a weekday
    found = check_numbers(build_bitext("On Monday, 1 person died.", "Am Dienstag starb 1 Mensch.", "en"),
                          "crosslingual")
    assert [f.text for f in found] == ["Dienstag"]


def test_a_source_language_without_rules_gives_hints_not_errors() -> None:
    # Dutch (as the document says: cld2 takes so short a text for Afrikaans): the English rules
    # stand in; a mismatch is at most minor and names are info only
    bt = build_bitext(DUTCH, DUTCH_DE, "nl")
    assert (bt.source_lang, bt.unsupported_lang) == ("en", "nl")
    assert all(f.severity == "info" for f in check_names(bt, "crosslingual"))
    bad = DUTCH_DE.replace("1.500", "1.800")
    numbers = check_numbers(build_bitext(DUTCH, bad, "nl"), "crosslingual")
    assert [(f.text, f.severity, f.evidence["source_language"]) for f in numbers] == [
        ("1.800", "minor", "nl")]
    # "1.500" in Dutch is 1500 (English would read 1.5): both readings are accepted
    assert check_numbers(bt, "crosslingual") == []


def test_a_chinese_source_is_split_into_sentences_and_aligned() -> None:
    assert [s.text for s in fast_sentences(CHINESE, "zh")] == [
        "总统周一在柏林会见了58名议员。", "会谈持续了三个小时。", "一位发言人表示，双方都很满意。"]
    bt = build_bitext(CHINESE, CHINESE_DE)
    assert [(link.src, link.tgt) for link in bt.links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert _xling(CHINESE, CHINESE_DE) == []
    found = _xling(CHINESE, CHINESE_DE.replace("58", "85"))
    assert [(f.category, f.text) for f in found] == [("number", "85")]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("El Banco Central Europeo subió los tipos de interés.", "Die EZB hat die Zinsen erhöht.", "es"),
        ("La Comisión Europea propuso nuevas normas.", "Die Europäische Kommission schlug neue Regeln vor.",
         "es"),
        ("Le pape François a reçu Volodymyr Zelensky au Vatican.",
         "Papst Franziskus hat Wolodymyr Selenskyj im Vatikan empfangen.", "fr"),
        ("El papa Francisco recibió a Volodímir Zelenski en el Vaticano.",
         "Papst Franziskus hat Wolodymyr Selenskyj im Vatikan empfangen.", "es"),
    ],
)
def test_institutions_and_names_the_table_renders_are_no_findings(source: str, target: str,
                                                                  lang: str) -> None:
    # a table name after a common word ("Banco"), and a table spelling that the misspelling
    # test would otherwise take for a mangled name ("Wolodymyr" for "Volodímir"); one sentence
    # is too short for language identification, so the language is given, as a feed would
    assert _xling(source, target, lang) == []


def test_a_sentence_too_short_for_language_identification_is_told_by_its_word_frequencies() -> None:
    from qc.xling.langid import detect_language

    # pycld2 gives no reliable answer for these; the wordfreq evidence does, or leaves the default
    assert detect_language("El Banco Central Europeo subió los tipos de interés.") == "es"
    assert detect_language("Le pape François a reçu Volodymyr Zelensky au Vatican.") == "fr"
    assert detect_language("Kim Jong Un", default="en") == "en"  # names: no language


ENGLISH_NEWS = (
    "The ministry said on Saturday that 58 people had died after heavy rain hit the region, and that "
    "the search for those still missing had been called off.\n"
    "Officials said the river had burst its banks in three places, flooding villages that were "
    "evacuated last year, and that the damage would take months to repair.\n"
    "The prime minister, who visited the area on Friday, said the government would release "
    "emergency funds and that the army had been sent in to help."
)


def _cld2(text: str) -> str:
    import pycld2

    return pycld2.detect(text)[2][0][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH_NEWS, True),
        (ENGLISH_NEWS.upper(), False),  # no marker word as written: pycld2 decides
        ("The talks ended.", False),  # too short to tell by words
        (DUTCH, False),  # "is", "was", "de", "van": shared or foreign words, no English markers
        (FRENCH, False),
        (ITALIAN, False),
        (SPANISH + " " + PORTUGUESE, False),
        # English with a third in another language: pycld2 weighs it
        (ENGLISH_NEWS[:160] + " " + ITALIAN[:320], False),
        (ENGLISH_NEWS[:160] + " " + FRENCH[:320], False),
        # a passage in another script, which pycld2 weighs by its (two- or three-byte) characters
        (ENGLISH_NEWS[:300] + " " + "Министр сказал, что переговоры возобновятся. " * 3, False),
        (ENGLISH_NEWS[:300] + " " + "部长说，与工会的谈判很艰难，假期后将恢复谈判。" * 3, False),
        # accents and curly quotes in an English text are no other script
        ("“We will not give up,” said José Müller, the mayor of Zürich, after the vote. " * 3, True),
    ],
)
def test_clearly_english_is_a_shortcut_only_where_pycld2_reads_english(text: str, expected: bool) -> None:
    from qc.xling.langid import clearly_english, detect_language

    assert clearly_english(text) is expected
    if expected:
        assert _cld2(text) == "en" and detect_language(text) == "en"


@pytest.mark.parametrize("other", [FRENCH, ITALIAN, SPANISH, PORTUGUESE, DUTCH])
@pytest.mark.parametrize("english_chars", [100, 200, 300, 400, 500])
def test_english_mixed_with_another_language_is_clearly_english_only_where_pycld2_agrees(
        other: str, english_chars: int) -> None:
    from qc.xling.langid import SAMPLE_CHARS, clearly_english

    text = (ENGLISH_NEWS[:english_chars] + " " + other)[:SAMPLE_CHARS]
    if clearly_english(text):
        assert _cld2(text) == "en"


@pytest.mark.parametrize(
    "lang", ["nl", "da", "sv", "nb", "ca", "ro", "pl", "tr", "id", "fi", "it", "fr", "es", "pt", "de"]
)
def test_word_salad_of_another_language_is_never_clearly_english(lang: str) -> None:
    # frequent words drawn by their frequency (wordfreq), as a text of the language would use them,
    # with English words mixed in at a third: the shortcut leaves every one of them to pycld2
    import random

    import wordfreq

    rng = random.Random(lang)
    top = wordfreq.top_n_list(lang, 500)
    weights = [1.0 / (rank + 1) for rank in range(len(top))]
    english = wordfreq.top_n_list("en", 500)
    from qc.xling.langid import clearly_english

    for _ in range(20):
        words = rng.choices(top, weights, k=70) + rng.choices(english, weights, k=30)
        rng.shuffle(words)
        assert not clearly_english(" ".join(words))

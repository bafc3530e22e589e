"""The cross-lingual detector in the pipeline: source optional, Italian sources, options, reference scores."""

from __future__ import annotations

import pytest

from qc.config import Config
from qc.detectors.xling_checks import CrossLingualDetector
from qc.model import Document
from qc.pipeline import Checker
from qc.segment import Segmentation
from qc.xling.bitext import bitext_for
from qc.xling.langid import SAMPLE_CHARS, detect_language
from qc.xling.pairing import pair_paths
from qc.xling.source_chrome import is_chrome_line

TARGET = "Laut Press TV starben am Samstag 85 Menschen.\nWladimir Putin sprach am 4. September in Moskau."
SOURCE = "According to Press TV, 58 people died on Saturday.\nVladimir Putin spoke in Moscow on Sept. 4."


def _xling(report):
    return [f for f in report.findings if f.detector == "crosslingual"]


def test_without_source_the_report_is_unchanged() -> None:
    checker = Checker(use_lm=False)
    plain = checker.check(Document("d", TARGET))
    assert _xling(plain) == []
    assert "reference_scores" not in plain.extra
    assert "crosslingual" not in plain.timings


def test_with_source_the_changed_number_is_found_with_source_evidence() -> None:
    report = Checker(use_lm=False).check(Document("d", TARGET, source=SOURCE))
    (f,) = _xling(report)
    assert (f.category, f.text) == ("number", "85")
    assert SOURCE[f.evidence["source_start"] : f.evidence["source_end"]] == f.evidence["source_text"]


def test_italian_source_is_detected_and_checked() -> None:
    source = (
        "Il presidente Sergio Mattarella ha incontrato 12 sindaci a Roma.\n"
        "La riunione è durata 3,5 ore e si è conclusa alle 18:30."
    )
    good = (
        "Präsident Sergio Mattarella traf in Rom 12 Bürgermeister.\n"
        "Das Treffen dauerte 3,5 Stunden und endete um 18:30 Uhr."
    )
    doc = Document("it", good, source=source)
    assert bitext_for(doc).source_lang == "it"
    assert _xling(Checker(use_lm=False).check(doc)) == []
    bad = good.replace("12 Bürgermeister", "21 Bürgermeister").replace("Mattarella", "Mattarelli")
    found = {
        (f.category, f.text) for f in _xling(Checker(use_lm=False).check(Document("it", bad, source=source)))
    }
    assert ("number", "21") in found and ("name", "Mattarelli") in found


def test_checks_can_be_switched_off_one_by_one() -> None:
    config = Config.from_dict({"detectors": {"crosslingual": {"numbers": False}}})
    report = Checker(config, use_lm=False).check(Document("d", TARGET, source=SOURCE))
    assert _xling(report) == []


def test_reference_scores_are_reported_with_signatures_even_without_source() -> None:
    reference = (
        "Laut Press TV starben am Samstag 58 Menschen.\nWladimir Putin sprach am 4. September in Moskau."
    )
    report = Checker(use_lm=False).check(Document("d", TARGET, reference=reference))
    scores = report.extra["reference_scores"]
    assert 50 < scores["document"]["chrf"] < 100 and scores["document"]["ter"] > 0
    assert [s["chrf"] == 100.0 for s in scores["sentences"]] == [False, True]
    assert scores["signatures"]["chrf"].startswith("nrefs:1")
    assert "reference_scores" in report.to_dict(with_evidence=True)


def test_directory_pairing_attaches_source_and_reference_files() -> None:
    pairs = pair_paths(["a.txt", "a.src.txt", "a.ref.txt", "b.txt", "c.txt", "c.src.it.txt", "d.src.txt"])
    assert [(p.target, p.source, p.reference, p.source_lang) for p in pairs] == [
        ("a.txt", "a.src.txt", "a.ref.txt", None),
        ("b.txt", None, None, None),
        ("c.txt", "c.src.it.txt", None, "it"),
        ("d.src.txt", None, None, None),
    ]


def test_source_language_is_read_from_a_sample_of_a_long_text() -> None:
    italian = "Il presidente ha incontrato i sindaci della regione per discutere del bilancio. " * 12
    long_text = italian + "The rest of this page is an English cookie notice and menu. " * 30
    assert len(italian) > SAMPLE_CHARS
    assert detect_language(long_text) == "it"
    assert detect_language(long_text, sample=None) == "en"


ARTICLE_SRC = (
    "North Korean leader Kim Jong Un arrived in Russia on Tuesday.\n"
    "He travelled in an armoured train from Pyongyang.\n"
    "The trip took about 20 hours, state media said.\n"
    "Officials in Seoul said they were watching the visit closely."
)
ARTICLE_TGT = (
    "Vorlesen lassen? | Lesedauer: 2 Min.\n"
    "Der nordkoreanische Machthaber Kim Jong-un ist am Dienstag in Russland eingetroffen.\n"
    "Er reiste in einem gepanzerten Zug aus Pjöngjang an.\n"
    "Anzeige\n"
    "Die Fahrt dauerte etwa 30 Stunden, berichteten Staatsmedien.\n"
    "Beamte in Seoul sagten, sie verfolgten den Besuch genau."
)


def test_page_chrome_the_target_adds_is_left_to_the_boilerplate_detector() -> None:
    # the lines correspond once the two chrome lines are left out: the changed number is
    # found on its line, and no source or target line is left without a counterpart
    doc = Document("d", ARTICLE_TGT, source=ARTICLE_SRC)
    found = CrossLingualDetector().detect(doc, Segmentation(ARTICLE_TGT))
    assert [(f.category, f.text) for f in found] == [("number", "30")]
    report = Checker(use_lm=False).check(Document("d", ARTICLE_TGT, source=ARTICLE_SRC))
    chrome = [f.text for f in report.findings if f.detector == "boilerplate"]
    assert chrome == ["Vorlesen lassen? | Lesedauer: 2 Min.", "Anzeige"]


def test_chrome_is_left_out_only_for_lines_the_target_has_beyond_the_source() -> None:
    # as many lines as the source: "Anzeige" pairs with "Advertisement", and no line is left over
    tgt_lines, src_lines = ARTICLE_TGT.split("\n"), ARTICLE_SRC.split("\n")
    target = "\n".join([*tgt_lines[1:3], "Anzeige", *tgt_lines[5:]])
    source = "\n".join([*src_lines[:2], "Advertisement", *src_lines[3:]])
    found = CrossLingualDetector().detect(Document("d", target, source=source), Segmentation(target))
    assert found == []


def test_without_skip_boilerplate_the_chrome_lines_are_additions() -> None:
    doc = Document("d", ARTICLE_TGT, source=ARTICLE_SRC)
    kept = CrossLingualDetector({"skip_boilerplate": False}).detect(doc, Segmentation(ARTICLE_TGT))
    # ("Anzeige" is too short for the addition check; the boilerplate detector reports it)
    assert [(f.category, f.text) for f in kept if f.category == "addition"] == [
        ("addition", "Vorlesen lassen? | Lesedauer: 2 Min.")
    ]


def test_with_the_boilerplate_detector_off_the_chrome_stays_in_the_alignment() -> None:
    # nobody else would report the chrome line: the cross-lingual detector reports it as an addition
    config = Config.from_dict({"detectors": {"boilerplate": {"enabled": False}}})
    report = Checker(config, use_lm=False).check(Document("d", ARTICLE_TGT, source=ARTICLE_SRC))
    found = [(f.category, f.text) for f in _xling(report)]
    assert ("addition", "Vorlesen lassen? | Lesedauer: 2 Min.") in found


SCRAPED_SOURCE = (
    "Home | Politica | Esteri\n"
    "Il presidente Sergio Mattarella ha incontrato 12 sindaci a Roma.\n"
    "La riunione è durata 3,5 ore e si è conclusa alle 18:30.\n"
    "Leggi anche: Manovra, le novità per le pensioni\n"
    "© Riproduzione riservata"
)
SCRAPED_TARGET = (
    "Präsident Sergio Mattarella traf in Rom 12 Bürgermeister.\n"
    "Das Treffen dauerte 3,5 Stunden und endete um 18:30 Uhr."
)


def test_source_page_chrome_the_translation_drops_is_no_omission() -> None:
    doc = Document("d", SCRAPED_TARGET, source=SCRAPED_SOURCE)
    assert CrossLingualDetector().detect(doc, Segmentation(SCRAPED_TARGET)) == []
    # switched off, the three chrome lines are omissions; a dropped article sentence always is
    kept = CrossLingualDetector({"skip_source_chrome": False}).detect(doc, Segmentation(SCRAPED_TARGET))
    assert {f.evidence["source_text"].split("\n")[0] for f in kept if f.category == "omission"} == {
        "Home | Politica | Esteri", "Leggi anche: Manovra, le novità per le pensioni"}
    dropped = SCRAPED_TARGET.split("\n")[0]
    doc = Document("d", dropped, source=SCRAPED_SOURCE)
    found = CrossLingualDetector().detect(doc, Segmentation(dropped))
    assert [(f.category, f.evidence["source_text"]) for f in found] == [
        ("omission", "La riunione è durata 3,5 ore e si è conclusa alle 18:30.")]


@pytest.mark.parametrize("line", [
    "© Riproduzione riservata", "Tous droits réservés", "Partager sur Facebook | Tweeter",
    "Lea también: el presupuesto", "(ANSA)", "Home | Politica | Esteri",
])
def test_source_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", [
    "Il governo ha approvato la manovra da 24 miliardi di euro.",
    "Russia | Ukraine: the talks resumed on Monday after a week in which both sides traded blame.",
    "Kim Jong Un",
])
def test_article_lines_are_no_source_chrome(line: str) -> None:
    assert not is_chrome_line(line)

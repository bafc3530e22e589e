"""The source side of a bitext is read once per source text and shared by its translations."""

from __future__ import annotations

import pytest

from qc.model import Document
from qc.pipeline import Checker
from qc.xling import bitext
from qc.xling.bitext import SOURCE_SIDES_MAX, build_bitext, forget_sources, source_side

SOURCE = (
    "Vladimir Putin met Mohammad Mokhber in Moscow on Sept. 4.\n"
    "The talks lasted 3.5 hours, and 1,200 people protested outside.\n"
    "Kim Jong Un sent a letter."
)
#: two translations of it: one faithful, one with a changed number, a misspelt and a dropped name
FAITHFUL = (
    "Wladimir Putin traf Mohammad Mokhber am 4. September in Moskau.\n"
    "Die Gespräche dauerten 3,5 Stunden, und 1.200 Menschen protestierten draußen.\n"
    "Kim Jong-un schickte einen Brief."
)
FLAWED = (
    "Wladimir Putin traf Mohammad Mokhbar am 4. September in Moskau.\n"
    "Die Gespräche dauerten 5,3 Stunden, und 1.200 Menschen protestierten draußen.\n"
    "Er schickte einen Brief."
)


def _findings(checker: Checker, text: str) -> list[tuple[int, int, str, str]]:
    report = checker.check(Document("d", text, source=SOURCE))
    return [(f.start, f.end, f.category, f.message) for f in report.findings if f.detector == "crosslingual"]


def test_a_source_is_read_once_for_all_its_translations() -> None:
    forget_sources()
    first = build_bitext(SOURCE, FAITHFUL)
    second = build_bitext(SOURCE, FLAWED)
    assert first.src is second.src  # the same sentences, features and all
    assert source_side(SOURCE) is source_side(SOURCE)


def test_a_declared_language_or_another_source_reads_the_source_again() -> None:
    forget_sources()
    assert source_side(SOURCE, "it") is not source_side(SOURCE)
    assert source_side(SOURCE, "it").lang == "it" and source_side(SOURCE).lang == "en"
    assert source_side(SOURCE + " More.") is not source_side(SOURCE)


def test_a_translation_gets_the_same_findings_whether_or_not_the_source_was_read_before() -> None:
    checker = Checker(use_lm=False)
    forget_sources()
    alone = _findings(checker, FLAWED)
    forget_sources()
    _findings(checker, FAITHFUL)  # reads the source, and its sentences' names and numbers
    after = _findings(checker, FLAWED)
    assert after == alone
    categories = sorted(c for _, _, c, _ in alone)
    assert categories.count("number") == 1 and categories.count("name") >= 2


def test_the_kept_sources_are_bounded() -> None:
    forget_sources()
    for k in range(SOURCE_SIDES_MAX + 5):
        source_side(f"Source text number {k} says {k} people came.")
    assert 0 < len(bitext._SOURCE_SIDES) <= SOURCE_SIDES_MAX


def test_an_unknown_segmenter_is_an_error_on_the_source_too() -> None:
    with pytest.raises(ValueError, match="unknown segmenter"):
        source_side(SOURCE, segmenter="spacy")

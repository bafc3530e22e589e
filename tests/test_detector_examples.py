"""Every registered detector's own examples are its tests (cf. LanguageTool's rule examples).

``examples_flagged``: the detector reports at least one finding on the text at a severity in
its ``flags_at`` (major or minor; info for info-only detectors such as attribution).
``examples_clean``: the detector reports no major/minor finding on the text.
Detectors that need the language model or a source text are tested in their own files.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qc.detectors import REGISTRY
from qc.model import Document
from qc.segment import Segmentation

_RUNNABLE = {name: cls for name, cls in REGISTRY.items() if not cls.needs_lm and not cls.needs_source}


def _cases(attr: str) -> list[tuple[str, str]]:
    return [(name, text) for name, cls in _RUNNABLE.items() for text in getattr(cls, attr)]


def _findings(name: str, text: str):
    detector = _RUNNABLE[name]()
    return detector.detect(Document(id="example", text=text), Segmentation(text))


def test_line_detectors_document_examples_of_both_kinds() -> None:
    for name in ("foreign", "boilerplate", "metadata", "duplicate", "attribution"):
        assert REGISTRY[name].examples_flagged and REGISTRY[name].examples_clean, name


@pytest.mark.parametrize(("name", "text"), _cases("examples_flagged"))
def test_detector_flags_its_flagged_example(name: str, text: str) -> None:
    found = _findings(name, text)
    wanted = _RUNNABLE[name].flags_at
    assert any(f.severity in wanted for f in found), f"{name} did not flag {text!r}"
    for f in found:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(("name", "text"), _cases("examples_clean"))
def test_detector_leaves_its_clean_example_alone(name: str, text: str) -> None:
    found = [f for f in _findings(name, text) if f.severity in ("major", "minor")]
    assert not found, f"{name} flagged {[(f.text, f.message) for f in found]} in {text!r}"


_LINE_DETECTORS = ("foreign", "boilerplate", "metadata", "duplicate", "attribution")
_PIECES = [
    "Anzeige", "Kim reist nach Russland.", " date 2023-09 ", "toi-allgemeines", "(Uniononline/L)",
    "© Riproduzione riservata", "Gustav Knudsen | Reflexivum", "Lesetipp: ", "Quelle: Agenturen", "\n",
    "\n\n", "\r\n", " ", "↑↑⇑⇑", "„Zitat“", "The meeting will take place.", "ß", "İ", "\u00a0", "Ä",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=25).map("".join))
def test_line_detectors_give_exact_spans_on_any_text(text: str) -> None:
    for name in _LINE_DETECTORS:
        for f in _findings(name, text):
            assert 0 <= f.start <= f.end <= len(text)
            assert text[f.start : f.end] == f.text
            for r in f.repairs:
                assert 0 <= r.start <= r.end <= len(text)

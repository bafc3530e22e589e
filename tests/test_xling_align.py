"""Alignment anchors and the names check on text written for these tests."""

from qc.xling.align import AlignParams, Link, align, align_lines
from qc.xling.bitext import BitextAnchors, anchor_similarity, build_bitext
from qc.xling.check_coverage import check_coverage
from qc.xling.check_names import check_names
from qc.xling.lexicon import source_concepts, target_concepts

SERVICE_SRC = (
    "Thank you for your order.\n"
    "We will send the package tomorrow morning.\n"
    "Please check your email for the tracking link.\n"
    "The delivery usually takes a few days."
)
SERVICE_TGT = (
    "Vielen Dank für Ihre Bestellung.\n"
    "Bitte prüfen Sie Ihre E-Mail auf den Link zur Sendungsverfolgung.\n"
    "Die Lieferung dauert normalerweise einige Tage."
)


def _omitted(params: AlignParams) -> list[str]:
    bt = build_bitext(SERVICE_SRC, SERVICE_TGT, "en", params=params)
    return [f.evidence["source_text"] for f in check_coverage(bt, "t") if f.category == "omission"]


def test_translated_words_locate_an_omitted_sentence_without_numbers_or_names():
    assert _omitted(AlignParams()) == ["We will send the package tomorrow morning."]


def test_lengths_alone_blame_the_wrong_sentence_for_that_omission():
    # the reason for the lexicon: with its weight at zero the aligner picks another sentence
    assert _omitted(AlignParams(lexicon_weight=0.0)) != ["We will send the package tomorrow morning."]


def test_a_sentence_left_out_of_a_paragraph_is_found():
    # paragraphs of three sentences and one; the translation's first paragraph lacks the second
    src, tgt = SERVICE_SRC.split("\n"), SERVICE_TGT.split("\n")
    bt = build_bitext(" ".join(src[:3]) + "\n" + src[3], " ".join(tgt[:2]) + "\n" + tgt[2], "en")
    omitted = [f.evidence["source_text"] for f in check_coverage(bt, "t") if f.category == "omission"]
    assert omitted == ["We will send the package tomorrow morning."]


Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _split_sentence(second_half: float, part_evidence: float) -> Beads:
    """One source sentence against two target sentences whose lengths fit it alone no worse than
    together: the first half shares 0.5 with it, the second ``second_half``."""

    def sim(s: tuple[int, ...], t: tuple[int, ...]) -> float:
        return {(0,): 0.5, (1,): second_half, (0, 1): 0.5}[t]

    params = AlignParams(merge_part_evidence=part_evidence)
    links = align([60], [50, 40], sim, params, ratio=1.0, merge_evidence=True)
    return [(link.src, link.tgt) for link in links]


def test_a_split_sentence_whose_halves_each_carry_its_words_stays_one_link():
    assert _split_sentence(0.5, part_evidence=0.2) == [((0,), (0, 1))]
    # without the test of each half, the merge counts as unsupported: a sentence added
    assert _split_sentence(0.5, part_evidence=99.0) == [((0,), (0,)), ((), (1,))]


def test_a_sentence_that_shares_nothing_with_the_source_is_no_half_of_a_split():
    assert _split_sentence(0.0, part_evidence=0.2) == [((0,), (0,)), ((), (1,))]


def test_lexicon_maps_inflected_german_words_to_english_entries():
    shared = source_concepts("The children bought new shoes.") & target_concepts(
        "Die Kinder kauften neue Schuhe."
    )
    assert len(shared) == 4


def test_line_pairs_align_one_to_one_when_line_counts_agree():
    links = align_lines([30, 60, 40], [35, 70, 45], lambda s, t: 0.0, [0, 1, 2], [0, 1, 2])
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


QUOTE_SRC = 'Whatever is needed, the government will supply it," Biden said.'


def _names(target: str) -> list[tuple[str, str]]:
    return [(f.text, f.severity) for f in check_names(build_bitext(QUOTE_SRC, target, "en"), "t")]


def test_misspelt_name_after_a_closing_quote_is_flagged_on_the_word():
    assert _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte Buiden.") == [
        ("Buiden", "major")
    ]


def test_name_after_a_closing_quote_must_appear_in_the_translation():
    found = _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte er.")
    assert [sev for _, sev in found] == ["minor"]


def test_name_kept_after_a_closing_quote_is_fine():
    assert _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte Biden.") == []


def test_german_form_of_a_source_word_is_no_misspelling():
    bt = build_bitext("Critics blamed Russophobia in the West.",
                      "Kritiker machten die Russophobie im Westen verantwortlich.", "en")
    assert [f for f in check_names(bt, "t") if "misspelling" in f.message] == []


def _no_anchor(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
    raise AssertionError("the dynamic programme ran")


def test_one_paragraph_with_as_many_sentences_of_agreeing_lengths_is_paired_in_order():
    links = align_lines([40, 62, 35], [44, 70, 38], _no_anchor, [0, 0, 0], [0, 0, 0])
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_one_paragraph_with_a_pair_of_disagreeing_lengths_goes_to_the_programme():
    calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def anchor(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        calls.append((si, ti))
        return 0.0

    links = align_lines([40, 62, 35], [44, 200, 20], anchor, [0, 0, 0], [0, 0, 0])
    assert calls and len(links) >= 3


def test_an_omission_in_one_paragraph_is_still_found():
    bt = build_bitext(SERVICE_SRC.replace("\n", " "), SERVICE_TGT.replace("\n", " "), "en")
    omitted = [f.evidence["source_text"] for f in check_coverage(bt, "t") if f.category == "omission"]
    assert omitted == ["We will send the package tomorrow morning."]


class _Truth:
    """Anchors that know the true links (1.0 for a true bead, −0.5 for any other) and record
    the 1-1 pairs the aligner weighs."""

    def __init__(self, true: set[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        self.true: set[tuple[tuple[int, ...], tuple[int, ...]]] = true
        self.asked: set[tuple[int, int]] = set()

    def __call__(self, si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        if len(si) == len(ti) == 1:
            self.asked.add((si[0], ti[0]))
        return 1.0 if (si, ti) in self.true else -0.5


def _pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.src, link.tgt) for link in links]


def test_a_sentence_split_in_two_halves_by_length_is_aligned_without_anchors():
    # source sentence 4 becomes target sentences 4 and 5, neither of which fits it alone, and
    # the rest pair in order around them: lengths tell the split, and the anchors go unasked
    src = [60, 80, 70, 90, 120, 75, 65, 85, 70, 95]
    tgt = [63, 84, 72, 95, 60, 64, 78, 68, 90, 73, 99]
    true = {((i,), (i,)) for i in range(4)} | {((4,), (4, 5))} | {((i,), (i + 1,)) for i in range(5, 10)}
    by_length = _Truth(true)
    links = align_lines(src, tgt, by_length, [0] * 10, [0] * 11)
    assert _pairs(links) == _pairs(align(src, tgt, _Truth(true), merge_evidence=True))
    assert ((4,), (4, 5)) in _pairs(links)
    assert not by_length.asked
    # the same two sentences joined in the translation
    joined = align_lines(tgt, src, _Truth({(t, s) for s, t in true}), [0] * 11, [0] * 10)
    assert _pairs(joined) == [(t, s) for s, t in _pairs(links)]


def test_a_split_sentence_added_to_by_length_is_left_to_the_programme():
    # one short added sentence (target 4): source 4 with targets 4 and 5 would fit by length,
    # but the pairs before the addition agree and so do those after it, shifted by one: every
    # source sentence has a target that fits it alone, and only anchors tell the two apart
    src = [60, 80, 70, 90, 120, 75, 65, 85, 70, 95]
    tgt = [63, 84, 72, 95, 30, 118, 78, 68, 90, 73, 99]
    true = {((i,), (i,)) for i in range(4)} | {((), (4,))} | {((i,), (i + 1,)) for i in range(4, 10)}
    anchors = _Truth(true)
    links = align_lines(src, tgt, anchors, [0] * 10, [0] * 11)
    assert ((), (4,)) in _pairs(links) and anchors.asked


def test_a_sentence_split_in_a_long_paragraph_is_aligned_in_a_window_around_the_split():
    # source sentence 4 becomes target sentences 4 and 5, which together are too short for it
    # by length (a free translation: lengths alone do not tell the split); the rest pair in order
    src = [60, 80, 70, 90, 120, 75, 65, 85, 70, 95]
    tgt = [63, 84, 72, 95, 30, 30, 78, 68, 90, 73, 99]
    true = {((i,), (i,)) for i in range(4)} | {((4,), (4, 5))} | {((i,), (i + 1,)) for i in range(5, 10)}
    windowed = _Truth(true)
    links = align_lines(src, tgt, windowed, [0] * 10, [0] * 11)
    assert _pairs(links) == _pairs(align(src, tgt, _Truth(true), merge_evidence=True))
    assert ((4,), (4, 5)) in _pairs(links)
    # the programme weighed only pairs near the split, not the first or last sentences
    assert windowed.asked and all(2 <= i <= 6 for i, _ in windowed.asked)


def test_a_run_of_agreeing_lengths_past_an_added_sentence_widens_the_window_to_the_addition():
    # target sentence 1 is added; every sentence is about as long as its neighbours, so the
    # pairs in order agree in length past the addition, up to the long sentence 8 (target 9),
    # and the last pair disagrees (a free translation): the window sits at the end, where
    # its alignment must part from the diagonal at once, and it widens until it holds the start
    src = [80, 82, 79, 81, 80, 83, 78, 80, 200, 80]
    tgt = [81, 80, 83, 80, 82, 81, 84, 79, 81, 205, 190]
    true = {((0,), (0,))} | {((i,), (i + 1,)) for i in range(1, 10)}
    whole = _Truth(true)
    links = align_lines(src, tgt, whole, [0] * 10, [0] * 11)
    assert _pairs(links) == _pairs(align(src, tgt, _Truth(true), merge_evidence=True))
    assert _pairs(links)[:3] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    assert (1, 1) in whole.asked  # the programme ran over the start as well


def test_bit_set_anchors_read_as_the_sets_of_features_do():
    source = ("The company sold 1,200 cars in Germany in March. Its chief executive Ola Källenius "
              "was pleased. Sales in China fell by 3.5 percent.")
    target = ("Das Unternehmen verkaufte im März 1.200 Autos in Deutschland. Vorstandschef Ola "
              "Källenius zeigte sich zufrieden. Der Absatz in China sank um 3,5 Prozent.")
    bt = build_bitext(source, target, "en")
    anchors = BitextAnchors(bt.src, bt.tgt, AlignParams(), "en")
    p = AlignParams()

    def by_sets(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        s, t = [bt.src[i] for i in si], [bt.tgt[j] for j in ti]
        a = anchor_similarity(s, t)
        sc, tc = frozenset().union(*(x.cognates for x in s)), frozenset().union(*(x.cognates for x in t))
        sl = frozenset().union(*(x.source_entries for x in s))
        tl = frozenset().union(*(target_concepts(x.text) for x in t))
        if sc and tc:
            a += p.cognate_weight * (2 * len(sc & tc) / (len(sc) + len(tc)) - 0.05)
        if sl and tl:
            a += p.lexicon_weight * (2 * len(sl & tl) / (len(sl) + len(tl)) - 0.1)
        return a

    for i in range(3):
        for j in range(3):
            # (no copied sentence here: the 1-1 similarity is the sets' alone)
            assert anchors.one(i, j) == by_sets((i,), (j,))
            if i < 2:
                assert anchors.src_pair(i, j) == by_sets((i, i + 1), (j,))
            if j < 2:
                assert anchors.tgt_pair(i, j) == by_sets((i,), (j, j + 1))
    assert anchors.one(0, 0) > anchors.one(0, 1)

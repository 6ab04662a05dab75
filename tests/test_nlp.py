"""The spaCy step (scispacy's AbbreviationDetector) and the sentences it is given."""

from extract.nlp import abbreviations, relevant_sentences

TEXT = ("Patients were randomised to drug (n = 40) or placebo (n = 41). The primary outcome was the change in "
        "left ventricular ejection fraction (LVEF) at 6 months. Blood pressure (BP) was measured weekly. "
        "Secondary outcomes included the six-minute walk distance (SMWD) and quality of life (QoL).")


def test_all_abbreviations_without_names():
    ab = abbreviations(TEXT)
    assert ab["LVEF"] == "left ventricular ejection fraction" and ab["BP"] == "Blood pressure"
    assert ab["SMWD"] == "six-minute walk distance" and ab["QoL"] == "quality of life"


def test_names_keep_only_the_sentences_that_can_define_their_abbreviations():
    # the short form is a word of the name, or the long form is part of the name
    assert abbreviations(TEXT, ["change in LVEF at 6 months"]) == {"LVEF": "left ventricular ejection fraction"}
    assert abbreviations(TEXT, ["change in BP levels"]) == {"BP": "Blood pressure"}
    # sentence by sentence: QoL is defined in the same sentence as SMWD
    assert abbreviations(TEXT, ["the six-minute walk distance"]) == {"SMWD": "six-minute walk distance",
                                                                    "QoL": "quality of life"}
    assert abbreviations(TEXT, ["mortality"]) == {}
    assert abbreviations(TEXT, []) == {}


def test_relevant_sentences_drops_sentences_whose_parentheses_do_not_touch_the_names():
    cands = "Blood pressure (BP) was measured.\n\nQuality of life (QoL) was scored.\n\nDrug (n = 40) or placebo."
    assert relevant_sentences(cands, ["BP at week 8"]) == "Blood pressure (BP) was measured."
    assert relevant_sentences(cands, ["quality of life"]) == "Quality of life (QoL) was scored."
    assert relevant_sentences(cands, ["mortality"]) == ""

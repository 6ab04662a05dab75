"""Arm sizes, arm roles, totals and document types: phrasing families mined in shared/bench-abstracts
(test stems excluded) after the fifth draw (eval/dev5). Each case is a short quote or a close
paraphrase of a real abstract; the negative cases are the false positives seen while mining.
"""

from __future__ import annotations

import pytest

from extract.extractors import doctype
from extract.model import Document
from extract.pipeline import extract_document


def run(text: str):
    return extract_document(Document(doc_id="t", source_uri="/t.txt", source_format="text", text=text))


def total(text: str):
    (trial,) = run(text).trials
    return trial.total_enrolled


def arms_of(text: str) -> list[tuple[int | None, str]]:
    return sorted(((a.n, a.role) for a in run(text).arms), key=lambda x: (x[0] or 0, x[1]))


# --- a breakdown by sex is no pair of arms -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A total number of 160 (70 male and 90 female) T1D and 75 T2D (25 male and 50 female) patients allocated randomly from "
    "a center were enrolled in the study.",
    "We used a randomized crossover design whereby forty subjects (15 men, 25 women) with a mean age of 21 y consumed a drink.",
    "Thirteen children participated in Trial 1 (6 boys, 7 girls) of this randomised crossover trial.",
    "In this randomized trial, 60 healthy subjects (25 males and 35 females) with age 55-83 years were exposed to traffic.",
])
def test_sex_breakdown_is_not_two_arms(text):
    assert arms_of(text) == []


def test_labelled_pair_in_parenthesis_still_read():
    # the pair family itself stays: 'Forty-five subjects (30 CPA and 15 placebo)'
    assert arms_of("In this randomized trial, forty-five subjects (30 CPA and 15 placebo) were enrolled.") == [
        (15, "placebo"), (30, "experimental")]

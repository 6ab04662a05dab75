"""The spaCy step, kept thin: a blank English pipeline with scispacy's model-free
AbbreviationDetector. spaCy objects never leave this module; callers get plain strings and offsets.
"""

from __future__ import annotations

import warnings
from functools import lru_cache


# scispacy's detector registers an empty global matcher and spaCy warns (W036) on every call
warnings.filterwarnings("ignore", message=r".*\[W036\]")


@lru_cache(maxsize=1)
def get_nlp():
    """One pipeline per process (cached). No model downloads: spacy.blank + scispacy rules."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector")
    return nlp


def abbreviations(text: str) -> dict[str, str]:
    """Short form -> long form, as defined in the text ('left ventricular end systolic volume (LVESV)')."""
    if len(text) > 2_000_000:
        text = text[:2_000_000]
    nlp = get_nlp()  # first: importing spaCy installs warning filters of its own
    with warnings.catch_warnings():
        # scispacy's detector registers an empty global matcher; spaCy warns (W036) on every call
        warnings.filterwarnings("ignore", message=r".*\[W036\]")
        doc = nlp(text)
    out: dict[str, str] = {}
    for abrv in doc._.abbreviations:
        long = " ".join(abrv._.long_form.text.split())
        out.setdefault(abrv.text, long)
    return out

"""The spaCy step, kept thin: a blank English pipeline with scispacy's model-free
AbbreviationDetector. spaCy objects never leave this module; callers get plain strings and offsets.
"""

from __future__ import annotations

import re
import threading
import warnings


# scispacy's detector registers an empty global matcher and spaCy warns (W036) on every call
warnings.filterwarnings("ignore", message=r".*\[W036\]")


_local = threading.local()


def get_nlp():
    """One pipeline per thread (cached): scispacy's AbbreviationDetector keeps per-call state in
    its matchers and fails with E109 when two threads share it. No model downloads."""
    nlp = getattr(_local, "nlp", None)
    if nlp is None:
        nlp = _local.nlp = _build()
    return nlp


def _build():
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector")
    return nlp


# Sentence ends (a rough split is enough: abbreviations are defined within a sentence).
_SENT_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9(\[])|\n\s*\n")


def candidate_sentences(text: str) -> str:
    """Only the sentences that can define an abbreviation (they contain a parenthesis or bracket),
    joined by blank lines. Tokenizing and matching these instead of the whole text halves the
    spaCy step's time (measured on the 3,244 bench abstracts: 42% of the characters remain; the
    detected short forms differ in 28 of 3,244 documents, mostly long forms that used to run across a
    sentence boundary)."""
    parts, pos = [], 0
    for m in _SENT_END.finditer(text):
        parts.append(text[pos:m.start()])
        pos = m.end()
    parts.append(text[pos:])
    # a run-on 'sentence' (a text without line breaks or full stops) is cut into pieces of about
    # 2,000 characters: the detector's matcher is quadratic in the length of what it is given
    parts = [c for p in parts for c in (_chunks(p) if len(p) > 4000 else (p,))]
    return "\n\n".join(p for p in parts if "(" in p or "[" in p)


def _chunks(s: str, size: int = 2000) -> list[str]:
    out, pos = [], 0
    while pos < len(s):
        end = s.rfind(" ", pos + size // 2, pos + size) if pos + size < len(s) else len(s)
        end = end if end > pos else min(len(s), pos + size)
        out.append(s[pos:end])
        pos = end
    return out


# a parenthesis (or bracket) with the word before it and the first word inside it
_PAREN = re.compile(r"([^\s(\[]*)\s*[(\[]\s*([^\s)\];,]*)")
_NOT_A_CLUE = {"of", "in", "at", "to", "or", "on", "by", "as", "is", "an", "the", "and", "for", "with", "was", "were",
               "from", "that", "this", "than", "all", "not"}


def _pieces_of(word: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", word.lower()) if len(w) >= 2 and w not in _NOT_A_CLUE]


def relevant_sentences(candidates: str, names: list[str]) -> str:
    """Of the candidate sentences, those that can define an abbreviation of one of `names`.

    The detector pairs 'long form (short form)' or 'short form (long form)', and an abbreviation
    is used for a name only when its short form is a word of the name or its long form is part of
    the name. Either way the word just before the parenthesis or the first word inside it occurs in
    the name; a sentence with no such parenthesis cannot contribute and is not given to spaCy."""
    key = " | ".join(" ".join(re.sub(r"[-‐/]", " ", n.lower()).split()) for n in names)
    if not key:
        return ""
    keep = [part for part in candidates.split("\n\n")
            if any(w in key for m in _PAREN.finditer(part) for g in m.groups() for w in _pieces_of(g))]
    return "\n\n".join(keep)


def abbreviations(text: str, names: list[str] | None = None) -> dict[str, str]:
    """Short form -> long form, as defined in the text ('left ventricular end systolic volume (LVESV)').
    With `names`: only the abbreviations that can concern those names (see `relevant_sentences`)."""
    text = candidate_sentences(text[:2_000_000])
    if names is not None:
        text = relevant_sentences(text, names)
    text = text[:900_000]  # spaCy refuses texts over 1,000,000 characters
    if not text:
        return {}
    nlp = get_nlp()  # first: importing spaCy installs warning filters of its own
    with warnings.catch_warnings():
        # scispacy's detector registers an empty global matcher; spaCy warns (W036) on every call
        warnings.filterwarnings("ignore", message=r".*\[W036\]")
        # in pieces of whole candidate sentences: the detector's '(' ... ')' matcher keeps a state
        # alive for every '(' to the end of what it is given, so its time grows with the square
        # of the length (a long document with thousands of parentheses stalled here)
        docs = [nlp(piece) for piece in _pieces(text)]
    out: dict[str, str] = {}
    for doc in docs:
        for abrv in doc._.abbreviations:
            long = " ".join(abrv._.long_form.text.split())
            out.setdefault(abrv.text, long)
    return out


def _pieces(text: str, size: int = 20_000) -> list[str]:
    """`text` (candidate sentences joined by blank lines) cut at blank lines into pieces of
    about `size` characters."""
    out, pos = [], 0
    while pos < len(text):
        end = text.find("\n\n", pos + size) if pos + size < len(text) else -1
        end = len(text) if end < 0 else end
        out.append(text[pos:end])
        pos = end
    return out

"""Offset-preserving normalisation.

`match_text(text)` returns a string of the *same length* as `text` in which characters that
matter to number parsing are replaced one-for-one: Unicode minus signs and the replacement
character U+FFFD in front of a digit (a minus sign lost in PDF-to-text conversion) become '-',
exotic spaces become ' ', and a Lancet-style middle dot between digits becomes '.'. Because the
replacement is 1:1, every offset found in the match text is an offset into the canonical text,
and evidence slices the canonical text exactly.
"""

from __future__ import annotations

import re

_MINUS = "\u2212\u2012\ufe63\uff0d\u2010\u2011"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_TRANS = str.maketrans({**{c: "-" for c in _MINUS}, **{c: " " for c in _SPACES}})
_FFFD_MINUS = re.compile(r"\ufffd(?=\s?\d)")
_MIDDOT = re.compile(r"(?<=\d)[\u00b7\u2027\u22c5](?=\d)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


# the characters _TRANS maps, found by one C-level scan (str.translate looks every character up
# in a dict: ~50 ns a character, a tenth of an abstract's extraction time for a rare replacement)
_TRANS_RE = re.compile("[" + re.escape(_MINUS + _SPACES) + "]")


def _trans(m: re.Match[str]) -> str:
    return _TRANS[ord(m.group())]


def match_text(text: str) -> str:
    if text.isascii():  # only the tab of the replaced characters is ASCII
        return text.replace("\t", " ")
    out = _TRANS_RE.sub(_trans, text)
    out = _FFFD_MINUS.sub("-", out)
    out = _MIDDOT.sub(".", out)
    assert len(out) == len(text)
    return out


def canonical_text(decoded: str) -> str:
    """The canonical text of a decoded source: BOM dropped, line ends normalised to '\\n'."""
    text = decoded.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_phrase(s: str) -> str:
    """A phrase for display: line-end hyphenation repaired, whitespace folded.

    `mesenchy-\\nmal` -> `mesenchymal`, but `end-\\nsystolic` keeps its hyphen when the part after
    the break is a word that usually follows a hyphen in compounds is undecidable without a
    dictionary, so we keep a hyphen only when the next fragment starts with an upper-case letter or
    digit (e.g. `NT-\\nproBNP` is rare in practice). Offsets are never taken from this string.
    """
    s = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip()


def flatten_exponent(text: str) -> str:
    """Normalise a power of ten as written: `100 × 106` -> `100 × 10^6`, `1×10⁷` -> `1 × 10^7`.

    Used on short phrases (doses) where a count of cells in the form `N × 10E` is unambiguous:
    a literal product with 106 would never be written that way.
    """
    t = text.translate(_SUPERSCRIPTS)
    return re.sub(r"(\d)\s*[×x]\s*10\s*\^?\s*(-?\d{1,2})\b", r"\1 × 10^\2", t)

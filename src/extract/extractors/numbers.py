"""Numbers as written in trial reports: digits with thousands separators and number words."""

from __future__ import annotations

import re

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = "|".join(sorted(list(_UNITS) + list(_TENS) + ["hundred", "thousand"], key=len, reverse=True))
# 'sixty-seven', 'One hundred and ninety-three', 'two thousand and twelve'
NUMBER_WORDS = rf"(?:(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*)"
COUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{NUMBER_WORDS})"
# the characters a COUNT can start with (digits; z, o, t, f, s, e, n, h of the number words), as a
# lookahead put first in patterns that start with a count: a position that fails it is dropped
# before the pattern's look-behinds and number-word alternation are tried (~30% of their scan time)
COUNT_AHEAD = r"(?=(?i:[\dzotfsenh]))"
PEOPLE = (r"(?:patients|participants|subjects|individuals|persons|people|women|men|children|adolescents|infants|"
          r"neonates|newborns|adults|volunteers|mothers|pregnant women|students|smokers|workers|residents|eyes|"
          r"cases|outpatients|inpatients|survivors|athletes|elderly|girls|boys|families|dyads|couples|parents|caregivers|"
          r"nurses|physicians|doctors|pairs|parishes|schools|practices|villages|communities|agencies|households|"
          r"males|females|teeth|(?:fire\s?)?fighters|soldiers|recruits|employees|clients|veterans|donors|recipients)")
# the subjects of an animal trial: counted like people, but only where a trial's arms are read
# ('60 rabbits were randomly assigned to three groups', 'kids (n = 12) received ...')
ANIMALS = (r"(?:rats|mice|dogs|cats|rabbits|goats|kids|calves|pigs|piglets|sows|gilts|lambs|ewes|sheep|cows|heifers|"
           r"steers|bulls|horses|mares|foals|broilers|hens|chickens|chicks|monkeys|macaques|animals)")
ARM_PEOPLE = rf"(?:{PEOPLE}|{ANIMALS})"


def to_int(s: str) -> int | None:
    """'1,410' -> 1410; '17 135' (a space, thin or no-break space between thousands) -> 17135;
    'One hundred and ninety-three' -> 193; None when not a count."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", s):
        return int(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u2000-\u200a\u202f]\d{3})+", s):
        return int(re.sub(r"\D", "", s))
    words = re.split(r"[\s-]+", s.lower())
    total, cur = 0, 0
    seen = last_unit = False
    for w in words:
        if w == "and":
            continue
        was_unit, last_unit = last_unit, w in _UNITS
        if was_unit and w in _UNITS:
            return None  # 'Eight-nine' (a typo for eighty-nine), 'twenty-one five': not one number
        if w in _UNITS:
            cur += _UNITS[w]
        elif w in _TENS:
            cur += _TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        else:
            return None
        seen = True
    return total + cur if seen else None

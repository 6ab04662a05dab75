"""Design flags, registry ids and document type from real phrasing (issue 3: generalisation).

The phrasings come from abstracts in shared/bench-abstracts outside the evaluation sets; each rule
has positive and negative cases.
"""

from __future__ import annotations

import pytest

from extract.extractors import design, doctype


def ids(text: str) -> list[str]:
    return [f.value for f in design.registry_ids(text)]


@pytest.mark.parametrize("text, expected", [
    ("TRIAL REGISTRATION: ClinicalTrials.gov NCT 00011193", ["NCT 00011193"]),
    ("This trial was registered with ClinicalTrials.gov (no. NCT\u201000552175).", ["NCT\u201000552175"]),
    ("anting further investigation. NCT: 02053779.", ["NCT02053779"]),
    ("TRIAL REGISTRATION: ClinicalTrials.gov: NCT0061850", ["NCT0061850"]),  # 7 digits, as written
    ("TRIAL REGISTRATION: Current Controlled Trials ISRCTN 83091970", ["ISRCTN 83091970"]),
    ("International Standard Randomized Controlled Trial Number (ISRCTN): 28632626; http://www.controlled-trials.com",
     ["ISRCTN28632626"]),
    ("TRIAL REGISTRATION: ISRCTN Registry 24426731", ["ISRCTN24426731"]),
    ("TRIAL REGISTRATION: ACTRN 12605000567628.", ["ACTRN 12605000567628"]),
    ("Australian New Zealand Clinical Trials Registry (ANZCTR) ANZCTRN012605000490673.", ["ANZCTRN012605000490673"]),
    ("with the IRCT ID: IRCT2015072223284N1, identifier.", ["IRCT2015072223284N1"]),
    ("RCT registration number: IRCT138804272200N", ["IRCT138804272200N"]),
    ("registered on http://www.chictr.org.cn (No. chictr-inr-16008709).", ["chictr-inr-16008709"]),
    ("Chinese Clinical Trial Registry ChiCTR1800015420", ["ChiCTR1800015420"]),
    ("TRIAL REGISTRATION: drks-neu.uniklinik-freiburg.de DRKS 00000201", ["DRKS 00000201"]),
    ("TRIAL REGISTRATION: Nederlands Trial Register (NTR: 1786)", ["NTR1786"]),
    ("Dutch Trial Register NTR-2051 www.trialregister.nl", ["NTR-2051"]),
    ("TRIAL REGISTRATION: ClinicalTrials.in.th: TCTR20140602001.", ["TCTR20140602001"]),
    ("Pan African Clinical Trial Registry PACTR20130200047835", ["PACTR20130200047835"]),
    ("TRIAL REGISTRATION: RBR-8ns8pb. (Retrospectively registered)", ["RBR-8ns8pb"]),
    ("CLINICAL TRIAL REGISTRATION NUMBER: JapicCTI-142608.", ["JapicCTI-142608"]),
    ("Registered with CTRI/2012/09/002999 and SLCTR/2013/011.", ["CTRI/2012/09/002999", "SLCTR/2013/011"]),
    ("TRIAL REGISTRATION: UMIN Clinical Trials Registry 000012012.", ["UMIN000012012"]),
    ("(UMIN Clinical Trials Registry, no. C000000289)", ["C000000289"]),
    ("registered with KCT0000320 and UMIN000012345", ["KCT0000320", "UMIN000012345"]),
    ("Trial registration: (EudraCT no. 2004 \u2013 003892 \u2013 35).", ["2004 \u2013 003892 \u2013 35"]),
    ("TRIAL REGISTRATION: Clinicaltrialsregister.eu 2012-001540-22 ClinicalTrials.gov NCT01699854",
     ["2012-001540-22", "NCT01699854"]),
    ("(ICTRP Trial Number: U1111-1158-3672).", ["U1111-1158-3672"]),
])
def test_registry_ids_as_written(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "The study was approved by the ethics committee (NL12345.078.15) and funded by grant R01 HL123456.",
    "Funded by the NHMRC (grant 2004-003892-35) and approved (MEC 2010-022131-11).",  # not named EudraCT
    "INTRODUCTION: NTR is a scale; the NCT was 12 mm in 1234567 cells.",
    "ClinicalTrials.gov (https://clinicaltrials.gov/ct2/show/NCT01234567/record)",  # inside a URL path: only once
])
def test_not_registry_ids(text):
    got = ids(text)
    assert got in ([], ["NCT01234567"])
    assert len(got) <= 1

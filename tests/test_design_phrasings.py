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


TITLE = "Effect of drug X on outcome Y\n\n"


@pytest.mark.parametrize("text", [
    # own design statements in real phrasings (mining abstracts typed 'other' before)
    "METHODS: Randomized, 2\u2010way cross\u2010over clinical trial. Steers received IV famotidine.",  # Unicode hyphens
    "In a prospective, participant-masked, cross-over, randomized, 1-week dispensing clinical-trial, 43 presbyopes wore lenses.",
    "METHODS: Two randomised, double blind, placebo-controlled, crossover studies were performed.",
    "A group of 70 subjects consumed three waters in a random, double blind fashion during four weeks.",
    "The teeth of 50 patients were randomly placed into either a control group or an experimental group.",
    "Patients were recruited and allocated randomly to two groups.",
    "Breast cancer patients were randomly subdivided into an Internet group and a control group.",
    "A total of 673 patients took rizatriptan or usual-care triptans for two attacks in a sequential, cross-over manner.",
    "This paper presents a secondary analysis of the subset of participants in the Internet arm of the Weight Loss Maintenance Trial.",
    "We performed a subanalysis from two large clinical trials that compared telmisartan and valsartan.",
    "In this quasi-experimental study, 64 mothers were enrolled.",
    "Thirty patients were categorized into two equal groups (Group A: SRP with gel, Group B: SRP with placebo gel).",
    "Seventy patients were selected and divided into two groups. Group A received propofol.",
    "Twenty-nine male participants (20 \u00b1 1 years) were assigned to Judo training (n = 9) or resistance training (n = 10).",
    "Subjects were randomly and equally divided into two groups, either consuming rice or whey protein.",
    "Dogs were prospectively enrolled and divided into treatment and the placebo groups.",
    "TRIAL REGISTRATION: ClinicalTrials.gov NCT01157975",
    "METHODS: Randomised clinical trials in 6 \u2013 13 y.o children with amblyopia.",  # a heading's plural
])
def test_trial_reports(text):
    assert doctype.classify(TITLE + text) == "trial-report"


@pytest.mark.parametrize("text, expected", [
    # a background or a recommendation names other trials, not this one
    ("This was a retrospective review of open RFA. Recently some have called for randomized controlled trials comparing RFA.", "other"),
    ("We studied 37 referred families. Further research into PCIT using a randomised controlled trial is recommendable.", "other"),
    ("In this retrospective cohort study of 800 patients, survival improved. A double blind randomized controlled trial is needed.", "other"),
    # specimens, not people
    ("In this ex vivo study, 45 extracted human mandibular first molars were randomly divided into three groups (n=15).", "other"),
    # 'retrospectively registered' is not a retrospective design
    ("Participants were randomised to drug or placebo. Trial registration: NCT02952014, retrospectively registered.", "trial-report"),
    # a pooled analysis of several trials is a review, also when a placebo is named
    ("Cardiovascular outcomes: pooled subject-level data of 14 comparative trials were evaluated; dabigatran had similar rates "
     "when compared with enoxaparin or placebo.", "review"),
    # a title naming a meta-analysis is a review; a background meta-analysis is not
    ("BACKGROUND: A recent meta-analysis showed benefit. METHODS: Patients were randomized to SmartCare or usual weaning.", "trial-report"),
])
def test_document_type_boundaries(text, expected):
    assert doctype.classify(TITLE + text) == expected


def test_review_title():
    assert doctype.classify("Vitamin D and fractures: a systematic review and meta-analysis\n\nWe searched MEDLINE.") == "review"
    assert doctype.classify("Embryo placement: a randomized controlled trial\n\nBACKGROUND: Meta-analysis revealed that embryo "
                            "placement matters. METHODS: Women were randomized to two positions.") == "trial-report"


def primaries(text: str) -> list[str]:
    from extract.model import Document
    from extract.pipeline import extract_document
    doc = Document(doc_id="t", source_uri="/t.txt", source_format="text", text=text)
    return [e.name for e in extract_document(doc).endpoints if e.kind == "primary"]


@pytest.mark.parametrize("text, expected", [
    # marked in parentheses, with an abbreviation or more after the marker
    ("Patients were randomized. Outcomes included: Wolf Motor Function Test (WMFT-FAS, Primary Outcome), and the Ashworth Scale.",
     ["Wolf Motor Function Test"]),
    ("Patients were randomized. Quality-of-life measures included the Physical Component Summary (PCS, primary outcome) and "
     "Mental Component Summary (MCS, secondary outcome) scores.", ["Physical Component Summary"]),
    ("Patients were randomized. Outcome measures were: change in weekly alcohol consumption (primary); full AUDIT score (secondary).",
     ["change in weekly alcohol consumption"]),
    ("Patients were randomized. Endpoints included the rates of rVTE (primary) and bleeding events.", ["rates of rVTE"]),
    # modifiers and phrases between 'primary ... outcome' and the verb
    ("Patients were randomized. The primary study endpoint was death through 90-day follow up.", ["death"]),
    ("Patients were randomized. The primary outcome measure over six weeks study period was the change in mean WOMAC pain scores.",
     ["change in mean WOMAC pain scores"]),
    ("Patients were randomized. The primary readout was change in critical temperature thresholds (CTT).",
     ["change in critical temperature thresholds (CTT)"]),
    ("Patients were randomized. Postoperative pain was the primary comparison endpoint.", ["Postoperative pain"]),
    # an appositive without the closing comma
    ("Patients were randomized. The primary end point, the proportion of patients with new lesions was equal in both groups.",
     ["proportion of patients with new lesions"]),
    # two primary outcomes sharing an abbreviation are two
    ("Patients were randomized. The primary outcomes were the occurrence of malarial parasitaemia (MP) at week 4 and the proportion "
     "of participants with PCR positive malarial parasitaemia at week 16.",
     ["occurrence of malarial parasitaemia (MP)", "proportion of participants with PCR positive malarial parasitaemia"]),
])
def test_primary_endpoint_phrasings(text, expected):
    assert primaries(text) == expected


@pytest.mark.parametrize("text", [
    "Patients were randomized. The primary outcome was met by more patients treated with drug X (34% vs 20%).",
    "Patients were randomized. The primary endpoint was significantly higher in the drug group (p = 0.01).",
    "Patients were randomized. The primary outcome was analyzed using mixed models in the ITT population.",
    "Patients were randomized. The question is whether the selected primary outcome measure is relevant in this group.",
    "RESULTS: Patients were randomized. Primary outcome: Improvements in WMFT-FAS were significantly greater following HYBRID (p = .049).",
])
def test_not_primary_endpoint_names(text):
    assert primaries(text) == []


def _flags(text: str):
    sa = design.single_arm(text)
    r, b, p = design.randomized(text, bool(sa)), design.blinding(text), design.placebo(text)
    return (r.value if r else None, b.value if b else None, p.value if p else None, bool(sa))


@pytest.mark.parametrize("text, expected", [
    # (randomized, blinding, placebo, single_arm) from mining phrasings
    ("Deworming in India: An Open-Labelled, Cluster-Randomized Trial", (True, "open", None, False)),
    ("An Open Label, Randomised Trial of Artesunate+Amodiaquine", (True, "open", None, False)),
    ("A prospective, multicentre, randomised, double\u2013blind, placebocontrolled, two\u2013group crossover study",
     (True, "double", True, False)),
    ("The results were evaluated by a blind dermatologist using the Vitiligo Area Scoring Index.", (None, "blinded", None, False)),
    ("A crossover design was used with 3 randomly-assigned diet rotations.", (True, None, None, False)),
    ("They were divided into three equal groups randomly (each composing of 50 patients).", (True, None, None, False)),
    ("Measurements were repeated on a placebo day (at least 1 week apart, in random sequence).", (True, None, True, False)),
    ("Subjects consumed 1) a water low in minerals or 2) mineral water, in a random, double blind fashion.", (True, "double", None, False)),
    ("Patients were divided into 2 groups of 30 each by computerized random allotment.", (True, None, None, False)),
    ("Twenty-one patients were randomly selected to receive either a type A or type B stent.", (True, None, None, False)),
    ("Participants applied either a topical diclofenac solution or vehicle control solution.", (None, None, True, False)),
    ("A Phase III, Randomized, Double-Blind, Vehicle-Controlled Trial", (True, "double", True, False)),
    ("In this single-group, pre-post designed study, within group changes were analysed.", (False, None, None, True)),
])
def test_design_flag_phrasings(text, expected):
    assert _flags(text) == expected


@pytest.mark.parametrize("text", [
    "Balance was assessed by the blind flamingo test; complications may arise from blind manipulation.",
    "Boys and girls were randomly selected from 26 elementary schools; UFPs from vehicle emissions were measured.",
    "One group received written information while the other group received a lecture.",
])
def test_design_flag_negatives(text):
    assert _flags(text) == (None, None, None, False)


@pytest.mark.parametrize("text, expected", [
    ("Patients were randomized. Postoperative pain as the primary outcome was assessed by using a visual analogue scale.",
     ["Postoperative pain"]),
    ("Patients were randomized. The effective pacing rate at 6-month follow-up was recorded as the primary end point.",
     ["effective pacing rate at 6-month follow-up"]),
    ("Patients were randomized. These data included the number of sickness absence days as the primary outcome and questionnaires.",
     ["number of sickness absence days"]),
    ("Patients were randomized. The primary effectiveness outcome was primary patency at 12 months.", ["primary patency"]),
    ("Patients were randomized. RESULTS: The primary endpoint [change from baseline in average morning PEF] demonstrated superiority.",
     ["change from baseline in average morning PEF"]),
    ("Patients were randomized. Main outcome measures. Metabolic syndrome (MetS) as defined by the IDF.",
     ["Metabolic syndrome (MetS) as defined by the IDF"]),
    ("Patients were randomized. Primary outcome measures include visual improvement and patient satisfaction.",
     ["visual improvement", "patient satisfaction"]),
    ("Patients were randomized. Primary outcomes of weight and HRQL using the SF-36 were analyzed.", ["weight and HRQL using the SF-36"]),
    ("Patients were randomized. The mean change from baseline in sitting diastolic BP at week 16 (primary endpoint) was -12.4 mm Hg.",
     ["mean change from baseline in sitting diastolic BP at week 16"]),
])
def test_more_primary_endpoint_phrasings(text, expected):
    assert primaries(text) == expected


def test_primary_as_needs_a_name():
    assert primaries("Patients were randomized. The primary outcome was examined at 12 weeks in all groups.") == []


def test_one_primary_outcome_named_twice():
    text = ("Women were randomised. The primary outcome was continuous smoking abstinence from the target quit date until end of "
            "pregnancy. In the analysis, self reported continuous abstinence from smoking between quit date and end of pregnancy "
            "(primary outcome) did not differ.")
    assert len(primaries(text)) == 1


@pytest.mark.parametrize("text, expected", [
    ("A phase II randomized trial of drug X.", "II"),
    ("A Phase III, Randomized, Double-Blind, Vehicle-Controlled Trial", "III"),
    ("Adults who lost weight after an initial six-month Phase I weight loss program were randomized.", None),  # a programme's phase
    ("In phase I of the study participants learned the task.", None),
    ("Ospemifene: results of the phase 2/3 clinical development program", "2/3"),
    ("After an initial Phase I weight loss program, adults were randomized. The amount of Phase I change in weight did not differ.", None),
])
def test_phase(text, expected):
    f = design.phase(text)
    assert (f.value if f else None) == expected

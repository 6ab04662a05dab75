"""Primary-endpoint phrasings mined from bench abstracts (eval/test, eval/dev and the draw-5 stems excluded), grouped by the
failure family they come from; each family has names that must come out and text that must give none (or only the right one)."""

from __future__ import annotations

import pytest

from extract.model import Document
from extract.pipeline import extract_document

LEAD = "Patients were randomized to drug or placebo. "


def primaries(text: str) -> list[str]:
    doc = Document(doc_id="t", source_uri="/t.txt", source_format="text", text=LEAD + text)
    return [e.name for e in extract_document(doc).endpoints if e.kind == "primary"]


# --- a name cut inside a number, a decimal, an abbreviation or brackets ---------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("The primary outcome was the proportion of time when sensor glucose concentration was in target range (3·9–10·0 mmol/L) over "
     "the 4 week study period.", ["proportion of time when sensor glucose concentration was in target range (3·9–10·0 mmol/L)"]),
    ("The primary outcome was time during which sensor glucose readings were in the target range of 3.9–8.0 mmol/l.",
     ["time during which sensor glucose readings were in the target range of 3.9–8.0 mmol/l"]),
    ("The primary endpoint was the proportion of patients achieving ≥75% improvement in Psoriasis Area and Severity Index (PASI 75) "
     "at week 24.", ["proportion of patients achieving ≥75% improvement in Psoriasis Area and Severity Index (PASI 75)"]),
    ("The primary endpoint was the 'worst pain in the past 24 hours' item of the BPI, in both the immediate-release and "
     "sustained-release study phases.", ["'worst pain in the past 24 hours' item of the BPI"]),
    ("The primary outcome was deep/superficial S. aureus SSI or S. aureus bacteremia through day 90 after surgery.",
     ["deep/superficial S. aureus SSI or S. aureus bacteremia through day 90 after surgery"]),
    ("The primary endpoint was the 15-month change from baseline in total score on the unified Parkinson's disease rating scale (UPDRS).",
     ["15-month change from baseline in total score on the unified Parkinson's disease rating scale (UPDRS)"]),
    ("The primary endpoint was complete response (CR; no emesis, no rescue therapy) during the acute phase (0–24 h).", ["complete response"]),
    # a timepoint after the name still ends it
    ("The primary outcome was the rate of hospital admission within 7 days of the first dose of treatment.", ["rate of hospital admission"]),
    ("The primary outcome was bone fill after 12 months.", ["bone fill"]),
])
def test_names_not_cut_inside(text, names):
    assert primaries(text) == names


# --- a name swollen by how it was defined, measured or analysed, or by an appositive -----------------------------------------
@pytest.mark.parametrize("text, names", [
    ("The primary endpoint was overall survival, defined as time from randomisation until death from any cause, analysed by "
     "modified intention-to-treat.", ["overall survival"]),
    ("The primary efficacy endpoint was time-to-parasitaemia, assessed by TBS.", ["time-to-parasitaemia"]),
    ("The primary endpoint was PIVC failure, a composite measure of occlusion, infiltration, accidental dislodgement and phlebitis.",
     ["PIVC failure"]),
    ("The primary outcome measure was the standard deviation of lateral position (SDLP), reflecting the weaving of the car.",
     ["standard deviation of lateral position (SDLP)"]),
    ("The primary outcome was progressive intracranial haemorrhage (PIH) which was defined as an intracranial haemorrhage seen on "
     "the second CT scan.", ["progressive intracranial haemorrhage (PIH)"]),
    ("Primary endpoints were the day-14 and day-28 risks of parasitological failure, either unadjusted or adjusted by genotyping.",
     ["day-14 and day-28 risks of parasitological failure"]),
    ("The primary outcome was progression-free survival and the method of analysis was intention-to-treat.", ["progression-free survival"]),
    ("Primary outcomes were postoperative morphine requirements and pain scores, secondary outcomes were extubation time and "
     "bupivacaine level in blood.", ["postoperative morphine requirements", "pain scores"]),
])
def test_definition_tails_cut(text, names):
    assert primaries(text) == names


# --- several outcomes in one statement: one endpoint each; one outcome named with 'and'/'or' stays whole ----------------------
@pytest.mark.parametrize("text, names", [
    ("Primary outcomes were duration of diarrhoea and time to change in consistency of stools.",
     ["duration of diarrhoea", "time to change in consistency of stools"]),
    ("The primary outcomes were self-selected overground walking speed and paretic step length ratio.",
     ["self-selected overground walking speed", "paretic step length ratio"]),
    ("Primary outcome measures were uncorrected distance visual acuity (UDVA), corrected distance visual acuity (CDVA), contrast "
     "sensitivity, and complications.",
     ["uncorrected distance visual acuity (UDVA)", "corrected distance visual acuity (CDVA)", "contrast sensitivity", "complications"]),
    ("MAIN OUTCOME MEASURES: HbA1c, diet, and physical activity (medical records and patient questionnaires).",
     ["HbA1c", "diet", "physical activity (medical records and patient questionnaires)"]),
    ("The primary outcome included incidences of 1) isoniazid-related liver injury (INH-DILI) during the first 8 weeks of therapy, "
     "and 2) early treatment failure.", ["isoniazid-related liver injury (INH-DILI) during the first 8 weeks of therapy",
                                         "early treatment failure"]),
])
def test_lists_split(text, names):
    assert primaries(text) == names


@pytest.mark.parametrize("text", [
    "Primary end points were the nature, incidence, and severity of adverse events (AEs).",
    "The primary outcomes were the change from baseline in callus hydration, elasticity, texture, and size.",
    "The primary outcome was a composite of hematoma enlargement and secondary brain herniation.",
    "The primary study outcome was a composite of the diseases of prematurity, need for assisted ventilation, or perinatal death.",
    "The primary outcome measure was the Knee injury and Osteoarthritis Outcome Score (KOOS).",
    "The primary outcome was the proportion of patients with grade 3 and 4 toxicity.",
    "The primary outcome was self-reported 7-day and 30-day abstinence.",
    "The main outcome measures were safety and tolerability.",
    "The primary outcome was mean blood glucose between the experimental group (new protocol) and the control group.",
    "The primary outcome was loss of HBeAg, or presence of anti-HBe antibody or suppression of HBV DNA.",
])
def test_one_outcome_not_split(text):
    assert len(primaries(text)) == 1


# --- a clause, a result, a recommendation or a heading's lead-in taken for the name -------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("MAIN OUTCOME MEASURES: Primary outcome was accelerometer assessed moderate/vigorous physical activity (MVPA).",
     ["accelerometer assessed moderate/vigorous physical activity (MVPA)"]),
    ("MAIN OUTCOME MEASURES: The non-compartmental pharmacokinetic parameters for plasma concentrations of GLPG0259 were "
     "determined, and a population model was developed.", ["non-compartmental pharmacokinetic parameters for plasma concentrations of GLPG0259"]),
    ("Main outcome measures: Primary outcomes; IPV (Composite Abuse Scale) and depression (EPDS); secondary measures included "
     "wellbeing (SF-36).", ["IPV (Composite Abuse Scale)", "depression (EPDS)"]),
])
def test_heading_lead_in_and_sentence(text, names):
    assert primaries(text) == names


@pytest.mark.parametrize("text", [
    "The TODAY clinical trial assessed severe adverse events before and after treatment failure, which was the primary outcome (PO).",
    "CONCLUSIONS: Composite measures of disability should be considered as the primary endpoint for future studies of new therapies.",
    "At the end of the study, patients were asked to assign preference to one of the treatments (primary endpoint).",
    "The primary endpoint for outcomes was 12 months.",
    "Primary endpoint: the hazard ratio for EDSS deterioration in the CPM group was 0.61 [95% CI: 0·31–1·22](p = 0·16).",
    "RESULTS: No significant differences in primary outcomes were revealed between Lokomat and manual groups.",
    "MAIN OUTCOME MEASURES: Baseline data including recent BP readings and medications were collected.",
    "MAIN OUTCOME MEASURES: Participants completed a response latency measure, before eating behaviour was assessed unobtrusively.",
    "RESULTS: LDL-C fell more in the EAT group at 52 weeks as well as the primary endpoint of 12 weeks. EAT lowered TC and apo B.",
    "Ticagrelor consistently reduced the primary outcome (HR 0.86 vs. 0.85, interaction P = 0.93).",
    "Primary outcomes were analyzed using linear mixed-models and intention-to-treat (ITT) analysis.",
])
def test_not_names(text):
    assert primaries(text) == []


# --- a study's primary aim, purpose, goal or hypothesis: what it says is to be measured, only when no primary outcome is named --
@pytest.mark.parametrize("text, names", [
    ("The primary aim was to compare postoperative analgesic consumption within the first 24 hours after surgery.",
     ["postoperative analgesic consumption within the first 24 hours after surgery"]),
    ("The primary aim of the current study was to evaluate whether the use of a patient navigator altered adherence to follow-up "
     "eye care appointments in community-versus office-based settings.", ["adherence to follow-up eye care appointments"]),
    ("The main aim of this study is to evaluate the effect of myrtle fruit syrup on abnormal uterine bleeding-menometrorrhagia.",
     ["effect of myrtle fruit syrup on abnormal uterine bleeding-menometrorrhagia"]),
    ("METHODS: The main objective of the 18-month, randomised, active-controlled ATTRACT study was to assess the effects of "
     "migalastat on renal function in patients with Fabry disease.", ["effects of migalastat on renal function"]),
    ("The primary objective of this study was to demonstrate the non-inferiority of r-hCG to u-hCG for ovulation induction, as "
     "assessed by the ovulation rate.", ["ovulation rate"]),
    ("The primary objective was to assess the safety of the cell therapy over the first 5 days of hospitalization.",
     ["safety of the cell therapy"]),
    ("The primary hypothesis was that ertugliflozin 15 mg was non-inferior to glimepiride on HbA1c (non-inferiority criterion: "
     "upper bound of the 95% CI <0.3%).", ["HbA1c"]),
    ("The primary objective was to confirm that the proportion of patients who experienced one or more major adverse events (MAE) "
     "was not higher in the active than in the control group.", ["proportion of patients who experienced one or more major adverse events (MAE)"]),
    # a named primary outcome wins over the aim
    ("The primary aim was to assess safety. The primary outcome was the number of adverse events.", ["number of adverse events"]),
    ("The main aim of the trial was to assess safety, so the primary outcomes were adverse events experienced by the participants.",
     ["adverse events experienced by the participants"]),
])
def test_primary_aims(text, names):
    assert primaries(text) == names


@pytest.mark.parametrize("text", [
    "The primary objective of our study was to design and test a calcium-focused food frequency questionnaire (CFFFQ).",
    "The main objective of this trial was to track the potential emergence of artemisinin resistance in Bangladesh.",
    "The main aim of the study was to identify predictors of the effects of lifestyle intervention on type 2 diabetes patients.",
    "INTRODUCTION: Primary therapeutic aim in treatment of osteoarthritis of the knee is to relieve the pain of osteoarthritis.",
    "The main purpose of this study was to investigate the effects of a 12-week exercise training program for men with prostate cancer.",
    "Trial of chemo-immunotherapy in patients with resected primary lung cancer\n\nPURPOSE: We conducted a phase III trial to "
    "investigate the efficacy of adjuvant immunotherapy.",
    "The primary objective is to show that TEE-based aspirin treatment is safe compared with VKA therapy.",
])
def test_aims_naming_no_outcome(text):
    assert primaries(text) == []


# --- other phrasings that gave nothing -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    # participle or 'which' before the copula; 'were assessed: (i) ... (ii)'; a modifier 'health economic'
    ("The main pharmacokinetic parameters estimated were Cmax, Tmax and elimination rate constant.",
     ["Cmax", "Tmax", "elimination rate constant"]),
    ("Gaze position was recorded with an eye tracker, providing the main outcome measure, which was the mean proportion of a "
     "five-second viewing period spent gazing at the label.", ["mean proportion of a five-second viewing period spent gazing"]),
    ("Two co-primary endpoints were assessed: (i) mean change of pneumocephalus volume, and (ii) air resorption rate in 24 hours.",
     ["mean change of pneumocephalus volume", "air resorption rate in 24 hours"]),
    ("Primary health economic outcome was overall cost of unscheduled healthcare utilisation.",
     ["overall cost of unscheduled healthcare utilisation"]),
    ("Main outcome was analysis of the time to viral rebound (>5,000 copies/ml) during the open-ended TI.",
     ["time to viral rebound (>5,000 copies/ml)"]),
    ("Primary outcome was: negative indirect fluorescent antibody tests at follow-up.", ["negative indirect fluorescent antibody tests"]),
    # 'primary and secondary outcomes were A and B, respectively'
    ("The primary and the secondary outcomes of this study were physical activity level and physical fitness, respectively.",
     ["physical activity level"]),
    # 'X was assessed/compared ... as the primary outcome'; 'using X and Y as main endpoints'; 'X were used to assess primary outcome'
    ("Depression (Beck Depression Inventory II; BDI-II) was assessed as a primary outcome at baseline.",
     ["Depression (Beck Depression Inventory II; BDI-II)"]),
    ("After TKA, Numeric Rating Scale (NRS) scores for the first 24 h post-operation were compared via repeated-measures analysis "
     "of variance (ANOVA) as the primary outcome.", ["Numeric Rating Scale (NRS) scores for the first 24 h post-operation"]),
    ("Efficacy was assessed using the Charcot-Marie-Tooth Neuropathy Score (CMTNS) and the Overall Neuropathy Limitations Scale "
     "(ONLS) as main endpoints.", ["Charcot-Marie-Tooth Neuropathy Score (CMTNS)", "Overall Neuropathy Limitations Scale (ONLS)"]),
    ("A Patient-Rated Tennis Elbow Evaluation (PRTEE) Questionnaire and a 10-point Likert scale were used to assess primary outcome.",
     ["Patient-Rated Tennis Elbow Evaluation (PRTEE) Questionnaire", "10-point Likert scale"]),
    ("The percentage of time spent with blood glucose in the 4.4–6.6 mmol/l range was the primary end point.",
     ["percentage of time spent with blood glucose in the 4.4–6.6 mmol/l range"]),
    # a name beside the noun; the instrument that measured primary efficacy
    ("The primary outcome empowerment (EPAS) and the secondary outcomes quality of life (WHO-QoL-BREF) were measured.",
     ["empowerment (EPAS)"]),
    ("Analyses revealed significant effects on the primary outcome PTSS, with large between-group effect sizes.", ["PTSS"]),
    ("Primary efficacy was measured using Alzheimer's disease Assessment Scale-Cognitive (ADAS-cog) and Clinician's Interview-Based "
     "Impression of Change-Plus (CIBIC-Plus).",
     ["Alzheimer's disease Assessment Scale-Cognitive (ADAS-cog)", "Clinician's Interview-Based Impression of Change-Plus (CIBIC-Plus)"]),
    # markers after a bracket, or naming the outcome of several studies
    ("The Chronic Respiratory Questionnaire (CRQ) (primary outcome), endurance shuttle walk test (ESWT) and exacerbations were assessed.",
     ["Chronic Respiratory Questionnaire (CRQ)"]),
    ("For the HAMD17 total score, the primary outcome in all studies, MMRM yielded 9/12 (75%) significant contrasts.", ["HAMD17 total score"]),
    ("Participants were assessed at baseline, discharge, and 12 months for functional ability (primary outcome) using the FFbH-R.",
     ["functional ability"]),
    ("We assessed primary outcomes of psychological distress and unmet supportive care needs and secondary outcomes of quality of life.",
     ["psychological distress", "unmet supportive care needs"]),
])
def test_more_phrasings(text, names):
    assert primaries(text) == names


@pytest.mark.parametrize("text", [
    "Oropharyngeal leak pressure in maximum flexion, maximum extension and the neutral position was taken as the primary outcome.",
    "The primary outcome was assessed by blinded assessors at 6 months.",
    "The primary endpoint HR was 0.81 in favour of the drug.",
    "The primary outcome was negative in both trials.",
])
def test_more_phrasings_negative(text):
    assert len(primaries(text)) <= (1 if "Oropharyngeal" in text else 0)
    assert not any(n in ("maximum extension", "neutral position", "HR", "blinded assessors") for n in primaries(text))


@pytest.mark.parametrize("text, names", [
    # a heading after two spaces; a method acronym before the measure; 'calculated from' a model
    ("Women got support.  Main outcome measures: Primary outcomes; IPV (Composite Abuse Scale CAS) and depression (EPDS); "
     "secondary measures included wellbeing (SF-36).", ["IPV (Composite Abuse Scale CAS)", "depression (EPDS)"]),
    ("Efficacy was evaluated using ANCOVA for the change from baseline to week 8 in the digit symbol substitution test (DSST)–number "
     "of correct symbols as the prespecified primary end point.",
     ["change from baseline to week 8 in the digit symbol substitution test (DSST)–number of correct symbols"]),
    ("The primary study endpoint was the 24-month TCD velocity calculated from a general linear mixed model, with non-inferiority "
     "margin = 15 cm/sec.", ["24-month TCD velocity"]),
])
def test_more_phrasings_round2(text, names):
    assert primaries(text) == names


@pytest.mark.parametrize("text, names", [
    ("The primary outcome was the response rate of drug A vs. placebo. Secondary outcomes were many.", ["response rate of drug A vs. placebo"]),
    # a participle with its preposition continues the item before it; a long heading keeps its last item
    ("The primary objective was to investigate the feasibility of running an asthma trial in primary care, reported in [13].",
     ["feasibility of running an asthma trial in primary care"]),
    ("Main outcome measure: Primary outcome was refill adherence measured over 1 year expressed as continuous outcome and dichotomous "
     "(refill rate≥80%).", ["refill adherence"]),
])
def test_more_phrasings_round3(text, names):
    assert primaries(text) == names


def test_participle_inside_a_name_is_kept():
    # 'assessed for' belongs to the measure; only 'measured/assessed at|using|by|over ...' tails are cut
    assert primaries("The main outcomes were the proportions of (1) first-time prescriptions where thiazides were prescribed and (2) "
                     "patients assessed for cardiovascular risk before prescribing.") == [
        "first-time prescriptions where thiazides were prescribed", "patients assessed for cardiovascular risk before prescribing"]

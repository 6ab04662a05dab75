"""Arm sizes, total enrolment and arm roles from phrasing families mined in shared/bench-abstracts
(documents outside eval/test). Each case is a short quote or a close paraphrase of a real abstract;
the negative cases are the false positives seen while mining (subsets, breakdowns, completers,
screened numbers, arm sizes mistaken for the total).
"""

from __future__ import annotations

import pytest

from extract.model import Document
from extract.pipeline import extract_document


def run(text: str):
    return extract_document(Document(doc_id="t", source_uri="/t.txt", source_format="text", text=text))


def total(text: str):
    (trial,) = run(text).trials
    return trial.total_enrolled


def arms_of(text: str) -> list[tuple[int, str]]:
    return sorted((a.n, a.role) for a in run(text).arms)


@pytest.mark.parametrize("text, n", [
    # the number randomised among those screened / eligible / enrolled
    ("RESULTS: Of the 3089 patients screened, 797 were randomized.", 797),
    ("In this randomized trial. Of 1780 eligible RCT participants, 1319 enrolled (response rate = 74%).", 1319),
    ("RESULTS: Of 239 registered patients, 216 were randomly assigned to the two arms of the trial.", 216),
    ("In this randomised trial. From 2,137 screened subjects, 85 entered the study.", 85),
    # ... and when the randomised all of them split into two arms that add up: the first number
    ("RESULTS: Among 285 eligible patients, 143 were randomized to group A and 142 to group B.", 285),
    ("RESULTS: Of the 156 Japanese patients, 104 had been allocated to olanzapine and 52 to placebo.", 156),
    # the first number already is the enrolment
    ("In this randomised trial. Of 2,793 women randomised, 2,021 (72.4%) were included in the analysis.", 2793),
    ("In this randomized trial, of the 101 patients enrolled, 93 patients were included (48 in the A group and 45 in the B group).", 101),
    # a size in parentheses with the enrolment verb
    ("Outpatients with an ICD-10 schizophrenia (n=136) were randomly assigned to 10 or 15 mg of aripiprazole.", 136),
    ("RESULTS: Patients were randomised (n = 416, mean age 63 years) to receive either indacaterol or placebo.", 416),
    ("METHODS: Randomized controlled trial (n=533) comparing a control group with an intervention group.", 533),
    # a design sentence that names its participants
    ("We performed a randomised controlled trial, comparing a six week course of singing classes to usual care, in 28 COPD patients.", 28),
    ("In this randomized trial of drug X, randomization was carried out in 390 patients before enrollment was suspended.", 390),
    ("Newfactan or Surfacten was randomly allocated to 492 newborn infants who were diagnosed as RDS.", 492),
    ("METHODS: We conducted a randomized clinical trial with a sample of 80 adolescents.", 80),
    ("In this randomised trial the study sample consisted of 20 patients who were partially edentulous.", 20),
    # structured headings in capitals and number words
    ("DESIGN: Randomized trial. PARTICIPANTS: Fifty-four men with a mean age of 42 years.", 54),
    # decimals, parentheses and an extra verb between the people and 'were randomized'
    ("Sixty four T2DM patients with HbA1c ≧ 7.0 % were randomly assigned to receive SG or RYGB.", 64),
    ("RESULTS: 385 patients (mean age 61.2 years; mean FEV1 53% predicted) were randomized; 88.6% completed.", 385),
    ("Sixty-four cases of knee replacement patients were successively selected and randomly divided into two groups.", 64),
    ("In this randomized trial, 104 T2DM patients were randomly assigned to a diet control group or a TB group.", 104),
    ("RESULTS: For this randomized study, 943 patients were randomized and completed a baseline assessment.", 943),
    ("Fifty-four patients scheduled for planned CVC were randomly assigned to fentanyl or saline.", 54),
    ("One hundred and fifty-nine previously untreated patients, who were not eligible, were entered into a randomised study.", 159),
    ("In this randomized trial, Nineteen children (16 on nevirapine and three not on ART) enrolled.", 19),
    ("The participants (52 elderly patients with hypertension) were randomly divided into experimental and control groups.", 52),
    # a later number in the same clause is the randomised one
    ("Thirty-one subjects (AZA n = 15; MTX n = 16) satisfied the inclusion criteria but only 24 were randomized.", 24),
    ("In this randomized trial, 256 patients were registered and 236 were randomly assigned.", 236),
    # numbers between the people and the verb that are not counts of people
    ("Fifty-four men and women aged between 20 and 60 were randomized to inhale aromatherapy oil or almond oil.", 54),
    ("One hundred eligible patients out of 126 were randomized to receive tranexamic acid or saline.", 100),
    ("Forty-two patients with CD4 counts higher than 400 were randomized to either arm of the trial.", 42),
    ("Eighty-six medical students comprising 62 men and 24 women were randomly assigned to either group.", 86),
    # cluster trials: the people, not the practices
    ("SETTING: A total of 34 randomly selected general practices. PARTICIPANTS: A total of 1499 consecutive patients aged 18-70 years "
     "in this randomized trial.", 1499),
    ("A European placebo-controlled randomised trial conducted in 16 primary care practices. A total of 2061 patients were randomly "
     "assigned to amoxicillin (1038) and placebo (1023).", 2061),
    # a thousands-range number is not a year after 'a total of'
    ("In this randomised trial a total of 2061 patients were randomly assigned to two arms.", 2061),
])
def test_total_families(text, n):
    assert total(text) == n


@pytest.mark.parametrize("text", [
    # completers, analysed shares and subsets are not the enrolment
    "In this randomized trial, a total of 216 participants (90%) completed the study.",
    "In this randomized trial, a total of 3691 patients (85%) were included in the longitudinal analysis.",
    # arm sizes with no stated total
    "In this randomized trial, 30 patients were allocated to the system-oriented therapy and 40 patients were allocated to the reference intervention.",
    "RESULTS: Of 487 patients initially enrolled, 128 and 130 were randomised to infliximab and conventional treatment, respectively.",
    "In this randomized trial, 298 infants from Singapore and 168 infants from Malaysia were randomised to receive the vaccine.",
    "In this randomized trial, 26 female infants, 37 male infants, and 2 infants of undetermined sex were randomized.",
    # one arm of the trial
    "Children were randomly assigned to two groups. Children with ASD in the intervention group (N = 15) received training.",
    # a part inside a parenthesis
    "In this randomized trial, 504 (328 women, 126 men) insufficiently active adult participants were randomly allocated.",
    # outcome counts in a design sentence
    "In this randomized trial, adverse events occurred in 12 patients.",
    # the thousands comma is not a list comma
    "In this randomized trial, overall 164 out of 7,647 included patients (2.1%) developed infection.",
])
def test_not_a_total(text):
    assert total(text) is None


def test_outcome_counts_in_groups_are_not_arm_sizes():
    assert arms_of("In this randomized trial, twelve patients in the placebo group and 14 in the drug group had nausea.") == []


@pytest.mark.parametrize("text, expected", [
    # an abbreviation before the size inside the parenthesis
    ("We randomly assigned patients to receive either gelatin hydrogels with IGF-1 (62 patients) or intratympanic injections "
     "with dexamethasone (Dex; 58 patients).", [(58, "experimental"), (62, "experimental")]),
    # a list after 'two groups:' with elided verbs
    ("In a randomized study, 131 patients were assigned to two groups: 65 to receive a pH-dependent formulation and 66 to "
     "receive a time-dependent formulation.", [(65, "experimental"), (66, "experimental")]),
    ("A total of 105 patients were randomized into two groups, 53 patients receiving peritubal infiltration (study group) "
     "and 52 patients as the control group.", [(52, "control"), (53, "experimental")]),
    # 'group I included N patients', 'group 1, with N patients', 'the first group of thirty patients'
    ("In this randomized study the patients were classified into two groups: group I included 100 patients who received "
     "sofosbuvir for 12 weeks and group II included 100 patients who received sofosbuvir plus ribavirin.",
     [(100, "experimental"), (100, "experimental")]),
    ("Forty patients were divided randomly into two treatment groups: group 1, with 20 patients who underwent physiotherapy; "
     "and group 2, with 20 patients who underwent shockwaves.", [(20, "experimental"), (20, "experimental")]),
    ("In this randomized trial the first group of thirty patients was given coffee, while the second group of thirty "
     "patients got tea.", [(30, "experimental"), (30, "experimental")]),
    # the last bare size of a list
    ("In a randomized trial, 80 patients were assigned to receive vitamin D (40) or placebo (40) supplements for 6 weeks.",
     [(40, "experimental"), (40, "placebo")]),
])
def test_arm_families(text, expected):
    assert arms_of(text) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a generic label in the parenthesis of what the arm got
    ("Patients were randomly allocated to receive Dex (DEX group, n = 30) or saline (CON group, n = 30).",
     [(30, "experimental"), (30, "placebo")]),
    ("Subjects were randomized to resistance training (n=13) or standard of care (controls, n=5) for 16 weeks.",
     [(5, "control"), (13, "experimental")]),
    # an added treatment on top of usual care is the experiment
    ("Women were allocated to either usual care (control, n=40) or three distant reiki sessions in addition to usual "
     "care (n=40).", [(40, "control"), (40, "experimental")]),
    # what a generically named group received
    ("Patients were randomized into two groups (Group A, n = 25; Group B, n = 26). Group B received normal saline.",
     [(25, "experimental"), (26, "placebo")]),
    # a diluent is not the arm's treatment
    ("Patients were divided into three groups: saline (group S, n = 55), lignocaine 20 mg (Group L, n = 55) and "
     "methylprednisolone diluted into 2 ml of distilled water (Group MP, n = 55).",
     [(55, "experimental"), (55, "experimental"), (55, "placebo")]),
])
def test_arm_roles(text, expected):
    assert arms_of(text) == sorted(expected)


@pytest.mark.parametrize("text", [
    "In this randomized trial the full analysis set (n = 130) and the per-protocol population (n = 98) were analysed.",
    "In this randomized trial, the middle tertiles (n = 22) had lower scores.",
])
def test_analysed_populations_are_not_arms(text):
    assert arms_of(text) == []


def test_eligible_then_randomised_after_a_long_description():
    assert total("In this randomized trial. Of 1228 persons who attended introductory lectures, 226 subjects aged 18-71 years, "
                 "of both sexes, who satisfied the inclusion criteria were randomly allocated to two groups.") == 226


def test_number_words_typo_is_not_a_number():
    from extract.extractors.numbers import to_int
    assert (to_int("Eight-nine"), to_int("Eighty-nine"), to_int("One hundred and five")) == (None, 89, 105)


# --- round 3: phrasing families mined from shared/bench-abstracts (eval/test stems excluded) ---

def sizes_of(text: str) -> list[int]:
    return sorted(a.n for a in run(text).arms if a.n is not None)


@pytest.mark.parametrize("text, expected", [
    # a note opens the parenthesis: the arm is named before it
    ("Participants were randomized to resistance training (3x/wk, n=13) or standard of care (controls, n=5) for 16 weeks.",
     [5, 13]),
    ("Forty-two women were randomized to 12-week SSRI (20 mg escitalopram/day, n = 21) or placebo (n = 21).", [21, 21]),
    # 'had been allocated', 'were initially allocated', 'while N were ...' continues the list
    ("RESULTS: Of the 156 Japanese patients, 104 had been allocated to olanzapine and 52 to placebo.", [52, 104]),
    ("In a randomized crossover trial, twenty-one subjects were allocated to receiving massage first, followed by the "
     "control period, while 27 were initially allocated to the control period.", [21, 27]),
    # the second arm in the next sentence
    ("In this randomized trial, 12 participants randomized to a treatment arm consumed 400 mg capsules twice daily. "
     "13 individuals randomized to the control arm consumed a placebo capsule.", [12, 13]),
    # 'label: n = N' with a slash in the label
    ("RESULTS: 60 patients (mean age 64 years) were randomised (FF/VI: n=40; placebo: n=20).", [20, 40]),
    # thousands grouped by a space
    ("In this randomized trial, patients were assigned to the intervention group (n=17 135) or the control group (n=17 201).",
     [17135, 17201]),
    # animal subjects of a trial
    ("In this randomized placebo-controlled trial, twenty-four dogs received carboplatin and 26 received mitoxantrone.",
     [24, 26]),
])
def test_arm_size_families_round3(text, expected):
    assert sizes_of(text) == expected


@pytest.mark.parametrize("text", [
    # a result in the parenthesis is not a note before an arm size
    "In this randomized trial, 38.6% of the UFT/LV group (38.6%, n = 88) were alive.",
    # a single population described with a note, not an arm
    "In this randomized trial, postmenopausal women (mean age 54 years; n = 20) were studied.",
    # a second number in the next sentence that is not an allocation
    "In this randomized trial, 100 patients were randomized to drug X or placebo. 88 patients completed the study.",
    # animals named as the study population
    "In this randomized trial, male Sprague-Dawley rats (n = 90) were used.",
])
def test_not_arm_sizes_round3(text):
    assert sizes_of(text) == []


def test_space_thousands_to_int():
    from extract.extractors.numbers import to_int
    assert (to_int("17 135"), to_int("53\u00a0456"), to_int("1,665")) == (17135, 53456, 1665)


def test_healing_tradition_is_not_an_active_control():
    assert arms_of("In a randomized crossover trial, twenty-one subjects were allocated to receiving Thai traditional massage "
                   "first, while 27 were initially allocated to the control period.") == [(21, "experimental"), (27, "control")]


@pytest.mark.parametrize("text, expected", [
    # sizes after a described total: 'N patients with X, 112 in H-ARM and 105 in C-ARM arm'
    ("This prospective double arm study consisted of 217 patients with prostate cancer, 112 in H-ARM and 105 in C-ARM arm.",
     [105, 112]),
    # a breakdown in parentheses after the allocation
    ("FINDINGS: 1000 participants were recruited, randomly assigned, and treated (501 in the BLTR group and 499 in the PLTR "
     "group) between Feb 13, 2014, and May 31, 2014.", [499, 501]),
    # the arms of a cluster trial: the people, when the first list (of clusters) adds up to fewer than the enrolment
    ("In this cluster randomised clinical trial, fifty-six general practitioners (GPs) were randomly assigned to intervention (29) "
     "or standard care (27) groups. They recruited 4317 individuals (2248 intervention and 2069 control).", [2069, 2248]),
])
def test_arm_size_families_round3b(text, expected):
    assert sizes_of(text) == expected


@pytest.mark.parametrize("text", [
    # adherence, not an arm: '98 patients received assigned treatment'
    "In this randomized trial, a total of 98 patients received assigned treatment, whereas two patients died.",
    # 'year 9' names a school year
    "In this cluster randomised trial, all year 9 students in intervention schools were exposed to the intervention.",
])
def test_not_arm_sizes_round3b(text):
    assert sizes_of(text) == []


@pytest.mark.parametrize("text, expected", [
    # the groups sized together take the names given next; what each named group received sets its role, and the
    # arms are ordered by the first mention of what they received ('Dexmedetomidine versus esmolol' in the title)
    ("Dexmedetomidine versus esmolol to attenuate the response to intubation: a randomized double-blind study\n\n"
     "METHODS: The patients were randomly divided into three groups (n = 30). Group C received placebo, Group E received "
     "2.0 mg/kg of esmolol and Group D received 1.0 μg/kg of dexmedetomidine.",
     ["experimental", "active-control", "placebo"]),
    # 'treated in normal way'
    ("METHODS: In this randomized trial two hundred patients were divided into two groups of 100 each. Group I were shown "
     "video clippings, while Group II was treated in normal way.", ["experimental", "control"]),
    # 'In Group B, conventional X was performed'
    ("METHODOLOGY: Sixty primary teeth were randomly divided into two groups (Group A and Group B) with thirty teeth in each "
     "group. In Group A, 3MIX-MP was used whereas in Group B, conventional pulpectomy was performed.",
     ["experimental", "active-control"]),
    # an arm named by an abbreviation takes its role from the words the text defines it with
    ("PURPOSE: To compare conventional schedule (C-ARM) with 78 Gy and hypofractionation (H-ARM) with 69 Gy. METHODS: This "
     "prospective double arm study consisted of 217 patients, 112 in H-ARM and 105 in C-ARM arm.",
     ["experimental", "active-control"]),
])
def test_arm_roles_round3(text, expected):
    assert [a.role for a in run(text).arms] == expected


def test_unnamed_groups_stay_numbered_when_names_do_not_match():
    arms = run("In this randomized trial the patients were randomly divided into three groups (n = 30). Group A received "
               "drug X.").arms
    assert [a.label for a in arms] == ["group 1", "group 2", "group 3"]


@pytest.mark.parametrize("text, expected", [
    # 'into' ends the words before the label, also after a parenthesis ('(40–60 y)')
    ("METHODS: The subjects (40–60 y) were randomly divided into an exercise group (n = 14) and a control group (n = 13).",
     [13, 14]),
    # hyphenated names that start with a number
    ("Twenty-two young women were allocated randomly to the 30-Hz (n=11) and 50-Hz (n=11) groups.", [11, 11]),
    # a colon after the size: '(IG; n=402: 11.1±0.4 years)'
    ("In this cluster-randomised trial, 546 schoolchildren were allocated to an intervention group (IG; n=402: 11.1±0.4 years) "
     "and a control group (CG; n=144: 11.0±0.5 years).", [144, 402]),
    # the label ends at the verb: 'N participants randomized to a treatment arm consumed ...'
    ("INTERVENTION: 12 participants randomized to a treatment arm consumed 400 mg capsules of Sutherlandia leaf powder twice "
     "daily (800 mg/d). 13 individuals randomized to the control arm consumed a placebo capsule.", [12, 13]),
])
def test_arm_size_families_round3c(text, expected):
    assert sizes_of(text) == expected


@pytest.mark.parametrize("text", [
    "METHODS: In this randomized trial normo-ovulatory women age <39 yr (n=213) were randomized to fixed or flexible protocols.",
    "In this randomized trial, 17-year-olds (N = 699) were surveyed.",
    "RESULTS: In this randomized trial, one year data (n = 418) showed that 29% required healthcare.",
])
def test_populations_and_data_are_not_arms(text):
    assert sizes_of(text) == []


@pytest.mark.parametrize("text, expected", [
    # one size for the groups listed before a plural or shared noun
    ("All 114 students were assigned to either the intervention or control group (both: n = 57) by balanced randomization.",
     [(57, "control"), (57, "experimental")]),
    ("In total, 60 prepubertal patients were randomly divided into the high-dose and low-dose groups (n=30 per group).",
     [(30, "experimental"), (30, "experimental")]),
    ("A total of 80 elderly patients were recruited. They were randomly divided into four groups (each n=20).",
     [(20, "experimental")] * 4),
    ("This study had a single-blind, randomized three-group (n = 35 each) design.", [(35, "experimental")] * 3),
    ("A randomized controlled trial was conducted on 60 rabbits that were randomly assigned to three groups of twenty.",
     [(20, "experimental")] * 3),
    ("METHODS: Sixty patients were included in this randomised study. Patients were divided into two (n = 30) groups.",
     [(30, "experimental")] * 2),
    # a breakdown with 'from' in parentheses
    ("In this randomized trial, overall, 889 patients (455 from the alert group and 434 from the control group) were eligible "
     "for analysis.", [(434, "control"), (455, "experimental")]),
    # a number word naming an arm is kept: 'either two (n=28; ...) or three (n=25; ...) times per week'
    ("Fifty-three older women were randomly assigned to perform RT either two (n=28; group G2x), or three (n=25; group G3x) "
     "times per week.", [(25, "experimental"), (28, "experimental")]),
])
def test_shared_sizes_round3(text, expected):
    assert arms_of(text) == sorted(expected)


@pytest.mark.parametrize("text", [
    # 'groups, each of which received ... a dose of 1.0': not a size per group
    "Patients were randomly allocated to three groups, each of which received either dexmedetomidine (an initial dose of 1.0 μg/kg).",
    "Subjects were randomly divided into two groups to intake either vitamin D supplements at a dosage of 50,000 IU or placebo.",
    # 'from' outside a breakdown is not an arm size
    "In this randomized trial, 40 patients from the intervention group completed the study.",
])
def test_not_shared_sizes_round3(text):
    assert sizes_of(text) == []


def test_a_defined_arm_again_with_another_number_is_no_new_arm():
    # completers / outcome counts of the arms already sized in the allocation sentence
    assert sizes_of("METHODS: Sixty patients were randomized immediately after extubation into either a high-flow nasal cannula "
                    "group (n=30) or an air entrainment mask group (n=30). RESULTS: Oxygen therapy succeeded in the high-flow "
                    "nasal cannula group (n = 27) and in the air entrainment mask group (n = 19).") == [30, 30]


def test_an_earlier_single_mention_is_kept():
    # only mentions after the defining list are folded away
    assert sizes_of("In this randomized trial, patients in the yoga group (n = 30) practised daily. The yoga group (n = 30) and "
                    "the control group (n = 38) were compared.") == [30, 38]


def test_the_whole_sample_named_like_an_arm_is_dropped():
    # its size is the enrolment and the other arms add up to it
    assert sizes_of("In this randomized trial, patients were randomised (n = 416) to receive indacaterol 150 μg o.d. (n = 211) "
                    "or placebo (n = 205).") == [205, 211]


@pytest.mark.parametrize("text, expected", [
    # an add-on design of two arms: the base treatment is the active control
    ("A total of 65 evaluable patients were enrolled in this randomized trial, 32 receiving PCR and 33 PCR-B.",
     [(32, "active-control"), (33, "experimental")]),
    ("In this randomized trial, patients received chemotherapy alone (n = 71) or chemotherapy plus cetuximab (n = 78).",
     [(71, "active-control"), (78, "experimental")]),
    # a generic label's definition names the comparator of the title
    ("XELIRI-bevacizumab versus FOLFIRI-bevacizumab as first-line treatment: a phase III trial\n\nMETHODS: Patients were "
     "randomized in: group A (irinotecan, capecitabine, bevacizumab; XELIRI-bevacizumab) and group B (irinotecan, leucovorin, "
     "bevacizumab; FOLFIRI-bevacizumab). RESULTS: Among 285 eligible patients, 143 were randomized to group A and 142 to group B.",
     [(142, "active-control"), (143, "experimental")]),
])
def test_active_control_cues_round3(text, expected):
    assert arms_of(text) == sorted(expected)


def test_monotherapy_arm_beside_a_placebo_arm_stays_experimental():
    assert arms_of("In this randomized trial, patients were assigned to galunisertib plus lomustine (n = 79), galunisertib "
                   "(n = 39) or placebo+lomustine (n = 40).") == [(39, "experimental"), (40, "placebo"), (79, "experimental")]


@pytest.mark.parametrize("text, expected", [
    # an enumerated list: '(1) X (n = 17) and (2) Y (n = 17)'
    ("After a run-in period, subjects were randomly assigned into two groups: (1) hypocaloric diet enriched with legumes (HDEL) "
     "(n = 17) and (2) hypocaloric diet without legumes (HDWL) (n = 17) for 6 weeks.", [17, 17]),
    # a short note before '769 women' inside the parenthesis
    ("In this randomized trial, 1,436 women were assigned to receive either zidovudine from 28 weeks (standard course; 769 women), "
     "or from 35 weeks to delivery (short course; 667 women).", [667, 769]),
    # the analysed numbers after the number analysed
    ("In this randomized trial, the remaining 171 patients were analyzed; 86 were in the study group and 85 in the control group.",
     [85, 86]),
])
def test_arm_size_families_round3d(text, expected):
    assert sizes_of(text) == expected


def test_planned_enrolment_in_parenthesis_is_no_arm():
    assert sizes_of("This was an open-label phase III trial (planned enrollment: 700 patients) of sunitinib.") == []


def test_comparator_is_not_an_article():
    # 'Compared to an Active Control Condition': the comparator is 'active', never 'an'
    roles = [a.role for a in run(
        "Two Web-Based Interventions Compared to an Active Control Condition: a randomized trial\n\nBACKGROUND: Fatigue is "
        "common among survivors of cancer. METHODS: Participants were "
        "randomized into: (1) therapy encompassing the use of an accelerometer (n=62); (2) web-based therapy (n=55); or (3) an "
        "unguided active control condition receiving emails (n=50).").arms]
    assert roles == ["experimental", "experimental", "active-control"]


@pytest.mark.parametrize("text", [
    # a study named with its size is not an arm
    "SETTING: TIOSPIR (n=17\u2005135) was an international, Phase IIIb/IV, randomised, double-blind, parallel-group, event-driven trial.",
    "In this randomized trial, a total of 41 subjects were enrolled, 20 in the initial BBIC study and 21 in the second BBIC study.",
    "In this randomized trial, participants of Experiment 2 (n = 51) were tested again.",
])
def test_studies_are_not_arms(text):
    assert sizes_of(text) == []


def test_completers_of_the_study_stay_arm_sizes():
    # 'the study' at the end of a label is not a study's name
    assert sizes_of("In this randomized trial, 12 patients in the active group and 14 patients in the placebo group completed "
                    "the study.") == [12, 14]


def test_pair_with_a_number_word_and_a_later_role():
    # '(16 on nevirapine and three not on ART)'; the later 'control group (n = 3)' is that arm and gives its role
    assert arms_of("In this non-randomized controlled study, nineteen children (16 on nevirapine and three not on ART) enrolled. "
                   "Insufficient children were enrolled in the control group (n = 3).") == [(3, "control"), (16, "experimental")]


def test_pair_label_containing_iu_letters_is_kept():
    # 'octylonium' is no 'IU' unit
    assert sizes_of("METHODS: In this randomized trial, 287 patients with IBS (143 receiving tiropramide and 144 octylonium) "
                    "were randomly allocated.") == [143, 144]


def test_a_later_role_mention_does_not_merge_when_that_role_exists():
    arms = run("In this randomized trial, patients were assigned to drug A (n = 20), drug B (n = 20) or usual care (n = 22). "
               "Later the control group (n = 20) was described.").arms
    assert [(a.label, a.role) for a in arms if a.label.startswith("drug")] == [("drug A", "experimental"), ("drug B", "experimental")]


# round 4 (total enrolled): an adverb between 'were' and the enrolment verb; a parenthesised breakdown
# or a date after the total is not a split into arms; a breakdown check only for a number that starts the match
@pytest.mark.parametrize("text, n", [
    ("METHODS AND FINDINGS: 405 children aged 1–6 yrs were initially randomized to vaccination with either FFM ME-TRAP or control.", 405),
    ("RESULTS: In total 536 participants were consecutively assigned to PASTOR (n=266) or MOR (n=270).", 536),
    ("RESULTS: After mailing invitations, 104 patients were initially enrolled in the RCT of colon cancer screening.", 104),
    ("RESULTS: A total of 244 patients were enrolled in this randomized study (116 patients in the control group and 128 patients in the intervention group).", 244),
    ("RESULTS: 211 patients were randomised between July 1, 2006 and November 30, 2008 in 13 British general practices.", 211),
    ("FINDINGS: We identified 648 eligible patients and recruited 348 participants: 171 participants were allocated to receive hip arthroscopy and 177 to receive physiotherapy.", 348),
])
def test_total_families_round4(text, n):
    assert total("This was a randomised controlled trial. " + text) == n


@pytest.mark.parametrize("text", [
    # arm sizes only, the split still seen past a parenthesis
    "RESULTS: 874 participants were randomly allocated to the intervention (group A) and 1,410 to usual care.",
    # a breakdown that starts the match stays rejected
    "Eligibility was checked. 40 males and 40 females were randomized.",
    # an adverb that is not of enrolment
    "Eligibility was checked. Sixty patients were only included if they consented.",
    # screened people with an adverb
    "Eligibility was checked. 300 patients were initially screened for eligibility.",
])
def test_not_a_total_round4(text):
    assert total("This was a randomised controlled trial. " + text) is None


# round 4b (total enrolled): 'study population consisted of N', 'Subjects/Participants were N <people>',
# 'a randomized ... design with N <people>'
@pytest.mark.parametrize("text, n", [
    ("RESULTS: The study population consisted of 90 patients. There were no significant differences in sex.", 90),
    ("RESULTS: The study population comprised 93 patients with EoE; 94.6% of whom were white.", 93),
    ("PATIENTS: Subjects were 1262 Japanese patients with osteoporosis aged 50 years or older.", 1262),
    ("Participants were 223 smokers consuming at least 5 cigarettes per day, willing to quit.", 223),
    ("We used a randomized between-subject design with 127 children (age: 7–12 y) who played a memory-game.", 127),
])
def test_total_families_round4b(text, n):
    assert total("This was a randomised controlled trial. " + text) == n


@pytest.mark.parametrize("text", [
    "Participants were 18 years or older patients with asthma.",
    "The screened population consisted of 300 patients.",
    "Participants were 40 men and 50 women with asthma.",
    "We used a randomized crossover design with 3 doses in healthy subjects.",
])
def test_not_a_total_round4b(text):
    assert total("This was a randomised controlled trial. " + text) is None


# round 4c: sizes listed after 'randomised:' / 'assigned:'; 'N met the criteria and were randomised' is the total
@pytest.mark.parametrize("text, expected", [
    ("Of the 50 women assessed for the trial, 36 met ICD-10 depression criteria and were randomised: 18 to the intervention and 18 to usual care.",
     [(18, "control"), (18, "experimental")]),
    ("Patients were randomly assigned: 40 to drug X, 41 to drug Y and 39 to placebo.",
     [(39, "placebo"), (40, "experimental"), (41, "experimental")]),
])
def test_arm_sizes_after_colon(text, expected):
    assert arms_of("This was a randomised controlled trial. " + text) == expected


@pytest.mark.parametrize("text", [
    "Patients were randomised: 12 weeks to drug X.",
    "Patients were randomised: to drug X or placebo.",
])
def test_not_arm_sizes_after_colon(text):
    assert arms_of("This was a randomised controlled trial. " + text) == []


def test_met_criteria_and_randomised_total():
    assert total("This was a randomised controlled trial. Of the 50 women assessed, 36 met the inclusion criteria and were randomised.") == 36
    assert total("This was a randomised controlled trial. Of the 50 women assessed, 36 met the inclusion criteria.") is None

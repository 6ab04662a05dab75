"""Arm sizes, arm roles, totals and document types: phrasing families mined in shared/bench-abstracts
(test stems excluded) after the fifth draw (eval/dev5). Each case is a short quote or a close
paraphrase of a real abstract; the negative cases are the false positives seen while mining.
"""

from __future__ import annotations

import pytest

from extract.extractors import design, doctype
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


# --- an arm of one or two, a number after a hyphen or 'Group', is no arm size -----------------------

@pytest.mark.parametrize("text", [
    # a dose unit's exponent: 'day-1' then 'given for'
    "78 patients were randomly assigned (2:1) to receive either levamisole 2.5 mg kg-1 day-1 given for 2 days every week "
    "for 18 months or placebo therapy in the same schedule.",
    # a group's number
    "62 patients were randomized and divided into 2 groups. Group 1 received PTX only, whereas Group 2 received PTX plus Prednisolone.",
    # adverse events listed with their counts
    "In this randomized trial, adverse events were flu (n = 1), bitter taste (n = 2) and headache (n = 2).",
    "Participants (N = 33) were randomly allocated to two groups, one receiving verum tACS, the other a sham protocol.",
])
def test_tiny_or_numbered_is_not_an_arm_size(text):
    assert all(n is None or n >= 3 for n, _ in arms_of(text))
    assert arms_of(text) == [] or all(n is None for n, _ in arms_of(text))


def test_small_but_real_arm_sizes_stay():
    assert arms_of("In this randomized trial, children were assigned to the drug group (n = 3) or the control group (n = 4).") == [
        (3, "experimental"), (4, "control")]


# --- a clause before '(n = N)' is no arm's name ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In a randomized study, one TVS examination was recorded for assessment of each resident's clinical performance (n = 26).",
    "In this randomized trial, participants were classified for strength changes as low (n = 31), medium (n = 36) or high responders.",
    "Patients were randomized (N = 260) to the trial of two regimens.",
    "In this randomized trial, the mean amount of Cal/BD foam used was 120.8 g (n = 293).",
])
def test_clause_before_a_size_is_not_an_arm(text):
    assert all(n not in (26, 31, 260, 293) for n, _ in arms_of(text))


@pytest.mark.parametrize("text, expected", [
    # the parenthesis names the arm itself
    ("In this randomised trial, fifty-seven subjects were assessed for CTT (placebo, n = 28; RMD, n = 29).",
     [(28, "placebo"), (29, "experimental")]),
    # the clause allocates
    ("The study was a randomized controlled trial. After exclusion of 8 patients during the operation, outcomes were analyzed "
     "for laparotomy (n = 49) and for the laparoscopic procedure (n = 52).", [(49, "experimental"), (52, "experimental")]),
])
def test_clause_with_a_named_or_allocated_arm_keeps_it(text, expected):
    assert arms_of(text) == expected


# --- document type: laboratory specimens are no trial; a group that received something is one ----------

@pytest.mark.parametrize("text", [
    "Effect of saliva contamination on cementation of orthodontic brackets\nMATERIAL AND METHODS: Forty human premolars were "
    "double-sectioned, placed in PVC matrices and randomly divided into 10 groups (n=8). The specimens were subjected to "
    "mechanical shear bond strength testing.",
    "Functional evaluation of intravenous cannulae\nMETHODS: We designed an observer-blinded randomised head-to-head trial of "
    "two cannulae, preceded by in-vitro performance testing of the cannulae.",
    "Fracture resistance of premolar roots restored with fiber posts\nMETHODS: Sixty maxillary second premolars were randomly "
    "divided into 6 groups of 10 teeth and loaded in a universal testing machine.",
    # random sampling from a centre, not random allocation
    "The status of serum interferon in type 1 and type 2 diabetes: a comparative study\nMETHODS: A total number of 160 T1D and 75 "
    "T2D patients allocated randomly from Martyr Layla Qasm center for diabetes mellitus in Erbil, Iraq, were enrolled in the study.",
])
def test_specimen_studies_and_random_sampling_are_other(text):
    assert doctype.classify(text) == "other"


@pytest.mark.parametrize("text", [
    "Impact of a herb on lipids\nThis study performed on 61 hyperlipidemia patients. They assigned in control and intervention "
    "groups. The control group received 40 mg/day of lovastatin and intervention group received lovastatin plus the herb.",
    "Active core rewarming\nMETHODS: The experimental group (n = 30) received active core rewarming during the postanesthetic "
    "period; the control group (n = 30) received passive rewarming.",
    # teeth of patients: a clinical trial, not a laboratory one
    "Sealant retention in children\nMETHODS: 120 sound permanent molars of 40 children were sealed; the experimental group "
    "received a new sealant.",
])
def test_a_group_that_received_something_is_a_trial(text):
    assert doctype.classify(text) == "trial-report"


def test_control_group_of_a_cohort_stays_other():
    text = ("Outcomes after surgery: a retrospective cohort study\nMETHODS: We followed 300 patients; the control group received "
            "standard care.")
    assert doctype.classify(text) == "other"


@pytest.mark.parametrize("text", [
    "Fat loss with and without supplements\nMETHODS: Women completed one of the following interventions: no change in diet (CON); "
    "a supplemented diet (SUP); or the high-protein diet with isocaloric placebo supplements (PLA).",
    "Resistance training during step-reduction\nMETHODS: Older men underwent 14 days of step reduction with supplementation of "
    "either 5 g/day CIT or glycine placebo.",
])
def test_placebo_with_a_modifier_names_a_trial(text):
    assert doctype.classify(text) == "trial-report"


def test_a_placebo_controlled_design_called_for_stays_other():
    text = ("Coffee intake and pain during computer work\nMETHODS: A cross-sectional analysis of 48 office workers. However, studies "
            "with a double blind placebo controlled randomized design are needed.")
    assert doctype.classify(text) == "other"


# --- total: the people of a parenthesis who then 'completed' are completers -----------------------------

@pytest.mark.parametrize("text", [
    "METHODS: Thirty-seven recreationally-trained women (n = 37; age = 27.1 ± 4.2; BMI = 25.1 ± 3.4) completed one of the "
    "following three-week interventions.",
    "METHODS: Participants (n = 44, 50-74 years olds with mild SNHL who did not have hearing aids) completed a 4-week program at home.",
])
def test_completers_after_a_described_population_are_not_the_total(text):
    assert design.total_enrolled(text) is None


@pytest.mark.parametrize("text, n", [
    ("METHODS: Recreationally-trained women (n = 37; age = 27.1 ± 4.2; BMI = 25.1 ± 3.4) were randomly assigned to one of three "
     "interventions.", 37),
    ("METHODS: Participants (n = 44, 50-74 years olds with mild SNHL) were randomised to a 4-week program at home or to usual care.", 44),
])
def test_a_described_population_that_was_randomised_is_the_total(text, n):
    assert design.total_enrolled(text).value == n


# --- roles: an arm that gets nothing, the base of an add-on, a role word in a parenthesis ----------------

@pytest.mark.parametrize("text, expected", [
    ("In this randomized trial, volunteers were assigned to ascorbic acid orally for 2 wk (n = 40) or no supplementation (n = 40).",
     [(40, "control"), (40, "experimental")]),
    ("In this randomised trial, patients were assigned to feedback by digital coaching (n=119) or no intervention (n=116).",
     [(116, "control"), (119, "experimental")]),
    ("In this randomized trial, patients undergoing surgery were allocated to HA/CMC powder (n = 105) or no adhesion barrier (n = 104).",
     [(104, "control"), (105, "experimental")]),
    ("In this randomised trial, adolescents were allocated to tCBT+EAP (n = 58) or EAP alone (n = 60).",
     [(58, "experimental"), (60, "active-control")]),
    ("In this randomised trial, patients were randomly assigned to chemotherapy plus bevacizumab (n=530) or to receive chemotherapy "
     "alone (n=533).", [(530, "experimental"), (533, "active-control")]),
    ("In this randomized trial, patients were allocated to peer-led education (n = 76) or conventional care alone (n = 75).",
     [(75, "control"), (76, "experimental")]),
    ("In this randomized trial, participants were allocated to OsteoACTIVE (n = 42) or patient education only (control group) (n = 38).",
     [(38, "control"), (42, "experimental")]),
])
def test_roles_of_nothing_alone_and_noted_arms(text, expected):
    assert arms_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # 'no' defining an abbreviation is no control arm
    ("There is no single-pill combination (SPC) for Japanese patients. In this randomized trial, 171 patients were randomized to "
     "receive either a vildagliptin/metformin SPC (n = 115) or matching vildagliptin/placebo SPC (n = 56).",
     [(56, "placebo"), (115, "experimental")]),
    # monotherapy beside combinations and placebo stays experimental
    ("In this randomized trial, patients received placebo (n = 119), olmesartan monotherapy (n = 140) or olmesartan dual "
     "combination (n = 137).", [(119, "placebo"), (137, "experimental"), (140, "experimental")]),
    # 'no' with a combination: an arm of its own
    ("In this randomized trial, patients were assigned to no steroid plus antibiotics (n = 30) or dexamethasone plus antibiotics "
     "(n = 31).", [(30, "experimental"), (31, "experimental")]),
])
def test_roles_not_changed_by_no_or_monotherapy(text, expected):
    assert arms_of(text) == expected


# --- roles of generically named groups: the name before the parenthesis, what the group got ---------------

def roles_by_label(text: str) -> dict[str, str]:
    return {a.label: a.role for a in run(text).arms}


@pytest.mark.parametrize("text, expected", [
    ("METHODS: Thirty-three patients were randomized either to a control group (group C, n = 16) or to an intervention group "
     "(group I, n = 17).", {"control group (group C)": "control", "intervention group (group I)": "experimental"}),
    # an inert comparator written before the group's name; the base of an add-on called 'alone'
    ("Comparison of Ramosetron Plus Dexamethasone with Ramosetron Alone\nMETHODS: One hundred and eight patients were randomly "
     "allocated to three different groups: the control group (group C, n = 36), the ramosetron group (group R, n = 36), or the "
     "ramosetron plus dexamethasone group (group RD, n = 36). The patients were treated intravenously with 1 and 2 ml of 0.9% "
     "NaCl (group C); or 2 ml of 0.15 mg/ml ramosetron plus 1 ml of 0.9% NaCl (group R); or 2 ml of 0.15 mg/ml ramosetron plus "
     "1 ml of 5 mg/ml dexamethasone (group RD).",
     {"control group (group C)": "placebo", "ramosetron group (group R)": "active-control",
      "ramosetron plus dexamethasone group (group RD)": "experimental"}),
    # 'with' right after the group's name and size
    ("METHODS: 90 patients were randomized to Group B (n = 45) receiving TAP block with 0.25% bupivacaine and Group N (n = 45) "
     "with normal saline.", {"Group B": "experimental", "Group N": "placebo"}),
    # a combination's name with a slash
    ("METHODS: One hundred twenty patients were divided randomly into four groups of 30 patients: group P received placebo, "
     "group E received etoricoxib 120 mg, group D received duloxetine 60 mg and group D/E received duloxetine 60 mg and "
     "etoricoxib 120 mg.", {"Group P": "placebo", "Group E": "experimental", "Group D": "experimental", "Group D/E": "experimental"}),
])
def test_roles_of_generic_groups(text, expected):
    assert roles_by_label(text) == expected


@pytest.mark.parametrize("text, expected", [
    # 'compared with the placebo' is not what the group got
    ("RESULTS: 294 children were assigned to the IPM group and 297 to the placebo group. The IPM group compared with the placebo "
     "group had more parasitaemia.", {"IPM group": "experimental", "placebo group": "placebo"}),
    # saline as the diluent of a drug is no inert arm
    ("METHODS: 165 patients were divided into three groups: saline (group S, n = 55), lignocaine 20 mg (Group L, n = 55) and "
     "methylprednisolone 125 mg diluted into 2 ml of normal saline (Group MP, n = 55).",
     {"saline (group S)": "placebo", "lignocaine 20 mg (Group L)": "experimental", "Group MP": "experimental"}),
    # a monotherapy beside a combination and a placebo stays experimental without 'alone' in the text
    ("In this randomized trial, patients were assigned to the galunisertib plus lomustine group (group GL, n = 79), the "
     "galunisertib group (group G, n = 39) or placebo plus lomustine (group PL, n = 40).",
     {"galunisertib plus lomustine group (group GL)": "experimental", "galunisertib group (group G)": "experimental",
      "placebo plus lomustine (group PL)": "placebo"}),
])
def test_generic_group_roles_not_overread(text, expected):
    assert roles_by_label(text) == expected


# --- two active arms: the one the text compares the other with is the active control ---------------------

@pytest.mark.parametrize("text, expected", [
    ("METHODS: In total, 351 patients were randomized to receive either rosuvastatin 10 mg (n = 173) or atorvastatin 10 mg "
     "(n = 178) for 6 weeks.\nCONCLUSIONS: Rosuvastatin 10 mg was more effective than atorvastatin 10 mg in achieving goals.",
     {"rosuvastatin 10 mg": "experimental", "atorvastatin 10 mg": "active-control"}),
    ("METHODS: Twenty people were randomly assigned to either a balance-based exergaming group (N = 10) or a balance training "
     "group (N = 10).\nCONCLUSIONS: Balance-based exergaming training resulted in a greater improvement compared with "
     "conventional balance training.",
     {"balance-based exergaming group": "experimental", "balance training group": "active-control"}),
    # a generic group, by what it received
    ("METHODS: They were randomly divided into two groups, A and B of 30 each. Group A received TEB and Group B received PVB.\n"
     "CONCLUSIONS: We observed longer duration of analgesia with PVB compared to TEB.", {"Group A": "active-control", "Group B": "experimental"}),
])
def test_the_arm_compared_with_is_the_active_control(text, expected):
    # (the conclusions come after a results section, beyond the first sentences that name a comparator 'versus'/'than')
    head, tail = text.split("\nCONCLUSIONS:")
    filler = "\nRESULTS: " + " ".join(["Outcomes were recorded at baseline and at each visit of the follow-up period."] * 8)
    assert roles_by_label(head + filler + "\nCONCLUSIONS:" + tail) == expected


@pytest.mark.parametrize("text, expected", [
    # comparisons in the results state directions of effects
    ("METHODS: Twenty-four patients were randomly administered thiopental (5 mg/kg, Thiopental-group, n = 12) or propofol "
     "(2 mg/kg, Propofol-group, n = 12).\nRESULTS: Blood pressure was more depressed in Thiopental-group compared with those in "
     "Propofol-group.", {"Thiopental-group": "experimental", "Propofol-group": "experimental"}),
    # both arms named as comparators: no decision
    ("METHODS: Patients were randomized to drug A (n = 40) or drug B (n = 41).\nCONCLUSIONS: Drug A was better than drug B for "
     "pain, but worse compared with drug A for nausea.", {"drug A": "experimental", "drug B": "experimental"}),
    # a combination's part is not the combination: 'compared with GOT alone'
    ("METHODS: Patients were randomized to GOT+IOT (n = 66) or GOT (n = 63).\nCONCLUSIONS: GOT+IOT improved adherence compared with "
     "the GOT alone.", {"GOT+IOT": "experimental", "GOT": "active-control"}),
])
def test_comparisons_that_do_not_decide(text, expected):
    assert roles_by_label(text) == expected


# --- total: the people a study, an intervention or a measurement was done in (methods) -----------------

@pytest.mark.parametrize("text, n", [
    ("METHODS: By ingesting a test drink, small intestinal permeability was assessed in 33 healthy human volunteers by measuring "
     "the urinary lactulose/rhamnose excretion ratio in a randomized cross-over study.", 33),
    ("METHODS: In a study registered at ClinicalTrials.Gov, a 16-week dietary intervention was undertaken in 60 patients with "
     "allergic rhinitis. Using a double-blinded design, the patients were divided equally into two groups.", 60),
    ("METHODS: This study was conducted in 2015 on 170 pregnant women who had been referred to the prenatal clinic. The "
     "participants were randomly divided into two groups.", 170),
    ("MATERIAL AND METHODS: In this prospective interventional clinical study, the anesthesia and recovery profile was assessed "
     "in sixty pediatric patients undergoing inguinal hernia repair. Enrolled children were randomly assigned to two groups.", 60),
])
def test_total_studied_in(text, n):
    assert design.total_enrolled(text).value == n


@pytest.mark.parametrize("text", [
    # a results section: analysed or subsets
    "METHODS: Patients were randomized to two regimens.\nRESULTS: Response was evaluated in 120 patients after 12 weeks.",
    # an analysis, a count of procedures, places
    "METHODS: Children were randomized to two messages. The analyses were conducted on 411 children who reported never smoking.",
    "METHODS: Patients were randomized. A total of 58 TAP blocks were performed among 29 patients.",
    "METHODS: This experimental study with a control group was conducted in three public primary schools in Aydin.",
])
def test_not_a_total_studied_in(text):
    assert design.total_enrolled(text) is None


@pytest.mark.parametrize("text, n", [
    ("METHODS: A total number of one hundred and sixty (160) patients were randomized into two equal groups.", 160),
    ("METHODS: This randomized single-blind clinical trial was conducted in Isfahan. A total number of 75 consecutive patients "
     "undergoing planned coronary artery bypass grafting were enrolled.", 75),
    ("MATERIALS AND METHODS: One thousand three hundred and twenty eight (1328) patients were included in this randomised study.", 1328),
    ("MATERIALS AND METHODS: The study was done in 13 prepubertal children with classical CAH over a 6-month period, in a "
     "randomized crossover design.", 13),
])
def test_total_number_words_echoed_and_done_in(text, n):
    assert design.total_enrolled(text).value == n


def test_a_number_in_parenthesis_after_digits_is_no_echo():
    # '40 (25%) patients' is a share, not the number again
    assert design.total_enrolled("In this randomized trial, 160 (25%) patients were included in the analysis.") is None


# --- arm sizes: a description after the size in an allocation sentence; 'for each group'; 'randomized' --------

@pytest.mark.parametrize("text, expected", [
    ("RESULTS: Seventy six patients were assigned to either ES (38 subjects, median age of 51, 65.8% male) or SI (38 subjects, "
     "median age of 55, 52.6% male).", [38, 38]),
    ("METHODS: In this randomized trial, 70 patients with T2D were randomly divided into two groups (n = 35 for each group).", [35, 35]),
    ("METHODS: Participants who fulfilled the inclusion criteria were randomly allocated to intervention or control groups "
     "(N = 381 for each group).", [381, 381]),
    ("METHODS: Children were enrolled in an 8-week randomized study of LDX 30-70 mg/day (n = 186 randomized) or placebo "
     "(n = 93 randomized).", [93, 186]),
])
def test_arm_size_families_round5(text, expected):
    assert sorted(n for n, _ in arms_of(text)) == expected


@pytest.mark.parametrize("text", [
    # a description after the size outside an allocation: an outcome count; a share; a sex breakdown
    "RESULTS: Mortality was higher in the ES group (12 patients, median age of 70) than in the SI group.",
    "FINDINGS: Most women used their allocated study treatment (740 women, 94.0%), with median use similar for both groups.",
    "METHODS: Patients with knee OA were randomized to one of three groups: 1) Walking and Behavioural intervention (WB) "
    "(18 males, 57 females); 2) Walking intervention (W) (24 males, 57 females).",
])
def test_not_arm_sizes_round5(text):
    assert arms_of(text) == []


def test_intervention_and_control_sized_together_stay_two_arms():
    text = ("METHOD: All workers in a company (n = 290) were recruited. Participants were randomly allocated to intervention or "
            "control groups (N = 381 for each group).")
    assert (381, "control") in arms_of(text) and (381, "experimental") in arms_of(text)


# --- two active arms: the one the title does not name is the active control ------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The Efficacy of Mirodenafil for Chronic Prostatitis in Middle-Aged Males\nMETHODS: Eighty-eight males were randomized to "
     "receive either levofloxacin (group L, 40 patients) or mirodenafil (group ML, 48 patients).",
     {"levofloxacin": "active-control", "mirodenafil": "experimental"}),
    ("Honey Mitigates Radiation-Induced Oral Mucositis\nMETHODS: Patients were randomized to honey (n = 25) or povidone-iodine "
     "(n = 25).", {"honey": "experimental", "povidone-iodine": "active-control"}),
])
def test_the_arm_the_title_names_is_the_experiment(text, expected):
    assert roles_by_label(text) == expected


@pytest.mark.parametrize("text, expected", [
    # both named (hyphen or space): no decision
    ("Low-load bench press and push-up induce similar muscle hypertrophy\nMETHODS: Men were randomized to a bench-press group "
     "(n = 13) or a push-up group (n = 13).", {"bench-press group": "experimental", "push-up group": "experimental"}),
    # only a generic word in the title
    ("A Randomized Trial of the Effects of a Low Glycemic Index Diet\nMETHODS: Women were randomized to an LGI (n = 62) or a "
     "high-fiber moderate-GI diet (n = 64).", {"LGI": "experimental", "high-fiber moderate-GI diet": "experimental"}),
    # no title: the first line is a sentence
    ("Patients were randomized to honey (n = 25) or povidone-iodine (n = 25). Honey reduced mucositis.",
     {"honey": "experimental", "povidone-iodine": "experimental"}),
])
def test_title_that_does_not_decide(text, expected):
    assert roles_by_label(text) == expected


# --- equal groups sized by 'N in each group', their number from a total ----------------------------------

@pytest.mark.parametrize("text, expected", [
    ("In this randomized trial of two curricula. RESULTS: A total of 200 residents completed the study, with 100 in each group.",
     [100, 100]),
    ("In this randomized trial of two antibiotics. RESULTS: Seventy patients were enrolled 35 in each group.", [35, 35]),
    ("METHODS: This randomized trial was performed on 40 patients in two 20-subject groups of oral pyridostigmine and starch.",
     [20, 20]),
    ("In this randomized trial of three diets. RESULTS: Sixty-one volunteers enrolled and 60 (n = 20 per arm) completed the "
     "2-month review.", [20, 20, 20]),
])
def test_equal_groups_from_a_total(text, expected):
    assert sorted(n for n, _ in arms_of(text)) == expected


def test_equal_groups_named_by_either_or():
    text = ("METHODS: A total of 40 patients with severe sepsis were included, and were randomly assigned (20 per group) to "
            "receive either lornoxicam (8 mg intravenously every 12 hours) or placebo.")
    assert arms_of(text) == [(20, "experimental"), (20, "placebo")]


@pytest.mark.parametrize("text", [
    # a planned size; a breakdown by sex; eyes; a day number; no total to count the groups
    "METHODS: In this randomized trial, sample size was calculated as 35 participants in each group (a total of seventy participants).",
    "METHODS: 80 rats were randomly divided into four groups consisting of 10 males and 10 females in each group.",
    "RESULTS: The randomized study included 24 patients (48 eyes) (12 patients, 24 eyes in each group).",
    "METHODS: In this randomized crossover trial, participants visited the clinic on day 0 and day 7 for each arm of the study.",
    "RESULTS: In this randomized trial, 25 patients in each group achieved the target.",
])
def test_not_equal_groups(text):
    assert all(n is None for n, _ in arms_of(text))


# --- parts that add up to a count of participants: 'N participants (X in the A group and Y in the B group)' ----

@pytest.mark.parametrize("text, expected", [
    ("In this randomised trial, we traced 579 trial participants (291 in the prophylaxis group and 288 in the placebo group) in 2001.",
     [(288, "placebo"), (291, "experimental")]),
    ("In this randomized trial. RESULTS: A total of 63 patients completed the study: 23 in the forest group, 19 in the hospital "
     "group, and 21 in the control group.", [(19, "experimental"), (21, "control"), (23, "experimental")]),
    ("In this quasi-experimental study, the program was evaluated on 101 elderly people (46 in the intervention group and 55 in "
     "the control group).", [(46, "experimental"), (55, "control")]),
    ("METHODS: 90 obese female patients were randomly assigned to conditions (31 to ECT, 30 to CBT, and 29 to IP).",
     [(29, "experimental"), (30, "experimental"), (31, "experimental")]),
])
def test_parts_of_a_count_of_participants(text, expected):
    assert arms_of(text) == expected


@pytest.mark.parametrize("text", [
    # dropouts, events: not participation
    "This was a randomized trial of three therapies. Before treatment completion, 24 patients discharged themselves from "
    "hospital (4 in ECT, 10 in CBT, and 10 in IP).",
    "This was a randomized trial of a drug. During the study, adverse events occurred in 40 patients (22 in the drug group and "
    "18 in the placebo group).",
    # parts that do not add up
    "This was a randomized trial. RESULTS: 160 patients participated in the study (81 in the intervention group and 70 in the "
    "SC group).",
])
def test_parts_that_are_not_arms(text):
    assert arms_of(text) == []

"""Effect estimates with confidence intervals: phrasings mined from bench abstracts (test, dev and draw-5 stems
excluded), one group per failure family, each with negatives."""

import pytest

from extract.extractors.effects import find_cis
from extract.parse.normalize import match_text


def _got(text):
    return [(c.estimate, c.low, c.high) for c in find_cis(match_text(text))]


def _want(expected):
    return [(e if e is None else pytest.approx(e), lo, hi) for e, lo, hi in expected]


@pytest.mark.parametrize("text, expected", [
    # values after a labelled interval in the same sentence, written the same way without the label
    ("no use was associated with diabetes risk in the placebo (adjusted hazard ratio 2.34 [95% CI 1.32–4.15]) and "
     "lifestyle (2.48 [1.45–4.22]) arms, but not in the metformin arm (0.55 [0.25–1.19]).",
     [(2.34, 1.32, 4.15), (2.48, 1.45, 4.22), (0.55, 0.25, 1.19)]),
    ("the mean change in C-peptide area under curve was −229 pmol/L (95% CI −316 to −142) for the treatment group and "
     "−253 pmol/L (−383 to −123) for the placebo group; this",
     [(-229, -316, -142), (-253, -383, -123)]),
    ("Juniper AQLQ improved by 0.25 (95% confidence interval; −0.3, 0.8) units, overall asthma symptoms improved by "
     "0.68 (0.1, 1.3) units, and rescue inhaler use decreased by 0.59 (−0.5, 1.6) daily administrations.",
     [(0.25, -0.3, 0.8), (0.68, 0.1, 1.3), (0.59, -0.5, 1.6)]),
    ("median overall survival was 30 months (95% CI 24–34) in the twice-daily group versus 25 months (21–31) in the "
     "once-daily group.", [(30, 24, 34), (25, 21, 31)]),
    ("hazard ratios were 0.79 (95% confidential interval: 0.54–1.16), 0.51 (0.31–0.82), and 0.60 (0.42–0.84), respectively.",
     [(0.79, 0.54, 1.16), (0.51, 0.31, 0.82), (0.60, 0.42, 0.84)]),
    # not: medians (IQR) after a ratio (whole numbers after decimals); another sentence; a spread word; another
    # separator; a value outside its interval; a proportion after its count
    ("(hazard ratio: 0.49 [95% confidence interval: 0.29-0.84]; P = 0.002), and time to full enteral feeds "
     "(11 [7-21] vs. 14 [8-36] days; P - 0.02]", [(0.49, 0.29, 0.84)]),
    ("(OR 2.1, 95% CI 1.2–3.4). Median stay was 5.5 (3.5–8.5) days.", [(2.1, 1.2, 3.4)]),
    ("was 2.1 (95% CI 1.2–3.4); median (IQR) 5.5 (3.5–8.5) days", [(2.1, 1.2, 3.4)]),
    ("was 2.1 (95% CI 1.2–3.4) and 5.5 (3.5, 8.5) days", [(2.1, 1.2, 3.4)]),
    ("was 2.1 (95% CI 1.2–3.4) and 9.5 (1.5–2.5) days", [(2.1, 1.2, 3.4)]),
    ("amodiaquine/placebo 35/36, 97.2% (95% CI 85.5–99.9), and amodiaquine/artesunate 32/32, 100% (89.1–100) after", []),
])
def test_siblings(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # a ratio's estimate after a verb, past a few words
    ("in the UC with RR of 1.80 (0.99-3.28). Apgar", [(1.80, 0.99, 3.28)]),
    ("while the corresponding OR was 0.83 (0.36–1.92) in noncarriers.", [(0.83, 0.36, 1.92)]),
    ("The relative risk of hospital admission for EDGE was 0.83 (0.56-1.24, P=.37) compared with usual care.", [(0.83, 0.56, 1.24)]),
    ("The effect was more pronounced in girls (MRR = 0.37 (0.16–0.89)) than boys", [(0.37, 0.16, 0.89)]),
    # not: a number the words lead to that is not in its range
    ("the hazard ratio for death in patients aged 60 (50–70) was not", []),
    ("the odds ratio of events for those treated was 3.5 (1.0–2.0) in", []),
])
def test_ratio_after_a_verb(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # words between the estimate and the label: the estimate must fit its interval
    ("The estimated difference in SGRQ-C at 12 months was −1.7 with a 95% CI of −6.6 to 3.2 (P=.49).", [(-1.7, -6.6, 3.2)]),
    ("The adjusted mean between group difference was 0.8 for the 2-sided 95% CI (-1.047, 2.566).", [(0.8, -1.047, 2.566)]),
    ("calcium intake per day (mean: 3.0%; the 95% CI: 2.3 to 3.7%; P <0.001)", [(3.0, 2.3, 3.7)]),
    ("a difference in cumulative recurrence rate of 6.1% (2-sided 90%CI +2.6 to +9.7%).", [(6.1, 2.6, 9.7)]),
    ("the between-group difference in frailty was 14.7% at 12 months (95% confidence interval: 2.4%, 27.0%; P = 0.02).",
     [(14.7, 2.4, 27.0)]),
    ("the incidence of arthropathy AEs per patient-year was 0.15 in the efalizumab group (95% CI 0.11–0.19) and 0.16 in the "
     "placebo group (95% CI 0.11–0.22).", [(0.15, 0.11, 0.19), (0.16, 0.11, 0.22)]),
    ("0.93 episodes (95% CI: 0.79 to 0.97) versus 1.12 episodes in the group of control participants (95% CI: 0.97 to 1.28)",
     [(0.93, 0.79, 0.97), (1.12, 0.97, 1.28)]),
    # not: a count before 'with a' or 'in the ... group', a duration
    ("we saw 12 patients in the treatment group (95% CI 1.2 to 3.4) with", [(None, 1.2, 3.4)]),
    ("we enrolled 12 patients with a 95% CI of 1.1 to 3.0 for", [(None, 1.1, 3.0)]),
    ("increased to 8.1% (SD 1.3) 12 months later (95% CI −1.1 to −0.5, p <0.001", [(None, -1.1, -0.5)]),
])
def test_words_between_estimate_and_label(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # a mean ± SD, or an SD in brackets, before the interval: the mean
    ("MPA improved them by 1.7 ± 1.6 %-units (95 % confidence interval (CI) 0.56, 2.8) and", [(1.7, 0.56, 2.8)]),
    ("between-group difference, −3.4±0.5 mm Hg; P<0.0001; 95% confidence interval, −4.5 to −2.4 mm Hg).", [(-3.4, -4.5, -2.4)]),
    ("a significant decrease in systolic/diastolic ratios (0.60 [SD 0.40] [95% Cl 0.37-0.84], P=0.000)", [(0.60, 0.37, 0.84)]),
    ("the decrease in HbA1c levels was 1.05% (SD = 2.0; CI95%: 1.54;-0.56) in the intervention group", [(1.05, -0.56, 1.54)]),
    # not: the SD itself, nor a mean outside the interval
    ("was 5.2 (SD = 2.0; 95% CI 0.1 to 0.5) in", [(None, 0.1, 0.5)]),
    ("was 12.0 ± 3.1 (95% CI 1.2 to 2.0) in", [(None, 1.2, 2.0)]),
])
def test_mean_and_spread_before_interval(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # a magnitude with a signed interval takes the interval's sign when the sentence states a decrease
    ("PCD participants lost 7.3 kg [95% confidence interval (CI): −5.8 to −8.8 kg], compared with", [(-7.3, -8.8, -5.8)]),
    ("UACR at week 24 was reduced by 32% (95% CI −42 to −21; P < 0.05) with linagliptin", [(-32, -42, -21)]),
    ("cLDA with an estimated 11.2 mg/dL (95% CI −19.2 to −3.3; p=0.006) lower mean LDL", [(-11.2, -19.2, -3.3)]),
    ("associated with 3.0 mm Hg lower DBP (95% CI, −5.7 to −0.4) compared with controls", [(-3.0, -5.7, -0.4)]),
    ("decreased with MPA by 0.9 ± 0.5 kPa (95% CI -1.3, -0.54).", [(-0.9, -1.3, -0.54)]),
    # not: no decrease stated; the negation outside the interval too; a magnitude that fits as written
    ("HDL-C (0.14 mmol/l (95% CI –0.65, 0.09)), LDL-C", [(0.14, -0.65, 0.09)]),
    ("costs were significantly reduced with EUR 12 (95% CI −32 to −18, P = 0.02) in", [(12, -32, -18)]),
    ("was reduced by 4.0 (95% CI −2.0 to 10.0) in", [(4.0, -2.0, 10.0)]),
])
def test_magnitude_takes_the_interval_sign(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # 'A (CI) vs B (CI)': B is an estimate with its own interval
    ("proneural glioblastoma (0.41, 95% CI: 0.13–1.28 vs 0.80, 95% CI: 0.45–1.40, respectively)",
     [(0.41, 0.13, 1.28), (0.80, 0.45, 1.40)]),
    ("[−0.016 mm (95 % CI −0.037 to 0.006) vs. −0.007 mm (95 % CI −0.029 to 0.015), p = 0.57]",
     [(-0.016, -0.037, 0.006), (-0.007, -0.029, 0.015)]),
    ("(13.00 months (95% CI 9.49–16.50 months) versus 3.00 months (95% CI 0.85–5.15 months), p<0.001)",
     [(13.0, 9.49, 16.5), (3.0, 0.85, 5.15)]),
    ("The median PFS (95% CI) was 5.5 (3.8–14.0) months vs 5.5 (3.5–10.7) months in the", [(5.5, 3.8, 14.0), (5.5, 3.5, 10.7)]),
    # not: 'A vs B (CI)', the interval of their difference
    ("migraine intensity (4.7 vs. 3, respectively; 95% CI = -0.8 to -3.2).", [(None, -3.2, -0.8)]),
    ("(HR 0.8, 95% CI 0.6–1.0) and pain 12.1 vs 10.2 (95% CI 0.5–3.1)", [(0.8, 0.6, 1.0), (None, 0.5, 3.1)]),
])
def test_versus_after_an_interval(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    ("(Mean Difference –MD- = −19.60; 95 % CI: −15.33 at −23.87 mg/dl; p < 0.001)", [(-19.60, -23.87, -15.33)]),
    ("odds ratio (OR) 3.9 (95% CI) 1.7, 8.7; P = 0.0006]", [(3.9, 1.7, 8.7)]),
    ("(p = 0.03), with 95% confidence intervals at 1.5% to 24.1%. Using", [(None, 1.5, 24.1)]),
    ("per patient with 95% CI. (−14324, −13213), p < 0.001.", [(None, -14324, -13213)]),
    ("not statistically significant (95% CI diff: -1.2 min, +4.5).", [(None, -1.2, 4.5)]),
    ("not statistically significant (95% confidence interval: [€-975; €1,258]).", [(None, -975, 1258)]),
    ("(HR; 95% CI: 1.19; 0.94–1.50), particularly", [(1.19, 0.94, 1.50)]),
    ("[hazard ratio (HR); 95 % CI 1.9; 1.2, 3.1; p = 0.011]", [(1.9, 1.2, 3.1)]),
    ("mean change (difference Control-RAL; 95%CI) in haemoglobin (−2.9; −5.7, −1.1), total lymphocytes (−0.2; −0.3, −0.0).",
     [(-2.9, -5.7, -1.1), (-0.2, -0.3, -0.0)]),
    # not: 'at' across a sentence end or before a time
    ("with upper 90% confidence intervals (CI) of <10 ms. At 800/100 μg, FF/VI", []),
    ("the 95% CI 1.2 at 12 weeks", []),
])
def test_label_forms(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    ("increased endothelin-1 concentrations up to 2.2-fold (95% CI 1.4, 2.4) at a dose", [(2.2, 1.4, 2.4)]),
    ("not statistically significant (–0.43° (95 % CI –1.50 – 0.64); p = 0.43)", [(-0.43, -1.50, 0.64)]),
    ("(difference between study and control group: 1,586.01€; 95% CI 1,087.18 to 6,277.28; p<0.001)",
     [(1586.01, 1087.18, 6277.28)]),
    ("similar between groups (difference: 0.6 beats per minute; 95% CI −3.9 to 5.1).", [(0.6, -3.9, 5.1)]),
    ("with a slope of 1.45 ms per μg/ml (90% CI, 1.30 to 1.61).", [(1.45, 1.30, 1.61)]),
    ("compared with Gla‐100: rate ratio 0.63 [(95% CI 0.42–0.96); p = 0.031]", [(0.63, 0.42, 0.96)]),
    ("was in target range was 10·5 percentage points higher (95% CI 7·6–13·4; p<0·0001)", [(10.5, 7.6, 13.4)]),
    ("(P = 0.21), a 4.1% absolute risk reduction (95% CI −2.2 to 10.4; P = 0.98).", [(4.1, -2.2, 10.4)]),
    ("(treatment difference 44.5% in favour of budesonide; 95% CI (26.9% to 62.7%), p<0.001)", [(44.5, 26.9, 62.7)]),
    ("to week 24 was −0.61% (−6.7 mmol/mol) in favor of linagliptin (95% CI −0.88 to −0.34% [", [(-0.61, -0.88, -0.34)]),
    # not: the count of a rate
    ("4.6 per 100 woman-years (95% CI 3.9–5.4)", [(None, 3.9, 5.4)]),
])
def test_units_and_words_after_the_estimate(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # an area under a curve of values over 1 is an outcome, not a measure of accuracy
    ("the area under the curves (AUC) were 23% (95% confidence interval [CI]: 5–37%) lower with hot compresses", [(23, 5, 37)]),
    ("No differences for the AUC (individualized acupuncture mean: 1768.7 (95% CI, 1460.4; 2077.1);",
     [(1768.7, 1460.4, 2077.1)]),
    ("the area under the curve was 0.71 (95% CI 0.54–0.89) for", []),
    # an arm's value after 'from ... to' is not the change's estimate, unless it lies in the interval
    ("The LWBS rate was reduced from 4.7% to 0.7% (95% CI 3.37 to 4.64; P < 0.001).", [(None, 3.37, 4.64)]),
    ("HbA1c fell from 8.1% to 7.2% (95% CI 7.0 to 7.4) in", [(7.2, 7.0, 7.4)]),
])
def test_outcome_areas_and_from_to(text, expected):
    assert _got(text) == _want(expected)


@pytest.mark.parametrize("text, expected", [
    # the estimate and its interval also in a second unit, each bracketed after the first
    ("the between-group difference in the change in HbA1c was −0.61% (−6.7 mmol/mol) in favor of linagliptin (95% CI −0.88 "
     "to −0.34% [−9.6 to −3.7 mmol/mol]; P < 0.0001).", [(-0.61, -0.88, -0.34), (-6.7, -9.6, -3.7)]),
    # the arms' values compared inside the interval's bracket, after 'in favour of'
    ("The mean difference was –0.43% (–4.74 mmol/mol) in favour of the Sensor On arm (8.04% [64.34 mmol/mol] vs 8.47% "
     "[69.08 mmol/mol]; 95% CI −0.32%, −0.55% [−3.50, −6.01 mmol/mol]; p < 0.001).", [(-0.43, -0.55, -0.32), (-4.74, -6.01, -3.50)]),
    # not: units that differ; a compared pair whose estimate does not fit
    ("was −0.61% (−6.7 mg/dl) in favor of X (95% CI −0.88 to −0.34% [−9.6 to −3.7 mmol/mol]; P < 0.0001).", [(-0.61, -0.88, -0.34)]),
    ("was 5.2 points in favour of the arm (8.04 vs 8.47; 95% CI −0.32, −0.55) and", [(None, -0.55, -0.32)]),
])
def test_second_unit_and_compared_arms(text, expected):
    assert _got(text) == _want(expected)

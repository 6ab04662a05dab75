"""Effect estimates with confidence intervals."""

import pytest

from extract.extractors.effects import find_cis
from extract.parse.normalize import match_text


@pytest.mark.parametrize("text, est, lo, hi, etype", [
    ("0.0 mL (95% CI \ufffd9.1 to 9.0 mL, P = 0.992)", 0.0, -9.1, 9.0, "mean difference"),  # U+FFFD minus
    ("between groups \ufffd5.7 mL (95% CI \ufffd16.7 to 5.3 mL", -5.7, -16.7, 5.3, "mean difference"),
    ("and \ufffd1.7% (95% CI \ufffd4.4. to 1.0, P = 0.212)", -1.7, -4.4, 1.0, "mean difference"),  # stray period
    ("odds ratio 1.21, 95% confidence interval 0.70 to 2.10", 1.21, 0.70, 2.10, "odds ratio"),
    ("mean difference \u22122.0 (95% CI \u22129.1 to 9.0)", -2.0, -9.1, 9.0, "mean difference"),  # U+2212
    ("OR 2.4 [95% CI 0.48; 10.12]", 2.4, 0.48, 10.12, "odds ratio"),
    ("HR 0.80 (95% CI 0.70–0.91)", 0.80, 0.70, 0.91, "hazard ratio"),
    ("hazard ratio 2.2, 95% C.I. 1.2–4.0", 2.2, 1.2, 4.0, "hazard ratio"),
    ("LS mean difference 0.00 (95% confidence interval (CI) −0.08 to 0.07)%", 0.0, -0.08, 0.07, "mean difference"),
    ("(odds ratio [OR] = 1.82, 95% confidence interval CI = 1.24–2.67, p = .002)", 1.82, 1.24, 2.67, "odds ratio"),
    ("(difference 0.38, 95% CI –1.96 to 3.20, P=.64)", 0.38, -1.96, 3.20, "mean difference"),  # en dash as minus
    ("RD 9.5%, 95% CI 2.8%–16%", 9.5, 2.8, 16.0, "risk difference"),
    ("[HR (95% CI): 1.41 (1.002, 1.996), P = 0.0049]", 1.41, 1.002, 1.996, "hazard ratio"),
    ("(Hazard Ratio[95%CI] = 2.171 [1.545–3.051], p<0.0001)", 2.171, 1.545, 3.051, "hazard ratio"),
    ("(hazard ratio [HR], 0.76; P = .002; 95% confidence interval [CI], 0.64-0.91)", 0.76, 0.64, 0.91, "hazard ratio"),
    ("(mean difference £24, [95%CI = −£100, £147, p = 0.707])", 24.0, -100.0, 147.0, "mean difference"),
    ("(mean difference -1.1, 95% CI -1.9 to -0.3; P = 0.008)", -1.1, -1.9, -0.3, "mean difference"),  # 'to' is no unit
    ("RR 0.66 CI 95%: 0.43 to 1.03;", 0.66, 0.43, 1.03, "risk ratio"),  # label before level
    ("odds ratio (OR): 41.7; 95% confidence limit (CL), 29.1–55.1%", 41.7, 29.1, 55.1, "odds ratio"),
    ("difference −5 mm (95 % CI: −15 mm - +5 mm)", -5.0, -15.0, 5.0, "mean difference"),
    ("adjusted difference 0.70 mmHg, 95%CI -1.05 mmHg to 2.45 mmHg", 0.70, -1.05, 2.45, "mean difference"),
])
def test_ci_forms(text, est, lo, hi, etype):
    (ci,) = find_cis(match_text(text))
    assert (ci.estimate, ci.low, ci.high, ci.estimate_type) == (pytest.approx(est), lo, hi, etype)
    assert ci.level == 95.0


@pytest.mark.parametrize("text, est, lo, hi, etype", [
    ("female gender (hazard ratio [HR] 2.2 [1.3–3.6], p < 0.01)", 2.2, 1.3, 3.6, "hazard ratio"),
    ("relative risk 0.41 (0.19–0.85); p = 0.0110", 0.41, 0.19, 0.85, "risk ratio"),
    ("(HR = 1.63 [1.06, 2.51] p = 0.03)", 1.63, 1.06, 2.51, "hazard ratio"),
])
def test_ratio_with_bare_interval(text, est, lo, hi, etype):
    (ci,) = find_cis(match_text(text))
    assert (ci.estimate, ci.low, ci.high, ci.estimate_type, ci.level) == (est, lo, hi, etype, None)


def test_or_is_not_odds_ratio():
    s = "changes in volume or LVEF \ufffd1.7% (95% CI \ufffd4.4 to 1.0)"
    (ci,) = find_cis(match_text(s))
    assert ci.estimate_type == "mean difference"


@pytest.mark.parametrize("text, expected", [
    # an unlevelled 'CI' label after the estimate (mining phrasings)
    ("(15.9 vs 21.8, AdjDiff -8.67, CI -16.2 to -1.15)", [(-8.67, -16.2, -1.15, None)]),
    ("(odds ratio = 0.72, confidence interval = 0.60-0.87)", [(0.72, 0.60, 0.87, None)]),
    ("(OR: 0.407, confidence interval: 0.179\u20130.926, P = .032)", [(0.407, 0.179, 0.926, None)]),
    ("(relative risk 1.51, confidence interval 95% 1.03\u20132.22)", [(1.51, 1.03, 2.22, 95.0)]),
    ("[difference 1.1%, confidence interval (CI) -1.8, 4.0 percentage points, P = 0.61]", [(1.1, -1.8, 4.0, None)]),
    # a parenthesised negative upper bound; ', to'; 'CI of difference'
    ("the difference was -1.4; 95% CI -2.6 - (-0.21).", [(-1.4, -2.6, -0.21, 95.0)]),
    ("(mean difference=-38.89, (95% CI -75.47, to -2.305, p=0.038))", [(-38.89, -75.47, -2.305, 95.0)]),
    ("was 29.7% greater (355.0 v. 273.7; 95% CI of difference 16.3\u2013146.2; P = 0.003)", [(None, 16.3, 146.2, 95.0)]),
    # the bounds in order when written high first
    ("\u22120.43% (95% CI \u22120.32%, \u22120.55%)", [(-0.43, -0.55, -0.32, 95.0)]),
    # a unit with symbols
    ("(adjusted difference 1.7 MET*hr/wk [95% CI, 0.8 to 2.6])", [(1.7, 0.8, 2.6, 95.0)]),
    # the estimate a few words before its interval
    ("5.3% higher percentage of patients meeting minimum recommendations [95% CI: 2.1% to 8.8%]", [(5.3, 2.1, 8.8, 95.0)]),
    # 'Odds ratio, 95% confidence interval: 1.85 (0.91 to 3.77)'
    ("(Odds ratio, 95% confidence interval: 1.85 (0.91 to 3.77).", [(1.85, 0.91, 3.77, 95.0)]),
    # a bracketed label names the interval of the values after it, to the next heading
    ("Median (95% CI) difference between groups was 0.75 (\u20131.6 to 2.3). CONCLUSIONS: 12 (3 to 5).", [(0.75, -1.6, 2.3, 95.0)]),
    ("((adjusted mean difference (95% CI) p value; MVPA mins; 5.1 (1.1 to 9.2) p=0.014)). Compared with control, students "
     "reported greater peer support 0.5 (0.1 to 0.9) p=0.03, well-being 1.8 (0.1 to 3.4) p=0.04.",
     [(5.1, 1.1, 9.2, 95.0), (0.5, 0.1, 0.9, 95.0), (1.8, 0.1, 3.4, 95.0)]),
    ("BMI (\u22120.28 kg m\u22122 (\u22120.50, \u22120.06), P=0.01) after weight (difference \u20130.90 kg (95% CI \u20131.50, \u22120.30))",
     [(-0.9, -1.5, -0.3, 95.0)]),  # the BMI interval comes before any label: not read
])
def test_more_ci_forms(text, expected):
    got = [(c.estimate, c.low, c.high, c.level) for c in find_cis(match_text(text))]
    assert got == [(e if e is None else pytest.approx(e), lo, hi, lv) for e, lo, hi, lv in expected]


@pytest.mark.parametrize("text", [
    "a 5% reduction in cardiac index (CI) (P < 0.001)",  # CI is not always an interval
    "for the CI therapy (P = 0.45), 64% (18% complete)",
    "Cmax (90%CI) was within the EMEA acceptance range of 75 to 133%.",  # an acceptance range, not an estimate's interval
    "achieved in 100% (6/6, 95% confidence interval 61-100)",  # a proportion's own interval
    "sensitivity of 71.4% (95% CI: 0.52, 0.91; p = 0.0495)",  # accuracy, not an effect
    "IQR 2.1 to 3.4 and range (1.0 to 5.0), CI not reported",
])
def test_not_effects(text):
    assert find_cis(match_text(text)) == []


@pytest.mark.parametrize("text, expected", [
    # label variants from bench abstracts: '95% IC', '95% Cl' (a lower-case L), 'CIs', 'confidential interval',
    # 'posterior credible interval', '95 per cent c.i.'
    ("(respectively, OR 1.06 [95% IC: 0.76\u20131.46]; OR 1.4 [95% IC:0.91\u20132.16].", [(1.06, 0.76, 1.46, 95.0), (1.4, 0.91, 2.16, 95.0)]),
    ("(HR=0.72 [95% Cl 0.56\u20130.94]) and", [(0.72, 0.56, 0.94, 95.0)]),
    ("(difference \u22121.74 (95% CIs, \u22123.34 to \u22120.14), p=0.0329)", [(-1.74, -3.34, -0.14, 95.0)]),
    ("hazard ratios were 0.79 (95% confidential interval: 0.54\u20131.16)", [(0.79, 0.54, 1.16, 95.0)]),
    ("(difference of 56.6%, 95% posterior credible interval 41.4-70.0%, posterior", [(56.6, 41.4, 70.0, 95.0)]),
    ("(hazard ratio 1.43, 95 per cent c.i. 1.11 to 1.85), looking", [(1.43, 1.11, 1.85, 95.0)]),
    # thousands grouped by spaces; a decimal broken by a space
    ("adjusted mean difference \u20ac16 956 (95% CI 14 647 to 19 162))", [(16956.0, 14647.0, 19162.0, 95.0)]),
    ("(\u22121.6% energy, 95% CI \u22122.8 to \u22120. 3), and", [(-1.6, -2.8, -0.3, 95.0)]),
    # per-dose lists under one 'HR; 95% CI' header
    ("(vital status, HR; 95% CI R2.5: 0.87; 0.64 to 1.17; R5: 0.79; 0.58 to 1.07) with", [(0.87, 0.64, 1.17, 95.0), (0.79, 0.58, 1.07, 95.0)]),
    # units with exponents or digits are not estimates
    ("mean difference: \u2212285 dyn s/cm5 (95% CI \u2212357 to \u2212213); p<0.0001", [(-285.0, -357.0, -213.0, 95.0)]),
    ("produced 0.10 kcal \u00b7 kg\u22121 \u00b7 hr\u22121 (95% confidence interval 0.03 to 0.17) greater", [(0.10, 0.03, 0.17, 95.0)]),
    ("was \u221231.4 cm2 (95% CI \u221256.5 cm2 to \u22126.3 cm2; p = 0.02)", [(-31.4, -56.5, -6.3, 95.0)]),
    # the level written twice / a duplicated label is not the estimate
    ("RR 1.12, 95% CI 95% 0.76 to 1.66), and", [(1.12, 0.76, 1.66, 95.0)]),
    ("difference \u22120.00, 95% CI (95% CI \u22120.37 to 0.37)", [(0.0, -0.37, 0.37, 95.0)]),
    # bounds written high first come out in order
    ("(OR 3.75, CI = 10.53\u20131.33, p = 0.012)", [(3.75, 1.33, 10.53, None)]),
    # a duration, a rate's denominator or a p-value is not the estimate
    ("an extra 1 (SE 0.15) kg over 2 years (99% CI 0.6\u20131.4 kg, p = 10", [(None, 0.6, 1.4, 99.0)]),
    ("4.6 per 100 woman-years (95% CI 3.9\u20135.4)", [(None, 3.9, 5.4, 95.0)]),
    ("1.35 v/s 1.82 p 0.004 (95% CI 0.15, 0.79) and", [(None, 0.15, 0.79, 95.0)]),
])
def test_mining_ci_forms(text, expected):
    got = [(c.estimate, c.low, c.high, c.level) for c in find_cis(match_text(text))]
    assert got == [(e if e is None else pytest.approx(e), lo, hi, lv) for e, lo, hi, lv in expected]


@pytest.mark.parametrize("text", [
    "(n = 1 234) and 95% of patients were seen 1 to 2 times",
    "the clinic (IC) saw 95% of the 12 to 20 patients",  # 'IC' without a level is no label
    "ratio 0.75 (95% CIca values 12 to 20)",
    "median 8 (IQR 5 to 12), range 1 to 30",
])
def test_mining_not_effects(text):
    assert find_cis(match_text(text)) == []


def test_ratio_plural_types():
    (c,) = find_cis(match_text("Pooled RRs (95% CIs) comparing extremes were 0.96 (0.84, 1.10) for"))
    assert c.estimate_type == "risk ratio"


def test_spans_index_answers_like_a_scan_of_all_spans():
    """find_cis' index of the spans already read (bisection, bounded by the longest span) gives the
    answers a scan of every span gives: it replaced one that was quadratic on run-on text."""
    import random

    from extract.extractors.effects import _Spans

    rnd = random.Random(7)
    for _ in range(200):
        idx, plain = _Spans(), []
        for _ in range(rnd.randint(0, 30)):
            a = rnd.randint(0, 300)
            span = (a, a + rnd.randint(1, 60))
            idx.add(span)
            plain.append(span)
        for _ in range(50):
            s = rnd.randint(0, 380)
            e = s + rnd.randint(1, 60)
            assert idx.contains(s) == any(a <= s < b for a, b in plain)
            assert idx.starts_within(s, e) == any(s <= a < e for a, b in plain)
            assert idx.overlaps(s, e) == any(a < e and s < b for a, b in plain)

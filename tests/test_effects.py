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

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
])
def test_ci_forms(text, est, lo, hi, etype):
    (ci,) = find_cis(match_text(text))
    assert (ci.estimate, ci.low, ci.high, ci.estimate_type) == (pytest.approx(est), lo, hi, etype)
    assert ci.level == 95.0


def test_or_is_not_odds_ratio():
    s = "changes in volume or LVEF \ufffd1.7% (95% CI \ufffd4.4 to 1.0)"
    (ci,) = find_cis(match_text(s))
    assert ci.estimate_type == "mean difference"

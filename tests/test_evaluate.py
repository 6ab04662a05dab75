"""The evaluation harness counts hits, misses and false positives correctly."""

import json
import subprocess
import sys
from pathlib import Path

from extract.evaluate import names_match, score_document

TEXT = "Patients (n = 40) vs placebo (n = 38). Pain fell (P = 0.01); sleep did not (p = 0.40). OR 1.5 (95% CI 1.1 to 2.0)."


def tables(**over):
    t = dict(
        documents=[dict(document_type="trial-report")],
        trials=[dict(randomized=True, blinding=None, placebo_controlled=True, single_arm=False, phase=None,
                     total_enrolled=78, registry_ids=["NCT01234567"])],
        arms=[dict(label="patients", n=40, role="experimental"), dict(label="placebo", n=38, role="control")],
        endpoints=[dict(name="pain at 6 weeks", kind="primary")],
        statistics=[
            dict(p_text="P = 0.01", p_value=0.01, p_operator="=", is_threshold=False, p_char_start=50, p_char_end=58,
                 ci_low=None, char_start=50, char_end=58),
            dict(p_text="p = 0.04", p_value=0.04, p_operator="=", is_threshold=False, p_char_start=76, p_char_end=84,
                 ci_low=None, char_start=76, char_end=84),
            dict(p_text=None, estimate=1.5, ci_low=1.1, ci_high=2.0, char_start=TEXT.index("1.5"), char_end=TEXT.index("2.0") + 3),
        ],
    )
    t.update(over)
    return t


GOLD = dict(
    document_type="trial-report",
    trial=dict(randomized=True, blinding="double", placebo_controlled=True, single_arm=False, phase=None,
               total_enrolled=78, registry_ids=["NCT01234567"]),
    arms=[dict(label="drug", n=40, role="experimental"), dict(label="placebo", n=38, role="placebo")],
    primary_endpoints=["pain"],
    pvalues=[dict(text="P = 0.01", value=0.01, operator="=", threshold=False),
             dict(text="p = 0.40", value=0.40, operator="=", threshold=False)],
    effects=[dict(text="1.5 (95% CI 1.1 to 2.0)", estimate=1.5, ci_low=1.1, ci_high=2.0, type="odds ratio")],
)


def test_counts():
    s = score_document("d", TEXT, tables(), GOLD).scores
    assert (s["pvalues"].tp, s["pvalues"].fp, s["pvalues"].fn) == (1, 1, 1)  # 0.04 is not the gold 0.40
    assert (s["blinding"].tp, s["blinding"].fn) == (0, 1)
    assert (s["arm_n"].tp, s["arm_n"].fp, s["arm_n"].fn) == (2, 0, 0)
    assert (s["arm_role"].tp, s["arm_role"].fp) == (1, 1)  # placebo labelled control
    assert (s["effects"].tp, s["primary_endpoint"].tp, s["total_enrolled"].tp, s["registry_ids"].tp) == (1, 1, 1, 1)


def test_names_match():
    assert names_match("left ventricular end systolic volume (LVESV)", "LVESV")
    assert not names_match("mortality at 28 days", "length of hospital stay")


def test_eval_command_on_the_seed_gold(tmp_path):
    root = Path(__file__).resolve().parents[1]
    exe = str(Path(sys.executable).with_name("trialx"))
    p = subprocess.run([exe, "eval", str(root / "eval/dev"), str(root / "eval/dev/000_1333438261a421ab.txt"), "--json"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    rep = json.loads(p.stdout)
    assert rep["documents"] == 1
    assert rep["fields"]["pvalues"] == dict(tp=4, fp=0, fn=0, precision=1.0, recall=1.0, f1=1.0)


def test_phase_written_in_roman_or_arabic_numerals_is_the_same_phase():
    from extract.evaluate import phase_key, score_document

    assert phase_key("III") == phase_key("3") == "3" and phase_key("I/II") == phase_key("1/2")
    assert phase_key("IIb") == phase_key("2b") != phase_key("2") and phase_key("II") != phase_key("III")
    tables = {"documents": [{"document_type": "trial-report"}], "trials": [{"phase": "3"}]}
    gold = {"document_type": "trial-report", "trial": {"phase": "III"}}
    assert score_document("d", "", tables, gold).scores["phase"].tp == 1
    gold["trial"]["phase"] = "II"
    assert score_document("d", "", tables, gold).scores["phase"].fp == 1


def test_roles_of_equal_sized_arms_do_not_score_by_their_order():
    from extract.evaluate import score_document

    tables = {"documents": [{"document_type": "trial-report"}],
              "arms": [{"label": "placebo", "n": 30, "role": "placebo"}, {"label": "drug", "n": 30, "role": "experimental"}]}
    gold = {"document_type": "trial-report",
            "arms": [{"label": "drug", "n": 30, "role": "experimental"}, {"label": "placebo", "n": 30, "role": "placebo"}]}
    s = score_document("d", "", tables, gold).scores
    assert (s["arm_n"].tp, s["arm_role"].tp, s["arm_role"].fp) == (2, 2, 0)
    tables["arms"][0]["role"] = "control"  # a wrong role is still wrong
    s = score_document("d", "", tables, gold).scores
    assert (s["arm_role"].tp, s["arm_role"].fp) == (1, 1)

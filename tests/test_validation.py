"""Validation before writing: bad rows are quarantined with the failed check, never dropped silently."""

import json

from extract.batch import build_tables
from extract.validate import validate_tables


def _with_row(seed_results, table, **changes):
    import dataclasses

    r = seed_results["001_bba381f05f320f33"]
    tables = build_tables([r])
    df = tables[table]
    for k, v in changes.items():
        df.loc[0, k] = v
    return tables, df.loc[0].to_dict()


def test_clean_seed_has_no_quarantine(seed_results):
    tables = build_tables(list(seed_results.values()))
    valid, q, report = validate_tables(tables)
    assert len(q) == 0 and report == []
    assert len(valid["statistics"]) == len(tables["statistics"])


def test_ci_not_bracketing_estimate_is_quarantined(seed_results):
    tables = build_tables([seed_results["001_bba381f05f320f33"]])
    st = tables["statistics"]
    k = st.index[st["estimate"].notna()][0]
    st.loc[k, "estimate"] = 5.7  # a lost minus sign: the CI -16.7..5.3 no longer brackets it... or -9.1..9.0 does
    st.loc[k, "ci_high"] = 1.0
    valid, q, report = validate_tables(tables)
    assert len(valid["statistics"]) == len(st) - 1
    (row,) = q.to_dict("records")
    assert row["table"] == "statistics" and "ci_brackets_estimate" in row["check"]
    assert json.loads(row["row"])["estimate"] == 5.7
    assert report[0]["count"] == 1


def test_p_above_one_and_bad_enum_are_quarantined(seed_results):
    tables = build_tables([seed_results["000_1333438261a421ab"]])
    tables["statistics"].loc[0, "p_value"] = 1.5
    tables["arms"].loc[0, "role"] = "winner"
    valid, q, _ = validate_tables(tables)
    checks = set(q["check"])
    assert any("less_than_or_equal_to" in c for c in checks)
    assert any("isin" in c for c in checks)
    assert len(valid["statistics"]) == 3 and len(valid["arms"]) == 1


def test_evidence_must_slice_the_text(seed_results):
    tables = build_tables([seed_results["000_1333438261a421ab"]])
    tables["endpoints"].loc[0, "evidence_text"] = "something else"
    tables["arms"].loc[1, "char_end"] = 10**7
    valid, q, _ = validate_tables(tables)
    assert set(q["check"]) == {"evidence_matches_text", "offsets_inside_text"}


def test_arm_larger_than_total_is_quarantined(seed_results):
    tables = build_tables([seed_results["000_1333438261a421ab"]])
    tables["arms"].loc[0, "n"] = 500
    _, q, _ = validate_tables(tables)
    assert list(q["check"]) == ["arm_n_le_total_enrolled"]

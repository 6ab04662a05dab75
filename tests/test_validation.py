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


def test_arrow_built_frames_equal_the_pandas_coerced_ones(seed_results):
    """`frames` builds tables with Arrow (fast); it must give exactly the DataFrames that pandas'
    value-by-value coercion gives, including NaN floats becoming nulls and the fallback for a row
    Arrow does not take as it is (a float in an integer column)."""
    import math

    import pandas as pd

    import schemas
    from extract.assemble import frames, frames_by_coercion
    from extract.batch import _rows

    rows = _rows(list(seed_results.values()))
    stats = rows["statistics"]
    assert stats and rows["arms"]
    stats[0]["estimate"] = math.nan  # NaN float -> null, as the writer always stored it
    rows["arms"][0]["n"] = str(rows["arms"][0]["n"] or 3)  # "30" in an Int64 column: Arrow refuses -> fallback
    a, b = frames(rows), frames_by_coercion(rows)
    for t in schemas.TABLE_ORDER:
        pd.testing.assert_frame_equal(a[t], b[t], check_exact=True)
    assert a["statistics"]["estimate"].isna().iloc[0]
    assert a["arms"]["n"].dtype == "Int64" and a["arms"]["n"].iloc[0] == int(rows["arms"][0]["n"])


def test_written_part_holds_exactly_the_valid_rows(seed_results, tmp_path):
    """write_batch writes the Arrow tables less the quarantined rows: same rows as validate_tables."""
    import pyarrow.parquet as pq

    import schemas
    from extract.batch import write_batch
    from extract.output import SnapshotWriter

    results = list(seed_results.values())
    valid, q, _ = validate_tables(build_tables(results))
    w = SnapshotWriter(tmp_path / "out").start()
    s = write_batch(results, w, "00000")
    for t in schemas.TABLE_ORDER:
        f = w.staging / t / f"part-{w.run_id}-00000.parquet"
        n = pq.read_table(f).num_rows if f.exists() else 0
        assert n == s.rows[t] == len(valid[t] if t != "quarantine" else q)

"""Flattened text tables: cells, headers, wrapped labels, row hierarchy."""

import pytest

from extract.extractors.tablerecords import parse_p_cell, parse_value
from extract.extractors.tables import Line, find_tables, parse_header, split_cells
from extract.parse.normalize import match_text


@pytest.mark.parametrize("line, label, cells", [
    ("Age (years) 67.0 ± 9.0 66.6 ± 8.1 0.834", "Age (years)", ["67.0 ± 9.0", "66.6 ± 8.1", "0.834"]),
    ("Gender (male) 44 (81.5) 24 (88.9) 0.528", "Gender (male)", ["44 (81.5)", "24 (88.9)", "0.528"]),
    ("Diabetes type 2 12 (22.2) 7 (25.9) 0.736", "Diabetes type 2", ["12 (22.2)", "7 (25.9)", "0.736"]),
    ("eGFR (mL/min/1.73 m2) 65.7 ± 18.2 69.4 ± 16.0 0.375", "eGFR (mL/min/1.73 m2)", ["65.7 ± 18.2", "69.4 ± 16.0", "0.375"]),
    ("Length of stay 5 [3–8] 6 [4–9] <0.001", "Length of stay", ["5 [3–8]", "6 [4–9]", "<0.001"]),
    ("1 (1.9) 1 (3.7) 1.000", "", ["1 (1.9)", "1 (3.7)", "1.000"]),
])
def test_split_cells(line, label, cells):
    got_label, got = split_cells(line, 3)
    assert got_label == label
    assert [line[a:b] for _, a, b in got] == cells


def test_headers():
    cols = parse_header(Line(0, 70, "Parameter ASC group (n = 54) Placebo group (n = 27) P-value"))
    assert [(c.role, c.arm_label, c.arm_n) for c in cols] == [("arm", "ASC group", 54), ("arm", "Placebo group", 27), ("pvalue", None, None)]
    cols = parse_header(Line(0, 60, " Baseline 3 months 6 months 12 months P-value overall"))
    assert [c.role for c in cols] == ["timepoint"] * 4 + ["pvalue"]
    assert parse_header(Line(0, 40, "The primary endpoint was the difference")) is None


@pytest.mark.parametrize("cell, expected", [
    ("67.0 ± 9.0", dict(mean=67.0, sd=9.0)),
    ("44 (81.5)", dict(count=44, percent=81.5)),
    ("5/54 (9.3)", dict(count=5, percent=9.3)),
    ("12 [8–15]", dict(median=12.0, q1=8.0, q3=15.0)),
])
def test_parse_value(cell, expected):
    got = {k: v for k, v in parse_value(cell).items() if v is not None}
    assert got == expected


@pytest.mark.parametrize("cell, expected", [("0.834", ("=", 0.834)), ("<0.001", ("<", 0.001)), ("1.000", ("=", 1.0)), ("12", None)])
def test_parse_p_cell(cell, expected):
    assert parse_p_cell(cell) == expected


SMALL = """Some text before.

Table 3 Outcomes at follow-up

Outcome Drug group (n = 40) Placebo group (n = 38) P-value

Primary outcomes:
Pain score 3.1 ± 1.0 4.2 ± 1.3 <0.001
Wound
infection
2 (5.0) 6 (15.8) 0.150

Note: values are mean ± SD or n (%).

More prose follows here and it is a long sentence that is not a table row at all.
"""


def test_small_table_end_to_end():
    (t,) = find_tables(SMALL, match_text(SMALL))
    assert (t.table_id, t.section) == ("Table 3", "outcome")
    assert [r.label for r in t.rows] == ["Pain score", "Wound infection"]
    assert {r.row_group for r in t.rows} == {"Primary outcomes"}
    assert "More prose" not in SMALL[t.start:t.end]
    assert "Note:" in SMALL[t.start:t.end]  # the footer belongs to the table

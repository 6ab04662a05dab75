"""Golden tests: the pipeline's rows for each seed equal the hand-verified expected rows.

Each golden row lists the fields it asserts; a pipeline row matches when all of them are equal
(floats to 1e-9). Every table must match one-to-one: no missing and no extra rows. Golden files
are written by hand from the documents; there is deliberately no switch that rewrites them from
pipeline output (that would turn verification into self-agreement).
"""

from __future__ import annotations

import json
import math

import pytest

from conftest import GOLDEN, SEEDS

TABLES = ["trials", "arms", "endpoints", "statistics", "measurements"]


def load_golden(name: str) -> dict:
    g = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    extra = GOLDEN / f"{name}.tables.json"
    if extra.exists():
        t = json.loads(extra.read_text(encoding="utf-8"))
        g["statistics"] = g.get("statistics", []) + t["statistics"]
        g["measurements"] = g.get("measurements", []) + t["measurements"]
    return g


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
    return a == b


def match_rows(expected: list[dict], actual: list[dict]) -> tuple[list[dict], list[dict]]:
    """Greedy one-to-one matching; returns (unmatched expected, unmatched actual)."""
    left = list(actual)
    missing = []
    for e in expected:
        hit = next((k for k, a in enumerate(left) if all(same(e[f], a.get(f)) for f in e)), None)
        if hit is None:
            missing.append(e)
        else:
            left.pop(hit)
    return missing, left


def describe(rows: list[dict], fields: set[str]) -> str:
    return "\n".join("  " + json.dumps({k: r.get(k) for k in sorted(fields) if k in r}, ensure_ascii=False) for r in rows[:12])


@pytest.mark.parametrize("name", SEEDS)
def test_document_row(name, seed_tables):
    g = load_golden(name)["document"]
    (row,) = seed_tables[name]["documents"]
    assert {k: row[k] for k in g} == g


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("name", SEEDS)
def test_golden_rows(name, table, seed_tables):
    expected = load_golden(name)[table]
    actual = seed_tables[name][table]
    missing, extra = match_rows(expected, actual)
    fields = set().union(*expected) if expected else set()
    msg = f"{name}/{table}: {len(expected)} expected, {len(actual)} extracted"
    if missing:
        msg += f"\nmissing ({len(missing)}):\n" + describe(missing, fields)
    if extra:
        msg += f"\nunexpected ({len(extra)}):\n" + describe(extra, fields or set(extra[0]))
    assert not missing and not extra, msg


def test_golden_files_cover_every_seed():
    for name in SEEDS:
        assert (GOLDEN / f"{name}.json").exists(), name


def test_seed_001_has_19_inline_pvalues_and_one_threshold(seed_tables):
    text_stats = [s for s in seed_tables["001_bba381f05f320f33"]["statistics"] if s["source"] == "text"]
    assert sum(1 for s in text_stats if s["p_text"] and not s["is_threshold"]) == 19
    assert [s["p_text"] for s in text_stats if s["is_threshold"]] == ["P-value of<0.05"]


def test_inclusion_criteria_are_not_pvalues(seed_tables):
    # 'Plasma NT-pro-BNP > 300 pg/mL (>35 pmol/L)' in Appendix A must not become a p-value
    for s in seed_tables["001_bba381f05f320f33"]["statistics"]:
        assert "BNP" not in (s["evidence_text"] or "")
        assert s["p_value"] is None or s["p_value"] <= 1


def test_enrolment_total_is_reported_as_written(seed_tables):
    t = seed_tables["000_1333438261a421ab"]
    assert t["trials"][0]["total_enrolled"] == 142
    assert sum(a["n"] for a in t["arms"]) == 134  # the text's arm sizes, not forced to the total


def test_split_result_points_at_its_pvalue(seed_results):
    """The body's 'P = 0.992' follows Table 2: the row's p offsets point at it, after the table."""
    r = seed_results["001_bba381f05f320f33"]
    row = next(s for s in r.statistics if s.estimate == 0.0 and "\n" not in s.evidence.evidence_text)
    ps, pe = r.meta["p_spans"][row.stat_id]
    assert r.text[ps:pe] == "P = 0.992"
    assert ps > r.text.index("Table 2 Serious adverse events")

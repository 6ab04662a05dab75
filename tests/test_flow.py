"""The ingestion flow as a flow (Prefect's test harness), its Parquet read back by other readers."""

from __future__ import annotations

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

import schemas
from conftest import SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """One flow run over the seeds plus bad files, shared by the tests in this module."""
    import shutil

    from conftest import CORPUS
    from flows.ingest import run_ingest

    base = tmp_path_factory.mktemp("flow")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.txt").write_bytes(b"\x00\x9f\x88binary\x00\x00" * 50)
    (corpus / "paper.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "abstract.html").write_text(
        "<html><head><title>Drug X trial</title><script>bad()</script></head><body>"
        "<p>Patients were randomized to drug X (n = 40) or placebo (n = 38). Pain fell more with drug X "
        "(mean difference -1.1, 95% CI -1.9 to -0.3; P = 0.008).</p></body></html>", encoding="utf-8")
    out = base / "out"
    summary = run_ingest([str(corpus)], str(out), workers=2)
    return corpus, out, summary


def test_summary_counts_every_file(run_dir):
    _, _, s = run_dir
    assert s["documents"] == len(SEEDS) + 4
    assert s["by_status"] == {"failed": 3, "ok": len(SEEDS) + 1}
    assert sum(s["quarantined"].values()) == 0
    assert {p["status"] for p in s["problems"]} == {"failed"}


def test_documents_rows_and_errors(run_dir):
    _, out, _ = run_dir
    docs = ds.dataset(out / "documents").to_table().to_pylist()
    by_name = {d["source_uri"].rsplit("/", 1)[-1]: d for d in docs}
    assert by_name["empty.txt"]["status"] == "failed" and "empty" in by_name["empty.txt"]["error"]
    assert by_name["junk.txt"]["status"] == "failed" and "binary" in by_name["junk.txt"]["error"]
    # a 15-byte 'PDF' is damaged: failed, with the reason
    pdf = by_name["paper.pdf"]
    assert (pdf["status"], pdf["source_format"]) == ("failed", "pdf")
    assert "cannot be opened, it is damaged or not a PDF" in pdf["error"]
    html = by_name["abstract.html"]
    assert (html["status"], html["source_format"], html["title"]) == ("ok", "html", "Drug X trial")
    assert all(d["source_uri"].startswith("/") for d in docs)
    assert {d["pipeline_version"] for d in docs} == {__import__("extract").PIPELINE_VERSION}


def test_good_documents_are_complete(run_dir, seed_results):
    """Bad files next to them do not remove or change the seeds' rows."""
    _, out, _ = run_dir
    stats = ds.dataset(out / "statistics").to_table().to_pandas()
    meas = ds.dataset(out / "measurements").to_table().to_pandas()
    for name, r in seed_results.items():
        assert (stats["doc_id"] == r.doc_id).sum() == len(r.statistics), name
        assert (meas["doc_id"] == r.doc_id).sum() == len(r.measurements), name


def test_html_document_extracted(run_dir):
    _, out, _ = run_dir
    docs = ds.dataset(out / "documents").to_table().to_pandas()
    doc_id = docs.loc[docs["source_format"] == "html", "doc_id"].item()
    arms = ds.dataset(out / "arms").to_table().to_pandas().query("doc_id == @doc_id")
    assert sorted(zip(arms["n"], arms["role"])) == [(38, "placebo"), (40, "experimental")]
    st = ds.dataset(out / "statistics").to_table().to_pandas().query("doc_id == @doc_id")
    (row,) = st.to_dict("records")
    assert (row["estimate"], row["ci_low"], row["ci_high"], row["p_value"]) == (-1.1, -1.9, -0.3, 0.008)


@pytest.mark.parametrize("table", schemas.TABLE_ORDER)
def test_three_readers_agree(run_dir, table):
    _, out, s = run_dir
    t = ds.dataset(out / table).to_table()
    assert t.schema.remove_metadata() == schemas.arrow_schema(table).remove_metadata()
    n_duck = duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/*.parquet')").fetchall()[0][0]
    n_polars = pl.scan_parquet(f"{out}/{table}/*.parquet").select(pl.len()).collect().item()
    assert t.num_rows == n_duck == n_polars == s["rows"][table]


def test_list_columns_read_as_lists(run_dir):
    _, out, _ = run_dir
    ids = duckdb.sql(f"select registry_ids from read_parquet('{out}/trials/*.parquet') where len(registry_ids) > 0").fetchall()
    assert ids == [(["NCT03092284", "2015-001560-19"],)]
    arm_ids = pl.read_parquet(f"{out}/statistics/*.parquet")["arm_ids"].explode().drop_nulls().unique().sort().to_list()
    assert arm_ids == ["a1", "a2"]


def test_curator_question_answered_from_tables(run_dir):
    """'What was the p-value of the primary endpoint at 6 months?' from the tables alone."""
    _, out, _ = run_dir
    rows = duckdb.sql(f"""
        select s.p_value from read_parquet('{out}/statistics/*.parquet') s
        join read_parquet('{out}/endpoints/*.parquet') e using (doc_id, endpoint_id)
        join read_parquet('{out}/trials/*.parquet') t using (doc_id)
        where t.acronym = 'ALLSTAR' and e.kind = 'primary' and s.timepoint = '6 months'
    """).fetchall()
    assert rows == [(0.63,)]


def _rows(out, t):
    """A table's rows as a sorted list (row order across part files is not part of the contract)."""
    import json

    rows = ds.dataset(out / t).to_table().drop_columns(["processed_at"] if t == "documents" else []).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_rerun_is_idempotent(run_dir):
    from flows.ingest import run_ingest

    corpus, out, first = run_dir
    before = {t: _rows(out, t) for t in schemas.TABLE_ORDER}
    second = run_ingest([str(corpus)], str(out), workers=2)
    assert second["rows"] == first["rows"]
    # the ok documents were reused unchanged, the failed ones retried (a failure may be transient)
    assert (second["reused"], second["extracted"]) == (len(SEEDS) + 1, 3)
    for t in schemas.TABLE_ORDER:
        assert _rows(out, t) == before[t], t
    assert not list((out / "_snapshots").glob(".tmp-*"))  # no temporary snapshot left behind
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".trialx.lock"]


def test_run_artifacts_exist(run_dir):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["trialx-documents", "trialx-validation"])))

    arts = asyncio.run(read())
    kinds = {(a.key, a.type) for a in arts}
    assert ("trialx-documents", "table") in kinds and ("trialx-validation", "markdown") in kinds
    md = next(a for a in arts if a.key == "trialx-validation").data
    assert "| statistics |" in md

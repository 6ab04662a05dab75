"""A folder of every bad and hostile input (tests/badcorpus.py) beside good documents, run through
the real flow: the run completes, every file has a row with the right status and message, the good
documents are complete, and the artifacts and summary list the failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import schemas
from badcorpus import expected, make_bad_corpus
from conftest import CORPUS

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    from flows.ingest import run_ingest

    base = tmp_path_factory.mktemp("robust")
    folder = base / "inbox"
    cases = make_bad_corpus(folder)
    for f in sorted(CORPUS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    out = base / "out"
    summary = run_ingest([str(folder)], str(out), workers=2)
    good = base / "good-out"
    good_summary = run_ingest([str(CORPUS)], str(good), workers=2)
    return folder, cases, out, summary, good, good_summary


def _docs(out: Path) -> dict[str, dict]:
    return {Path(d["source_uri"]).name: d for d in ds.dataset(out / "documents").to_table().to_pylist()}


def test_every_file_has_a_row_with_status_and_message(bad_run):
    folder, cases, out, summary, _, _ = bad_run
    docs = _docs(out)
    want = expected(cases, via="discover")
    by_bytes: dict[bytes, list[str]] = {}
    for name in sorted(want):
        p = folder / name
        if p.is_file():  # follows symlinks: a link read as a document counts with its target's bytes
            by_bytes.setdefault(p.read_bytes(), []).append(name)
    for name, (status, fragment) in want.items():
        # a symbolic link that is read is recorded under its target's path
        d = docs.get(name) or docs.get((folder / name).resolve().name)
        assert d is not None, name
        twins = by_bytes.get((folder / name).read_bytes(), []) if (folder / name).is_file() else []
        if status == "ok" and d["status"] == "skipped" and len(twins) > 1 and (folder / name).stat().st_size:
            assert "duplicate file: same content as" in d["error"], d["error"]  # same bytes as another input
            continue
        assert d["status"] == status, (name, d["status"], d["error"])
        assert fragment in (d["error"] or ""), (name, d["error"])
        assert "Traceback" not in (d["error"] or "")
    seeds = {f.name for f in CORPUS.glob("*.txt")}
    assert len(docs) == len(want) + len(seeds)  # no file without a row, no row without a file
    assert summary["documents"] == len(docs)


def test_good_documents_are_complete(bad_run):
    _, _, out, _, good, _ = bad_run
    seeds = {str(f.name) for f in CORPUS.glob("*.txt")}

    def seed_rows(folder: Path, table: str) -> list[str]:
        ids = {d["doc_id"] for n, d in _docs(folder).items() if n in seeds}
        t = ds.dataset(folder / table).to_table().to_pylist()
        return sorted(json.dumps({k: v for k, v in r.items() if k != "processed_at"}, sort_keys=True, default=str)
                      for r in t if r.get("doc_id") in ids)

    for table in schemas.TABLE_ORDER:
        if table == "documents":
            continue
        assert seed_rows(out, table) == seed_rows(good, table), table


def test_summary_lists_the_failures(bad_run):
    _, cases, out, summary, _, _ = bad_run
    listed = {Path(p["source_uri"]).name: p for p in summary["problems"]}
    for name, (status, _) in expected(cases, via="discover").items():
        if status != "ok":
            assert name in listed and listed[name]["status"] == status, name
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["by_status"] == summary["by_status"]

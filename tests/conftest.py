"""Shared fixtures: seed documents processed once per session, a Prefect test harness, paths."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).parent / "golden"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def records(df) -> list[dict]:
    """DataFrame rows as plain Python dicts (lists for list columns, None for missing)."""
    return json.loads(df.to_json(orient="records", date_format="iso"))


@pytest.fixture(scope="session")
def seed_results():
    from extract.pipeline import process_document

    return {name: process_document(CORPUS / f"{name}.txt") for name in SEEDS}


@pytest.fixture(scope="session")
def seed_tables(seed_results):
    from extract.batch import build_tables

    return {name: {t: records(df) for t, df in build_tables([r]).items()} for name, r in seed_results.items()}


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """Prefect's own test harness: a temporary database and server for flow tests."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def corpus_copy(tmp_path):
    """A private copy of the seed corpus that a test may add bad files to."""
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    return d

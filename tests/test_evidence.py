"""Every extracted value carries evidence that slices the canonical text exactly."""

import pytest

from conftest import SEEDS


@pytest.mark.parametrize("name", SEEDS)
def test_evidence_slices_text(name, seed_tables):
    (text_row,) = seed_tables[name]["texts"]
    text = text_row["text"]
    n = 0
    for table in ("trials", "arms", "endpoints", "statistics", "measurements"):
        for row in seed_tables[name][table]:
            assert 0 <= row["char_start"] <= row["char_end"] <= len(text)
            assert text[row["char_start"]:row["char_end"]] == row["evidence_text"], (table, row)
            assert row["evidence_text"].strip(), (table, row)
            n += 1
    for row in seed_tables[name]["statistics"]:
        if row["p_char_start"] is not None:
            p = text[row["p_char_start"]:row["p_char_end"]]
            assert p == (row["p_text"] or p)
    assert n > 0 or name.startswith("004")


def test_text_is_the_source_text(seed_tables):
    from conftest import CORPUS

    for name in SEEDS:
        (row,) = seed_tables[name]["texts"]
        assert row["text"] == (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def test_corpus_seeds_are_the_shared_seeds():
    from conftest import CORPUS, SHARED_SEEDS

    if not SHARED_SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    for p in SHARED_SEEDS.glob("*.txt"):
        assert (CORPUS / p.name).read_bytes() == p.read_bytes()

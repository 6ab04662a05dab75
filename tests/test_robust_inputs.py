"""Issue 7, per-file robustness: every bad, hostile or oddly encoded file gets a status and a
message in words (no traceback), and process_document never raises."""

import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from badcorpus import EXPECTED_TEXT, FORBIDDEN_TEXT, NOT_ON_DISK, expected, make_bad_corpus, text_pdf  # noqa: E402

from extract.discover import discover  # noqa: E402
from extract.pipeline import process_document, skipped_result  # noqa: E402
from extract.settings import Settings  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("robust") / "bad"
    return d, make_bad_corpus(d)


@pytest.fixture(scope="module")
def results(corpus):
    d, cases = corpus
    return {name: process_document(d / name, Settings()) for name in cases}


def _check(r, status, fragment, name):
    assert r.status == status, (name, r.status, r.error)
    if fragment:
        assert fragment in (r.error or ""), (name, r.error)
    else:
        assert r.error is None, (name, r.error)
    if r.error:
        assert "Traceback" not in r.error and "File \"" not in r.error, r.error


def test_every_case_has_its_status_and_message(corpus, results):
    d, cases = corpus
    for name, (status, fragment) in expected(cases, via="process").items():
        _check(results[name], status, fragment, name)


def test_a_run_over_the_folder_gives_the_same_statuses(corpus, results):
    """discover() decides the symlinks (it knows the input folder); the rest is read."""
    d, cases = corpus
    found = discover([d], Settings())
    assert {f.path.name for f in found} == set(cases)  # every file gets a row; hidden ones are not listed
    for f in found:
        r = skipped_result(f.path, f.skip_reason) if f.skip_reason else results[f.path.name]
        _check(r, *cases[f.path.name], f.path.name)


def test_decoded_text_survives(results):
    for name, needles in EXPECTED_TEXT.items():
        for s in needles:
            assert s in results[name].text, (name, s)
    for name, needles in FORBIDDEN_TEXT.items():
        for s in needles:
            assert s not in results[name].text, (name, s)


def test_vanished_and_unreadable_files(tmp_path, monkeypatch):
    r = process_document(tmp_path / "vanished.txt")
    _check(r, *NOT_ON_DISK["vanished.txt"], "vanished.txt")
    f = tmp_path / "locked.txt"
    f.write_text("A randomised trial.\n")
    real_open = os.open

    def deny(path, *a, **kw):
        if str(path) == str(f):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr(os, "open", deny)
    r = process_document(f)
    _check(r, "failed", "read: permission denied: the file cannot be read", "locked.txt")


def test_a_folder_or_a_pipe_named_like_a_document(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    _check(process_document(tmp_path / "folder.txt"), "failed", "read: this is a folder, not a file", "folder.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    t = time.time()
    _check(process_document(fifo), "failed", "not a regular file", "pipe.txt")  # refused, not waited on
    assert time.time() - t < 5


def test_size_limit_names_the_setting(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("A randomised trial of drug X.\n" * 100)
    r = process_document(f, Settings(max_file_bytes=1000))
    _check(r, "failed", "read: the file is 3000 bytes, over the limit of 0.0 MB (TRIALX_MAX_FILE_BYTES)", "big.txt")


def test_max_pages_is_fast_and_says_so(tmp_path):
    f = tmp_path / "long.pdf"
    f.write_bytes(text_pdf([[f"Page {k}: a randomised trial, line {k}."] for k in range(3000)]))
    t = time.time()
    r = process_document(f, Settings(max_pages=20))
    assert time.time() - t < 20
    _check(r, "partial", "parse: only the first 20 of 3000 pages were read (TRIALX_MAX_PAGES)", "long.pdf")
    assert r.n_pages == 20 and "Page 19:" in r.text and "Page 20:" not in r.text


def test_symlinks_when_asked(corpus):
    d, cases = corpus
    found = {f.path.name: f for f in discover([d], Settings(follow_symlinks=True))}
    assert found["link-outside.txt"].skip_reason is None and found["link-inside.txt"].skip_reason is None
    # a link named on the command line is read: the curator asked for it
    (f,) = discover([d / "link-outside.txt"], Settings())
    assert f.skip_reason is None


def test_deeply_nested_html(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 50_000 + "P = 0.04 in a trial" + "</div>" * 50_000 + "</body></html>")
    r = process_document(f)
    assert r.status in ("ok", "partial", "failed") and (r.status == "failed" or "P = 0.04" in r.text)

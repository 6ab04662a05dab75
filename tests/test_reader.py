"""Reading sources: encodings, HTML, bad files become clear errors naming the file."""

import pytest

from extract.errors import InputError
from extract.parse.normalize import flatten_exponent, match_text
from extract.parse.reader import read_document
from extract.pipeline import process_document
from extract.settings import Settings

TEXT = "Mean age 67.0 ± 9.0 years; CK-MB 3.0 μg/L; P ≤ 0.05\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    text = TEXT if encoding != "cp1252" else TEXT.replace("μ", "µ").replace("≤", "<=")
    f = tmp_path / "doc.txt"
    f.write_bytes(text.encode(encoding))
    doc = read_document(f, Settings())
    assert doc.text == text


def test_html_is_parsed_not_executed(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>A trial</title><script>alert('x')</script></head>"
                 "<body><h1>Results</h1><p>Arm A (n = 12) vs B (n = 14), P = 0.04.</p><style>p{}</style></body></html>")
    doc = read_document(f, Settings())
    assert doc.title == "A trial" and doc.source_format == "html"
    assert "alert" not in doc.text and "P = 0.04" in doc.text


@pytest.mark.parametrize("content, problem", [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary")])
def test_bad_text_files_fail_with_the_file_named(tmp_path, content, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_document(f, Settings())
    assert str(f.resolve()) in str(e.value) and problem in str(e.value)
    r = process_document(f)
    assert r.status == "failed" and problem in r.error


def test_damaged_pdf_fails_with_a_clear_message(tmp_path):
    """PDFs are read now (tests/test_pdf.py); one that cannot be opened is `failed`, not a crash."""
    f = tmp_path / "paper.pdf"
    f.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError) as e:
        read_document(f, Settings())
    assert str(f.resolve()) in str(e.value) and "cannot be opened" in str(e.value)
    r = process_document(f)
    assert r.status == "failed" and "the PDF is incomplete" in r.error and r.source_format == "pdf"
    assert r.error.startswith("read: ")
    f.write_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n")
    r = process_document(f)
    assert r.status == "failed" and "damaged or not a PDF" in r.error


def test_doc_id_is_derived_from_content(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("same text\n")
    b.write_text("same text\n")
    assert read_document(a, Settings()).doc_id == read_document(b, Settings()).doc_id
    b.write_text("other text\n")
    assert read_document(a, Settings()).doc_id != read_document(b, Settings()).doc_id


def test_match_text_keeps_length():
    s = "CI \ufffd9.1 to \u22122.0, p=0·55, P\u00a0<\u20090.05 \ufffdword"
    m = match_text(s)
    assert len(m) == len(s)
    assert "CI -9.1 to -2.0, p=0.55, P < 0.05" in m
    assert m.endswith("\ufffdword")  # U+FFFD only means minus before a digit


@pytest.mark.parametrize("s, expected", [
    ("100 × 106 ASCs", "100 × 10^6 ASCs"),
    ("1×10⁷ MSCs", "1 × 10^7 MSCs"),
    ("leucocytes <2 × 109/L", "leucocytes <2 × 10^9/L"),
])
def test_flatten_exponent(s, expected):
    assert flatten_exponent(s) == expected


def test_an_extractor_that_raises_makes_the_document_partial(monkeypatch):
    from conftest import CORPUS
    from extract.extractors import endpoints

    def boom(*a, **k):
        raise RuntimeError("endpoint rules broke")

    monkeypatch.setattr(endpoints, "extract_endpoints", boom)
    r = process_document(CORPUS / "000_1333438261a421ab.txt")
    assert r.status == "partial"
    assert r.error == "endpoints: RuntimeError: endpoint rules broke"
    assert r.endpoints == () and len(r.arms) == 2 and len(r.statistics) == 4  # the rest is kept


def test_abbreviation_detector_shared_by_threads_regression():
    """Two threads sharing one scispacy pipeline made documents `partial` (E109); each thread has its own."""
    from concurrent.futures import ThreadPoolExecutor

    from conftest import CORPUS

    files = sorted(CORPUS.glob("*.txt")) * 3
    with ThreadPoolExecutor(4) as ex:
        statuses = [(r.status, r.error) for r in ex.map(process_document, files)]
    assert statuses == [("ok", None)] * len(files)


def test_match_text_replaces_one_for_one_on_both_paths():
    """The ASCII fast path (only the tab changes) and the general path (minus signs, exotic spaces,
    a lost minus before a digit, a Lancet middle dot) give the per-character mapping, same length."""
    from extract.parse.normalize import match_text

    assert match_text("P = 0.03\tn = 4") == "P = 0.03 n = 4"
    s = "HR 0\u00b765 (\u22120.5\u2009to\u00a01.2)\tdose\u2011free \ufffd3 and \ufffdx \u00b7 2\u00b7x"
    want = "HR 0.65 (-0.5 to 1.2) dose-free -3 and \ufffdx \u00b7 2\u00b7x"
    out = match_text(s)
    assert out == want and len(out) == len(s)

"""PDF ingestion: real papers (tests/fixtures/pdf, see SOURCES.md there) and small PDFs built here.

The real PDFs are processed once per module; assertions name concrete cells of their tables, the
page they are on, and the evidence offsets into the canonical text.
"""

from __future__ import annotations

import ctypes
import io
import re
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.parse.reader import read_document
from extract.pipeline import process_document
from extract.settings import Settings

PDF_DIR = Path(__file__).parent / "fixtures" / "pdf"
BMJ = "bmj2015_h2145_LEAP_physical-activity-smoking-pregnancy_RCT.pdf"
PAGES = {
    "acl2020-main-447_S2ORC_results-tables.pdf": 15,
    "arxiv2305.03393v1_page9_results-table.pdf": 1,
    "bmc-anesthesiol2025_remimazolam-vs-propofol_retrospective-cohort.pdf": 11,
    "bmc-hsr2014_malawi-quality-improvement_situational-analysis.pdf": 10,
    BMJ: 10,
    "ctgov_NCT05049616_protocol_HCTZ-lisinopril-vs-nifedipine_pilot-RCT.pdf": 30,
    "jtmo2010_DVT-prophylaxis-trauma_systematic-review.pdf": 4,
}


@pytest.fixture(scope="module")
def results():
    return {name: process_document(PDF_DIR / name) for name in PAGES}


@pytest.fixture(scope="module")
def docs():
    return {name: read_document(PDF_DIR / name, Settings()) for name in PAGES}


def table(doc, table_id):
    return [t for t in doc.tables if t.table_id == table_id]


def meas(r, table_id, variable, arm_label=None, **kw):
    rows = [m for m in r.measurements if m.table_id == table_id and m.variable == variable
            and (arm_label is None or m.arm_label == arm_label)
            and all(getattr(m, k) == v for k, v in kw.items())]
    assert rows, f"no measurement {table_id} / {variable} / {arm_label} {kw}"
    return rows


def stat(r, table_id, variable, **kw):
    rows = [s for s in r.statistics if s.table_id == table_id and s.variable == variable
            and all(getattr(s, k) == v for k, v in kw.items())]
    assert rows, f"no statistic {table_id} / {variable} {kw}"
    return rows


# ---------------------------------------------------------------- all seven papers

def test_all_papers_ok_with_page_counts(results):
    for name, n in PAGES.items():
        r = results[name]
        assert (r.status, r.error, r.source_format, r.n_pages) == ("ok", None, "pdf", n), name
        assert r.n_chars > 2000, name


def test_evidence_slices_the_text_on_the_right_page(results, docs):
    """Every row of every table: evidence_text is text[char_start:char_end], on the page the
    offset falls on, and table rows carry a page."""
    for name, r in results.items():
        doc = docs[name]
        assert doc.text == r.text
        assert doc.page_starts[0] == 0 and list(doc.page_starts) == sorted(doc.page_starts)
        rows = [*r.trials, *r.arms, *r.endpoints, *r.statistics, *r.measurements]
        for row in rows:
            ev = row.evidence
            assert r.text[ev.char_start:ev.char_end] == ev.evidence_text, (name, row)
            assert ev.page == doc.page_of(ev.char_start) and 1 <= ev.page <= PAGES[name], (name, row)
        if doc.tables:  # all but the review excerpt (its four pages hold no table)
            assert r.measurements and all(m.evidence.page for m in r.measurements), name


def test_tables_found_with_captions_and_pages(docs):
    expect = {
        BMJ: {"Table 1": 5, "Table 2": 6, "Table 3": 7, "Table 4": 7, "Table 5": 8, "Table 6": 8},
        "acl2020-main-447_S2ORC_results-tables.pdf": {f"Table {k}": p for k, p in
                                                      [(1, 2), (2, 4), (3, 5), (4, 5), (5, 6), (6, 6), (7, 7), (8, 13), (9, 14)]},
        "arxiv2305.03393v1_page9_results-table.pdf": {"Table 1": 1},
        "bmc-anesthesiol2025_remimazolam-vs-propofol_retrospective-cohort.pdf": {"Table 1": 4, "Table 2": 7},
        "bmc-hsr2014_malawi-quality-improvement_situational-analysis.pdf": {"Table 1": 4, "Table 2": 5},
        "ctgov_NCT05049616_protocol_HCTZ-lisinopril-vs-nifedipine_pilot-RCT.pdf": {"Table 1": 5, "Table 2": 15},
        "jtmo2010_DVT-prophylaxis-trauma_systematic-review.pdf": {},
    }
    for name, want in expect.items():
        doc = docs[name]
        first_page = {}
        for t in doc.tables:
            first_page.setdefault(t.table_id, doc.page_of(t.start))
            assert doc.text[t.start:t.end].startswith(t.caption or ""), (name, t.table_id)
        assert first_page == want, name
    # a table continued over pages keeps its id: ctgov's Table 1 runs over pages 5-8
    ctgov = docs["ctgov_NCT05049616_protocol_HCTZ-lisinopril-vs-nifedipine_pilot-RCT.pdf"]
    assert [ctgov.page_of(t.start) for t in table(ctgov, "Table 1")] == [5, 6, 7, 8]


def test_table_text_does_not_leak_into_running_text(docs):
    doc = docs[BMJ]
    outside = list(doc.text)
    for t in doc.tables:
        outside[t.start:t.end] = " " * (t.end - t.start)
    outside = "".join(outside)
    for cell in ["27.2 (6.1)", "391, 210 (125-350)", "1.21 (0.70 to 2.10)", "76/357 (21)", "Compliance to interventions"]:
        assert cell in doc.text and cell not in outside, cell


# ---------------------------------------------------------------- the BMJ trial (Ussher 2015)

def test_bmj_design_arms_and_primary_outcome(results):
    r = results[BMJ]
    assert r.document_type == "trial-report"
    assert r.title == "Physical activity for smoking cessation in pregnancy: randomised controlled trial"
    (trial,) = r.trials
    assert (trial.randomized, trial.multicentre, trial.allocation_ratio, trial.registry_ids) == \
        (True, True, "1:1", ("ISRCTN48600346",))
    arms = {(a.label, a.role, a.n) for a in r.arms}
    assert arms == {("Physical activity group", "experimental", 391), ("Control group", "control", 393)}
    assert {a.evidence.page for a in r.arms} == {5}  # the baseline table's header
    (primary,) = [e for e in r.endpoints if e.kind == "primary"]
    assert primary.name.startswith("continuous smoking abstinence from the target quit date until end of pregnancy")
    assert primary.evidence.page == 1


def test_bmj_odds_ratios_with_ci_and_p_values(results):
    r = results[BMJ]
    # the abstract: 'odds ratio 1.21, 95% confidence interval 0.70 to 2.10' and 'P=0.023'
    text_or = [s for s in r.statistics if s.source == "text" and s.estimate == 1.21]
    assert text_or and text_or[0].estimate_type == "odds ratio" and (text_or[0].ci_low, text_or[0].ci_high) == (0.70, 2.10)
    assert text_or[0].evidence.page == 1
    assert any(s.p_value == 0.023 and s.p_operator == "=" and s.evidence.page == 1 for s in r.statistics)
    # Table 3: the primary outcome row, odds ratio with basic adjustment and fully adjusted
    v = "Self reported continuous abstinence at end of pregnancy with biochemical validation"
    (basic, full) = stat(r, "Table 3", v)
    assert (basic.estimate, basic.ci_low, basic.ci_high, basic.estimate_type, basic.ci_level) == (1.21, 0.70, 2.10, "odds ratio", 95.0)
    assert (full.estimate, full.ci_low, full.ci_high) == (1.37, 0.78, 2.41)
    assert basic.evidence.evidence_text == "1.21 (0.70 to 2.10)" and basic.evidence.page == 7
    assert basic.row_group == "Primary" and basic.comparison == "between-groups" and len(basic.arm_ids) == 2
    # Table 2: the relative change and its p-value in one row
    (wk1,) = stat(r, "Table 2", "No of weeks post-quit day", category="1")
    assert (wk1.estimate, wk1.ci_low, wk1.ci_high, wk1.p_operator, wk1.p_value, wk1.p_text) == (1.33, 1.14, 1.56, "<", 0.001, "<0.001")
    assert wk1.estimate_type == "relative change" and wk1.evidence.page == 6
    (eop,) = stat(r, "Table 2", "self reported weekly MVPA", timepoint="End of pregnancy")
    assert (eop.estimate, eop.p_value) == (1.25, 0.093)
    # Table 6: the caesarean odds ratio (its footnote mark stays outside the cell)
    (cs,) = stat(r, "Table 6", "Caesarean delivery")
    assert (cs.estimate, cs.ci_low, cs.ci_high, cs.evidence.evidence_text) == (0.67, 0.48, 0.95, "0.67 (0.48 to 0.95)")
    # a column of odds ratios that also holds mean differences: a negative estimate is not a ratio
    (bw,) = stat(r, "Table 6", "Birth weight")
    assert (bw.estimate, bw.ci_low, bw.ci_high, bw.estimate_type) == (-14.5, -104.52, 75.52, "mean difference")


def test_bmj_baseline_and_outcome_cells(results):
    r = results[BMJ]
    (age,) = meas(r, "Table 1", "Age", "Physical activity group")
    assert (age.value_text, age.mean, age.sd, age.unit, age.section, age.arm_id) == ("27.2 (6.1)", 27.2, 6.1, "years", "baseline", "a1")
    assert age.evidence.page == 5
    (cig,) = meas(r, "Table 1", "No of cigarettes smoked daily at randomisation", "Control group")
    assert (cig.median, cig.q1, cig.q3) == (10.0, 5.0, 15.0)
    (married,) = meas(r, "Table 1", "Married or living with partner", "Control group")
    assert (married.count, married.percent, married.arm_id) == (221, 56.0, "a2")
    parity = meas(r, "Table 1", "Parity", "Physical activity group")
    assert [(m.category, m.count, m.percent) for m in parity] == [("0-1", 317, 81.0), ("2-3", 67, 17.0), (">4", 7, 2.0)]
    # Table 3 outcome counts
    (pa,) = meas(r, "Table 3", "Self reported continuous abstinence 6 months after birth", "Physical activity group")
    assert (pa.count, pa.percent, pa.section, pa.row_group, pa.evidence.page) == (24, 6.0, "outcome", "Secondary", 7)
    # Table 4: arms under a two-level header ('EPDS score' over the arm names), timepoint rows
    (epds,) = meas(r, "Table 4", "EPDS score", "Physical activity group", timepoint="End of pregnancy")
    assert (epds.count, epds.mean, epds.sd, epds.value_text) == (189, 8.0, 4.9, "189, 8.0 (4.9)")
    # Table 6: events / total (percentage)
    (mis,) = meas(r, "Table 6", "Miscarriage", "Control group")
    assert (mis.value_text, mis.count, mis.percent, mis.section, mis.evidence.page) == ("10/389 (3)", 10, 3.0, "outcome", 8)


def test_bmj_table_structure(docs):
    doc = docs[BMJ]
    (t4,) = table(doc, "Table 4")
    assert [(c.header, c.role, c.arm_label) for c in t4.columns] == [
        ("EPDS score: Control group", "arm", "Control group"),
        ("EPDS score: Physical activity group", "arm", "Physical activity group"),
        ("β (difference between physical activity and control group) (95% CI)*", "effect", None)]
    (t1,) = table(doc, "Table 1")
    assert [(c.arm_label, c.arm_n) for c in t1.columns] == [("Physical activity group", 391), ("Control group", 393)]
    assert doc.text[t1.columns[0].start:t1.columns[0].end] == "Physical activity group (n=391)"
    (t3,) = table(doc, "Table 3")
    # a later table's own (n=392) stays in its header; the arm's size is the baseline table's
    assert [(c.role, c.arm_n) for c in t3.columns] == [("arm", None), ("arm", 393), ("effect", None), ("effect", None)]
    row = t3.rows[0]
    assert doc.text[row.label_start:row.label_end] == row.label
    assert [c.text for c in row.cells] == ["30 (8)", "25 (6)", "1.21 (0.70 to 2.10)", "1.37 (0.78 to 2.41)"]
    assert all(doc.text[c.start:c.end] == c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_bmj_running_text_in_reading_order(docs):
    text = docs[BMJ].text
    # page 1: the abstract's left column runs on into its right column
    assert re.search(r"95% confidence interval 0\.70 to 2\.10\)\. For the physical\n+activity group compared", text)
    # line-end hyphenation repaired, real compounds kept, ligatures expanded
    assert "congenital abnormalities,\nand neonatal" in text
    assert "Again in non-pregnant\nsmokers" in text and "ﬁ" not in text and "significant" in text
    # superscript citations do not merge into the numbers before them
    assert "death.¹⁻³ In most" in text
    # running headers, footers and page numbers are gone
    assert "RESEARCH" not in text and "the bmj |" not in text and not re.search(r"^\d{1,2}$", text, re.M)
    # text drawn inside figures (flow chart boxes, axis labels) is not running text
    assert "(n=8096)" not in text and "Visit time\n" not in text
    assert "Fig 1 | Flow of participants through trial" in text


# ---------------------------------------------------------------- the other papers' tables

def test_cohort_and_methods_papers_tables(results, docs):
    r = results["bmc-anesthesiol2025_remimazolam-vs-propofol_retrospective-cohort.pdf"]
    (age,) = meas(r, "Table 1", "Age", "Remimazolam Group")
    assert (age.value_text, age.mean, age.sd, age.unit, age.evidence.page) == ("46.2±8.5", 46.2, 8.5, "years", 4)
    assert {(a.label, a.n) for a in r.arms} >= {("Remimazolam Group", 2391), ("Propofol Group", 2017)}
    (p,) = stat(r, "Table 1", "Age")
    assert (p.p_operator, p.p_value, p.evidence.page) == ("=", 0.83, 4)
    (hyp,) = stat(r, "Table 2", "Hypotension")
    assert (hyp.p_operator, hyp.p_value) == ("<", 0.05)
    (h,) = meas(r, "Table 2", "Hypotension", "Remimazolam Group")
    assert (h.percent, h.unit) == (14.0, "%")

    r = results["bmc-hsr2014_malawi-quality-improvement_situational-analysis.pdf"]
    (yes,) = meas(r, "Table 1", "Privacy given", category="Yes (%)")
    assert (yes.value_text, yes.percent, yes.evidence.page) == ("99", 99.0, 4)

    r = results["acl2020-main-447_S2ORC_results-tables.pdf"]
    (pdfs,) = meas(r, "Table 3", "Papers w/ PDF")
    assert (pdfs.value_text, pdfs.evidence.page) == ("28.9M (35.6%)", 5)
    scibert = [m for m in r.measurements if m.table_id == "Table 5" and m.value_text == "90.41 ± 0.06"]
    assert scibert and (scibert[0].mean, scibert[0].sd, scibert[0].evidence.page) == (90.41, 0.06, 6)

    r = results["arxiv2305.03393v1_page9_results-table.pdf"]
    teds = [m for m in r.measurements if m.table_id == "Table 1" and m.category == "TEDs: simple"]
    assert [m.value_text for m in teds] == ["0.965", "0.969", "0.938", "0.952", "0.923", "0.945", "0.952", "0.944"]
    (t,) = docs["arxiv2305.03393v1_page9_results-table.pdf"].tables
    assert [c.header for c in t.columns][:4] == ["# dec-layers", "Language", "TEDs: simple", "TEDs: complex"]
    # multirow cells ('6' spanning the OTSL and HTML rows) are shared by both rows
    assert [r.label for r in t.rows] == ["6", "6", "4", "4", "2", "2", "4", "4"]

    ctgov = docs["ctgov_NCT05049616_protocol_HCTZ-lisinopril-vs-nifedipine_pilot-RCT.pdf"]
    (t2,) = table(ctgov, "Table 2")
    assert [r.label for r in t2.rows] == ["Extended release Nifedipine", "Lisinopril/Hydrochlorothiazide"]
    assert [c.header for c in t2.columns] == ["Initial dose", "Dosing adjustment", "Maximum dose/day"]


# ---------------------------------------------------------------- small PDFs built here

def _text_obj(pdf, page, s: str, x: float, y: float, size: float = 10) -> float:
    """Put `s` at (x, y) in Helvetica; returns its right edge."""
    import pypdfium2.raw as R

    obj = R.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size))
    buf = ctypes.create_string_buffer((s + "\x00").encode("utf-16-le"))
    R.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(R.FPDF_WCHAR)))
    R.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    R.FPDFPage_InsertObject(page.raw, obj)
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    R.FPDFPageObj_GetBounds(obj, l, b, r, t)
    return r.value


def _build(pages) -> bytes:
    """pages: one callable per page, called with (pdf, page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    pdf = pdfium.PdfDocument.new()
    for fill in pages:
        page = pdf.new_page(595, 842)
        fill(pdf, page)
        R.FPDFPage_GenerateContent(page.raw)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _two_column_page(k: int):
    def fill(pdf, page):
        _text_obj(pdf, page, "Journal of Synthetic Tests 2024;12:345", 50, 805, 8)  # running header
        _text_obj(pdf, page, f"Page {k} of 3", 270, 30, 8)  # footer
        for i in range(24):  # a line-number gutter
            _text_obj(pdf, page, str(24 * (k - 1) + i + 1), 22, 700 - 14 * i, 7)
        left = [f"Page {k} left column begins. Patients had congenital abnormali-",
                "ties and were followed for a year in this study.",
                "Each patient received a dose of 100 \u00d7 10"]
        y = 700
        for line in left:
            right = _text_obj(pdf, page, line, 50, y)
            y -= 14
        _text_obj(pdf, page, "6", right + 0.5, y + 14 + 4, 6)  # superscript exponent
        _text_obj(pdf, page, "cells, and the left column ends with this line.", 50, y)
        for i, line in enumerate([f"Page {k} right column continues the text.", "It has a second line too."]):
            _text_obj(pdf, page, line, 320, 700 - 14 * i)
    return fill


def test_two_columns_headers_line_numbers_hyphens_exponents(tmp_path):
    f = tmp_path / "synthetic.pdf"
    f.write_bytes(_build([_two_column_page(k) for k in (1, 2, 3)]))
    doc = read_document(f, Settings())
    assert doc.n_pages == 3 and doc.source_format == "pdf"
    t = doc.text
    for k in (1, 2, 3):
        start = doc.page_starts[k - 1]
        assert t.index(f"Page {k} left column begins", start) < t.index(f"Page {k} right column continues", start)
        assert doc.page_of(t.index(f"Page {k} right column")) == k
    assert "congenital abnormalities\nand were followed" in t  # soft hyphen at the line end repaired
    assert "dose of 100 × 10^6\ncells" in t  # the raised exponent, not '106'
    assert "Journal of Synthetic" not in t and "Page 1 of 3" not in t
    assert not re.search(r"^\d+$", t, re.M)  # line numbers gone


def _image_page(pdf, page):
    import pypdfium2 as pdfium
    from PIL import Image

    img = pdfium.PdfImage.new(pdf)
    img.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 80), "white")))
    img.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(img)


def test_scanned_page_is_recorded_and_document_partial(tmp_path):
    f = tmp_path / "half-scanned.pdf"
    f.write_bytes(_build([lambda pdf, page: _text_obj(pdf, page, "A randomised trial of something useful.", 72, 700),
                          _image_page]))
    r = process_document(f)
    assert (r.status, r.n_pages) == ("partial", 2)
    assert r.error == "parse: 1 of 2 pages have no text layer (scanned images?): page 2; their text is missing (no OCR)"
    assert "randomised trial" in r.text


def test_pdf_without_text_layer_fails(tmp_path):
    f = tmp_path / "scanned.pdf"
    f.write_bytes(_build([_image_page, _image_page]))
    with pytest.raises(InputError):
        read_document(f, Settings())
    r = process_document(f)
    assert r.status == "failed" and "no text layer on any of its 2 pages" in r.error and "OCR is not supported" in r.error


def test_encrypted_pdf_fails_with_a_clear_message(tmp_path):
    """A PDF that needs a user password (its /Encrypt entry does not accept the empty one)."""
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
            b"4 0 obj<</Filter/Standard/V 1/R 2/O<" + b"11" * 32 + b">/U<" + b"22" * 32 + b">/P -4>>endobj\n")
    offsets, pos = [], 9
    for line in body.split(b"\n")[1:-1]:
        offsets.append(pos)
        pos += len(line) + 1
    xref = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = (b"trailer<</Size 5/Root 1 0 R/Encrypt 4 0 R/ID[<" + b"ab" * 16 + b"><" + b"ab" * 16 + b">]>>\n"
               b"startxref\n%d\n%%%%EOF\n" % len(body))
    f = tmp_path / "locked.pdf"
    f.write_bytes(body + xref + trailer)
    r = process_document(f)
    assert r.status == "failed" and r.error == "read: the PDF is encrypted and needs a password to open; file not read"


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n" + b"\x00garbage" * 40, b"not a pdf at all\n" * 10])
def test_broken_pdfs_fail_never_crash(tmp_path, content):
    f = tmp_path / "broken.pdf"
    f.write_bytes(content)
    r = process_document(f)
    assert r.status == "failed" and r.error.startswith("read: ") and r.source_format == "pdf"


def test_threads_share_pdfium_safely(results):
    """pdfium is not thread-safe; concurrent documents (the flow's thread pool) go through a lock."""
    names = [BMJ, "bmc-anesthesiol2025_remimazolam-vs-propofol_retrospective-cohort.pdf"] * 2
    with ThreadPoolExecutor(4) as ex:
        docs = list(ex.map(lambda n: read_document(PDF_DIR / n, Settings()), names))
    for n, d in zip(names, docs):
        assert d.text == results[n].text


def test_long_pdf_memory_stays_bounded(tmp_path):
    """Pages are closed as they are read: a 300-page PDF holds one page at a time, so its peak
    memory is close to that of a 30-page one (the text itself aside)."""
    def page(pdf, pg):
        for i in range(12):
            _text_obj(pdf, pg, f"Line {i} of a long report with some words to read in it.", 60, 780 - 18 * i)

    short, long_ = tmp_path / "short.pdf", tmp_path / "long.pdf"
    short.write_bytes(_build([page] * 30))
    long_.write_bytes(_build([page] * 300))
    peaks = []
    for f in (short, long_):
        tracemalloc.start()
        doc = read_document(f, Settings())
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert doc.n_pages in (30, 300)
    # what may grow: the text itself and one small line object per line of the 270 extra pages;
    # holding all pages' glyphs (about 700 per page, ~150 bytes each) would add ~28 MB
    text_growth = 270 * 12 * (60 * 4 + 400)
    assert peaks[1] - peaks[0] < text_growth + 3_000_000, peaks


def test_table_without_any_rule(tmp_path):
    """A captioned table drawn with whitespace only (no rule at all): cells, arms and p-values."""
    rows = [("Characteristic", "Drug group (n = 40)", "Placebo group (n = 38)", "P value"),
            ("Age, years", "54.2 ± 8.1", "55.0 ± 7.9", "0.62"),
            ("Women", "18 (45.0)", "20 (52.6)", "0.51"),
            ("Pain score", "3.1 ± 1.0", "4.2 ± 1.3", "<0.001")]

    def fill(pdf, page):
        _text_obj(pdf, page, "Methods. Patients were randomized to the drug or to placebo in a 1:1 ratio.", 72, 760)
        _text_obj(pdf, page, "Table 1 Baseline characteristics and outcome", 72, 720)
        for i, row in enumerate(rows):
            for x, cell in zip((72, 220, 340, 470), row):
                _text_obj(pdf, page, cell, x, 690 - 16 * i)
        _text_obj(pdf, page, "Results. The pain score fell more with the drug than with placebo in this trial.", 72, 600)

    f = tmp_path / "plain-table.pdf"
    f.write_bytes(_build([fill]))
    doc = read_document(f, Settings())
    (t,) = doc.tables
    assert (t.table_id, t.caption, t.layout) == ("Table 1", "Table 1 Baseline characteristics and outcome", "columns-are-arms")
    assert [(c.role, c.arm_label, c.arm_n) for c in t.columns] == [
        ("arm", "Drug group", 40), ("arm", "Placebo group", 38), ("pvalue", None, None)]
    assert [r.label for r in t.rows] == ["Age, years", "Women", "Pain score"]
    assert "Results. The pain score" in doc.text[t.end:]  # the paragraph after it is running text
    r = process_document(f)
    (pain,) = [s for s in r.statistics if s.source == "table" and s.variable == "Pain score"]
    assert (pain.p_operator, pain.p_value, pain.evidence.evidence_text) == ("<", 0.001, "<0.001")
    (age,) = [m for m in r.measurements if m.variable == "Age" and m.arm_label == "Drug group"]
    assert (age.mean, age.sd, age.unit) == (54.2, 8.1, "years")


def test_table_values_carry_id_caption_page_and_arm():
    """Issue 4: table values land in measurements with table_id, caption, page and the arm per column."""
    from extract.batch import build_tables
    from extract.pipeline import process_document

    r = process_document(PDF_DIR / "bmj2015_h2145_LEAP_physical-activity-smoking-pregnancy_RCT.pdf")
    m = build_tables([r])["measurements"]
    t1 = m[m["table_id"] == "Table 1"]
    assert len(t1) > 0
    (caption,) = set(t1["table_caption"])
    assert caption.startswith("Table 1") and "Baseline characteristics, according to study group" in caption
    assert set(t1["page"]) == {5}
    assert set(t1["arm_id"].dropna()) == {"a1", "a2"}

"""The curator review page (`trialx report`): values, evidence highlighting at the right offsets,
escaping of hostile documents, and a real headless Chromium that renders the page, highlights a
chosen value's evidence, runs none of a document's scripts and takes a screenshot."""

from __future__ import annotations

import html as htmlmod
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CORPUS

TRIALX = str(Path(sys.executable).with_name("trialx"))

HOSTILE_NAME = '+evil"<b>x.txt'  # '+' sorts before the seed files: the hostile document is the first section
HOSTILE = """Drug X versus placebo in <script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script> heart failure: a randomised, double-blind trial

Background: We tested "><img src=x onerror="document.title='PWNED2'"> and </pre></details><script>alert(1)</script> in adults.
Methods: In this double-blind, placebo-controlled trial (NCT01234567), a total of 120 patients were randomly assigned to drug X (n = 60) or placebo (n = 60). The primary endpoint was change in <b>6-minute walk distance</b> at 12 weeks.
Results: Walk distance improved more with drug X than with placebo (mean difference 25 m, 95% CI 10 to 40; P < 0.001). Adverse events were similar (p = 0.45) & <i>rare</i>.
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def report_out(tmp_path_factory):
    """A real output folder (seed corpus + a hostile document + an empty file) and its report."""
    from extract.batch import validate_and_write
    from extract.pipeline import process_document
    from extract.report import write_report

    root = tmp_path_factory.mktemp("report")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"")
    out = root / "out"
    results = [process_document(p) for p in sorted(corpus.iterdir())]
    validate_and_write(results, out)
    page = write_report(out)
    return out, page


def _read(out: Path, table: str) -> list[dict]:
    from extract.report import _read_table

    return _read_table(out, table) or []


def _hostile_id(out: Path) -> str:
    return next(d["doc_id"] for d in _read(out, "documents") if d["source_uri"].endswith(HOSTILE_NAME))


class TextMarks(HTMLParser):
    """Rebuilds each document's text from the page and records which characters each evidence key marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doc = None
        self.in_pre = False
        self.texts: dict[str, list[str]] = {}
        self.pos: dict[str, int] = {}
        self.marks: dict[tuple[str, str], list[int]] = {}  # (doc, key) -> character offsets
        self.anchors: dict[str, tuple[str, str, int]] = {}  # fragment id -> (doc, key, offset)
        self.stack: list[list[str]] = []
        self.details = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details":
            self.details += 1
            self.doc = a["id"][len("doc-"):]
        elif tag == "pre" and "text" in (a.get("class") or ""):
            self.in_pre = True
            self.texts[self.doc] = []
            self.pos[self.doc] = 0
        elif self.in_pre and tag == "mark":
            self.stack.append(a["data-ev"].split())
        elif self.in_pre and tag == "a" and a.get("class") == "ea":
            self.anchors[a["id"]] = (self.doc, a["data-k"], self.pos[self.doc])

    def handle_endtag(self, tag):
        if tag == "pre" and self.in_pre:
            self.in_pre = False
        elif self.in_pre and tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_pre:
            return
        p = self.pos[self.doc]
        for keys in self.stack:
            for k in keys:
                self.marks.setdefault((self.doc, k), []).extend(range(p, p + len(data)))
        self.texts[self.doc].append(data)
        self.pos[self.doc] = p + len(data)


@pytest.fixture(scope="module")
def parsed(report_out):
    out, page = report_out
    p = TextMarks()
    p.feed(page.read_text(encoding="utf-8"))
    return p


# --------------------------------------------------------------------------- unit tests


def test_page_lists_every_document_with_values(report_out):
    out, page = report_out
    s = page.read_text(encoding="utf-8")
    docs = _read(out, "documents")
    assert len(docs) == len(list(CORPUS.glob("*.txt"))) + 2
    assert s.count('<details class="doc') == len(docs)
    for d in docs:
        assert f'id="doc-{d["doc_id"]}"' in s
        assert htmlmod.escape(Path(d["source_uri"]).name) in s
    # the failed document is prominent: listed at the top with its error, its section marked
    assert '<section id="problems">' in s
    problems = s[s.index('<section id="problems">'):s.index("</section>")]
    assert "broken.txt" in problems and "the file is empty" in problems and "st-failed" in problems
    # values of every table appear, each linked to its evidence anchor
    for t, key in (("arms", "arm_id"), ("endpoints", "endpoint_id"), ("statistics", "stat_id")):
        rows = _read(out, t)
        assert rows, t
        for r in rows[:50]:
            assert f'href="#ev-{t}-{r["doc_id"]}-{r[key]}"' in s
    allstar = next(r for r in _read(out, "trials") if r["acronym"] == "ALLSTAR")
    assert f'<a href="#ev-trials-{allstar["doc_id"]}">ALLSTAR</a>' in s
    assert f'<a href="#ev-trials-{allstar["doc_id"]}">142</a>' in s
    meas = _read(out, "measurements")
    assert meas and f'href="#ev-measurements-{meas[0]["doc_id"]}-m1">{htmlmod.escape(meas[0]["value_text"])}</a>' in s
    # p-values and effects with CIs
    assert ">mean difference 25 (95% CI 10 to 40)</a>" in s and ">P &lt; 0.001</a>" in s


def test_text_is_rebuilt_exactly_and_evidence_marked_at_its_offsets(report_out, parsed):
    out, _ = report_out
    texts = {r["doc_id"]: r["text"] for r in _read(out, "texts")}
    for doc_id, text in texts.items():
        assert "".join(parsed.texts[doc_id]) == text  # escaping and marks lose or add no character
    checked = 0
    for t, key in (("trials", None), ("arms", "arm_id"), ("endpoints", "endpoint_id"), ("statistics", "stat_id"),
                   ("measurements", None)):
        counter: dict[str, int] = {}
        for r in _read(out, t):
            d = r["doc_id"]
            counter[d] = counter.get(d, 0) + 1
            k = "t" if t == "trials" else (r[key] if key else f"m{counter[d]}")
            frag = f"ev-{t}-{d}" if t == "trials" else f"ev-{t}-{d}-{k}"
            doc, k2, pos = parsed.anchors[frag]
            assert (doc, k2, pos) == (d, k, r["char_start"]), frag
            marked = parsed.marks.get((d, k), [])
            assert marked == list(range(r["char_start"], r["char_end"])), frag
            assert "".join(texts[d][i] for i in marked) == r["evidence_text"]
            checked += 1
    assert checked > 300


def test_hostile_document_is_escaped(report_out, parsed):
    out, page = report_out
    s = page.read_text(encoding="utf-8")
    assert s.count("<script") == 1  # the page's own script only
    assert "<img" not in s and "<i>" not in s and "<b>6-minute" not in s
    assert "onerror=" not in s.replace("onerror=&quot;", "")  # only as escaped text
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;" in s
    assert "&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(1)" in s
    assert htmlmod.escape(HOSTILE_NAME) in s and HOSTILE_NAME not in s
    # the document's text survives escaping exactly, and the statistic whose evidence holds '<' is marked
    hid = _hostile_id(out)
    assert "".join(parsed.texts[hid]) == HOSTILE
    stat = next(r for r in _read(out, "statistics") if r["doc_id"] == hid and r["p_text"] == "P < 0.001")
    marked = parsed.marks[(hid, stat["stat_id"])]
    assert HOSTILE[marked[0]:marked[-1] + 1] == stat["evidence_text"] and "<" in stat["evidence_text"]
    # no element was injected: one details per document, one pre per document with text
    assert parsed.details == len(_read(out, "documents"))
    # the only script allowed to run is the page's own (Content-Security-Policy by hash)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', s).group(1)
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'$", csp) and "default-src 'none'" in csp


def test_synthetic_tables_bad_offsets_quarantine_and_long_text():
    from extract.report import MAX_TEXT_CHARS, render

    long = "x" * (MAX_TEXT_CHARS + 50_000)
    long = long[:150_000] + "the <evidence> here" + long[150_000:]
    tables = {t: [] for t in ("documents", "texts", "trials", "arms", "endpoints", "statistics", "measurements", "quarantine")}
    tables["documents"] = [
        dict(doc_id="d1", source_uri="/c/a.txt", status="partial", error="tables: <oops> & more", document_type="other"),
        dict(doc_id="d2", source_uri="/c/big.pdf", status="ok", error=None, n_pages=3000),
        dict(doc_id="d3", source_uri="/c/z.tsv", status="skipped", error="read: unsupported file type '.tsv'"),
    ]
    tables["texts"] = [dict(doc_id="d1", text="short text"), dict(doc_id="d2", text=long)]
    tables["arms"] = [
        dict(doc_id="d1", arm_id="a1", label="A", role="experimental", n=5, evidence_text="zzz", char_start=3, char_end=99),
        dict(doc_id="d2", arm_id="a1", label="B", role="control", n=7, evidence_text="the <evidence> here",
             char_start=150_000, char_end=150_019, page=1200),
    ]
    tables["quarantine"] = [dict(table="statistics", doc_id="d1", check="ci_brackets_estimate", column=None,
                                 row='{"stat_id": "s9", "estimate": 5.0, "ci_low": 1, "ci_high": 2, "evidence_text": "short",'
                                     ' "char_start": 0, "char_end": 5}')]
    s = render(Path("/o"), tables)
    assert "evidence offsets 3-99 lie outside the text (10 characters)" in s
    assert 'href="#ev-arms-d1-a1"' not in s  # no link to a span that is not there
    assert "tables: &lt;oops&gt; &amp; more" in s and "unsupported file type" in s
    assert 'id="ev-quarantine-d1-q1"' in s and "ci_brackets_estimate" in s
    # the long text is shown as excerpts around its evidence, the rest said to be left out
    assert 'id="ev-arms-d2-a1"' in s and '<mark data-ev="a1">the &lt;evidence&gt; here</mark>' in s
    assert "characters not shown" in s and len(s) < 20_000
    assert "p.1200" in s
    assert "no text (the document was not read)" in s


def test_cli_report_and_missing_tables(report_out, tmp_path):
    out, _ = report_out
    dest = tmp_path / "r" / "page.html"
    p = subprocess.run([TRIALX, "report", str(out), "--html", str(dest)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert dest.stat().st_size > 10_000 and "Review page written to" in p.stdout
    empty = tmp_path / "empty-out"
    empty.mkdir()
    p = subprocess.run([TRIALX, "report", str(empty)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert str(empty) in " ".join(p.stderr.split()).replace(" /", "/") and "no trialx tables" in p.stderr
    assert not (empty / "report.html").exists()


def test_reads_tables_through_symlinked_folders(report_out, tmp_path):
    """DIR/<table> may be a symlink to a snapshot folder."""
    from extract.report import write_report

    out, _ = report_out
    snap = tmp_path / "snapshots" / "s1"
    snap.mkdir(parents=True)
    linked = tmp_path / "linked"
    linked.mkdir()
    for t in ("documents", "texts", "trials", "arms", "endpoints", "statistics", "measurements", "quarantine"):
        shutil.copytree(out / t, snap / t)
        (linked / t).symlink_to(snap / t, target_is_directory=True)
    page = write_report(linked)
    assert page == linked / "report.html"
    assert page.read_text(encoding="utf-8").count('<details class="doc') == len(_read(out, "documents"))


# --------------------------------------------------------------------------- real browser


def _chromium() -> str:
    exe = shutil.which("chromium")
    if exe:
        return exe
    if os.environ.get("TRIALX_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is not on PATH but TRIALX_REQUIRE_BROWSER=1 (install the Debian package `chromium`)")
    pytest.skip("chromium is not on PATH (apt-get install chromium); set TRIALX_REQUIRE_BROWSER=1 to fail instead")


def _browser(exe: str, tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           f"--user-data-dir={tmp_path / ('chromium-' + name)}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)))


def test_chromium_renders_highlights_evidence_and_runs_no_document_script(report_out, tmp_path):
    exe = _chromium()
    out, page = report_out
    hid = _hostile_id(out)
    stat = next(r for r in _read(out, "statistics") if r["doc_id"] == hid and r["p_text"] == "P < 0.001")
    frag = f"ev-statistics-{hid}-{stat['stat_id']}"
    url = f"{page.resolve().as_uri()}#{frag}"

    p = _browser(exe, tmp_path, "dom", "--virtual-time-budget=3000", "--dump-dom", url)
    assert p.returncode == 0, p.stderr[-2000:]
    dom = p.stdout
    # it rendered: every document's section is in the DOM, and the page's own script ran
    assert dom.count('<details class="doc') == len(_read(out, "documents"))
    assert f'data-target="{frag}"' in dom
    # the chosen value's evidence is highlighted, and its document opened
    hl = re.findall(r'<mark data-ev="[^"]*" class="hl">(.*?)</mark>', dom, re.S)
    assert htmlmod.unescape("".join(hl)) == stat["evidence_text"]
    assert re.search(rf'<details class="doc" id="doc-{hid}" data-status="ok" open="">', dom)
    assert f'<tr data-k="{stat["stat_id"]}" class="cur">' in dom
    # no script of the document ran: the title is the page's, nothing was added or set
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert title.startswith("trialx review") and "PWNED" not in title
    assert "data-pwned" not in dom.replace("data-pwned&#x27;", "").replace("data-pwned'", "")
    assert "<img" not in dom and dom.count("<script") == 1

    shot = tmp_path / "report.png"
    p = _browser(exe, tmp_path, "shot", f"--screenshot={shot}", "--window-size=1280,2000", "--virtual-time-budget=3000", url)
    assert p.returncode == 0, p.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (1280, 2000)
        colours = im.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is None or len(colours) > 50  # text, tables and the highlight, not a blank page
        # the highlight colour (#ffd33d) is on screen
        assert any(c[1] == (0xFF, 0xD3, 0x3D) for c in (colours or [])) or colours is None


def test_sections_rendered_ahead_give_the_same_page_as_a_full_render(tmp_path, monkeypatch):
    """A run renders each batch's sections while the next batches are extracted, and the commit
    only orders them; its page must be the page rendered from the published tables, byte for byte,
    also on a second run in which unchanged documents' rows are carried over (rendered at the
    commit) and a failed document sits in a batch of its own. No pre-rendered file is published."""
    import json

    import extract.report as report
    from extract.batch import run_library
    from extract.report import SECTIONS, read_tables, render
    from extract.settings import Settings

    loaded: list[int] = []
    real_load = report.load_sections
    monkeypatch.setattr(report, "load_sections", lambda folder: loaded.append(len(r := real_load(folder))) or r)

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus / "extra.txt").write_text("A randomised trial of drug X (n = 20) versus placebo (n = 21). P = 0.03.\n")
    out = tmp_path / "out"
    settings = Settings(batch_docs=2)  # several parts
    for round_ in (1, 2):
        if round_ == 2:
            (corpus / "extra.txt").write_text("A randomised trial of drug Y (n = 30) versus placebo (n = 31). P = 0.04.\n")
            (corpus / "new.txt").write_text("Sixty patients were randomly assigned to A (n = 30) or B (n = 30).\n")
        summary = run_library([corpus], out, settings)
        snap = (out / "current").resolve()
        assert not (snap / SECTIONS).exists()
        manifest = json.loads((snap / "_manifest.json").read_text())
        want = render(snap, read_tables(snap), manifest)
        assert (snap / "report.html").read_text(encoding="utf-8") == want
        assert f"trialx review — {snap}<" in want
        # every extracted document's section was ready at the commit
        assert loaded[-1] == summary.documents - summary.reused  # extracted and skipped ones
        if round_ == 2:
            assert summary.reused >= 4 and summary.extracted == 3

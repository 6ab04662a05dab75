"""HTML to canonical text with lxml (a real parser; scripts and styles are dropped, never run)."""

from __future__ import annotations

import lxml.html

from .normalize import canonical_text

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "pre", "blockquote", "dd", "dt", "caption",
    "tbody", "thead", "main", "aside", "figure", "figcaption",
}
_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


def html_to_text(markup: str) -> tuple[str, str | None]:
    root = lxml.html.document_fromstring(markup or "<html></html>")
    title_el = root.find(".//title")
    title = (title_el.text_content().strip() or None) if title_el is not None else None
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    raw = "".join(parts)
    lines = [" ".join(ln.split()) for ln in raw.split("\n")]
    # collapse runs of blank lines to one blank line
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    text = canonical_text("\n".join(out).strip() + "\n")
    if title is None:
        h1 = root.find(".//h1")
        title = h1.text_content().strip() if h1 is not None else None
    if title is None:
        title = next((ln for ln in out if ln), None)
    return text, title

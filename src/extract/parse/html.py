"""HTML to canonical text with lxml (a real parser; scripts and styles are dropped, never run).

Only text nodes reach the output: <script>, <style> and similar elements are dropped with their
content, comments and processing instructions are ignored, attributes (event handlers such as
onload="...", javascript: URLs) are never read. The tree is walked without recursion, so deeply
nested markup cannot exhaust the stack.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

from .normalize import canonical_text

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "pre", "blockquote", "dd", "dt", "caption",
    "tbody", "thead", "main", "aside", "figure", "figcaption",
}
_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "applet",
         "frameset", "frame", "math", "canvas", "button", "select", "textarea"}


def _parse(markup: str):
    try:
        return lxml.html.document_fromstring(markup or "<html></html>")
    except (lxml.etree.ParserError, ValueError):  # 'Document is empty' (only comments, say)
        return lxml.html.document_fromstring("<html></html>")


def _text_of(el) -> str:
    """The visible text of an element (scripts, styles and comments left out)."""
    parts: list[str] = []
    _walk(el, parts, blocks=False)
    return " ".join("".join(parts).split())


def _walk(root, parts: list[str], blocks: bool = True) -> None:
    # an explicit stack of (element, phase): phase 0 opens the element, phase 1 closes it
    stack = [(root, 0)]
    while stack:
        el, phase = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None  # None: a comment or processing instruction
        if phase == 1:
            if blocks and tag in _BLOCK:
                parts.append("\n")
            if el is not root and el.tail:
                parts.append(el.tail)
            continue
        if tag is None or tag.lower() in _DROP:
            if el is not root and el.tail:
                parts.append(el.tail)
            continue
        tag = tag.lower()
        if blocks and tag in _BLOCK:
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        stack.append((el, 1))
        stack.extend((child, 0) for child in reversed(el))


def html_to_text(markup: str) -> tuple[str, str | None]:
    root = _parse(markup)
    title_el = root.find(".//title")
    title = (_text_of(title_el) or None) if title_el is not None else None
    parts: list[str] = []
    body = root.find("body")
    _walk(body if body is not None else root, parts)
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
        title = (_text_of(h1) or None) if h1 is not None else None
    if title is None:
        title = next((ln for ln in out if ln), None)
    return text, title

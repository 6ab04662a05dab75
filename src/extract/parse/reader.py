"""Read a source file into a Document (text, HTML and PDF)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError, UnsupportedFormat
from ..model import Document
from ..settings import Settings
from .normalize import canonical_text


def source_format(path: Path, settings: Settings) -> str | None:
    suffix = path.suffix.lower()
    if suffix in settings.suffixes_text:
        return "text"
    if suffix in settings.suffixes_html:
        return "html"
    if suffix in settings.suffixes_pdf:
        return "pdf"
    return None


def content_id(data: bytes) -> str:
    """A document id stable across runs: derived from the file's bytes only."""
    return hashlib.sha256(data).hexdigest()[:16]


_HIGH_BYTES = bytes(range(0x80, 0x100))


def decode(data: bytes, path: str) -> str:
    """Decode bytes: UTF-8 (with or without BOM) first, else the detected legacy encoding."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:4096] and not (data[:2] in (b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "the file looks binary (it contains NUL bytes), not text")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Mostly-ASCII bytes that are not UTF-8 are, in practice, Windows-1252/Latin-1 ('±', 'µ', '°').
    # charset-normalizer alone guesses East Asian code pages for short such texts (±µ -> ｱｵ), so it
    # only decides when a large share of the bytes is non-ASCII.
    non_ascii = (len(data) - len(data.translate(None, _HIGH_BYTES))) / len(data)  # bytes > 0x7F, counted in C
    if non_ascii < 0.1:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "the file's text encoding could not be detected")
    return str(best)


def read_document(path: Path, settings: Settings) -> Document:
    """Read and decode one file. Raises InputError / UnsupportedFormat with the file named."""
    fmt = source_format(path, settings)
    uri = str(path.resolve())
    if fmt is None:
        raise UnsupportedFormat(uri, f"unsupported file type '{path.suffix or '(none)'}'")
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise InputError(uri, f"the file is {size} bytes, over the limit of {settings.max_file_bytes}")
    data = path.read_bytes()
    doc_id = content_id(data)
    if fmt == "pdf":
        if not data.strip():
            raise InputError(uri, "the file is empty")
        from .pdf import read_pdf

        return read_pdf(path, data, doc_id, settings)
    decoded = decode(data, uri)
    if fmt == "html":
        from .html import html_to_text

        text, title = html_to_text(decoded)
    else:
        text = canonical_text(decoded)
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    if not text.strip():
        raise InputError(uri, "the document has no text")
    return Document(doc_id=doc_id, source_uri=uri, source_format=fmt, text=text, title=title)

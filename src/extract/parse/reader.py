"""Read a source file into a Document (text, HTML and PDF).

Every problem becomes an `InputError` whose `problem` says in words what is wrong with the file
(empty, binary, too large, vanished, permission denied, ...); nothing here lets an OSError or a
decoding error escape. Problems that do not stop the reading (a few undecodable bytes) become
`Document.warnings`, which the pipeline records on the document (status `partial`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError, UnsupportedFormat
from ..model import Document
from ..settings import Settings
from .normalize import canonical_text

_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# C0 control characters that never occur in text files (tab, line feed, form feed, carriage return,
# vertical tab and ESC/SUB, which old tools leave behind, are allowed)
_CONTROL = frozenset(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B})
_CONTROL_BYTES = bytes(sorted(_CONTROL))
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                   "utf-32-le": "UTF-32", "utf-32-be": "UTF-32", "cp1252": "Windows-1252"}


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


def safe_uri(path: Path) -> str:
    """The absolute, symlink-free path of `path`, or its absolute path when it cannot be resolved
    (a symlink loop)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def size_text(n: int) -> str:
    return f"{n / 1e6:.1f} MB ({n} bytes)" if n >= 100_000 else f"{n} bytes"


def too_large(size: int, limit: int) -> str:
    return (f"the file is {size_text(size)}, over the limit of {limit / 1e6:.1f} MB (TRIALX_MAX_FILE_BYTES); "
            "raise TRIALX_MAX_FILE_BYTES to read it")


def read_bytes(path: Path, uri: str, settings: Settings) -> bytes:
    """The file's bytes, at most settings.max_file_bytes of them, with every OS-level problem
    turned into an InputError that says what happened. The file is opened once (no window
    between checking and reading) and never blocks (a named pipe is refused, not waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(uri, f"broken symbolic link: its target {_link_target(path)} does not exist") from None
        raise InputError(uri, "the file disappeared before it could be read (moved or deleted during the run?)") from None
    except PermissionError:
        raise InputError(uri, "permission denied: the file cannot be read (check its access rights)") from None
    except IsADirectoryError:
        raise InputError(uri, "this is a folder, not a file") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(uri, "broken symbolic link: it points to itself (a loop)") from None
        raise InputError(uri, f"the file cannot be opened: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(uri, "this is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(uri, "not a regular file (a device, pipe or socket); not read")
        limit = settings.max_file_bytes
        if st.st_size > limit:
            raise InputError(uri, too_large(st.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
        if len(data) > limit:  # it grew while being read
            raise InputError(uri, too_large(len(data), limit))
        return data
    except OSError as e:
        raise InputError(uri, f"the file cannot be read: {e.strerror or e}") from None
    finally:
        os.close(fd)


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "(unknown)"


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like BOM-less UTF-16 of mostly Latin text
    (every other byte NUL), else None."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.3 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.3 and z_odd < 0.05:
        return "utf-16-be"
    return None


def _replaced(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode with undecodable bytes replaced by U+FFFD; the warning names how many and where."""
    bad: list[int] = []

    def handler(e: UnicodeDecodeError):
        bad.append(e.start)
        bad.extend([e.start] * (e.end - e.start - 1))
        return "\ufffd" * (e.end - e.start), e.end

    import codecs

    name = f"trialx-count-{id(bad)}"
    codecs.register_error(name, handler)
    text = data.decode(encoding, errors=name)
    n = len(bad)
    shown = _ENCODING_NAMES.get(encoding, encoding)
    return text, (f"{n} byte{'s' if n != 1 else ''} could not be decoded as {shown} and "
                  f"{'were' if n != 1 else 'was'} replaced by '\ufffd' (first at byte {bad[0] if bad else 0})")


def decode_with_warnings(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode a text file's bytes: a BOM (UTF-8/16/32) decides; else BOM-less UTF-16; else UTF-8;
    else, for mostly-ASCII bytes, Windows-1252 (a superset of Latin-1 in practice); else the
    encoding charset-normalizer detects. Undecodable bytes are replaced by U+FFFD and reported
    as a warning; binary files and empty ones raise InputError."""
    if not data:
        raise InputError(path, "the file is empty (0 bytes)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), []
            except UnicodeDecodeError:
                text, w = _replaced(data, enc)
                return text, [w]
    sample = data[:65536]
    enc16 = _utf16_without_bom(sample)
    if enc16:
        try:
            return data.decode(enc16), []
        except UnicodeDecodeError:
            text, w = _replaced(data, enc16)
            return text, [w]
    if b"\x00" in sample:
        raise InputError(path, "the file looks binary (it contains NUL bytes), not text")
    if len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > 0.05 * len(sample):  # control bytes, counted in C
        raise InputError(path, "the file looks binary (many control characters), not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few bad bytes (a damaged download, a pasted fragment) stays UTF-8: its valid
    # multi-byte characters outnumber the invalid bytes; a legacy 8-bit file has almost none
    loose = data.decode("utf-8", errors="replace")
    n_bad = loose.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    n_good = sum(1 for ch in loose if ch > "\x7f" and ch != "\ufffd")
    if n_good >= 1 and n_bad <= n_good:
        text, w = _replaced(data, "utf-8")
        return text, [w]
    # Mostly-ASCII bytes that are not UTF-8 are, in practice, Windows-1252/Latin-1 ('±', 'µ', '°').
    # charset-normalizer alone guesses East Asian code pages for short such texts (±µ -> ｱｵ), so it
    # only decides when a large share of the bytes is non-ASCII.
    non_ascii = sum(b > 0x7F for b in data) / len(data)
    if non_ascii < 0.1:
        try:
            return data.decode("cp1252"), []
        except UnicodeDecodeError:
            text, w = _replaced(data, "cp1252")
            return text, [w]
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "the file's text encoding could not be detected (is it text?)")
    return str(best), []


def decode(data: bytes, path: str) -> str:
    """Decoded text (see decode_with_warnings)."""
    return decode_with_warnings(data, path)[0]


def read_document(path: Path, settings: Settings, uri: str | None = None) -> Document:
    """Read and decode one file. Raises InputError / UnsupportedFormat with the file named.
    `uri`: safe_uri(path) when the caller has it already."""
    path = Path(path)
    fmt = source_format(path, settings)
    uri = uri or safe_uri(path)
    if fmt is None:
        raise UnsupportedFormat(uri, f"unsupported file type '{path.suffix or '(none)'}'")
    data = read_bytes(path, uri, settings)
    doc_id = content_id(data)
    if fmt == "pdf":
        if not data:
            raise InputError(uri, "the file is empty (0 bytes)")
        if not data.strip():
            raise InputError(uri, "the file holds only blank space, no text")
        from .pdf import read_pdf

        return read_pdf(path, data, doc_id, settings)
    decoded, warnings = decode_with_warnings(data, uri)
    if not decoded.strip():
        raise InputError(uri, "the file holds only blank space, no text")
    if fmt == "html":
        from .html import html_to_text

        text, title = html_to_text(decoded)
    else:
        text = canonical_text(decoded)
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    if not text.strip():
        raise InputError(uri, "the document has no text" + (" (the HTML has no visible text)" if fmt == "html" else ""))
    return Document(doc_id=doc_id, source_uri=uri, source_format=fmt, text=text, title=title,
                    warnings=tuple(warnings))

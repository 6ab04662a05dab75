"""Find the source files of a run: files and folders (recursive), in a stable order.

Symbolic links (policy, TRIALX_FOLLOW_SYMLINKS=false, the default):
- a path given on the command line is read even when it is a link: the curator named it;
- inside a given folder, no file outside the given inputs is ever read through a link: a link
  whose target lies outside every given path is listed as `skipped` with the reason;
- a link to a file that is itself listed (another name for an input file) is `skipped`, so the
  file is read once, under its own name;
- a link to a file inside the inputs that is not otherwise listed (say, in a hidden folder such as
  a git-annex store) is read;
- a broken link (missing target, or a loop) is `skipped` with the reason;
- links to folders are not descended into: a folder inside the inputs is read where it is (the
  link gets no row), one outside is listed as `skipped`.
With TRIALX_FOLLOW_SYMLINKS=true every link is followed (folder links too, each real folder once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .settings import Settings


@dataclass(frozen=True)
class Found:
    path: Path
    skip_reason: str | None = None  # set when the file is listed but must not be read


def discover(paths: list[Path], settings: Settings) -> list[Found]:
    """Files under `paths`, sorted, without duplicates. Hidden files and folders are ignored.

    Symbolic links are handled as the module docstring says: each link still gets a `documents`
    row (read, or skipped with its reason). Raises FileNotFoundError for a missing path.
    """
    roots: list[Path] = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise FileNotFoundError(f"{p}: no such file or folder")
        roots.append(_resolve(p) or p.absolute())
    out: dict[Path, Found] = {}
    links: list[Path] = []
    for p in paths:
        if not p.is_dir():
            # named on the command line: read (a broken link fails with its reason when read)
            out[p.absolute()] = Found(p.absolute())
            continue
        for f in _walk(p, settings.follow_symlinks):
            if f.is_symlink() and not settings.follow_symlinks:
                links.append(f)
            elif f.is_file():
                out[f.absolute()] = Found(f.absolute())
    listed = {_resolve(k) for k in out}
    for f in links:
        key = f.absolute()
        if key in out:
            continue
        found = _link(f, roots, listed)
        if found is not None:
            out[key] = found
    return sorted(out.values(), key=lambda f: str(f.path))


def _walk(top: Path, follow: bool):
    """Non-hidden files and symlinks under `top` (folder links are yielded, not descended into,
    unless `follow`; each real folder is visited once)."""
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            f = Path(e.path)
            if e.is_dir(follow_symlinks=False):
                stack.append(f)
            elif e.is_symlink() and follow and f.is_dir():
                stack.append(f)
            else:
                yield f


def _resolve(p: Path) -> Path | None:
    """The real path of `p`, or None if it cannot be resolved (broken link, loop)."""
    try:
        r = p.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return r


def _inside(target: Path, roots: list[Path]) -> bool:
    return any(target == r or target.is_relative_to(r) for r in roots)


def _link(f: Path, roots: list[Path], listed: set[Path | None]) -> Found | None:
    key = f.absolute()
    target = _resolve(f)
    try:
        shown = os.readlink(f)
    except OSError:
        shown = "?"
    if target is None:
        return Found(key, f"broken symbolic link: its target {shown} does not exist (or the link loops); not read")
    if not _inside(target, roots):
        kind = "folder" if target.is_dir() else "file"
        return Found(key, f"symbolic link to a {kind} outside the input folders ({target}); not read "
                          "(set TRIALX_FOLLOW_SYMLINKS=true to read it)")
    if target.is_dir():
        return None  # a folder inside the inputs: its files are listed where they are
    if target in listed:
        return Found(key, f"symbolic link to {shown}, another input file, which is read under its own name")
    if not target.is_file():
        return Found(key, f"symbolic link to {shown}, which is not a regular file; not read")
    return Found(key)

"""Find the source files of a run: files and folders (recursive), in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .settings import Settings


@dataclass(frozen=True)
class Found:
    path: Path
    skip_reason: str | None = None  # set when the file is listed but must not be read


def discover(paths: list[Path], settings: Settings) -> list[Found]:
    """Files under `paths`, sorted, without duplicates. Hidden files and folders are ignored.

    Symbolic links are not followed unless settings.follow_symlinks: such a file is listed with a
    skip reason so it still gets a `documents` row. Raises FileNotFoundError for a missing path.
    """
    out: dict[Path, Found] = {}
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise FileNotFoundError(f"{p}: no such file or folder")
        if p.is_file() or p.is_symlink() and not p.is_dir():
            _add(out, p, settings)
            continue
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if f.is_dir():
                continue
            _add(out, f, settings)
    return sorted(out.values(), key=lambda f: str(f.path))


def _add(out: dict[Path, Found], f: Path, settings: Settings) -> None:
    key = f.absolute()
    if f.is_symlink() and not settings.follow_symlinks:
        out[key] = Found(key, "symbolic link not followed (set TRIALX_FOLLOW_SYMLINKS=true to read it)")
    elif f.is_file():
        out[key] = Found(key)

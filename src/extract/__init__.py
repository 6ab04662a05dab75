"""trialx extraction library: parse documents, extract trial facts with evidence, build tables.

This package imports no Prefect; `flows/` wraps it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"


def _code_fingerprint() -> str:
    """A digest of this package's and the schemas' source files: any code change gives a new one."""
    h = hashlib.sha256()
    import importlib.util

    spec = importlib.util.find_spec("schemas")
    roots = [Path(__file__).resolve().parent]
    if spec is not None and spec.origin:
        roots.append(Path(spec.origin).resolve().parent)
    for root in roots:
        for f in sorted(root.rglob("*.py")):
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


# Written into every documents row and into the cache key of incremental runs: a new version of
# the extraction code (any edit under src/extract or schemas) re-extracts every document.
PIPELINE_VERSION = f"trialx-{__version__}+{_code_fingerprint()}"

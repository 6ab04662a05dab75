"""The document model and extracted records.

One canonical text per document; everything else is standoff annotation over it with half-open
character offsets [start, end). Objects are frozen dataclasses without back-pointers, so they
pickle cleanly across Prefect tasks and worker processes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """A data row of a table: the label, where it sits in the row hierarchy, and its cells."""

    label: str
    label_start: int
    label_end: int
    cells: tuple[Cell, ...]
    row_group: str | None = None
    variable: str | None = None
    category: str | None = None
    unit: str | None = None
    arm_label: str | None = None  # for tables whose rows are arms (one row per arm)
    kind: str = "values"  # values | pvalues (a row that holds only p-values)


@dataclass(frozen=True)
class Column:
    header: str  # as written
    role: str  # arm | pvalue | timepoint | other
    arm_label: str | None = None
    arm_n: int | None = None
    timepoint: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Table:
    """A table recognised in the text (flattened) or parsed from a PDF page."""

    table_id: str
    caption: str | None
    section: str  # baseline | outcome | adverse-event | other
    start: int
    end: int
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    layout: str = "columns-are-arms"  # or rows-are-arms


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_uri: str
    source_format: str  # text | html | pdf
    text: str  # canonical text: all offsets refer to it
    title: str | None = None
    # Offsets at which each page starts (PDF only); empty for formats without pages.
    page_starts: tuple[int, ...] = ()
    # Tables already recognised by the parser (PDF geometry), with offsets into `text`; tables
    # flattened into plain text are found later by extractors.tables.
    tables: tuple["Table", ...] = ()
    # Problems met while reading that did not stop it (e.g. PDF pages without a text layer); the
    # pipeline records each as a `parse` error, so the document is `partial`.
    warnings: tuple[str, ...] = ()

    @property
    def n_pages(self) -> int | None:
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page of a character offset, or None for formats without pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)



# ---- extracted records (one per output row). Evidence fields are common to all. ----


@dataclass(frozen=True)
class Evidence:
    evidence_text: str
    char_start: int
    char_end: int
    page: int | None = None


@dataclass(frozen=True)
class Trial:
    acronym: str | None
    registry_ids: tuple[str, ...]
    randomized: bool | None
    blinding: str | None
    placebo_controlled: bool | None
    single_arm: bool | None
    phase: str | None
    multicentre: bool | None
    allocation_ratio: str | None
    total_enrolled: int | None
    follow_up: str | None
    condition: str | None
    evidence: Evidence
    crossover: bool | None = None
    cluster_randomized: bool | None = None
    planned_enrolment: int | None = None


@dataclass(frozen=True)
class Arm:
    arm_id: str
    label: str
    role: str
    n: int | None
    intervention: str | None
    dose: str | None
    route: str | None
    evidence: Evidence
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Endpoint:
    endpoint_id: str
    name: str
    kind: str
    timepoint: str | None
    evidence: Evidence
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statistic:
    stat_id: str
    endpoint_id: str | None
    arm_ids: tuple[str, ...]
    comparison: str
    variable: str | None
    timepoint: str | None
    estimate: float | None
    estimate_type: str | None
    ci_level: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    p_operator: str | None
    p_text: str | None
    is_threshold: bool
    source: str  # text | table
    evidence: Evidence
    table_id: str | None = None
    row_group: str | None = None
    category: str | None = None
    table_caption: str | None = None


@dataclass(frozen=True)
class Measurement:
    table_id: str | None
    section: str
    row_group: str | None
    variable: str
    category: str | None
    arm_label: str | None
    arm_id: str | None
    timepoint: str | None
    value_text: str
    mean: float | None
    sd: float | None
    median: float | None
    q1: float | None
    q3: float | None
    count: int | None
    percent: float | None
    unit: str | None
    evidence: Evidence
    table_caption: str | None = None


@dataclass(frozen=True)
class StageError:
    stage: str  # read | parse | extract | validate
    message: str


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document produced: its `documents` row fields, text and records."""

    doc_id: str
    source_uri: str
    source_format: str
    status: str  # ok | partial | failed | skipped
    document_type: str | None = None
    title: str | None = None
    n_pages: int | None = None
    n_chars: int | None = None
    text: str | None = None
    errors: tuple[StageError, ...] = ()
    trials: tuple[Trial, ...] = ()
    arms: tuple[Arm, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        if not self.errors:
            return None
        return "; ".join(f"{e.stage}: {e.message}" for e in self.errors)


def skipped_result(path, reason: str) -> DocumentResult:
    """A `skipped` result for a file that is listed but not read (e.g. a symlink not followed)."""
    import hashlib
    from pathlib import Path

    path = Path(path)
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(path.suffix.lower(), "text")
    doc_id = "path-" + hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:11]
    return DocumentResult(doc_id, str(path.absolute()), fmt, "skipped", errors=(StageError("read", reason),))

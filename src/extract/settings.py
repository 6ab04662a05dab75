"""Run settings: one typed, validated object; environment variables TRIALX_* override defaults."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRIALX_", extra="ignore")

    max_file_bytes: int = Field(50_000_000, ge=1, description="Larger files are recorded as failed.")
    workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1, le=64)
    follow_symlinks: bool = Field(False, description="Read files reached through symlinks.")
    max_pages: int = Field(500, ge=1, description="PDF pages read per document; beyond it the document is partial.")
    doc_time_limit: float = Field(120.0, gt=0, description="Seconds one document may take before it is stopped and recorded as failed.")
    worker_memory_mb: int = Field(2048, ge=256, description="Address-space limit of each extraction worker process (MB).")
    batch_docs: int = Field(1000, ge=1, description="Documents per Prefect task (small documents are batched).")
    fault_injection: str | None = Field(None, description="Testing only: 'crash:NAME', 'hang:NAME' or 'oom:NAME' "
                                        "makes the worker crash, hang or exhaust memory on files named NAME.")
    suffixes_text: tuple[str, ...] = (".txt", ".md")
    suffixes_html: tuple[str, ...] = (".html", ".htm")
    suffixes_pdf: tuple[str, ...] = (".pdf",)

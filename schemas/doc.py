"""Render the output contract (every table and column, from the pandera models) as Markdown.

`python -m schemas.doc` prints it; the README's contract section is this text (a test checks).
"""

from __future__ import annotations

from .tables import MODELS, arrow_schema, columns

INTRO = {
    "documents": "One row per source file, whatever happened to it.",
    "texts": "The canonical text of each document that was read; every offset points into it.",
    "trials": "One row per trial-report or registry-record document (reviews and other documents have none).",
    "arms": "Arms of a trial with their sizes as stated; for other documents (e.g. a cohort study), only the comparison groups their tables name with an n.",
    "endpoints": "Primary, secondary and safety endpoints.",
    "statistics": "Every reported statistical result, from text or tables: one row per mention.",
    "measurements": "Per-arm descriptive values from tables.",
    "quarantine": "Rows that failed validation, kept with the failed check instead of being written to their table.",
}


def _type(t) -> str:
    return str(t).replace("large_", "").replace("timestamp[us, tz=UTC]", "timestamp (UTC)").replace("list<item: string>", "list<string>")


def contract_markdown() -> str:
    out = []
    for table in MODELS:
        sch = MODELS[table].to_schema()
        arrow = arrow_schema(table)
        out.append(f"#### `{table}`\n\n{INTRO[table]}\n")
        out.append("| column | type | null | meaning |\n|---|---|---|---|")
        for c in columns(table):
            col = sch.columns[c]
            desc = (col.description or "").replace("|", "\\|")
            out.append(f"| `{c}` | {_type(arrow.field(c).type)} | {'yes' if col.nullable else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out).strip() + "\n"


if __name__ == "__main__":
    print(contract_markdown(), end="")

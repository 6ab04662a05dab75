"""Write eval/dev gold files for the four seeds from the hand-verified tests/golden files.

The seeds' expected rows were verified by hand (tests/golden); this converts them to the
evaluation format (eval/README.md) so one source of truth serves both. Run from the repo root:
    .venv/bin/python eval/seeds_from_golden.py
"""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIAL = ["randomized", "blinding", "placebo_controlled", "single_arm", "phase", "total_enrolled", "registry_ids"]

for g in sorted((ROOT / "tests/golden").glob("*.json")):
    if g.name.endswith(".tables.json"):
        continue
    name = g.stem
    gold = json.loads(g.read_text(encoding="utf-8"))
    extra = g.with_name(name + ".tables.json")
    stats = gold["statistics"] + (json.loads(extra.read_text(encoding="utf-8"))["statistics"] if extra.exists() else [])
    trial = gold["trials"][0] if gold["trials"] else None
    out = dict(
        document_type=gold["document"]["document_type"],
        trial={k: trial[k] for k in TRIAL} if trial else None,
        arms=[dict(label=a["label"], n=a["n"], role=a["role"]) for a in gold["arms"]],
        primary_endpoints=[e["name"] for e in gold["endpoints"] if e["kind"] == "primary"],
        pvalues=[dict(text=s["p_text"], value=s["p_value"], operator=s["p_operator"], threshold=s["is_threshold"])
                 for s in stats if s.get("p_text")],
        effects=[dict(text=s["evidence_text"], estimate=s["estimate"], ci_low=s["ci_low"], ci_high=s["ci_high"],
                      type=s["estimate_type"]) for s in stats if s.get("ci_low") is not None],
    )
    shutil.copyfile(ROOT / "corpus" / f"{name}.txt", ROOT / "eval/dev" / f"{name}.txt")
    (ROOT / "eval/dev" / f"{name}.gold.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(name, len(out["pvalues"]), "p-values", len(out["effects"]), "effects")

"""pandera DataFrameModels for every output table, and the matching Arrow schemas."""

from __future__ import annotations

import functools

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.typing import Series

LIST = {"arrow": "list<string>"}
OPT = dict(nullable=True)

DOC_STATUS = ["ok", "partial", "failed", "skipped"]
SOURCE_FORMATS = ["text", "html", "pdf"]
DOC_TYPES = ["trial-report", "registry-record", "review", "other"]
BLINDING = ["open", "single", "double", "triple", "blinded"]
ROLES = ["experimental", "placebo", "active-control", "control", "single"]
ENDPOINT_KINDS = ["primary", "secondary", "safety", "other"]
COMPARISONS = ["between-groups", "within-group", "unknown"]
P_OPERATORS = ["=", "<", ">", "<=", ">="]
SECTIONS = ["baseline", "outcome", "adverse-event", "other"]


class _Evidence(pa.DataFrameModel):
    """Evidence columns shared by every extracted-record table."""

    evidence_text: Series[str] = pa.Field(description="The source text of the value: texts.text[char_start:char_end].")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Start offset (inclusive) into texts.text.")
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=0, description="End offset (exclusive) into texts.text.")
    page: Series[pd.Int64Dtype] = pa.Field(ge=1, **OPT, description="1-based page (PDF sources); null otherwise.")

    @pa.dataframe_check(name="offsets_ordered")
    def _offsets(cls, df: pd.DataFrame) -> Series[bool]:
        return df["char_end"] >= df["char_start"]


class DocumentsModel(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(unique=True, description="sha256 of the file's bytes (first 16 hex digits); stable across runs.")
    source_uri: Series[str] = pa.Field(description="Absolute path of the source file.")
    source_format: Series[str] = pa.Field(isin=SOURCE_FORMATS, description="text | html | pdf.")
    document_type: Series[str] = pa.Field(isin=DOC_TYPES, **OPT, description="trial-report | registry-record | review | other; null when not read.")
    title: Series[str] = pa.Field(**OPT, description="The document's title when its text starts with one.")
    n_pages: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="Pages (PDF); null for formats without pages.")
    n_chars: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="Length of texts.text.")
    status: Series[str] = pa.Field(isin=DOC_STATUS, description="ok | partial | failed | skipped.")
    error: Series[str] = pa.Field(**OPT, description="What went wrong, 'stage: message' joined by '; '; null when ok.")
    pipeline_version: Series[str] = pa.Field(description="Version id of the code that produced the rows.")
    processed_at: Series[pd.DatetimeTZDtype("us", "UTC")] = pa.Field(description="When the document was processed (UTC).")

    @pa.dataframe_check(name="error_iff_not_ok")
    def _error(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["status"] == "ok") == df["error"].isna()


class TextsModel(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(unique=True, description="Document id.")
    text: Series[str] = pa.Field(description="The canonical text that all character offsets refer to.")


class TrialsModel(_Evidence):
    doc_id: Series[str] = pa.Field(unique=True, description="Document id (one trial per document).")
    acronym: Series[str] = pa.Field(**OPT, description="Trial acronym, e.g. ALLSTAR.")
    registry_ids: Series[object] = pa.Field(metadata=LIST, description="Registry ids (NCT, ISRCTN, EudraCT, ChiCTR, ACTRN) as written; empty list when none.")
    randomized: Series[pd.BooleanDtype] = pa.Field(**OPT, description="True/False when the text says; null otherwise.")
    blinding: Series[str] = pa.Field(isin=BLINDING, **OPT, description="open | single | double | triple | blinded.")
    placebo_controlled: Series[pd.BooleanDtype] = pa.Field(**OPT, description="A placebo or sham control is mentioned.")
    single_arm: Series[pd.BooleanDtype] = pa.Field(**OPT, description="Single-arm design.")
    phase: Series[str] = pa.Field(**OPT, str_matches=r"^(?:IV|I{1,3}|[1-4])[AB]?(?:/(?:IV|I{1,3}|[1-4])[AB]?)?$", description="Phase as written, upper case: II, 2, IIB, I/II.")
    multicentre: Series[pd.BooleanDtype] = pa.Field(**OPT, description="Multicentre (True) or single-centre (False).")
    allocation_ratio: Series[str] = pa.Field(**OPT, str_matches=r"^\d+:\d+$", description="Allocation ratio such as 2:1.")
    total_enrolled: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="Total enrolled as the text states it (need not equal the sum of arm n).")
    follow_up: Series[str] = pa.Field(**OPT, description="Longest follow-up stated, e.g. '3 years'.")
    condition: Series[str] = pa.Field(**OPT, description="Condition of the participants, as written.")
    crossover: Series[pd.BooleanDtype] = pa.Field(**OPT, description="Crossover design (extra column): True when stated, False for other randomised trials.")
    cluster_randomized: Series[pd.BooleanDtype] = pa.Field(**OPT, description="Clusters (practices, schools, villages...) were randomised (extra column).")
    planned_enrolment: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="A planned/target number of participants ('will be enrolled'); never copied into total_enrolled (extra column).")


class ArmsModel(_Evidence):
    doc_id: Series[str] = pa.Field(description="Document id.")
    arm_id: Series[str] = pa.Field(str_matches=r"^a\d+$", description="Arm id within the document: a1, a2, ... in order of first mention.")
    label: Series[str] = pa.Field(description="Arm label as written (a table header's when there is one).")
    role: Series[str] = pa.Field(isin=ROLES, description="experimental | placebo | active-control | control | single.")
    n: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="Participants in the arm, as stated.")
    intervention: Series[str] = pa.Field(**OPT, description="What the arm received, as written in the text.")
    dose: Series[str] = pa.Field(**OPT, description="Dose with powers of ten normalised: '100 × 10^6 ASCs'.")
    route: Series[str] = pa.Field(**OPT, description="Route of administration: intracoronary, intramyocardial, oral, ...")

    class Config:
        unique = ["doc_id", "arm_id"]


class EndpointsModel(_Evidence):
    doc_id: Series[str] = pa.Field(description="Document id.")
    endpoint_id: Series[str] = pa.Field(str_matches=r"^e\d+$", description="Endpoint id within the document.")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Endpoint as written (line-end hyphenation repaired).")
    kind: Series[str] = pa.Field(isin=ENDPOINT_KINDS, description="primary | secondary | safety | other.")
    timepoint: Series[str] = pa.Field(**OPT, description="Timepoint(s) stated with the endpoint: '6 months' or '1 month, 3 months'.")

    class Config:
        unique = ["doc_id", "endpoint_id"]


class StatisticsModel(_Evidence):
    doc_id: Series[str] = pa.Field(description="Document id.")
    stat_id: Series[str] = pa.Field(str_matches=r"^s\d+$", description="Statistic id within the document, in text order.")
    endpoint_id: Series[str] = pa.Field(**OPT, description="The endpoint the result is about, when the text names it.")
    arm_ids: Series[object] = pa.Field(metadata=LIST, description="Arms compared (between-groups) or the arm measured (within-group).")
    comparison: Series[str] = pa.Field(isin=COMPARISONS, description="between-groups | within-group | unknown.")
    variable: Series[str] = pa.Field(**OPT, description="What was measured: a table's row variable, or the linked endpoint's name.")
    timepoint: Series[str] = pa.Field(**OPT, description="Timepoint of the result, e.g. '6 months'.")
    estimate: Series[float] = pa.Field(**OPT, description="Effect estimate.")
    estimate_type: Series[str] = pa.Field(**OPT, description="mean difference | odds ratio | hazard ratio | risk ratio | ...")
    ci_level: Series[float] = pa.Field(**OPT, gt=0, lt=100, description="Confidence level in percent (95).")
    ci_low: Series[float] = pa.Field(**OPT, description="Lower confidence bound.")
    ci_high: Series[float] = pa.Field(**OPT, description="Upper confidence bound.")
    p_value: Series[float] = pa.Field(**OPT, ge=0, le=1, description="p-value (the bound for '<' or '>'); null for 'not significant'.")
    p_operator: Series[str] = pa.Field(isin=P_OPERATORS, **OPT, description="= | < | > | <= | >=.")
    p_text: Series[str] = pa.Field(**OPT, description="The p-value as written: 'P = 0.63', 'p = not significant', '0.834'.")
    is_threshold: Series[bool] = pa.Field(description="A significance threshold ('P < 0.05 was considered significant'), not a result.")
    source: Series[str] = pa.Field(isin=["text", "table"], description="text | table.")
    table_id: Series[str] = pa.Field(**OPT, description="Table the value comes from (source=table).")
    table_caption: Series[str] = pa.Field(**OPT, description="That table's caption as written (extra column).")
    row_group: Series[str] = pa.Field(**OPT, description="Table section heading above the row.")
    category: Series[str] = pa.Field(**OPT, description="Category of a categorical row variable.")
    p_char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="Offset of the p-value itself (may lie outside the evidence span when a table interrupts the sentence).")
    p_char_end: Series[pd.Int64Dtype] = pa.Field(ge=0, **OPT, description="End offset of the p-value itself.")

    class Config:
        unique = ["doc_id", "stat_id"]

    @pa.dataframe_check(name="ci_brackets_estimate")
    def _ci(cls, df: pd.DataFrame) -> Series[bool]:
        lo, hi, est = df["ci_low"], df["ci_high"], df["estimate"]
        ok_order = lo.isna() | hi.isna() | (lo <= hi)
        ok_est = est.isna() | lo.isna() | hi.isna() | ((lo <= est) & (est <= hi))
        return ok_order & ok_est

    @pa.dataframe_check(name="has_a_result")
    def _nonempty(cls, df: pd.DataFrame) -> Series[bool]:
        return df["p_text"].notna() | df["estimate"].notna() | df["ci_low"].notna()

    @pa.dataframe_check(name="operator_with_value")
    def _op(cls, df: pd.DataFrame) -> Series[bool]:
        return df["p_value"].isna() == df["p_operator"].isna()


class MeasurementsModel(_Evidence):
    doc_id: Series[str] = pa.Field(description="Document id.")
    table_id: Series[str] = pa.Field(**OPT, description="Table the value comes from, e.g. 'Table 1'.")
    table_caption: Series[str] = pa.Field(**OPT, description="That table's caption as written (extra column).")
    section: Series[str] = pa.Field(isin=SECTIONS, description="baseline | outcome | adverse-event | other (from the caption).")
    row_group: Series[str] = pa.Field(**OPT, description="Section heading above the row ('Patient profile').")
    variable: Series[str] = pa.Field(str_length={"min_value": 1}, description="Row variable with its unit removed ('Age').")
    category: Series[str] = pa.Field(**OPT, description="Category of a categorical variable ('Current' under 'Smoking', 'male').")
    arm_label: Series[str] = pa.Field(**OPT, description="Arm as written in the table.")
    arm_id: Series[str] = pa.Field(**OPT, description="The arm in `arms` it was linked to.")
    timepoint: Series[str] = pa.Field(**OPT, description="Column timepoint as written ('Baseline', '3 months').")
    value_text: Series[str] = pa.Field(description="The cell as written.")
    mean: Series[float] = pa.Field(**OPT, description="Mean (mean ± SD cells).")
    sd: Series[float] = pa.Field(**OPT, ge=0, description="Standard deviation.")
    median: Series[float] = pa.Field(**OPT, description="Median (median [IQR] cells).")
    q1: Series[float] = pa.Field(**OPT, description="First quartile / lower bound of the bracket.")
    q3: Series[float] = pa.Field(**OPT, description="Third quartile / upper bound of the bracket.")
    count: Series[pd.Int64Dtype] = pa.Field(**OPT, ge=0, description="Count (n (%) and n/N cells).")
    percent: Series[float] = pa.Field(**OPT, ge=0, le=100, description="Percent as written.")
    unit: Series[str] = pa.Field(**OPT, description="Unit from the row label ('years', 'mmHg').")

    @pa.dataframe_check(name="quartiles_ordered")
    def _q(cls, df: pd.DataFrame) -> Series[bool]:
        return df["q1"].isna() | df["q3"].isna() | (df["q1"] <= df["q3"])


class QuarantineModel(pa.DataFrameModel):
    table: Series[str] = pa.Field(description="The table the row was meant for.")
    doc_id: Series[str] = pa.Field(**OPT, description="Document id of the row.")
    row: Series[str] = pa.Field(description="The row as JSON.")
    check: Series[str] = pa.Field(description="The failed check(s), e.g. 'ci_brackets_estimate'.")
    column: Series[str] = pa.Field(**OPT, description="The column the failed check is on, when it is on one.")


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsModel,
    "texts": TextsModel,
    "trials": TrialsModel,
    "arms": ArmsModel,
    "endpoints": EndpointsModel,
    "statistics": StatisticsModel,
    "measurements": MeasurementsModel,
    "quarantine": QuarantineModel,
}
TABLE_ORDER = list(MODELS)

# Column order in files: the contract's own columns first, evidence last.
_EVIDENCE = ["evidence_text", "char_start", "char_end", "page"]


@functools.lru_cache(maxsize=None)
def _columns(table: str) -> tuple[str, ...]:
    cols = list(MODELS[table].to_schema().columns)
    if all(c in cols for c in _EVIDENCE):
        cols = [c for c in cols if c not in _EVIDENCE] + _EVIDENCE
    return tuple(cols)


def columns(table: str) -> list[str]:
    return list(_columns(table))


def _arrow_type(col) -> pa_arrow.DataType:
    if (col.metadata or {}).get("arrow") == "list<string>":
        return pa_arrow.list_(pa_arrow.string())
    d = str(col.dtype)
    if d.startswith("string") or d == "str":
        return pa_arrow.string()
    if d in ("Int64", "int64"):
        return pa_arrow.int64()
    if d in ("float64", "Float64"):
        return pa_arrow.float64()
    if d in ("bool", "boolean"):
        return pa_arrow.bool_()
    if d.startswith("datetime64"):
        return pa_arrow.timestamp("us", tz="UTC")
    raise TypeError(f"no Arrow type for column {col.name} of dtype {d}")


@functools.lru_cache(maxsize=None)
def arrow_schema(table: str) -> pa_arrow.Schema:
    """The Arrow schema of a table's Parquet files, derived from its pandera model."""
    sch = MODELS[table].to_schema()
    return pa_arrow.schema(
        [pa_arrow.field(c, _arrow_type(sch.columns[c]), nullable=bool(sch.columns[c].nullable) or c in ("registry_ids", "arm_ids"),
                        metadata={"description": sch.columns[c].description or ""}) for c in columns(table)]
    )

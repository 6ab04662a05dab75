"""The public contract of trialx's output tables: pandera models, one per table.

This package imports nothing from `extract`. Each model documents its columns (descriptions are
rendered into the README's contract section) and carries the constraints a row must meet before it
is written; rows that fail go to `quarantine`.
"""

from .tables import (  # noqa: F401
    MODELS,
    TABLE_ORDER,
    ArmsModel,
    DocumentsModel,
    EndpointsModel,
    MeasurementsModel,
    QuarantineModel,
    StatisticsModel,
    TextsModel,
    TrialsModel,
    arrow_schema,
)

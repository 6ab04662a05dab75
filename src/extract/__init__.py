"""trialx extraction library: parse documents, extract trial facts with evidence, build tables.

This package imports no Prefect; `flows/` wraps it.
"""

__version__ = "0.1.0"
# Bumped whenever extraction output may change; written into every output row's document.
PIPELINE_VERSION = "trialx-0.1.0+x1"

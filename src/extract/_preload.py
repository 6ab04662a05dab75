"""Imported by the worker pool's fork server (see workers._PRELOAD): the extraction code and the
spaCy pipeline are built once there, and every worker forked from it starts with them (instead of
each worker spending ~0.5 s of CPU building the pipeline, also each time one is replaced)."""

import extract.batch  # noqa: F401
import extract.pipeline  # noqa: F401
from extract.nlp import get_nlp

get_nlp()

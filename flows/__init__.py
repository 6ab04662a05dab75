"""Prefect flows and the `trialx` command line. The only package that imports Prefect."""

import os

# No telemetry from a local or ephemeral server (must be set before Prefect is imported).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

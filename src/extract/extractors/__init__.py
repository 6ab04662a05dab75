"""Extractors: pure functions from a Document (plus earlier layers) to records or spans."""

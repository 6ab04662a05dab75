"""The library's exceptions. Every message names the file and the problem."""

from __future__ import annotations


class TrialxError(Exception):
    """Base class for trialx errors."""


class InputError(TrialxError):
    """A source file cannot be read or decoded."""

    def __init__(self, path: str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UnsupportedFormat(InputError):
    """The file's format is not (yet) supported; the document is recorded as skipped."""


class OutputError(TrialxError):
    """The output folder cannot be written: the run itself cannot proceed."""

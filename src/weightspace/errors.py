"""One family of exceptions for weightspace.

Library code raises these; the CLI turns each into one line on stderr and a non-zero exit.
"""

from __future__ import annotations


class WeightspaceError(Exception):
    """Base class of every error weightspace raises on purpose."""


class InvalidInput(WeightspaceError, ValueError):
    """The input is malformed: wrong length, wrong characters, unknown names, inconsistent sizes."""


class TooLarge(WeightspaceError):
    """The requested computation would not finish in reasonable time or memory.

    ``estimate`` is a human-readable cost estimate (for example the number of hyperplanes or chambers).
    """

    def __init__(self, message: str, estimate: str | None = None):
        self.estimate = estimate
        super().__init__(message if estimate is None else f"{message} (estimated cost: {estimate})")


class CertificationError(WeightspaceError):
    """Floating point proposed an answer that exact arithmetic could not confirm.

    This never silently becomes a result: it signals a numerical failure to be reported.
    """


class ClusterError(WeightspaceError):
    """The distributed executor failed (the scheduler is unreachable or was lost): not the computation's fault;
    finished work is in the checkpoint, and a re-run resumes from it."""


class NotSupported(WeightspaceError):
    """The architecture or object does not have the asked-for capability (for instance no hyperplane arrangement
    for a polynomial network, no sign system for a recurrent scheme)."""

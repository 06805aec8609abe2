"""Command-line interface: one module per verb, each a thin typer layer over the library; every command has
``--json`` and resolves what it computes on through the registry of specs ([`weightspace.specs`][weightspace.specs]).

Errors from the library ([`WeightspaceError`][weightspace.errors.WeightspaceError]) become one line on stderr and exit
code 2.
"""

from __future__ import annotations

import sys

import typer

from . import (ac, arrangement, atlas, attractors, chambers, charpoly, claims, compare, count, demo, dynamics, estimate,
               experiment, faces, glauber, landscape, learn, measure, memory, neuromanifold, realize, relu, specs, structure, table)
from .app import app

VERBS = (ac, arrangement, atlas, attractors, chambers, charpoly, claims, compare, count, demo, dynamics, estimate, experiment,
         faces, glauber, landscape, learn, measure, memory, neuromanifold, realize, relu, specs, structure, table)


def main() -> None:
    """Entry point of the ``weightspace`` command."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        typer.echo("error: interrupted", err=True)
        sys.exit(130)


__all__ = ["app", "main"]

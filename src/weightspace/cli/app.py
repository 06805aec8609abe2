"""The typer application every verb module adds its command to."""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__

MAX_INTEGER_DIGITS = 100_000

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Exact geometry of neural-network parameter spaces.")


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
          debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error.")) -> None:
    if debug:
        os.environ["WEIGHTSPACE_DEBUG"] = "1"
    # Exact answers can have thousands of digits (region bounds such as 2^24576); Python's default limit of 4300
    # digits for int <-> str would turn printing them into an error. Inputs stay bounded by their own checks.
    sys.set_int_max_str_digits(MAX_INTEGER_DIGITS)

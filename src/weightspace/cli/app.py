"""The typer application every verb module adds its command to."""

from __future__ import annotations

import os
import sys

import typer
from typer.core import TyperGroup

try:                                     # typer vendors click since 0.20; older versions use click itself
    from typer._click.exceptions import NoArgsIsHelpError, UsageError
except ImportError:                      # pragma: no cover
    from click.exceptions import NoArgsIsHelpError, UsageError

from .. import __version__

MAX_INTEGER_DIGITS = 100_000


class OneLineErrors(TyperGroup):
    """The root command group: a usage error (an option that is not an integer, an unknown option, a missing
    argument) is one line on stderr and exit code 2, like every other bad input, instead of a framed box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as error:
            error.show()                                  # nothing asked: the help, as before
            sys.exit(error.exit_code)
        except typer.TyperException as error:
            message = " ".join(error.format_message().split())
            context = getattr(error, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if isinstance(error, UsageError) and context else ""
            typer.echo(f"error: {message}{hint}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("error: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=OneLineErrors,
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

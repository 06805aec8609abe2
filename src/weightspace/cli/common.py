"""What every command shares: the error policy, progress bars with an ETA, JSON output, common options and the
resolution of a spec (with the legacy ``--inputs`` / ``--nodes`` spelling) through
[`weightspace.specs`][weightspace.specs].

Errors from the library ([`WeightspaceError`][weightspace.errors.WeightspaceError]) become one line on stderr and exit
code 2; any other exception is an internal error: one line that says so and how to report it (``--debug`` shows the
traceback).
"""

from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
from typing import Any, Callable, Optional

import typer

from ..budget import Budget
from ..encoding import dumps
from ..errors import InvalidInput, WeightspaceError
from ..specs import resolve, spec_from_options

JSON = typer.Option(False, "--json", help="Print one JSON object on stdout (no progress bar).")
INPUTS = typer.Option(None, "--inputs", "-n", help="Number of inputs n (cube domains).")
DOMAIN = typer.Option(None, "--domain", help="cube01 (default), cubepm1 or points:FILE (CSV of rationals); with a "
                                             "full spec it must agree with the spec.")
NODES = typer.Option(None, "--nodes", help="Number of nodes n.")
WEIGHTS = typer.Option(None, "--weights", help="free (default), symmetric, zero-diagonal or "
                                               "symmetric-zero-diagonal; with a full spec it must agree with the spec.")
STEPS = typer.Option(1, "--steps", "-k", help="Number of synchronous steps, or of asynchronous sweeps.")
UPDATE = typer.Option("sync", "--update", help="sync, or async (sweeps; see --order).")
ORDER = typer.Option(None, "--order", help="Unit order of an asynchronous sweep, e.g. 2,1,3 (default: any order; "
                                           "'any' says so explicitly).")
MAX_HOURS = typer.Option(None, "--max-hours", help="Start jobs estimated to take up to this many hours "
                                                   "(default: 1).")
SPEC = typer.Argument(..., help="What to compute on: threshold, hopfield, resonance (with --inputs / --nodes), or "
                                "a spec such as threshold:4, threshold:3:cubepm1, hopfield:3:symmetric, "
                                "resonance:5, points:FILE, hyperplanes:FILE, braid:4 (`weightspace specs`).")


def debug_enabled() -> bool:
    return os.environ.get("WEIGHTSPACE_DEBUG", "") not in ("", "0")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


class Terminated(KeyboardInterrupt):
    """Raised in the main thread on SIGTERM, so that a terminated command unwinds like an interrupted one:
    checkpoints are flushed and worker processes are stopped (``Executor.close``)."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _catch_sigterm():
    """Install the SIGTERM handler (main thread only); returns a function that restores the previous one."""
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    return lambda: signal.signal(signal.SIGTERM, previous)


def command(function: Callable) -> Callable:
    """Turn library errors into one line on stderr; never show a traceback unless ``--debug`` was given.
    Ctrl-C exits with code 130 and SIGTERM with 143, each after the command's cleanup has run."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        restore = _catch_sigterm()
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Terminated:
            _fail("terminated (finished work is kept where the command checkpoints)", 143)
        except WeightspaceError as error:
            if debug_enabled():
                raise
            _fail(str(error))
        except KeyboardInterrupt:
            _fail("interrupted (finished work is kept where the command checkpoints)", 130)
        except BrokenPipeError:          # the reader went away (| head): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:  # a bug: still one line, and how to report it
            if debug_enabled():
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); this is a bug in weightspace: please report "
                  "it with the command line, and run it again with --debug for the traceback", 3)
        finally:
            restore()
    return wrapper


@contextmanager
def progress_bar(enabled: bool, description: str):
    """A rich progress bar with elapsed time and ETA on a terminal; ``None`` under --json or without a TTY."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)
        yield update


def emit(as_json: bool, payload: dict[str, Any], lines: list[str]) -> None:
    """Print the payload as one JSON object, or the text lines."""
    if as_json:
        typer.echo(dumps(payload))
    else:
        for line in lines:
            typer.echo(line)


def budget_from(max_hours: Optional[float] = None, scheduler: Optional[str] = None) -> Budget:
    if max_hours is not None and max_hours <= 0:
        raise InvalidInput("--max-hours must be positive")
    return Budget().with_(max_hours=max_hours, scheduler=scheduler)


def resolve_spec(spec: str, inputs: Optional[int] = None, domain: Optional[str] = None, nodes: Optional[int] = None,
                 weights: Optional[str] = None, needs: Optional[str] = "arrangement") -> Any:
    """The object of a spec, accepting the legacy spelling ``threshold --inputs N`` / ``hopfield --nodes N``; an
    option given beside a full spec must agree with it (``None``: not given). ``needs`` names the capability the
    command uses (a capability or a generic verb of [`weightspace.capabilities`][weightspace.capabilities]); a spec
    without it is a [`NotSupported`][weightspace.errors.NotSupported] error that says what to use instead.

    Raises
    ------
    InvalidInput
        For a bad spec or options that contradict it.
    NotSupported
        When the object does not declare what ``needs`` names.
    """
    obj = resolve(spec_from_options(spec, inputs=inputs, domain=domain, nodes=nodes, weights=weights))
    if needs is not None:
        obj.require(needs)          # the object's declared capabilities decide (weightspace.capabilities)
    return obj

"""``weightspace landscape SPEC --table T --loss ...``: the critical points of a training loss, with their Morse
index, loss and cell of Sigma[Par_A], and the Morse check."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..analysis.landscape import LOSSES, landscape
from ..errors import InvalidInput
from ..paths import output_plot
from .app import app
from .common import JSON, command, emit, progress_bar, resolve_spec


def _labelled(data: Optional[str], loss: str) -> Optional[list]:
    if not data or loss == "mpf":
        return None
    from ..domain import read_rational_rows
    rows = []
    for number, row in read_rational_rows(Path(data), "data file", max_rows=10_000):
        if len(row) < 2 or row[-1] not in (0, 1):
            raise InvalidInput(f"{data}:{number}: a data row is the point's coordinates and a 0/1 label")
        rows.append((row[:-1], int(row[-1])))
    return rows


def _patterns(data: Optional[str], patterns: Optional[str]) -> Optional[list[int]]:
    if patterns:
        try:
            return [int(p) for p in patterns.split(",") if p.strip()]
        except ValueError:
            raise InvalidInput(f"--patterns must be state codes such as 0,5, got {patterns!r}") from None
    if data and not patterns:
        from ..domain import read_rational_rows
        codes = []
        for number, row in read_rational_rows(Path(data), "patterns file", max_rows=4096):
            if any(v not in (0, 1) for v in row):
                raise InvalidInput(f"{data}:{number}: a pattern is a row of 0/1 values")
            codes.append(sum(int(v) << i for i, v in enumerate(row)))
        return codes
    return None


@app.command("landscape")
@command
def landscape_command(spec: str = typer.Argument(..., help="threshold:N, points:FILE, ptf:N:D or hopfield:N[:C]."),
                      table: Optional[str] = typer.Option(None, "--table", help="The target: a truth table (0110) "
                                                          "or, for Hopfield, a map (1,0,0,2)."),
                      data: Optional[str] = typer.Option(None, "--data", help="A CSV data set: for mpf, 0/1 "
                                                         "patterns to store; otherwise points with a 0/1 label in "
                                                         "the last column (a threshold unit)."),
                      patterns: Optional[str] = typer.Option(None, "--patterns", help="For mpf: pattern codes, "
                                                                                      "e.g. 0,3."),
                      loss: str = typer.Option("mse", "--loss", help=f"One of {', '.join(LOSSES)}."),
                      beta: str = typer.Option("4", "--beta", help="Inverse temperature of the sigmoid (mse)."),
                      weight_decay: str = typer.Option("0", "--weight-decay", help="lambda in + lambda |theta|^2 "
                                                       "(mse needs it positive)."),
                      search: str = typer.Option("multistart", "--search", help="multistart (Newton, each zero "
                                                 "proven) or branch-and-bound (complete when nothing is left "
                                                 "undecided)."),
                      starts: int = typer.Option(300, "--starts", help="Newton starts (multistart)."),
                      plot: Optional[str] = typer.Option(None, "--plot", help="Write a PNG of a two-parameter "
                                                         "slice (first two coordinates through the first "
                                                         "critical point inside a chamber): loss, walls and gradient flow."),
                      as_json: bool = JSON) -> None:
    """Critical points of a training loss over parameter space: each proven by the Krawczyk test, with its Morse
    index, loss and cell (sign vector) in Sigma[Par_A]; the Morse check sum (-1)^index = 1; for convex losses
    without a minimum, an exact direction of decrease."""
    plot_path = output_plot(plot) if plot else None
    obj = resolve_spec(spec)
    with progress_bar(not as_json, "starts") as progress:
        labelled = _labelled(data, loss)
        result = landscape(obj, table, loss, None if labelled else _patterns(data, patterns), beta, weight_decay,
                           search, starts, progress=progress, labelled=labelled)
    payload = result.to_dict()
    if plot_path:
        from ..report.beyond import landscape_figure
        from ..analysis.landscape import objective_for
        landscape_figure(result, objective_for(obj, loss, table, None if labelled else _patterns(data, patterns),
                                               beta, weight_decay, labelled), Path(plot_path))
        payload["plot"] = str(plot_path)
    emit(as_json, payload, result.lines() + ([f"plot: {plot_path}"] if plot_path else []))

"""``weightspace atlas`` and ``weightspace catalog list|query``: the report and its results catalog."""

from __future__ import annotations

import sys

import typer

from ..errors import InvalidInput
from .app import app
from .common import JSON, command, emit


catalog_app = typer.Typer(no_args_is_help=True, help="The results catalog of an atlas directory.")
app.add_typer(catalog_app, name="catalog")


@app.command("atlas")
@command
def atlas_command(out: str = typer.Option("atlas", "--out", help="Output directory."),
                  max_inputs: int = typer.Option(6, "--max-inputs", help="Threshold sections for n = 1..N (<= 7)."),
                  resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
                  recompute: bool = typer.Option(False, "--recompute", help="Recompute results already stored."),
                  four_nodes: int = typer.Option(0, "--four-nodes", help="Also the 4-node Hopfield results: exact "
                                                 "zero-diagonal and symmetric zero-diagonal k = 1, 2 and a free "
                                                 "two-step estimate from this "
                                                 "many samples (e.g. 2000; about 8 minutes)."),
                  neural_ot: bool = typer.Option(False, "--neural-ot", help="Also the quick neural-ot experiment "
                                                 "in the training-dynamics section (about 40 s more)."),
                  workers: int = typer.Option(2, "--workers", help="Sections computed concurrently (processes); 1: "
                                                                   "one after another."),
                  as_json: bool = JSON) -> None:
    """Compute the standard tables and figures into OUT/index.html, OUT/catalog.sqlite and OUT/results.json."""
    from ..report.atlas import build_atlas
    from ..validation import check_number
    check_number(workers, "--workers", minimum=1, maximum=64, integer=True)

    def announce(seconds: float) -> None:
        typer.echo(f"atlas: estimated {seconds:.0f} s on {workers} worker{'s' if workers > 1 else ''}", err=True)

    options = dict(four_nodes=four_nodes, neural_ot=neural_ot, workers=workers, announce=announce)
    if not as_json and sys.stderr.isatty():
        from rich.console import Console
        console = Console(stderr=True)
        with console.status("atlas") as status:
            run = build_atlas(out, max_inputs, recompute, resume,
                              lambda message, index, total: status.update(f"[{index + 1}/{total}] {message}"),
                              **options)
    else:
        run = build_atlas(out, max_inputs, recompute, resume, **options)
    payload = run.to_dict()
    emit(as_json, payload, [f"atlas written to {payload['index']} in {payload['seconds']:.0f} s (estimated "
                             f"{payload['estimated_seconds']:.0f} s)",
                             f"catalog: {payload['catalog']}  results: {payload['results']}"])


def _existing_catalog(directory: str):
    """The catalog of an atlas directory, opened without writing, or one line saying there is none."""
    from pathlib import Path
    from ..catalog import open_catalog
    if not (Path(directory) / "catalog.sqlite").exists():
        raise InvalidInput(f"no catalog in {directory} (run `weightspace atlas --out {directory}` first)")
    return open_catalog(directory, create=False)


@catalog_app.command("list")
@command
def catalog_list(directory: str = typer.Option("atlas", "--dir", help="Atlas directory."),
                 as_json: bool = JSON) -> None:
    """Every stored result: key, section, command, version, seconds."""
    entries = _existing_catalog(directory).entries()
    payload = {"results": [{"key": e.key, "section": e.section, "command": e.command, "version": e.version,
                            "created": e.created, "seconds": e.seconds} for e in entries]}
    emit(as_json, payload, [f"{e.key:<40} {e.seconds:8.2f} s  {e.command}" for e in entries])


@catalog_app.command("query")
@command
def catalog_query(sql: str = typer.Argument(..., help="A read-only SQL query on tables results / sections."),
                  directory: str = typer.Option("atlas", "--dir", help="Atlas directory."),
                  timeout: float = typer.Option(60.0, "--timeout", help="Stop the query after this many seconds."),
                  max_rows: int = typer.Option(100_000, "--max-rows", help="Refuse a result with more rows."),
                  as_json: bool = JSON) -> None:
    """Run SQL on the catalog, e.g. "SELECT key, json_extract(value, '$.chambers') FROM results".
    Only queries run (SELECT / WITH / VALUES), read-only: nothing can be written, attached or copied."""
    columns, rows = _existing_catalog(directory).query(sql, timeout=timeout, max_rows=max_rows)
    payload = {"columns": columns, "rows": [list(r) for r in rows]}
    emit(as_json, payload, ["\t".join(columns)] + ["\t".join(map(str, r)) for r in rows])

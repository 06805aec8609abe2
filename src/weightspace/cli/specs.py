"""``weightspace specs``: the kinds of spec every command accepts."""

from __future__ import annotations

from ..specs import REGISTRY
from .app import app
from .common import JSON, command, emit


@app.command("specs")
@command
def specs_command(as_json: bool = JSON) -> None:
    """List the spec kinds of the registry (threshold:N, hopfield:N:C, resonance:N, hyperplanes:FILE, ...)."""
    rows = [{"kind": k.name, "syntax": k.syntax, "help": k.help, "countable": k.count is not None,
             "unit": k.unit if k.count is not None else None, "example": k.example} for k in REGISTRY.values()]
    emit(as_json, {"specs": rows}, [f"{r['syntax']:<32} {r['help']}" for r in rows])

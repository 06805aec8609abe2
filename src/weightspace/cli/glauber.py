"""``weightspace glauber --W .. --theta .. --beta B``: the stochastic network at inverse temperature B against its
deterministic limit, and (symmetric, zero diagonal) its stationary law against Boltzmann's."""

from __future__ import annotations

import typer

from ..arch.hopfield import parse_matrix, parse_vector
from ..arch.hopfield.glauber import boltzmann_check, deterministic_limit
from .app import app
from .common import JSON, command, emit


@app.command("glauber")
@command
def glauber_command(W: str = typer.Option(..., "--W", help="Weights as rows, e.g. '0,1;1,0' (rationals allowed)."),
                    theta: str = typer.Option(..., "--theta", help="Thresholds, e.g. '-1/2,-1/2'."),
                    beta: str = typer.Option("1,2,4,8", "--beta", help="Inverse temperatures (rationals), e.g. "
                                                                       "1,2,4."),
                    as_json: bool = JSON) -> None:
    """Glauber dynamics: each unit turns on with probability sigma(beta (W x + theta)). Per beta: the total-variation
    distance of the kernel from the deterministic map, the distance delta to the nearest wall and the bounds
    1 - sigma(beta delta sqrt(n+1)) <= max TV <= 1 - sigma(beta delta)^n; for symmetric W with zero diagonal, the
    random-scan stationary law against exp(-beta E) / Z."""
    matrix = parse_matrix(W)
    thresholds = parse_vector(theta, len(matrix))
    betas = [b.strip() for b in beta.split(",") if b.strip()]
    rows = [deterministic_limit(matrix, thresholds, b) for b in betas]
    payload = {"nodes": len(matrix), "limits": [r.to_dict() for r in rows]}
    lines = [f"distance to the nearest wall: delta = {rows[0].delta:.6g}" +
             (" (on a wall: the limit is not deterministic there)" if rows[0].on_a_wall else "")]
    for r in rows:
        lines.append(f"  beta = {r.beta:g}: max TV = {r.max_tv:.6g}   bounds [{r.lower_bound:.6g}, "
                     f"{r.upper_bound:.6g}]")
    symmetric = all(matrix[i][j] == matrix[j][i] for i in range(len(matrix)) for j in range(len(matrix))) and \
        not any(matrix[i][i] for i in range(len(matrix)))
    if symmetric:
        check = boltzmann_check(matrix, thresholds, betas[0])
        payload["boltzmann"] = {"beta": rows[0].beta, **check}
        lines.append(f"random-scan stationary law at beta = {rows[0].beta:g} equals exp(-beta E)/Z: "
                     f"{'yes' if check['agree'] else 'NO'} (max difference {check['max_difference']:.1e}, "
                     "certified balls)")
    emit(as_json, payload, lines)

"""``weightspace demo``: a ten-second taste, the two-node Hopfield example recomputed (it reuses the
``example4`` claim)."""

from __future__ import annotations

from .. import library
from ..arch.hopfield import one_step_chambers
from ..arch.threshold import count_threshold
from ..claims import example4
from ..domain import cube01
from .app import app
from .common import JSON, command, emit


@app.command("demo")
@command
def demo(as_json: bool = JSON) -> None:
    """The two-node Hopfield example of the source documents, computed afresh (Example 4, Corollary 1.1)."""
    claim = example4(one_step_chambers(2))
    g2 = count_threshold(cube01(2)).count
    network = library.hopfield(2)
    example, impossible = network.realize("1,0,0,2"), network.realize("0,1,1,0")
    evidence = claim.evidence
    payload = {"threshold_functions_2_inputs": g2, "maps": evidence["maps"],
               "realizable_maps": evidence["realizable"], "certified_impossible_maps": evidence["certified_impossible"],
               "claim": claim.status,
               "example_witness": example.to_dict()["witness"], "xor_certificate": impossible.to_dict()["certificate"]}
    witness = example.witness.to_dict()
    lines = [
        "weightspace demo: a 2-node Hopfield network x -> H(W x + theta) on {0,1}^2",
        f"  threshold functions of 2 inputs: g(2) = {g2} (chambers of 4 planes in R^3)",
        f"  maps {{0,1}}^2 -> {{0,1}}^2: {evidence['maps']}; realisable: {evidence['realizable']} = {g2}^2; "
        f"certified impossible: {evidence['certified_impossible']}",
        f"  map 1,0,0,2 is realised by W = {witness['W']}, theta = {witness['theta']}",
        "  map 0,1,1,0 (unit 1 computes XOR) is impossible: "
        + ", ".join(f"{t['multiplier']}*[unit {t['unit']}, input {t['input']}]" for t in impossible.certificate.terms)
        + " sums to zero for every (W, theta)",
    ]
    emit(as_json, payload, lines)

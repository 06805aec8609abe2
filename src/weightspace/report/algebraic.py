"""The atlas section on polynomial and linear networks: a table of neuromanifold dimensions and the ED-degree
examples of the source (computed, stored in the catalog, rendered as HTML)."""

from __future__ import annotations

import html
from typing import Callable

from ..catalog import Catalog

DIMENSION_NETWORKS = ("poly:2,2,1:2", "poly:2,2,1:3", "poly:2,1,1:3", "poly:2,2,2,1:2", "poly:3,2,1:2",
                      "poly:3,5,1:4", "poly:5,7,1:3", "poly:3,3,3:2", "linear:3,2,3", "linear:2,3,1,3",
                      "lcn:2,3", "lcn:3,3:2,1")
AFFINE_NETWORKS = ("poly:2,2,1:2:bias", "poly:2,2,1:t^2+t", "poly:2,2,1:t^2+1", "poly:3,2,1:t^2+t:bias",
                   "poly:2,2,2,1:2:bias", "poly:2,2,1:3:bias", "poly:2,2,1:t^3+t:bias", "poly:3,3,3:2:bias",
                   "poly:3,2,2:t+1:bias", "pcn:6:3,2:1,1:2", "pcn:8:4,3,2:1,2,1:2")
SINGULAR_NETWORKS = ("linear:3,2,3", "poly:2,2,1:4", "poly:2,1,1:3")
DATA_SWEEPS = (("poly:2,1,1:3", (1, 2, 3)), ("linear:2,1,2", (2,)))
EDD_EXAMPLES = (("circle", "identity", None), ("circle", ((4, 0), (0, 1)), None), ("cusp", "identity", None),
                ("rank1", "identity", None), ("rank1", "generic", None), ("lightning", "generic", 0),
                ("lightning", "generic", 1), ("lightning", "generic", 2), ("lightning", "generic", 3))


def algebraic_results() -> dict:
    """Dimensions of small networks and ED degrees of the named varieties. Without Singular the lightning rows
    (about a minute each in sympy) are left out, and the section says so.

    Returns
    -------
    dict
        The dimension and ED-degree rows.
    """
    from ..algebraic import ed_degree, named_variety, neuromanifold_dimension
    from ..algebraic.ideals import singular_path
    from ..specs import resolve

    dimensions = [neuromanifold_dimension(resolve(spec)).to_dict() for spec in DIMENSION_NETWORKS + AFFINE_NETWORKS]
    rows = []
    for name, Q, kernel in EDD_EXAMPLES:
        if name == "lightning" and not singular_path():
            continue
        equations, variables = named_variety(name)
        result = ed_degree(equations, variables, Q if isinstance(Q, str) else [list(r) for r in Q],
                           kernel_dimension=kernel)
        rows.append({"variety": name, "Q": result.Q_kind if isinstance(Q, str) else str([list(r) for r in Q]),
                     **{k: v for k, v in result.to_dict().items() if k in ("ed_degree", "components", "method",
                                                                           "confirmation", "seconds")}})
    from ..algebraic.data_q import data_ed_sweep
    sweeps = {spec: data_ed_sweep(resolve(spec), counts) for spec, counts in DATA_SWEEPS} if singular_path() else {}
    from ..algebraic.singular import singular_locus
    loci = [{k: v for k, v in singular_locus(resolve(spec)).items() if k != "equations"}
            for spec in SINGULAR_NETWORKS] if singular_path() else []
    return {"dimensions": dimensions, "edd": rows, "singular": bool(singular_path()), "data_sweeps": sweeps,
            "singular_loci": loci}


def algebraic_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    """The section's results, from the catalog when stored (computed and stored otherwise).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the section.

    Returns
    -------
    dict
        The results.
    """
    tick("polynomial and linear networks")
    return catalog.compute("algebraic", "algebraic/dimensions+edd/affine+singular", algebraic_results,
                           "weightspace neuromanifold --arch ARCH --widths W --json; "
                           "weightspace edd --variety NAME --Q Q [--kernel-dim K] --json", recompute)


def algebraic_html(data: dict, table: Callable[..., str]) -> list[str]:
    """The HTML of the section (``table`` is the report's table helper).

    Parameters
    ----------
    data
        The section's results.
    table
        The report's table helper.

    Returns
    -------
    list of str
        HTML fragments.
    """
    parts = ["<h2 id='algebraic'>Polynomial and linear networks: neuromanifolds and ED degrees</h2>",
             "<p>Dimension of the neuromanifold = generic rank of the Jacobian of the parametrisation, computed "
             "exactly (mod 2<sup>61</sup>&minus;1 and over QQ); <em>certified</em> when it meets the expected "
             "dimension min(#parameters &minus; #symmetries, ambient). The Alexander&ndash;Hirschowitz cases "
             "poly:3,5,1:4 and poly:5,7,1:3 and the quadrics poly:3,2,1:2 are defective. Rows with <code>:bias</code> "
             "have affine layers, rows with a polynomial in t have that activation, and pcn rows are polynomial "
             "convolutional networks (dimension #parameters &minus; (L &minus; 1), Shahverdi et al. 2024); "
             "their upper bound counts only the symmetries proven for that activation and the degrees that can "
             "occur (and, for a quadratic activation feeding one output, the orthogonal group of the sum of "
             "squares).</p>"]
    parts.append(table(["network", "dimension", "expected", "upper bound", "ambient", "fills", "defective",
                        "certified"],
                       [[d["spec"], d["dimension"], d["expected_dimension"], d.get("upper_bound", ""),
                         d["ambient_dimension"],
                         "yes" if d["fills"] else "no", "yes" if d["defective"] else "no",
                         "yes" if d["certified"] else f"p &le; {d['error_probability']:.0e}"]
                        for d in data["dimensions"]], "neuromanifold-table", {0}))
    parts.append("<p>Euclidean distance degrees: the saturated critical ideal at a random data point u, Gr&ouml;bner "
                 "bases over GF(2<sup>31</sup>&minus;1) confirmed over a second prime. For positive semidefinite Q "
                 "(kernel dimension k) the zero-loss set M &cap; (u + ker Q) is listed apart.</p>")
    rows = []
    for r in data["edd"]:
        parts_text = "; ".join(f"{p['part']}: dim {p['dimension']}, degree {p['degree']}" for p in r["components"])
        rows.append([r["variety"], html.escape(str(r["Q"])), "&infin;" if r["ed_degree"] is None else r["ed_degree"],
                     parts_text, html.escape(r["method"])])
    parts.append(table(["variety", "Q", "ED degree", "critical set", "method"], rows, "edd-table", {0, 1, 3, 4}))
    sweep_rows = []
    for spec, rows_ in data.get("data_sweeps", {}).items():
        for r in rows_:
            sweep_rows.append([spec, r["points"], r["rank_Q"], r["kernel_dimension"],
                               "yes" if r["hankel"] else "no", _count(r["data"]), _count(r["generic"])])
    if sweep_rows:
        parts.append("<p>The Q that data builds (Q = A<sup>T</sup>A of N random integer points, a moment matrix) "
                     "against a random positive semidefinite Q with the same kernel dimension, at the same u; the "
                     "zero-loss set in parentheses (<code>weightspace edd --net SPEC --sweep N1,N2</code>).</p>")
        parts.append(table(["network", "N", "rank Q", "kernel", "Hankel", "ED degree, data Q", "ED degree, generic Q"],
                           sweep_rows, "data-q-table", {0, 5, 6}))
    if data.get("singular_loci"):
        parts.append("<p>Singular points and sparse subnetworks: Sing(M) from the equations and the c-minors of "
                     "their Jacobian, against the neuromanifold of the subnetwork with one neuron fewer, by two "
                     "saturations (<code>weightspace neuromanifold ... --singular</code>).</p>")
        parts.append(table(["network", "dim M", "dim Sing(M)", "subnetwork", "sub in Sing", "Sing in sub"],
                           [[r["spec"], r["dimension"], r["singular_dimension"], r["subnetwork"],
                             "yes" if r["subnetwork_in_singular"] else "no",
                             "yes" if r["singular_in_subnetwork"] else "no"] for r in data["singular_loci"]],
                           "singular-table", {0, 3}))
    if not data["singular"]:
        parts.append("<p>The lightning rows need Singular (Debian's <code>singular</code>) to run in seconds; "
                     "they were left out (and the data-Q table).</p>")
    return parts


def _count(part: dict) -> str:
    zero = [c for c in part["components"] if c["part"] == "zero-loss"]
    return ("&infin;" if part["ed_degree"] is None else str(part["ed_degree"])) + \
        (f" (zero-loss: dim {zero[0]['dimension']}, degree {zero[0]['degree']})" if zero else "")


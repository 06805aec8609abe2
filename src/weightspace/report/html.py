"""The atlas as one self-contained HTML page (inline CSS, figures as PNG files next to it, no network)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th { background: #f0f0f0; } td.l { text-align: left; font-family: monospace; }
.holds { color: #176117; font-weight: bold; } .fails { color: #a11; font-weight: bold; }
figure { margin: 1em 0; } figcaption { font-size: 0.85em; color: #555; }
code, pre { background: #f6f6f6; } pre { padding: 0.5em; overflow-x: auto; font-size: 0.85em; }
nav a { margin-right: 1em; }
"""


def _table(headers: list[str], rows: list[list[Any]], table_id: str, left: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{' class=l' if i in left else ''}>{html.escape(str(v))}</td>"
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f'<table id="{table_id}" class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _figure(name: str, caption: str) -> str:
    return f'<figure><img src="{html.escape(name)}" alt="{html.escape(caption)}" width="800">' \
           f'<figcaption>{html.escape(caption)}</figcaption></figure>'


def write_html(directory: Path, data: dict, figures: dict[str, str], meta: dict, catalog) -> Path:
    """Write ``index.html`` of the atlas: every section's tables and figures, the run's metadata and the catalog's
    provenance.

    Parameters
    ----------
    directory
        The atlas directory.
    data
        Every section's results.
    figures
        Name -> figure file.
    meta
        The run's metadata.
    catalog
        The results catalog.

    Returns
    -------
    Path
        The HTML file written.
    """
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>weightspace atlas</title>"
             f"<style>{CSS}</style></head><body>",
             "<h1>weightspace atlas</h1>",
             f"<p>Exact geometry of parameter spaces, computed afresh by weightspace {html.escape(meta['version'])} "
             f"on {html.escape(meta['generated'])}. Every number below is stored in <code>catalog.sqlite</code> "
             "with the command that produced it (query it with <code>weightspace catalog query</code>) and in "
             "<code>results.json</code>.</p>",
             "<nav><a href='#threshold'>Threshold arrangements</a><a href='#hopfield'>Hopfield networks</a>"
             "<a href='#claims'>Claims</a><a href='#learning'>Learning</a><a href='#relu'>ReLU networks</a>"
             "<a href='#compare'>Isomorphism</a><a href='#memory'>Memories</a>"
             "<a href='#algebraic'>Polynomial networks</a><a href='#beyond'>Beyond</a><a href='#experiments'>Training dynamics</a>"
             "<a href='#catalog'>Catalog</a></nav>"]
    threshold = data["threshold"]
    parts.append("<h2 id='threshold'>Threshold arrangements</h2>")
    parts.append("<p>A threshold unit <code>x &#8614; H(w&middot;x + b)</code> on {0,1}<sup>n</sup> has one "
                 "hyperplane <code>w&middot;x + b = 0</code> per input point in parameter space; its chambers are "
                 "the threshold functions. Counts by NP-class enumeration (exact witnesses and certificates), "
                 "characteristic polynomials from one flat per orbit of the cube's symmetry group (Zaslavsky: "
                 "chambers = |&chi;(-1)|, the same numbers by a second route), f-vectors by face enumeration.</p>")
    rows = [[r["n"], r["chambers"], r["np"], r["npn"], r.get("charpoly", ""), r.get("resonance_chambers", ""),
             ", ".join(map(str, r.get("f_vector", [])))] for r in threshold["rows"]]
    parts.append(_table(["n", "T(n)", "NP classes", "NPN classes", "characteristic polynomial",
                         "resonance chambers", "f-vector (dim 0..n+1)"], rows, "threshold-table", {4, 6}))
    parts.append(_figure(figures["sphere"], "The 14 chambers of the 2-input threshold arrangement on the sphere."))
    parts.append(_figure(figures["growth"], "Chamber counts and class counts against n."))
    parts.append(_figure(figures["hasse_threshold1"], "Face poset of the 1-input threshold arrangement."))
    parts.append(_figure(figures["hasse_threshold2"], "Face poset of the 2-input threshold arrangement."))
    parts.append("<h3>Minimal integer weights of every NP class</h3><p>min |w|<sub>1</sub> + |b| over integer "
                 "realisations, proved minimal by exhaustive search.</p>")
    for n, table in threshold["minimal_weights"].items():
        parts.append(f"<h4>n = {n}</h4>")
        parts.append(_table(["truth table", "w", "b", "|w|+|b|", "true points"],
                            [[r["table"], r["w"], r["b"], r["total"], r["true_points"]] for r in table],
                            f"minimal-weights-{n}", {0, 1}))
    hopfield = data["hopfield"]
    parts.append("<h2 id='hopfield'>Hopfield networks</h2>")
    parts.append("<p>Maps {0,1}<sup>n</sup> &rarr; {0,1}<sup>n</sup> realised by k synchronous steps "
                 "<code>x &#8614; H(Wx + &theta;)</code> or k asynchronous sweeps, under each weight constraint, "
                 "by composing the exactly enumerated one-step chambers.</p>")
    for n, table in hopfield["tables"].items():
        grouped: dict = {}
        for row in table:
            order = row["order"]
            mode = row["update"] if order is None else f"async, order {order if order == 'any' else ''.join(map(str, order))}"
            grouped.setdefault((row["weights"], mode), {})[row["steps"]] = row["maps"]
        steps = sorted({row["steps"] for row in table})
        parts.append(f"<h3>{n} nodes</h3>")
        parts.append(_table(["weights", "update"] + [f"k = {k}" for k in steps],
                            [[w, m] + [counts[k] for k in steps] for (w, m), counts in grouped.items()],
                            f"hopfield-table-{n}", {0, 1}))
        parts.append(_figure(figures[f"hopfield{n}"], f"Realised maps against k for {n} nodes."))
    if hopfield.get("four_nodes"):
        four = hopfield["four_nodes"]
        estimate = four["free_estimate"]
        n = four["nodes"]
        parts.append(f"<h3>{n} nodes</h3><p>Zero-diagonal weights: exact, by composing the streamed product of all "
                     "one-step chambers (other sweep orders are relabellings of 1..n: same counts; any order is "
                     "the union of the relabelled maps). Symmetric zero-diagonal weights (the classic Hopfield "
                     "network): exact, by composing every one-step chamber, listed by eliminating the thresholds "
                     "(chambers of the weights' order arrangement times the cuts of each unit's order) and checked "
                     "against Zaslavsky's count. Free weights, two synchronous steps: too many maps to "
                     "deduplicate; an "
                     "unbiased <em>estimate</em> from the identity #{F&#8728;F} = &Sigma;<sub>F</sub> 1/r(F&#8728;F), "
                     "with the number of square roots r counted exactly for each sampled one-step map F.</p>")
        def update(r):
            order = r.get("order")
            return r.get("update", "sync") + ("" if order is None else " " + (order if order == "any" else
                                                                               "".join(map(str, order))))
        rows = [[weights, update(r), r["steps"], f"{r['maps']:,}", "exact", f"{r['one_step_chambers']:,}"]
                for weights in ("zero-diagonal", "symmetric-zero-diagonal")
                for r in four.get(weights.replace("-", "_"), [])]
        low, high = estimate["ci95"]
        rows.append(["free", "sync", 2, f"{estimate['estimate']:.4g} ± {estimate['standard_error']:.2g}",
                     f"estimate, 95% interval {low:.4g} .. {high:.4g}, {estimate['samples']} samples",
                     f"{estimate['one_step_maps']:,}"])
        parts.append(_table(["weights", "update", "k", "maps", "kind", "one-step maps"], rows,
                            "hopfield-four-nodes", {0, 1, 4}))
    parts.append("<h3>The shape of Par<sub>f</sub><sup>k</sup></h3><p>For every realised map: is its set of "
                 "parameters (a union of one-step chambers) connected through facets, and is it convex "
                 "(exact test)?</p>")
    rows = []
    for name, summaries in hopfield["structure"].items():
        for s in summaries:
            rows.append([name, s["steps"], s["maps"], s["connected"], s["disconnected"], s["convex"],
                         s["non_convex"], s["largest_cell"], s["most_components"]])
    parts.append(_table(["nodes/weights", "k", "maps", "connected", "disconnected", "convex", "not convex",
                         "largest cell (chambers)", "most components"], rows, "cells-table", {0}))
    parts.append(_figure(figures["cells"], "Convexity and connectivity of the cells, 2 nodes, free weights."))
    parts.append("<h2 id='claims'>Claims of the source documents</h2>")
    rows = []
    for claim in data["claims"]["claims"]:
        rows.append([claim["id"], claim.get("nodes") or "2, 3", claim["status"].upper(), claim["statement"],
                     claim.get("reading", "")])
    parts.append(_table(["id", "n", "verdict", "statement", "reading checked"], rows, "claims-table", {0, 3, 4}))
    for claim in data["claims"]["claims"]:
        evidence = claim["evidence"]
        anchor = claim["id"] + (f"-n{claim['nodes']}" if claim.get("nodes") else "")
        parts.append(f"<h4 id='claim-{html.escape(anchor)}'>{html.escape(claim['id'])}"
                     + (f" (n = {claim['nodes']})" if claim.get("nodes") else "") + ": "
                     f"<span class='{claim['status']}'>{claim['status'].upper()}</span></h4>"
                     f"<p>{html.escape(claim['statement'])}</p>"
                     + (f"<p><em>Reading checked:</em> {html.escape(claim['reading'])}</p>" if claim.get("reading")
                        else ""))
        if claim["status"] == "fails" and "network" in evidence:
            network = evidence["network"]
            parts.append(f"<p>Counterexample: W = <code>{network['W']}</code>, &theta; = "
                         f"<code>{network['theta']}</code>.</p>")
            trajectories = evidence.get("trajectories", [])
            if trajectories:
                parts.append(_table(["input", "states"], [[t["input"], " → ".join(
                    map(str, t.get("trajectory") or t.get("states_after_each_unit")))] for t in trajectories],
                    f"trajectory-{claim['id']}", {1}))
        parts.append("<details><summary>evidence (JSON)</summary><pre>" +
                     html.escape(__import__("json").dumps(evidence, indent=1)[:4000]) + "</pre></details>")
    if "learning" in data:
        curve = data["learning"]["capacity"]
        parts.append("<h2 id='learning'>Learning: storage capacity</h2>")
        parts.append("<p>Random patterns in {0,1}<sup>64</sup> stored by each rule; a pattern counts as stored when it "
                     "is a fixed point of the learned network, checked in integer arithmetic; recall flips 10% of "
                     "the bits and runs asynchronous sweeps.</p>")
        parts.append(_table(["rule", "patterns", "trials", "fraction stored", "all stored (trials)", "recalled"],
                            [[r["rule"], r["patterns"], r["trials"], f"{r['fraction_stored']:.3f}",
                              f"{r['all_stored_fraction']:.2f}", f"{r['recall_fraction']:.2f}"]
                             for r in curve["rows"]], "capacity-table", {0}))
        if "capacity" in figures:
            parts.append(_figure(figures["capacity"], "Storage capacity at n = 64."))
    if "relu" in data:
        parts.append("<h2 id='relu'>ReLU networks: exact linear regions</h2>")
        parts.append("<p>Activation regions (constant pattern 1[z &gt; 0]) and linear regions (maximal connected sets "
                     "where the network is affine) by exact polytope splitting; the LP column recounts activation "
                     "regions by certified LP enumeration. Bounds are for the architecture: Serra et al. 2018, "
                     "Montúfar et al. 2014/2017, 2<sup>N</sup> patterns; Montúfar et al.'s lower bound on the "
                     "maximum over all weights in the last column.</p>")
        parts.append(_table(["network", "domain", "linear regions", "activation regions", "LP", "bounded",
                             "Serra bound", "Montúfar bound", "2^N", "max lower bound"],
                            [[r["network"], r["domain"], r["regions"], r["activation_regions"],
                              r.get("lp_activation_regions", "-"), r["bounded_regions"], r["serra"], r["montufar"],
                              r["patterns"], r["montufar_lower"] if r["montufar_lower"] is not None else "-"]
                             for r in data["relu"]["rows"]], "relu-table", {0, 1}))
        if "relu" in figures:
            parts.append(_figure(figures["relu"], "Activation regions of a [2, 16, 16, 1] network with integer "
                                                  "weights on [-4, 4]^2, coloured by linear region."))
    if "compare" in data:
        yes = lambda v: "yes" if v else "no"                                          # noqa: E731
        parts.append("<h2 id='compare'>When do two arrangements cut parameter space the same way?</h2>")
        parts.append("<p>Three notions, each decided exactly with a witness: isomorphic intersection lattices "
                     "(combinatorial), isomorphic face posets (oriented matroids), and an exact affine change of "
                     "parameters (geometric). A negative answer names the first invariant that separates the pair.</p>")
        parts.append(_table(["A", "B", "combinatorial", "face poset", "geometric", "separated by"],
                            [[r["a"], r["b"], yes(r["combinatorial"]), yes(r["face-poset"]), yes(r["geometric"]),
                              r.get("separating", "-")] for r in data["compare"]["pairs"]], "compare-table", {0, 1, 5}))
        parts.append("<p>One threshold unit on 6 data points in the plane: chambers (dichotomies) against Cover's "
                     "count 2 &Sigma;<sub>k&le;d</sub> C(m-1, k), the VC dimension on the data, and isomorphism with "
                     "the first generic data set.</p>")
        parts.append(_table(["data", "general position", "chambers", "Cover", "VC dimension", "same lattice",
                             "same face poset"],
                            [[r["name"], yes(r["general_position"]), r["chambers"], r["cover"], r["vc_dimension"],
                              yes(r["same_lattice_as_generic"]), yes(r["same_face_poset_as_generic"])]
                             for r in data["compare"]["data"]], "data-table", {0}))
    if "memory" in data:
        memory = data["memory"]
        parts.append("<h2 id='memory'>Associative memories: capacity and forgetting</h2>")
        parts.append(f"<p>capacity(N): one less than the smallest number of random &plusmn;1 patterns whose stored "
                     f"fraction (exact fixed points of the asynchronous update, ties failing; mean over "
                     f"{memory['trials']} trials) falls below 0.95: a per-pattern criterion, so the theory set "
                     "against it is the one for each pattern stable (classical N / (2 ln N), not N / (4 ln N), which "
                     "is for all patterns at once). The fitted exponent k is that of the log-corrected law "
                     "N^k / ln N, the form of the theory. '-' means the fraction never fell below 0.95 up to 4096 "
                     "patterns; 'uninformative' that random, never stored states are fixed points as often, so the "
                     "criterion says nothing there.</p>")
        parts.append(_table(["model", "N", "capacity", "theory capacity", "theory", "fitted exponent",
                             "theory exponent"],
                            [[c["model"], ", ".join(str(r["nodes"]) for r in c["rows"]),
                              ", ".join(_capacity_cell(r) for r in c["rows"]),
                              ", ".join("-" if r.get("theory_capacity") is None else f"{r['theory_capacity']:.3g}"
                                        for r in c["rows"]),
                              c.get("theory", "-"),
                              "-" if c["exponent"] is None else f"{c['exponent']:.2f}",
                              "exponential" if c["theory_exponent"] is None else f"{c['theory_exponent']:g}"]
                             for c in memory["capacity"]], "memory-table", {0}))
        if "memory_capacity" in figures:
            parts.append(_figure(figures["memory_capacity"], "Capacity against N, with theory lines."))
        if "forgetting" in figures:
            parts.append(_figure(figures["forgetting"], "Sequential storage: the oldest and newest quarter of the "
                                                        "patterns still stored as patterns are added."))
        if "depth" in memory:
            from .area_sections import memory_depth_html
            parts.extend(memory_depth_html(memory["depth"], _table))
    if "algebraic" in data:
        from .algebraic import algebraic_html
        parts.extend(algebraic_html(data["algebraic"], _table))
    if "beyond" in data:
        from .beyond import beyond_html
        parts.extend(beyond_html(data["beyond"], _table, _figure, figures))
    if "experiments" in data:
        from .experiments import experiments_html
        parts.extend(experiments_html(data["experiments"], _table, _figure))
    entries = catalog.entries()
    parts.append("<h2 id='catalog'>Catalog</h2>")
    parts.append(_table(["key", "command", "version", "seconds"],
                        [[e.key, e.command, e.version, f"{e.seconds:.2f}"] for e in entries], "catalog-table",
                        {0, 1}))
    # the browser test reads how many images loaded from the body's data attribute
    parts.append("<script>window.addEventListener('load', function () { var ok = 0; "
                 "for (var i = 0; i < document.images.length; i++) { var im = document.images[i]; "
                 "if (im.complete && im.naturalWidth > 0) ok++; } "
                 "document.body.setAttribute('data-images-loaded', ok + '/' + document.images.length); });"
                 "</script>")
    parts.append("</body></html>")
    path = directory / "index.html"
    tmp = directory / "index.html.tmp"
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
    return path


def _capacity_cell(row: dict) -> str:
    """A measured capacity, '-' (never below the threshold) or 'uninformative' (random states as often fixed)."""
    if row.get("criterion_uninformative"):
        return "uninformative"
    return "-" if row["capacity"] is None else str(row["capacity"])

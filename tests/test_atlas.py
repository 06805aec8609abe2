"""The atlas: catalog behaviour, resume, and a real browser rendering of index.html (headless Chromium)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from weightspace.catalog import Catalog, open_catalog
from weightspace.report import sections as atlas_module      # the sections of the atlas
from weightspace.report.atlas import build_atlas
from conftest import require_tool

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def small_atlas(tmp_path_factory):
    directory = tmp_path_factory.mktemp("atlas")
    original = atlas_module.four_node_results
    with pytest.MonkeyPatch.context() as patch:      # the opt-in 4-node section, run at 3 nodes to stay quick
        patch.setattr(atlas_module, "four_node_results",
                      lambda samples, checkpoint: original(samples, checkpoint, nodes=3))
        run = build_atlas(directory, max_inputs=3, hopfield_nodes=(2,), capacity_trials=1, four_nodes=400)
    return directory, run


def test_atlas_outputs(small_atlas):
    directory, run = small_atlas
    assert (directory / "index.html").exists() and (directory / "results.json").exists()
    results = json.loads((directory / "results.json").read_text())
    assert [r["chambers"] for r in results["threshold"]["rows"]] == [4, 14, 104]
    assert results["threshold"]["rows"][1]["f_vector"] == [1, 12, 24, 14]
    statuses = {c["id"]: c["status"] for c in results["claims"]["claims"]}
    assert statuses["example4"] == "holds" and statuses["prop3-maps"] == "fails"
    for name in run.figures.values():
        assert (directory / name).stat().st_size > 1000
    four = results["hopfield"]["four_nodes"]
    assert [r["maps"] for r in four["zero_diagonal"] if r["update"] == "sync"] == [2744, 1788]
    assert [r["maps"] for r in four["zero_diagonal"] if r["order"] == "any"] == [3176, 956]
    # second routes: Zaslavsky (one flat per orbit) for k = 1; for k = 2 the chambers listed by deletion-restriction
    # in the full parameter space (the atlas lists them by eliminating the thresholds)
    from weightspace.arch.hopfield import count_dynamics, count_hopfield, one_step_chambers
    direct = one_step_chambers(3, "symmetric-zero-diagonal", route="direct")
    assert [r["maps"] for r in four["symmetric_zero_diagonal"] if r["update"] == "sync"] == \
        [count_hopfield(3, "symmetric-zero-diagonal").maps,
         count_dynamics(3, 2, weights="symmetric-zero-diagonal", chambers=direct).maps]
    estimate = four["free_estimate"]
    assert estimate["exact"] is False and estimate["samples"] == 400
    assert abs(estimate["estimate"] - 319_622) < 4 * estimate["standard_error"]
    page = (directory / "index.html").read_text()
    assert 'id="hopfield-four-nodes"' in page and "1,788" in page and "async any" in page and "estimate, 95% interval" in page
    four_table = page[page.index('id="hopfield-four-nodes"'):]
    assert "symmetric-zero-diagonal</td>" in four_table[:four_table.index("</table>")]
    assert list((directory / "checkpoints").glob("two-step-3-free-0.jsonl"))
    lab = results["experiments"]["student_teacher"]        # the lab's quick student-teacher sweep
    assert [r["regime"] for r in lab["rows"]][0] == "rich" and lab["rows"][-1]["regime"] == "lazy"
    assert 'id="experiments-table"' in page and (directory / "student-teacher.png").stat().st_size > 1000
    assert results["experiments"]["shown"] == ["student-teacher", "mean-field-dropout", "sgd-noise"]
    field = results["experiments"]["mean_field_dropout"]   # the measures of successive widths approach each other
    assert 0.3 < field["summary"]["rate_p0"] < 0.8
    noise = results["experiments"]["sgd_noise"]             # SGD reaches a global minimiser without augmentation
    assert noise["summary"]["final_over_initial_lr1"] < 1e-6 < noise["summary"]["final_over_initial_lr1_augmented"]
    for name in ("mean-field-dropout", "sgd-noise"):
        assert f'id="experiments-{name}-table"' in page and (directory / f"{name}.png").stat().st_size > 1000


def test_catalog_reuses_stored_results(small_atlas, monkeypatch):
    directory, _ = small_atlas
    catalog = open_catalog(directory)
    entry = catalog.get("threshold/classes/3")
    assert entry.value["chambers"] == 104 and "weightspace count threshold" in entry.command
    # a stored result is read, not recomputed: the function would fail if called
    assert catalog.compute("threshold", "threshold/classes/3", lambda: 1 / 0, "x")["chambers"] == 104
    frame = catalog.dataframe("SELECT key, seconds FROM results")
    assert "threshold/classes/3" in set(frame["key"])
    columns, rows = catalog.query("SELECT count(*) FROM results WHERE section = 'hopfield'")
    assert rows[0][0] >= 5


def test_interrupted_result_never_enters(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite")

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        catalog.compute("s", "s/key", interrupted, "cmd")
    assert catalog.get("s/key") is None
    assert catalog.compute("s", "s/key", lambda: {"v": 1}, "cmd") == {"v": 1}


def test_resume_after_interruption(tmp_path):
    """Interrupt inside the Hopfield section; a resumed run reads the threshold section back (same catalog entry,
    listed as resumed) and goes on from the Hopfield section. The second run is stopped in the claims section: a
    whole resumed run is the ordinary run, which ``small_atlas`` covers."""
    from weightspace.report import atlas, sections

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "hopfield_section", stop)
        with pytest.raises(KeyboardInterrupt):
            build_atlas(tmp_path, max_inputs=2, hopfield_nodes=(2,), capacity_trials=1)
    catalog = open_catalog(tmp_path)
    assert catalog.finished_sections() == {"threshold"}
    stamp = catalog.get("threshold/classes/2").created
    seen, original = {}, atlas.AtlasRun
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "claims_section", stop)
        patch.setattr(atlas, "AtlasRun", lambda directory: seen.setdefault("run", original(directory)))
        with pytest.raises(KeyboardInterrupt):
            build_atlas(tmp_path, max_inputs=2, resume=True, hopfield_nodes=(2,), capacity_trials=1)
    assert seen["run"].resumed == ["threshold"]
    catalog = open_catalog(tmp_path)
    assert catalog.finished_sections() == {"threshold", "hopfield"}
    assert catalog.get("threshold/classes/2").created == stamp


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_index_renders_in_headless_chromium(small_atlas, tmp_path):
    """Every image loads and every table is present in a real browser; a screenshot is kept as an artifact."""
    directory, _ = small_atlas
    browser = _chromium()
    require_tool(browser, "Debian's chromium (the browser test)")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=10000"]
    url = (directory / "index.html").as_uri()
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
    loaded = re.search(r'data-images-loaded="(\d+)/(\d+)"', dom)
    assert loaded, "the page's load handler did not run"
    assert loaded.group(1) == loaded.group(2) and int(loaded.group(2)) >= 6
    for table_id in ("threshold-table", "minimal-weights-3", "hopfield-table-2", "cells-table", "claims-table",
                     "capacity-table", "catalog-table"):
        assert f'id="{table_id}"' in dom
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "atlas-screenshot.png"
    subprocess.run(flags + [f"--screenshot={screenshot}", "--window-size=1200,1800", url], capture_output=True,
                   timeout=180)
    assert screenshot.exists() and screenshot.stat().st_size > 10_000


def test_sections_run_concurrently_with_the_same_results(tmp_path):
    """Issue 41: two sections on two worker processes give what they give one after another, each marked finished;
    the estimate is the longest-first schedule of the measured section times."""
    from weightspace.report.schedule import Job, estimate_seconds, run_jobs
    jobs = [Job("compare", "compare", "weightspace.report.area_sections", "compare_section"),
            Job("threshold", "threshold", "weightspace.report.sections", "threshold_section", {"max_inputs": 2})]
    seen: list[str] = []
    concurrent = run_jobs(tmp_path / "a", jobs, False, workers=2, progress=lambda message, done, total: seen.append(
        message))
    sequential = run_jobs(tmp_path / "b", jobs, False, workers=1)
    assert concurrent == sequential and set(concurrent) == {"compare", "threshold"}
    assert open_catalog(tmp_path / "a").finished_sections() == {"compare", "threshold"}
    assert len(seen) == 2 and "waiting for nothing" in seen[-1]
    assert estimate_seconds(jobs, 2, {"compare": 3.0, "threshold": 2.0}) == 3.0
    assert estimate_seconds(jobs, 1, {"compare": 3.0, "threshold": 2.0}) == 5.0
    assert estimate_seconds(jobs, 2, {"compare": 3.0, "threshold": 2.0}, finished={"compare"}) == 2.0

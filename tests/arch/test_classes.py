"""Counting threshold functions through NP classes: two routes, executors, checkpoints."""

import json
import os
import signal
import subprocess
import sys
import time
from itertools import permutations
from math import factorial

import numpy as np
import pytest

from weightspace import library
from weightspace.arrangement import chamber_complex, region_counts
from weightspace.arch.threshold import count_threshold, count_threshold_classes
from weightspace.arch.threshold.classes import canonical_permutation, chow, cube, orbit_size, permute_table
from weightspace.domain import cube01
from weightspace.errors import InvalidInput

from conftest import THRESHOLD_COUNTS

# OEIS A000617 (NP classes) and A001529 (NPN classes) of threshold functions of n or fewer inputs
NP_CLASSES = {1: 3, 2: 5, 3: 10, 4: 27, 5: 119, 6: 1113, 7: 29375}
NPN_CLASSES = {1: 2, 2: 3, 3: 6, 4: 15, 5: 63, 6: 567, 7: 14755}


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_class_counts_match_oeis(n):
    result = count_threshold_classes(n, workers=1)
    assert result.functions == {**THRESHOLD_COUNTS, 6: 15_028_134}[n]       # A000609
    assert result.np_classes == NP_CLASSES[n] and result.npn_classes == NPN_CLASSES[n]


def test_class_count_equals_zaslavsky_for_six_inputs():
    """n = 6 by classes against the characteristic polynomial would be slow; compare the two fast routes at 5."""
    assert count_threshold_classes(5, workers=1).functions == region_counts(library.threshold(5)).chambers


@pytest.mark.slow
def test_class_counts_seven_inputs():
    result = count_threshold_classes(7)
    assert (result.np_classes, result.npn_classes) == (NP_CLASSES[7], NPN_CLASSES[7])
    assert result.functions == 8378070864


def _group(n):
    """All 2^n n! input transformations as index arrays on the codes."""
    c = cube(n)
    images = []
    for perm in permutations(range(n)):
        for flips in range(2 ** n):
            target = np.zeros(c.N, dtype=np.int64)
            for j, p in enumerate(perm):
                target |= (((c.codes >> p) & 1) ^ ((flips >> j) & 1)) << j
            images.append(target)
    return np.array(images)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_classes_against_brute_force_group_action(n):
    """Independent route: enumerate all chambers, take orbits under the full NP group by brute force."""
    group = _group(n)
    complex_ = chamber_complex(library.threshold(n))
    tables = np.array([[s > 0 for s in c.signs] for c in complex_], dtype=bool)
    seen, orbits = set(), []
    for table in tables:
        images = table[group]                         # every transformed table
        keys = {row.tobytes() for row in images}
        key = min(keys)
        if key not in seen:
            seen.add(key)
            orbits.append(len(keys))
            # the canonical form used by the class enumeration lies in this orbit, with the same orbit size
            c = cube(n)
            positive = table.copy()
            for i in range(n):
                low = positive[(c.codes >> i) & 1 == 0]
                high = positive[((c.codes >> i) & 1 == 0).nonzero()[0] | (1 << i)]
                if np.any(low & ~high):
                    positive = positive[c.codes ^ (1 << i)]
            canonical = permute_table(positive, canonical_permutation(chow(positive, c)), c)
            assert canonical.tobytes() in keys
            assert orbit_size(canonical, c) == len(keys) == 2 ** n * factorial(n) // sum(
                (row == table).all() for row in images)
    result = count_threshold_classes(n, workers=1)
    assert len(orbits) == result.np_classes
    assert sum(orbits) == result.functions == len(tables)


def test_dask_local_cluster_matches_local():
    pytest.importorskip("distributed")
    local = count_threshold_classes(5, workers=1)
    before = dict(os.environ)
    distributed = count_threshold_classes(5, executor="dask", workers=2)
    assert distributed.executor == "dask"
    # distributed writes OMP_NUM_THREADS=1 and more into this process; the executor puts the environment back, or
    # every later subprocess (a PyTorch experiment, Singular) would run on one thread
    assert dict(os.environ) == before
    assert (distributed.functions, distributed.np_classes, distributed.npn_classes) == \
        (local.functions, local.np_classes, local.npn_classes)


def test_process_pool_matches_in_process():
    assert count_threshold_classes(6, workers=2).functions == count_threshold_classes(6, workers=1).functions


def test_checkpoint_resume_after_stop(tmp_path):
    partial = count_threshold_classes(6, workers=1, checkpoint=tmp_path, stop_after_layer=10)
    assert partial.functions == 0 and len(partial.layers) == 11
    resumed = count_threshold_classes(6, workers=1, checkpoint=tmp_path)
    assert resumed.resumed_layers == 10
    assert resumed.functions == 15_028_134                                  # A000609(6)


def test_kill_and_resume(tmp_path):
    """A real interruption: SIGKILL a running count, then the same command resumes and finishes correctly."""
    command = [sys.executable, "-m", "weightspace.cli", "count", "threshold", "--inputs", "7", "--workers", "1",
               "--checkpoint", str(tmp_path), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    state = tmp_path / "state.json"
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        try:
            if json.loads(state.read_text())["layer"] >= 30:
                break
        except (OSError, ValueError, KeyError):        # not written yet, or being replaced
            pass
        time.sleep(0.05)
    process.send_signal(signal.SIGSTOP)                # frozen first: the state read below is the state killed
    killed_at = json.loads(state.read_text())["layer"]
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL and 30 <= killed_at < 64
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    payload = json.loads(finished.stdout)
    assert payload["resumed_from_layer"] >= killed_at
    assert payload["chambers"] == 8378070864
    assert payload["classes"] == {"np": NP_CLASSES[7], "npn": NPN_CLASSES[7]}


def test_checkpoint_of_another_size_is_refused(tmp_path):
    count_threshold_classes(3, workers=1, checkpoint=tmp_path)
    with pytest.raises(InvalidInput):
        count_threshold_classes(4, workers=1, checkpoint=tmp_path)


def test_count_threshold_auto_uses_classes():
    result = count_threshold(cube01(5))
    assert result.method == "np-classes" and result.count == 94572
    assert result.details["classes"] == {"np": 119, "npn": 63}


@pytest.mark.slow
def test_class_counts_eight_inputs():
    """About 12 minutes on 2 cores; run by `python benchmarks/count_threshold.py --slow-tests`."""
    result = count_threshold_classes(8)
    assert result.functions == 17561539552946
    assert result.npn_classes == 1366318 and result.np_classes == 2730166

"""Shared fixtures: published reference values (OEIS, docs/references.md), expected values never used by the library."""

import pytest

# OEIS A000609: number of threshold functions of n inputs
THRESHOLD_COUNTS = {1: 4, 2: 14, 3: 104, 4: 1882, 5: 94572}
# OEIS A034997: chambers of the resonance arrangement
RESONANCE_COUNTS = {1: 2, 2: 6, 3: 32, 4: 370}


@pytest.fixture
def threshold_counts():
    return THRESHOLD_COUNTS


def require_tool(found: object, what: str) -> None:
    """An optional tool (Singular, Chromium, torch) the test needs: missing on a user's machine, the test is skipped
    with the reason; missing in CI (``CI=true``, which ``.ci/run`` sets), it fails, because CI installs it."""
    import os
    if found:
        return
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{what} is missing in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed (the README's test line installs it)")


@pytest.fixture(autouse=True)
def _environment_restored():
    """Every test leaves ``os.environ`` as it found it. A Dask LocalCluster started in a test writes its workers'
    settings (``OMP_NUM_THREADS=1`` and more) into this process; inherited by the later subprocesses (the
    transcripts, Singular), they ran PyTorch on one thread and doubled the suite's slowest steps."""
    import os
    before = dict(os.environ)
    yield
    if dict(os.environ) != before:
        os.environ.clear()
        os.environ.update(before)

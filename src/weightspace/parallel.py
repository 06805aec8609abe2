"""Executors for long computations: local processes or a Dask distributed cluster.

``Executor("local", workers)`` runs tasks in a process pool (in-process when ``workers == 1``);
``Executor("dask", workers, scheduler)`` submits them to a dask.distributed cluster at ``scheduler`` (a local
cluster when no address is given). Both yield results as tasks finish, so callers can checkpoint each one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import ClusterError, InvalidInput
from .validation import check_number


CONNECT_SECONDS = 30            # to reach a Dask scheduler


class Executor:
    """``local``: a process pool (or in-process for one worker); ``dask``: dask.distributed futures."""

    def __init__(self, kind: str, workers: int | None, scheduler: str | None):
        if kind not in ("local", "dask"):
            raise InvalidInput(f"unknown executor {kind!r}: use local or dask")
        self.name = kind
        if workers is not None:
            check_number(workers, "--workers", minimum=1, maximum=1024, integer=True)
        self.workers = workers or (os.cpu_count() or 1)
        self._pool = None
        self._client = None
        self._cluster = None
        self._environ: dict[str, str] | None = None
        if kind == "dask":
            # distributed's nannies write their workers' settings (OMP_NUM_THREADS=1, MALLOC_TRIM_THRESHOLD_, ...)
            # into this process's environment; they are put back on close, or every later subprocess (a Singular
            # run, a PyTorch experiment) would inherit one thread
            self._environ = dict(os.environ)
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError:  # pragma: no cover
                raise InvalidInput("the dask executor needs dask[distributed] (pip install 'weightspace[dask]')")
            # a lost scheduler becomes one ClusterError line; distributed's own multi-line log of it is kept quiet
            for name in ("distributed.client", "distributed.comm", "distributed.core", "distributed.batched"):
                logging.getLogger(name).setLevel(logging.CRITICAL)
            if scheduler:
                try:
                    self._client = Client(scheduler, timeout=CONNECT_SECONDS)
                except (OSError, TimeoutError) as error:
                    raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
        elif self.workers > 1:
            from concurrent.futures import ProcessPoolExecutor
            import multiprocessing
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=die_with_parent)

    def map_function(self, function, arguments: list):
        """Yield ``(index, function(*arguments[index]))`` as results finish.

        Raises
        ------
        ClusterError
            When the Dask scheduler is lost (a lost worker is replaced by Dask and costs only time).
        """
        if self._client is not None:
            from concurrent.futures import CancelledError

            from dask.distributed import as_completed
            futures = {self._client.submit(function, *a, pure=False): i for i, a in enumerate(arguments)}
            try:
                for future in as_completed(futures):
                    yield futures[future], future.result()
            except (CancelledError, OSError, TimeoutError) as error:
                # a lost worker is replaced by Dask itself (its tasks run again elsewhere); a lost scheduler
                # cancels every future: stop with one line, the checkpoint keeps what finished
                raise ClusterError(f"the Dask cluster was lost ({type(error).__name__}: "
                                   f"{' '.join(str(error).split())[:200]}); finished work is kept where the "
                                   f"command checkpoints: run it again to resume") from None
        elif self._pool is not None:
            from concurrent.futures import as_completed
            futures = {self._pool.submit(function, *a): i for i, a in enumerate(arguments)}
            for future in as_completed(futures):
                yield futures[future], future.result()
        else:
            for i, a in enumerate(arguments):
                yield i, function(*a)

    def close(self) -> None:
        """Release the workers. Tasks not started are cancelled; a local worker still busy (the caller was
        interrupted, or stopped reading results) is given two seconds and then terminated, so no process
        outlives the command."""
        if self._pool is not None:
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.join(timeout=2)          # an idle worker exits on the shutdown sentinel at once
                if process.is_alive():
                    process.terminate()
                    process.join(timeout=5)
            self._pool = None
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._environ is not None:
            os.environ.clear()
            os.environ.update(self._environ)
            self._environ = None


def die_with_parent(signal_number: int | None = None) -> None:
    """Worker initializer (and ``preexec_fn`` of external processes such as Singular): on Linux, ask the kernel to
    send ``signal_number`` (SIGTERM by default) to this process when its parent dies, so that even a parent killed
    by SIGKILL leaves nothing computing for nobody (elsewhere a no-op).

    Parameters
    ----------
    signal_number
        The signal to receive (default SIGTERM).
    """
    import sys
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal_number or signal.SIGTERM), 0, 0, 0)    # 1 = PR_SET_PDEATHSIG
        if os.getppid() == 1:                           # the parent died before the call
            os._exit(1)
    except (OSError, AttributeError):                   # pragma: no cover
        pass


Progress = Callable[[int, int], None]
"""The one progress signature of every long route: ``progress(done, total)``, ``total`` 0 while unknown."""


def config_key(**config: Any) -> str:
    """The key of one unit of checkpointed work: a hash of its full configuration (every setting that changes the
    result, the seed included), so a rerun with any setting changed never reuses a stored row.

    Parameters
    ----------
    **config
        Every setting that changes the result.

    Returns
    -------
    str
        20 hexadecimal digits of its SHA-256.

    Examples
    --------
    >>> config_key(rule="hebb", seed=0) == config_key(seed=0, rule="hebb") != config_key(rule="hebb", seed=1)
    True
    """
    text = json.dumps(config, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class JsonLinesCheckpoint:
    """An append-only JSON-lines file of finished results (``None`` path: nothing is stored).

    A line cut by an interruption is ignored on reading, so the result it held is simply computed again.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "log.jsonl")
    >>> with JsonLinesCheckpoint(path).appender() as append:
    ...     append({"task": 1})
    >>> JsonLinesCheckpoint(path).rows()
    [{'task': 1}]
    """

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None

    @classmethod
    def in_directory(cls, directory: str | Path | None, filename: str) -> "JsonLinesCheckpoint":
        """``directory/filename`` (the directory is created), or no checkpoint when ``directory`` is empty."""
        if not directory:
            return cls(None)
        Path(directory).mkdir(parents=True, exist_ok=True)
        return cls(Path(directory) / filename)

    def keyed(self) -> dict[str, dict]:
        """The finished rows stored with a ``"key"`` (a [`config_key`][weightspace.parallel.config_key]), by key;
        rows without one (an older format) are not reused."""
        return {row["key"]: row for row in self.rows() if isinstance(row.get("key"), str)}

    def rows(self) -> list[dict]:
        """The finished rows; a line that is not a JSON object (cut by a crash, or stray bytes) is skipped.

        Raises
        ------
        InvalidInput
            When the path is a directory.
        """
        if self.path is None or not self.path.exists():
            return []
        if self.path.is_dir():
            raise InvalidInput(f"--checkpoint: {self.path} is a directory, not a checkpoint file")
        rows = []
        for line in self.path.read_bytes().decode("utf-8", errors="replace").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue            # a line cut by an interruption
            if isinstance(row, dict):
                rows.append(row)
        return rows

    @contextmanager
    def appender(self) -> Iterator:
        """A function that appends one row and flushes it (a no-op without a path). A last line torn by a crash is
        ended first, so the next row is not glued to it (and lost)."""
        if self.path is None:
            yield lambda row: None
            return
        torn = False
        if self.path.is_file() and self.path.stat().st_size:
            with open(self.path, "rb") as handle:
                handle.seek(-1, os.SEEK_END)
                torn = handle.read(1) != b"\n"
        with open(self.path, "a") as log:
            if torn:
                log.write("\n")
            def append(row: dict) -> None:
                log.write(json.dumps(row) + "\n")
                log.flush()
            yield append

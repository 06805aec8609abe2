"""The training-dynamics lab: named, seeded experiments with JSON rows, a figure and checkpoints.

An experiment is a module with ``DEFAULTS`` and ``QUICK`` (configuration overrides for a run of about a minute),
``tasks(config)`` (the independent runs, e.g. one per initialisation scale), ``run(config, *task)`` (a row, a
plain dict, or a list of rows; seeded, so a rerun on CPU gives the same rows), ``summarise(config, rows)`` and ``figure(rows, path)``.
[`run_experiment`][weightspace.experiments.lab.run_experiment] merges the configuration, runs the tasks through an
[`Executor`][weightspace.parallel.Executor] (local processes or a Dask cluster), appends every finished row to a
JSON-lines checkpoint (a rerun with the same configuration resumes), and draws the figure.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import InvalidInput, NotSupported
from ..parallel import Executor, JsonLinesCheckpoint, config_key

EXPERIMENTS: dict[str, str] = {
    "student-teacher": "weightspace.experiments.student_teacher",
    "mean-field-dropout": "weightspace.experiments.mean_field",
    "sgd-noise": "weightspace.experiments.sgd_noise",
    "neural-ot": "weightspace.experiments.neural_ot",
}


@dataclass(frozen=True)
class ExperimentResult:
    """The configuration (with its seed), one row per task in task order, the summary and the figure's path."""

    name: str
    config: dict[str, Any]
    rows: tuple[dict, ...]
    summary: dict[str, Any]
    figure: str | None
    seconds: float

    def to_dict(self) -> dict:
        return {"experiment": self.name, "config": self.config, "seed": self.config.get("seed"),
                "rows": list(self.rows), "summary": self.summary, "figure": self.figure,
                "seconds": round(self.seconds, 2)}


def experiment_module(name: str):
    """The module of a named experiment.

    Parameters
    ----------
    name
        The experiment.

    Returns
    -------
    module
        Its module.

    Raises
    ------
    InvalidInput
        For an unknown name.
    """
    if name not in EXPERIMENTS:
        raise InvalidInput(f"unknown experiment {name!r}: choose from {', '.join(EXPERIMENTS)}")
    return importlib.import_module(EXPERIMENTS[name])


def missing_packages(name: str) -> list[str]:
    """The packages a named experiment needs (PyTorch and its ``REQUIRES``) that are not installed.

    Parameters
    ----------
    name
        The experiment.

    Returns
    -------
    list of str
        The missing packages.

    Examples
    --------
    >>> missing_packages("student-teacher")
    []
    """
    needed = ("torch", *getattr(experiment_module(name), "REQUIRES", ()))
    return [m for m in needed if importlib.util.find_spec(m) is None]


def make_config(name: str, overrides: dict[str, Any] | None = None, quick: bool = False) -> dict[str, Any]:
    """``DEFAULTS``, then ``QUICK`` when asked, then ``overrides`` (e.g. read from ``--config FILE``).

    Parameters
    ----------
    name
        The experiment.
    overrides
        Settings that replace the defaults.
    quick
        Start from the quick settings.

    Returns
    -------
    dict
        The full configuration.

    Raises
    ------
    InvalidInput
        For a key the experiment does not have.

    Examples
    --------
    >>> make_config("student-teacher", {"seed": 3}, quick=True)["seed"]
    3
    """
    module = experiment_module(name)
    config = dict(module.DEFAULTS)
    if quick:
        config.update(module.QUICK)
    for key, value in (overrides or {}).items():
        if key not in module.DEFAULTS:
            raise InvalidInput(f"experiment {name} has no setting {key!r}: it has {', '.join(module.DEFAULTS)}")
        config[key] = value
    return config


def read_config(path: str) -> dict[str, Any]:
    """A JSON object of settings: given inline (text starting with ``{``, as ``--help`` shows) or as a file.

    Parameters
    ----------
    path
        Inline JSON or a file.

    Returns
    -------
    dict
        The settings.

    Raises
    ------
    InvalidInput
        When the file is unreadable or the text is not a JSON object.

    Examples
    --------
    >>> read_config('{"alphas": [0.1, 10], "seed": 1}')
    {'alphas': [0.1, 10], 'seed': 1}
    """
    inline = path.lstrip().startswith("{")
    where = "the inline --config" if inline else path
    try:
        data = json.loads(path if inline else Path(path).read_text())
    except OSError as error:
        reason = "it is a directory" if Path(path).is_dir() else error.strerror
        raise InvalidInput(f"cannot read {path}: {reason}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{where} is not JSON: {getattr(error, 'msg', error)}"
                           + (f" (line {error.lineno})" if hasattr(error, "lineno") else "")) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path} must hold a JSON object of settings")
    return data


def run_experiment(name: str, overrides: dict[str, Any] | None = None, *, quick: bool = False,
                   executor: str = "local", workers: int | None = 1, scheduler: str | None = None,
                   out: str | None = None, checkpoint: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ExperimentResult:
    """Run a named experiment (see the module docstring); the figure goes to ``out/NAME.png`` when ``out`` is
    given.

    Parameters
    ----------
    name
        The experiment.
    overrides
        Settings that replace the defaults.
    quick
        Use the quick settings.
    executor
        ``local`` or ``dask``.
    workers
        Local worker processes.
    scheduler
        A Dask scheduler address.
    out
        A directory for the figure.
    checkpoint
        A file to save finished runs to and resume from.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    ExperimentResult
        The rows, the configuration and the figure's path.

    Raises
    ------
    InvalidInput
        For an unknown experiment, setting or executor.
    NotSupported
        Without PyTorch, or a package the experiment lists in ``REQUIRES`` (e.g. ``ot``, ``zuko``).

    Examples
    --------
    >>> result = run_experiment("student-teacher", {"alphas": [0.1, 100], "steps": 200, "m": 32}, quick=True)
    >>> [row["regime"] for row in result.rows], result.rows[0]["relative_change"] > result.rows[1]["relative_change"]
    (['rich', 'lazy'], True)
    """
    begin = time.perf_counter()
    module = experiment_module(name)
    config = make_config(name, overrides, quick)
    absent = missing_packages(name)
    if absent:
        raise NotSupported(f"experiment {name} needs {', '.join(absent)}: pip install -e '.[lab]' "
                           "(torch 2.13.0, POT, zuko)")
    todo = module.tasks(config)
    keys = [config_key(experiment=name, config=config, task=task) for task in todo]
    log = JsonLinesCheckpoint(checkpoint)
    done = {key: row["row"] for key, row in log.keyed().items()}
    missing = [i for i, key in enumerate(keys) if key not in done]
    pool = Executor(executor, workers, scheduler)
    try:
        with log.appender() as append:
            finished = len(todo) - len(missing)
            if progress:
                progress(finished, len(todo))
            for index, row in pool.map_function(module.run, [(config, *todo[i]) for i in missing]):
                done[keys[missing[index]]] = row
                append({"key": keys[missing[index]], "row": row})
                finished += 1
                if progress:
                    progress(finished, len(todo))
    finally:
        pool.close()
    rows = [row for key in keys for row in (done[key] if isinstance(done[key], list) else [done[key]])]
    figure = None
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        figure = str(Path(out) / f"{name}.png")
        module.figure(rows, figure)
    return ExperimentResult(name, config, tuple(rows), module.summarise(config, rows), figure,
                            time.perf_counter() - begin)

"""The training-dynamics lab: reproducible experiments on where training goes in parameter space
([`lab`][weightspace.experiments.lab] runs them; one module per experiment)."""

from .lab import EXPERIMENTS, ExperimentResult, make_config, run_experiment

__all__ = ["EXPERIMENTS", "ExperimentResult", "make_config", "run_experiment"]

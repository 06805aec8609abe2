"""The reinforcement-learning baseline of Shehper et al. 2024: PPO (stable-baselines3, PyTorch) on the
[`ACEnv`][weightspace.search.ac.env.ACEnv], counting a presentation as solved when an episode during training
reaches a trivial presentation, as the paper does.

The node budget is the number of environment steps, so PPO and the classical searches can be compared at equal
budgets. The moves of the first successful episode (only those the length cap let through) form the path, which
is replayed exactly before it is reported. PyTorch runs on CUDA when present and on the CPU otherwise; seeded runs
on the CPU reproduce exactly.
"""

from __future__ import annotations

import time
from typing import Sequence

from ...errors import CertificationError, NotSupported
from .env import ACEnv
from .moves import MOVES, Presentation, replay
from .search import SearchResult, check_budget


class _Recorder(ACEnv):
    """``ACEnv`` that remembers the applied moves of the episode and the first successful path."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves: list[str] = []
        self.solution: list[str] | None = None
        self.start = self.presentations[0]
        self.total_steps = 0

    def reset(self, *, seed=None, options=None):
        observation, info = super().reset(seed=seed, options=options)
        self.moves, self.start = [], self.state
        return observation, info

    def step(self, action):
        observation, reward, terminated, truncated, info = super().step(action)
        self.total_steps += 1
        if info["applied"]:
            self.moves.append(info["move"])
        if terminated and self.solution is None:
            self.solution = list(self.moves)
        return observation, reward, terminated, truncated, info


def ppo_solve(start: Presentation, max_nodes: int = 100_000, max_length: int = 18, horizon: int = 200,
              seed: int = 0, moves: Sequence[str] = MOVES, max_seconds: float | None = None) -> SearchResult:
    """Train PPO on ``start`` for ``max_nodes`` environment steps; solved if some episode reached a trivial
    presentation. ``moves`` is the action set (``PAPER_MOVES``: the paper's twelve, no inversion).

    Parameters
    ----------
    start
        The presentation.
    max_nodes
        Environment steps at most.
    max_length
        The relator length cap.
    horizon
        Steps per episode.
    seed
        The seed of the policy and the environment.
    moves
        The action set.
    max_seconds
        A wall-time budget (training stops at the first step past it).

    Returns
    -------
    SearchResult
        The replayed path when solved.

    Raises
    ------
    NotSupported
        When stable-baselines3 is not installed (``pip install weightspace[rl]``).
    CertificationError
        If the recorded path fails its replay (a bug, never expected).
    """
    check_budget(max_nodes)
    try:
        from stable_baselines3 import PPO
        from stable_baselines3.common.callbacks import BaseCallback
        from stable_baselines3.common.logger import Logger
    except ImportError:  # pragma: no cover - the test extras install it
        raise NotSupported("PPO needs stable-baselines3: pip install 'weightspace[rl]'") from None
    import torch

    begin = time.perf_counter()
    env = _Recorder([start], max_length=max(max_length, len(start.r1), len(start.r2)), horizon=horizon, moves=moves)

    deadline = None if max_seconds is None else begin + max_seconds

    class _StopWhenSolved(BaseCallback):
        def _on_step(self) -> bool:
            return env.solution is None and (deadline is None or time.perf_counter() < deadline)

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = PPO("MlpPolicy", env, n_steps=min(512, max(64, max_nodes // 4)), batch_size=64, seed=seed,
                device=device, verbose=0)
    model.set_logger(Logger(folder=None, output_formats=[]))     # no SB3-* log folder left in the temp directory
    model.learn(total_timesteps=max_nodes, callback=_StopWhenSolved())
    path = env.solution or []
    final = replay(start, path)
    if env.solution is not None and not final.is_trivial():
        raise CertificationError("the PPO path does not replay to a trivial presentation")
    return SearchResult(env.solution is not None, tuple(path), (final.r1, final.r2), env.total_steps,
                        time.perf_counter() - begin, "ppo", (start.r1, start.r2), env.total_steps)

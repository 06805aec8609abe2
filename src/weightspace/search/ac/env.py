"""A Gymnasium environment for the Andrews–Curtis game, in the setting of Shehper et al. 2024, so that standard
agents (stable-baselines3's PPO and others) plug in.

* observation: the two relators, each padded with zeros to ``max_length``, letters encoded ``x = 1, X = -1,
  y = 2, Y = -2`` (an ``int8`` vector of length ``2 max_length``);
* action: one of the 14 [`MOVES`][weightspace.search.ac.moves.MOVES] (or of the ``moves`` given, e.g. the
  paper's twelve); a move that would make a relator longer than
  ``max_length`` leaves the presentation unchanged (the length cap of the paper);
* reward: ``-min(10, total length)`` per step and ``+1000`` on reaching a trivial presentation (the paper's shaping);
* an episode ends when the presentation is trivial (terminated) or after ``horizon`` steps (truncated).

``reset(options={"presentation": p})`` starts from ``p``; otherwise the start is drawn (with the episode's seed)
from the presentations given to the constructor.
"""

from __future__ import annotations

from typing import Any, Sequence

import gymnasium
import numpy as np

from ...errors import InvalidInput
from .moves import MOVES, Presentation

_CODE = {"x": 1, "X": -1, "y": 2, "Y": -2}


def encode(presentation: Presentation, max_length: int) -> np.ndarray:
    """The observation of a presentation (see the module docstring).

    Parameters
    ----------
    presentation
        The presentation.
    max_length
        The relator length cap.

    Returns
    -------
    numpy.ndarray
        ``2 max_length`` integers.

    Examples
    --------
    >>> encode(Presentation("xY", "y"), 3).tolist()
    [1, -2, 0, 2, 0, 0]
    """
    out = np.zeros(2 * max_length, dtype=np.int8)
    for offset, word in ((0, presentation.r1), (max_length, presentation.r2)):
        out[offset:offset + len(word)] = [_CODE[c] for c in word]
    return out


class ACEnv(gymnasium.Env):
    """The AC game as a Gymnasium environment (see the module docstring).

    Raises
    ------
    InvalidInput
        For no start presentations, one longer than ``max_length``, or an unknown move among ``moves``.
    """

    metadata = {"render_modes": ["ansi"]}

    def __init__(self, presentations: Sequence[Presentation], max_length: int = 18, horizon: int = 200,
                 moves: Sequence[str] = MOVES):
        presentations = list(presentations)
        if not moves or any(m not in MOVES for m in moves):
            raise InvalidInput(f"the actions must be moves among {', '.join(MOVES)}")
        self.moves_allowed = tuple(moves)
        if not presentations:
            raise InvalidInput("give at least one start presentation")
        if any(max(len(p.r1), len(p.r2)) > max_length for p in presentations):
            raise InvalidInput(f"a start presentation has a relator longer than the cap {max_length}")
        self.presentations, self.max_length, self.horizon = presentations, max_length, horizon
        self.observation_space = gymnasium.spaces.Box(-2, 2, shape=(2 * max_length,), dtype=np.int8)
        self.action_space = gymnasium.spaces.Discrete(len(self.moves_allowed))
        self.state = presentations[0]
        self.steps = 0

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        super().reset(seed=seed)
        if options and "presentation" in options:
            self.state = options["presentation"]
        else:
            self.state = self.presentations[int(self.np_random.integers(len(self.presentations)))]
        self.steps = 0
        return encode(self.state, self.max_length), {"presentation": (self.state.r1, self.state.r2)}

    def step(self, action: int):
        move = self.moves_allowed[int(action)]
        after = self.state.apply(move)
        applied = len(after.r1) <= self.max_length and len(after.r2) <= self.max_length
        if applied:
            self.state = after
        self.steps += 1
        solved = self.state.is_trivial()
        reward = 1000.0 if solved else -float(min(10, self.state.length))
        info = {"presentation": (self.state.r1, self.state.r2), "move": move, "applied": applied}
        return (encode(self.state, self.max_length), reward, solved, self.steps >= self.horizon and not solved,
                info)

    def render(self) -> str:
        return f"<x, y | {self.state.r1}, {self.state.r2}>"

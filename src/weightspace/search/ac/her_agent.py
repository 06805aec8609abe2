"""A learned agent for the Andrews–Curtis game: a goal-conditioned policy over options, trained by reinforcement
learning with hindsight experience replay (HER; Andrychowicz et al. 2017, and Levy et al. 2019 for goal-conditioned
policies over temporally extended actions). This is the source's proposal as reinforcement learning; the search
analogue is [`options_her`][weightspace.search.ac.options_her].

* **States** are classes of presentations up to cyclic permutation of each relator. These are the classes of the
  paper's twelve moves, and the representatives are those of [`weightspace.search.ac.cyclic`][weightspace.search.ac.cyclic].
  A state is encoded by the one-hot letters of its least rotations.
* **Options** (16 actions). An option ``(i, sign, rank)`` rotates both relators, sets ``r_i <- r_i r_j^sign`` and
  cyclically reduces. Among all rotations it takes the ``rank``-th shortest distinct result (``rank`` 0 to 3). Each
  option unfolds into the primitive moves (conjugations by one letter and one concatenation), and an option whose
  product exceeds the length cap is unavailable (masked).
* **Goals** are classes, or *trivial* (any class of single letters ``x``, ``y``). The reward is -1 per option and 0
  on reaching the goal, which ends the episode.
* **Learning**: double DQN on ``Q(state, goal, option)`` (a two-layer MLP in PyTorch, CPU or CUDA). Every
  transition is stored with its goal and with ``k`` goals achieved later in the same episode (HER's *future*
  strategy). So an episode that never reaches the trivial class still teaches how to reach the classes it did
  reach.
* **Solving** a presentation runs the policy with the trivial goal, with a little exploration noise, from the start
  until the wall-time budget ends. The options of a successful episode are unfolded and the whole path is replayed
  move by move from the start.

Examples
--------
>>> from weightspace.search.ac.moves import Presentation
>>> rep, moves = start_state(Presentation("xyX", "xYY"))     # x y x^-1 is cyclically reduced to y
>>> rep, moves
(('y', 'xYY'), ['X.r1'])
>>> table = option_table(rep, None)      # a one-letter relator has one rotation: fewer distinct results
>>> sum(entry is not None for entry in table), len(table)
(4, 16)
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from ...errors import CertificationError, NotSupported
from .classes import _trivial_class, class_key
from .cyclic import _children, _reduce_moves, _unfold
from .moves import Presentation, replay
from .search import SearchResult

RANKS = 4
OPTIONS = tuple((i, sign, rank) for i in (0, 1) for sign in (1, -1) for rank in range(RANKS))
"""The 16 options ``(relator index, sign, rank)``."""
_CODE = {"x": 0, "X": 1, "y": 2, "Y": 3}


def start_state(p: Presentation) -> tuple[tuple[str, str], list[str]]:
    """The cyclically reduced representative of ``p`` and the conjugations that reach it.

    Parameters
    ----------
    p
        The presentation.

    Returns
    -------
    tuple
        ``((r1, r2), moves)``.
    """
    m1, r1 = _reduce_moves(p.r1, 1)
    m2, r2 = _reduce_moves(p.r2, 2)
    return (r1, r2), m1 + m2


@lru_cache(maxsize=200_000)
def option_table(rep: tuple[str, str], cap: int | None) -> list[tuple | None]:
    """For each of the 16 options, ``(option, child representative, class key)`` or ``None`` (unavailable).

    Parameters
    ----------
    rep
        A cyclically reduced representative.
    cap
        The relator length cap.

    Returns
    -------
    list
        16 entries in the order of ``OPTIONS``.
    """
    groups: dict[tuple[int, int], dict[str, tuple]] = {}
    for option, child, key in _children(rep, cap, invert=False):
        if key is None:
            continue
        group = groups.setdefault((option[0], option[3]), {})
        entry = (len(child[0]) + len(child[1]), key, option, child)
        if key not in group or entry < group[key]:
            group[key] = entry
    table: list[tuple | None] = []
    for i, sign, rank in OPTIONS:
        ranked = sorted(groups.get((i, sign), {}).values())
        table.append((ranked[rank][2], ranked[rank][3], ranked[rank][1]) if rank < len(ranked) else None)
    return table


@lru_cache(maxsize=500_000)
def encode_key(key: str | None, cap: int) -> np.ndarray:
    """One-hot letters of a class key's two relators, each padded to ``cap`` (zeros for ``None``).

    Parameters
    ----------
    key
        ``"c1,c2"`` or ``None``.
    cap
        The length cap.

    Returns
    -------
    numpy.ndarray
        ``2 cap 4`` floats (cached: do not modify).
    """
    out = np.zeros((2, cap, 4), dtype=np.float32)
    if key:
        for r, word in enumerate(key.split(",")):
            for position, letter in enumerate(word[:cap]):
                out[r, position, _CODE[letter]] = 1.0
    out = out.ravel()
    out.flags.writeable = False
    return out


def achieved(key: str, goal: str | None) -> bool:
    """The goal test: ``goal=None`` is the trivial goal.

    Parameters
    ----------
    key
        The class reached.
    goal
        A class key, or ``None`` for any trivial class.

    Returns
    -------
    bool
        Whether the goal is reached.
    """
    return _trivial_class(key) if goal is None else key == goal


@dataclass
class HERAgent:
    """The goal-conditioned DQN over options with HER (see the module docstring; parameters in ``__init__``)."""

    cap: int = 18
    horizon: int = 30
    her_goals: int = 4
    gamma: float = 0.95
    hidden: int = 256
    batch: int = 128
    learning_rate: float = 1e-3
    buffer_size: int = 100_000
    seed: int = 0
    device: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        try:
            import torch
        except ImportError:  # pragma: no cover - the test extras install it
            raise NotSupported("the learned agent needs PyTorch: pip install 'weightspace[rl]'") from None
        torch.manual_seed(self.seed)
        if not torch.cuda.is_available():
            torch.set_num_threads(1)             # a small network: one thread is fastest and leaves the others free
        self._torch = torch
        self.device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        size = 2 * (2 * self.cap * 4) + 1
        self.q = self._network(size).to(self.device)
        self.target = self._network(size).to(self.device)
        self.target.load_state_dict(self.q.state_dict())
        self.optimiser = torch.optim.Adam(self.q.parameters(), lr=self.learning_rate)
        self.rng = random.Random(self.seed)
        self.buffer: list[tuple] = []
        self.updates = 0

    def _network(self, size: int):
        nn = self._torch.nn
        return nn.Sequential(nn.Linear(size, self.hidden), nn.ReLU(), nn.Linear(self.hidden, self.hidden), nn.ReLU(),
                             nn.Linear(self.hidden, len(OPTIONS)))

    def _input(self, key: str, goal: str | None) -> np.ndarray:
        return np.concatenate([encode_key(key, self.cap), encode_key(goal, self.cap),
                               np.array([1.0 if goal is None else 0.0], dtype=np.float32)])

    def act(self, key: str, goal: str | None, mask: np.ndarray, epsilon: float) -> int:
        """An option index: random among the available ones with probability ``epsilon``, else the best."""
        available = np.flatnonzero(mask)
        if self.rng.random() < epsilon:
            return int(self.rng.choice(list(available)))
        with self._torch.no_grad():
            q = self.q(self._torch.as_tensor(self._input(key, goal), device=self.device)[None])[0].cpu().numpy()
        q[~mask] = -np.inf
        return int(np.argmax(q))

    def episode(self, rep: tuple[str, str], goal: str | None, epsilon: float, learn: bool = True
                ) -> tuple[bool, list[tuple]]:
        """One episode of at most ``horizon`` options; ``(reached the goal, steps)`` with steps
        ``(key, action, next key, option, child)``."""
        key, steps = class_key(*rep, invert=False), []
        for _ in range(self.horizon):
            table = option_table(rep, self.cap)
            mask = np.array([entry is not None for entry in table])
            if not mask.any():
                break
            action = self.act(key, goal, mask, epsilon)
            option, child, next_key = table[action]
            next_mask = np.array([entry is not None for entry in option_table(child, self.cap)])
            steps.append((key, action, next_key, option, rep, next_mask))
            rep, key = child, next_key
            if achieved(key, goal):
                break
        if learn:
            self._store(steps, goal)
        return bool(steps) and achieved(steps[-1][2], goal), steps

    def _store(self, steps: list[tuple], goal: str | None) -> None:
        for t, (key, action, next_key, _, _, next_mask) in enumerate(steps):
            goals = [goal] + [steps[self.rng.randrange(t, len(steps))][2] for _ in range(self.her_goals)]
            for g in goals:                                   # the episode's goal and hindsight goals
                done = achieved(next_key, g)
                self.buffer.append((key, action, next_key, g, 0.0 if done else -1.0, done, next_mask))
        if len(self.buffer) > self.buffer_size:
            del self.buffer[:len(self.buffer) - self.buffer_size]

    def update(self) -> float:
        """One double-DQN step on a batch from the buffer; the loss."""
        torch = self._torch
        if len(self.buffer) < self.batch:
            return 0.0
        sample = [self.buffer[self.rng.randrange(len(self.buffer))] for _ in range(self.batch)]
        x = torch.as_tensor(np.stack([self._input(s[0], s[3]) for s in sample]), device=self.device)
        y = torch.as_tensor(np.stack([self._input(s[2], s[3]) for s in sample]), device=self.device)
        masks = torch.as_tensor(np.stack([s[6] for s in sample]), device=self.device)
        actions = torch.as_tensor([s[1] for s in sample], device=self.device)
        rewards = torch.as_tensor([s[4] for s in sample], device=self.device)
        done = torch.as_tensor([float(s[5]) for s in sample], device=self.device)
        with torch.no_grad():
            online = self.q(y).masked_fill(~masks, -1e9)
            best = online.argmax(dim=1, keepdim=True)
            value = self.target(y).gather(1, best).squeeze(1)
            value = torch.where(masks.any(dim=1), value, torch.zeros_like(value))
            target = rewards + self.gamma * (1 - done) * value.clamp(min=-1 / (1 - self.gamma), max=0.0)
        q = self.q(x).gather(1, actions[:, None]).squeeze(1)
        loss = torch.nn.functional.smooth_l1_loss(q, target)
        self.optimiser.zero_grad()
        loss.backward()
        self.optimiser.step()
        self.updates += 1
        if self.updates % 250 == 0:
            self.target.load_state_dict(self.q.state_dict())
        return float(loss.detach())

    def train(self, presentations: Sequence[Presentation], seconds: float = 60.0, episodes: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> "HERAgent":
        """Episodes from random starts with the trivial goal (plus hindsight goals), epsilon from 1 to 0.1, two
        updates per option, until ``seconds`` (or ``episodes``) are spent; returns ``self``."""
        starts = [start_state(p)[0] for p in presentations]
        begin, count, solved = time.perf_counter(), 0, 0
        while (episodes is None or count < episodes) and time.perf_counter() - begin < seconds:
            fraction = min(1.0, (time.perf_counter() - begin) / max(seconds, 1e-9)) if episodes is None else \
                count / max(episodes, 1)
            reached, steps = self.episode(self.rng.choice(starts), None, max(0.1, 1.0 - fraction))
            solved += reached
            for _ in range(2 * len(steps)):
                self.update()
            count += 1
            if progress:
                progress(int(time.perf_counter() - begin), int(seconds))
        self.stats = {"episodes": count, "training_solved_episodes": solved, "updates": self.updates,
                      "training_seconds": time.perf_counter() - begin}
        return self

    def save(self, path: str, key: str = "") -> None:
        """Write the trained network, its statistics and ``key`` (the training configuration) to ``path``.

        Parameters
        ----------
        path
            The file (PyTorch format, tensors and plain values only).
        key
            The configuration it was trained under.
        """
        self._torch.save({"key": key, "state": self.q.state_dict(), "stats": self.stats, "updates": self.updates},
                         path)

    def restore(self, path: str, key: str = "") -> bool:
        """Load a network written by ``save`` under the same ``key``; ``False`` (nothing loaded) when the file is
        missing, unreadable or from another configuration.

        Parameters
        ----------
        path
            The file.
        key
            The configuration expected.

        Returns
        -------
        bool
            Whether the network was loaded.
        """
        try:
            saved = self._torch.load(path, map_location=self.device, weights_only=True)
            if saved.get("key") != key:
                return False
            self.q.load_state_dict(saved["state"])
        except (OSError, RuntimeError, KeyError, AttributeError, ValueError):
            return False
        self.target.load_state_dict(self.q.state_dict())
        self.stats, self.updates = dict(saved["stats"]), int(saved["updates"])
        return True

    def solve(self, start: Presentation, seconds: float = 2.0, epsilon: float = 0.1,
              episodes: int | None = None) -> SearchResult:
        """Roll out the policy towards the trivial goal until solved, ``seconds`` pass or ``episodes`` rollouts are
        done; the path is replayed.

        Raises
        ------
        CertificationError
            If a path fails its replay (a bug, never expected).
        """
        begin = time.perf_counter()
        rep, prefix = start_state(start)
        options_tried, path, rollouts = 0, None, 0
        while path is None and time.perf_counter() - begin < seconds and (episodes is None or rollouts < episodes):
            rollouts += 1
            reached, steps = self.episode(rep, None, epsilon if options_tried else 0.0, learn=False)
            options_tried += len(steps)
            if reached:
                path = list(prefix)
                for _, _, _, option, state, _ in steps:
                    path += _unfold(state, option)
            if not steps:
                break
        final = replay(start, path or [])
        if path is not None and not final.is_trivial():
            raise CertificationError("the agent's path does not replay to a trivial presentation")
        return SearchResult(path is not None, tuple(path or ()), (final.r1, final.r2), options_tried,
                            time.perf_counter() - begin, "her-agent", (start.r1, start.r2), options_tried)


__all__ = ["RANKS", "OPTIONS", "start_state", "option_table", "encode_key", "achieved", "HERAgent"]

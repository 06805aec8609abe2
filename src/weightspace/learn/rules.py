"""Learning rules for binary Hopfield networks, scikit-learn style.

Every rule learns a network ``x -> H(W x + theta)`` on ``{0,1}^n`` with ``W`` symmetric and zero on the diagonal, from
patterns given in ``{0,1}`` or ``{-1,1}``: ``fit(patterns)`` returns ``self`` and sets ``W_``, ``theta_`` (floats),
``n_iter_``. [`integer_network`][weightspace.learn.base.LearningRule.integer_network] gives an exact integer network
(the learned one scaled by ``2^k`` and rounded, or exactly scaled where the rule is rational), and
[`stored`][weightspace.learn.base.LearningRule.stored] checks in integer arithmetic which patterns are fixed points of
it.

* ``HebbianRule``: outer products ``J = sum s s^T`` (``s = 2x - 1``), i.e. ``W = 2J``, ``theta = -J 1``
  (Hopfield 1982).
* ``StorkeyRule``: Storkey's incremental rule (1997) with local fields ``h_ij``.
* ``PerceptronRule``: the perceptron on the fixed-point constraints ``s_i (W_i.x + theta_i) >= margin`` in the
  symmetric parameter space (updates ``W += eta (v x^T + x v^T)``, ``theta += eta v`` for the violated units ``v``).
* ``MPFRule``: minimum probability flow ([`weightspace.learn.mpf`][weightspace.learn.mpf]), L-BFGS (scipy) or
  first-order (Adam).
* ``LPRule``: the max-margin linear program (HiGHS) on the same constraints, rounded to integers and checked
  exactly.
"""

from __future__ import annotations


import numpy as np

from ..arch.memory.models import hebbian_weights
from ..errors import InvalidInput
from . import mpf
from .base import LearningRule, to_binary


class HebbianRule(LearningRule):
    """Outer-product rule (integer weights)."""

    def __init__(self):
        pass

    def fit(self, patterns) -> "HebbianRule":
        X = to_binary(patterns)
        J = hebbian_weights(2 * X - 1)            # the one Hebbian rule, on the ±1 states
        self.W_ = 2 * J
        self.theta_ = -J.sum(axis=1)
        self.n_iter_ = 1
        return self


class StorkeyRule(LearningRule):
    """Storkey's rule: ``dJ = (s s^T - s h^T - h s^T) / n`` with ``h_ij = sum_{k != i, j} J_ik s_k``."""

    def __init__(self):
        pass

    def fit(self, patterns) -> "StorkeyRule":
        X = to_binary(patterns)
        n = X.shape[1]
        J = np.zeros((n, n))
        for s in (2 * X - 1).astype(float):
            h = J @ s
            h_ij = h[:, None] - J * s[None, :]
            J = J + (np.outer(s, s) - s[:, None] * h_ij.T - h_ij * s[None, :]) / n
            np.fill_diagonal(J, 0)
        self.W_ = 2 * J
        self.theta_ = -J.sum(axis=1)
        self.n_iter_ = len(X)
        return self


class PerceptronRule(LearningRule):
    """Perceptron on the fixed-point constraints, with margin (converges when they are feasible).

    ``symmetric=True`` (default) keeps ``W`` symmetric (a violated unit ``i`` updates row and column ``i``);
    ``symmetric=False`` is the classical per-unit perceptron (each unit learns its own row; zero diagonal).
    """

    def __init__(self, margin: float = 1.0, learning_rate: float = 1.0, max_epochs: int = 500,
                 random_state: int | None = 0, symmetric: bool = True):
        self.margin, self.learning_rate, self.max_epochs, self.random_state = margin, learning_rate, max_epochs, \
            random_state
        self.symmetric = symmetric

    def fit(self, patterns) -> "PerceptronRule":
        """Learn ``W_`` and ``theta_`` from the patterns by the perceptron; returns ``self``.

        Raises
        ------
        InvalidInput
            For a negative margin, non-positive learning rate or epochs, or malformed patterns.
        """
        self._check_positive(learning_rate=self.learning_rate, max_epochs=self.max_epochs)
        if self.margin < 0:
            raise InvalidInput(f"PerceptronRule: margin must be non-negative, got {self.margin!r}")
        X = to_binary(patterns)
        n = X.shape[1]
        rng = np.random.default_rng(self.random_state)
        W, theta = np.zeros((n, n)), np.zeros(n)
        epoch = 0
        for epoch in range(1, self.max_epochs + 1):
            changed = False
            for m in rng.permutation(len(X)):
                x = X[m].astype(float)
                s = 2 * x - 1
                violated = s * (W @ x + theta) < self.margin
                if violated.any():
                    v = self.learning_rate * s * violated
                    W += np.outer(v, x) + (np.outer(x, v) if self.symmetric else 0)
                    np.fill_diagonal(W, 0)
                    theta += v
                    changed = True
            if not changed:
                break
        self.W_, self.theta_, self.n_iter_ = W, theta, epoch
        return self


class MPFRule(LearningRule):
    """Minimum probability flow; ``method`` is ``"lbfgs"`` (scipy) or ``"adam"`` (first order). Both start from
    zero and are deterministic (the objective is convex), so there is no ``random_state``."""

    def __init__(self, method: str = "lbfgs", max_iter: int = 2000, tol: float = 1e-10,
                 learning_rate: float = 0.05):
        self.method, self.max_iter, self.tol, self.learning_rate = method, max_iter, tol, learning_rate

    def fit(self, patterns) -> "MPFRule":
        """Learn ``W_`` and ``theta_`` from the patterns by minimum probability flow; returns ``self``.

        Raises
        ------
        InvalidInput
            For a method other than ``lbfgs`` or ``adam``, or malformed patterns.
        """
        if self.method not in ("lbfgs", "adam"):
            raise InvalidInput(f"MPF method must be lbfgs or adam, got {self.method!r}")
        self._check_positive(max_iter=self.max_iter, learning_rate=self.learning_rate)
        X = to_binary(patterns).astype(float)
        n = X.shape[1]
        start = np.zeros(n * (n - 1) // 2 + n)
        if self.method == "lbfgs":
            from scipy.optimize import minimize
            result = minimize(mpf.objective, start, args=(X,), jac=True, method="L-BFGS-B",
                              options={"maxiter": self.max_iter, "gtol": self.tol, "ftol": 1e-15})
            vector, self.n_iter_ = result.x, int(result.nit)
        else:
            vector = start
            first, second = np.zeros_like(start), np.zeros_like(start)
            beta1, beta2, eps = 0.9, 0.999, 1e-8
            for t in range(1, self.max_iter + 1):
                _, grad = mpf.objective(vector, X)
                first = beta1 * first + (1 - beta1) * grad
                second = beta2 * second + (1 - beta2) * grad ** 2
                vector = vector - self.learning_rate * (first / (1 - beta1 ** t)) / (
                    np.sqrt(second / (1 - beta2 ** t)) + eps)
                if np.linalg.norm(grad) < self.tol:
                    break
            self.n_iter_ = t
        self.W_, self.theta_ = mpf.unpack(vector, n)
        return self


class LPRule(LearningRule):
    """Storage by linear programming: ``s_i (W_i.x + theta_i) >= 1`` for every pattern and unit (symmetric,
    zero-diagonal ``W``).

    Small systems (at most ``exact_limit`` constraints) go through the certified oracle
    [`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs]: an exact integer network, or an exact Gordan
    certificate (``certificate_``) that no symmetric zero-diagonal network has all the patterns as fixed points. Larger
    ones use HiGHS directly (minimising ``sum |W_ij| + |theta_i|``), and the rounded result is checked exactly by
    [`stored`][weightspace.learn.base.LearningRule.stored].
    """

    def __init__(self, exact_limit: int = 600):
        self.exact_limit = exact_limit

    def fit(self, patterns) -> "LPRule":
        """Learn ``W_`` and ``theta_`` from the patterns by the max-margin LP; returns ``self``.

        Raises
        ------
        InvalidInput
            For a negative ``exact_limit`` or malformed patterns.
        """
        if self.exact_limit < 0:
            raise InvalidInput(f"LPRule: exact_limit must be non-negative, got {self.exact_limit!r}")
        X = to_binary(patterns)
        M, n = X.shape
        self.certificate_ = None
        if M * n <= self.exact_limit:
            from ..lp import solve_signs
            pairs = list(zip(*np.triu_indices(n, 1)))
            rows, signs = [], []
            for x in X:
                for i in range(n):
                    row = [int(x[b]) if a == i else (int(x[a]) if b == i else 0) for a, b in pairs]
                    rows.append(row + [int(k == i) for k in range(n)])
                    signs.append(1 if x[i] else -1)
            answer = solve_signs(rows, signs)
            if answer.feasible:
                self.W_, self.theta_ = mpf.unpack(np.array(answer.witness, dtype=np.int64), n)
                self.status_ = "stored (exact)"
            else:
                self.W_, self.theta_ = np.zeros((n, n), dtype=np.int64), np.zeros(n, dtype=np.int64)
                self.certificate_ = answer.certificate
                self.status_ = "impossible (exact certificate)"
            self.n_iter_ = 1
            return self
        return self._fit_highs(X)

    def _fit_highs(self, X) -> "LPRule":
        from scipy.optimize import linprog
        from scipy.sparse import lil_matrix
        M, n = X.shape
        rows, cols = np.triu_indices(n, 1)
        d = len(rows) + n
        A = lil_matrix((M * n, d))
        index = {}
        for k, (i, j) in enumerate(zip(rows, cols)):
            index[(i, j)] = index[(j, i)] = k
        for m in range(M):
            x = X[m]
            for i in range(n):
                s = 2 * x[i] - 1
                for j in np.nonzero(x)[0]:
                    if j != i:
                        A[m * n + i, index[(i, j)]] = -s
                A[m * n + i, len(rows) + i] = -s
        A = A.tocsr()
        from scipy.sparse import hstack
        result = linprog(np.ones(2 * d), A_ub=hstack([A, -A]), b_ub=-np.ones(M * n), bounds=(0, None),
                         method="highs")
        vector = result.x[:d] - result.x[d:] if result.status == 0 else np.zeros(d)
        self.status_ = "optimal" if result.status == 0 else "infeasible-or-failed"
        self.W_, self.theta_ = mpf.unpack(vector, n)
        self.n_iter_ = int(getattr(result, "nit", 0) or 0)
        return self


__all__ = ["HebbianRule", "StorkeyRule", "PerceptronRule", "MPFRule", "LPRule"]

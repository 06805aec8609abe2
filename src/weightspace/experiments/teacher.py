"""The teacher shared by the lab's experiments: ``f*(x) = sum_j relu(w_j . x)`` with ``k`` random unit neurons, and
Gaussian training and test inputs ``x ~ N(0, I_d)``, all drawn from one seeded generator."""

from __future__ import annotations


def teacher_data(config: dict, torch):
    """``(generator, teacher, x_train, y_train, x_test, y_test)`` from ``config`` (``d``, ``k``, ``n_train``,
    ``n_test``, ``seed``), in float64; the generator continues, so the student drawn from it next is seeded too.

    Parameters
    ----------
    config
        The experiment's settings.
    torch
        The ``torch`` module (imported by the caller).

    Returns
    -------
    tuple
        As above.

    Examples
    --------
    >>> import torch
    >>> _, teacher, x, y, _, _ = teacher_data({"d": 2, "k": 3, "n_train": 5, "n_test": 4, "seed": 0}, torch)
    >>> teacher.shape, x.shape, bool(torch.allclose(teacher.norm(dim=1), torch.ones(3, dtype=torch.float64)))
    (torch.Size([3, 2]), torch.Size([5, 2]), True)
    """
    generator = torch.Generator().manual_seed(int(config["seed"]))
    d, k = int(config["d"]), int(config["k"])
    teacher = torch.randn(k, d, generator=generator, dtype=torch.float64)
    teacher = teacher / teacher.norm(dim=1, keepdim=True)
    x_train = torch.randn(int(config["n_train"]), d, generator=generator, dtype=torch.float64)
    x_test = torch.randn(int(config["n_test"]), d, generator=generator, dtype=torch.float64)
    y_train, y_test = (torch.relu(x @ teacher.T).sum(dim=1) for x in (x_train, x_test))
    return generator, teacher, x_train, y_train, x_test, y_test

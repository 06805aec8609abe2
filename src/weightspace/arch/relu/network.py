"""A feedforward ReLU network ``x -> W_L relu(... relu(W_0 x + b_0) ...) + b_L`` with exact rational weights.

``ReLU(z) = max(z, 0)`` acts after every layer but the last. Weights are kept as ``fractions.Fraction``; weights
read from float arrays are the exact binary rationals the floats are (no rounding). On disk a network is an
``.npz`` archive with arrays ``W0, b0, W1, b1, ...`` (``W_i`` of shape (out, in)), or a PyTorch file holding an
``nn.Sequential`` of ``Linear`` / ``ReLU`` layers or its ``state_dict``.

The hidden *activation pattern* of ``x`` is, per hidden layer, the bits ``1[z_k(x) > 0]`` of the pre-activations
(the same Heaviside convention as everywhere in weightspace: a pre-activation equal to 0 is inactive).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from pathlib import Path
from typing import Any, Sequence

from ...capabilities import Declared
from ...errors import InvalidInput, NotSupported, TooLarge
from ...exact import to_fraction

Matrix = tuple[tuple[Fraction, ...], ...]

MAX_PARAMETERS = 1_000_000     # exact rational weights held in memory (about 100 bytes each)


def check_parameter_count(shapes: Sequence[tuple[int, ...]], what: str = "the network") -> None:
    """Refuse, before any weight is converted, a network with more than ``MAX_PARAMETERS`` weights and biases.

    Parameters
    ----------
    shapes
        The shapes of the weight and bias arrays.
    what
        The network, named in the message.

    Raises
    ------
    TooLarge
        With the number of parameters.

    Examples
    --------
    >>> check_parameter_count([(100000000, 2), (100000000,), (1, 100000000), (1,)], "random:2,100000000,1")
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: random:2,100000000,1 has more than 1000000 parameters, beyond what exact arithmetic here holds (estimated cost: 400000001 parameters)
    """
    total = 0
    for shape in shapes:
        size = 1
        for extent in shape:
            size *= int(extent)
        total += size
    if total > MAX_PARAMETERS:
        raise TooLarge(f"{what} has more than {MAX_PARAMETERS} parameters, beyond what exact arithmetic here holds",
                       f"{total} parameters")


def weight(value: Any) -> Fraction:
    """A weight as an exact rational: floats (Python or numpy) become the binary rational they are, other values
    go through [`to_fraction()`][weightspace.exact.to_fraction] (ints, Fractions, strings such as ``"1/3"``).

    Parameters
    ----------
    value
        A float, int, Fraction or string.

    Returns
    -------
    Fraction
        The exact value.

    Raises
    ------
    InvalidInput
        For NaN, an infinity or a value that is not a number.

    Examples
    --------
    >>> weight(0.5), weight("1/3"), weight(0.1) == Fraction(1, 10)
    (Fraction(1, 2), Fraction(1, 3), False)
    """
    if isinstance(value, float) or type(value).__name__ in ("float64", "float32", "float16"):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise InvalidInput(f"not a finite weight: {value!r}")
        return Fraction(number)
    return to_fraction(value)


class ReLUNet(Declared):
    """A ReLU network with exact rational weights; ``weights[i]`` has shape (out, in), ReLU after every layer
    but the last.

    Examples
    --------
    >>> net = ReLUNet([[[1, -1], [1, 1]], [[1, 1]]], [[0, 0], [0]])
    >>> net.widths, net.forward([2, -1]), net.pattern([2, -1])
    ((2, 2, 1), (Fraction(4, 1),), ((1, 1),))
    """

    def __init__(self, weights: Sequence[Sequence[Sequence[Any]]], biases: Sequence[Sequence[Any]],
                 spec: str | None = None):
        if not weights or len(weights) != len(biases):
            raise InvalidInput("a ReLU network needs one bias vector per weight matrix, and at least one layer")
        check_parameter_count([(len(w), len(w[0]) if len(w) else 0) for w in weights] + [(len(b),) for b in biases],
                              spec or "the network")
        layers, previous = [], None
        for i, (w, b) in enumerate(zip(weights, biases)):
            rows = tuple(tuple(weight(v) for v in row) for row in w)
            bias = tuple(weight(v) for v in b)
            if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
                raise InvalidInput(f"W{i} is not a nonempty (out, in) matrix")
            if len(bias) != len(rows):
                raise InvalidInput(f"b{i} has {len(bias)} entries but W{i} has {len(rows)} rows")
            if previous is not None and len(rows[0]) != previous:
                raise InvalidInput(f"W{i} takes {len(rows[0])} inputs but layer {i - 1} has {previous} outputs")
            previous = len(rows)
            layers.append((rows, bias))
        self.weights: tuple[Matrix, ...] = tuple(w for w, _ in layers)
        self.biases: tuple[tuple[Fraction, ...], ...] = tuple(b for _, b in layers)
        self._spec = spec

    # ------------------------------------------------------------------ construction and files
    @classmethod
    def from_arrays(cls, arrays: Sequence[Any], spec: str | None = None) -> "ReLUNet":
        """From the flat list ``[W0, b0, W1, b1, ...]`` (numpy arrays or nested lists).

        Raises
        ------
        InvalidInput
            When the arrays do not come in (weight, bias) pairs of matching shapes.
        """
        if len(arrays) % 2:
            raise InvalidInput("give weights and biases in pairs W0, b0, W1, b1, ...")
        for i, array in enumerate(arrays):
            kind = getattr(getattr(array, "dtype", None), "kind", "f")
            if kind not in "biuf":
                raise InvalidInput(f"{'W' if i % 2 == 0 else 'b'}{i // 2} holds {array.dtype} values, not numbers")
        check_parameter_count([getattr(a, "shape", (len(a),)) for a in arrays], spec or "the network")
        to_list = lambda a: a.tolist() if hasattr(a, "tolist") else a   # noqa: E731
        return cls([to_list(a) for a in arrays[0::2]], [to_list(a) for a in arrays[1::2]], spec)

    @classmethod
    def from_torch(cls, module: Any, spec: str | None = None) -> "ReLUNet":
        """From a PyTorch ``nn.Sequential`` of ``Linear`` layers with a ``ReLU`` between consecutive ones.

        Raises
        ------
        InvalidInput
            When the module is not such a sequence (another activation, two ReLUs in a row, a final ReLU).
        """
        import torch.nn as nn

        arrays, expect_linear = [], True
        for layer in module:
            if isinstance(layer, nn.Linear) and expect_linear:
                bias = layer.bias.detach().double().numpy() if layer.bias is not None else [0] * layer.out_features
                arrays += [layer.weight.detach().double().numpy(), bias]
                expect_linear = False
            elif isinstance(layer, nn.ReLU) and not expect_linear:
                expect_linear = True
            else:
                raise InvalidInput(f"only Linear layers with a ReLU between them are supported, not {layer}")
        if expect_linear:
            raise InvalidInput("the network must end with a Linear layer")
        return cls.from_arrays(arrays, spec)

    @classmethod
    def load(cls, path: str | Path) -> "ReLUNet":
        """Read an ``.npz`` (``W0, b0, W1, ...``) or a PyTorch ``.pt`` / ``.pth`` file.

        Raises
        ------
        InvalidInput
            When the file is missing, of another type, or does not hold a network in the documented layout.
        """
        path = Path(path)
        spec = f"relu:{path}"
        if not path.is_file():
            raise InvalidInput(f"no network file {path}")
        if path.suffix == ".npz":
            import numpy as np

            import zipfile

            try:
                with np.load(path) as archive:
                    names = set(archive.files)
                    count = sum(1 for i in range(len(names)) if f"W{i}" in names)
                    if not count or names != {f"{p}{i}" for i in range(count) for p in "Wb"}:
                        raise InvalidInput(f"{path} must hold arrays W0, b0, W1, b1, ... and nothing else; it has "
                                           f"{', '.join(sorted(names))}")
                    arrays = [archive[f"{p}{i}"] for i in range(count) for p in "Wb"]
            except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
                if isinstance(error, InvalidInput):
                    raise
                reason = "it holds Python objects (not read, for safety)" if "pickle" in str(error) else \
                    f"{type(error).__name__}: {error}"
                raise InvalidInput(f"{path} is not a readable .npz of number arrays ({reason})") from None
            return cls.from_arrays(arrays, spec)
        if path.suffix in (".pt", ".pth"):
            return cls._load_torch(path, spec)
        raise InvalidInput(f"{path}: use an .npz (W0, b0, W1, ...) or a PyTorch .pt file")

    @classmethod
    def _load_torch(cls, path: Path, spec: str) -> "ReLUNet":
        try:
            import torch
            import torch.nn as nn
        except ImportError:
            raise NotSupported(f"reading {path} needs PyTorch (pip install 'weightspace[torch]'); or save the network "
                               f"as an .npz of W0, b0, W1, b1, ...") from None

        try:
            with torch.serialization.safe_globals([nn.Sequential, nn.Linear, nn.ReLU]):
                obj = torch.load(path, map_location="cpu", weights_only=True)
        except Exception as error:                                    # noqa: BLE001 - any unreadable file
            raise InvalidInput(f"{path} is not a PyTorch file holding an nn.Sequential of Linear/ReLU layers or its "
                               f"state_dict (read safely, with weights_only=True; {type(error).__name__})") from None
        if isinstance(obj, nn.Module):
            return cls.from_torch(obj, spec)
        if isinstance(obj, dict):
            keys = [k for k in obj if k.endswith(".weight")]
            arrays = []
            for key in keys:
                weight = obj[key].double().numpy()
                bias = obj.get(key[:-len("weight")] + "bias")
                arrays += [weight, bias.double().numpy() if bias is not None else [0] * weight.shape[0]]
            if arrays:
                return cls.from_arrays(arrays, spec)
        raise InvalidInput(f"{path} holds neither a Sequential network nor its state_dict")

    def save(self, path: str | Path) -> None:
        """Write the network as ``.npz`` (float64; exact for dyadic weights, such as integers).

        Raises
        ------
        InvalidInput
            When a weight is not exactly a float64 (for example 1/3): it would change on disk.
        """
        import numpy as np

        arrays = {}
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            for name, values in ((f"W{i}", w), (f"b{i}", b)):
                array = np.array(values, dtype=float)
                if any(Fraction(float(v)) != v for v in np.ravel(np.array(values, dtype=object))):
                    raise InvalidInput(f"{name} has weights that float64 cannot hold exactly")
                arrays[name] = array
        np.savez(path, **arrays)

    # ------------------------------------------------------------------ the architecture protocol
    @property
    def parameter_space(self):
        """Free coordinates ``W{l}[i,j]`` and ``b{l}[i]`` of the network's architecture (its widths), layer by layer."""
        from ..base import ParameterSpace

        names = []
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            names += [f"W{l}[{i + 1},{j + 1}]" for i in range(len(w)) for j in range(len(w[0]))]
            names += [f"b{l}[{i + 1}]" for i in range(len(b))]
        return ParameterSpace.free(names)

    @property
    def parameters(self) -> tuple[Fraction, ...]:
        """This network as a point of its parameter space."""
        out: list[Fraction] = []
        for w, b in zip(self.weights, self.biases):
            out += [v for row in w for v in row] + list(b)
        return tuple(out)

    def with_parameters(self, parameters: Sequence[Any]) -> "ReLUNet":
        """The network of the same widths at another point of parameter space.

        Raises
        ------
        InvalidInput
            When the number of parameters is not the dimension of the parameter space.
        """
        values = list(parameters)
        if len(values) != len(self.parameters):
            raise InvalidInput(f"{self.spec} has {len(self.parameters)} parameters, not {len(values)}")
        weights, biases, k = [], [], 0
        for w in self.weights:
            rows, cols = len(w), len(w[0])
            weights.append([values[k + i * cols:k + (i + 1) * cols] for i in range(rows)])
            k += rows * cols
            biases.append(values[k:k + rows])
            k += rows
        return ReLUNet(weights, biases)

    def parse_function(self, f: Any) -> tuple[Fraction, ...]:
        """A function given by its output values (at points the caller chose, as for
        [`evaluate_on_domain`][weightspace.arch.relu.network.ReLUNet.evaluate_on_domain]), as rationals."""
        return tuple(weight(v) for v in (f.split(",") if isinstance(f, str) else f))

    def evaluate_on_domain(self, parameters: Sequence[Any], points: Sequence[Sequence[Any]]) -> tuple[Fraction, ...]:
        """The first output of the network with ``parameters`` at each of ``points``, exactly."""
        net = self.with_parameters(parameters)
        return tuple(net.forward(p)[0] for p in points)

    def witness_values(self, parameters: Sequence[Any]) -> dict[str, Any]:
        net = self.with_parameters(parameters)
        return {f"W{l}": [list(r) for r in w] for l, w in enumerate(net.weights)} | {
            f"b{l}": list(b) for l, b in enumerate(net.biases)}

    def function_dict(self, f: tuple) -> dict[str, Any]:
        return {"values": [str(v) for v in f]}

    capabilities = frozenset({"count", "regions"})

    def hint(self, name: str) -> str:
        """A ReLU network cuts its input space: point to its regions."""
        net = self.spec[5:] if self.spec.startswith("relu:") else "FILE"
        return (f"it cuts its input space into linear regions, not its parameter space into an arrangement; use "
                f"weightspace relu regions --net {net} (or count)")

    # ------------------------------------------------------------------ shape
    @property
    def spec(self) -> str:
        return self._spec or f"relu:[{','.join(map(str, self.widths))}]"

    @property
    def widths(self) -> tuple[int, ...]:
        """``(input dimension, hidden widths..., output dimension)``."""
        return (len(self.weights[0][0]),) + tuple(len(w) for w in self.weights)

    @property
    def input_dimension(self) -> int:
        return self.widths[0]

    @property
    def hidden_widths(self) -> tuple[int, ...]:
        return self.widths[1:-1]

    @property
    def is_integral(self) -> bool:
        return all(v.denominator == 1 for w, b in zip(self.weights, self.biases) for r in w + (b,) for v in r)

    # ------------------------------------------------------------------ exact evaluation
    def pre_activations(self, x: Sequence[Any]) -> list[tuple[Fraction, ...]]:
        """The pre-activations of every layer at ``x`` (the last entry is the output), exactly.

        Raises
        ------
        InvalidInput
            When ``x`` has the wrong length or an entry that is not a number.
        """
        values = tuple(to_fraction(v) for v in x)
        if len(values) != self.input_dimension:
            raise InvalidInput(f"the network takes {self.input_dimension} inputs, not {len(values)}")
        out = []
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = tuple(sum((a * v for a, v in zip(row, values)), Fraction(0)) + c for row, c in zip(w, b))
            out.append(z)
            values = tuple(max(v, Fraction(0)) for v in z)
        return out

    def forward(self, x: Sequence[Any]) -> tuple[Fraction, ...]:
        """The network's output at a rational point, exactly.

        Raises
        ------
        InvalidInput
            When ``x`` has the wrong length or an entry that is not a number.
        """
        return self.pre_activations(x)[-1]

    def pattern(self, x: Sequence[Any]) -> tuple[tuple[int, ...], ...]:
        """The hidden activation pattern ``1[z > 0]`` at ``x``, one tuple per hidden layer."""
        return tuple(tuple(int(v > 0) for v in z) for z in self.pre_activations(x)[:-1])

    # ------------------------------------------------------------------ transformations
    def integer_layers(self) -> tuple[list[list[list[int]]], list[list[int]], int]:
        """An integer network with the same activation patterns: ``W_i' = s_i W_i`` and ``b_i' = s_0 ... s_i b_i``
        for positive integers ``s_i``, whose output is ``P = s_0 ... s_L`` times the original (ReLU is positively
        homogeneous). Returns ``(weights, biases, P)``."""
        weights, biases, scale = [], [], 1
        for w, b in zip(self.weights, self.biases):
            s = lcm(*(v.denominator for row in w for v in row), *((v * scale).denominator for v in b))
            weights.append([[int(v * s) for v in row] for row in w])
            scale *= s
            biases.append([int(v * scale) for v in b])
        return weights, biases, scale

    def restricted_to_plane(self, origin: Sequence[Any], u: Sequence[Any], v: Sequence[Any]) -> "ReLUNet":
        """The network on the 2-D slice ``(s, t) -> origin + s u + t v`` of its input space (SplineCam's view).

        Raises
        ------
        InvalidInput
            When the three vectors do not have the input dimension, or ``u`` and ``v`` are parallel.
        """
        from ...exact import rank

        vectors = [tuple(to_fraction(a) for a in vec) for vec in (origin, u, v)]
        d = self.input_dimension
        if any(len(vec) != d for vec in vectors):
            raise InvalidInput(f"the slice needs an origin and two directions with {d} coordinates each")
        o, e1, e2 = vectors
        if rank([e1, e2]) < 2:
            raise InvalidInput("the slice directions are parallel: they do not span a plane")
        first = [[sum(a * b for a, b in zip(row, e)) for e in (e1, e2)] for row in self.weights[0]]
        bias = [c + sum(a * b for a, b in zip(row, o)) for row, c in zip(self.weights[0], self.biases[0])]
        return ReLUNet([first, *self.weights[1:]], [bias, *self.biases[1:]],
                       spec=f"{self.spec} slice")


__all__ = ["ReLUNet", "weight", "check_parameter_count", "MAX_PARAMETERS"]

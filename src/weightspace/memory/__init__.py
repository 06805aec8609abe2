"""Associative memories: classical, dense (polynomial, rectified, exponential), modern (softmax) and simplicial
Hopfield networks; capacity defined once; experiments on correlated data, forgetting, a digits task and topology."""

from ..arch.memory.models import (MODELS, AssociativeMemory, ClassicalHopfield, DenseAssociativeMemory, ModernHopfield,
                     SimplicialHopfield, make_model)

__all__ = ["MODELS", "AssociativeMemory", "ClassicalHopfield", "DenseAssociativeMemory", "ModernHopfield",
           "SimplicialHopfield", "make_model"]

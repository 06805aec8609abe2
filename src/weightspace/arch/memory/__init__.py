"""Associative-memory models on ``{-1, 1}^N`` (classical, dense, modern, simplicial Hopfield networks); their
capacity, recall and experiments are in [`weightspace.memory`][weightspace.memory]."""

from .models import (MODELS, AssociativeMemory, ClassicalHopfield, DenseAssociativeMemory, ModernHopfield,
                     SimplicialHopfield, make_model)

__all__ = ["MODELS", "AssociativeMemory", "ClassicalHopfield", "DenseAssociativeMemory", "ModernHopfield",
           "SimplicialHopfield", "make_model"]

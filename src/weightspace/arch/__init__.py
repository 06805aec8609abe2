"""Architectures: they build hyperplanes in parameter space and read answers back from the geometry."""

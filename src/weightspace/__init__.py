"""weightspace: exact combinatorial geometry of neural-network parameter spaces."""

__version__ = "0.1.0"

"""Polynomial, linear and convolutional networks: neuromanifolds, dimension, membership and ED degree."""

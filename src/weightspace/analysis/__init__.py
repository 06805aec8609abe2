"""Analyses over parameter space: measures of the functions."""

"""Evals: run the real pipeline over labelled datasets and measure it."""

"""Extractors: one module per input kind, each turning files into model objects."""

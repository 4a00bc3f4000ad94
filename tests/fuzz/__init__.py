"""Fuzzing of loading, importing and rendering (see ``tests/fuzz/README.md``)."""

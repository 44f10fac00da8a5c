"""Benchmarks of the site generator: synthetic data at any size, and `make bench`.

generate      seeded synthetic data/ folders shaped like the real data (presets s, m, l), and the tests'
static_floor  the same pages written out as plain Markdown, for MkDocs to build without our code
run           `python -m benchmarks.run`: times every build, writes BENCHMARKS.md
"""

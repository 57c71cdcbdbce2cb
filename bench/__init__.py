"""The benchmark of the public site (`make bench`); not part of the test suite.

See bench/README.md. `python -m bench` runs it all: bench/run.py.
"""

"""cpmo's benchmarks: `cpmo bench [--quick] [--json]` runs them all (see suite.py)."""

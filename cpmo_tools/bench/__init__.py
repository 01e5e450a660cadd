"""cpmo's benchmark harness: `cpmo bench [--quick] [--json]` runs it all (see suite.py); the
figures it measured are in the repository's benchmarks/RESULTS.md."""

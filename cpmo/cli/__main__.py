"""`python -m cpmo.cli …` runs the `cpmo` command."""

from cpmo.cli import main

main()

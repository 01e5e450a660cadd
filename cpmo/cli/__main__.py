"""`python -m cpmo.cli …` runs the `cpmo` command."""

from cpmo.cli import main

if __name__ == "__main__":  # importing this module (a scan of every module) runs nothing
    main()

"""Write the crafted upload corpus to tests/data/uploads/ (run from the repository root:
`.venv/bin/python scripts/make_upload_corpus.py`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.upload_corpus import write

if __name__ == "__main__":
    for name, size in write():
        print(f"{size:>8}  {name}")

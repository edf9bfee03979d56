"""`python -m core.train`: the command-line entry kept short for the README; the code is core.nmt.train."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from core.nmt.train import main

    sys.exit(main())

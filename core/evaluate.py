"""`python -m core.evaluate`: the command-line entry kept short for the README; the code is core.nmt.evaluate."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from core.nmt.evaluate import main

    sys.exit(main())

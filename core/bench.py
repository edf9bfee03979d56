"""`python -m core.bench`: the command-line entry kept short for the README; the code is tools.bench."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from tools.bench import main

    sys.exit(main())

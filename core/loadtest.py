"""`python -m core.loadtest`: the command-line entry kept short for the README; the code is tools.loadtest."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from tools.loadtest import main

    sys.exit(main())

"""`python -m core.shipped`: the command-line entry kept short for the README; the code is tools.shipped."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from tools.shipped import main

    sys.exit(main())

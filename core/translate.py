"""`python -m core.translate`: the command-line entry kept short for the README; the code is core.nmt.translate."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from core.nmt.translate import main

    sys.exit(main())

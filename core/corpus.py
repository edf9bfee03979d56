"""`python -m core.corpus`: the command-line entry kept short for the README; the code is core.language.corpus."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from core.language.corpus import main

    sys.exit(main())

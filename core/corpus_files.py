"""`python -m core.corpus_files`: the command-line entry kept short for the README; the code is core.language.user_corpus."""
from __future__ import annotations

import sys

if __name__ == "__main__":
    from core.language.user_corpus import main

    sys.exit(main())

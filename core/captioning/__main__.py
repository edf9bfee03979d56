"""`python -m core.captioning`: train, evaluate and ship the captioners (core.captioning.train)."""
from __future__ import annotations

import sys

from core.captioning.train import main

sys.exit(main())

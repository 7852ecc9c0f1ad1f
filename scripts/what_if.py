"""What-if of a seed edit (SPEC §6): build candidate seeds beside the current warehouse, compare.

Usage: python scripts/what_if.py CANDIDATE_SEEDS_DIR [--target duckdb] [--vars YAML] [--json FILE]
See lead_scoring/what_if.py for the steps and what is compared.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.what_if import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark the dbt project against one plain DuckDB query of the same scores (SPEC §8).

Usage: python scripts/benchmark.py --contacts 100000 --days 365 [--activity-level 1] [--json FILE]
See lead_scoring/benchmark.py for the steps measured.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.benchmark import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())

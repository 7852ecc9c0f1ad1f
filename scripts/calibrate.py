"""Calibrate the scoring seeds from history (SPEC §6): learned weights as suggested seed CSVs.

Usage: python scripts/calibrate.py [--target duckdb] [--vars YAML] [--out target/calibration]
                                   [--train-until as_of_date|backtest_date]
See lead_scoring/calibrate.py for the training table, the models and how points are scaled.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.calibrate import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())

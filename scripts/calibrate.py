"""Calibrate the scoring seeds from the warehouse's snapshots: learned weights as suggested seed
CSVs, written only when the rules engine ranks the backtest better with them.

Thin wrapper of ``lead_scoring.calibration.cli.main``, also installed as the console script
``lead-scoring-calibrate``; ``--help`` lists the options.
"""

from lead_scoring.calibration.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

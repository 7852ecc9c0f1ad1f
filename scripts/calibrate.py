"""Calibrate the scoring seeds from history: learned weights as suggested seed CSVs.

Thin wrapper of ``lead_scoring.calibrate.main``, also installed as the console script
``lead-scoring-calibrate``; ``--help`` lists the options.
"""

from lead_scoring.calibrate import main

if __name__ == "__main__":
    raise SystemExit(main())

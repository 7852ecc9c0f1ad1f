"""Print a short summary of a built lead-scoring warehouse.

Thin wrapper of ``lead_scoring.summary.main``, also installed as the console script
``lead-scoring-summary``; ``--help`` lists the options.
"""

from lead_scoring.summary import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Load a folder of raw files into the schema ``raw`` of a warehouse target (SPEC §1).

Thin wrapper of ``lead_scoring.load.main``, also installed as the console script
``lead-scoring-load``; ``--help`` lists the options.
"""

from lead_scoring.load import main

if __name__ == "__main__":
    raise SystemExit(main())

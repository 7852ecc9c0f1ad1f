"""Generate realistic synthetic raw data for the lead-scoring warehouse (SPEC §1, §7, §8).

Thin wrapper of ``lead_scoring.generator.main``, also installed as the console script
``lead-scoring-generate``; ``--help`` lists the options.
"""

from lead_scoring.generator import main

if __name__ == "__main__":
    raise SystemExit(main())

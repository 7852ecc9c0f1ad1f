"""Run the Great Expectations suite on the marts and the key staging models (SPEC §7).

Thin wrapper of ``lead_scoring.expectations_cli.main``, also installed as the console script
``lead-scoring-gx``; ``--help`` lists the options.
"""

from lead_scoring.expectations_cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Fail when a model, column, seed, source or macro of the project has no description.

Thin wrapper of ``lead_scoring.docs_check.main``, also installed as the console script
``lead-scoring-check-docs``; ``--help`` lists the options.
"""

from lead_scoring.docs_check import main

if __name__ == "__main__":
    raise SystemExit(main())

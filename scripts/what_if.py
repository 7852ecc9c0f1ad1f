"""What-if of a seed edit (SPEC §6): build candidate seeds beside the current warehouse, compare.

Thin wrapper of ``lead_scoring.what_if.main``, also installed as the console script
``lead-scoring-what-if``; ``--help`` lists the options.
"""

from lead_scoring.what_if import main

if __name__ == "__main__":
    raise SystemExit(main())

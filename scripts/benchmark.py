"""Benchmark the dbt project against one plain DuckDB query of the same scores (SPEC §8).

Thin wrapper of ``lead_scoring.benchmark.main``, also installed as the console script
``lead-scoring-benchmark``; ``--help`` lists the options.
"""

from lead_scoring.benchmark import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Print the problems of the last dbt run (target/run_results.json) as the closing lines of a
failing `make build`: every failing node's message once, without dbt's frames.

Thin wrapper of ``lead_scoring.dbt_run.main``; ``--help`` lists the options.
"""

from lead_scoring.dbt_run import main

if __name__ == "__main__":
    raise SystemExit(main())

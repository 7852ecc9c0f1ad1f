"""The Python side of the lead-scoring warehouse: everything that runs outside dbt.

The dbt project is the product; this package holds the commands around it (each a ``main()``,
wrapped by ``scripts/*.py`` and installed as a ``lead-scoring-*`` console script, see
``pyproject.toml``) and what they share: the raw input contract read from the dbt sources YAML
(``raw_schema``), the synthetic data generator (``generator``), the raw-file checks and the
loaders per target (``raw_files``, ``duckdb_loader``, ``postgres_loader``, ``spark``, ``load``),
the project folder a command works on, this checkout or a host project (``project``),
warehouse connections per target (``warehouse``), relation names from dbt's manifest
(``relations``), the scoring labels (``labels``), the Great Expectations suite, the report, the
what-if, the benchmark and logging set-up.

The package reads the dbt project of its checkout (``PROJECT_ROOT``): it is installed editable
(``pip install --no-deps -e .``), not built or published.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

__all__ = ["PROJECT_ROOT"]

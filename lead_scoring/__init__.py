"""Shared code for the lead-scoring warehouse scripts (loader, generator, ...).

The dbt project is the product; this package only holds what the Python scripts under
``scripts/`` share: the raw input contract read from the dbt sources YAML, warehouse
connections per target, and logging set-up.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

__all__ = ["PROJECT_ROOT"]

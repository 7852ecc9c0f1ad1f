"""The dbt project a tool works on: this checkout, or a host project that installs it as a package.

Every command that reads a warehouse or the seeds takes ``--project-dir`` (default: this
checkout). A *host* project is any dbt project whose ``dbt_packages/lead_scoring`` holds this one
(``packages.yml``, then ``dbt deps``; integration_tests/ is such a host). For a host:

- the DuckDB file is ``$LEAD_SCORING_DUCKDB_PATH`` (absolute, or relative to the project folder)
  or ``target/lead_scoring.duckdb`` in it, as for this checkout;
- its manifest is in its ``target/`` folder; the package's models and seeds are looked up there
  (``lead_scoring.relations``);
- a seed is the host's own file of that name when it has one (the host overrides the package's
  seed, the package's being disabled), else the package's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from lead_scoring import PROJECT_ROOT

PACKAGE_NAME = "lead_scoring"
DUCKDB_PATH_ENV = "LEAD_SCORING_DUCKDB_PATH"
DUCKDB_DEFAULT_PATH = "target/lead_scoring.duckdb"
# What a dbt build of a copy needs (no target/, logs/, data or virtual environment).
PROJECT_PARTS = (
    "dbt_project.yml",
    "profiles.yml",
    "packages.yml",
    "package-lock.yml",
    "models",
    "macros",
    "tests",
    "seeds",
    "analyses",
    "snapshots",
)


class ProjectError(RuntimeError):
    """The folder is no dbt project, or a host whose package is not installed."""


def project_name(project_dir: Path) -> str:
    """The ``name`` of the dbt project in project_dir."""
    path = Path(project_dir) / "dbt_project.yml"
    if not path.is_file():
        raise ProjectError(f"{project_dir} is no dbt project (no dbt_project.yml)")
    return str(yaml.safe_load(path.read_text(encoding="utf-8")).get("name"))


def package_dir(project_dir: Path = PROJECT_ROOT) -> Path:
    """The folder of the lead-scoring project: project_dir itself, or its installed package."""
    project_dir = Path(project_dir)
    if project_name(project_dir) == PACKAGE_NAME:
        return project_dir
    installed = project_dir / "dbt_packages" / PACKAGE_NAME
    if not (installed / "dbt_project.yml").is_file():
        raise ProjectError(
            f"{project_dir} does not install the {PACKAGE_NAME} package (no "
            f"dbt_packages/{PACKAGE_NAME}): add it to packages.yml and run dbt deps"
        )
    return installed.resolve()


def is_host(project_dir: Path = PROJECT_ROOT) -> bool:
    """True when project_dir is another project that installs this one as a package."""
    return Path(project_dir).resolve() != package_dir(project_dir)


def seed_files(project_dir: Path = PROJECT_ROOT) -> dict[str, Path]:
    """``{file name: path}`` of every seed CSV the build reads: a host's own file wins."""
    project_dir = Path(project_dir)
    files = {path.name: path for path in sorted((package_dir(project_dir) / "seeds").glob("*.csv"))}
    if is_host(project_dir):
        files.update({path.name: path for path in sorted((project_dir / "seeds").glob("*.csv"))})
    return files


def duckdb_path(project_dir: Path = PROJECT_ROOT) -> Path:
    """The DuckDB file of the project: ``$LEAD_SCORING_DUCKDB_PATH`` (relative to the project
    folder when relative) or ``target/lead_scoring.duckdb`` in it, as profiles.yml says."""
    path = Path(os.environ.get(DUCKDB_PATH_ENV) or DUCKDB_DEFAULT_PATH)
    return path if path.is_absolute() else Path(project_dir) / path


def _copy_parts(source: Path, destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, destination / part, dirs_exist_ok=True)
        elif path.is_file():
            shutil.copy2(path, destination / part)


def copy_project(
    destination: Path, replacements: list[Path] = (), project_dir: Path = PROJECT_ROOT
) -> Path:
    """A copy of the dbt project in destination that builds on its own, each CSV of
    replacements replacing the seed of its name (a host's own seed, else the package's).

    A host's installed packages are copied with it (``dbt_packages/``), this package as files
    (a local package is a link to its folder), so the copy needs no ``dbt deps``."""
    project_dir = Path(project_dir)
    _copy_parts(project_dir, destination)
    seeds = seed_files(project_dir)
    package_copy = destination
    if is_host(project_dir):
        packages = project_dir / "dbt_packages"
        for installed in sorted(packages.iterdir()):
            if installed.name == PACKAGE_NAME:
                continue
            shutil.copytree(installed, destination / "dbt_packages" / installed.name, symlinks=True)
        package_copy = destination / "dbt_packages" / PACKAGE_NAME
        _copy_parts(package_dir(project_dir), package_copy)
    for path in replacements:
        if path.name not in seeds:
            raise ProjectError(f"{path.name} replaces no seed of {project_dir}")
        own = seeds[path.name].parent.resolve() == (project_dir / "seeds").resolve()
        folder = destination / "seeds" if own else package_copy / "seeds"
        shutil.copy2(path, folder / path.name)
    return destination


def add_project_dir_argument(parser) -> None:
    """The ``--project-dir`` option every command shares (an argparse parser)."""
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=PROJECT_ROOT,
        help="the dbt project the warehouse is built from: this checkout (the default) or a "
        "host project that installs it as a package (its DuckDB file, target/ and seeds/)",
    )

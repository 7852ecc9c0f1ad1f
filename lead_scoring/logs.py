"""Logging set-up shared by the scripts."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(verbose: bool = False, quiet: bool = False) -> None:
    """Log to stderr, INFO by default (DEBUG with ``verbose``, WARNING with ``quiet``).

    Safe to call more than once; an already configured root logger (pytest's caplog, an
    embedding program) keeps its handlers.
    """
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, format=LOG_FORMAT, datefmt="%H:%M:%S")
    logging.getLogger().setLevel(level)

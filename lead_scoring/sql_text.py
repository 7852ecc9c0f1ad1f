"""SQL text of names and strings the loaders put into statements (quoted, never pasted)."""

from __future__ import annotations


def sql_string(value: str) -> str:
    """A SQL string literal of ``value`` (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """A quoted SQL identifier (double quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'

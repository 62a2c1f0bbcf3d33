"""Diagnostics on stderr at the verbosity the user chose; results go to stdout elsewhere."""

from __future__ import annotations

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2
_level = NORMAL


def set_level(level: int) -> None:
    """Set how much is said on stderr."""
    global _level
    _level = level


def is_verbose() -> bool:
    """Whether ``--verbose`` was given."""
    return _level >= VERBOSE


def info(message: str) -> None:
    """A progress or summary line, hidden by ``--quiet``."""
    if _level >= NORMAL:
        click.echo(message, err=True)


def debug(message: str) -> None:
    """Detail shown only with ``--verbose``."""
    if _level >= VERBOSE:
        click.echo(message, err=True)


def error(message: str) -> None:
    """An error; always shown."""
    click.echo(f"dikg: error: {message}", err=True)

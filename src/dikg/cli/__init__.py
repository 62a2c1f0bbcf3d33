"""The ``dikg`` command line: wiring only; each command's work lives in its own module.

Each command turns its options into one call of a room below (:mod:`dikg.queries`,
:mod:`dikg.validate`, ...), renders the result with that room's renderer, and maps the
outcome to an exit code; :mod:`dikg.cli.base` turns expected errors into one message.
"""

from __future__ import annotations

# imported for their commands, which register themselves with the group
from dikg.cli import graph, query, release, store  # noqa: F401
from dikg.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``dikg`` console script."""
    cli(prog_name="dikg")

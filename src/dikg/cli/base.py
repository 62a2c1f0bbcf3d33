"""The ``dikg`` group: global options, and expected errors turned into one message."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from dikg import __version__, console
from dikg.errors import EXIT_BAD_INPUT, DikgError
from dikg.root import ROOT_ENV, GraphRoot, resolve_root

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DikgGroup(click.Group):
    """A click group that turns expected errors into one message and exit code 2."""

    def invoke(self, ctx: click.Context):
        """Run the subcommand; report :class:`DikgError` without a traceback."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except DikgError as error:
            if console.is_verbose():
                traceback.print_exc()
            console.error(str(error))
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # the reader of our stdout went away (e.g. `| head`): not an error of ours
            sys.stderr.close()
            ctx.exit(0)
        except Exception as error:
            if console.is_verbose():
                traceback.print_exc()
            console.error(
                f"internal error: {type(error).__name__}: {error}\n"
                "  hint: rerun with --verbose for the traceback and report it as a dikg bug"
            )
            ctx.exit(EXIT_BAD_INPUT)


def out_option(default: str, help_text: str):
    """The ``--out DIR`` option of commands that write a directory of files."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


def lang_option(help_text: str):
    """The ``--lang nl|en`` option."""
    return click.option(
        "--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True, help=help_text
    )


def root_of(ctx: click.Context) -> GraphRoot:
    """The graph root the command works on (``--root``, else as :mod:`dikg.root` finds it)."""
    root = resolve_root(ctx.obj["root"])
    console.debug(f"graph root: {root.path} (from {root.origin})")
    return root


@click.group(cls=DikgGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="dikg")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Graph root (a dikg checkout). Default: ${ROOT_ENV}, else this checkout, "
    "else the copy packaged with dikg.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool) -> None:
    """dikg: the knowledge graph of Dutch central government diversity and inclusion policy.

    Exit codes: 0 success, 1 violations found (or differences, for fmt --check),
    2 bad input or usage.
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    console.set_level(console.QUIET if quiet else console.VERBOSE if verbose else console.NORMAL)
    ctx.obj = {"root": root}

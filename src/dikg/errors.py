"""Expected errors and the exit codes the command line maps them to.

Exit codes (../DESIGN.md): 0 success, 1 validation found violations or a query found
nothing when asked to fail on empty, 2 bad input or usage.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class DikgError(Exception):
    """An expected error: shown as one message on stderr, never as a traceback.

    Args:
        message: what went wrong, naming the file, line or resource.
        hint: what the user can do about it.
        path: the file concerned, if any.
        line: the 1-based line in ``path``, if known.
    """

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        location = ""
        if self.path is not None:
            location = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{location}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(DikgError):
    """Input that cannot be read: a missing or unreadable file, a syntax error, a bad option."""


def syntax_error(error: SyntaxError, path: Path, syntax: str = "Turtle") -> InputError:
    """The :class:`InputError` for a parser's ``SyntaxError`` (pyoxigraph raises these).

    Args:
        error: the parser's error, with ``msg`` and ``lineno``.
        path: the file being parsed.
        syntax: the name of the RDF syntax, for the message.
    """
    return InputError(
        f"{syntax} syntax error: {error.msg}",
        path=path,
        line=error.lineno,
        hint=f"fix the {syntax} at that line",
    )

"""SPARQL query text, read lexically: its variables, prefixes and form, and VALUES injection.

Used where a query must stay text: for a remote endpoint, parameter values are bound by
inserting a ``VALUES`` block (https://www.w3.org/TR/sparql11-query/#inline-data) at the start
of the query's outermost WHERE group. The values are RDF terms serialised by pyoxigraph
(``str()`` of a ``NamedNode`` or ``Literal`` is a correctly escaped N-Triples term, which is
also valid SPARQL), never user text.

The lexer knows just enough of the SPARQL grammar
(https://www.w3.org/TR/sparql11-query/#grammar) to tell comments, strings and IRIs from the
rest, so that a ``{`` or a ``#`` inside a string or IRI is not mistaken for syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from dikg.errors import InputError

Term = ox.NamedNode | ox.Literal | ox.BlankNode

# Order matters: long strings before short ones, IRIs before the single-character fallback.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             |'''(?:[^'\\]|\\.|'(?!''))*'''
             |"(?:[^"\\\r\n]|\\.)*"
             |'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<space>\s+)
  | (?P<word>(?:[A-Za-z_][\w\-.]*)?:(?:[\w\-.%:]*[\w\-%:])?|[A-Za-z_][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    """A lexical token: its kind (a group name of the lexer), text and offset."""

    kind: str
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """Split query text into tokens (whitespace and comments included)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        yield Token(kind, match.group(), match.start())


@lru_cache(maxsize=16)
def _code(text: str) -> tuple[Token, ...]:
    """The tokens that are not whitespace or comments.

    Kept for the last few texts: a question reads its text's form, variables and WHERE
    group, and the lexer is most of what finding and binding a canned query costs.
    """
    return tuple(t for t in tokens(text) if t.kind not in ("space", "comment"))


def variables(text: str) -> set[str]:
    """The names of every variable the query text mentions (without ``?`` or ``$``)."""
    return {t.text[1:] for t in _code(text) if t.kind == "variable"}


def prefixes(text: str) -> dict[str, str]:
    """The ``PREFIX p: <iri>`` declarations of a query's prologue.

    The prologue ends at the query form (https://www.w3.org/TR/sparql11-query/#rQueryUnit),
    so the text after ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` is not read.
    """
    code: list[Token] = []
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in FORMS:
            break
        if token.kind not in ("space", "comment"):
            code.append(token)
    found: dict[str, str] = {}
    for first, name, iri in zip(code, code[1:], code[2:], strict=False):
        declares = first.kind == "word" and first.text.upper() == "PREFIX"
        if declares and iri.kind == "iri" and name.text.endswith(":"):
            found[name.text[:-1]] = iri.text[1:-1]
    return found


def query_form(text: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the first form keyword, if any."""
    for token in _code(text):
        if token.kind == "word" and token.text.upper() in FORMS:
            return token.text.upper()
    return None


def _where_group(text: str) -> int:
    """The offset just after the ``{`` that opens the outermost WHERE group.

    Raises:
        InputError: if the query has no WHERE group that VALUES can go into.
    """
    code = _code(text)
    depth = 0
    form = None
    top_level_groups = []
    after_where = False
    for token in code:
        if token.kind == "open":
            if depth == 0:
                if after_where:
                    return token.start + 1
                top_level_groups.append(token)
            depth += 1
        elif token.kind == "close":
            depth -= 1
        elif depth == 0 and token.kind == "word":
            word = token.text.upper()
            if form is None and word in FORMS:
                form = word
            elif word == "WHERE":
                after_where = True
    if form == "CONSTRUCT" and len(top_level_groups) >= 2:
        return top_level_groups[1].start + 1
    if form in ("SELECT", "ASK", "DESCRIBE") and top_level_groups:
        return top_level_groups[0].start + 1
    raise InputError(
        "cannot bind parameters: the query has no WHERE group",
        hint="write the query as `SELECT ... WHERE { ... }`",
    )


def values_block(bindings: Mapping[str, Term | Sequence[Term]]) -> str:
    """``VALUES ?name { term ... }`` lines for the given variables and RDF terms.

    Args:
        bindings: variable name (without ``?``) to one term or a list of terms.

    Raises:
        ValueError: for a variable name that is not a SPARQL variable name, or a value that
            is not an RDF term object (user text must be turned into terms first).
    """
    lines = []
    for name, value in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        terms = [value] if isinstance(value, Term) else list(value)
        for term in terms:
            if not isinstance(term, Term):
                raise ValueError(f"not an RDF term: {term!r}")
        lines.append(f"VALUES ?{name} {{ {' '.join(str(term) for term in terms)} }}")
    return "".join(f"\n  {line}" for line in lines)


def inject_values(text: str, bindings: Mapping[str, Term | Sequence[Term]]) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group.

    The block joins with the rest of that group, so the variables are bound throughout it
    (sub-queries excepted, which see only their own variables).

    Args:
        text: the query.
        bindings: variable name (without ``?``) to one RDF term or a list of them.

    Returns:
        The query text with the block inserted; the text itself when there is nothing to bind.

    Raises:
        InputError: if the query has no WHERE group.
    """
    if not bindings:
        return text
    at = _where_group(text)
    return f"{text[:at]}{values_block(bindings)}\n{text[at:]}"

"""Read RDF that a maintainer hands in (new entries), safely.

An entry file is untrusted input. It is parsed with pyoxigraph, which never goes to the network,
after checks that turn every way it can fail into an :class:`~dikg.errors.InputError` (exit 2)
naming the file and, where known, the line:

* a file larger than :data:`MAX_BYTES` is refused before it is read;
* the format comes from the suffix (:data:`FORMATS`); another suffix is refused;
* the text must be UTF-8;
* JSON-LD may only use contexts written in the file itself: a remote ``@context`` (a string
  or a list with one) or an ``@import`` would make a JSON-LD processor fetch a URL, so it is
  refused with a clear message rather than left to a parser error
  (https://www.w3.org/TR/json-ld11-api/#remote-document-and-context-retrieval);
* RDF/XML with a DOCTYPE is refused: entity declarations are how XML external entities and
  entity expansion bombs work (https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing),
  and RDF/XML never needs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from dikg.errors import InputError, syntax_error

MAX_BYTES = 5 * 1024 * 1024
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("Turtle", ox.RdfFormat.TURTLE),
    ".trig": ("TriG", ox.RdfFormat.TRIG),
    ".nt": ("N-Triples", ox.RdfFormat.N_TRIPLES),
    ".nq": ("N-Quads", ox.RdfFormat.N_QUADS),
    ".jsonld": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".json": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".rdf": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".owl": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".xml": ("RDF/XML", ox.RdfFormat.RDF_XML),
}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class RdfFile:
    """An RDF file read and parsed.

    Attributes:
        path: the file.
        format: the name of its syntax (``Turtle``, ``JSON-LD``, ...).
        text: its text.
        quads: its statements, all in the default graph (named graphs of TriG and N-Quads are
            merged: an entry joins the one graph), blank nodes labelled ``{label}b{n}`` in the
            order they appear, so that output does not change between runs.
        prefixes: the prefixes the file declares (Turtle, TriG) or its JSON-LD context terms.
    """

    path: Path
    format: str
    text: str
    quads: tuple[ox.Quad, ...]
    prefixes: dict[str, str]


def suffixes() -> str:
    """The suffixes dikg reads, for messages."""
    return ", ".join(sorted(FORMATS))


def _remote_contexts(node: Any, inside_context: bool = False) -> Iterator[str]:
    """Every context reference in a JSON-LD document that would have to be fetched."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, str):
                        yield context
                    else:
                        yield from _remote_contexts(context, inside_context=True)
            elif key == "@import" and inside_context and isinstance(value, str):
                yield value
            else:
                yield from _remote_contexts(value, inside_context)
    elif isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item, inside_context)


def _check_json_ld(path: Path, text: str) -> dict[str, str]:
    """Refuse remote contexts; return the prefixes an inline context defines."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"JSON syntax error: {error.msg}", path=path, line=error.lineno) from None
    remote = sorted(set(_remote_contexts(document)))
    if remote:
        raise InputError(
            f"JSON-LD with a remote @context ({', '.join(remote)}): dikg never fetches a context",
            path=path,
            hint="write the context inline, as a JSON object of the terms and prefixes you use",
        )
    prefixes = {}
    contexts = [document] if isinstance(document, dict) else []
    for node in contexts:
        context = node.get("@context")
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, dict):
                prefixes.update(
                    {k: v for k, v in item.items() if isinstance(v, str) and v.endswith(("#", "/"))}
                )
    return prefixes


def _relabelled(quads: list[ox.Quad], label: str) -> tuple[ox.Quad, ...]:
    """Put every quad in the default graph and give blank nodes stable labels."""
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term not in names:
                names[term] = ox.BlankNode(f"{label}b{len(names) + 1}")
            return names[term]
        return term

    return tuple(
        ox.Quad(stable(q.subject), q.predicate, stable(q.object), ox.DefaultGraph()) for q in quads
    )


def read_rdf(path: Path, *, label: str = "e") -> RdfFile:
    """Read and parse an RDF file safely.

    Args:
        path: the file; its suffix gives the format.
        label: prefix of the blank-node labels (distinct per file, so files can be merged).

    Raises:
        InputError: for a missing, oversized, non-UTF-8 or unparsable file, an unknown
            suffix, a remote JSON-LD context or an RDF/XML DOCTYPE.
    """
    if not path.exists():
        raise InputError("no such file", path=path, hint="check the path")
    if not path.is_file():
        raise InputError("not a file", path=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"file of {size / 1_048_576:.1f} MB is over the limit of "
            f"{MAX_BYTES / 1_048_576:.0f} MB for an entry",
            path=path,
            hint="split the entry into smaller files",
        )
    known = FORMATS.get(path.suffix.lower())
    if known is None:
        raise InputError(
            f"unknown format {path.suffix or '(no suffix)'!r}",
            path=path,
            hint=f"name the file with one of these suffixes: {suffixes()}",
        )
    name, rdf_format = known
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from None
    if len(content) > MAX_BYTES:  # the file grew since stat()
        raise InputError(f"over the limit of {MAX_BYTES} bytes for an entry", path=path)
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 (byte 0x{content[error.start]:02x})",
            path=path,
            line=content.count(b"\n", 0, error.start) + 1,
            hint="save the file as UTF-8",
        ) from None
    prefixes: dict[str, str] = {}
    if rdf_format == ox.RdfFormat.JSON_LD:
        prefixes = _check_json_ld(path, text)
    if rdf_format == ox.RdfFormat.RDF_XML:
        doctype = _DOCTYPE.search(content)
        if doctype:
            raise InputError(
                "RDF/XML with a DOCTYPE or ENTITY declaration: refused, because entities can "
                "read local files or expand without bound",
                path=path,
                line=content.count(b"\n", 0, doctype.start()) + 1,
                hint="remove the DOCTYPE; RDF/XML needs none",
            )
    return _parsed(path, name, rdf_format, text, label, prefixes)


def parse_turtle_entry(path: Path, text: str, *, label: str = "e") -> RdfFile:
    """An entry that is Turtle text already in memory (``dikg new`` builds one).

    Args:
        path: the file the text is (or will be) written to, to name it in messages.
        text: the Turtle.
        label: prefix of the blank-node labels, as for :func:`read_rdf`.

    Raises:
        InputError: for a syntax error or an empty entry.
    """
    return _parsed(path, "Turtle", ox.RdfFormat.TURTLE, text, label, {})


def _parsed(
    path: Path, name: str, rdf_format: ox.RdfFormat, text: str, label: str, prefixes: dict
) -> RdfFile:
    parser = ox.parse(text, format=rdf_format, base_iri=path.resolve().as_uri())
    try:
        quads = list(parser)
    except SyntaxError as error:
        raise syntax_error(error, path, name) from None
    if rdf_format != ox.RdfFormat.JSON_LD:
        prefixes = dict(parser.prefixes)
    if not quads:
        raise InputError(f"no statements in this {name} file", path=path)
    return RdfFile(path, name, text, _relabelled(quads, label), prefixes)

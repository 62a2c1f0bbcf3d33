"""Typed query parameters: a user's text turned into an RDF term, never into SPARQL text.

Each parameter of a canned query has a type (:data:`dikg.catalogue.PARAM_TYPES`):

- ``iri``: an IRI, written ``<...>``, absolute, or as a prefixed name of the query's prefixes;
- ``concept``: a SKOS concept of the parameter's scheme, by IRI, prefixed name, local name,
  or any of its labels (preferred, alternative, hidden; Dutch or English), case- and
  accent-insensitively: ``lhbti``, ``women``, ``arbeidsbeperkten``;
- ``organisation``: an organisation, by IRI, local name, ``rdfs:label`` or abbreviation
  (``tooiont:afkorting``), a ministry also by its name without "Ministerie van"; a former
  name resolves to the lasting organisation (``IenM`` gives IenW);
- ``string``: a plain ``xsd:string`` literal (no control characters, at most
  :data:`MAX_STRING` characters);
- ``integer``: an ``xsd:integer``; ``year``: a four-digit year, bound as an ``xsd:integer``.

The result is a pyoxigraph term; the backends bind it as an initial binding or serialise it
into a VALUES block. An unknown value is an :class:`~dikg.errors.InputError` (exit 2) that
names the closest known values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.backend import Backend, select
from dikg.queries.catalogue import CannedQuery, Parameter
from dikg.queries.kept import kept_vocabulary
from dikg.queries.sparql import internal_query
from dikg.queries.vocabulary import (
    Vocabulary,
    in_order,
    local_name,
    normalise,
    scheme_vocabulary,
    shown,
)

MAX_STRING = 500
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_YEAR = re.compile(r"[0-9]{4}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# "Ministerie van Financiën" is also known as "Financiën"
_ORGANISATION_PREFIXES = re.compile(r"^(?:ministerie van|ministry of(?: the)?)\s+")


def as_iri(value: str, prefixes: Mapping[str, str]) -> ox.NamedNode | None:
    """The IRI a value denotes, or None if it does not look like one.

    ``<iri>`` and absolute IRIs are taken as they are, ``p:local`` is expanded when ``p`` is
    a known prefix.

    Raises:
        InputError: if it looks like an IRI but is not a valid one.
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" in text and not text.startswith("_:"):
        prefix, local = text.split(":", 1)
        # "//" first: an absolute IRI (http://...) needs no look at the prefixes, which may
        # have to be worked out (:class:`dikg.queries.run.LazyPrefixes`)
        if not local.startswith("//") and prefix in prefixes:
            text = prefixes[prefix] + local
    if not _SCHEME.match(text):
        if value.strip().startswith("<"):
            raise InputError(f"{shown(value)} is not an absolute IRI")
        return None
    try:
        return ox.NamedNode(text)
    except ValueError as error:
        raise InputError(f"{shown(value)} is not a valid IRI: {error}") from None


class Resolver:
    """Turns parameter values into RDF terms, reading concepts and organisations from a backend.

    Args:
        backend: where the vocabularies and organisations are looked up.
        prefixes: prefixes a value may use (the query's own).
    """

    def __init__(self, backend: Backend, prefixes: Mapping[str, str] | None = None) -> None:
        self.backend = backend
        # kept as given, not copied: a LazyPrefixes is worked out only if a value needs it
        self.prefixes: Mapping[str, str] = prefixes if prefixes is not None else {}
        self._schemes: dict[str, Vocabulary] = {}
        self._organisations: Vocabulary | None = None

    def scheme(self, scheme: str) -> Vocabulary:
        """The concepts of a scheme and their labels (read once, kept for a cached store)."""
        if scheme not in self._schemes:
            self._schemes[scheme] = kept_vocabulary(
                self.backend.folder,
                ("scheme", scheme),
                lambda: scheme_vocabulary(self.backend, scheme, f"concept of {local_name(scheme)}"),
            )
        return self._schemes[scheme]

    def organisations(self) -> Vocabulary:
        """Every organisation and former name, and the words that name them (read once).

        Kept, for a cached store, as :meth:`scheme` keeps a scheme's.
        """
        if self._organisations is None:
            self._organisations = kept_vocabulary(
                self.backend.folder, ("organisations",), self._read_organisations
            )
        return self._organisations

    def _read_organisations(self) -> Vocabulary:
        vocabulary = Vocabulary("organisation")
        result = select(
            self.backend, internal_query("organisation-labels"), source="organisation-labels"
        )
        for organisation, named, label in in_order(result.rows, 0, 1, 2):
            if not isinstance(organisation, ox.NamedNode) or named is None:
                continue
            vocabulary.members[named.value] = organisation.value
            if label is not None:
                vocabulary.add(label.value, organisation.value)
                short = _ORGANISATION_PREFIXES.sub("", normalise(label.value))
                if short != normalise(label.value):
                    vocabulary.add(short, organisation.value)
        for named, organisation in vocabulary.members.items():
            vocabulary.add(local_name(named), organisation)
        return vocabulary

    def term(self, parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term a value of a parameter stands for.

        Raises:
            InputError: if the value does not fit the parameter's type.
        """
        name = parameter.name
        if parameter.type == "string":
            return ox.Literal(check_string(name, value))
        if parameter.type == "integer":
            if not _INTEGER.fullmatch(value.strip()):
                raise InputError(f"parameter {name}: expected an integer, got {shown(value)}")
            return ox.Literal(int(value.strip()))
        if parameter.type == "year":
            if not _YEAR.fullmatch(value.strip()):
                raise InputError(
                    f"parameter {name}: expected a year of four digits (e.g. 2016), "
                    f"got {shown(value)}"
                )
            return ox.Literal(int(value.strip()))
        check_string(name, value)
        iri = as_iri(value, self.prefixes)
        if parameter.type == "iri":
            if iri is None:
                raise InputError(
                    f"parameter {name}: expected an IRI, got {shown(value)}",
                    hint="write <https://...>, https://... or a prefixed name such as tg:women",
                )
            return iri
        vocabulary = (
            self.scheme(parameter.scheme or "")
            if parameter.type == "concept"
            else self.organisations()
        )
        if iri is not None:
            if iri.value not in vocabulary.members:
                raise InputError(f"parameter {name}: {iri} is not a known {vocabulary.kind}")
            return ox.NamedNode(vocabulary.members[iri.value])
        return ox.NamedNode(vocabulary.resolve(name, value))


def check_string(parameter: str, value: str) -> str:
    """A string value as given, if it is one a query can use.

    Raises:
        InputError: if it is empty, too long or holds control characters.
    """
    if not value.strip():
        raise InputError(f"parameter {parameter}: the value is empty")
    if len(value) > MAX_STRING:
        raise InputError(
            f"parameter {parameter}: the value is {len(value)} characters long; "
            f"at most {MAX_STRING} are allowed"
        )
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise InputError(f"parameter {parameter}: the value holds control characters")
    return value


def parse_assignments(assignments: Iterable[str]) -> list[tuple[str, str]]:
    """``name=value`` strings (``-p`` options) as pairs.

    Raises:
        InputError: for one without ``=``.
    """
    pairs = []
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            raise InputError(
                f"-p {shown(assignment)}: expected name=value", hint="e.g. -p group=women"
            )
        pairs.append((name.strip(), value))
    return pairs


def bind_parameters(
    query: CannedQuery, given: Iterable[tuple[str, str]], resolver: Resolver
) -> dict[str, ox.NamedNode | ox.Literal]:
    """The terms the query's parameter variables are bound to.

    Args:
        query: the query and its typed parameters.
        given: (name, value) pairs from the user.
        resolver: turns values into terms.

    Returns:
        Variable name (without ``?``) -> term, for every parameter given or defaulted.

    Raises:
        InputError: for an unknown, repeated or missing parameter, or a bad value.
    """
    values: dict[str, str] = {}
    for name, value in given:
        parameter = query.parameter(name)
        if parameter is None:
            known = [p.name for p in query.params]
            import difflib  # here: only a value that names nothing needs it

            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            raise InputError(
                f"query {query.name} has no parameter {shown(name)}",
                hint=(f"did you mean {close[0]}? " if close else "")
                + (
                    f"it takes: {', '.join(p.signature() for p in query.params)}"
                    if known
                    else "it takes no parameters"
                ),
            )
        if name in values:
            raise InputError(f"parameter {name} is given twice")
        values[name] = value
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for parameter in query.params:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                example = f" ({parameter.description})" if parameter.description else ""
                raise InputError(
                    f"query {query.name} needs parameter {parameter.name}{example}",
                    hint=f"add -p {parameter.name}=VALUE",
                )
            continue
        bound[parameter.variable] = resolver.term(parameter, value)
    return bound

"""The names a form uses (labels, slugs, abbreviations) resolved against the graph."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, URIRef

from dikg.errors import InputError
from dikg.queries.vocabulary import normalise
from dikg.rdf.convert import to_ox
from dikg.terms import DIKG, ORG, SKOS, TOOIONT
from dikg.terms import ID_BASE as ID


def slug_of(iri: str) -> str:
    """The slug of a dikg IRI: its last path segment."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Known:
    """Resources of one kind and the words that name them (labels, slugs, abbreviations).

    Attributes:
        kind: what they are, for messages.
        words: normalised word -> IRIs it names.
        shown: normalised word -> the word as written, for suggestions.
    """

    kind: str
    words: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    def add(self, word: str, iri: str) -> None:
        """Let ``word`` name ``iri``."""
        key = normalise(word)
        if key:
            self.words.setdefault(key, set()).add(iri)
            self.shown.setdefault(key, word)

    def resolve(self, name: str, value: Any) -> URIRef:
        """The IRI a word names.

        Raises:
            InputError: if it names none (with the closest words) or more than one.
        """
        word = str(value)
        found = self.words.get(normalise(word), set())
        if len(found) == 1:
            return URIRef(next(iter(found)))
        if found:
            raise InputError(
                f"{name}: {word!r} is ambiguous: it names {', '.join(sorted(found))}",
                hint="use the slug (the last part of the IRI) instead",
            )
        close = difflib.get_close_matches(normalise(word), list(self.words), n=8, cutoff=0.6)
        suggestions = []
        for key in close:
            slugs = ", ".join(sorted(slug_of(iri) for iri in self.words[key]))
            suggestion = f"{self.shown[key]} ({slugs})"
            if suggestion not in suggestions:
                suggestions.append(suggestion)
        hint = "did you mean: " + "; ".join(suggestions[:5]) + "?" if suggestions else None
        raise InputError(f"{name}: no {self.kind} is called {word!r}", hint=hint)


def _objects(store: ox.Store, subject, predicate: URIRef):
    return [q.object for q in store.quads_for_pattern(subject, to_ox(predicate), None, None)]


def _instances(store: ox.Store, *classes: URIRef) -> set[ox.NamedNode]:
    found = set()
    for cls in classes:
        for quad in store.quads_for_pattern(None, to_ox(RDF.type), to_ox(cls), None):
            if isinstance(quad.subject, ox.NamedNode):
                found.add(quad.subject)
    return found


class Resolver:
    """Looks names up in the graph, each kind read once."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._cache: dict[str, Known] = {}

    def scheme(self, slug: str) -> Known:
        """Concepts of a scheme by their preferred, alternative and hidden labels and slugs."""
        if slug not in self._cache:
            names = Known(f"concept of the {slug} scheme")
            scheme = ox.NamedNode(f"{ID}scheme/{slug}")
            for quad in self.store.quads_for_pattern(None, to_ox(SKOS.inScheme), scheme, None):
                concept = quad.subject
                for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                    for label in _objects(self.store, concept, predicate):
                        names.add(label.value, concept.value)
                names.add(slug_of(concept.value), concept.value)
            self._cache[slug] = names
        return self._cache[slug]

    def _typed(self, key: str, kind: str, classes: tuple[URIRef, ...], labels: bool) -> Known:
        if key not in self._cache:
            names = Known(kind)
            for node in _instances(self.store, *classes):
                names.add(slug_of(node.value), node.value)
                for abbreviation in _objects(self.store, node, TOOIONT.afkorting):
                    names.add(abbreviation.value, node.value)
                if labels:
                    for label in _objects(self.store, node, RDFS.label):
                        names.add(label.value, node.value)
            self._cache[key] = names
        return self._cache[key]

    def organisations(self) -> Known:
        """Organisations and ministries by slug, abbreviation and name."""
        classes = (ORG.Organization, ORG.FormalOrganization, DIKG.Ministry)
        return self._typed("organisation", "organisation", classes, labels=True)

    def versions(self) -> Known:
        """Historical names of organisations by slug, abbreviation and name."""
        classes = (TOOIONT.HistorischeVersie,)
        return self._typed("version", "historical name of an organisation", classes, True)

    def documents(self) -> Known:
        """Documents by slug."""
        return self._typed("document", "document", (DIKG.Document,), labels=False)

    def policies(self) -> Known:
        """Policies by slug."""
        return self._typed("policy", "policy", (DIKG.Policy,), labels=False)

"""Names of resources as people write them: labels, slugs, abbreviations, matched loosely.

The one name resolver, for the parameters of canned queries (:mod:`dikg.queries.params`) and
the forms of ``dikg new`` (:mod:`dikg.entry.names`): a :class:`Vocabulary` of the words that
name resources of one kind, read from the graph with dikg's own SPARQL
(``sparql/concept-labels.rq``, ``sparql/resource-names.rq``) on any backend, and one
normalisation (case, accents, whitespace and typographic quotes do not matter). The two
commands word their messages differently (:class:`Wording`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.backend import Backend, Cell, select
from dikg.queries.sparql import internal_query


def shown(value: str, limit: int = 60) -> str:
    """A user's value quoted for a message, cut short when long."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def normalise(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a label for matching."""
    if text.isascii():  # no accents or curly quotes: skip the per-character walk
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def local_name(iri: str) -> str:
    """The last segment of an IRI (after the last ``/`` or ``#``)."""
    return re.split(r"[/#]", iri)[-1]


def in_order(rows: Iterable[Sequence[Cell]], *columns: int) -> list[Sequence[Cell]]:
    """Rows sorted by the text of their terms in ``columns`` (unbound first), then of the rest.

    The vocabularies' queries have no ORDER BY: on an on-disk oxigraph store the sort reads
    every compared string from disk (16 ms for the 380 labels of a scheme at 100k triples,
    against 4 ms to fetch them and sort them here), and stores order literals differently
    (Virtuoso by collation), which would make the first spelling of a word depend on the
    backend.
    """

    def text(term: Cell) -> tuple[bool, str, str]:
        if term is None:
            return (False, "", "")
        return (True, term.value, getattr(term, "language", None) or "")

    def key(row: Sequence[Cell]) -> tuple:
        return tuple(text(row[index]) for index in columns) + tuple(text(term) for term in row)

    return sorted(rows, key=key)


@dataclass(frozen=True)
class Wording:
    """How a command words a value that names nothing, or several resources.

    ``dikg query`` and ``dikg new`` resolve names alike but have always said it differently;
    the difference is kept here, as data, rather than in two resolvers.

    Attributes:
        subject: the thing given, ``{name}`` being the parameter or the field.
        ambiguous: what joins the value and the resources it names.
        ambiguous_hint: what to do about an ambiguous value.
        candidates: how many close words are considered for suggestions (five are shown).
        skip_known: pass over a close word whose resources were all suggested already.
        examples: with nothing close, hint at some of the names there are.
        limit: values longer than this are cut short in messages; None: never.
    """

    subject: str
    ambiguous: str
    ambiguous_hint: str
    candidates: int
    skip_known: bool
    examples: bool
    limit: int | None

    def value(self, value: str) -> str:
        """A user's value quoted for a message."""
        return repr(value) if self.limit is None else shown(value, self.limit)


# ``dikg query -p NAME=VALUE``
PARAMETER_WORDING = Wording(
    "parameter {name}", "; it names ", "give the IRI instead", 12, True, True, 60
)
# the fields of a ``dikg new`` form
FORM_WORDING = Wording(
    "{name}",
    ": it names ",
    "use the slug (the last part of the IRI) instead",
    8,
    False,
    False,
    None,
)


@dataclass
class Vocabulary:
    """Known resources of one kind and the words that name them.

    Attributes:
        kind: what they are, for messages ("concept of target-groups", "organisation").
        names: normalised word -> the resources it names.
        shown: normalised word -> how to show it in a suggestion.
        members: every resource IRI that may be given, mapped to the resource it stands for.
        wording: how failures are worded (:data:`PARAMETER_WORDING`, :data:`FORM_WORDING`).
    """

    kind: str
    names: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    wording: Wording = PARAMETER_WORDING

    def to_json(self) -> dict:
        """What :meth:`from_json` makes the same vocabulary of again (wording apart)."""
        return {
            "kind": self.kind,
            "names": {word: sorted(resources) for word, resources in self.names.items()},
            "shown": self.shown,
            "members": self.members,
        }

    @classmethod
    def from_json(cls, data: dict, wording: Wording = PARAMETER_WORDING) -> Vocabulary:
        """The vocabulary :meth:`to_json` gave ``data`` of.

        Raises:
            ValueError: if ``data`` is not such a thing.
        """
        try:
            names = {word: set(resources) for word, resources in data["names"].items()}
            vocabulary = cls(data["kind"], names, dict(data["shown"]), dict(data["members"]))
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a vocabulary: {error}") from None
        vocabulary.wording = wording
        return vocabulary

    def add(self, word: str, resource: str) -> None:
        """Let ``word`` name ``resource``."""
        key = normalise(word)
        if key:
            self.names.setdefault(key, set()).add(resource)
            self.shown.setdefault(key, word)

    def _suggestions(self, key: str) -> list[str]:
        """The closest words to ``key``, each with the names of what it names."""
        import difflib  # here: only a value that names nothing needs it

        close = difflib.get_close_matches(
            key, list(self.names), n=self.wording.candidates, cutoff=0.6
        )
        suggestions: list[str] = []
        seen: set[str] = set()
        for word in close:
            resources = sorted(self.names[word])
            if self.wording.skip_known:
                if seen.issuperset(resources):
                    continue
                seen.update(resources)
                names = ", ".join(local_name(r) for r in resources)
            else:
                names = ", ".join(sorted(local_name(r) for r in resources))
            suggestion = f"{self.shown[word]} ({names})"
            if suggestion not in suggestions:
                suggestions.append(suggestion)
        return suggestions

    def resolve(self, name: str, value: object) -> str:
        """The resource a word names.

        Args:
            name: the parameter or field the word was given for.
            value: the word (a form may give a number: it is taken as written).

        Raises:
            InputError: if it names none (with the closest words) or several.
        """
        word = str(value)
        wording = self.wording
        subject = wording.subject.format(name=name)
        key = normalise(word)
        found = self.names.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise InputError(
                f"{subject}: {wording.value(word)} is ambiguous{wording.ambiguous}"
                f"{', '.join(sorted(found))}",
                hint=wording.ambiguous_hint,
            )
        suggestions = self._suggestions(key)
        hint = None
        if suggestions:
            hint = "did you mean: " + "; ".join(suggestions[:5]) + "?"
        elif wording.examples:
            resources = {r for found in self.names.values() for r in found}
            examples = sorted({local_name(r) for r in resources})[:10]
            hint = "give an IRI or a label" + (f", e.g. {', '.join(examples)}" if examples else "")
        raise InputError(f"{subject}: no {self.kind} is called {wording.value(word)}", hint=hint)


_SKOS = "http://www.w3.org/2004/02/skos/core#"
_LABEL_RANK = {f"{_SKOS}prefLabel": 0, f"{_SKOS}altLabel": 1, f"{_SKOS}hiddenLabel": 2}


def scheme_vocabulary(
    backend: Backend,
    scheme: str,
    kind: str,
    *,
    wording: Wording = PARAMETER_WORDING,
    by_concept: bool = False,
) -> Vocabulary:
    """The concepts of a scheme by their preferred, alternative and hidden labels and slugs.

    Args:
        backend: where the graph is.
        scheme: the concept scheme's IRI.
        kind: what the concepts are, for messages.
        wording: how failures are worded.
        by_concept: a form's way: concept by concept, its preferred, alternative and hidden
            labels, then its slug. Otherwise (a parameter's way) every label in label order,
            then every slug, also with its hyphens as spaces. The first spelling of a word is
            the one a suggestion shows.
    """
    vocabulary = Vocabulary(kind, wording=wording)
    result = select(
        backend,
        internal_query("concept-labels"),
        {"scheme": ox.NamedNode(scheme)},
        source="concept-labels",
    )
    labels: dict[str, list[tuple[int, str]]] = {}
    for concept, prop, label in in_order(result.rows, 0, 2):
        if not isinstance(concept, ox.NamedNode):
            continue
        vocabulary.members[concept.value] = concept.value
        if label is not None:
            labels.setdefault(concept.value, []).append((_LABEL_RANK[prop.value], label.value))
    if by_concept:
        for iri in vocabulary.members:
            for _, label in sorted(labels.get(iri, [])):
                vocabulary.add(label, iri)
            vocabulary.add(local_name(iri), iri)
        return vocabulary
    for iri in vocabulary.members:
        for _, label in labels.get(iri, []):
            vocabulary.add(label, iri)
    for iri in vocabulary.members:
        vocabulary.add(local_name(iri), iri)
        vocabulary.add(local_name(iri).replace("-", " "), iri)
    return vocabulary


_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def class_vocabulary(
    backend: Backend,
    classes: Iterable[str],
    kind: str,
    *,
    labels: bool = True,
    wording: Wording = FORM_WORDING,
) -> Vocabulary:
    """Resources of some classes by slug, abbreviation and (if ``labels``) label.

    Args:
        backend: where the graph is.
        classes: the IRIs of the classes; an instance of any of them belongs.
        kind: what the resources are, for messages.
        labels: let the ``rdfs:label`` name a resource too.
        wording: how failures are worded.
    """
    names: dict[str, tuple[list[str], list[str]]] = {}
    for cls in classes:
        result = select(
            backend,
            internal_query("resource-names"),
            {"class": ox.NamedNode(cls)},
            source="resource-names",
        )
        for resource, prop, label in in_order(result.rows, 0, 1, 2):
            abbreviations, own = names.setdefault(resource.value, ([], []))
            if label is None:
                continue
            words = own if prop.value == _RDFS_LABEL else abbreviations
            if label.value not in words:
                words.append(label.value)
    vocabulary = Vocabulary(kind, wording=wording)
    for resource in sorted(names):
        vocabulary.members[resource] = resource
        abbreviations, own = names[resource]
        vocabulary.add(local_name(resource), resource)
        for word in abbreviations + (own if labels else []):
            vocabulary.add(word, resource)
    return vocabulary

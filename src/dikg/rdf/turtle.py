"""The canonical Turtle form of dikg's files.

rdflib's ``longturtle`` serializer with canonical blank-node labels, one change: subjects
are written in IRI order (ontology and concept-scheme headers first) instead of rdflib's
order by reference count, so that a reader finds a resource where the alphabet says and a
new resource lands in a predictable place in a diff.
"""

from __future__ import annotations

from rdflib import OWL, RDF, SKOS, BNode, Graph
from rdflib.plugin import Serializer, register
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer
from rdflib.plugins.serializers.trig import TrigSerializer

FORMAT_NAME = "dikg-turtle"
TRIG_FORMAT_NAME = "dikg-trig"
# Resources that describe the file itself come first.
HEADER_CLASSES = (OWL.Ontology, SKOS.ConceptScheme)


def _ordered_subjects(serializer) -> list:
    """Headers (ontology, concept schemes) first, then IRIs sorted, then blank nodes."""
    ordered = []
    seen = set()
    for header_class in HEADER_CLASSES:
        for subject in sorted(serializer.store.subjects(RDF.type, header_class, unique=True)):
            if subject not in seen:
                ordered.append(subject)
                serializer._topLevels[subject] = True
                seen.add(subject)
    rest = [s for s in serializer._subjects if s not in seen]
    rest.sort(key=lambda s: (isinstance(s, BNode), str(s)))
    return ordered + rest


class CanonicalTurtleSerializer(LongTurtleSerializer):
    """Long-form Turtle with headers first, then subjects in IRI order."""

    def orderSubjects(self):
        """See :func:`_ordered_subjects`."""
        return _ordered_subjects(self)


class CanonicalTrigSerializer(TrigSerializer):
    """TriG with named graphs in IRI order and subjects ordered as in canonical Turtle."""

    def __init__(self, store) -> None:
        super().__init__(store)
        # rdflib keeps contexts in a set, so their order would follow the hash seed.
        self.contexts.sort(key=lambda context: str(context.identifier))

    def orderSubjects(self):
        """See :func:`_ordered_subjects`."""
        return _ordered_subjects(self)


register(FORMAT_NAME, Serializer, __name__, CanonicalTurtleSerializer.__name__)
register(TRIG_FORMAT_NAME, Serializer, __name__, CanonicalTrigSerializer.__name__)


def canonical_turtle(graph: Graph, header: str = "") -> str:
    """Serialize a graph in the canonical form.

    Args:
        graph: the graph; its namespace bindings give the prefixes.
        header: comment lines (each starting with ``#``) to keep at the top of the file.

    Returns:
        The Turtle text; the same graph and header always give the same text.
    """
    body = graph.serialize(format=FORMAT_NAME, canon=True)
    body = body.strip("\n") + "\n"
    if header:
        return header.rstrip("\n") + "\n\n" + body
    return body


def leading_comments(text: str) -> str:
    """The comment block at the top of a Turtle file (kept when a file is reformatted).

    Comments elsewhere in a file cannot survive a parse and are dropped by ``dikg fmt``.
    """
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            lines.append(stripped)
        elif (stripped == "" and lines) or stripped:
            break
    return "\n".join(lines)

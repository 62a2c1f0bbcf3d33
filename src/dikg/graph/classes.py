"""The class hierarchy of a loaded graph: one walk along rdfs:subClassOf, either way."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")


def subclass_closure(store: ox.Store, classes: Iterable, *, upward: bool) -> set:
    """The classes and, through rdfs:subClassOf in any named graph, their super- or subclasses.

    Downward, a class's closure gives the classes whose instances are its SHACL instances
    (https://www.w3.org/TR/shacl/#dfn-shacl-instance).

    Args:
        store: the store.
        classes: pyoxigraph terms of the classes to start from.
        upward: True for superclasses, False for subclasses.
    """
    found = set(classes)
    todo = list(found)
    while todo:
        current = todo.pop()
        if upward:
            linked = (q.object for q in store.quads_for_pattern(current, SUBCLASS_OF, None, None))
        else:
            linked = (q.subject for q in store.quads_for_pattern(None, SUBCLASS_OF, current, None))
        for node in linked:
            if node not in found:
                found.add(node)
                todo.append(node)
    return found

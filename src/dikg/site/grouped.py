"""A canned question asked once for many resources, its rows grouped per resource.

The site shows, on each resource page, the canned questions that take the resource as a
parameter (:mod:`dikg.site.questions`). Asking each question once per resource is one query per
resource and question; here a question is asked once for all of them: the parameter's variable
is bound by one VALUES block listing every resource's term, added to the SELECT projection, and
the rows are grouped by its value.

This gives the answer of each single-resource query exactly when joining a VALUES block is all
that binds the parameter (https://www.w3.org/TR/sparql11-query/#inline-data: a join with a
union of one-row tables is the union of the joins, also under OPTIONAL, FILTER, BIND and
sub-queries, and DISTINCT with the variable projected keeps each group's rows apart). So a
question is grouped only when its outermost query is a SELECT of plain variables (no ``*``,
no expressions or aggregates) without GROUP BY, HAVING, LIMIT, OFFSET or a trailing VALUES;
anything else is asked once per resource, as before.

The order of a group's rows is the single query's order when its ORDER BY lists every
projected variable (plainly or in ASC/DESC): then rows that tie are equal rows. Otherwise
(``ordered`` is False) the engine's order of tied rows could differ, so the grouped answer
only tells which resources have rows at all; the site asks the question again for those alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from dikg.queries.backend import Backend, SelectResult
from dikg.queries.run import PreparedQuery
from dikg.queries.sparqltext import FORMS, Term, Token, inject_values, tokens

_MODIFIERS = ("DISTINCT", "REDUCED")
# solution modifiers after the WHERE group that grouping cannot reproduce per resource
_NOT_GROUPABLE = {"GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"}
_ORDER_DIRECTIONS = ("ASC", "DESC")
# a term that stands for the resource while a question's text is bound once (never in a page)
_PLACEHOLDER = ox.NamedNode("urn:dikg:site:resource")


@dataclass(frozen=True)
class Shape:
    """How a query can be asked for many values of one variable at once.

    Attributes:
        text: the query with the variable added to its projection (first column).
        ordered: True if its ORDER BY lists every projected variable, so a group's rows come
            in the order of the single-value query; False if tied rows could come otherwise.
    """

    text: str
    ordered: bool


def _code(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind not in ("space", "comment")]


def _order_keys(after: list[Token]) -> set[str] | None:
    """The variables an ``ORDER BY`` lists plainly or in ASC()/DESC(); None if any other key."""
    keys: set[str] = set()
    at = 0
    while at < len(after):
        token = after[at]
        if token.kind == "variable":
            keys.add(token.text[1:])
            at += 1
            continue
        direction = after[at : at + 4]
        if (
            len(direction) == 4
            and token.kind == "word"
            and token.text.upper() in _ORDER_DIRECTIONS
            and direction[1].text == "("
            and direction[2].kind == "variable"
            and direction[3].text == ")"
        ):
            keys.add(direction[2].text[1:])
            at += 4
            continue
        return None
    return keys


def shape(text: str, variable: str) -> Shape | None:
    """The query ``text`` with ``?variable`` projected first, if grouping by it is exact.

    Returns:
        The :class:`Shape`, or None if the query is not one the module can group (then it is
        asked once per value).
    """
    if not re.fullmatch(r"\w+", variable):
        return None
    code = _code(text)
    # the query form: its first form keyword (an ASK's sub-SELECT is not the query's)
    forms = [i for i, t in enumerate(code) if t.kind == "word" and t.text.upper() in FORMS]
    if not forms or code[forms[0]].text.upper() != "SELECT":
        return None
    at = forms[0] + 1
    if at < len(code) and code[at].kind == "word" and code[at].text.upper() in _MODIFIERS:
        at += 1
    insert = code[at - 1].start + len(code[at - 1].text)
    projected: list[str] = []
    while at < len(code) and code[at].kind == "variable":
        projected.append(code[at].text[1:])
        at += 1
    if at >= len(code) or not projected or variable in projected:
        return None
    if code[at].kind == "word" and code[at].text.upper() == "WHERE":
        at += 1
    if at >= len(code) or code[at].kind != "open":
        return None  # "*", an expression, FROM ...: asked per value
    depth = 0
    for close in range(at, len(code)):
        depth += {"open": 1, "close": -1}.get(code[close].kind, 0)
        if depth == 0:
            break
    after = code[close + 1 :]
    if any(t.kind == "word" and t.text.upper() in _NOT_GROUPABLE for t in after):
        return None
    keys: set[str] | None = set()
    if after:
        if len(after) < 2 or [t.text.upper() for t in after[:2]] != ["ORDER", "BY"]:
            return None
        keys = _order_keys(after[2:])
    ordered = keys is not None and set(projected) <= keys
    return Shape(f"{text[:insert]} ?{variable}{text[insert:]}", ordered)


@dataclass
class Grouped:
    """A question's answer for many values of one parameter.

    Attributes:
        ordered: as :attr:`Shape.ordered`: the rows are each value's exact answer.
        columns: the answer's columns (without the grouping variable).
        asked: the values asked (each term's ``str``).
        rows: a value asked → its rows, in the answer's order; a value without rows is absent.
    """

    ordered: bool
    columns: list[str]
    asked: frozenset[str]
    rows: dict[str, list[list]] = field(default_factory=dict)


def ask_grouped(
    backend: Backend,
    found: Shape,
    bindings: Mapping[str, Term | Sequence[Term]],
    variable: str,
    *,
    source: str,
) -> Grouped | None:
    """Ask a query of :func:`shape` once, the variable bound to every value in ``bindings``.

    Args:
        backend: where it runs.
        found: the query as :func:`shape` gives it.
        bindings: the terms of every parameter; ``variable`` to the list of values.
        variable: the variable to group by.
        source: the query's name, for messages.

    Returns:
        The rows per value, or None if the answer is not one to group (a row without the
        variable bound cannot happen for a VALUES-bound variable; it is not trusted).
    """
    result = backend.execute(found.text, bindings, source=source)
    if not isinstance(result, SelectResult) or result.variables[:1] != [variable]:
        return None
    values = bindings[variable]
    asked = frozenset(str(t) for t in ([values] if isinstance(values, Term) else values))
    grouped = Grouped(found.ordered, list(result.variables[1:]), asked)
    for row in result.rows:
        value = row[0]
        if not isinstance(value, ox.NamedNode | ox.Literal):
            return None
        grouped.rows.setdefault(str(value), []).append(list(row[1:]))
    return grouped


class BoundTexts:
    """A question's text bound for each resource, the query read once per question.

    ``prepared.text`` reads the whole query to find where its VALUES block goes, for every
    resource. Here the text is bound once with a placeholder for the resource's variable, and
    the placeholder replaced by each resource's term, as a VALUES block writes it
    (:func:`dikg.queries.sparqltext.values_block`): the same text.
    """

    def __init__(self) -> None:
        self._split: dict[tuple, tuple[str, str] | None] = {}

    def text(self, prepared: PreparedQuery, variable: str) -> str:
        """``prepared.text``: the query with its parameters bound, ``variable`` among them."""
        others = tuple((k, str(v)) for k, v in prepared.bindings.items() if k != variable)
        key = (prepared.query.name, prepared.query.text, variable, others)
        if key not in self._split:
            mark = str(_PLACEHOLDER)
            text = inject_values(prepared.query.text, {**prepared.bindings, variable: _PLACEHOLDER})
            head, _, tail = text.partition(mark)
            self._split[key] = (head, tail) if text.count(mark) == 1 else None
        split = self._split[key]
        if split is None:
            return prepared.text
        return f"{split[0]}{prepared.bindings[variable]}{split[1]}"

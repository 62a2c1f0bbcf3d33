"""Questions from Python and notebooks: ``dikg.query``, with rows of plain Python values.

For example::

    >>> import dikg
    >>> rows = dikg.query("ministries-by-target-group", group="LHBTI")
    >>> rows[0]["ministry"], rows[0]["ministry_iri"]
    ('Ministry of the Interior and Kingdom Relations', 'https://w3id.org/dikg/id/organisation/bzk')
    >>> frame = rows.to_dataframe()  # needs pandas

The question is answered as ``dikg query`` answers it (:func:`dikg.queries.run.run_query`).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.backend import DEFAULT_TIMEOUT, AskResult, GraphResult, SelectResult
from dikg.queries.params import shown
from dikg.queries.render import iri_columns
from dikg.queries.run import Answer, run_query
from dikg.root import resolve_root

_XSD = "http://www.w3.org/2001/XMLSchema#"


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None):
    """A literal as the Python value of its datatype where that is plain; else its text."""
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    import decimal  # here: only notebooks' rows need it

    datatype = term.datatype.value.removeprefix(_XSD)
    try:
        if datatype in ("integer", "int", "long", "short", "nonNegativeInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(decimal.Decimal(term.value))
        if datatype == "boolean":
            return term.value in ("true", "1")
        if datatype == "date":
            return datetime.date.fromisoformat(term.value)
    except ValueError:
        pass
    return term.value


class Rows(list):
    """The rows of an answer, each a dict of Python values.

    A column of IRIs gives two keys: the column's name (the IRI's label) and
    ``{column}_iri`` (the IRI itself).

    Attributes:
        columns: the keys of every row, in order.
        result: the answer as RDF terms.
    """

    def __init__(self, rows: list[dict], columns: list[str], result: SelectResult) -> None:
        super().__init__(rows)
        self.columns = columns
        self.result = result

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas: ``pip install 'dikg[dataframe]'``).

        Raises:
            ImportError: if pandas is not installed.
        """
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "Rows.to_dataframe() needs pandas: pip install pandas (or 'dikg[dataframe]')"
            ) from error
        return pandas.DataFrame(list(self), columns=self.columns)


def to_rows(answer: Answer) -> Rows:
    """An answer as :class:`Rows` of Python values, with labels in the answer's language."""
    result = answer.result
    if isinstance(result, AskResult):
        result = SelectResult(result.variables, result.rows)
    if not isinstance(result, SelectResult):
        raise TypeError("a CONSTRUCT or DESCRIBE answer has triples, not rows")
    with_iri = set(iri_columns(result))
    columns: list[str] = []
    for index, name in enumerate(result.variables):
        columns += [name, f"{name}_iri"] if index in with_iri else [name]
    rows = []
    for row in result.rows:
        values: dict = {}
        for index, (name, term) in enumerate(zip(result.variables, row, strict=True)):
            if index in with_iri:
                is_iri = isinstance(term, ox.NamedNode)
                values[name] = answer.labeller.show(term) if is_iri else python_value(term)
                values[f"{name}_iri"] = term.value if is_iri else None
            else:
                values[name] = python_value(term)
        rows.append(values)
    return Rows(rows, columns, result)


def _text_value(name: str, value) -> str:
    if isinstance(value, bool):
        raise InputError(f"parameter {name}: a boolean is not a value dikg can bind")
    if isinstance(value, ox.NamedNode):
        return f"<{value.value}>"
    if isinstance(value, str | int):
        return str(value)
    raise InputError(f"parameter {name}: {shown(repr(value))} is not a string, integer or IRI")


def query(
    name: str | None = None,
    /,
    *,
    sparql: str | None = None,
    file: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    lang: str = "en",
    evidence: bool = False,
    cache: bool = True,
    params: Mapping[str, object] | None = None,
    **parameters: object,
) -> Rows | bool | list[ox.Triple]:
    """Answer a canned question (or ad-hoc SPARQL) from Python.

    Args:
        name: the canned query (``dikg queries`` lists them); or give ``sparql`` or ``file``.
        sparql: SPARQL text to run instead.
        file: a query file to run instead.
        root: the graph root; default as for the command line (``DIKG_ROOT``, this checkout,
            or the packaged graph).
        endpoint: a SPARQL 1.1 endpoint URL; None for the embedded store.
        timeout: seconds to wait for the endpoint.
        lang: language of the labels, ``en`` or ``nl``.
        evidence: add ``evidence_quote`` and ``evidence_source`` to every row.
        cache: use the on-disk store cache.
        params: parameters by name, for names that clash with the keywords above.
        **parameters: the query's parameters, e.g. ``group="LHBTI"``, ``since=2016``; values
            are strings, integers or ``pyoxigraph.NamedNode``.

    Returns:
        :class:`Rows` for a SELECT, a bool for an ASK, triples for a CONSTRUCT or DESCRIBE.

    Raises:
        dikg.errors.InputError: for an unknown query or parameter, or a bad value.
    """
    if lang not in ("en", "nl"):
        raise InputError(f"lang must be 'en' or 'nl', not {lang!r}")
    given = {**(params or {}), **parameters}
    answer = run_query(
        resolve_root(root),
        name=name,
        file=Path(file) if file is not None else None,
        sparql=sparql,
        params=[(key, _text_value(key, value)) for key, value in given.items()],
        endpoint=endpoint,
        timeout=timeout,
        lang=lang,
        evidence=evidence,
        cache=cache,
    )
    if isinstance(answer.result, AskResult):
        return answer.result.value
    if isinstance(answer.result, GraphResult):
        return answer.result.triples
    return to_rows(answer)

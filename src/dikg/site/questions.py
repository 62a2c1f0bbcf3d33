"""The canned questions answered for the site's pages.

All of them for the landing page, and for each resource page the questions that take that
resource as a parameter.

A question runs as ``dikg query`` runs it: the query from :mod:`dikg.queries.catalogue`, its
parameters bound as RDF terms by :func:`dikg.queries.params.bind_parameters`, the text an
endpoint gets from :attr:`dikg.queries.run.PreparedQuery.text` (a VALUES block of serialised
terms, never pasted user text). The link to run it on the public SPARQL endpoint carries
exactly that text.

**Example values** (the landing page answers every question, so a required parameter needs a
value): the header's ``defaults`` entry; else the first value its ``enumerate`` lists; else the
first example its description gives (the first item of the parenthesised list at its end, or
of the list after ``e.g.``), resolved as ``-p`` resolves it. A parameter with none of these
(``evidence``'s ``resource``) leaves the question unanswered on the landing page; it is
answered on every resource page instead. Optional parameters stay unbound.

**On a resource page** a question is shown when one of its parameters takes the resource (a
``concept`` parameter a concept of its scheme, an ``organisation`` parameter an organisation or
a former name of one, an ``iri`` parameter any resource), every other required parameter has a
default, and the answer is not empty. :meth:`Questions.prepare_about` asks each such question
once for all the pages (:mod:`dikg.site.grouped`) rather than once per page; the answers, and
so the pages, are the same.
"""

from __future__ import annotations

import re
import shlex
import urllib.parse
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.graph.store import declared_prefixes
from dikg.queries.backend import AskResult, EmbeddedBackend, GraphResult, Result, SelectResult
from dikg.queries.catalogue import CannedQuery, Parameter, list_queries
from dikg.queries.endpoint import DEFAULT_TIMEOUT
from dikg.queries.labels import Labeller, iris_of
from dikg.queries.params import Resolver, bind_parameters
from dikg.queries.run import PreparedQuery, display_prefixes, make_backend
from dikg.queries.sparqltext import prefixes as query_prefixes
from dikg.root import GraphRoot
from dikg.site.answered import Answered, Cell
from dikg.site.grouped import BoundTexts, Grouped, ask_grouped, shape
from dikg.site.paths import page_path

# the most rows of one answer a page shows: at a million triples some answers have tens of
# thousands (the command under each answer gives them all)
SITE_ROWS = 200
# the list of examples at the end of a description, "(OCW, BZK, IenM)", or after "e.g."
_PARENTHESISED = re.compile(r"\(([^()]*)\)\s*$")
_EG = re.compile(r"\be\.g\.\s*([^;()]*)")


def example_value(parameter: Parameter) -> str | None:
    """The value the landing page answers a question with (the module docstring's rule)."""
    if parameter.default is not None:
        return parameter.default
    if parameter.enum:
        return parameter.enum[0]
    for pattern in (_PARENTHESISED, _EG):
        match = pattern.search(parameter.description)
        if match:
            first = match.group(1).split(",")[0].strip()
            if first and "..." not in first and "default" not in first:
                return first
    return None


def endpoint_link(endpoint: str, sparql: str) -> str:
    """A GET link that runs ``sparql`` on ``endpoint`` (SPARQL 1.1 Protocol, query via GET).

    https://www.w3.org/TR/sparql11-protocol/#query-via-get
    """
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return endpoint + joiner + urllib.parse.urlencode({"query": sparql})


def _result_rows(result: Result) -> tuple[list[str], list[list]]:
    if isinstance(result, AskResult | SelectResult):
        return list(result.variables), [list(row) for row in result.rows]
    if isinstance(result, GraphResult):  # shown as subject, predicate, object rows
        rows = sorted(
            ([t.subject, t.predicate, t.object] for t in result.triples), key=lambda r: str(r)
        )
        return ["subject", "predicate", "object"], rows
    raise TypeError(f"unknown result {result!r}")


class Questions:
    """The canned questions of a graph, answered on its embedded store.

    Args:
        root: the graph root (its queries and data).
        endpoint: the public SPARQL endpoint, for the "run it there" links; None for none.
        page_of: the site path of an IRI's page in a language, or None where the site has
            none (default: :func:`~dikg.site.paths.page_path`).
        cache: use the on-disk store cache.
        store: the graph already loaded (``dikg publish`` has it in memory, which answers
            faster than the on-disk cache); None to open the cached store.
    """

    def __init__(
        self,
        root: GraphRoot,
        *,
        endpoint: str | None = None,
        page_of: Callable[[str, str], str | None] | None = None,
        cache: bool = True,
        store: ox.Store | None = None,
    ) -> None:
        self.root = root
        self.endpoint = endpoint
        self.queries: list[CannedQuery] = list_queries(root)
        if store is None:
            self.backend, self.declared = make_backend(root, None, DEFAULT_TIMEOUT, cache=cache)
        else:
            self.backend = EmbeddedBackend(store)
            self.declared = declared_prefixes(root, cache=cache)
        self.prefixes = display_prefixes(root, "", self.declared)
        self.resolver = Resolver(self.backend, self.prefixes)
        self.page_of = page_of or page_path
        # display_prefixes reads every query file: once per query, not once per answer
        self._query_prefixes = {
            q.name: display_prefixes(root, q.text, self.declared) for q in self.queries
        }
        self._resolvers = {
            q.name: self.resolver
            if not query_prefixes(q.text).items() - self.prefixes.items()
            else Resolver(self.backend, {**self.prefixes, **query_prefixes(q.text)})
            for q in self.queries
        }
        self._labellers: dict[str, Labeller] = {}
        # (query, parameter) -> its answer for many resources at once (prepare_about)
        self._grouped: dict[tuple[str, str], Grouped] = {}
        self._texts = BoundTexts()
        # answers name the same IRIs again and again (a ministry, a document): each made once
        self._cells: dict[tuple[object, str], Cell] = {}
        # prepare_about binds each question for each resource, about() again
        self._prepared: dict[tuple[str, tuple[tuple[str, str], ...]], PreparedQuery] = {}
        # (query, parameter) pairs a resource page can ask: every other required parameter
        # has a default
        self._candidates = [
            (q, p)
            for q in self.queries
            for p in q.params
            if not any(o is not p and o.required and o.default is None for o in q.params)
        ]

    def labeller(self, lang: str) -> Labeller:
        """One labeller per language, shared by every answer (labels are read once)."""
        if lang not in self._labellers:
            self._labellers[lang] = Labeller(self.backend, lang, self.prefixes)
        return self._labellers[lang]

    def cell(self, term, lang: str) -> Cell:
        """A term of an answer as a :class:`Cell` in ``lang``."""
        if not isinstance(term, ox.NamedNode):  # a literal's cell is cheap: not kept
            return self._new_cell(term, lang)
        if (term, lang) not in self._cells:
            self._cells[(term, lang)] = self._new_cell(term, lang)
        return self._cells[(term, lang)]

    def forget(self) -> None:
        """Drop the answers, bound questions and cells kept for the resource pages (written)."""
        self._grouped, self._prepared, self._cells = {}, {}, {}

    def _new_cell(self, term, lang: str) -> Cell:
        if term is None:
            return Cell("")
        if isinstance(term, ox.NamedNode):
            text = self.labeller(lang).show(term)
            page = self.page_of(term.value, lang)
            return Cell(text, page=page) if page else Cell(text, url=term.value)
        if isinstance(term, ox.Literal):
            return Cell(term.value, lang=term.language)
        return Cell(f"_:{term.value}")

    def _prepare(self, query: CannedQuery, given: list[tuple[str, str]]) -> PreparedQuery:
        key = (query.name, tuple(given))
        if key not in self._prepared:
            prefixes = self._query_prefixes[query.name]
            bindings = bind_parameters(query, given, self._resolvers[query.name])
            self._prepared[key] = PreparedQuery(query, self.backend, bindings, prefixes)
        return self._prepared[key]

    def _run(self, prepared: PreparedQuery) -> tuple[str, Result]:
        """The bound text (what an endpoint gets) and the answer to exactly that text."""
        sparql = prepared.text
        return sparql, self.backend.execute(sparql, None, source=prepared.query.name)

    def _answered(
        self,
        prepared: PreparedQuery,
        sparql: str,
        answer: tuple[list[str], list[list]],
        given: list[tuple[str, str]],
        lang: str,
    ) -> Answered:
        query = prepared.query
        labeller = self.labeller(lang)
        columns, rows = answer
        more = max(len(rows) - SITE_ROWS, 0)
        rows = rows[:SITE_ROWS]
        labeller.load(iris_of(rows))
        arguments = tuple(
            (p.name, self.cell(prepared.bindings[p.variable], lang))
            for p in query.params
            if p.variable in prepared.bindings
        )
        command = shlex.join(
            ["dikg", "query", query.name]
            + [part for name, value in given for part in ("-p", f"{name}={value}")]
        )
        return Answered(
            name=query.name,
            summary=query.summary or query.name,
            description=query.description,
            arguments=arguments,
            columns=tuple(columns),
            rows=tuple(tuple(self.cell(term, lang) for term in row) for row in rows),
            command=command,
            sparql=sparql,
            endpoint_url=endpoint_link(self.endpoint, sparql) if self.endpoint else None,
            more=more,
        )

    def landing(self, lang: str) -> list[Answered]:
        """Every canned question, answered with the example values of its required parameters.

        A question whose example value is not in the graph is listed unanswered, with why.
        """
        answers = []
        for query in self.queries:
            given, missing = [], []
            for parameter in query.params:
                if parameter.required and parameter.default is None:
                    value = example_value(parameter)
                    if value is None:
                        missing.append(parameter.name)
                    else:
                        given.append((parameter.name, value))
            if missing:
                command = shlex.join(["dikg", "query", query.name])
                command += "".join(f" -p {name}=…" for name in missing)
                answers.append(_unanswered(query, command, unanswered=", ".join(missing)))
                continue
            try:
                prepared = self._prepare(query, given)
            except InputError as error:
                # an example the graph does not know: shown unanswered, with the reason
                command = shlex.join(
                    ["dikg", "query", query.name]
                    + [part for n, v in given for part in ("-p", f"{n}={v}")]
                )
                answers.append(_unanswered(query, command, unresolved=error.message))
                continue
            sparql, result = self._run(prepared)
            answers.append(self._answered(prepared, sparql, _result_rows(result), given, lang))
        return answers

    def _takes(self, parameter: Parameter, iri: str) -> bool:
        if parameter.type == "iri":
            return True
        if parameter.type == "organisation":
            return iri in self.resolver.organisations().members
        if parameter.type == "concept":
            return iri in self.resolver.scheme(parameter.scheme or "").members
        return False

    def prepare_about(self, iris: Iterable[str], langs: tuple[str, ...] = ("en", "nl")) -> None:
        """Answer the questions about many resources at once, for :meth:`about` to use.

        Each question that takes a resource is asked once for every resource of ``iris`` it
        takes (:mod:`dikg.site.grouped`), instead of once per resource; the labels of the
        answers are read together. A question that cannot be grouped stays one query per
        resource. The pages are the same either way.
        """
        iris = list(iris)
        shown: set[str] = set()
        for query, parameter in self._candidates:
            found = shape(query.text, parameter.variable)
            if found is None:
                continue
            terms: dict[str, ox.NamedNode | ox.Literal] = {}
            bindings: dict[str, ox.NamedNode | ox.Literal] = {}
            for iri in iris:
                if self._takes(parameter, iri):
                    bindings = self._prepare(query, [(parameter.name, f"<{iri}>")]).bindings
                    term = bindings[parameter.variable]
                    terms[str(term)] = term
            if not terms:
                continue
            values = {**bindings, parameter.variable: [terms[t] for t in sorted(terms)]}
            grouped = ask_grouped(
                self.backend, found, values, parameter.variable, source=query.name
            )
            if grouped is not None:
                self._grouped[(query.name, parameter.name)] = grouped
                if grouped.ordered:  # the rows a page shows (:data:`SITE_ROWS`)
                    shown.update(
                        iris_of(row for rows in grouped.rows.values() for row in rows[:SITE_ROWS])
                    )
        for lang in langs:
            self.labeller(lang).load(shown)

    def about(self, iri: str, langs: tuple[str, ...] = ("en", "nl")) -> dict[str, list[Answered]]:
        """The questions about one resource, answered, per language (the module's rule).

        Answers found by :meth:`prepare_about` are used where it asked about ``iri``.
        """
        found: dict[str, list[Answered]] = {lang: [] for lang in langs}
        for query, parameter in self._candidates:
            if not self._takes(parameter, iri) or any(
                a.name == query.name for a in found[langs[0]]
            ):
                continue
            given = [(parameter.name, f"<{iri}>")]
            prepared = self._prepare(query, given)
            value = str(prepared.bindings[parameter.variable])
            grouped = self._grouped.get((query.name, parameter.name))
            if grouped is not None and value not in grouped.asked:
                grouped = None
            if grouped is not None and value not in grouped.rows:
                continue  # asked with the others: no rows
            sparql = self._texts.text(prepared, parameter.variable)
            if grouped is not None and grouped.ordered:
                answer = (grouped.columns, grouped.rows[value])
            else:
                result = self.backend.execute(sparql, None, source=query.name)
                answer = _result_rows(result)
                if not answer[1] or (isinstance(result, AskResult) and not result.value):
                    continue
            for lang in langs:
                found[lang].append(self._answered(prepared, sparql, answer, given, lang))
        return found


def _unanswered(query: CannedQuery, command: str, **why: str) -> Answered:
    """A question the landing page lists without an answer (``why``: what is missing)."""
    return Answered(
        name=query.name,
        summary=query.summary or query.name,
        description=query.description,
        arguments=(),
        columns=(),
        rows=(),
        command=command,
        sparql=query.text,
        endpoint_url=None,
        **why,
    )

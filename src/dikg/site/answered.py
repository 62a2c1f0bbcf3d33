"""A canned question and its answer as a page shows it: what the templates get.

:class:`dikg.site.questions.Questions` answers the questions; ``questions.html.j2`` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """A value of an answer as a page shows it.

    Attributes:
        text: the label of an IRI in the page's language, or a literal's value.
        page: the site path of the value's page, if the site has one.
        url: an IRI without a page in the site (TOOI, EU vocabularies), linked as it is.
        lang: a literal's language tag, so the page can mark it.
    """

    text: str
    page: str | None = None
    url: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Answered:
    """A canned question with its answer, ready for a template.

    Attributes:
        name: the query's name (the ``.rq`` file's stem); also the section's anchor.
        summary: the question.
        description: what it answers, from the query header.
        arguments: (parameter, bound value) pairs.
        columns: the answer's column names.
        rows: the answer's rows.
        command: the ``dikg query`` command line that gives the same answer.
        sparql: the query text with its parameters bound (what the endpoint gets).
        endpoint_url: a link that runs it on the public SPARQL endpoint, if one is configured.
        unanswered: the required parameters without an example value (comma-separated),
            when that is why the question has no answer here; else None.
        unresolved: the message when an example value is not in this graph (a fork or a
            test graph without that vocabulary); else None.
        more: how many rows of the answer are not in ``rows`` (a page shows at most
            :data:`dikg.site.questions.SITE_ROWS`).
    """

    name: str
    summary: str
    description: str
    arguments: tuple[tuple[str, Cell], ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    command: str
    sparql: str
    endpoint_url: str | None
    unanswered: str | None = None
    unresolved: str | None = None
    more: int = 0

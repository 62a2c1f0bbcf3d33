"""Pictures for the landing page, drawn from the canned queries' answers (issue 13).

Three pictures, each an SVG with its text alternative (a one-sentence ``alt`` and the data
table it is drawn from), each from one canned query:

- ``ministry-target-group-matrix``: measures per ministry and target group, as a heatmap
  (``queries/ministry-target-group-matrix.rq``);
- ``partners-network``: which ministry (or other government actor) works with which external
  partner, line width the number of shared measures (``queries/partners.rq``);
- ``timeline``: the dates the sources give for measures, on a time axis
  (``queries/timeline.rq``, its rows about measures), at most :data:`TIMELINE_MEASURES`
  measures (the earliest): a graph of thousands of dated measures made a picture thousands of
  inches tall, and most of ``dikg publish``'s time and memory at a million triples.

The queries run through dikg's own query API (:class:`dikg.queries.run.PreparedQuery`), with
labels in the chosen language as ``dikg query --lang`` shows them; the words of the pictures
are in ``pictures.yaml`` beside this module. Usage, in the site writer's in-memory style::

    store = load_store(root)
    for lang in LANGUAGES:
        for picture in pictures(root, store, lang):
            files[picture.path] = picture.svg  # pictures/{slug}.svg, pictures/{slug}.nl.svg
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

import pyoxigraph as ox
import yaml

from dikg.errors import InputError
from dikg.queries.backend import EmbeddedBackend, SelectResult
from dikg.queries.catalogue import find_query
from dikg.queries.labels import iris_of
from dikg.queries.params import Resolver, bind_parameters
from dikg.queries.run import PreparedQuery, display_prefixes
from dikg.root import GraphRoot
from dikg.site import charts
from dikg.site.paths import DEFAULT_LANGUAGE, LANGUAGES, document_path

MATRIX = "ministry-target-group-matrix"
NETWORK = "partners-network"
TIMELINE = "timeline"
PICTURE_DIR = "pictures"
# the most measures the timeline draws: about the height of two screens
TIMELINE_MEASURES = 60
_SVG_START = re.compile(rb"<svg\b[^>]*>")


def picture_path(slug: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The site path of a picture's SVG in ``lang`` (English without a language suffix)."""
    suffix = ".svg" if lang == DEFAULT_LANGUAGE else f".{lang}.svg"
    return f"{PICTURE_DIR}/{slug}{suffix}"


@dataclass(frozen=True)
class Picture:
    """One picture and its text alternative.

    Attributes:
        slug: a stable name for file names and anchors (``timeline``).
        title: its heading, in the chosen language.
        alt: a one-sentence text alternative (for ``<img alt>``).
        svg: the SVG document (UTF-8); it carries ``title`` and ``alt`` as ``<title>`` and
            ``<desc>``, ``role="img"`` and ``id`` = ``slug`` (:attr:`element` to inline it).
        columns: the headers of the data table it is drawn from.
        rows: that table's rows, every cell a string (labels, counts, dates).
        query: the canned query it answers (``dikg query NAME``).
        lang: the language of its words and labels.
    """

    slug: str
    title: str
    alt: str
    svg: bytes
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    query: str
    lang: str = DEFAULT_LANGUAGE

    @property
    def path(self) -> str:
        """Its file in the site: ``pictures/{slug}.svg``, ``pictures/{slug}.nl.svg`` in Dutch."""
        return picture_path(self.slug, self.lang)

    @property
    def element(self) -> str:
        """The ``<svg>`` element alone (no XML declaration or DOCTYPE), to inline in HTML."""
        start = _SVG_START.search(self.svg)
        return self.svg[start.start() if start else 0 :].decode("utf-8")


@dataclass(frozen=True)
class _Answer:
    """A query's rows as IRIs or values (``iris``) and as the reader sees them (``shown``)."""

    iris: list[list[str | None]]
    shown: list[list[str]]


@cache
def _words() -> dict:
    """The pictures' words (titles, alt texts, notes, column headers) in every language."""
    text = files(__package__).joinpath("pictures.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _word(picture: str, key: str, lang: str):
    return _words()[picture][key][lang]


def _answer(root: GraphRoot, backend: EmbeddedBackend, name: str, lang: str) -> _Answer:
    """Run the canned query ``name`` as ``dikg query NAME --lang LANG`` would, without params."""
    query = find_query(root, name)
    prefixes = display_prefixes(root, query.text, ())
    bindings = bind_parameters(query, (), Resolver(backend, prefixes))
    answer = PreparedQuery(query, backend, bindings, prefixes).run(lang=lang)
    result, labeller = answer.result, answer.labeller
    if not isinstance(result, SelectResult):
        raise InputError(f"the canned query {name} must be a SELECT query to draw a picture")
    labeller.load(iris_of(result.rows))  # one lookup for all, not one per cell
    return _Answer(
        [[None if cell is None else cell.value for cell in row] for row in result.rows],
        [[labeller.show(cell) for cell in row] for row in result.rows],
    )


def _ordered(pairs: dict[str, str]) -> list[str]:
    """IRIs ordered by their label (case-insensitively), then by IRI: stable in any language."""
    return sorted(pairs, key=lambda iri: (pairs[iri].casefold(), pairs[iri], iri))


def _finish(svg: bytes, slug: str, title: str, alt: str) -> bytes:
    """Give the SVG a ``<title>`` and ``<desc>`` (escaped) and mark it as one image."""
    match = _SVG_START.search(svg)
    if match is None:  # matplotlib always writes one; a guard, not a branch that runs
        raise ValueError("matplotlib wrote no <svg> element")
    head = match.group(0)[:-1].rstrip(b"/").rstrip()
    opening = head + f' role="img" aria-labelledby="{slug}-title {slug}-desc">'.encode()
    inner = (
        f'\n <title id="{slug}-title">{escape(title)}</title>'
        f'\n <desc id="{slug}-desc">{escape(alt)}</desc>'
    ).encode()
    return svg[: match.start()] + opening + inner + svg[match.end() :]


def _picture(slug: str, words: str, lang: str, svg: bytes, alt: str, rows) -> Picture:
    title = _word(words, "title", lang)
    return Picture(
        slug=slug,
        title=title,
        alt=alt,
        svg=_finish(svg, slug, title, alt),
        columns=tuple(_word(words, "columns", lang)),
        rows=tuple(tuple(row) for row in rows),
        query=_words()[words]["query"],
        lang=lang,
    )


def matrix_picture(root: GraphRoot, backend: EmbeddedBackend, lang: str) -> Picture:
    """The ministry x target-group matrix as a heatmap of the number of measures."""
    answer = _answer(root, backend, _words()["matrix"]["query"], lang)
    ministries = {row[0]: shown[0] for row, shown in zip(answer.iris, answer.shown, strict=True)}
    groups = {row[1]: shown[1] for row, shown in zip(answer.iris, answer.shown, strict=True)}
    row_order, column_order = _ordered(ministries), _ordered(groups)
    row_index = {iri: i for i, iri in enumerate(row_order)}
    column_index = {iri: j for j, iri in enumerate(column_order)}
    cells = {(row_index[row[0]], column_index[row[1]]): int(row[3] or 0) for row in answer.iris}
    svg = charts.heatmap(
        [ministries[iri] for iri in row_order],
        [groups[iri] for iri in column_order],
        cells,
        name=MATRIX,
        title=_word("matrix", "title", lang),
        note=_word("matrix", "note", lang),
        scale=_word("matrix", "colorbar", lang),
    )
    alt = _word("matrix", "alt", lang).format(ministries=len(row_order), groups=len(column_order))
    return _picture(MATRIX, "matrix", lang, svg, alt, answer.shown)


def network_picture(root: GraphRoot, backend: EmbeddedBackend, lang: str) -> Picture:
    """Which ministry (or other government actor) works with which external partner."""
    answer = _answer(root, backend, _words()["network"]["query"], lang)
    partners: dict[str, str] = {}
    actors: dict[str, str] = {}
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (partner, actor, measure), shown in zip(answer.iris, answer.shown, strict=True):
        if partner is None or actor is None or measure is None:
            continue
        partners[partner], actors[actor] = shown[0], shown[1]
        shared[actor, partner].add(measure)
    actor_order = _ordered(actors)
    actor_index = {iri: i for i, iri in enumerate(actor_order)}

    def barycentre(partner: str) -> float:
        # each partner beside the mean of its actors: fewer crossing lines
        rows = [actor_index[a] for (a, p) in shared if p == partner]
        return sum(rows) / len(rows)

    partner_order = sorted(
        partners, key=lambda iri: (barycentre(iri), partners[iri].casefold(), iri)
    )
    partner_index = {iri: j for j, iri in enumerate(partner_order)}
    links = {(actor_index[a], partner_index[p]): len(m) for (a, p), m in shared.items()}
    svg = charts.network(
        [actors[iri] for iri in actor_order],
        [partners[iri] for iri in partner_order],
        links,
        name=NETWORK,
        title=_word("network", "title", lang),
        note=_word("network", "note", lang),
    )
    measures = len({m for found in shared.values() for m in found})
    alt = _word("network", "alt", lang).format(
        actors=len(actor_order), partners=len(partner_order), measures=measures
    )
    return _picture(NETWORK, "network", lang, svg, alt, answer.shown)


def _is_measure(iri: str | None) -> bool:
    path = document_path(iri or "")
    return path is not None and path.startswith("id/measure/")


def timeline_picture(
    root: GraphRoot, backend: EmbeddedBackend, lang: str, *, limit: int = TIMELINE_MEASURES
) -> Picture:
    """The dates the sources give for measures (start, end, agreed, reported, ...) in time.

    Only the first ``limit`` measures by their earliest date are drawn, and only their dates
    are in the table; the alt text then says how many there are in all.
    """
    answer = _answer(root, backend, _words()["timeline"]["query"], lang)
    # timeline.rq: date event resource actor status asOfFrom asOfTo; measures' rows only
    kept = [
        (iris, shown)
        for iris, shown in zip(answer.iris, answer.shown, strict=True)
        if _is_measure(iris[2])
    ]
    measures = {iris[2]: shown[2] for iris, shown in kept}
    first_date: dict[str, str] = {}
    for iris, _ in kept:  # rows come in date order: the first seen is the earliest
        first_date.setdefault(iris[2], iris[0])
    measure_order = sorted(
        measures, key=lambda iri: (first_date[iri], measures[iri].casefold(), iri)
    )
    dated_measures = len(measure_order)
    if dated_measures > limit:
        measure_order = measure_order[:limit]
        drawn = set(measure_order)
        kept = [(iris, shown) for iris, shown in kept if iris[2] in drawn]
    events = {iris[1]: shown[1] for iris, shown in kept}
    event_order = _ordered(events)
    row_index = {iri: i for i, iri in enumerate(measure_order)}
    event_index = {iri: k for k, iri in enumerate(event_order)}
    dated = [charts.Dated(row_index[iris[2]], iris[0], event_index[iris[1]]) for iris, _ in kept]
    svg = charts.timeline(
        [measures[iri] for iri in measure_order],
        [events[iri] for iri in event_order],
        dated,
        name=TIMELINE,
        title=_word("timeline", "title", lang),
        note=_word("timeline", "note", lang),
    )
    dates = [iris[0] for iris, _ in kept]
    alt = _word("timeline", "alt_capped" if dated_measures > limit else "alt", lang).format(
        dates=len(dated),
        shown=len(measure_order),
        measures=dated_measures,
        first=min(dates, default="-"),
        last=max(dates, default="-"),
    )
    rows = [shown[:5] for _, shown in kept]
    return _picture(TIMELINE, "timeline", lang, svg, alt, rows)


def pictures(root: GraphRoot, store: ox.Store, lang: str = "en") -> list[Picture]:
    """The landing page's pictures in ``lang``: matrix heatmap, partner network, timeline.

    Args:
        root: the graph root (its canned queries).
        store: the graph to ask, e.g. :func:`dikg.graph.store.load_store` (``dikg publish``
            already holds one).
        lang: ``en`` or ``nl``: the labels, titles and table headers.

    Returns:
        The three pictures, in this order; the same input gives byte-identical SVG.

    Raises:
        InputError: for an unknown language, or a canned query missing from ``root``.
    """
    if lang not in LANGUAGES:
        raise InputError(f"no pictures in language {lang!r}", hint=f"one of {LANGUAGES}")
    backend = EmbeddedBackend(store)
    return [
        matrix_picture(root, backend, lang),
        network_picture(root, backend, lang),
        timeline_picture(root, backend, lang),
    ]

"""The three drawings of the site's pictures, with matplotlib, as SVG bytes.

Each function takes plain, already sorted and labelled data (:mod:`dikg.site.pictures` reads
it from the canned queries) and returns the SVG. matplotlib is imported here only, inside the
functions, so that ``dikg --help`` and ``dikg query`` never pay for it. The output is
deterministic: a fixed ``svg.hashsalt`` for the element ids, no date in the metadata, text as
SVG ``<text>`` (``svg.fonttype: none``, searchable and read by screen readers) in one font,
and no mathtext (a ``$`` in a label stays a dollar sign).

Readability: colour-blind-safe colours (viridis; the Okabe-Ito palette for categories) and a
second channel besides colour (numbers in the heatmap cells, marker shapes in the timeline and
the network), text of at least 9 pt, and black or white cell text picked by the cell's colour.
"""

from __future__ import annotations

import datetime
import io
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency; paired with distinct marker shapes so colour is never the only cue
# (the five darkest first: each has at least 3:1 contrast on white, WCAG 1.4.11)
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9")
EMPTY = "#e3e3e3"  # a heatmap cell whose count is 0
MARKERS = ("o", "s", "D", "^", "v", "P", "X")
_RC = {
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans"],
    "font.size": 10,
    "text.parse_math": False,
    "axes.titlesize": 10,
    "figure.titlesize": 14,
    "figure.titleweight": "bold",
    "axes.edgecolor": "#333333",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
}


@contextmanager
def _style(name: str) -> Iterator[Any]:
    """Import matplotlib on first use and apply dikg's fixed settings.

    Args:
        name: the picture's name: the id of its ``<svg>`` and the salt of the ids inside, so
            that pictures inlined in one page never share an id.
    """
    import matplotlib

    with matplotlib.rc_context({**_RC, "svg.hashsalt": f"dikg-{name}", "svg.id": name}):
        yield matplotlib


def _svg(figure) -> bytes:
    """The figure as SVG bytes, without the creation date."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _wrap(text: str, width: int) -> str:
    """A long label on at most two lines, shortened with an ellipsis beyond that."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) <= 2:
        return "\n".join(lines)
    return lines[0] + "\n" + textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Mapping[tuple[int, int], int],
    *,
    name: str,
    title: str,
    note: str,
    scale: str,
) -> bytes:
    """A matrix of counts: ``cells[(row, column)]``; cells not given stay empty.

    Args:
        rows: the row labels, top to bottom.
        columns: the column labels, left to right.
        cells: the count of each filled cell.
        name: the picture's name (the ``<svg>`` element's id).
        title: the picture's title.
        note: one line under the title that says how to read it.
        scale: the colour bar's label.
    """
    with _style(name) as mpl:
        import numpy as np
        from matplotlib.figure import Figure

        values = np.ma.masked_all((len(rows), len(columns)))
        for (i, j), count in cells.items():
            values[i, j] = count
        top = max(cells.values(), default=1) or 1
        width = max(8.0, 3.5 + 0.3 * len(columns))
        height = max(5.0, 3.5 + 0.34 * len(rows))
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.add_subplot()
        # counts from 1 on viridis; a 0 (named in a policy only) light grey, below the scale
        cmap = mpl.colormaps["viridis"].with_extremes(under=EMPTY)
        norm = mpl.colors.Normalize(vmin=1, vmax=max(top, 2))
        mesh = axes.pcolormesh(values, cmap=cmap, norm=norm, edgecolors="white", linewidth=1.0)
        for (i, j), count in sorted(cells.items()):
            red, green, blue, _ = cmap(norm(count))
            luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
            axes.text(
                j + 0.5,
                i + 0.5,
                str(count),
                ha="center",
                va="center",
                fontsize=9,
                color="black" if luminance > 0.45 else "white",
            )
        axes.set_xticks(
            [j + 0.5 for j in range(len(columns))],
            columns,
            rotation=60,
            ha="right",
            rotation_mode="anchor",
            fontsize=9,
        )
        axes.set_yticks([i + 0.5 for i in range(len(rows))], rows, fontsize=9)
        axes.set_xlim(0, len(columns))
        axes.set_ylim(len(rows), 0)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(mesh, ax=axes, shrink=0.6, pad=0.01)
        bar.set_label(scale)
        bar.locator = mpl.ticker.MaxNLocator(integer=True)
        bar.update_ticks()
        figure.suptitle(title, x=0.01, ha="left")
        axes.set_title(note, loc="left")
        return _svg(figure)


def network(
    actors: Sequence[str],
    partners: Sequence[str],
    links: Mapping[tuple[int, int], int],
    *,
    name: str,
    title: str,
    note: str,
) -> bytes:
    """Two columns of nodes, actors left and partners right, joined by weighted lines.

    Args:
        actors: the left column's labels, top to bottom.
        partners: the right column's labels, top to bottom.
        links: the number of shared measures of each (actor, partner) pair of indexes.
        name: the picture's name (the ``<svg>`` element's id).
        title: the picture's title.
        note: how to read the lines.
    """
    with _style(name):
        from matplotlib.figure import Figure

        height = max(5.0, 1.8 + 0.5 * max(len(actors), len(partners), 1))
        figure = Figure(figsize=(13.0, height), layout="constrained")
        axes = figure.add_subplot()
        # a two-column (bipartite) layout: each column spread evenly from top to bottom, in
        # the order given; computed here so no set or hash order can move a node
        left, right = _column(len(actors)), _column(len(partners))
        for (i, j), count in sorted(links.items()):
            axes.plot(
                [-1.0, 1.0],
                [left[i], right[j]],
                color="#6b6b6b",
                zorder=1,
                linewidth=1.0 + 1.5 * (count - 1),
            )
        sides = (
            (-1.0, left, actors, OKABE_ITO[0], "o", "right", -0.06),
            (1.0, right, partners, OKABE_ITO[1], "s", "left", 0.06),
        )
        for x, ys, labels, colour, marker, align, shift in sides:
            axes.scatter([x] * len(ys), ys, s=70, color=colour, marker=marker, zorder=2)
            for y, label in zip(ys, labels, strict=True):
                axes.text(x + shift, y, _wrap(label, 48), ha=align, va="center", fontsize=9)
        axes.set_xlim(-3.2, 3.2)
        axes.set_ylim(-1.15, 1.15)
        axes.set_axis_off()
        figure.suptitle(title, x=0.01, ha="left")
        axes.set_title(note, loc="left")
        return _svg(figure)


def _column(count: int) -> list[float]:
    """Heights of ``count`` nodes spread evenly from 1 (top) to -1 (bottom)."""
    if count == 1:
        return [0.0]
    return [1.0 - 2.0 * k / (count - 1) for k in range(count)]


@dataclass(frozen=True)
class Dated:
    """One date of one measure: the date as the source gives it, and what happened then."""

    row: int
    date: str
    event: int


def period(date: str) -> tuple[datetime.date, datetime.date]:
    """The days a date covers, as precise as it is: ``2016`` is the year, ``2016-05`` the month.

    Returns:
        The first day and the day after the last.
    """
    parts = [int(part) for part in date[:10].split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), datetime.date(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        return first, (first + datetime.timedelta(days=31)).replace(day=1)
    first = datetime.date(parts[0], parts[1], parts[2])
    return first, first + datetime.timedelta(days=1)


def timeline(
    rows: Sequence[str],
    events: Sequence[str],
    dates: Sequence[Dated],
    *,
    name: str,
    title: str,
    note: str,
) -> bytes:
    """Measures top to bottom, each date a marker (and a bar over an imprecise date's period).

    Args:
        rows: the measures' labels, top to bottom.
        events: the labels of the kinds of date (start, end, ...), one colour and shape each.
        dates: every date, by row and event index.
        name: the picture's name (the ``<svg>`` element's id).
        title: the picture's title.
        note: how to read the bars.
    """
    with _style(name) as mpl:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D

        dates_module = mpl.dates
        height = max(4.5, 2.2 + 0.42 * len(rows))
        figure = Figure(figsize=(12.0, height), layout="constrained")
        axes = figure.add_subplot()
        # each kind of date a little above or below the row's line, so they never hide each other
        offsets = [
            0.28 * (k - (len(events) - 1) / 2) / max(len(events) - 1, 1) for k in range(len(events))
        ]
        for item in dates:
            first, after = period(item.date)
            start, end = dates_module.date2num(first), dates_module.date2num(after)
            y = item.row + offsets[item.event]
            colour = OKABE_ITO[item.event % len(OKABE_ITO)]
            if end - start > 1:
                axes.broken_barh(
                    [(start, end - start)], (y - 0.07, 0.14), color=colour, alpha=0.35, linewidth=0
                )
            axes.scatter(
                [start + (end - start) / 2],
                [y],
                color=colour,
                s=42,
                zorder=3,
                marker=MARKERS[item.event % len(MARKERS)],
                edgecolors="white",
                linewidths=0.5,
            )
        axes.set_yticks(range(len(rows)), [_wrap(label, 60) for label in rows], fontsize=9)
        axes.set_ylim(len(rows) - 0.5, -0.5)
        axes.xaxis.set_major_locator(dates_module.YearLocator())
        axes.xaxis.set_major_formatter(dates_module.DateFormatter("%Y"))
        axes.grid(axis="x", color="#cccccc", linewidth=0.6)
        axes.set_axisbelow(True)
        legend = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker=MARKERS[k % len(MARKERS)],
                markersize=7,
                color=OKABE_ITO[k % len(OKABE_ITO)],
                label=label,
            )
            for k, label in enumerate(events)
        ]
        axes.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        figure.suptitle(title, x=0.01, ha="left")
        axes.set_title(note, loc="left")
        return _svg(figure)

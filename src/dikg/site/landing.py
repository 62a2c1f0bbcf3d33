"""The landing page (``index.html``, ``index.nl.html``): what the release is and how to use it.

It shows what this is, how to cite it, the downloads with format, size and SHA-256, the
licence, the DCAT and VoID metadata, the canned questions answered
(:mod:`dikg.site.questions`), the pictures, the source texts and links into the rest of the
site. Everything about the release is read from what ``dikg publish`` wrote: the citation from
``dcat.ttl`` (the publication metadata: title, creator, publisher, version, identifier; the
year is that of ``dct:modified``, a date the publisher states, never the clock) and the files
from ``SHA256SUMS``, each measured again (:func:`dikg.release.dumps.file_info`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from dikg.errors import InputError
from dikg.release.command import DCAT_NAME, NOTES_NAME, VOID_NAME
from dikg.release.dcat import ADMS, DATASET, DCAT
from dikg.release.dumps import CHECKSUMS_NAME, DOWNLOAD_DIR, FileInfo, file_info
from dikg.site.answered import Answered
from dikg.site.paths import HOME_PAGE, LANGUAGES, localized
from dikg.site.templates import render

DCAT_FILE = "dcat.ttl"
# kinds of file, in the order the downloads table lists them (message keys)
GROUPS = ("downloads_dumps", "downloads_parts", "downloads_metadata")
_PART_FOLDERS = ("ontology/", "vocabularies/", "shapes/")
# the release's own files beside download/ (the site's pages and RDF are not downloads)
RELEASE_FILES = (
    f"{DCAT_NAME}.ttl",
    f"{DCAT_NAME}.jsonld",
    VOID_NAME,
    f"{NOTES_NAME}.md",
    f"{NOTES_NAME}.json",
)
_SYNTAX = {
    "ttl": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "rdf": "RDF/XML",
    "trig": "TriG",
    "json": "JSON",
    "md": "Markdown",
}


@dataclass(frozen=True)
class Download:
    """A file of the release as the downloads table shows it."""

    path: str
    group: str
    format: str
    media_type: str | None
    size: int
    sha256: str

    def size_text(self, lang: str) -> str:
        """The size for people: bytes, kB or MB with one decimal (comma in Dutch)."""
        for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
            if self.size >= scale:
                text = f"{self.size / scale:.1f} {unit}"
                return text.replace(".", ",") if lang == "nl" else text
        return f"{self.size} B"


@dataclass(frozen=True)
class Release:
    """What ``dcat.ttl`` says about the dataset, per language where it has languages."""

    titles: dict[str, str]
    descriptions: dict[str, str]
    identifier: str
    version: str | None
    year: str | None
    creator: dict[str, str]
    publisher: dict[str, str]
    licence: str | None
    endpoint: str | None
    version_notes: dict[str, str] = field(default_factory=dict)

    def text(self, values: dict[str, str], lang: str) -> str:
        """A value in ``lang``, else in the other language, else any."""
        for key in (lang, *LANGUAGES, ""):
            if key in values:
                return values[key]
        return next(iter(values.values()), "")


def _by_language(graph: Graph, subject, predicate) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate), key=str):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return found


def read_release(out: Path) -> Release:
    """The dataset's description in ``out/dcat.ttl``.

    Raises:
        InputError: if the file is missing (publish writes it before the site).
    """
    path = out / DCAT_FILE
    if not path.is_file():
        raise InputError("no dcat.ttl: the site is written after the release", path=path)
    graph = Graph().parse(path, format="turtle")
    identifier = graph.value(DATASET, DCTERMS.identifier)
    version = graph.value(DATASET, DCAT.version)
    modified = graph.value(DATASET, DCTERMS.modified)
    creator = graph.value(DATASET, DCTERMS.creator)
    publisher = graph.value(DATASET, DCTERMS.publisher)
    licence = graph.value(DATASET, DCTERMS.license)
    endpoint = None
    for service in sorted(graph.objects(None, DCAT.service), key=str):
        endpoint = endpoint or graph.value(service, DCAT.endpointURL)
    return Release(
        titles=_by_language(graph, DATASET, DCTERMS.title),
        descriptions=_by_language(graph, DATASET, DCTERMS.description),
        identifier=str(identifier or DATASET),
        version=str(version) if version is not None else None,
        year=str(modified)[:4] if modified is not None else None,
        creator=_by_language(graph, creator, FOAF.name) if creator else {},
        publisher=_by_language(graph, publisher, FOAF.name) if publisher else {},
        licence=str(licence) if isinstance(licence, URIRef) else None,
        endpoint=str(endpoint) if endpoint is not None else None,
        version_notes=_by_language(graph, DATASET, ADMS.versionNotes),
    )


def _group(relative: str) -> str:
    if relative.startswith(DOWNLOAD_DIR + "/"):
        inner = relative.removeprefix(DOWNLOAD_DIR + "/")
        if inner.startswith(_PART_FOLDERS):
            return "downloads_parts"
        if "/" not in inner and inner.startswith("dikg."):
            return "downloads_dumps"
    return "downloads_metadata"


def _format(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    if name == CHECKSUMS_NAME:
        return "SHA-256 (sha256sum)"
    plain = name.removesuffix(".gz")
    syntax = _SYNTAX.get(plain.rsplit(".", 1)[-1], "")
    return syntax + (" (gzip)" if name.endswith(".gz") else "")


def read_downloads(out: Path) -> list[Download]:
    """Every file of the release that ``SHA256SUMS`` lists, measured again.

    The release's files are those under ``download/`` and :data:`RELEASE_FILES`; the site's
    pages and per-resource RDF, which a publish lists there too once the site is written,
    are not downloads.

    ``SHA256SUMS`` itself is linked, not listed: ``dikg publish`` writes it again after the
    site, to list the site's files too.

    Raises:
        InputError: if ``SHA256SUMS`` is missing, or a file it lists is.
    """
    sums = out / CHECKSUMS_NAME
    if not sums.is_file():
        raise InputError("no SHA256SUMS: the site is written after the release", path=sums)
    infos: list[FileInfo] = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        _, _, relative = line.partition("  ")
        if not relative.startswith(DOWNLOAD_DIR + "/") and relative not in RELEASE_FILES:
            continue
        path = out / relative
        if not relative or not path.is_file():
            raise InputError(f"SHA256SUMS lists {relative!r}, which is missing", path=sums)
        infos.append(file_info(out, path))
    media = _media_types(out)
    downloads = [
        Download(
            info.relative,
            _group(info.relative),
            _format(info.relative),
            media.get(info.relative),
            info.size,
            info.sha256,
        )
        for info in infos
    ]
    return sorted(downloads, key=lambda d: (GROUPS.index(d.group), d.path))


def _media_types(out: Path) -> dict[str, str]:
    """The media type DCAT gives each distribution's file (relative path → IANA type)."""
    graph = Graph().parse(out / DCAT_FILE, format="turtle")
    found: dict[str, str] = {}
    for distribution in graph.objects(DATASET, DCAT.distribution):
        url = graph.value(distribution, DCAT.downloadURL)
        media = graph.value(distribution, DCAT.mediaType)
        if url is None or media is None:
            continue
        relative = str(url).split(f"/{DOWNLOAD_DIR}/", 1)
        if len(relative) == 2:
            found[f"{DOWNLOAD_DIR}/{relative[1]}"] = str(media).rsplit("media-types/", 1)[-1]
    return found


@dataclass(frozen=True)
class SiteLink:
    """A page of the site the landing page links to: its path (English) and a message key."""

    path: str
    key: str


@dataclass
class LandingInput:
    """What the landing page shows besides the release itself.

    Attributes:
        questions: the canned questions answered, per language.
        sources: (site path of the English page, document label per language) of each
            source text.
        links: the site's other pages (class indexes, ontology, vocabularies).
        notes_page: the English release-notes page, when there is one.
        pictures: the pictures per language (:func:`dikg.site.pictures.pictures`), each
            shown as its SVG file with its alt text and its data table; none: the section
            says so.
    """

    questions: dict[str, list[Answered]]
    sources: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    links: Sequence[SiteLink] = ()
    notes_page: str | None = None
    pictures: dict[str, list] = field(default_factory=dict)


def landing_pages(out: Path, extra: LandingInput) -> dict[str, bytes]:
    """``index.html`` and ``index.nl.html``: site path → HTML.

    Args:
        out: the publish directory (``dcat.ttl`` and ``SHA256SUMS`` already written).
        extra: the questions, source texts, links, release notes and pictures.
    """
    release = read_release(out)
    downloads = read_downloads(out)
    pages = {}
    for lang in LANGUAGES:
        other = next(o for o in LANGUAGES if o != lang)
        pages[localized(HOME_PAGE, lang)] = render(
            "landing.html.j2",
            page=localized(HOME_PAGE, lang),
            lang=lang,
            title=release.text(release.titles, lang),
            alternate=localized(HOME_PAGE, other),
            release=release,
            downloads=downloads,
            groups=[(g, [d for d in downloads if d.group == g]) for g in GROUPS],
            questions=extra.questions.get(lang, []),
            sources=[(localized(path, lang), release.text(t, lang)) for path, t in extra.sources],
            links=[(localized(link.path, lang), link.key) for link in extra.links],
            notes_page=localized(extra.notes_page, lang) if extra.notes_page else None,
            pictures=extra.pictures.get(lang, []),
        )
    return pages

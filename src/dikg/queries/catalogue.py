"""The canned queries: ``queries/*.rq`` files with a grlc-style comment header.

The header is YAML in comment lines starting with ``#+``, as grlc reads it
(https://github.com/CLARIAH/grlc#decorator-syntax), e.g.::

    #+ summary: Ministries that address a target group
    #+ tags:
    #+   - target groups
    #+ defaults:
    #+   - group: https://w3id.org/dikg/id/target-group/lhbti
    #+ params:
    #+   group:
    #+     type: concept
    #+     scheme: target-groups
    #+     description: the target group, by IRI or by a label in Dutch or English
    #+ evidence: resource

Parameters are variables whose names follow grlc: ``?_name`` (a string), ``?_name_iri`` (an
IRI), ``?_name_integer`` (an integer); two leading underscores (``?__name_iri``) make the
parameter optional. grlc ignores the ``params`` and ``evidence`` keys; dikg reads them:
``params`` gives each parameter a type (:data:`PARAM_TYPES`), ``evidence`` names the
variable whose resource ``dikg query --evidence`` shows the source quotes of
(``evidence: false`` for a query whose rows are not about one resource, e.g. counts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dikg.errors import InputError
from dikg.queries.headers import HeaderError, load_yaml
from dikg.queries.sparqltext import query_form, variables
from dikg.rdf.files import read_text
from dikg.root import GraphRoot
from dikg.terms import SCHEME_BASE

QUERY_SUFFIX = ".rq"
HEADER_MARK = "#+"

# dikg parameter type -> the grlc type suffix of its variable ("" for a plain string)
PARAM_TYPES: dict[str, str] = {
    "iri": "iri",
    "concept": "iri",
    "organisation": "iri",
    "string": "",
    "integer": "integer",
    "year": "integer",
}
# grlc's parameter variables: one underscore required, two optional; the name is ASCII letters
# and digits (grlc's gquery.get_parameters reads only those)
_PARAM_VARIABLE = re.compile(
    r"(?P<optional>__?)(?P<name>[A-Za-z0-9]+)(?:_(?P<suffix>[A-Za-z0-9]+))?"
)
# the prefix line grlc looks for before it writes a typed value (gquery.XSD_PREFIX)
GRLC_XSD_PREFIX = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"
# what grlc takes for a parameter, anywhere in the file's text (gquery.get_parameters)
_GRLC_PARAMETER = re.compile(r"\?(?P<optional>_{1,2})(?P<name>[a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Parameter:
    """A parameter of a canned query.

    Attributes:
        name: the name users give (``-p group=...``), grlc's parameter name.
        variable: the SPARQL variable it binds, without ``?`` (e.g. ``_group_iri``).
        type: one of :data:`PARAM_TYPES`.
        required: False for grlc's optional ``?__name`` parameters.
        scheme: for a ``concept``: the IRI of the SKOS concept scheme its values come from.
        description: what the value means, for ``dikg queries``.
        default: the value used when none is given (grlc's ``#+ defaults``).
        enum: the values the header's ``enumerate`` lists for it (grlc's drop-down); empty
            when it lists none.
    """

    name: str
    variable: str
    type: str
    required: bool = True
    scheme: str | None = None
    description: str = ""
    default: str | None = None
    enum: tuple[str, ...] = ()

    def signature(self) -> str:
        """A short form for listings: ``group=concept`` or ``[from=year]``."""
        text = f"{self.name}={self.type}"
        return text if self.required else f"[{text}]"


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its name (the file stem), header metadata and SPARQL text."""

    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    params: tuple[Parameter, ...] = field(default_factory=tuple)
    evidence: str | None = None
    form: str | None = None
    no_evidence: bool = False

    def parameter(self, name: str) -> Parameter | None:
        """The parameter of that name, if the query has one."""
        return next((p for p in self.params if p.name == name), None)


def parse_header(text: str, path: Path) -> dict:
    """Read the ``#+`` YAML header of a query file.

    Raises:
        InputError: if the header is not valid YAML mapping.
    """
    lines = [
        line.strip()[len(HEADER_MARK) :].removeprefix(" ")
        for line in text.splitlines()
        if line.strip().startswith(HEADER_MARK)
    ]
    if not lines:
        return {}
    try:
        header = load_yaml("\n".join(lines))
    except HeaderError as error:
        raise InputError(f"bad query header: {error}", path=path) from None
    if not isinstance(header, dict):
        raise InputError("query header must be a YAML mapping of `#+ key: value` lines", path=path)
    return header


def _grlc_mapping(value, key: str, path: Path) -> dict:
    """Grlc's ``defaults`` (a list of one-key mappings, or one mapping) as one mapping."""
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, list) and all(isinstance(item, Mapping) for item in value):
        merged: dict = {}
        for item in value:
            merged.update(item)
        return merged
    raise InputError(f"header `{key}` must be a list of `- name: value` entries", path=path)


def parse_params(header: dict, text: str, path: Path) -> tuple[Parameter, ...]:
    """The typed parameters of a query: its grlc variables, typed by the ``params`` header.

    Raises:
        InputError: if a parameter variable has no ``params`` entry or the other way round,
            or a type is unknown or disagrees with the variable's grlc suffix.
    """
    declared = header.get("params") or {}
    if not isinstance(declared, Mapping):
        raise InputError("header `params` must map parameter names to their types", path=path)
    defaults = _grlc_mapping(header.get("defaults"), "defaults", path)
    found: dict[str, tuple[str, bool, str]] = {}
    for variable in sorted(variables(text)):
        if not variable.startswith("_"):
            continue
        match = _PARAM_VARIABLE.fullmatch(variable)
        if not match:
            raise InputError(
                f"variable ?{variable} starts with '_' but is not a grlc parameter "
                "(?_name, ?_name_iri, ?_name_integer, ?__name...)",
                path=path,
            )
        name = match["name"]
        if name in found and found[name][0] != variable:
            raise InputError(f"parameter {name!r} has two variables", path=path)
        found[name] = (variable, match["optional"] == "_", match["suffix"] or "")
    params = []
    for name, (variable, required, suffix) in found.items():
        spec = declared.get(name)
        if not isinstance(spec, Mapping) or "type" not in spec:
            raise InputError(
                f"parameter ?{variable} has no `params: {name}: type: ...` entry in the header",
                path=path,
                hint=f"types: {', '.join(PARAM_TYPES)}",
            )
        kind = str(spec["type"])
        if kind not in PARAM_TYPES:
            raise InputError(
                f"parameter {name!r} has unknown type {kind!r}",
                path=path,
                hint=f"types: {', '.join(PARAM_TYPES)}",
            )
        if PARAM_TYPES[kind] != suffix:
            wanted = f"?_{name}_{PARAM_TYPES[kind]}" if PARAM_TYPES[kind] else f"?_{name}"
            raise InputError(
                f"parameter {name!r} of type {kind} must be written {wanted} (grlc), "
                f"not ?{variable}",
                path=path,
            )
        scheme = spec.get("scheme")
        if kind == "concept":
            if not scheme:
                raise InputError(f"concept parameter {name!r} needs a `scheme`", path=path)
            scheme = str(scheme) if ":" in str(scheme) else SCHEME_BASE + str(scheme)
        default = defaults.get(name)
        params.append(
            Parameter(
                name=name,
                variable=variable,
                type=kind,
                required=required,
                scheme=scheme,
                description=" ".join(str(spec.get("description", "")).split()),
                default=None if default is None else str(default),
            )
        )
    extra = sorted(set(declared) - set(found))
    if extra:
        raise InputError(
            f"header `params` declares {', '.join(extra)}, which the query does not use",
            path=path,
        )
    return tuple(sorted(params, key=lambda p: (not p.required, p.name)))


def _check_grlc(text: str, params: tuple[Parameter, ...], path: Path) -> None:
    """What grlc (https://github.com/CLARIAH/grlc) needs to serve a canned query as dikg runs it.

    Raises:
        InputError: for a ``?_name`` that grlc would take for a parameter though dikg does not
            (in a comment or a string), or an integer parameter without grlc's xsd prefix line.
    """
    grlc_only = sorted(
        {m["name"] for m in _GRLC_PARAMETER.finditer(text)} - {p.name for p in params}
    )
    if grlc_only:
        raise InputError(
            f"grlc would read {', '.join(grlc_only)} as a parameter: it looks for ?_name "
            "anywhere in the file, comments and strings too",
            path=path,
            hint="reword the comment or string",
        )
    if any(p.variable.endswith("_integer") for p in params) and GRLC_XSD_PREFIX not in text:
        raise InputError(
            f"a query with an integer parameter must declare `{GRLC_XSD_PREFIX}` as one line",
            path=path,
            hint='grlc writes the value as "2016"^^xsd:integer and, without that exact line, '
            "inserts it before every SELECT in the file, subqueries too",
        )


def _evidence(header: dict, text: str, path: Path) -> tuple[str | None, bool]:
    """The ``evidence`` header: (variable, False), or (None, True) for ``evidence: false``.

    Raises:
        InputError: if it names no variable of the query.
    """
    value = header.get("evidence")
    if value is False:
        return None, True
    if value is None:
        return None, False
    if str(value) not in variables(text):
        raise InputError(f"header `evidence: {value}` names no variable of the query", path=path)
    return str(value), False


def _enumerations(header: dict, params: tuple[Parameter, ...], path: Path) -> dict[str, tuple]:
    """Grlc's ``enumerate``: a list of ``- name:`` entries, each with its values or none.

    grlc (``gquery.get_enumeration``, every release since 1.2.1) fails on a bare ``- name``
    entry and leaves the whole query out of its API, so that form is refused here.

    Returns:
        For each parameter named, the values listed for it (empty when none are).

    Raises:
        InputError: for another form, or a name that is not a parameter.
    """
    entries = header.get("enumerate") or []
    if not isinstance(entries, list):
        raise InputError("header `enumerate` must be a list of `- name:` entries", path=path)
    names = {p.name for p in params}
    found: dict[str, tuple] = {}
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise InputError(
                f"header `enumerate` entry {entry!r} must be written `- {entry}:`",
                path=path,
                hint="grlc reads only that form (optionally followed by `- value` lines)",
            )
        for name, values in entry.items():
            if name not in names:
                raise InputError(f"header `enumerate` names {name!r}, not a parameter", path=path)
            if values is not None and not isinstance(values, list):
                raise InputError(
                    f"header `enumerate` gives {name!r} {values!r}, not a list of values",
                    path=path,
                )
            found[name] = tuple(str(value) for value in values or ())
    return found


def load_query(path: Path) -> CannedQuery:
    """Read one ``.rq`` file.

    Raises:
        InputError: for a file that cannot be read or a header that is not valid.
    """
    text = read_text(path)
    header = parse_header(text, path)
    evidence, no_evidence = _evidence(header, text, path)
    params = parse_params(header, text, path)
    _check_grlc(text, params, path)
    enumerations = _enumerations(header, params, path)
    params = tuple(replace(p, enum=enumerations.get(p.name, ())) for p in params)
    return CannedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=str(header.get("summary", "")).strip(),
        description=" ".join(str(header.get("description", "")).split()),
        tags=tuple(str(tag) for tag in header.get("tags") or ()),
        params=params,
        evidence=evidence,
        form=query_form(text),
        no_evidence=no_evidence,
    )


def adhoc_query(text: str, source: str) -> CannedQuery:
    """A query from ``--file`` or ``--sparql``: its header, if any, is read like a canned one.

    Raises:
        InputError: for a header that is not valid.
    """
    path = Path(source)
    header = parse_header(text, path)
    evidence, no_evidence = _evidence(header, text, path)
    return CannedQuery(
        name=source,
        path=path,
        text=text,
        summary=str(header.get("summary", "")).strip(),
        params=parse_params(header, text, path) if header.get("params") else (),
        evidence=evidence,
        form=query_form(text),
        no_evidence=no_evidence,
    )


def list_queries(root: GraphRoot) -> list[CannedQuery]:
    """All canned queries of the root (top-level ``queries/*.rq``), sorted by name."""
    if not root.queries.is_dir():
        return []
    return [load_query(path) for path in sorted(root.queries.glob(f"*{QUERY_SUFFIX}"))]


def closest(word: str, known: list[str], n: int = 3) -> list[str]:
    """The known words most like ``word``: the best match and those nearly as good."""
    import difflib  # here: only a value that names nothing needs it

    scored = sorted(
        ((difflib.SequenceMatcher(None, word, k).ratio(), k) for k in known), reverse=True
    )
    if not scored or scored[0][0] < 0.4:
        return []
    best = scored[0][0]
    return [k for score, k in scored[:n] if score >= 0.4 and score >= best - 0.1]


def find_query(root: GraphRoot, name: str) -> CannedQuery:
    """The canned query of that name.

    Raises:
        InputError: for an unknown name, suggesting the closest known names.
    """
    path = root.queries / f"{name}{QUERY_SUFFIX}"
    if path.is_file() and path.parent == root.queries:
        return load_query(path)
    known = (
        [p.stem for p in sorted(root.queries.glob(f"*{QUERY_SUFFIX}"))]
        if root.queries.is_dir()
        else []
    )
    close = closest(name, known)
    hint = f"did you mean: {', '.join(close)}?" if close else "run `dikg queries` for the list"
    raise InputError(f"unknown query {name!r}", hint=hint)

"""The YAML form of a new entry: its template, its fields, and reading a filled-in one."""

from __future__ import annotations

import datetime
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from rdflib import XSD, Literal

from dikg.errors import InputError
from dikg.queries.vocabulary import normalise
from dikg.rdf.files import read_text

KINDS = ("measure", "policy", "organisation")


REQUIRED = {
    "measure": ("actor", "label_nl", "source", "quotes"),
    "policy": ("actor", "label_nl", "source", "quotes"),
    "organisation": ("label_nl", "label_en"),
}


_DATES = (
    (re.compile(r"[0-9]{4}"), XSD.gYear),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"), XSD.gYearMonth),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"), XSD.date),
)


SLUG_LENGTH = 60


def template(kind: str) -> str:
    """The YAML form of a kind, with comments saying what each field takes."""
    return files(__package__).joinpath("forms", f"{kind}.yaml").read_text(encoding="utf-8")


@cache
def fields(kind: str) -> frozenset[str]:
    """The fields of a form: those of its template (one source for both)."""
    return frozenset(yaml.safe_load(template(kind)))


def slugify(text: str, limit: int = SLUG_LENGTH) -> str:
    """Lowercase ASCII kebab-case, cut at a hyphen to at most ``limit`` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def read_form(path: Path, kind: str) -> dict[str, Any]:
    """Read a filled-in form with ``yaml.safe_load`` and check its fields.

    Raises:
        InputError: for YAML that cannot be read, a form that is not a mapping, unknown
            fields or missing required ones.
    """
    text = read_text(path)
    try:
        form = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint=f"start again from `dikg new {kind}`, which prints the form",
        ) from None
    if not isinstance(form, dict):
        raise InputError(
            "not a form: expected field: value lines",
            path=path,
            hint=f"`dikg new {kind}` prints the form",
        )
    unknown = sorted(str(key) for key in form if key not in fields(kind))
    if unknown:
        raise InputError(
            f"unknown field{'s' if len(unknown) > 1 else ''} for a {kind}: {', '.join(unknown)}",
            path=path,
            hint=f"the fields are: {', '.join(sorted(fields(kind)))}",
        )
    missing = [name for name in REQUIRED[kind] if is_empty(form.get(name))]
    if missing:
        raise InputError(
            f"required field{'s' if len(missing) > 1 else ''} left empty: {', '.join(missing)}",
            path=path,
        )
    return form


def is_empty(value: Any) -> bool:
    """Whether a field is left empty (YAML gives None, '', [] or {})."""
    return value is None or value == "" or value == [] or value == {}


def list_field(form: dict[str, Any], name: str) -> list[Any]:
    """A field's values as a list (one value is a list of one), empty items left out."""
    value = form.get(name)
    if is_empty(value):
        return []
    if isinstance(value, list):
        return [item for item in value if not is_empty(item)]
    return [value]


def text_field(form: dict[str, Any], name: str) -> str | None:
    """A field as one line of text (whitespace collapsed), or None when empty.

    Raises:
        InputError: if the field holds a list or mapping.
    """
    value = form.get(name)
    if is_empty(value):
        return None
    if not isinstance(value, str | int | float):
        raise InputError(f"{name}: expected text, got {type(value).__name__}")
    return " ".join(str(value).split())


def date_field(name: str, value: Any) -> Literal:
    """A date as precise as given: YAML reads 2016 as a number and 2016-10-04 as a date."""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = str(value).strip()
    for pattern, datatype in _DATES:
        if pattern.fullmatch(text):
            return Literal(text, datatype=datatype)
    raise InputError(f"{name}: {text!r} is not a year (2016), month (2016-05) or day (2016-10-04)")

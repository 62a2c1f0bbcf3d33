"""The publisher's input: facts about a release that the sources do not state.

Who publishes and who made the dataset, whom to contact, when it was issued and modified:
dikg never guesses these (../../../DESIGN.md, Grounding). They come from a YAML file
(``publication.example.yaml`` shows every field) and a few command-line options; a missing or
malformed value stops the publish with exit code 2 and a message naming the field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

import yaml

from dikg.errors import InputError
from dikg.rdf.files import read_text

TOOI_PREFIX = "https://identifier.overheid.nl/tooi/id/"
EXAMPLE_NAME = "publication.example.yaml"
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Agent:
    """An organisation: its TOOI IRI and its name per language tag."""

    iri: str
    names: dict[str, str]


@dataclass(frozen=True)
class Contact:
    """A contact point (vCard): a name and an e-mail address and/or a web page."""

    name: str
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Publication:
    """Everything the publisher states about one release."""

    publisher: Agent
    creator: Agent
    contact: Contact
    issued: datetime.date
    modified: datetime.date
    version: str | None = None
    sparql_endpoint: str | None = None
    source: Path | None = field(default=None, compare=False)


def example_text() -> str:
    """The annotated example file, with every field and what it means."""
    return files(__package__).joinpath("metadata", EXAMPLE_NAME).read_text(encoding="utf-8")


def _fail(path: Path | None, key: str, problem: str) -> InputError:
    return InputError(
        f"publication metadata: {key} {problem}",
        path=path,
        hint="see `dikg publish --metadata-example` for every field and its form",
    )


def _url(path: Path | None, key: str, value: object) -> str:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        raise _fail(path, key, f"must be an http(s) URL, not {value!r}")
    return value.strip()


def _date(path: Path | None, key: str, value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise _fail(path, key, "must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail(path, key, f"must be a date YYYY-MM-DD, not {value!r}") from None


def _names(path: Path | None, key: str, value: object) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {"nl": value.strip()}
    if isinstance(value, dict) and value:
        names = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANG.match(lang):
                raise _fail(path, key, f"has a bad language tag {lang!r} (use nl, en, ...)")
            if not isinstance(text, str) or not text.strip():
                raise _fail(path, f"{key}.{lang}", "is empty")
            names[lang] = text.strip()
        return names
    raise _fail(path, key, "is missing: give a name, or names per language {nl: ..., en: ...}")


def _agent(path: Path | None, key: str, value: object) -> Agent:
    if not isinstance(value, dict):
        raise _fail(path, key, "is missing: give its TOOI IRI and name (iri:, name:)")
    iri = value.get("iri")
    if not iri:
        raise _fail(path, f"{key}.iri", "is missing: give the organisation's TOOI IRI")
    iri = _url(path, f"{key}.iri", iri)
    if not iri.startswith(TOOI_PREFIX):
        raise _fail(
            path, f"{key}.iri", f"must be a TOOI organisation IRI ({TOOI_PREFIX}...), not {iri}"
        )
    return Agent(iri, _names(path, f"{key}.name", value.get("name")))


def _contact(path: Path | None, value: object) -> Contact:
    if not isinstance(value, dict):
        raise _fail(path, "contact", "is missing: give a name and an email or url")
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, "contact.name", "is missing")
    email, url = value.get("email"), value.get("url")
    if not email and not url:
        raise _fail(path, "contact", "needs an email or a url (or both)")
    if email and (not isinstance(email, str) or not _EMAIL.match(email.strip())):
        raise _fail(path, "contact.email", f"is not an e-mail address: {email!r}")
    return Contact(
        name.strip(),
        email.strip() if email else None,
        _url(path, "contact.url", url) if url else None,
    )


def parse_publication(data: object, path: Path | None = None, **overrides) -> Publication:
    """Check the publisher's values and turn them into a :class:`Publication`.

    Args:
        data: the parsed YAML mapping (``None`` for no file).
        path: the file it came from, for messages.
        **overrides: command-line values (``issued``, ``modified``, ``version``,
            ``sparql_endpoint``) that replace the file's when not ``None``.

    Raises:
        InputError: naming the first field that is missing or malformed.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _fail(path, "file", "must be a YAML mapping of the fields in the example")
    data = {**data, **{k: v for k, v in overrides.items() if v is not None}}
    known = {"publisher", "creator", "contact", "issued", "modified", "version", "sparql_endpoint"}
    unknown = sorted(str(key) for key in data if key not in known)
    if unknown:
        raise _fail(path, ", ".join(unknown), f"unknown (known fields: {', '.join(sorted(known))})")
    publisher = _agent(path, "publisher", data.get("publisher"))
    creator = _agent(path, "creator", data.get("creator"))
    contact = _contact(path, data.get("contact"))
    for key in ("issued", "modified"):
        if data.get(key) in (None, ""):
            raise _fail(path, key, f"is missing: give it in the file or as --{key} YYYY-MM-DD")
    issued, modified = (
        _date(path, "issued", data["issued"]),
        _date(path, "modified", data["modified"]),
    )
    if modified < issued:
        raise _fail(path, "modified", f"({modified}) is before issued ({issued})")
    version = data.get("version")
    if version is not None and (not isinstance(version, str | int | float) or not str(version)):
        raise _fail(path, "version", "must be text such as 1.0.0")
    endpoint = data.get("sparql_endpoint")
    return Publication(
        publisher=publisher,
        creator=creator,
        contact=contact,
        issued=issued,
        modified=modified,
        version=str(version) if version is not None else None,
        sparql_endpoint=_url(path, "sparql_endpoint", endpoint) if endpoint else None,
        source=path,
    )


def load_publication(path: Path | None, **overrides) -> Publication:
    """Read the publication file (if given) and apply the command-line overrides.

    Raises:
        InputError: an unreadable file, bad YAML, or a missing or malformed field.
    """
    data = None
    if path is not None:
        text = read_text(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(
                f"not valid YAML: {getattr(error, 'problem', None) or error}",
                path=path,
                line=mark.line + 1 if mark else None,
                hint="compare with `dikg publish --metadata-example`",
            ) from None
    return parse_publication(data, path, **overrides)


def with_version(publication: Publication, version: str | None) -> Publication:
    """The publication with a default version filled in when the publisher gave none."""
    if publication.version or not version:
        return publication
    return replace(publication, version=version)

"""A remote SPARQL 1.1 endpoint as a query backend, through SPARQLWrapper.

Any SPARQL 1.1 Protocol endpoint works (Oxigraph server, Apache Jena Fuseki, GraphDB,
Virtuoso, QLever). Queries are sent by POST, URL-encoded
(https://www.w3.org/TR/sparql11-protocol/#query-via-post-urlencoded); parameters are bound
by a VALUES block of serialised RDF terms (:func:`dikg.sparqltext.inject_values`).
Credentials, when the endpoint needs them, come from the environment variables
:data:`USER_ENV` and :data:`PASSWORD_ENV` (HTTP Basic), never from the command line, and are
never shown. Every failure is an :class:`~dikg.errors.InputError` (exit 2) that names the
endpoint and what went wrong.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
from collections.abc import Mapping

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from dikg import __version__
from dikg.errors import InputError
from dikg.queries.backend import (
    DEFAULT_TIMEOUT,
    AskResult,
    Binding,
    GraphResult,
    Result,
    SelectResult,
)
from dikg.queries.sparqltext import inject_values, query_form
from dikg.rdf.termjson import json_term

USER_ENV = "DIKG_ENDPOINT_USER"
PASSWORD_ENV = "DIKG_ENDPOINT_PASSWORD"


def check_url(url: str) -> str:
    """The endpoint URL, if it is an http(s) URL without credentials in it.

    Raises:
        InputError: otherwise.
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InputError(
            f"--endpoint must be an http:// or https:// URL, got {url!r}",
            hint="e.g. --endpoint http://localhost:7878/query",
        )
    if parsed.username is not None or parsed.password is not None:
        raise InputError(
            "--endpoint must not hold credentials",
            hint=f"set {USER_ENV} and {PASSWORD_ENV} in the environment instead",
        )
    return url


def credentials() -> tuple[str, str] | None:
    """(user, password) from the environment, or None when neither is set.

    Raises:
        InputError: if only one of the two is set.
    """
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user and not password:
        return None
    if not user or not password:
        missing = USER_ENV if not user else PASSWORD_ENV
        raise InputError(f"endpoint credentials are incomplete: {missing} is not set")
    return user, password


def parse_results_json(document: dict) -> SelectResult | AskResult:
    """A SPARQL 1.1 Query Results JSON document as a result.

    Raises:
        ValueError: if it is not one.
    """
    if "boolean" in document:
        return AskResult(bool(document["boolean"]))
    names = list(document["head"]["vars"])
    rows = [
        [json_term(solution[name]) if name in solution else None for name in names]
        for solution in document["results"]["bindings"]
    ]
    return SelectResult(names, rows)


class EndpointBackend:
    """A SPARQL 1.1 endpoint.

    Args:
        url: the query endpoint, e.g. ``http://localhost:7878/query``.
        timeout: seconds to wait for an answer.

    Raises:
        InputError: for a URL that is not http(s) or holds credentials, or incomplete
            credentials in the environment.
    """

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = check_url(url)
        self.timeout = timeout
        self.description = f"endpoint {url}"
        self.folder = None  # an endpoint's graph may change under it: nothing is kept
        self._credentials = credentials()

    def _wrapper(self, text: str, form: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url, agent=f"dikg/{__version__}")
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        # setTimeout() would round 0.5 s down to int 0, which means "no timeout"; urllib takes
        # a float
        wrapper.timeout = self.timeout  # type: ignore[assignment]
        wrapper.setReturnFormat(JSON if form in ("SELECT", "ASK") else TURTLE)
        wrapper.setOnlyConneg(True)
        if self._credentials is not None:
            wrapper.setCredentials(*self._credentials)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a regular expression that words in comments
        # mislead ("addresses" reads as ADD, an update); dikg's lexer knows, and only ever
        # finds a query form, so nothing is ever sent as an update
        wrapper.queryType = form
        if wrapper.isSparqlUpdateRequest():
            raise InputError("dikg sends queries only, never updates")
        return wrapper

    def execute(
        self, text: str, bindings: Mapping[str, Binding] | None = None, *, source: str = "query"
    ) -> Result:
        """Run a query on the endpoint.

        Raises:
            InputError: for a query that is not SELECT/ASK/CONSTRUCT/DESCRIBE, an unreachable
                endpoint, an HTTP error, a timeout, or an answer that cannot be read.
        """
        form = query_form(text)
        if form is None:
            raise InputError(f"{source} is not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
        wrapper = self._wrapper(inject_values(text, bindings or {}), form)
        body, content_type = self._fetch(wrapper, source)
        try:
            if form in ("SELECT", "ASK"):
                return parse_results_json(json.loads(body))
            rdf_format = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE
            return GraphResult([quad.triple for quad in ox.parse(body, format=rdf_format)])
        except (ValueError, KeyError, TypeError, SyntaxError) as error:
            raise InputError(
                f"{self.description} answered {source} with something dikg cannot read "
                f"({content_type or 'no content type'}): {error}"
            ) from None

    def _fetch(self, wrapper: SPARQLWrapper, source: str) -> tuple[bytes, str]:
        """Send the request; turn every failure into an InputError."""
        where = self.description
        try:
            response = wrapper.query().response
            body = response.read()
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
            return body, content_type
        except SPARQLWrapperException as error:
            status = {
                "QueryBadFormed": "400 Bad Request",
                "Unauthorized": "401 Unauthorized",
                "EndPointNotFound": "404 Not Found",
                "URITooLong": "414 URI Too Long",
                "EndPointInternalError": "500 Internal Server Error",
            }.get(type(error).__name__, type(error).__name__)
            raise InputError(
                f"{where} answered {source} with HTTP {status}: {_detail(error)}",
                hint=_http_hint(status),
            ) from None
        except urllib.error.HTTPError as error:
            raise InputError(
                f"{where} answered {source} with HTTP {error.code} {error.reason}",
                hint=_http_hint(str(error.code)),
            ) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _timeout(where, self.timeout) from None
            raise InputError(
                f"cannot reach {where}: {error.reason}",
                hint="check the URL and that the server is running",
            ) from None
        except TimeoutError:
            raise _timeout(where, self.timeout) from None
        except (ConnectionError, OSError) as error:
            raise InputError(
                f"cannot reach {where}: {error}",
                hint="check the URL and that the server is running",
            ) from None


def _detail(error: SPARQLWrapperException) -> str:
    """The first line of the server's explanation, cut short."""
    text = str(error).split("Response:", 1)[-1].strip()
    text = text.removeprefix("b'").removeprefix('b"').rstrip("'\"")
    first = text.replace("\\n", "\n").strip().splitlines()[0] if text.strip() else ""
    return first[:200] or "no explanation"


def _http_hint(status: str) -> str:
    if status.startswith("401") or status.startswith("403"):
        return f"set {USER_ENV} and {PASSWORD_ENV} to credentials the endpoint accepts"
    if status.startswith("404"):
        return "check the endpoint URL (Oxigraph serves queries at /query)"
    if status.startswith("400"):
        return "the endpoint could not parse the query; check it is SPARQL 1.1"
    return "the endpoint failed; try again later or ask its administrator"


def _timeout(where: str, seconds: float) -> InputError:
    return InputError(
        f"{where} gave no answer within {seconds:g} seconds",
        hint="raise --timeout or try again later",
    )

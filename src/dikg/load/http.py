"""HTTP for loading: authentication, retries with backoff, and errors a user can act on.

Connection failures and 5xx answers are retried with exponential backoff when the request is
safe to repeat (:attr:`Request.repeatable`: GET, PUT, and anything the server refused before
reading). Every failure ends as an :class:`~dikg.errors.InputError` (exit 2) that says what
happened in the user's terms: the server is not running, the host is unknown, the URL is
wrong (404), the credentials were refused (401/403), no answer in time, or the server went
away during the load.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from dikg import __version__, console
from dikg.errors import InputError
from dikg.load.credentials import Credentials

AUTH_HINT = (
    "set DIKG_ENDPOINT_USER and DIKG_ENDPOINT_PASSWORD, or add a `machine HOST login USER "
    "password PASSWORD` line to ~/.netrc"
)


class NotSupported(InputError):
    """The server does not implement the method at this URL (405, 501)."""


@dataclass(frozen=True)
class Request:
    """One HTTP request.

    Attributes:
        method: GET, PUT, POST or DELETE.
        url: where to.
        body: what to send, if anything.
        headers: extra headers (Content-Type, Accept).
        repeatable: whether sending it twice does no harm (so a failure may be retried).
        what: what it does, for messages (e.g. "PUT of graph <...>").
    """

    method: str
    url: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    repeatable: bool = True
    what: str = "request"


@dataclass(frozen=True)
class Response:
    """The status, content type and body of an answer."""

    status: int
    content_type: str
    body: bytes


class Client:
    """Sends requests to one store.

    Args:
        credentials: for HTTP Basic or Digest authentication, whichever the server asks for.
        urls: the URLs the credentials are for (and any URL below them).
        timeout: seconds to wait for each answer.
        retries: how often to retry a failed repeatable request.
        backoff: seconds before the first retry; doubled for each next one.
    """

    def __init__(
        self,
        credentials: Credentials | None,
        urls: list[str] | None = None,
        *,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.credentials = credentials
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        handlers: list[urllib.request.BaseHandler] = []
        if credentials is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in urls or ():
                passwords.add_password(None, url, credentials.user, credentials.password)
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def send(self, request: Request) -> Response:
        """Send ``request``, retrying as the class says.

        Raises:
            NotSupported: for 405 or 501.
            InputError: for every other failure, once retries are used up.
        """
        attempt = 0
        while True:
            try:
                return self._send_once(request)
            except _Retryable as failure:
                if attempt >= self.retries or not (request.repeatable or failure.unsent):
                    raise failure.error from None
                delay = self.backoff * 2**attempt
                attempt += 1
                console.info(
                    f"{failure.error.message}; retry {attempt} of {self.retries} in {delay:g} s"
                )
                time.sleep(delay)

    def _send_once(self, request: Request) -> Response:
        prepared = urllib.request.Request(
            request.url,
            data=request.body,
            method=request.method,
            headers={"User-Agent": f"dikg/{__version__}", **request.headers},
        )
        where = _where(request.url)
        console.debug(f"{request.method} {request.url}")
        try:
            with self._opener.open(prepared, timeout=self.timeout) as answer:
                content_type = answer.headers.get("Content-Type", "").split(";")[0].strip()
                return Response(answer.status, content_type, answer.read())
        except urllib.error.HTTPError as error:
            raise self._http_error(request, error) from None
        except urllib.error.URLError as error:
            raise _connection_error(request, where, error.reason) from None
        except (http.client.HTTPException, OSError) as error:
            raise _connection_error(request, where, error) from None

    def _http_error(self, request: Request, error: urllib.error.HTTPError) -> Exception:
        code = error.code
        try:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, http.client.HTTPException):
            detail = []
        said = f": {detail[0][:200]}" if detail else ""
        message = f"{request.what}: {request.url} answered HTTP {code} {error.reason}"
        if code in (401, 403):
            who = f" for {self.credentials}" if self.credentials else " (no credentials given)"
            verb = "refused the credentials" if code == 401 else "forbids this"
            return InputError(
                f"{request.what}: {request.url} {verb} (HTTP {code}){who}", hint=AUTH_HINT
            )
        if code == 404:
            return InputError(
                f"{message}: no such endpoint or dataset",
                hint="check the URL; the README lists each store's Graph Store and "
                "SPARQL URL patterns",
            )
        if code in (405, 501):
            return NotSupported(f"{message}{said}")
        if code >= 500:
            return _Retryable(InputError(f"{message}{said}"), unsent=False)
        return InputError(f"{message}{said}", hint="the store refused the request")


class _Retryable(Exception):
    """A failure that may go away: the wrapped error, and whether the request was unsent."""

    def __init__(self, error: InputError, *, unsent: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.unsent = unsent


def _where(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.netloc or url


def _connection_error(request: Request, where: str, reason: object) -> Exception:
    """Name a connection failure in the user's terms; most of them are worth a retry."""
    if isinstance(reason, ConnectionRefusedError):
        error = InputError(
            f"{request.what}: nothing answers at {where} (connection refused)",
            hint="is the store running, and is the port in the URL right?",
        )
        return _Retryable(error, unsent=True)
    if isinstance(reason, socket.gaierror):
        return InputError(f"{request.what}: unknown host in {request.url}", hint="check the URL")
    if isinstance(reason, TimeoutError | socket.timeout):
        error = InputError(
            f"{request.what}: {where} gave no answer in time",
            hint="the store may be overloaded; raise --timeout",
        )
        return _Retryable(error, unsent=False)
    error = InputError(
        f"{request.what}: the connection to {where} broke ({reason}); the server may have "
        "stopped during the load",
        hint="check the store; graphs it did not confirm are still the old ones or new ones, "
        "never half; run dikg load again",
    )
    return _Retryable(error, unsent=False)

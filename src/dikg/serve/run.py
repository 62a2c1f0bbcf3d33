"""``dikg serve`` from start to stop: find the server, prepare the store, run until told to stop."""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dikg import console
from dikg.errors import InputError
from dikg.root import GraphRoot
from dikg.serve import server
from dikg.serve.binary import oxigraph_binary
from dikg.serve.storedir import PreparedStore, prepare_store


@dataclass(frozen=True)
class Serving:
    """A server that answers.

    Attributes:
        url: its base URL; the web query editor is there.
        store: the store it serves.
        writable: whether it takes updates.
    """

    url: str
    store: PreparedStore
    writable: bool

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return f"{self.url}/query"

    @property
    def addresses(self) -> dict[str, str]:
        """What to print: query URL, update and store URLs when writable, the web editor."""
        shown = {"query": self.query_url}
        if self.writable:
            shown |= {"update": f"{self.url}/update", "store": f"{self.url}/store"}
        return shown | {"editor": f"{self.url}/"}


# how often the serving loop looks whether the server died by itself
POLL_SECONDS = 0.5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Stopping:
    """Whether a stop signal arrived: a plain flag, which a signal handler may set.

    Not an exception: one raised by a signal lands wherever the main thread is, and inside
    ``subprocess.Popen.wait`` it could leave the server unreaped (a ``dikg serve`` that took
    over 30 s to stop, once in CI). Not a ``threading.Event`` either: setting one from a
    handler deadlocks when the signal arrives while the main thread holds the event's lock.
    """

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, number: int, frame: object) -> None:
        self.requested = True


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[_Stopping]:
    """Ctrl-C, SIGTERM and SIGHUP set the flag this yields."""
    stopping = _Stopping()
    previous = {s: signal.signal(s, stopping) for s in STOP_SIGNALS}
    try:
        yield stopping
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _check_host(host: str) -> None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise InputError(
                f"--host must be an IP address of this machine, got {host!r}",
                hint="e.g. --host 127.0.0.1 (the default) or --host 0.0.0.0 for every interface",
            ) from None
        return
    if not address.is_loopback:
        console.info(f"warning: --host {host} makes the server reachable from other machines")


def serve(
    root: GraphRoot,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    store: Path | None = None,
    writable: bool = False,
    on_ready: Callable[[Serving], None] = lambda serving: None,
) -> None:
    """Serve the graph until Ctrl-C, SIGTERM or SIGHUP; then stop the server and clean up.

    Args:
        root: the graph root.
        host: the address to listen on.
        port: the port; a free one if None.
        store: a directory for a persistent store, or None for a temporary one.
        writable: accept SPARQL Update and Graph Store writes.
        on_ready: called once the server answers queries.

    Raises:
        InputError: the server program missing, the port taken, a bad host or store
            directory, a syntax error in the graph, or a server that stopped by itself.
    """
    _check_host(host)
    binary = oxigraph_binary()
    if port is None:
        port = server.free_port(host)
    elif not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, got {port}")
    server.check_port(host, port)
    prepared = prepare_store(root, store, writable=writable)
    logs = Path(tempfile.mkdtemp(prefix="dikg-serve-log-"))
    log = logs / "oxigraph.log"
    url = server.base_url(host, port)
    process = None
    try:
        with _stop_on_signals() as stopping:
            process = server.start(
                binary, prepared.location, host, port, writable=writable, log=log
            )
            server.wait_until_ready(process, url, log)
            if not stopping.requested:
                on_ready(Serving(url, prepared, writable))
            while not stopping.requested:
                # a signal runs its handler during the sleep; the flag is seen when it ends
                time.sleep(POLL_SECONDS)
                code = process.poll()
                if code is not None and not stopping.requested:
                    raise InputError(
                        f"the Oxigraph server on {url} stopped by itself (exit {code})",
                        hint=f"its last words: {server.last_log_line(log) or 'none'}",
                    )
            console.info("stopping the server")
    finally:
        if process is not None:
            server.stop(process)
        shutil.rmtree(logs, ignore_errors=True)
        if prepared.temporary is not None:
            shutil.rmtree(prepared.temporary, ignore_errors=True)

"""Run the Oxigraph server process: a free port, readiness, and a clean stop.

The server is ``oxigraph serve-read-only`` (or ``serve`` when writable) with
``--union-default-graph``, so queries without ``GRAPH`` see every named graph. Its output goes
to a log file, shown in messages when it fails to start. On Linux the server is told to stop
when dikg dies (``PR_SET_PDEATHSIG``), so no server outlives a killed ``dikg serve``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from dikg.errors import InputError

READY_TIMEOUT = 60.0
_PR_SET_PDEATHSIG = 1


def free_port(host: str) -> int:
    """A TCP port nothing listens on at ``host`` now (the OS picks it)."""
    with socket.socket(_family(host)) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def check_port(host: str, port: int) -> None:
    """Make sure ``host:port`` can be bound.

    Raises:
        InputError: if the port is taken or the address is not one of this machine's.
    """
    with socket.socket(_family(host)) as probe:
        # as the server will: a port left in TIME_WAIT by a stopped server is free to take
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InputError(
                    f"port {port} on {host} is taken by another program",
                    hint="choose another --port, or leave it out for a free one",
                ) from None
            raise InputError(
                f"cannot listen on {host}:{port}: {error.strerror}",
                hint="--host must be an address of this machine, e.g. 127.0.0.1",
            ) from None


def base_url(host: str, port: int) -> str:
    """The server's base URL (IPv6 addresses in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start(
    binary: Path, location: Path, host: str, port: int, *, writable: bool, log: Path
) -> subprocess.Popen:
    """Start the server on ``location``; its output goes to ``log``."""
    command = [
        str(binary),
        "serve" if writable else "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{base_url(host, port).removeprefix('http://')}",
        "--union-default-graph",
    ]
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches dikg, which stops the server itself
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def last_log_line(log: Path) -> str:
    """The last line the server wrote to its log (cut short), or an empty string."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:300] if lines else ""


def wait_until_ready(process: subprocess.Popen, url: str, log: Path) -> None:
    """Wait until the server answers ``ASK {}`` on ``url``/query.

    Raises:
        InputError: if the server exits first (the port taken, a damaged store) or does not
            answer within :data:`READY_TIMEOUT` seconds.
    """
    deadline = time.monotonic() + READY_TIMEOUT
    probe = f"{url}/query?query=ASK%7B%7D"
    while True:
        code = process.poll()
        if code is not None:
            last = last_log_line(log)
            if "in use" in last.lower():
                raise InputError(
                    f"the Oxigraph server could not listen on {url}: the port is taken",
                    hint="choose another --port, or leave it out for a free one",
                )
            raise InputError(
                f"the Oxigraph server stopped while starting (exit {code}): {last or 'no output'}"
            )
        try:
            urllib.request.urlopen(probe, timeout=2).close()
            return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                stop(process)
                raise InputError(
                    f"the Oxigraph server did not answer on {url} within {READY_TIMEOUT:.0f} s"
                ) from None
            time.sleep(0.1)


def stop(process: subprocess.Popen, grace: float = 10.0) -> int:
    """Stop the server (SIGTERM, then SIGKILL after ``grace`` seconds); return its exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return int(process.returncode)

"""Credentials for the store: from the environment or ~/.netrc, never from the command line.

The environment variables are the ones ``dikg query --endpoint`` reads
(:data:`dikg.endpoint.USER_ENV`, :data:`dikg.endpoint.PASSWORD_ENV`); without them, the
``machine`` entry for the store's host in ``$NETRC`` or ``~/.netrc`` is used, as curl does.
The password is only ever handed to urllib's authentication handlers; it is not part of any
message, log line or exception dikg raises.
"""

from __future__ import annotations

import netrc
import os
from dataclasses import dataclass, field
from pathlib import Path

from dikg.errors import InputError
from dikg.queries.endpoint import PASSWORD_ENV, USER_ENV, credentials

NETRC_ENV = "NETRC"


@dataclass(frozen=True)
class Credentials:
    """A user and password, and where they came from (for messages; never the password)."""

    user: str
    password: str = field(repr=False)
    origin: str

    def __str__(self) -> str:
        return f"user {self.user!r} from {self.origin}"


def netrc_path() -> Path:
    """``$NETRC`` if set, else ``~/.netrc``."""
    return Path(os.environ.get(NETRC_ENV) or Path.home() / ".netrc").expanduser()


def find_credentials(host: str) -> Credentials | None:
    """The credentials for ``host``: the environment first, then the netrc file.

    Raises:
        InputError: if only one of the environment variables is set, or the netrc file
            cannot be parsed (its line is named, its content never shown).
    """
    from_environment = credentials()
    if from_environment is not None:
        return Credentials(*from_environment, origin=f"{USER_ENV}/{PASSWORD_ENV}")
    path = netrc_path()
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as error:
        raise InputError(
            f"cannot read the netrc file: {error.msg}", path=path, line=error.lineno
        ) from None
    except OSError as error:
        raise InputError(f"cannot read the netrc file: {error.strerror}", path=path) from None
    if entry is None:
        return None
    login, _, password = entry
    if not login or not password:
        return None
    return Credentials(login, password, origin=f"{path} (machine {host})")

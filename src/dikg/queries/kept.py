"""Vocabularies of a cached store, worked out once and kept beside it.

Resolving ``-p instrument=training`` reads every label of the scheme and normalises each (10
ms for the 380 labels of a scheme at 100k triples): most of what dikg adds to such a question.
A cached store never changes under its key (:mod:`dikg.graph.store`), so a vocabulary worked
out from it is kept in its folder (:data:`FOLDER`), as JSON named by a hash of what it was
worked out from: the vocabulary asked for, and the code and SPARQL that work it out
(:data:`MADE_BY`), so that an edit to them is never answered from an old file. A store in
memory and an endpoint keep nothing; the files go when their store is pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from dikg import console
from dikg.queries.vocabulary import Vocabulary
from dikg.rdf.files import atomic_write

FOLDER = "vocabularies"  # in a cached store's folder
MADE_BY = (  # beside this module: what a kept vocabulary was worked out by
    "kept.py",
    "params.py",
    "vocabulary.py",
    "sparql/concept-labels.rq",
    "sparql/organisation-labels.rq",
)


@cache
def _code() -> bytes:
    digest = hashlib.sha256()
    for name in MADE_BY:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.digest()


def kept_path(folder: Path, what: tuple[str, ...]) -> Path:
    """Where the vocabulary ``what`` names is kept in a cached store's ``folder``."""
    digest = hashlib.sha256(_code())
    digest.update(json.dumps(what).encode())
    return folder / FOLDER / f"{digest.hexdigest()}.json"


def kept_vocabulary(
    folder: Path | None,
    what: tuple[str, ...],
    work_out: Callable[[], Vocabulary],
) -> Vocabulary:
    """The vocabulary ``what`` names: kept from before, else worked out (and kept).

    Only parameters' vocabularies are kept: one read back is worded as a parameter's
    (:data:`dikg.queries.vocabulary.PARAMETER_WORDING`).

    Args:
        folder: the cached store's folder; None works it out every time.
        what: what it is (e.g. ``("scheme", IRI)``): equal for equal vocabularies only.
        work_out: works it out from the store.
    """
    if folder is None:
        return work_out()
    path = kept_path(folder, what)
    try:
        return Vocabulary.from_json(json.loads(path.read_bytes()))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:  # damaged: worked out and written again
        console.debug(f"kept vocabulary {path} unusable ({error})")
    vocabulary = work_out()
    with contextlib.suppress(OSError):  # a cache folder we cannot write: work it out next time
        atomic_write(path, json.dumps(vocabulary.to_json(), ensure_ascii=False).encode())
    return vocabulary

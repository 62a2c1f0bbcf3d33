"""Names of resources as people write them: labels, slugs, abbreviations, matched loosely.

One normalisation (case, accents, whitespace and typographic quotes do not matter) serves both
the parameters of canned queries (:mod:`dikg.queries.params`) and the forms of ``dikg new``
(:mod:`dikg.entry.names`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from dikg.errors import InputError


def shown(value: str, limit: int = 60) -> str:
    """A user's value quoted for a message, cut short when long."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def normalise(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a label for matching."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def local_name(iri: str) -> str:
    """The last segment of an IRI (after the last ``/`` or ``#``)."""
    return re.split(r"[/#]", iri)[-1]


@dataclass
class Vocabulary:
    """Known resources of one kind and the words that name them.

    Attributes:
        kind: what they are, for messages ("concept of target-groups", "organisation").
        names: normalised word -> the resources it names.
        shown: normalised word -> how to show it in a suggestion.
        members: every resource IRI that may be given, mapped to the resource it stands for.
    """

    kind: str
    names: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)

    def add(self, word: str, resource: str) -> None:
        """Let ``word`` name ``resource``."""
        key = normalise(word)
        if key:
            self.names.setdefault(key, set()).add(resource)
            self.shown.setdefault(key, word)

    def resolve(self, parameter: str, value: str) -> str:
        """The resource a word names.

        Raises:
            InputError: if it names none (with the closest words) or several.
        """
        key = normalise(value)
        found = self.names.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise InputError(
                f"parameter {parameter}: {shown(value)} is ambiguous; it names "
                f"{', '.join(sorted(found))}",
                hint="give the IRI instead",
            )
        close = difflib.get_close_matches(key, list(self.names), n=12, cutoff=0.6)
        suggestions: list[str] = []
        seen: set[str] = set()
        for word in close:
            resources = sorted(self.names[word])
            if seen.issuperset(resources):
                continue
            seen.update(resources)
            names = ", ".join(local_name(r) for r in resources)
            suggestions.append(f"{self.shown[word]} ({names})")
        if suggestions:
            hint = "did you mean: " + "; ".join(suggestions[:5]) + "?"
        else:
            resources = {r for found in self.names.values() for r in found}
            examples = sorted({local_name(r) for r in resources})[:10]
            hint = "give an IRI or a label" + (f", e.g. {', '.join(examples)}" if examples else "")
        raise InputError(
            f"parameter {parameter}: no {self.kind} is called {shown(value)}", hint=hint
        )

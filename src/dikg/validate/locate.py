"""Where a resource is written: the line of a file on which its description starts.

Parsers do not report positions of triples, so the line is found in the text: the first line
that starts with the resource's IRI or one of its prefixed names (a subject in Turtle as
``dikg fmt`` writes it, and as people write it), else the first ``"@id"`` naming it (JSON-LD),
``rdf:about`` (RDF/XML), or any occurrence of it.
"""

from __future__ import annotations

import re

# a local name of a prefixed name (PN_LOCAL, simplified: no escapes or percent-encodings)
_LOCAL = re.compile(r"[\w\-.:]*")


def spellings(iri: str, prefixes: dict[str, str]) -> list[str]:
    """The ways a Turtle-family file can write ``iri``: ``<iri>`` and each prefixed name."""
    found = [f"<{iri}>"]
    for prefix, namespace in sorted(prefixes.items()):
        local = iri[len(namespace) :]
        # a local name cannot end in "." (it would end the statement)
        if namespace and iri.startswith(namespace) and _LOCAL.fullmatch(local):
            if local.endswith("."):
                continue
            found.append(f"{prefix}:{local}")
    return found


class LineFinder:
    """Finds the lines of subjects in one file's text; built once per file."""

    def __init__(self, text: str, prefixes: dict[str, str]) -> None:
        self.text = text
        self.prefixes = prefixes
        self._starts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            token = line.split(None, 1)[0] if line.strip() else ""
            # "ex:a" in "ex:a a ex:Measure ;" and "ex:a;" alike
            token = token.rstrip(";,")
            if token and not token.startswith("#"):
                self._starts.setdefault(token, number)

    def line(self, iri: str) -> int | None:
        """The line where ``iri`` is first written as a subject, or first written at all."""
        candidates = spellings(iri, self.prefixes)
        at_start = [self._starts[c] for c in candidates if c in self._starts]
        if at_start:
            return min(at_start)
        escaped = re.escape(iri)
        names = [re.escape(c) for c in candidates if not c.startswith("<")]
        for pattern in (
            *(rf'"@id"\s*:\s*"{name}"' for name in [escaped, *names]),
            rf"about\s*=\s*[\"']{escaped}[\"']",
            *(rf"(?<![\w:<\"']){name}(?![\w\-:])" for name in names),
            escaped,
        ):
            match = re.search(pattern, self.text)
            if match:
                return self.text.count("\n", 0, match.start()) + 1
        return None

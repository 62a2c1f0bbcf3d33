"""The QC rules (``queries/qc/*.rq`` with a ``#+`` header) and the findings they give."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dikg.errors import InputError
from dikg.queries.catalogue import parse_header
from dikg.rdf.files import read_text
from dikg.root import packaged_graph, source_checkout

LEVELS = ("ERROR", "WARN", "INFO")


QC_DIR = Path("queries") / "qc"


RULE_SUFFIX = ".rq"


_LEVEL_ORDER = {level: index for index, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Finding:
    """One problem found.

    Attributes:
        level: ``ERROR``, ``WARN`` or ``INFO``.
        rule: the rule's id (kebab-case, the file stem of its query).
        subject: the IRI the problem is about ('' when it concerns the graph as a whole).
        property: the IRI of the property concerned, or ''.
        value: the value concerned: an IRI, a literal in N-Triples notation (``"x"@en``), a
            file path relative to the root (for ``undeclared-dikg-term``), or ''.
        message: what is wrong, in English; IRIs in it are written ``<...>``.
    """

    level: str
    rule: str
    subject: str = ""
    property: str = ""
    value: str = ""
    message: str = ""

    # not a @property: inside this class body, ``property`` is the field above
    def sort_key(self) -> tuple:
        """Level (errors first), rule, subject, property, value, message."""
        return (
            _LEVEL_ORDER.get(self.level, len(LEVELS)),
            self.rule,
            self.subject,
            self.property,
            self.value,
            self.message,
        )


@dataclass(frozen=True)
class Rule:
    """One SPARQL rule of ``queries/qc/``.

    Attributes:
        id: the rule's id, the file stem and the header's ``rule``.
        level: ``ERROR``, ``WARN`` or ``INFO``.
        summary: one line saying what the rule finds.
        description: why it matters, with the standard it implements where there is one.
        message: the message of a row that binds no ``?message``.
        path: the query file.
        text: the SPARQL text.
    """

    id: str
    level: str
    summary: str
    description: str
    message: str
    path: Path
    text: str


def default_rules_dir() -> Path:
    """The ``queries/qc`` folder of this dikg installation (checkout, else the wheel's copy)."""
    checkout = source_checkout()
    if checkout is not None and (checkout / QC_DIR).is_dir():
        return checkout / QC_DIR
    return packaged_graph() / QC_DIR


def load_rule(path: Path) -> Rule:
    """Read one rule file and check its header.

    Raises:
        InputError: if the header lacks ``rule``, ``level`` or ``summary``, names a rule other
            than the file stem, or gives an unknown level.
    """
    text = read_text(path)
    header = parse_header(text, path)
    rule_id = str(header.get("rule", "")).strip()
    level = str(header.get("level", "")).strip().upper()
    summary = str(header.get("summary", "")).strip()
    if rule_id != path.stem:
        raise InputError(
            f"the header names rule {rule_id!r}, the file is named {path.stem!r}",
            path=path,
            hint="give `#+ rule: <file stem>`, so that a rule is found by its name",
        )
    if level not in LEVELS:
        raise InputError(
            f"level {level!r} is not one of {', '.join(LEVELS)}",
            path=path,
            hint="give `#+ level: ERROR`, `WARN` or `INFO`",
        )
    if not summary:
        raise InputError("the header has no summary", path=path, hint="add `#+ summary: ...`")
    return Rule(
        id=rule_id,
        level=level,
        summary=summary,
        description=str(header.get("description", "")).strip(),
        message=str(header.get("message", "")).strip(),
        path=path,
        text=text,
    )


def load_rules(rules_dir: Path | None = None) -> list[Rule]:
    """All rules of a folder, sorted by id.

    Args:
        rules_dir: the folder; :func:`default_rules_dir` if not given.

    Raises:
        InputError: if the folder holds no rule or a rule file is malformed.
    """
    folder = rules_dir if rules_dir is not None else default_rules_dir()
    paths = sorted(folder.glob(f"*{RULE_SUFFIX}")) if folder.is_dir() else []
    if not paths:
        raise InputError(
            "no QC rules found", path=folder, hint="the rules are queries/qc/*.rq of dikg"
        )
    return [load_rule(path) for path in paths]

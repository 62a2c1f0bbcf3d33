"""Unit tests of dikg.validate.locate: the line on which a resource is written."""

from __future__ import annotations

from dikg.validate.locate import LineFinder, spellings

EX = "https://example.org/id/"
PREFIXES = {"ex": EX, "m": EX + "measure/"}


def test_spellings_are_the_iri_and_every_prefixed_name() -> None:
    # a slash is no part of a local name here, so ex: does not fit
    assert spellings(EX + "measure/a", PREFIXES) == [f"<{EX}measure/a>", "m:a"]
    assert spellings(EX + "x", PREFIXES) == [f"<{EX}x>", "ex:x"]
    assert spellings(EX + "a.", PREFIXES) == [f"<{EX}a.>"]  # a local name cannot end in "."


def test_subject_line_in_turtle() -> None:
    text = "PREFIX m: <https://example.org/id/measure/>\n\nm:b m:p m:a .\nm:a;\n  m:p 1 .\n"
    finder = LineFinder(text, PREFIXES)
    assert finder.line(EX + "measure/a") == 4  # as a subject, before its first mention
    assert finder.line(EX + "measure/b") == 3


def test_json_ld_and_rdf_xml() -> None:
    json_ld = '{\n  "@context": {},\n  "@id": "https://example.org/id/x"\n}\n'
    assert LineFinder(json_ld, {}).line(EX + "x") == 3
    rdf_xml = '<rdf:RDF>\n<rdf:Description\n rdf:about="https://example.org/id/y">\n'
    assert LineFinder(rdf_xml, {}).line(EX + "y") == 3


def test_anywhere_else_or_nowhere() -> None:
    finder = LineFinder("# x\n  ex:p <https://example.org/id/z> .\n", PREFIXES)
    assert finder.line(EX + "z") == 2
    assert finder.line(EX + "absent") is None

"""The output of ``dikg queries``: the canned queries as a table, one described, or JSON."""

from __future__ import annotations

import json
import textwrap

from dikg.queries.catalogue import CannedQuery


def render_json(found: list[CannedQuery]) -> str:
    """Every query with its metadata and typed parameters, as a JSON list."""
    listing = [
        {
            "name": q.name,
            "summary": q.summary,
            "description": q.description,
            "tags": list(q.tags),
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "variable": p.variable,
                    "scheme": p.scheme,
                    "default": p.default,
                    "enum": list(p.enum),
                    "description": p.description,
                }
                for p in q.params
            ],
            "evidence": q.evidence,
        }
        for q in found
    ]
    return json.dumps(listing, indent=2, ensure_ascii=False) + "\n"


def render_description(q: CannedQuery) -> str:
    """One query: its summary, description, parameters and evidence column."""
    lines = [f"{q.name}: {q.summary}"]
    if q.description:
        lines += ["", textwrap.fill(q.description, width=96)]
    lines.append("")
    for p in q.params or ():
        default = f" (default {p.default})" if p.default else ""
        optional = "" if p.required else " (optional)"
        lines.append(f"  -p {p.name}=  {p.type}{optional}{default}: {p.description}")
        if p.enum:
            lines.append(f"       one of: {', '.join(p.enum)}")
    if not q.params:
        lines.append("  no parameters")
    if q.evidence:
        lines.append(f"  --evidence shows the source quotes of ?{q.evidence}")
    return "\n".join(lines) + "\n"


def render_table(found: list[CannedQuery]) -> str:
    """One line per query: name, parameter signatures, summary, in aligned columns."""
    rows = [(q.name, " ".join(p.signature() for p in q.params) or "-", q.summary) for q in found]
    name_width = max((len(r[0]) for r in rows), default=4)
    param_width = max((len(r[1]) for r in rows), default=10)
    lines = [f"{'NAME'.ljust(name_width)}  {'PARAMETERS'.ljust(param_width)}  SUMMARY"]
    for query_name, signature, summary in rows:
        lines.append(f"{query_name.ljust(name_width)}  {signature.ljust(param_width)}  {summary}")
    return "\n".join(lines) + "\n"


def render(found: list[CannedQuery], fmt: str, *, one: bool = False) -> str:
    """``dikg queries`` output: ``json``, or ``table`` (one query described when ``one``)."""
    if fmt == "json":
        return render_json(found)
    if one:
        return render_description(found[0])
    return render_table(found)

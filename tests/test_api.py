"""The Python API for notebooks: `dikg.query(name, **parameters)`."""

from __future__ import annotations

import datetime

import pyoxigraph as ox
import pytest

import dikg
from dikg.errors import InputError
from tests.conftest import REPO

ORG = "https://w3id.org/dikg/id/organisation/"


def test_query_returns_rows_with_labels_and_iris():
    rows = dikg.query("ministries-by-target-group", group="LHBTI", root=REPO)
    assert rows.columns == [
        "ministry", "ministry_iri", "resource", "resource_iri", "type", "type_iri",
        "group", "group_iri", "basis", "basis_iri", "namedAs", "namedAs_iri",
    ]  # fmt: skip
    assert len(rows) == 8
    first = rows[0]
    assert first["ministry"] == "Ministry of the Interior and Kingdom Relations"
    assert first["ministry_iri"] == ORG + "bzk"
    assert first["group"] == "LGBTI"
    assert first["basis"] == "named"
    assert first["namedAs"] is None and first["namedAs_iri"] is None
    assert {row["ministry_iri"] for row in rows} == {
        ORG + m for m in ("bzk", "defensie", "ez", "ienw", "ocw")
    }


def test_labels_in_dutch():
    rows = dikg.query("ministries-by-target-group", group="lhbti", lang="nl", root=REPO)
    assert rows[0]["ministry"] == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert rows[0]["group"] == "LHBTI"


def test_literals_become_python_values():
    rows = dikg.query("targets-and-figures", root=REPO)
    values = {row["number_iri"].rsplit("/", 1)[1]: row["value"] for row in rows}
    assert values["bz-2016-vrouwen-topfuncties-2017"] == 30.0
    counts = dikg.query("dataset-statistics", root=REPO)
    assert {row["class_iri"]: row["resources"] for row in counts}[
        "https://w3id.org/dikg/def#Measure"
    ] == 107
    dated = dikg.query("measures-in-time", since=2016, root=REPO)
    assert datetime.date(2016, 10, 4) in {row["start"] for row in dated}
    assert "2016-05" in {row["start"] for row in dated}  # a month stays as the source gives it


def test_parameters_by_integer_iri_and_params_mapping():
    by_int = dikg.query("measures-in-time", since=2017, until=2017, root=REPO)
    by_text = dikg.query("measures-in-time", params={"since": "2017", "until": "2017"}, root=REPO)
    assert by_int == by_text and len(by_int) == 1
    by_iri = dikg.query("measures-by-ministry", ministry=ox.NamedNode(ORG + "vws"), root=REPO)
    assert len(by_iri) == 2


def test_ask_gives_a_bool_and_construct_triples():
    assert dikg.query(sparql="ASK { ?s a <https://w3id.org/dikg/def#Charter> }", root=REPO)
    triples = dikg.query(
        sparql=f"CONSTRUCT {{ <{ORG}jinc> ?p ?o }} WHERE {{ <{ORG}jinc> ?p ?o }}", root=REPO
    )
    assert all(isinstance(t, ox.Triple) for t in triples) and len(triples) == 7


def test_evidence_columns():
    rows = dikg.query("measures-with-partner", partner="JINC", evidence=True, root=REPO)
    assert rows[0]["evidence_quote"].startswith("Convenant met JINC")
    assert rows[0]["evidence_source_iri"].endswith("charter-diversiteit-2016-focus-ondertekenaars")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dikg.query("no-such-query", root=REPO), "unknown query"),
        (lambda: dikg.query("measures-by-ministry", root=REPO), "needs parameter ministry"),
        (lambda: dikg.query("measures-by-ministry", ministry=True, root=REPO), "boolean"),
        (lambda: dikg.query("measures-by-ministry", ministry=1.5, root=REPO), "not a string"),
        (lambda: dikg.query("dataset-statistics", lang="de", root=REPO), "lang must be"),
    ],
)
def test_bad_calls_raise_input_errors(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_to_dataframe():
    pandas = pytest.importorskip("pandas")
    frame = dikg.query("ministry-target-group-matrix", root=REPO).to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == [
        "ministry", "ministry_iri", "group", "group_iri", "policies", "measures",
    ]  # fmt: skip
    matrix = frame.pivot(index="ministry", columns="group", values="measures")
    assert matrix.loc["Ministry of Foreign Affairs", "women"] == 3


def test_to_dataframe_without_pandas_says_what_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    rows = dikg.query("dataset-statistics", root=REPO)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        rows.to_dataframe()


def test_import_dikg_stays_light():
    import subprocess
    import sys

    code = "import sys, dikg; print('dikg.api' in sys.modules, dikg.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", dikg.__version__]

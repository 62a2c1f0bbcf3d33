"""Every canned query's exact answer on the real data (data/), checked against the two sources.

Each expected answer was read off the source texts in data/sources/ (the 2016 table of the
Charter Diversiteit signatories, and the annex with the Rijk-wide measures), not copied from a
run: the comments say where in the source a row comes from where it is not obvious. Answers
are compared as sets (or, where the order is the point, as lists) of rows, each row a tuple of
prefixed names and literal values.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
import pytest

from dikg.queries.run import run_query
from dikg.root import resolve_root
from dikg.terms import compact_iri as prefixed_name
from tests.conftest import REPO

ID = "https://w3id.org/dikg/id/"
PREFIXES = {
    "organisation": ID + "organisation/",
    "orgversion": ID + "organisation-version/",
    "measure": ID + "measure/",
    "policy": ID + "policy/",
    "tg": ID + "target-group/",
    "tgbasis": ID + "target-group-basis/",
    "instr": ID + "instrument/",
    "aud": ID + "audience/",
    "phase": ID + "phase/",
    "target": ID + "target/",
    "figure": ID + "figure/",
    "document": ID + "document/",
    "charter": ID + "charter/",
    "status": ID + "status/",
    "level": ID + "career-level/",
    "unit": "http://qudt.org/vocab/unit/",
    "dikg": "https://w3id.org/dikg/def#",
    "tooi": "https://identifier.overheid.nl/tooi/id/ministerie/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "tooiont": "https://identifier.overheid.nl/tooi/def/ont/",
}


def short(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return prefixed_name(term.value, PREFIXES)
    return term.value


def answer(name: str, **params: str) -> tuple[list[str], list[tuple]]:
    result = run_query(resolve_root(REPO), name=name, params=list(params.items())).result
    return result.variables, [tuple(short(t) for t in row) for row in result.rows]


def rows(name: str, **params: str) -> list[tuple]:
    return answer(name, **params)[1]


def column(name: str, variable: str, **params: str) -> set:
    variables, found = answer(name, **params)
    return {row[variables.index(variable)] for row in found}


def local(prefixed: str) -> str:
    return prefixed.split(":", 1)[1]


RIJK = "organisation:rijksoverheid"
MINISTRIES = {
    f"organisation:{m}"
    for m in ("az", "bz", "bzk", "defensie", "ez", "fin", "ienw", "jenv", "ocw", "szw", "vws")
}


# 1. ministries-by-target-group ------------------------------------------------------------


def with_basis(expected: set[tuple], implied: set[str], at: int) -> set[tuple]:
    """The expected rows with the basis column inserted at index `at`: implied for the
    resources (second column) listed, named for the others."""
    return {
        (*row[:at], "tgbasis:implied" if row[1] in implied else "tgbasis:named", *row[at:])
        for row in expected
    }


def test_ministries_addressing_lhbti_with_their_policies_and_measures():
    found = set(rows("ministries-by-target-group", group="lhbti"))
    # the EZ diversity week implies the group through its "coming out day"
    assert found == with_basis(LHBTI_ROWS, {"measure:ez-2016-diversity-week"}, 4)
    named = set(rows("ministries-by-target-group", group="lhbti", basis="named"))
    assert named == {row for row in found if row[4] == "tgbasis:named"}
    assert len(named) == len(found) - 1


LHBTI_ROWS = {
    # BZK: "Meedoen aan evenementen voor de LHBT-doelgroep en behoefte peilen aan
    # LHBT-netwerk"; "wordt onderzocht of ... aandacht nodig is voor ... LHBTI-groep"
    (
        "organisation:bzk",
        "measure:bzk-2016-behoeftepeiling-lhbt-netwerk",
        "dikg:Measure",
        "tg:lhbti",
        None,
    ),
    ("organisation:bzk", "measure:bzk-2016-evenementen-lhbt", "dikg:Measure", "tg:lhbti", None),
    (
        "organisation:bzk",
        "measure:bzk-2016-onderzoek-aandacht-lhbti",
        "dikg:Measure",
        "tg:lhbti",
        None,
    ),
    # Defensie: "activiteiten ... op de gebieden LHBT, etniciteit en religie"
    (
        "organisation:defensie",
        "measure:defensie-2016-activiteiten-lhbt-etniciteit-religie",
        "dikg:Measure",
        "tg:lhbti",
        None,
    ),
    # EZ diversity week: "coming out day"; the 2016 name of EZ is a historical version
    (
        "organisation:ez",
        "measure:ez-2016-diversity-week",
        "dikg:Measure",
        "tg:lhbti",
        "orgversion:ez-until-2017",
    ),
    # IenM (now IenW): "inspanning voor vrouwen naar de top, arbeidsbeperkten, LHBTI, ..."
    (
        "organisation:ienw",
        "policy:ienm-2016-focus",
        "dikg:Policy",
        "tg:lhbti",
        "orgversion:ienm-2010-2017",
    ),
    (
        "organisation:ienw",
        "measure:ienm-2016-voortzetting-inspanning-doelgroepen",
        "dikg:Measure",
        "tg:lhbti",
        "orgversion:ienm-2010-2017",
    ),
    # OCW: "kansen biedt aan vrouwen, mannen, De LHBTI-groep, ..."
    ("organisation:ocw", "policy:ocw-2016-focus", "dikg:Policy", "tg:lhbti", None),
}


def test_ministries_addressing_ethnic_origin_named_and_implied():
    """Issue 11: Financiën ("Culturele diversiteit:") and SZW ("(culturele) diversiteit") address
    cultural diversity without naming a group; AZ through its multicultural networks."""
    implied = {"az", "fin", "szw"}
    named = {"bzk", "defensie", "ez", "ienw", "ocw"}  # with the narrower bicultural groups
    assert column("ministries-by-target-group", "ministry", group="ethnic origin") == {
        f"organisation:{m}" for m in implied | named
    }
    assert column(
        "ministries-by-target-group", "ministry", group="ethnic origin", basis="named"
    ) == {f"organisation:{m}" for m in named}
    assert column(
        "ministries-by-target-group", "ministry", group="ethnic origin", basis="implied"
    ) == {f"organisation:{m}" for m in implied | {"ienw"}}  # IenM's refugee pilot: speerpunt 1


def test_lhbti_is_the_default_group_and_labels_resolve_in_either_language():
    default = rows("ministries-by-target-group")
    assert default == rows("ministries-by-target-group", group="LHBTI")
    assert default == rows("ministries-by-target-group", group="lgbti")
    assert default == rows("ministries-by-target-group", group="LHBT-doelgroep")
    assert default == rows("ministries-by-target-group", group="tg:lhbti")
    assert default == rows("ministries-by-target-group", group=f"<{ID}target-group/lhbti>")


def test_the_annex_pilot_for_transgender_persons_is_the_rijk_s_not_a_ministry_s():
    # transgender persons are narrower than LHBTI; the pilot's actor is the Rijksoverheid
    assert rows("ministries-by-target-group", group="transgender persons") == []


@pytest.mark.parametrize(
    ("group", "ministries"),
    [
        # BZ "talentvolle vrouwen"; Defensie "werving van vrouwen"; EZ "doorstroom van
        # vrouwen"; IenM "vrouwen naar de top"; OCW "vrouwen, mannen"; SZW "vrouwen in de MD-groep"
        ("women", {"bz", "defensie", "ez", "ienw", "ocw", "szw"}),
        ("vrouwen", {"bz", "defensie", "ez", "ienw", "ocw", "szw"}),
        # with narrower groups: EZ and Financiën "Participatiewet", SZW "Baanafspraak"
        ("arbeidsbeperkten", {"ez", "fin", "ienw", "jenv", "ocw", "szw"}),
        # with narrower groups: Defensie's multicultural students, EZ's non-Western figure
        ("bicultural employees", {"bzk", "defensie", "ez", "ienw", "ocw"}),
        ("sexual orientation", {"ez"}),  # "geaardheid"
        ("religion", {"defensie"}),
        ("people with a disability", {"ez", "fin", "ienw", "jenv", "ocw", "szw"}),
    ],
)
def test_ministries_addressing_a_group(group, ministries):
    assert column("ministries-by-target-group", "ministry", group=group) == {
        f"organisation:{m}" for m in ministries
    }


# 2. measures-by-ministry ------------------------------------------------------------------


def test_measures_of_ienm_under_its_former_name():
    found = rows("measures-by-ministry", ministry="IenM")
    assert found == rows("measures-by-ministry", ministry="IenW")
    # the nine examples of the IenM row, its two "speerpunten" and the continued effort
    assert {row[0] for row in found} == {
        f"measure:ienm-2016-{m}"
        for m in (
            "ambassadeur-bestuursraad",
            "ambassadeursnetwerk-diversiteit-inclusie",
            "biculturele-trainees-en-stagiairs",
            "biculturelen-schalen-11-13",
            "businesscase-diversiteit-inclusie",
            "instroom-biculturele-managers",
            "lunchlezingen-inclusie",
            "pilot-werkervaringsplaatsen-vluchtelingen",
            "voortzetting-inspanning-doelgroepen",
        )
    }
    assert {row[1:] for row in found} == {
        ("policy:ienm-2016-focus", None, "orgversion:ienm-2010-2017", "organisation:ienw")
    }


def test_measures_of_ocw():
    assert rows("measures-by-ministry", ministry="OCW") == [
        (f"measure:ocw-2016-{m}", "policy:ocw-2016-focus", None, None, "organisation:ocw")
        for m in (
            "ambassadeurs-werven-bicultureel-talent",
            "buddysysteem-bicultureel-talent",
            "communicatie-lunchlezingen-intranet",
            "diversiteitsbijeenkomst-sectoren",
            "klankbordgroep",
            "onderzoek-ontwikkelmogelijkheden-bicultureel-talent",
            "training-inclusief-leiderschap",
            "training-selecteren-zonder-vooroordelen",
        )
    ]


def test_dated_measures_of_defensie_carry_their_start():
    starts = {row[0]: row[2] for row in rows("measures-by-ministry", ministry="Defensie")}
    assert len(starts) == 6
    assert starts["measure:defensie-2016-wervingscampagne-vrouwen"] == "2016-05"  # "mei 2016"
    assert starts["measure:defensie-2016-samenwerking-giving-back"] == "2016-10-04"
    assert starts["measure:defensie-2016-onderzoek-scp-diversiteit-inclusiviteit"] == "2015"


def test_measures_per_ministry_count_the_examples_of_the_2016_table():
    counts = {
        "AZ": 4,
        "BZ": 6,
        "BZK": 8,
        "Defensie": 6,
        "EZ": 9,
        "Fin": 10,
        "IenM": 9,
        "OCW": 8,
        "SZW": 11,
        "VenJ": 4,
        "VWS": 2,
        # the annex's Rijk-wide measures, DGABD's included (org:subOrganizationOf the Rijksoverheid)
        "Rijksoverheid": 30,
        "DGABD": 1,
    }
    for ministry, count in counts.items():
        assert len(rows("measures-by-ministry", ministry=ministry)) == count, ministry


# 3. measures-by-target-group --------------------------------------------------------------


def test_measures_for_people_with_a_work_disability_and_narrower_groups():
    # implied: "deze doelgroep", and the "relevante kandidaten" under "Maatschappelijke
    # diversiteit:"; the annex's 2022 and 2023 agreements continue the Banenafpraak bullet
    implied = {
        "measure:fin-2016-bewustwording-inclusie-participatiewet",
        "measure:fin-2016-contacten-uwv-sociale-werkbedrijven",
        *(
            f"measure:rijk-banenafspraak-{m}"
            for m in (
                "begeleidingsstructuur",
                "inventarisatie-binnenwerk",
                "kwaliteit-duurzaamheid-banen",
                "social-return-netwerkorganisatie",
            )
        ),
    }
    found = set(rows("measures-by-target-group", group="arbeidsbeperkten"))
    assert {(m, a, g, b) for m, a, g, b in found} == {
        (m, a, g, "tgbasis:implied" if m in implied else "tgbasis:named")
        for m, a, g in WORK_DISABILITY_ROWS
    }
    assert len(rows("measures-by-target-group", group="arbeidsbeperkten", basis="named")) == 10


WORK_DISABILITY_ROWS = {
    (
        "measure:ez-2016-diversity-week",
        "organisation:ez",
        "tg:people-indicated-under-the-participatiewet",
    ),
    (
        "measure:ez-2016-rie-arbeidsbeperking",
        "organisation:ez",
        "tg:people-with-a-work-disability",
    ),
    (
        "measure:ez-2016-selectie-trainees",
        "organisation:ez",
        "tg:people-with-a-work-disability",
    ),
    (
        "measure:fin-2016-bewustwording-inclusie-participatiewet",
        "organisation:fin",
        "tg:people-indicated-under-the-participatiewet",
    ),
    (
        "measure:fin-2016-contacten-uwv-sociale-werkbedrijven",
        "organisation:fin",
        "tg:people-indicated-under-the-participatiewet",
    ),
    (
        "measure:fin-2016-vergroten-aantal-medewerkers-participatiewet",
        "organisation:fin",
        "tg:people-indicated-under-the-participatiewet",
    ),
    (
        "measure:ienm-2016-voortzetting-inspanning-doelgroepen",
        "organisation:ienw",
        "tg:people-with-a-work-disability",
    ),
    (
        "measure:szw-2016-voorlichting-banenafspraak",
        "organisation:szw",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:szw-2016-voortzetting-inspanningen-doelgroepen",
        "organisation:szw",
        "tg:people-with-a-work-disability",
    ),
    # the annex: "De rijksbrede aanpak voor de doelgroep Banenafpraak ..."
    (
        "measure:rijk-banenafspraak-aanpak",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-banenafspraak-begeleidingsstructuur",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-banenafspraak-centrale-financiering",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-banenafspraak-inventarisatie-binnenwerk",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-banenafspraak-kwaliteit-duurzaamheid-banen",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-banenafspraak-social-return-netwerkorganisatie",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
    (
        "measure:rijk-monitoring-banenafspraken",
        "organisation:rijksoverheid",
        "tg:banenafspraak-target-group",
    ),
}


def test_measures_for_women():
    # every one names "vrouwen"
    found = set(rows("measures-by-target-group", group="vrouwen"))
    assert found == {(*row, "tgbasis:named") for row in WOMEN_ROWS}


WOMEN_ROWS = {
    ("measure:bz-2016-coaching-talentvolle-vrouwen", "organisation:bz", "tg:women"),
    ("measure:bz-2016-empowermentprogramma-talentvolle-vrouwen", "organisation:bz", "tg:women"),
    ("measure:bz-2016-mentorprogramma-talentvolle-vrouwen", "organisation:bz", "tg:women"),
    ("measure:defensie-2016-maatregelen-behoud-vrouwen", "organisation:defensie", "tg:women"),
    (
        "measure:defensie-2016-openstelling-militaire-functies-vrouwen",
        "organisation:defensie",
        "tg:women",
    ),
    ("measure:defensie-2016-wervingscampagne-vrouwen", "organisation:defensie", "tg:women"),
    ("measure:ez-2016-diversity-week", "organisation:ez", "tg:women"),
    ("measure:ienm-2016-voortzetting-inspanning-doelgroepen", "organisation:ienw", "tg:women"),
    ("measure:szw-2016-voortzetting-inspanningen-doelgroepen", "organisation:szw", "tg:women"),
}


def test_measures_for_transgender_persons_are_the_rijk_pilot():
    # annex: "o.a. via een pilot transitieverlof voor transgender personen binnen het Rijk"
    assert rows("measures-by-target-group", group="transgenders") == [
        (
            "measure:rijk-pilot-transitieverlof-transgender",
            "organisation:rijksoverheid",
            "tg:transgender-persons",
            "tgbasis:named",
        )
    ]


# 4. measures-by-instrument ----------------------------------------------------------------


def test_measures_using_training_include_workshops():
    assert set(rows("measures-by-instrument", instrument="training")) == {
        ("measure:az-2016-inhouse-workshops-bewustwording", "organisation:az", "instr:workshop"),
        ("measure:bz-2016-workshops-inclusieve-werkomgeving", "organisation:bz", "instr:workshop"),
        (
            "measure:bzk-2016-dialoogbijeenkomsten-en-workshops",
            "organisation:bzk",
            "instr:workshop",
        ),
        (
            "measure:bzk-2016-workshop-selecteren-zonder-vooroordelen",
            "organisation:bzk",
            "instr:workshop",
        ),
        ("measure:ez-2016-convenant-jinc", "organisation:ez", "instr:job-application-training"),
        (
            "measure:fin-2016-workshops-interculturele-communicatie",
            "organisation:fin",
            "instr:workshop",
        ),
        (
            "measure:fin-2016-workshops-selecteren-zonder-vooroordelen",
            "organisation:fin",
            "instr:workshop",
        ),
        ("measure:ocw-2016-training-inclusief-leiderschap", "organisation:ocw", "instr:training"),
        (
            "measure:ocw-2016-training-selecteren-zonder-vooroordelen",
            "organisation:ocw",
            "instr:training",
        ),
        # annex: "worden rijksbreed trainingen gegeven ter bewustwording van vooroordelen"
        ("measure:rijk-trainingen-vooroordelen", "organisation:rijksoverheid", "instr:training"),
        # SZW: "training voorkomen van vooroordelen voor managers/selectieteams"
        ("measure:szw-2016-training-voorkomen-vooroordelen", "organisation:szw", "instr:training"),
    }


def test_measures_using_mentoring_include_cross_mentoring():
    assert set(rows("measures-by-instrument", instrument="mentorprogramma")) == {
        (
            "measure:bz-2016-mentorprogramma-talentvolle-vrouwen",
            "organisation:bz",
            "instr:mentoring",
        ),
        # "Daartoe levert Defensie mentoren"
        (
            "measure:defensie-2016-samenwerking-giving-back",
            "organisation:defensie",
            "instr:mentoring",
        ),
        # annex: "na een pilot het cross mentoring programma doorontwikkeld"
        ("measure:rijk-cross-mentoring", "organisation:rijksoverheid", "instr:cross-mentoring"),
    }


# 5. ministry-target-group-matrix ----------------------------------------------------------

MATRIX = {  # ministry -> group -> (policies, measures) naming it
    # "talenten en sub-ABD groep"; implied: "inhousedagen met multiculturele netwerken"
    "az": {"ethnic-origin": (0, 1), "sub-abd-group": (1, 0), "talent": (1, 0)},
    "bz": {"talent": (1, 3), "women": (1, 3)},
    "bzk": {"bicultural-employees": (1, 1), "lhbti": (0, 3)},
    "defensie": {
        "age": (0, 1),  # implied: "tussen de 16 en 28 jaar"
        "ethnic-origin": (0, 1),
        "lhbti": (0, 1),
        "multicultural-students": (0, 1),
        "religion": (0, 1),
        "sex": (1, 1),  # "m/v diversiteit"; "gelijkheid van vrouwen en mannen"
        "women": (1, 3),
    },
    "ez": {
        # focus: "ongeacht leeftijd, sekse, geaardheid, etnische afkomst en arbeidsbeperking"
        "age": (1, 1),
        "employees-with-diverse-backgrounds": (0, 1),
        "ethnic-origin": (1, 0),
        "highly-educated-refugees": (0, 1),
        "lhbti": (0, 1),
        "people-indicated-under-the-participatiewet": (0, 1),
        "people-with-a-non-western-migration-background": (0, 1),
        "people-with-a-work-disability": (1, 2),
        "sex": (1, 1),
        "sexual-orientation": (1, 0),
        "students": (0, 1),
        "trainees": (0, 1),
        "vmbo-pupils": (0, 1),
        "women": (0, 1),
    },
    # implied by the headings "Culturele diversiteit:" and "Maatschappelijke diversiteit:"
    "fin": {"ethnic-origin": (1, 7), "people-indicated-under-the-participatiewet": (1, 3)},
    "ienw": {
        "bicultural-employees": (1, 4),
        "highly-educated-refugees": (0, 1),
        "interns": (0, 1),
        "lhbti": (1, 1),
        "older-employees": (1, 1),
        "people-with-a-work-disability": (1, 1),
        "trainees": (0, 1),
        "women": (1, 1),
        "young-employees": (1, 1),
    },
    "jenv": {"people-with-a-work-disability": (1, 0)},  # "arbeidsbeperkte medewerkers"
    "ocw": {
        "age": (1, 0),
        "bicultural-employees": (1, 3),
        "lhbti": (1, 0),
        "men": (1, 0),
        "people-with-a-work-disability": (1, 0),
        "women": (1, 0),
    },
    "szw": {
        "banenafspraak-target-group": (0, 1),
        "employees-with-diverse-backgrounds": (1, 0),
        "ethnic-origin": (1, 0),  # implied: "(culturele) diversiteit"
        "interns": (1, 1),
        "people-with-a-work-disability": (1, 1),
        "women": (1, 1),
    },
    "vws": {"employees-with-diverse-backgrounds": (1, 0)},  # "divers talent"
}


def test_ministry_target_group_matrix():
    found: dict = defaultdict(dict)
    for ministry, group, policies, measures in rows("ministry-target-group-matrix"):
        found[local(ministry)][local(group)] = (int(policies), int(measures))
    assert found == MATRIX


def test_ministry_target_group_matrix_of_named_groups_leaves_out_the_implied_ones():
    found: dict = defaultdict(dict)
    for ministry, group, policies, measures in rows("ministry-target-group-matrix", basis="named"):
        found[local(ministry)][local(group)] = (int(policies), int(measures))
    expected = {m: dict(groups) for m, groups in MATRIX.items()}
    for ministry, group in [
        ("az", "ethnic-origin"),
        ("defensie", "age"),
        ("ez", "lhbti"),
        ("fin", "ethnic-origin"),
        ("szw", "ethnic-origin"),
    ]:
        del expected[ministry][group]
    expected["ez"]["age"] = (1, 0)  # the diversity week's "generatiedialoog" is implied
    expected["fin"]["people-indicated-under-the-participatiewet"] = (0, 1)
    expected["ienw"]["bicultural-employees"] = (1, 3)  # the refugee pilot: speerpunt 1
    assert found == expected


# 6. instruments-by-ministry ---------------------------------------------------------------

INSTRUMENTS = {  # instrument -> ministry -> measures using it
    "awareness-raising": {"az": 1, "bzk": 2, "ez": 3, "fin": 1, "ienw": 4, "szw": 1, "vws": 1},
    "workshop": {"az": 1, "bz": 1, "bzk": 2, "fin": 2},
    "cooperation": {"fin": 1, "ocw": 1, "szw": 1},
    "dialogue-session": {"bzk": 1, "ez": 1, "szw": 1},
    "lunch-lecture": {"ienw": 1, "ocw": 1, "szw": 1},
    "ambassador": {"ienw": 1, "ocw": 1},
    "career-development": {"defensie": 1, "szw": 1},
    "communication": {"fin": 2, "ocw": 1},
    "consultation": {"ez": 1, "jenv": 1},
    "cooperation-agreement": {"defensie": 1, "ez": 1},  # Giving Back; "Convenant met JINC"
    "diversity-programme": {"jenv": 2, "vws": 1},
    "empowerment-programme": {"bz": 1, "szw": 2},
    "inventory": {"az": 1, "jenv": 1},
    "mentoring": {"bz": 1, "defensie": 1},
    "performance-review-cycle": {"bzk": 1, "fin": 1},
    "recruitment-and-selection": {"ez": 1, "vws": 1},
    "recruitment-channel": {"fin": 2, "szw": 1},
    "research": {"bzk": 1, "ocw": 1},
    "targeted-recruitment": {"bzk": 1, "ocw": 1},
    "theme-day": {"az": 1, "ez": 1},
    "training": {"ocw": 2, "szw": 1},
    "work-experience-placement": {"ez": 1, "ienw": 1},
    "agenda-setting": {"fin": 1},
    "ambassador-network": {"ienw": 1},
    "awareness-campaign": {"defensie": 1},
    "buddy-system": {"ocw": 1},
    "business-case": {"ienw": 1},
    "coaching": {"bz": 1},
    "digital-communication-channels": {"fin": 1},
    "employee-network": {"ez": 1},
    "employee-survey": {"defensie": 1},
    "evaluation": {"vws": 1},
    "event": {"bzk": 1},
    "flash-internship": {"ez": 1},
    "hr-advice": {"bz": 1},
    "inclusive-employment-conditions": {"defensie": 1},
    "information-provision": {"szw": 1},
    "internal-media": {"szw": 1},
    "intranet": {"ocw": 1},
    "job-application-training": {"ez": 1},
    "leadership-programme": {"bzk": 1},
    "learning-and-development": {"szw": 1},
    "meet-and-greet": {"ez": 1},
    "meeting": {"ocw": 1},
    "monitoring": {"bz": 1},
    "needs-assessment": {"bzk": 1},
    "open-lecture": {"fin": 1},
    "opening-of-positions": {"defensie": 1},
    "pay-analysis": {"ez": 1},
    "risk-inventory-and-evaluation": {"ez": 1},
    "role-modelling": {"fin": 1},
    "selection-procedure-review": {"az": 1},
    "sounding-board-group": {"ocw": 1},
    "team-building": {"szw": 1},
    "team-session": {"az": 1},
    "think-tank": {"ez": 1},
}


def test_instruments_across_ministries():
    found: dict = defaultdict(dict)
    for instrument, ministries, ministry, measures in rows("instruments-by-ministry"):
        found[local(instrument)][local(ministry)] = int(measures)
        assert int(ministries) == len(INSTRUMENTS[local(instrument)])
    assert found == INSTRUMENTS
    shared_by = [int(row[1]) for row in rows("instruments-by-ministry")]
    assert shared_by == sorted(shared_by, reverse=True)  # most shared first


# 7. partners ------------------------------------------------------------------------------


def test_partners_and_the_measures_they_work_in():
    assert set(rows("partners")) == {
        (
            "organisation:andere-werkgevers",
            "organisation:rijksoverheid",
            "measure:rijk-banenafspraak-aanpak",
        ),
        (
            "organisation:binnenwerk",
            "organisation:rijksoverheid",
            "measure:rijk-banenafspraak-inventarisatie-binnenwerk",
        ),
        (
            "organisation:bureau-ncdr",
            "organisation:rijksoverheid",
            "measure:rijk-overleg-externe-experts",
        ),
        ("organisation:ser", "organisation:rijksoverheid", "measure:rijk-overleg-externe-experts"),
        (
            "organisation:giving-back",
            "organisation:defensie",
            "measure:defensie-2016-samenwerking-giving-back",
        ),
        (
            "organisation:scp",
            "organisation:defensie",
            "measure:defensie-2016-onderzoek-scp-diversiteit-inclusiviteit",
        ),
        (
            "organisation:interdepartementaal-netwerk-diversiteit-inclusie",
            "organisation:rijksoverheid",
            "measure:rijk-interdepartementaal-netwerk",
        ),
        ("organisation:jinc", "organisation:ez", "measure:ez-2016-convenant-jinc"),
        (
            "organisation:stichting-socrates",
            "organisation:ez",
            "measure:ez-2016-brainbox-stichting-socrates",
        ),
        (
            "organisation:medewerkersnetwerken-venj",
            "organisation:jenv",
            "measure:venj-2016-overleg-medewerkersnetwerken",
        ),
        (
            "organisation:multiculturele-netwerken",
            "organisation:az",
            "measure:az-2016-inhousedagen-multiculturele-netwerken",
        ),
        (
            "organisation:netwerkorganisatie-social-return",
            "organisation:rijksoverheid",
            "measure:rijk-banenafspraak-social-return-netwerkorganisatie",
        ),
        (
            "organisation:rijk-medewerkersnetwerken",
            "organisation:rijksoverheid",
            "measure:rijk-steun-medewerkersnetwerken",
        ),
        (
            "organisation:sectoren-ocw",
            "organisation:ocw",
            "measure:ocw-2016-diversiteitsbijeenkomst-sectoren",
        ),
        (
            "organisation:sociale-werkbedrijven",
            "organisation:fin",
            "measure:fin-2016-contacten-uwv-sociale-werkbedrijven",
        ),
        (
            "organisation:uwv",
            "organisation:fin",
            "measure:fin-2016-contacten-uwv-sociale-werkbedrijven",
        ),
        (
            "organisation:workplace-pride",
            "organisation:rijksoverheid",
            "measure:rijk-benchmark-workplace-pride",
        ),
    }


# 8. targets-and-figures -------------------------------------------------------------------


def test_targets_and_reported_figures():
    assert set(rows("targets-and-figures")) == {
        # BZ: "ambitie dat in 2017 30% van de topfuncties met vrouwen is ingevuld en er een
        # kweekvijver is van 35% vrouwen in functieschaal 14" (no year for the second clause)
        (
            "target:bz-2016-vrouwen-topfuncties-2017",
            "dikg:Target",
            "organisation:bz",
            "30",
            "unit:PERCENT",
            "topfuncties",
            "tg:women",
            "2017",
            "policy:bz-2016-focus",
        ),
        (
            "target:bz-2016-kweekvijver-vrouwen-schaal-14",
            "dikg:Target",
            "organisation:bz",
            "35",
            "unit:PERCENT",
            "functieschaal 14",
            "tg:women",
            None,
            "policy:bz-2016-focus",
        ),
        # EZ: "17% v.d. instroom in sept 2016 is van niet westers allochtone afkomst en 1
        # medewerker met een arbeidsbeperking"
        (
            "figure:ez-2016-instroom-trainees-niet-westerse-migratieachtergrond",
            "dikg:ReportedFigure",
            "organisation:ez",
            "17",
            "unit:PERCENT",
            "instroom trainees september 2016",
            "tg:people-with-a-non-western-migration-background",
            "2016-09",
            "measure:ez-2016-selectie-trainees",
        ),
        (
            "figure:ez-2016-instroom-trainees-arbeidsbeperking",
            "dikg:ReportedFigure",
            "organisation:ez",
            "1",
            "unit:NUM",
            "instroom trainees september 2016",
            "tg:people-with-a-work-disability",
            "2016-09",
            "measure:ez-2016-selectie-trainees",
        ),
    }


# 9. measures-by-phase ---------------------------------------------------------------------


def test_measures_by_phase_outflow():
    assert set(rows("measures-by-phase", phase="uitstroom")) == {
        # BZ: "bij werving en selectie, doorstroom en uitstroom"
        (
            "phase:uitstroom",
            "measure:bz-2016-hr-partner-diversiteitsbewuste-keuzes",
            "organisation:bz",
        ),
        # annex: exit interviews, their guideline, the exit monitor, outflow data
        ("phase:uitstroom", "measure:rijk-exitgesprekken", "organisation:rijksoverheid"),
        ("phase:uitstroom", "measure:rijk-exitmonitor", "organisation:rijksoverheid"),
        (
            "phase:uitstroom",
            "measure:rijk-handreiking-exitgesprekken",
            "organisation:rijksoverheid",
        ),
        (
            "phase:uitstroom",
            "measure:rijk-uitstroomgegevens-jaarrapportage",
            "organisation:rijksoverheid",
        ),
    }


def test_measures_by_phase_retention():
    assert set(rows("measures-by-phase", phase="retention")) == {
        # "Werken aan maatregelen om vrouwen te behouden"
        (
            "phase:behoud",
            "measure:defensie-2016-maatregelen-behoud-vrouwen",
            "organisation:defensie",
        ),
        # "aanscherpen van kwaliteit en duurzaamheid van de banen, naast de focus op instroom"
        (
            "phase:behoud",
            "measure:rijk-banenafspraak-kwaliteit-duurzaamheid-banen",
            "organisation:rijksoverheid",
        ),
    }


def test_measures_by_phase_without_a_phase_lists_every_phase():
    per_phase = defaultdict(int)
    for phase, _, _ in rows("measures-by-phase"):
        per_phase[local(phase)] += 1
    assert dict(per_phase) == {
        "behoud": 2,
        "doorstroom": 9,
        "inclusie": 15,
        "instroom": 29,
        "uitstroom": 5,
    }


# 10. measures-with-partner ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("partner", "expected"),
    [
        ("JINC", {("measure:ez-2016-convenant-jinc", "organisation:ez")}),
        ("UWV", {("measure:fin-2016-contacten-uwv-sociale-werkbedrijven", "organisation:fin")}),
        (
            "SCP",
            {
                (
                    "measure:defensie-2016-onderzoek-scp-diversiteit-inclusiviteit",
                    "organisation:defensie",
                )
            },
        ),
        (
            "stichting Giving Back",
            {("measure:defensie-2016-samenwerking-giving-back", "organisation:defensie")},
        ),
        (
            "Sociaal-Economische Raad",
            {("measure:rijk-overleg-externe-experts", "organisation:rijksoverheid")},
        ),
        ("AZ", set()),  # a ministry, but nobody's partner
    ],
)
def test_measures_with_a_partner(partner, expected):
    assert set(rows("measures-with-partner", partner=partner)) == expected


# 11. charter-signatories ------------------------------------------------------------------


def test_signatories_of_the_charter_with_tooi_identifiers_and_2016_names():
    assert set(rows("charter-signatories")) == {
        ("charter:charter-diversiteit", "organisation:az", "AZ", "tooi:mnre1010", None),
        ("charter:charter-diversiteit", "organisation:bz", "BZ", "tooi:mnre1013", None),
        ("charter:charter-diversiteit", "organisation:bzk", "BZK", "tooi:mnre1034", None),
        ("charter:charter-diversiteit", "organisation:defensie", None, "tooi:mnre1018", None),
        (
            "charter:charter-diversiteit",
            "organisation:ez",
            "EZ",
            "tooi:mnre1045",
            "orgversion:ez-until-2017",
        ),
        ("charter:charter-diversiteit", "organisation:fin", "Fin", "tooi:mnre1090", None),
        (
            "charter:charter-diversiteit",
            "organisation:ienw",
            "IenW",
            "tooi:mnre1130",
            "orgversion:ienm-2010-2017",
        ),
        (
            "charter:charter-diversiteit",
            "organisation:jenv",
            "JenV",
            "tooi:mnre1058",
            "orgversion:venj-2010-2017",
        ),
        ("charter:charter-diversiteit", "organisation:ocw", "OCW", "tooi:mnre1109", None),
        ("charter:charter-diversiteit", "organisation:szw", "SZW", "tooi:mnre1073", None),
        ("charter:charter-diversiteit", "organisation:vws", "VWS", "tooi:mnre1025", None),
    }
    assert rows("charter-signatories", charter="charter:charter-diversiteit") == rows(
        "charter-signatories"
    )


# 12. ministry-focus -----------------------------------------------------------------------


def test_each_ministry_has_one_focus_statement_in_dutch():
    found = rows("ministry-focus")
    assert {row[0] for row in found} == MINISTRIES
    assert {row[1] for row in found} == {
        f"policy:{m}-2016-focus"
        for m in ("az", "bz", "bzk", "defensie", "ez", "fin", "ienm", "ocw", "szw", "venj", "vws")
    }
    named_as = {row[1]: row[3] for row in found if row[3]}
    assert named_as == {
        "policy:ez-2016-focus": "orgversion:ez-until-2017",
        "policy:ienm-2016-focus": "orgversion:ienm-2010-2017",
        "policy:venj-2016-focus": "orgversion:venj-2010-2017",
    }
    statements = {row[1]: row[2] for row in found}
    assert statements["policy:bzk-2016-focus"].startswith("BZK wil de diversiteit vergroten")
    assert "biculturele medewerkers" in statements["policy:bzk-2016-focus"]


def test_focus_of_one_ministry_by_its_former_abbreviation():
    (row,) = rows("ministry-focus", ministry="VenJ")
    assert row[:2] == ("organisation:jenv", "policy:venj-2016-focus")


# 13. evidence -----------------------------------------------------------------------------


def test_evidence_for_a_policy():
    source = "document:charter-diversiteit-2016-focus-ondertekenaars"
    assert set(rows("evidence", resource="policy:bz-2016-focus")) == {
        ("BZ heeft specifieke aandacht voor de doorstroom van talentvolle vrouwen", source),
        (
            "Voor vrouwen geldt ambitie dat in 2017 30% van de topfuncties met vrouwen is "
            "ingevuld en er een kweekvijver is van 35% vrouwen in functieschaal 14.",
            source,
        ),
    }


def test_evidence_for_an_annex_measure():
    assert rows("evidence", resource=f"{ID}measure/rijk-pilot-transitieverlof-transgender") == [
        (
            "o.a. via een pilot transitieverlof voor transgender personen binnen het Rijk.",
            "document:bijlage-maatregelen-diversiteit-inclusiebeleid-rijk",
        )
    ]


def test_evidence_for_an_unknown_resource_is_empty():
    assert rows("evidence", resource="measure:no-such-measure") == []


# 14. target-groups-not-named --------------------------------------------------------------


def test_target_groups_ocw_does_not_name():
    assert {(local(g), int(n)) for g, n in rows("target-groups-not-named", ministry="OCW")} == {
        ("employees-with-diverse-backgrounds", 3),  # EZ, SZW, VWS
        # AZ, Financiën and SZW imply it ("multiculturele netwerken", "Culturele diversiteit:",
        # "(culturele) diversiteit"); Defensie "etniciteit", EZ "etnische afkomst"
        ("ethnic-origin", 5),
        ("highly-educated-refugees", 2),
        ("interns", 2),
        ("people-indicated-under-the-participatiewet", 2),
        ("talent", 2),
        ("trainees", 2),
        ("banenafspraak-target-group", 1),
        ("multicultural-students", 1),
        ("older-employees", 1),
        ("people-with-a-non-western-migration-background", 1),
        ("religion", 1),
        ("sex", 2),  # EZ "sekse", Defensie "m/v diversiteit"
        ("sexual-orientation", 1),
        ("students", 1),
        ("sub-abd-group", 1),
        ("vmbo-pupils", 1),
        ("young-employees", 1),
        # named only in the annex, by the Rijk as a whole
        ("people-with-a-disability", 0),
        ("transgender-persons", 0),
        ("underrepresented-groups", 0),
    }


def test_target_groups_az_does_not_name():
    # AZ names only "talenten en sub-ABD groep" and implies ethnic origin ("multiculturele
    # netwerken"); every other group tagged anywhere is listed
    found = [(local(g), int(n)) for g, n in rows("target-groups-not-named", ministry="AZ")]
    assert found[:3] == [("women", 6), ("lhbti", 5), ("people-with-a-work-disability", 5)]
    everything = GROUPS_BOTH | GROUPS_ANNEX_ONLY | GROUPS_2016_ONLY
    assert {g for g, _ in found} == everything - {"talent", "sub-abd-group", "ethnic-origin"}
    assert len(found) == len(everything) - 3


# 15. charter-2016-versus-rijk-annex -------------------------------------------------------

GROUPS_BOTH = {
    "banenafspraak-target-group",
    "employees-with-diverse-backgrounds",
    "ethnic-origin",
    "lhbti",  # the annex implies it through the benchmark Workplace Pride
}
GROUPS_ANNEX_ONLY = {"people-with-a-disability", "transgender-persons", "underrepresented-groups"}
GROUPS_2016_ONLY = {
    "age",
    "bicultural-employees",
    "highly-educated-refugees",
    "interns",
    "men",
    "multicultural-students",
    "older-employees",
    "people-indicated-under-the-participatiewet",
    "people-with-a-non-western-migration-background",
    "people-with-a-work-disability",
    "religion",
    "sex",
    "sexual-orientation",
    "students",
    "sub-abd-group",
    "talent",
    "trainees",
    "vmbo-pupils",
    "women",
    "young-employees",
}
INSTRUMENTS_BOTH = {
    "awareness-raising",
    "communication",
    "consultation",
    "cooperation",
    "dialogue-session",
    "employee-network",
    "employee-survey",
    "evaluation",
    "inclusive-employment-conditions",
    "inventory",
    "leadership-programme",
    "learning-and-development",
    "monitoring",
    "research",
    "theme-day",
    "training",
}
INSTRUMENTS_ANNEX_ONLY = {
    "accessibility-adjustments",
    "accessible-accommodation",
    "accessible-ict",
    "benchmark",
    "broad-recruitment-and-objective-selection",
    "central-funding",
    "collective-placement",
    "cross-mentoring",
    "diversity-figures",
    "exit-interview",
    "exit-monitor",
    "guideline",
    "hr-instruments",
    "individual-placement",
    "inspiration-session",
    "interdepartmental-network",
    "job-requirements-in-vacancy-texts",
    "knowledge-sharing",
    "reporting",
    "selection-committee-composition",
    "social-return",
    "structured-interview",
    "supervision-structure",
    "talent-development-programme",
    "transition-leave",
}


def test_2016_charter_versus_rijk_annex():
    found: dict = defaultdict(set)
    for prop, concept, in_2016, in_annex in rows("charter-2016-versus-rijk-annex"):
        found[(local(prop), in_2016, in_annex)].add(local(concept))
    assert found[("targetGroup", "true", "true")] == GROUPS_BOTH
    assert found[("targetGroup", "false", "true")] == GROUPS_ANNEX_ONLY
    assert found[("targetGroup", "true", "false")] == GROUPS_2016_ONLY
    assert found[("instrument", "true", "true")] == INSTRUMENTS_BOTH
    assert found[("instrument", "false", "true")] == INSTRUMENTS_ANNEX_ONLY
    instruments_2016 = set(INSTRUMENTS) - INSTRUMENTS_BOTH
    # every instrument a ministry's 2016 measure uses and the annex does not
    assert found[("instrument", "true", "false")] == instruments_2016
    assert len(found) == 6


# 16. measures-by-audience -----------------------------------------------------------------


def test_measures_for_managers_include_narrower_audiences():
    assert set(rows("measures-by-audience", audience="leidinggevenden")) == {
        (
            "measure:bz-2016-hr-partner-diversiteitsbewuste-keuzes",
            "organisation:bz",
            "aud:managers",
        ),
        # "MT's, leidinggevenden, selecteurs en HR partners kunnen ... workshops volgen"
        (
            "measure:bz-2016-workshops-inclusieve-werkomgeving",
            "organisation:bz",
            "aud:management-teams",
        ),
        ("measure:bz-2016-workshops-inclusieve-werkomgeving", "organisation:bz", "aud:managers"),
        (
            "measure:bzk-2016-diversiteit-in-leiderschapsprogramma",
            "organisation:bzk",
            "aud:managers",
        ),
        ("measure:bzk-2016-gesprekscyclus-inzet-diverse-teams", "organisation:bzk", "aud:managers"),
        (
            "measure:bzk-2016-workshop-selecteren-zonder-vooroordelen",
            "organisation:bzk",
            "aud:managers",
        ),
        ("measure:fin-2016-voorbeeldgedrag-leidinggevenden", "organisation:fin", "aud:managers"),
        # "benoemen ambassadeur Diversiteit en Inclusie in de Bestuursraad"
        ("measure:ienm-2016-ambassadeur-bestuursraad", "organisation:ienw", "aud:executive-board"),
        # annex: "Het leer- en ontwikkelingsaanbod voor ambtenaren en leidinggevenden"
        (
            "measure:rijk-leeraanbod-publiek-leiderschap",
            "organisation:rijksoverheid",
            "aud:managers",
        ),
        (
            "measure:szw-2016-empowerment-managers-en-medewerkers",
            "organisation:szw",
            "aud:managers",
        ),
        ("measure:szw-2016-training-voorkomen-vooroordelen", "organisation:szw", "aud:managers"),
        ("measure:szw-2016-voorlichting-banenafspraak", "organisation:szw", "aud:managers"),
    }


def test_measures_for_hr_staff():
    assert set(rows("measures-by-audience", audience="P&O-medewerkers")) == {
        (
            "measure:bz-2016-hr-partner-bewaakt-kwantitatieve-doelstelling",
            "organisation:bz",
            "aud:hr-staff",
        ),
        (
            "measure:bz-2016-hr-partner-diversiteitsbewuste-keuzes",
            "organisation:bz",
            "aud:hr-staff",
        ),
        ("measure:bz-2016-workshops-inclusieve-werkomgeving", "organisation:bz", "aud:hr-staff"),
        (
            "measure:bzk-2016-workshop-selecteren-zonder-vooroordelen",
            "organisation:bzk",
            "aud:hr-staff",
        ),
    }


# 17. cited-documents ----------------------------------------------------------------------


def test_cited_documents_and_the_measures_that_cite_them():
    rijk = "organisation:rijksoverheid"
    assert set(rows("cited-documents")) == {
        # "Ook worden uitstroomgegevens gerapporteerd in de Jaarrapportage Bedrijfsvoering Rijk"
        (
            "document:jaarrapportage-bedrijfsvoering-rijk",
            "measure:rijk-uitstroomgegevens-jaarrapportage",
            rijk,
        ),
        # the renewed focus of 2023: "Hierover is de Kamer geïnformeerd in de Kamerbrief"
        (
            "document:kamerbrief-voortgang-banenafspraken-rijk-2023-12-20",
            "measure:rijk-banenafspraak-begeleidingsstructuur",
            rijk,
        ),
        (
            "document:kamerbrief-voortgang-banenafspraken-rijk-2023-12-20",
            "measure:rijk-banenafspraak-inventarisatie-binnenwerk",
            rijk,
        ),
        (
            "document:kamerbrief-voortgang-banenafspraken-rijk-2023-12-20",
            "measure:rijk-banenafspraak-kwaliteit-duurzaamheid-banen",
            rijk,
        ),
        # "De inzet op deze maatregelen sluit aan bij de motie Chakor"
        ("document:motie-chakor-30950-405", "measure:rijk-breed-werven-objectief-selecteren", rijk),
        ("document:motie-chakor-30950-405", "measure:rijk-trainingen-vooroordelen", rijk),
        (
            "document:rijksbrede-visie-publiek-leiderschap",
            "measure:rijk-leeraanbod-publiek-leiderschap",
            rijk,
        ),
        (
            "document:vn-verdrag-rechten-personen-met-een-handicap",
            "measure:rijk-vn-verdrag-toegankelijke-werkomgeving",
            rijk,
        ),
    }


# 18. measures-in-time ---------------------------------------------------------------------

# (when, start, end, agreed, reported, priority, measure, actor)
DATED = [
    # Defensie: "In 2015-2016 wordt een defensiebreed onderzoek ... uitgevoerd door SCP
    # ... (uitkomsten in jan. 2017 aan TK aangeboden ...)"
    (
        "2015",
        "2015",
        "2016",
        None,
        "2017-01",
        None,
        "measure:defensie-2016-onderzoek-scp-diversiteit-inclusiviteit",
        "organisation:defensie",
    ),
    # Financiën: "... blijft een van de belangrijkste beleidsaandachtspunten vanaf 2016"
    (
        "2016",
        None,
        None,
        None,
        None,
        "2016",
        "measure:fin-2016-vergroten-aantal-medewerkers-participatiewet",
        "organisation:fin",
    ),
    # VenJ: "In tweede helft van 2016 worden diverse data verzameld en zal met de
    # medewerkers-netwerken ... overleg worden gevoerd"; "in 2016 een diversiteitsprogramma
    # vormgegeven"; "eind 2016 een diversiteit-/inclusiviteitsprogramma 2017 e.v."
    (
        "2016",
        "2016",
        None,
        None,
        None,
        None,
        "measure:venj-2016-dataverzameling",
        "organisation:jenv",
    ),
    (
        "2016",
        "2016",
        None,
        None,
        None,
        None,
        "measure:venj-2016-overleg-medewerkersnetwerken",
        "organisation:jenv",
    ),
    (
        "2016",
        "2016",
        "2016",
        None,
        None,
        None,
        "measure:venj-2016-vormgeven-diversiteitsprogramma",
        "organisation:jenv",
    ),
    (
        "2016-05",
        "2016-05",
        None,
        None,
        None,
        None,
        "measure:defensie-2016-wervingscampagne-vrouwen",
        "organisation:defensie",
    ),
    (
        "2016-10-04",
        "2016-10-04",
        None,
        None,
        None,
        None,
        "measure:defensie-2016-samenwerking-giving-back",
        "organisation:defensie",
    ),
    (
        "2017",
        "2017",
        None,
        None,
        None,
        None,
        "measure:venj-2016-diversiteitsprogramma-2017",
        "organisation:jenv",
    ),
    # annex: "In 2022 zijn extra maatregelen afgesproken in de vorm van ... centrale
    # financiering ... en extra inspanningen op het gebied van Social Return"
    *(
        ("2022", None, None, "2022", None, None, f"measure:rijk-banenafspraak-{m}", RIJK)
        for m in ("centrale-financiering", "social-return-netwerkorganisatie")
    ),
    # "Ook is in 2023 een hernieuwde focus afgesproken ... Hierover is de Kamer geïnformeerd in
    # de Kamerbrief van 20 december 2023"
    *(
        ("2023", None, None, "2023", "2023-12-20", None, f"measure:rijk-banenafspraak-{m}", RIJK)
        for m in (
            "begeleidingsstructuur",
            "inventarisatie-binnenwerk",
            "kwaliteit-duurzaamheid-banen",
        )
    ),
]


def test_dated_measures_in_time_order():
    assert rows("measures-in-time") == DATED


def test_dated_measures_between_years():
    assert rows("measures-in-time", since="2016", until="2016") == DATED[1:7]
    assert rows("measures-in-time", since="2017", until="2017") == DATED[7:8]
    assert rows("measures-in-time", until="2015") == DATED[:1]
    assert rows("measures-in-time", since="2022") == DATED[8:]
    assert rows("measures-in-time", since="2024") == []


def test_timeline_holds_every_dated_statement_with_the_status_as_of_its_source():
    found = rows("timeline")
    events = {}
    for date, event, resource, _actor, _status, *_ in found:
        events.setdefault(local(event), set()).add((date, resource))
    # the annex's agreements, which measures-in-time before issue 11 did not show
    assert ("2022", "measure:rijk-banenafspraak-centrale-financiering") in events["agreedDate"]
    assert ("2023-12-20", "measure:rijk-banenafspraak-begeleidingsstructuur") in events[
        "reportedDate"
    ]
    # targets, figures and documents are dated too
    assert events["deadline"] == {("2017", "target:bz-2016-vrouwen-topfuncties-2017")}
    assert {d for d, _ in events["referenceDate"]} == {"2016-09"}
    assert events["issued"] == {
        ("2023-12-20", "document:kamerbrief-voortgang-banenafspraken-rijk-2023-12-20")
    }
    assert events["earliestDate"] == {
        ("2016", "document:charter-diversiteit-2016-focus-ondertekenaars"),
        ("2023-12-20", "document:bijlage-maatregelen-diversiteit-inclusiebeleid-rijk"),
    }
    assert events["latestDate"] == {
        ("2016", "document:charter-diversiteit-2016-focus-ondertekenaars")
    }
    # every measure of measures-in-time is on the timeline
    assert {row[6] for row in DATED} <= {row[2] for row in found}
    # the status of a 2016 measure holds as of 2016, of an annex measure as of 2023-12-20 on
    campaign = [r for r in found if r[2] == "measure:defensie-2016-wervingscampagne-vrouwen"]
    assert campaign == [
        (
            "2016-05",
            "dikg:startDate",
            "measure:defensie-2016-wervingscampagne-vrouwen",
            "organisation:defensie",
            "status:planned",
            "2016",
            "2016",
        )
    ]
    funding = [r for r in found if r[2] == "measure:rijk-banenafspraak-centrale-financiering"]
    assert [r[4:] for r in funding] == [("status:agreed", "2023-12-20", None)]
    assert [r[0] for r in found] == sorted(r[0] for r in found)
    assert len(found) == 27


# 19. ministry-names -----------------------------------------------------------------------


def test_names_of_the_ministries_over_time():
    found = rows("ministry-names")
    assert {row[0] for row in found} == MINISTRIES
    former = [row for row in found if row[1].startswith("orgversion:")]
    assert former == [
        ("organisation:ez", "orgversion:ez-until-2017", "EZ", None, "2017-12-31", None),
        (
            "organisation:ienw",
            "orgversion:ienm-2010-2017",
            "IenM",
            "2010-10-14",
            "2017-12-31",
            "tooi:hv_06784634",
        ),
        (
            "organisation:jenv",
            "orgversion:venj-2010-2017",
            "VenJ",
            "2010-12-01",
            "2017-12-31",
            "tooi:hv_04795600",
        ),
    ]
    assert len(found) == 14


def test_names_of_one_ministry_former_first():
    assert rows("ministry-names", ministry="Infrastructuur en Milieu") == [
        (
            "organisation:ienw",
            "orgversion:ienm-2010-2017",
            "IenM",
            "2010-10-14",
            "2017-12-31",
            "tooi:hv_06784634",
        ),
        ("organisation:ienw", "organisation:ienw", "IenW", None, None, "tooi:mnre1130"),
    ]


# 20. measures-without-target --------------------------------------------------------------


def test_measures_without_a_target_are_all_but_bz_s():
    # the only targets are BZ's (on its focus), so every measure of BZ is tied to one
    without = column("measures-without-target", "measure")
    assert len(without) == 107 - 6
    assert not {m for m in without if m.startswith("measure:bz-2016-")}
    assert rows("measures-without-target", ministry="BZ") == []
    # a reported figure is not a target: EZ's trainee selection stays in
    assert "measure:ez-2016-selectie-trainees" in without
    # the Rijk-wide measures, DGABD's among them (a unit of the Rijksoverheid)
    rijk = rows("measures-without-target", ministry="Rijksoverheid")
    assert len(rijk) == 30
    assert ("measure:rijk-inclusief-leiderschap-abd", "organisation:dgabd") in rijk


# 21. text-search --------------------------------------------------------------------------


def test_text_search_over_labels_and_descriptions():
    found = set(rows("text-search", text="Giving Back"))
    assert {(r, p) for r, p, _ in found} == {
        ("measure:defensie-2016-samenwerking-giving-back", "dcterms:description"),
        ("measure:defensie-2016-samenwerking-giving-back", "rdfs:label"),
        ("organisation:giving-back", "rdfs:label"),
    }
    assert ("organisation:giving-back", "rdfs:label", "stichting Giving Back") in found


def test_text_search_ignores_case():
    assert rows("text-search", text="GIVING BACK") == rows("text-search", text="giving back")


def test_text_search_finds_concepts_by_alternative_label():
    found = rows("text-search", text="Brainbox")
    assert ("instr:think-tank", "skos:altLabel", "Brainbox") in found


# 22. dataset-statistics -------------------------------------------------------------------


def test_dataset_statistics_counts_the_graph():
    counts = {row[0]: int(row[2]) for row in rows("dataset-statistics")}
    assert counts["dikg:Measure"] == 107  # 77 from the 2016 table, 30 from the annex
    assert counts["dikg:Policy"] == 12  # eleven ministries' focus and the Rijk's
    assert counts["dikg:Ministry"] == 11
    assert counts["dikg:Target"] == 2
    assert counts["dikg:ReportedFigure"] == 2
    assert counts["dikg:Charter"] == 1
    assert counts["dikg:Document"] == 7  # 2 sources and 5 documents the annex cites
    assert counts["tooiont:HistorischeVersie"] == 3  # IenM, VenJ, EZ as the 2016 text names them


# 24. measures-by-career-level -------------------------------------------------------------


def test_measures_aimed_at_senior_levels():
    found = set(rows("measures-by-career-level"))  # default: senior levels
    assert found == {
        # AZ: "(sub)top managers" (aim 1) and "sub-ABD groep" (aim 2)
        ("policy:az-2016-focus", "dikg:Policy", "organisation:az", "level:sub-abd", None, None),
        ("policy:az-2016-focus", "dikg:Policy", "organisation:az", "level:sub-top", None, None),
        ("policy:az-2016-focus", "dikg:Policy", "organisation:az", "level:top", None, None),
        # BZ: "30% van de topfuncties"
        (
            "target:bz-2016-vrouwen-topfuncties-2017",
            "dikg:Target",
            "organisation:bz",
            "level:top",
            None,
            None,
        ),
        # annex: DGABD's programmes "voor schaal 15 en hoger"
        (
            "measure:rijk-inclusief-leiderschap-abd",
            "dikg:Measure",
            "organisation:dgabd",
            "level:abd",
            "15",
            None,
        ),
        # IenM: "vrouwen naar de top"; "biculturele managers > schaal 14 en op ABD- niveau"
        ("policy:ienm-2016-focus", "dikg:Policy", "organisation:ienw", "level:top", None, None),
        (
            "measure:ienm-2016-instroom-biculturele-managers",
            "dikg:Measure",
            "organisation:ienw",
            "level:abd",
            "15",
            None,
        ),
        (
            "measure:ienm-2016-voortzetting-inspanning-doelgroepen",
            "dikg:Measure",
            "organisation:ienw",
            "level:top",
            None,
            None,
        ),
        # SZW: "vrouwen in de MD-groep"
        ("policy:szw-2016-focus", "dikg:Policy", "organisation:szw", "level:md-group", None, None),
        (
            "measure:szw-2016-voortzetting-inspanningen-doelgroepen",
            "dikg:Measure",
            "organisation:szw",
            "level:md-group",
            None,
            None,
        ),
    }
    assert rows("measures-by-career-level", level="senior levels") == rows(
        "measures-by-career-level"
    )
    assert column("measures-by-career-level", "resource", level="ABD") == {
        "measure:rijk-inclusief-leiderschap-abd",
        "measure:ienm-2016-instroom-biculturele-managers",
    }

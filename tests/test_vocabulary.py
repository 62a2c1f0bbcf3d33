"""The one name resolver (dikg.queries.vocabulary): the same lookup for `dikg query` and
`dikg new`, each worded as that command always worded it."""

from __future__ import annotations

import pytest

from dikg.errors import InputError
from dikg.queries.vocabulary import FORM_WORDING, PARAMETER_WORDING, Vocabulary

ID = "https://w3id.org/dikg/id/target-group/"


def vocabulary(wording) -> Vocabulary:
    names = Vocabulary("concept of target-groups", wording=wording)
    for word, slug in [("vrouwen", "women"), ("LHBTI", "lhbti"), ("man/vrouw", "sex")]:
        names.add(word, ID + slug)
        names.add(slug, ID + slug)
    names.add("gedeeld", ID + "women")
    names.add("gedeeld", ID + "sex")
    return names


def error(wording, name: str, value: str) -> InputError:
    with pytest.raises(InputError) as caught:
        vocabulary(wording).resolve(name, value)
    return caught.value


def test_both_commands_find_the_same_resource() -> None:
    for wording in (PARAMETER_WORDING, FORM_WORDING):
        assert vocabulary(wording).resolve("group", " Vrouwen ") == ID + "women"


def test_a_parameter_and_a_form_field_word_an_unknown_name_each_their_way() -> None:
    query = error(PARAMETER_WORDING, "group", "vrouw")
    assert query.message == "parameter group: no concept of target-groups is called 'vrouw'"
    assert query.hint == "did you mean: vrouwen (women); man/vrouw (sex)?"
    form = error(FORM_WORDING, "target_groups", "vrouw")
    assert form.message == "target_groups: no concept of target-groups is called 'vrouw'"
    assert form.hint == "did you mean: vrouwen (women); man/vrouw (sex)?"


def test_nothing_close_gives_examples_only_to_a_parameter() -> None:
    assert error(PARAMETER_WORDING, "group", "xyz").hint.startswith("give an IRI or a label")
    assert error(FORM_WORDING, "target_groups", "xyz").hint is None


def test_an_ambiguous_name_is_worded_each_way() -> None:
    both = f"{ID}sex, {ID}women"
    query = error(PARAMETER_WORDING, "group", "gedeeld")
    assert query.message == f"parameter group: 'gedeeld' is ambiguous; it names {both}"
    assert query.hint == "give the IRI instead"
    form = error(FORM_WORDING, "target_groups", "gedeeld")
    assert form.message == f"target_groups: 'gedeeld' is ambiguous: it names {both}"
    assert form.hint == "use the slug (the last part of the IRI) instead"

"""The package's own wording: both languages complete, vocabulary labels from the caller."""

from __future__ import annotations

from meldpunt.cases.referral import vocabulary_labels
from meldpunt.cases.referral.wording import Wording, label_table
from meldpunt.vocab import concepts


def test_dutch_and_english_have_the_same_labels() -> None:
    table = label_table()
    assert set(table) == {"nl", "en"}
    assert set(table["nl"]) == set(table["en"])
    assert all(text.strip() for language in table.values() for text in language.values())


def test_vocabulary_labels_name_each_term_with_its_vocabulary() -> None:
    labels = vocabulary_labels(str.upper)
    assert labels["tactics.other"] == concepts()["tactics"].get("other").label.upper()
    assert labels["identifier_kinds.phone"] == concepts()["identifier_kinds"].get("phone").label.upper()
    assert len(labels) == sum(len(vocabulary.terms) for vocabulary in concepts().values())


def test_a_term_the_caller_did_not_translate_falls_back_to_english_then_to_its_id() -> None:
    say = Wording("nl", {"urgency.immediate": "Nu in gevaar"})
    assert say.term("urgency", "immediate") == "Nu in gevaar"
    assert say.term("urgency", "not_urgent") == concepts()["urgency"].get("not_urgent").label
    assert say.term("urgency", "retired_term") == "retired_term"
    assert say.term("no_such_vocabulary", "x") == "x"
    assert say.term("urgency", "") == ""


def test_values_are_written_in_the_package_language() -> None:
    dutch, english = Wording("nl", {}), Wording("en", {})
    assert dutch.country("CN") == "China (CN)"
    assert dutch.country("NL") == "Nederland (NL)"
    assert english.language_name("zh-hant") == "Chinese (Traditional) (zh-hant)"
    assert dutch.language_name("ug") == "Oeigoers (ug)"
    assert english.language_name("not a language!") == "not a language!"
    assert dutch.size(1234567) == "1.234.567 bytes"
    assert english.size(1234567) == "1,234,567 bytes"
    assert dutch.yes_no(True) == "Ja"

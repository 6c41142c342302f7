from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import meldpunt
from meldpunt.api.api import api
from meldpunt.intake.attachments import REJECTION_CODES
from meldpunt.intake.messages import ATTACHMENT_MESSAGES
from meldpunt.vocab import concept, concepts
from meldpunt.vocab.catalog import GENERATED, translation_source

LOCALE = Path(meldpunt.__file__).parent / "locale"
CATALOG_LANGUAGES = ["nl", "zh_Hans", "zh_Hant", "ug"]


def test_design_vocabularies_are_all_there() -> None:
    assert set(concepts()) >= {
        "tactics",
        "identifier_kinds",
        "case_statuses",
        "communities",
        "reporter_roles",
        "media",
        "demands",
        "actor_types",
        "target_profiles",
        "reported_elsewhere",
        "urgency",
        "verification",
    }
    assert "coercion_by_proxy" in concept("tactics")
    assert concept("identifier_kinds").ids()[-1] == "vehicle_plate"


def test_every_status_transition_names_a_known_status() -> None:
    statuses = concept("case_statuses")
    for term in statuses.terms:
        assert set(term.extra["next"]) <= set(statuses.ids()), term.id


def test_community_origin_states_are_iso_codes() -> None:
    from meldpunt.intake.countries import is_country

    for term in concept("communities").terms:
        assert term.id == "other" or is_country(term.extra["origin_state"]), term.id


def test_generated_label_file_matches_the_yaml() -> None:
    assert GENERATED.read_text(encoding="utf-8") == translation_source(), (
        "run `python -m meldpunt.vocab.catalog` after changing a vocabulary"
    )


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_catalog_translates_every_label_and_is_compiled(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as handle:
        catalog = read_po(handle)
    compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))
    untranslated = [m.id for m in catalog if m.id and not m.string]
    assert untranslated == []
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []
    for vocabulary in concepts().values():
        for label in [*vocabulary.groups.values(), *(t.label for t in vocabulary.terms)]:
            assert catalog.get(label) is not None, f"{label!r} missing from {language} (run make messages)"
    stale = [m.id for m in catalog if isinstance(m.id, str) and m.id and compiled.gettext(m.id) != m.string]
    assert stale == [], "django.mo is older than django.po: run make messages"


def test_every_attachment_rejection_has_a_message() -> None:
    assert set(ATTACHMENT_MESSAGES) == set(REJECTION_CODES)


def test_openapi_enums_follow_the_vocabularies() -> None:
    schema = api.get_openapi_schema()
    text = str(schema)
    for name in ("tactics", "identifier_kinds", "media", "urgency"):
        for term_id in concept(name).ids():
            assert f"'{term_id}'" in text, (name, term_id)

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.ingest import dates, entities, language, quantities
from meldpunt.ingest.pipeline import extract_text

NEWS_EN = (
    "Dutch Minister of Foreign Affairs Wopke Hoekstra said on October 25, 2022 that two illegal police stations "
    "in Amsterdam had closed. Safeguard Defenders, a human rights watchdog organization, counted 230,000 suspects."
)
NEWS_NL = "De Spaanse NGO Safeguard Defenders telde begin september 2022 ten minste 102 stations in 53 landen."


def test_language() -> None:
    assert language.detect(NEWS_EN) == "en"
    assert language.detect(NEWS_NL) == "nl"


def test_dates_at_their_precision_and_relative_to_the_document() -> None:
    text = (
        "Op 2 november 2022 kwam het bericht, begin september 2022 het signaal, op 31 oktober het gesprek; sinds 2018."
    )
    assert [(d.value, d.text) for d in dates.find(text)] == [
        ("2022-11-02", "2 november 2022"),
        ("2022-09", "begin september 2022"),
        ("2022-10-31", "31 oktober"),
        ("2018", "2018"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline places days and weeks
        (
            "Published 3 May 2023\nThe embassy said yesterday, and last week, that last month was quiet.",
            [
                ("2023-05-03", "3 May 2023"),
                ("2023-05-02", "yesterday"),
                ("2023-W17", "last week"),
                ("2023-04", "last month"),
            ],
        ),
        (
            "Datum 2 november 2022\nGisteren en vorige maand; afgelopen dinsdag, op maandag 31 oktober.",
            [
                ("2022-11-02", "2 november 2022"),
                ("2022-11-01", "Gisteren"),
                ("2022-10", "vorige maand"),
                ("2022-11-01", "afgelopen dinsdag"),
                ("2022-10-31", "31 oktober"),
            ],
        ),
        # without a dateline the latest full date places months and years, never days
        (
            "Er gebeurde veel. " * 15 + "Op 5 mei 2023 sloot het bureau; vorig jaar en gisteren niet.",
            [("2023-05-05", "5 mei 2023"), ("2022", "vorig jaar")],
        ),
        ("Last month and yesterday, said nobody.", []),
    ],
)
def test_relative_dates_against_the_documents_own_date(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.value, d.text) for d in dates.find(text)] == expected


def test_quantities_in_digits_and_words() -> None:
    found = {(q.value, q.unit) for q in quantities.find(NEWS_EN + " " + NEWS_NL)}
    assert found == {(2, "station"), (230000, "person"), (102, "station"), (53, "country")}


def test_entities() -> None:
    found = {(e.type, e.name) for e in entities.find(NEWS_EN + "\n" + NEWS_NL)}
    assert {("person", "Wopke Hoekstra"), ("place", "Amsterdam"), ("organisation", "Safeguard Defenders")} <= found


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("Vraag 1 Antwoord\n\r 2 en 3 Rotterdam NGO CCP 31 oktober 2022 ten two stations.")
        )
    )
)
def test_every_offset_slices_to_its_text(text: str) -> None:
    result = extract_text(text, document="x.txt")
    for item in [*result.entities, *result.dates, *result.quantities]:
        quoted = item.name if hasattr(item, "name") else item.text
        assert text[item.start : item.end] == quoted
        assert quoted.strip()
    for fact in [*result.events, *result.statements]:
        assert text[fact.start : fact.end].strip()


WORDS = [
    "Vraag",
    "1",
    "Antwoord",
    "2 en 3",
    "\r\n",
    "\n",
    "Rotterdam",
    "NGO",
    "CCP",
    "31 oktober",
    "2022",
    "ten",
    "two",
    "stations",
    "Minister",
    "Wopke Hoekstra",
    "said",
    ",",
    "?1",
    "1 Krant, 2 mei 2020",
    "https://x.nl/a",
    "gesloten",
    "closed",
    "ambassadeur",
    "ontkende",
    "„",
    "”",
    '"',
    "vorige maand",
    ".",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_every_offset_slices_to_its_text_in_word_soup(text: str) -> None:
    test_every_offset_slices_to_its_text.hypothesis.inner_test(text)  # type: ignore[attr-defined]

"""Events and statements on synthetic hard cases in English and Dutch (not the sample corpus)."""

import pytest

from meldpunt.ingest import sentences
from meldpunt.ingest.pipeline import extract_text


def events(text: str) -> set[tuple[str, str, str | None]]:
    return {(e.kind, e.place, e.date) for e in extract_text(text, document="x.txt").events}


def statements(text: str) -> set[tuple[str, str]]:
    return {(s.speaker, s.stance) for s in extract_text(text, document="x.txt").statements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police in Manchester said on 3 March 2023 that the secret office in Leeds had been shut down.",
            {("closed", "Leeds", "2023-03-03")},
        ),
        (
            "The foreign ministry summoned the Iranian ambassador on Tuesday over the plot against dissidents in Oslo.",
            {("summoned", "Iranian ambassador", None)},
        ),
        (
            "The city council of Utrecht severed its sister-city ties with Wuhan after a long debate.",
            {("severed", "Utrecht", None), ("severed", "Wuhan", None)},
        ),
        (
            "Investigators uncovered two covert stations in Glasgow and Dublin last year. Both were later closed.",
            {("discovered", "Glasgow", None), ("discovered", "Dublin", None), ("closed", "Glasgow", None)},
        ),
        ("The mayor said the office in Leeds had not closed and was never shut down.", set()),
        ("Will the government close the office in Leeds?", set()),
        (
            "The partnership between Hamburg and Shanghai is under review, officials confirmed.",
            {("under_review", "Hamburg", None), ("under_review", "Shanghai", None)},
        ),
    ],
)
def test_english_events(text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "De ambassadeur van Rusland is op 4 april 2023 ontboden op het ministerie in Den Haag.",
            {("summoned", "Rusland", "2023-04-04")},
        ),
        (
            "Het Turkse politiebureau in Zwolle is gesloten. In Arnhem werd een tweede bureau gevestigd.",
            {("closed", "Zwolle", None), ("established", "Arnhem", None)},
        ),
        # "een stedenband sluiten" is entering a partnership, not closing anything
        ("Eindhoven sloot in 2015 een stedenband met Nanjing.", {("established", "Eindhoven", "2015")}),
        (
            "Groningen heeft de stedenband met Tianjin opgezegd.",
            {("severed", "Groningen", None), ("severed", "Tianjin", None)},
        ),
        ("De stations in Utrecht zijn niet gesloten.", set()),
        ("Bent u voornemens de bureaus in Utrecht te sluiten?", set()),
        ("Naar de bureaus in Utrecht wordt nader onderzocht.", {("under_review", "Utrecht", None)}),
    ],
)
def test_dutch_events(text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert events(text) == expected


def test_a_sentence_without_a_place_falls_back_on_the_place_the_document_is_about() -> None:
    text = "Two covert offices operated in Norway for years. China and Norway argued. The offices were closed in May."
    assert ("closed", "Norway", None) in events(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Embassy spokesperson Li Wei denied the claims on Monday.", {("Li Wei", "denies")}),
        ('"These are volunteer centres," said Li Wei, a spokesperson.', {("Li Wei", "asserts")}),
        (
            "Amnesty International, a human rights group, said the stations broke the law.",
            {("Amnesty International", "asserts")},
        ),
        ("According to Human Rights Watch, dozens of people were threatened.", {("Human Rights Watch", "asserts")}),
        (
            "Mayor Anne Jensen rejected the allegations. She said nothing else.",
            {("Anne Jensen", "denies"), ("Anne Jensen", "asserts")},
        ),
        (
            "Tom Baker said the office was closed. He added that it had been there for years.",
            {("Tom Baker", "asserts")},
        ),
        ("The Chinese embassy did not deny the report.", set()),
        ("He was denied a visa in Amsterdam last year.", set()),
        ("A dissident living in Rotterdam disagreed with the claim.", set()),
    ],
)
def test_english_statements(text: str, expected: set[tuple[str, str]]) -> None:
    assert statements(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Woordvoerder Jan de Groot ontkende dat er stations waren.", {("Jan de Groot", "denies")}),
        ("De Chinese ambassade wees de beschuldigingen van de hand.", {("Chinese ambassade", "denies")}),
        ("Gisteren ontkende de ambassade elke betrokkenheid.", {("ambassade", "denies")}),
        ("„Dit zijn geen politiebureaus. Het zijn servicepunten”, aldus Wang Lei.", {("Wang Lei", "asserts")}),
        ("De politie heeft inmiddels bevestigd dat het pand leeg staat.", {("politie", "asserts")}),
        ("Volgens de NOS zijn er meer bureaus.", {("NOS", "asserts")}),
        ("Volgens het Verdrag van Wenen is dat niet toegestaan.", set()),
        ("Dat is, zoals gezegd, onrechtmatig.", set()),
        ("In een rapport geeft de stichting aan dat er tien meldingen zijn.", {("stichting", "asserts")}),
    ],
)
def test_dutch_statements(text: str, expected: set[tuple[str, str]]) -> None:
    assert statements(text) == expected


def test_quotes_in_both_quote_styles_are_the_quote() -> None:
    text = '„Wij sluiten het bureau”, zei burgemeester Eva Smit. "We will close it," said Tom Baker.'
    quotes = {s.speaker: s.quote for s in extract_text(text, document="x.txt").statements}
    assert quotes == {"Eva Smit": "Wij sluiten het bureau", "Tom Baker": "We will close it,"}


ANSWERS = """Antwoord van minister Bakker (Justitie en Veiligheid) (ontvangen 12 mei 2023)

Vraag 1
Zijn er bureaus in Nederland gesloten?

Antwoord 1
Nee. Er zijn geen bureaus gesloten.

Vraag 2
Heeft de ambassade gereageerd?

Antwoord 2
De ambassade heeft laten weten dat zij geen bureaus kent.
"""


def test_each_answer_is_a_statement_of_the_answering_minister() -> None:
    result = extract_text(ANSWERS, document="x.txt")
    found = {(s.speaker, s.stance, s.quote) for s in result.statements}
    assert ("Bakker", "denies", "Nee. Er zijn geen bureaus gesloten.") in found
    assert ("Bakker", "asserts", "De ambassade heeft laten weten dat zij geen bureaus kent.") in found
    assert ("ambassade", "asserts", "zij geen bureaus kent.") in found
    assert not [e for e in result.events if e.kind == "closed"]  # "geen bureaus gesloten", and a question


def test_every_passage_holds_its_quote_and_slices_the_text() -> None:
    text = ANSWERS + "\n\nDe politie sloot vorige week het bureau in Utrecht, zei Piet Jansen.\n"
    result = extract_text(text, document="x.txt")
    assert result.events
    assert result.statements
    for item in [*result.events, *result.statements]:
        assert text[item.start : item.end].strip() == text[item.start : item.end]
    for statement in result.statements:
        assert statement.quote in text[statement.start : statement.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Wang met W.B. Hoekstra. Then he left.", ["Mr. Wang met W.B. Hoekstra.", "Then he left."]),
        ('He said: "It is closed. Done." She left.', ['He said: "It is closed. Done."', "She left."]),
        ("Zie nr. 12 van de lijst.\n\nAntwoord", ["Zie nr. 12 van de lijst.", "Antwoord"]),
        ("Het rapport noemt stations.3 In Utrecht ook.", ["Het rapport noemt stations.3", "In Utrecht ook."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences.split(text)] == expected

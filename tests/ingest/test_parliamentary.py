import pytest

from meldpunt.ingest import kind, parliamentary, references
from meldpunt.ingest.model import QAPair

ANSWERS = """Antwoorden van de minister op vragen van het lid Jansen.
Vraag 1
Bent u bekend met het bericht over stations in Nederland?1

Antwoord 1
Ja.

Vraag 2 en 3
Wat vindt u daarvan? Gaat u in gesprek met de ambassade?

Antwoord 2 en 3
Het kabinet vindt dit onacceptabel en heeft de ambassadeur op 31 oktober
ontboden. Er is contact met partners in de EU en daar-

1 Voorbeeldkrant, 2 oktober 2022, 'Stations in Nederland' (https://example.org/a-
b-c)
 Pagina 2 van 3
buiten.

Vragen 4 t/m 5
Kunt u de Kamer informeren? Wanneer?

Antwoord op vraag 4 en 5
Vraag 4 en 5 zijn beantwoord bij brief van 3 november 2022 (Kamerstuk 36 200 V, nr. 12).

Vraag 6
Kunt u deze vragen snel beantwoorden?

De minister van Buitenlandse Zaken,
"""


def test_pairs_by_number_with_combined_and_missing_answers() -> None:
    pairs = parliamentary.pairs(ANSWERS)
    assert [p.number for p in pairs] == [1, 2, 3, 4, 5, 6]
    assert pairs[0] == QAPair(1, "Bent u bekend met het bericht over stations in Nederland?", "Ja.")
    assert pairs[1].question == pairs[2].question == "Wat vindt u daarvan? Gaat u in gesprek met de ambassade?"
    assert pairs[1].answer == pairs[2].answer
    assert pairs[1].answer.endswith("partners in de EU en daar-buiten.")
    assert "Voorbeeldkrant" not in pairs[1].answer
    assert "Pagina" not in pairs[1].answer
    assert pairs[3].answer == pairs[4].answer == ""
    assert pairs[5].answer == ""


@pytest.mark.parametrize(
    ("run", "numbers"),
    [("1", (1,)), ("2 en 3", (2, 3)), ("4 t/m 6", (4, 5, 6)), ("4, 5 en 6", (4, 5, 6)), ("7 tot en met 8", (7, 8))],
)
def test_number_runs(run: str, numbers: tuple[int, ...]) -> None:
    assert parliamentary.parse_numbers(run) == numbers


def test_numbered_questions_without_vraag_labels() -> None:
    text = "1. Klopt het bericht?\nAntwoord\nJa, dat klopt.\n2. Wat gaat u doen?\nAntwoord\nNiets.\n"
    pairs = parliamentary.pairs(text)
    assert [(p.number, p.question, p.answer) for p in pairs] == [
        (1, "Klopt het bericht?", "Ja, dat klopt."),
        (2, "Wat gaat u doen?", "Niets."),
    ]


def test_kind_by_structure() -> None:
    assert kind.detect(ANSWERS) == kind.PARLIAMENTARY_ANSWERS
    assert kind.detect("The minister said on Monday that the answer to question 1 was clear.") == kind.NEWS


def test_references_as_written() -> None:
    text = (
        "kenmerk 2022Z20802; zie Kamerstuk 36 200 V, nr. 12 en Aanhangsel Handelingen, vergaderjaar 2022-2023, nr. 123."
    )
    assert references.find(text) == [
        "2022Z20802",
        "Kamerstuk 36 200 V, nr. 12",
        "Aanhangsel Handelingen, vergaderjaar 2022-2023, nr. 123",
    ]

"""The knowledge base as a gazetteer: documented names are found even where no rule would fire."""

from __future__ import annotations

from meldpunt.ingest import entities

TEXT = "Volgens Harbour Desk Oost opende het 福州市公安局 een kantoor in Rotterdam-Zuid."


def test_known_names_are_found_with_their_type_and_offsets() -> None:
    known = {"Harbour Desk Oost": "organisation", "福州市公安局": "organisation", "Rotterdam-Zuid": "place"}
    found = {(e.type, e.name, TEXT[e.start : e.end]) for e in entities.find(TEXT, known=known)}
    assert {(kind, name, name) for name, kind in known.items()} <= found


def test_without_the_gazetteer_those_names_are_not_guessed() -> None:
    names = {e.name for e in entities.find(TEXT)}
    assert "Harbour Desk Oost" not in names
    assert "福州市公安局" not in names


def test_the_longest_known_name_wins_and_words_inside_others_do_not_match() -> None:
    known = {"Fuzhou": "place", "Fuzhou Public Security Bureau": "organisation", "Lishui": "place"}
    text = "The Fuzhou Public Security Bureau and Lishuiville were named."
    found = [(e.type, e.name) for e in entities.find(text, known=known)]
    assert ("organisation", "Fuzhou Public Security Bureau") in found
    assert ("place", "Fuzhou") not in found
    assert all(name != "Lishui" for _, name in found)


def test_names_in_han_script_are_found_inside_running_text() -> None:
    text = "据报道，丽水市公安局在阿姆斯特丹设立了服务站。"
    found = [(e.name, text[e.start : e.end]) for e in entities.find(text, known={"丽水市公安局": "organisation"})]
    assert found == [("丽水市公安局", "丽水市公安局")]

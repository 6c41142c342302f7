"""What the police see of characters that could hide or reorder text."""

from __future__ import annotations

import pytest

from meldpunt.cases.referral.visible_text import direction, has_right_to_left, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text", "plain text"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a\u202egpj.exe", "a[U+202E]gpj.exe"),
        ("\u2066isolate\u2069", "[U+2066]isolate[U+2069]"),
        ("mark\u200f", "mark[U+200F]"),
        ("bell\x07 escape\x1b[31m nul\x00", "bell[U+0007] escape[U+001B][31m nul[U+0000]"),
        ("zero\u200bwidth\ufeff", "zero[U+200B]width[U+FEFF]"),
        ("private \ue000 use", "private [U+E000] use"),
        ("soft\u00adhyphen", "soft[U+00AD]hyphen"),
        ("windows\r\nand mac\rlines", "windows\nand mac\nlines"),
        ("tab\there", "tab    here"),
        ("line\u2028separator", "line[U+2028]separator"),
        ("نامە\u200cلەر", "نامە\u200cلەر"),  # ZWNJ is spelling in Arabic script
        ("👩\u200d💻", "👩\u200d💻"),
        ("威胁 ئۇيغۇر Ĳsselmeer", "威胁 ئۇيغۇر Ĳsselmeer"),
    ],
)
def test_hiding_characters_are_written_as_code_points(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", "ltr"),
        ("威胁", "ltr"),
        ("ئۇيغۇر", "rtl"),
        ("2024 ئۇيغۇر", "rtl"),  # digits are weak: the first letter decides
        ("+31 6 1234", "ltr"),
        ("", "ltr"),
        ("Douyin ئۇيغۇر", "ltr"),
    ],
)
def test_paragraph_direction_follows_the_first_strong_character(text: str, expected: str) -> None:
    assert direction(text) == expected


def test_right_to_left_text_is_found_anywhere() -> None:
    assert has_right_to_left("report ئۇيغۇر")
    assert not has_right_to_left("report 威胁 2024")

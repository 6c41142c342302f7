"""Identifiers proposed from free text, with kind, value as written, canonical form and offsets."""

from __future__ import annotations

import pytest

from meldpunt.correlate.extract import Found, find_identifiers

pytestmark = pytest.mark.usefixtures("offline")

LETTER = (
    "Hij belde van 06-12345678 en mailde vanaf Li.Wei+nl@Gmail.com (zie https://www.example.com/a/?utm_source=x).\n"
    "Telegram: @zhang_gh, en t.me/other_guy. WhatsApp: +86 138 0013 8000. WeChat ID: zhou-agent88\n"
    "Instagram @jan.smit en https://twitter.com/Jack. 微信：wxid_abc123 电话０６－８７６５４３２１。"
    "访问 www.例子.中国/新闻。\n"
    "Signal: 0612345679, uitnodiging t.me/+AbCdEfGh, en @ab."
)


def _proposals(text: str, region: str = "NL") -> list[tuple[str, str, str, str]]:
    return [(f.kind, f.value, f.canonical, f.platform) for f in find_identifiers(text, region=region)]


def test_a_letter_yields_each_identifier_once_in_order() -> None:
    assert _proposals(LETTER) == [
        ("phone", "06-12345678", "+31612345678", ""),
        ("email", "Li.Wei+nl@Gmail.com", "liwei@gmail.com", ""),
        ("url", "https://www.example.com/a/?utm_source=x", "example.com/a", ""),
        ("telegram", "@zhang_gh", "zhang_gh", ""),
        ("telegram", "t.me/other_guy", "other_guy", ""),
        ("whatsapp", "+86 138 0013 8000", "+8613800138000", ""),
        ("wechat", "zhou-agent88", "zhou-agent88", ""),
        ("social_handle", "@jan.smit", "instagram:jan.smit", "instagram"),
        ("social_handle", "https://twitter.com/Jack", "x:jack", "x"),
        ("wechat", "wxid_abc123", "wxid_abc123", ""),
        ("phone", "０６－８７６５４３２１", "+31687654321", ""),
        ("url", "www.例子.中国/新闻", "xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB", ""),
        ("signal", "0612345679", "+31612345679", ""),
        ("url", "t.me/+AbCdEfGh", "t.me/+AbCdEfGh", ""),  # an invite link is still an address
    ]


def test_offsets_point_at_the_value_as_written() -> None:
    for found in find_identifiers(LETTER):
        assert LETTER[found.start : found.end] == found.value


def test_the_region_reads_numbers_without_a_country_code() -> None:
    assert _proposals("电话 138 0013 8000", region="CN") == [("phone", "138 0013 8000", "+8613800138000", "")]
    assert _proposals("电话 138 0013 8000", region="NL") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail desk@example.org.", [("email", "desk@example.org", "desk@example.org", "")]),
        ("(zie example.com/pagina)", [("url", "example.com/pagina", "example.com/pagina", "")]),
        ("zie https://example.com/a_(b)", [("url", "https://example.com/a_(b)", "example.com/a_(b)", "")]),
        ("number 0612345678@example.org", [("email", "0612345678@example.org", "0612345678@example.org", "")]),
        ("https://example.com/0612345678", [("url", "https://example.com/0612345678", "example.com/0612345678", "")]),
        ("TikTok: @some.one", [("social_handle", "@some.one", "tiktok:some.one", "tiktok")]),
        ("op 微博 @某某人", [("social_handle", "@某某人", "weibo:某某人", "weibo")]),
        ("Signal @zhou.01", [("signal", "@zhou.01", "zhou.01", "")]),
        ("WeChat: 06-12345678", [("wechat", "06-12345678", "+31612345678", "")]),
        ("wa.me/31612345678", [("whatsapp", "wa.me/31612345678", "+31612345678", "")]),
        ("İnstagram: @jan_smit", [("telegram", "@jan_smit", "jan_smit", "")]),  # no label folds to İnstagram
        ("Telegram said @ab hi", []),  # too short for a Telegram username
        ("geboren 12-10-2023, rekening 12345", []),
        ("", []),
    ],
)
def test_hard_cases(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _proposals(text) == expected


def test_a_label_names_only_the_value_right_after_it() -> None:
    found = find_identifiers("WeChat ID: zhou-agent88, bel 06-12345678")
    assert [(f.kind, f.value) for f in found] == [("wechat", "zhou-agent88"), ("phone", "06-12345678")]


def test_found_is_a_plain_value() -> None:
    assert Found("phone", "06-12345678", "+31612345678", 0, 11) == Found("phone", "06-12345678", "+31612345678", 0, 11)

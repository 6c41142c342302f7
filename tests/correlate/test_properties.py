"""Properties every normaliser keeps, for any input: it returns a canonical form or raises
InvalidIdentifier (never another exception), and a canonical form is its own canonical form, so
normalising twice never moves a value to another digest."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldpunt.correlate.extract import find_identifiers
from meldpunt.correlate.normalise import NORMALISERS, InvalidIdentifier, normalise
from meldpunt.correlate.social import PLATFORMS

pytestmark = pytest.mark.usefixtures("offline")

KINDS = st.sampled_from(sorted(NORMALISERS))
REGIONS = st.sampled_from(["NL", "CN", "US", "DE", "RU", "IR", "", "nl", "XX"])
PLATFORM_NAMES = st.sampled_from(["", "x", "Twitter", "facebook", "Instagram", "tiktok", "微博", "douyin", "b站"])
# Text that looks like identifiers more often than uniform Unicode does.
PIECES = st.sampled_from(
    [
        *("+31", "06-", "00", "@", ".", "/", "://", "https", "www.", "t.me/", "wa.me/", "gmail.com", "example.co.uk"),
        *("张", "國", "華", "guo", "hua", "Zhāng", "ü", "-", " ", ":", "?", "utm_source=", "#", "%2F", "%", "ß"),
        *("Ø", "\u200b", "＠", "０６", "x.com/", "facebook.com/profile.php?id=", "id/", "in/", "B.V.", "有限公司"),
        *("WeChat ID: ", "Signal ", "微信：", "İnstagram ", "WhatſApp: ", "Twitter @", "\n"),
    ]
)
TEXT = st.one_of(st.text(max_size=60), st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=12).map("".join))


def _canonical_or_none(kind: str, value: str, platform: str, region: str) -> str | None:
    try:
        return normalise(kind, value, platform=platform, region=region)
    except InvalidIdentifier:
        return None


@given(kind=KINDS, value=TEXT, platform=PLATFORM_NAMES, region=REGIONS)
def test_any_text_is_normalised_or_refused_with_invalid_identifier(
    kind: str, value: str, platform: str, region: str
) -> None:
    result = _canonical_or_none(kind, value, platform, region)
    assert result is None or (isinstance(result, str) and result)


@given(kind=KINDS, value=TEXT, platform=PLATFORM_NAMES, region=REGIONS)
def test_normalising_is_idempotent(kind: str, value: str, platform: str, region: str) -> None:
    canonical = _canonical_or_none(kind, value, platform, region)
    if canonical is not None:
        assert normalise(kind, canonical, platform=platform, region=region) == canonical


VALID = {
    "phone": st.builds(
        lambda prefix, digits: prefix + digits,
        st.sampled_from(["+31 6 ", "06-", "0031 6 ", "+31 (0)6 ", "０６"]),
        st.from_regex(r"[1-5][0-9]{7}", fullmatch=True),
    ),
    "email": st.builds(
        "{}@{}".format,
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,7}(\.[A-Za-z0-9_-]{1,7}){0,2}", fullmatch=True),
        st.sampled_from(["gmail.com", "Example.ORG", "bücher.de", "outlook.com", "proton.me", "例子.中国"]),
    ),
    "telegram": st.builds(
        "{}{}".format,
        st.sampled_from(["@", "", "t.me/", "https://t.me/", "telegram.me/s/"]),
        st.from_regex(r"[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]", fullmatch=True),
    ),
    "wechat": st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{5,19}", fullmatch=True),
    "signal": st.from_regex(r"@?[A-Za-z_][A-Za-z0-9_]{2,31}\.[1-9][0-9]{1,3}", fullmatch=True),
    "social_handle": st.builds(
        lambda platform, handle: f"https://{platform}/{handle}",
        st.sampled_from(["x.com", "www.instagram.com", "m.facebook.com", "vk.com", "weibo.com/u"]),
        st.from_regex(r"[A-Za-z][A-Za-z0-9]{4,14}", fullmatch=True),
    ),
    "url": st.builds(
        lambda host, path, query: f"https://{host}/{path}?{query}",
        st.sampled_from(["www.Example.com", "bücher.de", "example.co.uk:8080", "[2001:db8::1]", "sub.example.org"]),
        st.text(max_size=20),
        st.text(max_size=20),
    ),
    "person_name": st.builds(
        "{}{}{}".format,
        st.text(alphabet="abcdefghiklmnopqrstuzàéïöüßøłĳ张國華李娜曾吕欧阳ИвановаZGHAL", min_size=1, max_size=8),
        st.sampled_from([" ", ", ", "-", "'", ". "]),
        st.text(alphabet="abcdefghiklmnopqrstuzàéïöüßøłĳ张國華李娜曾吕欧阳ИвановаZGHAL12'-., ", max_size=12),
    ),
    "organisation_name": st.lists(
        st.sampled_from(
            ["Huawei", "Technologies", "Co.,", "Ltd.", "B.V.", "华为", "技術", "有限公司", "Société", "AG"]
        ),
        min_size=1,
        max_size=5,
    ).map(" ".join),
    "vehicle_plate": st.from_regex(r"[0-9A-Za-zАВЕКМНОРСТУХ京]{1,3}([- ·]?[0-9A-Za-z]{1,3}){1,3}", fullmatch=True),
}


@pytest.mark.parametrize("kind", sorted(VALID))
@given(data=st.data())
def test_valid_values_are_accepted_and_idempotent(kind: str, data: st.DataObject) -> None:
    value = data.draw(VALID[kind])
    canonical = normalise(kind, value)
    assert normalise(kind, canonical) == canonical


@given(text=TEXT, region=REGIONS)
def test_finding_identifiers_never_raises_and_proposes_what_normalise_accepts(text: str, region: str) -> None:
    for found in find_identifiers(text, region=region):
        assert text[found.start : found.end] == found.value
        assert normalise(found.kind, found.value, platform=found.platform, region=region) == found.canonical


def test_valid_value_strategies_cover_every_kind_but_whatsapp() -> None:
    # WhatsApp accounts are phone numbers: the phone strategy covers them.
    assert set(VALID) == set(NORMALISERS) - {"whatsapp"}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_no_namespace_prefix_is_the_start_of_another(platform: str) -> None:
    prefixes = [namespace.prefix for namespace in PLATFORMS[platform].namespaces() if namespace.prefix]
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]

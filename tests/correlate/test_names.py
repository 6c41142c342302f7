"""Names of people and organisations: spellings of one name meet across case, accents, order and
Han script; names that differ stay apart."""

from __future__ import annotations

import pytest

from meldpunt.correlate.han import split_syllables
from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")

ZHANG_GUOHUA = [
    "张国华",
    "張國華",
    "Zhang Guohua",
    "Guohua Zhang",
    "ZHANG Guo-hua",
    "zhang guohua",
    "Zhang Guo Hua",
    "Zhāng Guóhuá",
    "Zhang1 Guo2hua2",
    "ZHANG, Guohua",
    "Guohua  ZHANG ",
    "Ｚｈａｎｇ　Ｇｕｏｈｕａ",
    "张 国华",
]


@pytest.mark.parametrize("spelling", ZHANG_GUOHUA)
def test_every_spelling_of_zhang_guohua_meets(spelling: str) -> None:
    assert normalise("person_name", spelling) == "guo hua zhang"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zoë van Dijk", "DIJK, Zoe van"),
        ("José-María Núñez", "jose maria nunez"),
        ("Łukasz Żółć", "Lukasz Zolc"),
        ("Søren Ødegård", "Soren Odegard"),
        ("Strauß", "STRAUSS"),
        ("O'Brien, Seán", "Sean O Brien"),
        ("Ǆemal", "Džemal"),
        ("吕晓明", "Lü Xiaoming"),
        ("吕晓明", "Lyu Xiaoming"),  # passports write ü as yu
        ("吕晓明", "Lv Xiaoming"),  # keyboards write it as v
        ("Lǚ Xiǎomíng", "Lu Xiaoming"),
        ("曾国藩", "Zeng Guofan"),  # 曾 as a surname is zeng, not ceng
        ("单雄信", "Shan Xiongxin"),
        ("欧阳修", "Ouyang Xiu"),  # compound surname
        ("長孫無忌", "Zhangsun Wuji"),
        ("西安", "Xi'an"),
        ("李娜", "Li Na"),
        ("李娜", "Na Li"),
        ("Анна Иванова", "анна ИВАНОВА"),
    ],
)
def test_spellings_of_one_name_meet(first: str, second: str) -> None:
    assert normalise("person_name", first) == normalise("person_name", second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zhang Guohua", "Zhang Guohui"),
        ("Zhang Guohua", "Wang Guohua"),
        ("西安", "Xian"),  # pinyin writes Xi'an with an apostrophe; xian is one syllable
        ("Jan Jansen", "Jan Janssen"),
        ("Anna Maria", "Annamaria"),
        ("Ana", "Anna"),
        ("Zhang Guohua", "Zhang Guohua Peter"),
    ],
)
def test_different_names_stay_apart(first: str, second: str) -> None:
    assert normalise("person_name", first) != normalise("person_name", second)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("guohua", ["guo", "hua"]),
        ("zhangguohua", ["zhang", "guo", "hua"]),
        ("xian", ["xian"]),  # not xi-an: that would need an apostrophe
        ("fangan", ["fan", "gan"]),
        ("lvxiaoming", ["lu", "xiao", "ming"]),
        ("nyu", ["nu"]),
        ("zhuangshuang", ["zhuang", "shuang"]),
        ("maria", None),  # "ri" then "a" would need an apostrophe
        ("johnson", None),
        ("m", None),  # interjection syllables do not count
        ("", []),
    ],
)
def test_pinyin_words_split_into_syllables(word: str, syllables: list[str] | None) -> None:
    assert split_syllables(word) == syllables


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
        ("HUAWEI TECHNOLOGIES", "huawei technologies"),
        ("华为技术有限公司", "华为技术"),
        ("華為技術有限公司", "华为技术"),
        ("华为 技术", "华为技术"),
        ("Société Générale S.A.", "societe generale"),
        ("Siemens AG", "siemens"),
        ("Stichting Vrienden van China B.V.", "stichting vrienden van china"),
        ("Example Holding B. V.", "example holding"),
        ("Foo Co Ltd Co", "foo"),
        ("AG", "ag"),  # a name that is only a legal form keeps it
        ("有限公司", "有限公司"),
        ("中国和平统一促进会 (荷兰)", "中国和平统一促进会荷兰"),  # Han has no spaces between words
        ("Stichting 华为 · Nederland", "stichting 华为 nederland"),
    ],
)
def test_organisation_names_become_canonical(value: str, canonical: str) -> None:
    assert normalise("organisation_name", value) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bank of China", "China Bank"),  # word order carries meaning in an organisation's name
        ("华为技术", "Huawei Technologies"),  # no pinyin or translation for organisations
        ("ABC Holding", "ABC Trading"),
    ],
)
def test_different_organisations_stay_apart(first: str, second: str) -> None:
    assert normalise("organisation_name", first) != normalise("organisation_name", second)


@pytest.mark.parametrize("kind", ["person_name", "organisation_name"])
@pytest.mark.parametrize("value", ["123", "!!!", "—", "12-34"])
def test_a_name_without_letters_is_refused(kind: str, value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise(kind, value)
    assert raised.value.code == "not_a_name"

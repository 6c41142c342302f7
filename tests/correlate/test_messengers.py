"""Telegram, WeChat, WhatsApp and Signal accounts: by username or by phone number."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("kind", "value", "canonical"),
    [
        ("telegram", "@StationOfficerNL", "stationofficernl"),
        ("telegram", "StationOfficerNL", "stationofficernl"),
        ("telegram", "t.me/stationofficernl", "stationofficernl"),
        ("telegram", "https://t.me/StationOfficerNL", "stationofficernl"),
        ("telegram", "http://www.t.me/StationOfficerNL/", "stationofficernl"),
        ("telegram", "https://t.me/StationOfficerNL/1234", "stationofficernl"),  # a post of the channel
        ("telegram", "https://t.me/s/StationOfficerNL", "stationofficernl"),  # the web preview
        ("telegram", "telegram.me/StationOfficerNL", "stationofficernl"),
        ("telegram", "https://telegram.dog/StationOfficerNL", "stationofficernl"),
        ("telegram", "https://stationofficernl.t.me", "stationofficernl"),
        ("telegram", "tg://resolve?domain=StationOfficerNL", "stationofficernl"),
        ("telegram", "＠ＳｔａｔｉｏｎＯｆｆｉｃｅｒＮＬ", "stationofficernl"),
        ("telegram", "@StationOfficerNL\u200b", "stationofficernl"),
        ("telegram", "t.me/proxyking", "proxyking"),  # not Telegram's own /proxy page
        ("telegram", "+31 6 1234 5678", "+31612345678"),
        ("telegram", "https://t.me/+31612345678", "+31612345678"),
        ("wechat", "Zhou-Agent88", "zhou-agent88"),
        ("wechat", "agent_zhou", "agent_zhou"),
        ("wechat", "wxid_abcdefghij1234", "wxid_abcdefghij1234"),
        ("wechat", "+86 138 0013 8000", "+8613800138000"),
        ("whatsapp", "06-12345678", "+31612345678"),
        ("whatsapp", "wa.me/31612345678", "+31612345678"),
        ("whatsapp", "https://wa.me/+31612345678?text=hallo", "+31612345678"),
        ("whatsapp", "https://api.whatsapp.com/send?phone=31612345678&text=hi", "+31612345678"),
        ("whatsapp", "WhatsApp: 06 1234 5678", "+31612345678"),
        ("signal", "Zhou.01", "zhou.01"),
        ("signal", "@zhou_agent.123", "zhou_agent.123"),
        ("signal", "+31 6 1234 5678", "+31612345678"),
        ("signal", "https://signal.me/#p/+31612345678", "+31612345678"),
    ],
)
def test_accounts_become_canonical(kind: str, value: str, canonical: str) -> None:
    assert normalise(kind, value) == canonical


def test_a_messenger_number_reads_with_the_reports_region() -> None:
    assert normalise("signal", "138 0013 8000", region="CN") == "+8613800138000"


@pytest.mark.parametrize(
    ("kind", "first", "second"),
    [
        ("telegram", "@station_officer", "@stationofficer"),
        ("wechat", "zhou-agent", "zhou_agent"),
        ("signal", "zhou.01", "zhou.10"),
        ("signal", "zhou.10", "zhou.100"),
    ],
)
def test_different_accounts_stay_apart(kind: str, first: str, second: str) -> None:
    assert normalise(kind, first) != normalise(kind, second)


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("telegram", "@abc", "bad_handle"),  # shorter than 5
        ("telegram", "@" + "a" * 33, "bad_handle"),
        ("telegram", "@1station", "bad_handle"),  # starts with a digit
        ("telegram", "@_station", "bad_handle"),
        ("telegram", "@station_", "bad_handle"),
        ("telegram", "@station-officer", "bad_handle"),
        ("telegram", "@station officer", "bad_handle"),
        ("telegram", "@stätion", "bad_handle"),
        ("telegram", "https://t.me/+AbCdEfGhIjK", "bad_handle"),  # an invite link
        ("telegram", "https://t.me/joinchat/AbCdEfGhIjK", "bad_handle"),
        ("telegram", "https://t.me/c/1234567/89", "bad_handle"),  # a private channel's post
        ("telegram", "https://t.me/addstickers/SomeSet", "bad_handle"),
        ("telegram", "https://t.me/proxy?server=1.2.3.4", "bad_handle"),
        ("telegram", "t.me/12345678", "bad_handle"),  # digits in a link are no phone number
        ("telegram", "06-1234", "invalid_phone_number"),
        ("wechat", "zhou", "bad_handle"),  # shorter than 6
        ("wechat", "1zhouagent", "bad_handle"),
        ("wechat", "z" * 21, "bad_handle"),
        ("wechat", "zhou.agent", "bad_handle"),
        ("whatsapp", "Agent Zhou", "not_a_phone_number"),  # a display name is no account
        ("whatsapp", "wa.me/31699", "invalid_phone_number"),
        ("whatsapp", "13800138000", "invalid_phone_number"),  # needs +86 in a Dutch report
        ("signal", "zhou", "bad_handle"),  # no discriminator
        ("signal", "zhou.1", "bad_handle"),
        ("signal", "zhou.00", "bad_handle"),
        ("signal", "zhou.012", "bad_handle"),
        ("signal", "zh.01", "bad_handle"),
        ("signal", "1zhou.01", "bad_handle"),
        ("signal", "https://signal.me/#eu/AbCdEf", "bad_handle"),  # an encrypted username link
    ],
)
def test_malformed_accounts_are_refused(kind: str, value: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise(kind, value)
    assert raised.value.code == code

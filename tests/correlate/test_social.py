"""Social media accounts: platform and handle, from "@name" or from a profile address."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise
from meldpunt.correlate.social import PLATFORMS, platform_named

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("X", "x"),
        ("Twitter", "x"),
        ("X (Twitter)", "x"),
        ("twitter.com", "x"),
        ("Facebook", "facebook"),
        ("FB", "facebook"),
        ("Insta", "instagram"),
        ("Tik Tok", "tiktok"),
        ("YouTube", "youtube"),
        ("Sina Weibo", "weibo"),
        ("微博", "weibo"),
        ("抖音", "douyin"),
        ("B站", "bilibili"),
        ("哔哩哔哩", "bilibili"),
        ("ВКонтакте", "vk"),
        ("LinkedIn", "linkedin"),
    ],
)
def test_platform_names_fold_to_one_id(name: str, platform: str) -> None:
    assert platform_named(name).id == platform


def test_the_table_has_the_platforms_the_issue_names() -> None:
    expected = {"x", "facebook", "instagram", "tiktok", "youtube", "weibo", "douyin", "bilibili", "vk", "linkedin"}
    assert set(PLATFORMS) == expected


@pytest.mark.parametrize(
    ("value", "platform", "canonical"),
    [
        ("@Jack", "Twitter", "x:jack"),
        ("jack", "X", "x:jack"),
        ("https://twitter.com/Jack", "", "x:jack"),
        ("https://x.com/jack/status/20", "", "x:jack"),
        ("https://mobile.twitter.com/jack?lang=nl", "twitter", "x:jack"),
        ("www.x.com/jack", "", "x:jack"),
        ("John.Smith.5", "facebook", "facebook:johnsmith5"),  # Facebook ignores dots
        ("https://m.facebook.com/johnsmith5/", "", "facebook:johnsmith5"),
        ("https://www.facebook.com/profile.php?id=100012345678", "", "facebook:id/100012345678"),
        ("https://facebook.com/people/John-Smith/100012345678/", "", "facebook:id/100012345678"),
        ("100012345678", "facebook", "facebook:id/100012345678"),
        ("https://www.facebook.com/groups/dutchchinese/", "", "facebook:groups/dutchchinese"),
        ("@Some.One_", "Instagram", "instagram:some.one_"),
        ("https://www.instagram.com/some.one_/", "", "instagram:some.one_"),
        ("https://instagram.com/stories/some.one_/123/", "", "instagram:some.one_"),
        ("@Some.One", "TikTok", "tiktok:some.one"),
        ("https://www.tiktok.com/@some.one/video/1?lang=en", "", "tiktok:some.one"),
        ("@SomeChannel", "YouTube", "youtube:somechannel"),
        ("https://www.youtube.com/@SomeChannel/videos", "", "youtube:somechannel"),
        ("https://youtube.com/channel/UCabcdefghijklmnopqrstuV", "", "youtube:channel/UCabcdefghijklmnopqrstuV"),
        ("https://www.youtube.com/user/SomeOldName", "", "youtube:user/someoldname"),
        ("https://weibo.com/u/1234567890", "", "weibo:u/1234567890"),
        ("https://m.weibo.cn/1234567890", "", "weibo:u/1234567890"),
        ("1234567890", "weibo", "weibo:u/1234567890"),
        ("@某某人", "微博", "weibo:某某人"),
        ("https://weibo.com/n/某某人", "", "weibo:某某人"),
        ("https://weibo.com/n/%E6%9F%90%E6%9F%90%E4%BA%BA", "", "weibo:某某人"),
        ("https://weibo.com/zhangsan", "", "weibo:d/zhangsan"),
        ("https://www.douyin.com/user/MS4wLjABAAAAxYz-AbC_123", "", "douyin:user/MS4wLjABAAAAxYz-AbC_123"),
        ("Some_Douyin.ID", "抖音", "douyin:some_douyin.id"),
        ("https://space.bilibili.com/12345678", "", "bilibili:uid/12345678"),
        ("https://m.bilibili.com/space/12345678", "", "bilibili:uid/12345678"),
        ("某UP主", "bilibili", "bilibili:某up主"),
        ("https://vk.com/Some.Name", "", "vk:some.name"),
        ("https://vk.com/id12345", "", "vk:id12345"),
        ("https://www.linkedin.com/in/Jan-Jansen-123/", "", "linkedin:in/jan-jansen-123"),
        ("jan-jansen-123", "LinkedIn", "linkedin:in/jan-jansen-123"),
        ("https://nl.linkedin.com/company/some-org", "", "linkedin:company/some-org"),
    ],
)
def test_accounts_become_canonical(value: str, platform: str, canonical: str) -> None:
    assert normalise("social_handle", value, platform=platform) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("@jack", "x"), ("@jack", "instagram")),  # one name on two platforms: two people
        (("@some.one", "instagram"), ("@someone", "instagram")),  # dots count on Instagram
        (("@UCabcdefghijklmnopqrstuV", "youtube"), ("youtube.com/channel/UCabcdefghijklmnopqrstuV", "")),
        (("youtube.com/channel/UCabcdefghijklmnopqrstuv", ""), ("youtube.com/channel/UCabcdefghijklmnopqrstuV", "")),
        (("weibo.com/zhangsan", ""), ("@zhangsan", "weibo")),  # a personal domain is not a nickname
        (("@張三", "weibo"), ("@张三", "weibo")),  # nicknames are exact strings on the platform
    ],
)
def test_different_accounts_stay_apart(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert normalise("social_handle", first[0], platform=first[1]) != normalise(
        "social_handle", second[0], platform=second[1]
    )


@pytest.mark.parametrize(
    ("value", "platform", "code"),
    [
        ("@jack", "", "missing_platform"),
        ("@jack", "MySpace", "unknown_platform"),
        ("@jack", "Telegram", "unknown_platform"),  # Telegram is its own kind
        ("https://instagram.com/jack", "twitter", "platform_mismatch"),
        ("https://example.com/jack", "", "bad_handle"),
        ("https://x.com/home", "", "bad_handle"),
        ("https://x.com/search?q=jack", "", "bad_handle"),
        ("https://x.com", "", "bad_handle"),
        ("@this_is_far_too_long_for_x", "x", "bad_handle"),
        ("@jack-smith", "x", "bad_handle"),
        ("https://www.instagram.com/p/CxYz123/", "", "bad_handle"),  # a post names no account
        ("https://www.tiktok.com/video/123", "", "bad_handle"),
        ("https://www.youtube.com/watch?v=abc", "", "bad_handle"),
        ("https://youtube.com/channel/not-a-channel-id", "", "bad_handle"),
        ("https://www.facebook.com/login", "", "bad_handle"),
        ("https://www.linkedin.com/feed/", "", "bad_handle"),
        ("https://space.bilibili.com/", "", "bad_handle"),
        ("https://", "x", "bad_handle"),
        ("@j a c k", "x", "bad_handle"),
    ],
)
def test_malformed_accounts_are_refused(value: str, platform: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("social_handle", value, platform=platform)
    assert raised.value.code == code

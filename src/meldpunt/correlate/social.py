"""Accounts on social platforms: the platform, then the account in the platform's own terms.

The canonical form is "<platform>:<namespace><handle>", e.g. "x:jack", "facebook:id/100012345678",
"youtube:channel/UCxxxx…". The platform comes from the report's platform field (its names folded
from the table below: "Twitter", "X (Twitter)" and "twitter.com" are all "x") or from the host of a
profile address. Handles are read from "@name", "name" or a profile address; an address that names
no account (a post, a search, a short link) is refused rather than indexed as a handle. Handles
are case-insensitive, except opaque ids that are case-sensitive on their platform (YouTube channel
ids, Douyin user ids); Facebook ignores dots in usernames, and so does the canonical form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.folding import fold_case
from meldpunt.correlate.hostnames import registrable_domain
from meldpunt.correlate.web_address import split_web_address


@dataclass(frozen=True)
class Namespace:
    """One kind of account name on a platform: usernames, numeric ids, channel ids…"""

    prefix: str
    pattern: re.Pattern[str]
    keep_case: bool = False
    drop_dots: bool = False

    def fold(self, handle: str) -> str:
        handle = handle if self.keep_case else fold_case(handle)
        return handle.replace(".", "") if self.drop_dots else handle


@dataclass(frozen=True)
class Platform:
    """`bare` is tried in order for "@name" and "name"; `routes` read a profile address's path (with
    its query) into a namespace, the handle in group "h"; `reserved` are the platform's own pages."""

    id: str
    names: frozenset[str]
    domains: frozenset[str]
    bare: tuple[Namespace, ...]
    routes: tuple[tuple[re.Pattern[str], Namespace], ...]
    reserved: frozenset[str] = frozenset()

    def namespaces(self) -> set[Namespace]:
        return {*self.bare, *(namespace for _route, namespace in self.routes)}


def _ns(prefix: str, pattern: str, *, keep_case: bool = False, drop_dots: bool = False) -> Namespace:
    return Namespace(prefix, re.compile(pattern), keep_case=keep_case, drop_dots=drop_dots)


def _routes(*routes: tuple[str, Namespace]) -> tuple[tuple[re.Pattern[str], Namespace], ...]:
    return tuple((re.compile(path, re.IGNORECASE), namespace) for path, namespace in routes)


def _platforms() -> tuple[Platform, ...]:
    x = _ns("", r"[a-z0-9_]{1,15}")
    instagram = _ns("", r"[a-z0-9._]{1,30}")
    tiktok = _ns("", r"[a-z0-9._]{2,24}")
    youtube, channel, legacy = (
        _ns("", r"[\w.-]{3,30}"),
        _ns("channel/", r"UC[\w-]{22}", keep_case=True),
        _ns("user/", r"[\w.-]{1,100}"),
    )
    facebook, facebook_id = _ns("", r"[a-z0-9]{1,50}", drop_dots=True), _ns("id/", r"\d{5,20}")
    facebook_group = _ns("groups/", r"[\w.]{1,100}")
    weibo_uid, weibo_name, weibo_domain = _ns("u/", r"\d{5,12}"), _ns("", r"[\w-]{1,30}"), _ns("d/", r"[a-z0-9_]{1,30}")
    douyin_user, douyin_id = _ns("user/", r"[\w-]{10,100}", keep_case=True), _ns("", r"[a-z0-9_.]{1,30}")
    bilibili_uid, bilibili_name = _ns("uid/", r"\d{1,12}"), _ns("", r"[\w-]{1,30}")
    vk = _ns("", r"[a-z0-9_.]{2,32}")
    linkedin, linkedin_company = _ns("in/", r"[\w-]{3,100}"), _ns("company/", r"[\w-]{1,100}")
    return (
        Platform(
            "x", frozenset({"x", "twitter", "xcom", "twittercom", "xtwitter", "twitterx"}),
            frozenset({"x.com", "twitter.com"}), (x,), _routes((r"/(?P<h>[^/?]+)", x)),
            frozenset({"home", "explore", "search", "i", "intent", "share", "hashtag", "settings", "messages",
                       "notifications", "login", "signup", "tos", "privacy", "compose"}),
        ),
        Platform(
            "facebook", frozenset({"facebook", "fb", "facebookcom", "fbcom"}),
            frozenset({"facebook.com", "fb.com", "fb.me"}), (facebook_id, facebook),
            _routes(
                (r"/profile\.php\?(?:.*&)?id=(?P<h>\d+)", facebook_id), (r"/people/[^/]+/(?P<h>\d+)", facebook_id),
                (r"/groups/(?P<h>[^/?]+)", facebook_group), (r"/(?P<h>\d+)(?:[/?]|$)", facebook_id),
                (r"/(?P<h>[^/?]+)", facebook),
            ),
            frozenset({"login", "watch", "groups", "pages", "events", "marketplace", "share", "sharerphp",
                       "permalinkphp", "storyphp", "photophp", "homephp", "help", "policies", "people"}),
        ),
        Platform(
            "instagram", frozenset({"instagram", "ig", "insta", "instagramcom"}),
            frozenset({"instagram.com", "instagr.am"}), (instagram,),
            _routes((r"/stories/(?P<h>[^/?]+)", instagram), (r"/(?P<h>[^/?]+)", instagram)),
            frozenset({"p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv", "about", "legal"}),
        ),
        Platform(
            "tiktok", frozenset({"tiktok", "tiktokcom"}), frozenset({"tiktok.com"}), (tiktok,),
            _routes((r"/@(?P<h>[^/?]+)", tiktok)),
        ),
        Platform(
            "youtube", frozenset({"youtube", "yt", "youtubecom"}), frozenset({"youtube.com"}), (youtube,),
            _routes(
                (r"/@(?P<h>[^/?]+)", youtube), (r"/channel/(?P<h>[^/?]+)", channel),
                (r"/(?:c|user)/(?P<h>[^/?]+)", legacy),
            ),
        ),
        Platform(
            "weibo", frozenset({"weibo", "sinaweibo", "weibocom", "微博", "新浪微博"}),
            frozenset({"weibo.com", "weibo.cn"}), (weibo_uid, weibo_name),
            _routes(
                (r"/u/(?P<h>\d+)", weibo_uid), (r"/n/(?P<h>[^/?]+)", weibo_name),
                (r"/(?P<h>\d+)(?:[/?]|$)", weibo_uid), (r"/(?P<h>[^/?]+)", weibo_domain),
            ),
            frozenset({"u", "n", "p", "login", "signup", "search", "tv", "hot"}),
        ),
        Platform(
            "douyin", frozenset({"douyin", "douyincom", "抖音"}), frozenset({"douyin.com", "iesdouyin.com"}),
            (douyin_id,), _routes((r"/(?:share/)?user/(?P<h>[^/?]+)", douyin_user)),
        ),
        Platform(
            "bilibili", frozenset({"bilibili", "bili", "bilibilicom", "b站", "哔哩哔哩", "嗶哩嗶哩"}),
            frozenset({"bilibili.com"}), (bilibili_uid, bilibili_name),
            _routes((r"/(?:space/)?(?P<h>\d+)(?:[/?]|$)", bilibili_uid)),
        ),
        Platform(
            "vk", frozenset({"vk", "vkontakte", "vkcom", "вконтакте", "вк"}),
            frozenset({"vk.com", "vk.ru", "vkontakte.ru"}), (vk,), _routes((r"/(?P<h>[^/?]+)", vk)),
            frozenset({"feed", "im", "search", "friends", "groups", "wall", "video", "audio", "photos", "login"}),
        ),
        Platform(
            "linkedin", frozenset({"linkedin", "linkedincom"}), frozenset({"linkedin.com"}), (linkedin,),
            _routes((r"/in/(?P<h>[^/?]+)", linkedin), (r"/company/(?P<h>[^/?]+)", linkedin_company)),
        ),
    )  # fmt: skip


PLATFORMS = {platform.id: platform for platform in _platforms()}
_BY_NAME = {name: platform for platform in PLATFORMS.values() for name in platform.names}
_BY_DOMAIN = {domain: platform for platform in PLATFORMS.values() for domain in platform.domains}


def platform_named(name: str) -> Platform:
    """The platform a report calls `name` ("Twitter", "X (Twitter)", "twitter.com", "微博")."""
    key = "".join(char for char in fold_case(name) if char.isalnum())
    if key not in _BY_NAME:
        raise InvalidIdentifier("unknown_platform", "not one of the social platforms Meldpunt knows")
    return _BY_NAME[key]


def platform_of_host(host: str) -> Platform | None:
    return _BY_DOMAIN.get(registrable_domain(host.rsplit(":", 1)[0]) or "")


def _account(platform: Platform, namespace: Namespace, handle: str) -> str:
    handle = namespace.fold(handle)
    if not namespace.pattern.fullmatch(handle) or (namespace.prefix == "" and handle in platform.reserved):
        raise InvalidIdentifier("bad_handle", f"not an account name on {platform.id}")
    return f"{platform.id}:{namespace.prefix}{handle}"


def _from_address(text: str, hinted: Platform | None) -> str:
    try:
        host, path, query = split_web_address(text)
    except InvalidIdentifier as error:
        raise InvalidIdentifier("bad_handle", "neither a handle nor a profile address") from error
    platform = platform_of_host(host)
    if platform is None:
        raise InvalidIdentifier("bad_handle", "not the address of a known social platform")
    if hinted is not None and hinted != platform:
        raise InvalidIdentifier("platform_mismatch", f"the address is on {platform.id}, not on {hinted.id}")
    target = path + (f"?{query}" if query else "")
    for route, namespace in platform.routes:
        if found := route.match(target):
            return _account(platform, namespace, unquote(found["h"]))
    raise InvalidIdentifier("bad_handle", f"this {platform.id} address names no account")


def _from_handle(text: str, platform: Platform) -> str:
    handle = text.removeprefix("@")
    for namespace in platform.bare:
        if namespace.pattern.fullmatch(namespace.fold(handle)):
            return _account(platform, namespace, handle)
    return _account(platform, platform.bare[-1], handle)


def _from_canonical(platform: Platform, account: str) -> str:
    for namespace in platform.namespaces():
        if namespace.prefix and account.startswith(namespace.prefix):
            return _account(platform, namespace, account.removeprefix(namespace.prefix))
    return _from_handle(account, platform)


def social_account(text: str, platform_name: str) -> str:
    hinted = platform_named(platform_name) if platform_name.strip() else None
    platform_id, colon, account = text.partition(":")
    if colon and platform_id in PLATFORMS:  # the canonical form itself, "x:jack"
        if hinted is not None and hinted.id != platform_id:
            raise InvalidIdentifier("platform_mismatch", f"the account is on {platform_id}, not on {hinted.id}")
        return _from_canonical(PLATFORMS[platform_id], account)
    if "/" in text or text.lower().startswith("www."):
        return _from_address(text, hinted)
    if hinted is None:
        raise InvalidIdentifier("missing_platform", "a handle needs its platform (or give the profile address)")
    return _from_handle(text, hinted)


class SocialHandleNormaliser(Normaliser):
    kind = "social_handle"

    def clean(self, text: str, hints: Hints) -> str:
        return social_account(text, hints.platform)

    def validate(self, canonical: str) -> None:
        if social_account(canonical, "") != canonical:
            raise InvalidIdentifier("bad_handle", "not an account in canonical form")

"""Accounts on messengers, which are reached by phone number or by a username: Telegram, WeChat,
WhatsApp and Signal. The canonical form is the number in E.164 ("+31612345678") or the lower-cased
username without "@" ("zhang_gh"); a username never starts with "+", so the two never meet by accident.
Links a messenger shares (t.me/name, wa.me/31612345678, signal.me/#p/+31…) are read as the account
they open; links that open a chat or hide the account (invite links, encrypted Signal links) are
refused rather than indexed as a username.
"""

from __future__ import annotations

import re
from typing import ClassVar

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.folding import fold_case
from meldpunt.correlate.phone_number import check_e164, phone_e164

_PHONE = re.compile(r"(?:tel:)?\+?[\d\s().\-/]+", re.IGNORECASE)


class MessengerNormaliser(Normaliser):
    """A phone number, or a username matching `username`; `links` read the platform's share links
    (group "number" for a number in international form without "+", "name" for a username)."""

    username: ClassVar[re.Pattern[str] | None]
    username_rule: ClassVar[str]
    links: ClassVar[tuple[re.Pattern[str], ...]] = ()
    refused_links: ClassVar[re.Pattern[str] | None] = None

    def clean(self, text: str, hints: Hints) -> str:
        if self.refused_links is not None and self.refused_links.match(text):
            raise InvalidIdentifier(
                "bad_handle", "this link opens a chat or hides the account; give the account itself"
            )
        for link in self.links:
            if found := link.match(text):
                if number := found.groupdict().get("number"):
                    return phone_e164("+" + number, hints.region)
                return fold_case(found["name"])
        if self.username is None or _PHONE.fullmatch(text):
            return phone_e164(text, hints.region)
        return fold_case(text.removeprefix("@"))

    def validate(self, canonical: str) -> None:
        if canonical.startswith("+"):
            check_e164(canonical)
        elif self.username is None or not self.username.fullmatch(canonical):
            raise InvalidIdentifier("bad_handle", self.username_rule)


class TelegramNormaliser(MessengerNormaliser):
    kind = "telegram"
    username = re.compile(r"[a-z][a-z0-9_]{3,30}[a-z0-9]")
    username_rule = (
        "a Telegram username has 5 to 32 letters, digits and underscores, starts with a letter and does not end"
        " with an underscore; or give the account's phone number"
    )
    _host = r"(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/"
    links = (
        re.compile(_host + r"\+(?P<number>\d{6,})/?$", re.IGNORECASE),
        re.compile(_host + r"(?:s/)?(?P<name>[^/?#]+)", re.IGNORECASE),
        re.compile(r"(?:https?://)?(?P<name>[a-z0-9_]+)\.t\.me(?:[/?#].*)?$", re.IGNORECASE),
        re.compile(r"tg://resolve\?(?:.*&)?domain=(?P<name>[^&#]+)", re.IGNORECASE),
    )
    # Invite links (t.me/+hash, t.me/joinchat/…), private-channel posts (t.me/c/…) and Telegram's own
    # pages name no account.
    refused_links = re.compile(
        _host + r"(?:\+(?!\d+/?$)|joinchat/|c/|addstickers/|addemoji/|addtheme/|addlist/|setlanguage/|share/"
        r"|(?:proxy|socks|login)(?:[/?#]|$))",
        re.IGNORECASE,
    )


class WeChatNormaliser(MessengerNormaliser):
    kind = "wechat"
    username = re.compile(r"[a-z][a-z0-9_-]{5,19}")
    username_rule = (
        "a WeChat ID has 6 to 20 letters, digits, underscores or hyphens and starts with a letter;"
        " or give the account's phone number"
    )


class WhatsAppNormaliser(MessengerNormaliser):
    kind = "whatsapp"
    username = None
    username_rule = "a WhatsApp account is given by its phone number"
    links = (
        re.compile(r"(?:https?://)?(?:www\.)?wa\.me/\+?(?P<number>\d{6,})", re.IGNORECASE),
        re.compile(
            r"(?:(?:https?://)?(?:api\.|web\.)?whatsapp\.com/send/?|whatsapp://send)\?(?:.*&)?phone=\+?(?P<number>\d{6,})",
            re.IGNORECASE,
        ),
    )


class SignalNormaliser(MessengerNormaliser):
    kind = "signal"
    # A nickname of 3 to 32 characters and a discriminator of at least two digits, "00" and leading
    # zeros of longer discriminators excluded (the rules of Signal's libsignal usernames).
    username = re.compile(r"[a-z_][a-z0-9_]{2,31}\.(?!00$)(?:\d{2}|[1-9]\d{2,8})")
    username_rule = (
        "a Signal username is a nickname of 3 to 32 letters, digits and underscores, a dot and at least two"
        " digits (name.01); or give the account's phone number"
    )
    links = (re.compile(r"(?:https?://)?signal\.me/#p/\+?(?P<number>\d{6,})", re.IGNORECASE),)
    refused_links = re.compile(r"(?:https?://)?signal\.me/#(?!p/)", re.IGNORECASE)

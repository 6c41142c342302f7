"""Identifiers proposed from free text, for a handler to confirm: phone numbers (PhoneNumberMatcher),
e-mail addresses, web addresses (t.me, wa.me and social profile addresses as the account they open),
@handles and labelled accounts ("WeChat: zhang_gh88"). Each is proposed only if its kind's
normaliser accepts it, with its canonical form and its offsets in the text.

A label just before a value decides its kind ("WhatsApp: 06-…" is a WhatsApp number, "Instagram
@jan" an Instagram account); an @handle without a label is proposed as a Telegram username, the
only kind whose native form is "@name", and only if it is a valid one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from phonenumbers import Leniency

from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.hostnames import registrable_domain
from meldpunt.correlate.normalise import normalise
from meldpunt.correlate.phone_number import phone_matches
from meldpunt.correlate.social import PLATFORMS, platform_of_host
from meldpunt.correlate.web_address import split_web_address


@dataclass(frozen=True)
class Found:
    """An identifier proposed from text: `value` is `text[start:end]` as written; `platform` is set
    for a social handle."""

    kind: str
    value: str
    canonical: str
    start: int
    end: int
    platform: str = ""


_ADDRESS = re.compile(
    r"(?:(?:https?|hxxps?)://|www\.)[^\s<>\"'`]+|(?<![\w@.\-])(?:[\w-]+\.)+[a-z]{2,}/[^\s<>\"'`]*", re.IGNORECASE
)
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.!#$%&'*+/=?^`{|}~-]+[@＠](?:[\w-]+\.)+[\w-]{2,}")
_HANDLE = re.compile(r"(?<![\w@.])[@＠](?:\w[\w.\-]*\w|\w)")
# Closing punctuation after an address belongs to the sentence, not to the address.
_TRAILING = ".,;:!?'\"。，、；：！？）】」』"
_MESSENGER_DOMAINS = {
    "t.me": "telegram", "telegram.me": "telegram", "telegram.dog": "telegram",
    "wa.me": "whatsapp", "whatsapp.com": "whatsapp", "signal.me": "signal",
}  # fmt: skip
_MESSENGER_LABELS = {
    "telegram": "telegram", "телеграм": "telegram", "电报": "telegram", "電報": "telegram",
    "whatsapp": "whatsapp", "signal": "signal", "wechat": "wechat", "weixin": "wechat", "微信": "wechat",
}  # fmt: skip
_LABELS = _MESSENGER_LABELS | {name: platform.id for platform in PLATFORMS.values() for name in platform.names}
_LABEL = "|".join(
    f"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])" if name.isascii() else re.escape(name)
    for name in sorted(_LABELS, key=len, reverse=True)
)
_LABEL_WORDS = r"(?:\s*(?:id|username|handle|account|number|nummer|号|號|账号|帳號))?\s*[:：]?\s*"
# A label only names the kind of a value that follows it directly ("WeChat ID: zhang_gh88").
_LABEL_BEFORE = re.compile(rf"(?P<label>{_LABEL}){_LABEL_WORDS}$", re.IGNORECASE)
_LABELLED = re.compile(rf"(?P<label>{_LABEL}){_LABEL_WORDS}(?P<h>\w[\w.\-]*\w)", re.IGNORECASE)
_HINT_WINDOW = 40


def _kind_of(label: str) -> tuple[str, str] | None:
    """(kind, platform) that a label names; None for a match only case-insensitive regular expressions
    make ("İnstagram" matches "instagram" but folds to "i̇nstagram")."""
    target = _LABELS.get(label.casefold())
    if target is None:
        return None
    return ("social_handle", target) if target in PLATFORMS else (target, "")


@dataclass
class _Finder:
    text: str
    region: str
    found: list[Found] = field(default_factory=list)

    def add(self, kind: str, start: int, end: int, platform: str = "") -> bool:
        if any(start < other.end and other.start < end for other in self.found):
            return False
        value = self.text[start:end]
        try:
            canonical = normalise(kind, value, platform=platform, region=self.region)
        except InvalidIdentifier:
            return False
        self.found.append(Found(kind, value, canonical, start, end, platform))
        return True

    def hint(self, start: int) -> tuple[str, str] | None:
        """The kind named by a label just before `start`."""
        label = _LABEL_BEFORE.search(self.text, max(0, start - _HINT_WINDOW), start)
        return _kind_of(label["label"]) if label else None

    def addresses(self) -> None:
        for match in _ADDRESS.finditer(self.text):
            start, end = match.span()
            while end > start and (
                self.text[end - 1] in _TRAILING or (self.text[end - 1] == ")" and "(" not in self.text[start:end])
            ):
                end -= 1
            kind, platform = self._address_kind(self.text[start:end])
            if kind == "url" or not self.add(kind, start, end, platform):
                self.add("url", start, end)

    @staticmethod
    def _address_kind(address: str) -> tuple[str, str]:
        try:
            host = split_web_address(address)[0]
        except InvalidIdentifier:
            return "url", ""
        if (domain := registrable_domain(host.rsplit(":", 1)[0])) in _MESSENGER_DOMAINS:
            return _MESSENGER_DOMAINS[domain], ""
        platform = platform_of_host(host)
        return ("social_handle", platform.id) if platform else ("url", "")

    def emails(self) -> None:
        for match in _EMAIL.finditer(self.text):
            self.add("email", *match.span())

    def labelled(self) -> None:
        for match in _LABELLED.finditer(self.text):
            labelled = _kind_of(match["label"])
            if labelled and not match["h"].replace("-", "").replace(".", "").isdigit():  # numbers: see phones()
                self.add(labelled[0], *match.span("h"), labelled[1])

    def handles(self) -> None:
        for match in _HANDLE.finditer(self.text):
            kind, platform = self.hint(match.start()) or ("telegram", "")
            self.add(kind, match.start(), match.end(), platform)

    def phones(self) -> None:
        for match in phone_matches(self.text, self.region, leniency=Leniency.VALID):
            kind, _platform = self.hint(match.start) or ("phone", "")
            if kind == "social_handle" or not self.add(kind, match.start, match.end):
                self.add("phone", match.start, match.end)


def find_identifiers(text: str, *, region: str = "NL") -> list[Found]:
    """Identifiers in `text`, in the order they appear; never raises for any text."""
    finder = _Finder(text, region)
    finder.addresses()
    finder.emails()
    finder.labelled()
    finder.handles()
    finder.phones()
    return sorted(finder.found, key=lambda found: found.start)

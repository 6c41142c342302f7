"""E-mail addresses in the form that one mailbox has, however it was written.

Decisions (changing one requires `meldpunt correlate rebuild`):
- the domain is lower-case IDNA A-labels and must end in a known public suffix;
- the local part is case-folded too. RFC 5321 lets a server tell "Li.Wei" from "li.wei", but no
  mail provider in use does, and a reporter copies case from a screenshot or types it from memory:
  a missed match costs more than the theoretical collision, which a handler sees anyway;
- where the provider documents it, the address is reduced to its mailbox: Gmail ignores dots and
  reads "googlemail.com" as "gmail.com"; the providers in `_SUBADDRESSING` deliver "name+tag@" to
  "name@", so the tag is dropped. Elsewhere "+" and "." are kept: on an unknown server "a+b" may
  be another person's mailbox;
- quoted local parts ("john smith"@…) and IP-address domains are refused as not used by real people;
- "mailto:" and enclosing angle brackets are read through.
"""

from __future__ import annotations

import re

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.folding import fold_case
from meldpunt.correlate.hostnames import canonical_host

_LOCAL_PART = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*")
_MAX_LOCAL = 64  # RFC 5321
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_GMAIL = {"gmail.com", "googlemail.com"}
# Providers whose documentation says "name+anything@" reaches "name@".
_SUBADDRESSING = frozenset(
    {"gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com"}
    | {"proton.me", "protonmail.com", "protonmail.ch", "pm.me", "fastmail.com", "yandex.ru", "yandex.com"}
)


def _mailbox(local: str, domain: str) -> tuple[str, str]:
    if domain in _GMAIL:
        domain = "gmail.com"
        local = local.replace(".", "")
    if domain in _SUBADDRESSING:
        local = local.split("+", 1)[0]
    return local, domain


def canonical_email(text: str) -> str:
    text = _MAILTO.sub("", text.removeprefix("<").removesuffix(">"), count=1).split("?", 1)[0].strip()
    local, at, domain = text.rpartition("@")
    if not at or not local:
        raise InvalidIdentifier("not_an_email", "an e-mail address has the form name@domain")
    domain = canonical_host(domain, "not_an_email", allow_ip=False)
    local = _checked(fold_case(local))
    local, domain = _mailbox(local, domain)
    return f"{_checked(local)}@{domain}"


def _checked(local: str) -> str:
    if len(local) > _MAX_LOCAL or not _LOCAL_PART.fullmatch(local):
        raise InvalidIdentifier("not_an_email", "the part before @ is not a valid mailbox name")
    return local


class EmailNormaliser(Normaliser):
    kind = "email"

    def clean(self, text: str, hints: Hints) -> str:
        return canonical_email(text)

    def validate(self, canonical: str) -> None:
        if canonical_email(canonical) != canonical:
            raise InvalidIdentifier("not_an_email", "not an e-mail address in canonical form")

"""Host names in one form: lower-case IDNA A-labels ("bücher.de" and "BÜCHER.de" are
"xn--bcher-kva.de"), checked against the public-suffix list that ships inside `publicsuffixlist`
(read from the installed package, never fetched), so "localhost", "co.uk" or a typo'd TLD is refused
instead of indexed as a place on the web.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cache

import idna
from publicsuffixlist import PublicSuffixList

from meldpunt.correlate.errors import ErrorCode, InvalidIdentifier

# Ideographic and half-width full stops separate labels in hosts typed with a CJK input method.
_DOTS = re.compile("[\u3002\uff0e\uff61]")
# ASCII labels as they occur in the wild: underscores appear in real subdomains although IDNA refuses them.
_ASCII_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_MAX_HOST = 253  # RFC 1035


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList(accept_unknown=False)


def registrable_domain(host: str) -> str | None:
    """The part of an A-label host that someone registered ("bar.example.co.uk" -> "example.co.uk")."""
    return _suffixes().privatesuffix(host)


def _label(label: str) -> str:
    lowered = label.lower()
    if label.isascii() and not lowered.startswith("xn--") and _ASCII_LABEL.fullmatch(lowered):
        return lowered
    return idna.encode(label, uts46=True).decode("ascii")


def canonical_host(host: str, code: ErrorCode, *, allow_ip: bool) -> str:
    """`host` as lower-case A-labels, or (if allowed) an IP address in its compressed form; raises
    InvalidIdentifier with `code`."""
    host = _DOTS.sub(".", host).removesuffix(".")
    try:
        address = ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
    except ValueError:
        pass
    else:
        if not allow_ip:
            raise InvalidIdentifier(code, "an IP address is not accepted here")
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    try:
        ascii_host = ".".join(_label(label) for label in host.split("."))
    except UnicodeError as error:  # idna.IDNAError is one
        raise InvalidIdentifier(code, "the host name is not valid") from error
    if len(ascii_host) > _MAX_HOST:
        raise InvalidIdentifier(code, "the host name is too long")
    if registrable_domain(ascii_host) is None:
        raise InvalidIdentifier(code, "the host name has no registrable domain under a known public suffix")
    return ascii_host

"""Web addresses in one canonical form: host, port (if not a default), path and the query parameters
that select content, so the many ways of writing one page meet on the blind index.

The canonical form, chosen once (changing it requires `meldpunt correlate rebuild`):
- the scheme is dropped (http and https name one page); schemes other than http(s) are refused;
- user information is dropped ("https://paypal.com@evil.example/" is evil.example);
- the host is lower-case IDNA A-labels ("xn--bcher-kva.de"), a leading "www." is dropped when what
  remains is still a registrable domain ("www.nl" stays); the host must end in a known public suffix;
- ports 80 and 443 are dropped, other ports kept;
- the path keeps its case, percent-escapes are normalised (unreserved characters decoded, other escapes
  in upper case, non-ASCII encoded as UTF-8), dot segments are resolved, trailing slashes dropped;
- tracking parameters (utm_*, fbclid, gclid and kin) are dropped, the rest sorted;
- the fragment is dropped.
Defanged addresses ("hxxps://example[.]com") are read as the address they stand for.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.hostnames import canonical_host, registrable_domain

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_DEFANGED_SCHEME = re.compile(r"hxxp(s?)://", re.IGNORECASE)
_DEFANGED_DOT = re.compile(r"[\[(]\.[\])]|\[dot\]", re.IGNORECASE)
_DEFAULT_PORTS = {80, 443}
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "igsh"}
    | {"mc_cid", "mc_eid", "_ga", "_gl", "mkt_tok"}
)
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/!$&'()*+,;=:@-._~%"
_QUERY_SAFE = "/?!$'()*+,;=:@-._~%"


def _with_scheme(text: str) -> tuple[str, bool]:
    """The address with a scheme to parse it by, and whether the writer gave one."""
    text = _DEFANGED_DOT.sub(".", _DEFANGED_SCHEME.sub(r"http\1://", text))
    if text.startswith("//"):
        return "http:" + text, True
    scheme = _SCHEME.match(text)
    if scheme is None:
        return "http://" + text, False
    rest = text[scheme.end() :]
    if rest.startswith("//") and scheme[1].lower() in {"http", "https"}:
        return text, True
    if rest[:1].isdigit():  # "example.com:8080/…", a host and port without a scheme
        return "http://" + text, False
    raise InvalidIdentifier("not_a_url", "only web (http and https) addresses are accepted")


def _escapes(part: str, safe: str) -> str:
    """Percent-escapes in one form (RFC 3986 6.2.2): unreserved characters decoded, other escapes in
    upper case, characters that must be escaped (spaces, non-ASCII as UTF-8) escaped."""

    def decode_unreserved(escape: re.Match[str]) -> str:
        char = chr(int(escape[1], 16))
        return char if char in _UNRESERVED else "%" + escape[1].upper()

    return _ESCAPE.sub(decode_unreserved, quote(part, safe=safe))


def _path(path: str) -> str:
    kept: list[str] = []
    for segment in _escapes(path, _PATH_SAFE).split("/"):
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    return "/".join(kept).rstrip("/")


def _query(query: str) -> str:
    pairs = [_escapes(pair, _QUERY_SAFE) for pair in query.split("&") if pair]
    kept = [pair for pair in pairs if not _is_tracking(unquote(pair.split("=", 1)[0]).lower())]
    return "&".join(sorted(kept))


def _is_tracking(key: str) -> bool:
    return key.startswith("utm_") or key in _TRACKING


def split_web_address(text: str) -> tuple[str, str, str]:
    """(canonical host with port, raw path, raw query) of a web address; raises not_a_url."""
    address, had_scheme = _with_scheme(text)
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError as error:
        raise InvalidIdentifier("not_a_url", "not a web address") from error
    if not parts.hostname:
        raise InvalidIdentifier("not_a_url", "the web address has no host")
    if "@" in parts.netloc and not had_scheme:
        raise InvalidIdentifier("not_a_url", "this reads as an e-mail address, not a web address")
    host = canonical_host(parts.hostname, "not_a_url", allow_ip=True)
    if host.startswith("www.") and registrable_domain(host[4:]) is not None:
        host = host[4:]
    if port is not None and port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    return host, parts.path, parts.query


def canonical_web_address(text: str) -> str:
    host, path, query = split_web_address(text)
    query = _query(query)
    return host + _path(path) + (f"?{query}" if query else "")


class UrlNormaliser(Normaliser):
    kind = "url"

    def clean(self, text: str, hints: Hints) -> str:
        return canonical_web_address(text)

    def validate(self, canonical: str) -> None:
        if canonical_web_address(canonical) != canonical:
            raise InvalidIdentifier("not_a_url", "not a web address in canonical form")

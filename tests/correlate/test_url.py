"""Web addresses: the canonical form drops what does not change the page, and keeps what does."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("https://www.Example.com/", "example.com"),
        ("http://example.com", "example.com"),
        ("example.com", "example.com"),
        ("//example.com/a", "example.com/a"),
        ("HTTPS://EXAMPLE.COM/News/Item", "example.com/News/Item"),  # paths keep their case
        ("https://example.com:443/a/", "example.com/a"),
        ("http://example.com:80/a//", "example.com/a"),
        ("https://example.com:8443/a", "example.com:8443/a"),
        ("example.com:8080", "example.com:8080"),
        ("https://example.com/a/./b/../c", "example.com/a/c"),
        ("https://example.com/%7Euser/%2f", "example.com/~user/%2F"),
        ("https://example.com/新闻", "example.com/%E6%96%B0%E9%97%BB"),
        ("https://example.com/%e6%96%b0%e9%97%bb", "example.com/%E6%96%B0%E9%97%BB"),
        ("https://example.com/a b", "example.com/a%20b"),
        ("https://example.com/?b=2&a=1", "example.com?a=1&b=2"),
        ("https://example.com/p?utm_source=x&utm_medium=y&id=7&fbclid=abc&gclid=def", "example.com/p?id=7"),
        ("https://example.com/p?UTM_Campaign=x", "example.com/p"),
        ("https://example.com/p#section-2", "example.com/p"),
        ("https://user:secret@example.com/p", "example.com/p"),
        ("https://paypal.com@evil.example.co.uk/", "evil.example.co.uk"),
        ("https://bücher.de/", "xn--bcher-kva.de"),
        ("https://xn--bcher-kva.de/", "xn--bcher-kva.de"),
        ("https://例子。中国/", "xn--fsqu00a.xn--fiqs8s"),  # ideographic full stop
        ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ", "example.com/a"),  # full-width
        ("https://www.nl/", "www.nl"),  # www.nl is itself the registrable domain
        ("https://www.example.co.uk/", "example.co.uk"),
        ("https://shop.example.com/", "shop.example.com"),  # other subdomains stay
        ("https://alice.github.io/x", "alice.github.io/x"),
        ("hxxps://evil[.]example[.]com/login", "evil.example.com/login"),  # defanged
        ("https://192.0.2.1/panel", "192.0.2.1/panel"),
        ("http://[2001:DB8::1]:8080/", "[2001:db8::1]:8080"),
        ("http://abcdefghijklmnop.onion/", "abcdefghijklmnop.onion"),
        ("t.me/Name", "t.me/Name"),
        ("https://example.com/a?q=%e4", "example.com/a?q=%E4"),
    ],
)
def test_addresses_become_canonical(value: str, canonical: str) -> None:
    assert normalise("url", value) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("example.com/a", "example.com/A"),
        ("example.com/a", "example.com/b"),
        ("shop.example.com", "example.com"),
        ("example.com/p?id=7", "example.com/p?id=8"),
        ("example.com:8080", "example.com"),
        ("example.com/%2F", "example.com//"),
        ("bücher.de", "bucher.de"),
    ],
)
def test_different_pages_stay_apart(first: str, second: str) -> None:
    assert normalise("url", first) != normalise("url", second)


@pytest.mark.parametrize(
    "value",
    [
        "foo",
        "localhost",
        "http://localhost:8000/",
        "co.uk",
        "https://example.invalidtld/",
        "ftp://example.com/file",
        "mailto:desk@example.org",
        "javascript:alert(1)",
        "desk@example.org",  # an e-mail address, not a web address
        "http://",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "http://[::1/",
        "https://-example-.com/",
    ],
)
def test_malformed_addresses_are_refused(value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("url", value)
    assert raised.value.code == "not_a_url"

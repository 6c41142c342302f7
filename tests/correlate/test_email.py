"""E-mail addresses: one mailbox, one canonical form; other mailboxes stay apart."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("Liaison.Desk@Example.ORG", "liaison.desk@example.org"),
        ("  <liaison.desk@example.org> ", "liaison.desk@example.org"),
        ("mailto:Liaison.Desk@example.org?subject=hi", "liaison.desk@example.org"),
        ("liaison.desk＠example.org", "liaison.desk@example.org"),  # full-width at sign
        ("li.wei+nl@gmail.com", "liwei@gmail.com"),  # Gmail ignores dots and +tags
        ("L.I.W.E.I@googlemail.com", "liwei@gmail.com"),  # and googlemail.com is gmail.com
        ("desk+reports@outlook.com", "desk@outlook.com"),
        ("desk+reports@proton.me", "desk@proton.me"),
        ("first.last+tag@example.org", "first.last+tag@example.org"),  # an unknown server may differ
        ("Straße@example.de", "strasse@example.de"),  # Unicode case folding
        ("info@BÜCHER.de", "info@xn--bcher-kva.de"),  # the domain as IDNA A-labels
        ("张伟@例子.中国", "张伟@xn--fsqu00a.xn--fiqs8s"),
        ("desk@example.org.", "desk@example.org"),  # the root dot
    ],
)
def test_addresses_become_canonical(value: str, canonical: str) -> None:
    assert normalise("email", value) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("li.wei@example.org", "liwei@example.org"),  # dots only fold at Gmail
        ("desk+a@example.org", "desk+b@example.org"),
        ("desk@example.org", "desk@example.com"),
        ("jose@example.org", "josé@example.org"),  # accents are letters of a mailbox name
        ("desk@mail.example.org", "desk@example.org"),
    ],
)
def test_different_mailboxes_stay_apart(first: str, second: str) -> None:
    assert normalise("email", first) != normalise("email", second)


@pytest.mark.parametrize(
    "value",
    [
        "desk",
        "desk@",
        "@example.org",
        "desk@localhost",
        "desk@example",
        "desk@co.uk",
        "desk@192.0.2.1",
        "desk@[192.0.2.1]",
        "de sk@example.org",
        ".desk@example.org",
        "de..sk@example.org",
        "desk.@example.org",
        '"john smith"@example.org',
        "a" * 65 + "@example.org",
        "+tag@gmail.com",
        "desk@exa mple.org",
        "https://example.org/",
    ],
)
def test_malformed_addresses_are_refused(value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("email", value)
    assert raised.value.code == "not_an_email"

"""Identifier normalisation (pure): equal identifiers must meet on the blind index (DESIGN rule 5).

Protects against two failures of correlation. A blind index only matches byte-equal input, so
"+31 6 1234 5678", "0031612345678" and "06-12345678" must become one string before hashing, or
reports about one harasser never meet. And a value must never be indexed as something it is not
(a phone number read from stray letters, an e-mail address read as a web address): such a value
raises InvalidIdentifier with a stable code instead, and the caller shows the error.

Canonical forms are what the blind index hashes, so they are stable across releases: changing
what any normaliser returns for any input (a new tracking parameter, a new Gmail rule, a new
platform alias that folds differently) leaves existing digests behind, and needs
`meldpunt correlate rebuild` to re-hash the stored identifiers. Rules for which values are
*accepted* may change without a rebuild.

One normaliser per kind of identifiers in vocab/data/identifier_kinds.yaml (STYLE 7).
"""

from __future__ import annotations

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.email_address import EmailNormaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.messengers import SignalNormaliser, TelegramNormaliser, WeChatNormaliser, WhatsAppNormaliser
from meldpunt.correlate.names import OrganisationNameNormaliser, PersonNameNormaliser
from meldpunt.correlate.phone_number import PhoneNormaliser
from meldpunt.correlate.plates import VehiclePlateNormaliser
from meldpunt.correlate.social import SocialHandleNormaliser
from meldpunt.correlate.web_address import UrlNormaliser

__all__ = ["NORMALISERS", "InvalidIdentifier", "normalise"]

NORMALISERS: dict[str, Normaliser] = {
    normaliser.kind: normaliser
    for normaliser in (
        PhoneNormaliser(),
        EmailNormaliser(),
        TelegramNormaliser(),
        WeChatNormaliser(),
        WhatsAppNormaliser(),
        SignalNormaliser(),
        SocialHandleNormaliser(),
        UrlNormaliser(),
        PersonNameNormaliser(),
        OrganisationNameNormaliser(),
        VehiclePlateNormaliser(),
    )
}


def normalise(kind: str, value: str, *, platform: str = "", region: str = "NL") -> str:
    """The canonical form of one identifier: numbers read with the report's region as a hint, social
    handles with their platform. Raises InvalidIdentifier, and nothing else, for a value that is not
    an identifier of that kind."""
    if kind not in NORMALISERS:
        raise InvalidIdentifier("unknown_kind", "not a kind of identifier Meldpunt knows")
    return NORMALISERS[kind].normalise(value, Hints(platform=platform, region=region))

"""Read-only JSON of the published knowledge base: the same records and citations as the public pages."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["knowledge"])

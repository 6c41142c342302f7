"""Read-only JSON of every published table, after disclosure control."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["insight"])

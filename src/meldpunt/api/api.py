"""The JSON API (django-ninja), with its OpenAPI schema at /api/v1/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from meldpunt.api.insight import router as insight_router
from meldpunt.api.intake import router as intake_router
from meldpunt.api.knowledge import router as knowledge_router

api = NinjaAPI(
    title="Meldpunt API",
    version="1",
    description="Anonymous reporting of transnational repression; see the README for the security model.",
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/intake/", intake_router)
api.add_router("/knowledge/", knowledge_router)
api.add_router("/insight/", insight_router)

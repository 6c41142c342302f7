"""Template context every page gets: the quick-exit address and the text direction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_bidi


def meldpunt(request: HttpRequest) -> dict[str, Any]:
    return {
        "quick_exit_url": settings.MELDPUNT.quick_exit_url,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        # The same page in every language, as plain links: switching needs no cookie and no script.
        "language_links": [(code, name, translate_url(request.path, code)) for code, name in settings.LANGUAGES],
    }

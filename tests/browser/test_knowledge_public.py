"""The public knowledge pages in headless chromium with JavaScript off: headings, labels, names, the map."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from tests.knowledge.test_public_pages import published_world

pytestmark = pytest.mark.django_db(transaction=True)

AUDIT = """() => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]));
  const unlabelled = [...document.querySelectorAll('input, select, textarea')]
    .filter(c => c.type !== 'hidden' && c.type !== 'submit' && c.labels.length === 0 && !c.getAttribute('aria-label'))
    .map(c => c.name || c.id);
  const name = e => (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ')
    .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')).trim();
  const unnamed = [...document.querySelectorAll('img, svg[role=img], [role=img]')]
    .filter(e => e.tagName.toLowerCase() === 'img' ? !e.hasAttribute('alt') : !name(e))
    .map(e => e.outerHTML.slice(0, 80));
  return {levels, unlabelled, unnamed};
}"""


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    yield context.new_page()
    context.close()


def test_every_public_page_is_accessible_and_the_map_shows_the_stations(live_server: Any, page: Any) -> None:
    world = published_world()
    base = live_server.url
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    paths = ["", "timeline/", "partnerships/", "partnerships/?kind=sister_city", "statements/", "actors/"]
    paths.append(f"actors/{world['closed'].pk}/")
    for language in ("en", "ug"):
        for path in paths:
            response = page.goto(f"{base}/{language}/knowledge/{path}")
            assert response.status == 200, path
            audit = page.evaluate(AUDIT)
            levels = audit["levels"]
            assert levels.count(1) == 1, (path, levels)
            assert levels[0] == 1, (path, levels)
            assert all(later <= earlier + 1 for earlier, later in pairwise(levels)), (path, levels)
            assert audit["unlabelled"] == [], path
            assert audit["unnamed"] == [], path
    assert all(url.startswith(base) for url in requested), "a page asked another server for something"

    page.goto(f"{base}/en/knowledge/")
    map_box = page.locator("svg.map").bounding_box()
    dots = page.locator("svg.map circle.dot")
    assert dots.count() == 1
    assert "Service station Rotterdam" in dots.first.text_content()
    dot = dots.first.bounding_box()
    assert map_box["x"] <= dot["x"] <= map_box["x"] + map_box["width"]
    assert map_box["y"] <= dot["y"] <= map_box["y"] + map_box["height"]
    assert page.locator("svg.map path[data-iso=NL]").count() == 1

    page.goto(f"{base}/en/knowledge/partnerships/")
    page.select_option("#id_status", "severed")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/partnerships/?*status=severed*")
    assert page.locator("tr.partnership").count() == 1

"""A real browser over the real server: home -> search -> story -> article -> entity.

The server (uvicorn on a free loopback port over the demo corpus) and the browser (Debian's
chromium driven by Playwright, never `playwright install`) are fixtures in conftest.py. Fails on
any console error or CSP violation, and keeps screenshots (in MARSAD_SCREENSHOTS=1 runs, also
under test-artifacts/ at the repo root).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.keep = ROOT / "test-artifacts" if os.environ.get("MARSAD_SCREENSHOTS") else None

    def take(self, page: object, name: str) -> None:
        path = self.folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        if self.keep:
            self.keep.mkdir(exist_ok=True)
            shutil.copy(path, self.keep / path.name)


def watch(page: object) -> list[str]:
    """Console errors (CSP violations are reported there) and uncaught page errors."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))  # type: ignore[attr-defined]
    return problems


def test_a_reader_goes_from_home_to_search_story_article_and_entity(server: str, browser: object,
                                                                     tmp_path: Path) -> None:
    shots = Shots(tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")  # type: ignore[attr-defined]
    page = context.new_page()
    problems = watch(page)

    page.goto(server + "/")
    assert page.locator("h1").first.is_visible()
    assert page.locator("ol.story-list li").count() >= 5
    assert page.evaluate("document.documentElement.dir") == "rtl"
    shots.take(page, "1-home")

    page.fill("form.search input[name=q]", "سيول حجة")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?**")
    assert page.locator("li.hit").count() >= 1 and page.locator("li.hit mark").first.is_visible()
    shots.take(page, "2-search")

    page.goto(server + "/")
    page.locator("ol.story-list li h3 a").first.click()
    page.wait_for_url("**/story/**")
    assert page.locator("#side-by-side .column").count() >= 2
    assert page.locator("svg.provenance").count() in (0, 1)
    shots.take(page, "3-story")

    page.locator("#side-by-side .members a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator("div.body").is_visible()
    shots.take(page, "4-article")

    page.locator("div.body a.hl-ent").first.click()
    page.wait_for_url("**/entity/**")
    assert page.locator("h1").is_visible() and page.locator("#time-h").is_visible()
    shots.take(page, "5-entity")

    page.click("#theme-toggle")
    theme = page.evaluate("document.documentElement.getAttribute('data-theme')")
    assert theme in ("dark", "light")
    assert page.evaluate("localStorage.getItem('marsad-theme')") == theme
    page.reload()
    assert page.evaluate("document.documentElement.getAttribute('data-theme')") == theme
    shots.take(page, "6-entity-toggled")

    assert problems == []
    context.close()


def test_story_and_article_fit_a_phone_in_dark_mode(server: str, browser: object, tmp_path: Path) -> None:
    shots = Shots(tmp_path)
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark",  # type: ignore[attr-defined]
                                  device_scale_factor=1)
    page = context.new_page()
    problems = watch(page)
    page.goto(server + "/")
    shots.take(page, "7-phone-home")
    page.locator("ol.story-list li h3 a").first.click()
    page.wait_for_url("**/story/**")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the story page scrolls sideways on a phone ({width}px)"
    shots.take(page, "8-phone-story")
    page.locator("#side-by-side .members a").first.click()
    page.wait_for_url("**/article/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shots.take(page, "9-phone-article")
    assert problems == []
    context.close()

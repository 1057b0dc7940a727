"""Every page a reader sees is Arabic: no English code (a qualifier, a kind, an entity type) in the
visible text of the home, story, article, entity, outlet and search pages. Latin is allowed only in
URLs, entity keys (org:isis), the brand and the names of formats the pages link to (JSON API)."""
from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

ALLOWED = {"marsad", "API", "JSON"}
_URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:example|com|net|org|sa)\S*")
_KEY = re.compile(r"\b(?:per|org|loc|misc):\S+")      # entity keys are identifiers, like URLs


def visible_latin(html: str) -> set[str]:
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    text = _KEY.sub(" ", _URL.sub(" ", re.sub(r"<[^>]+>", " ", text)))
    return set(re.findall(r"\b[A-Za-z][A-Za-z_-]+\b", text)) - ALLOWED


def test_the_six_kinds_of_page_show_no_english_words(client: TestClient) -> None:
    story = client.get("/api/v1/stories?limit=1").json()["items"][0]
    members = client.get(f"/api/v1/stories/{quote(story['id'], safe='')}").json()["members"]
    outlet = next(o["name"] for o in client.get("/api/v1/outlets").json()["items"] if o["name"])
    pages = ["/", f"/story/{quote(story['id'], safe='')}", f"/article/{members[0]['id']}", "/entity/org:isis",
             f"/outlet/{quote(outlet, safe='')}", "/search?q=" + quote("قتلى"), "/entities"]
    found = {page: visible_latin(client.get(page).text) for page in pages}
    assert {page: words for page, words in found.items() if words} == {}

"""Every page a reader sees is Arabic: no English code (a qualifier, a kind, an entity type) in the
visible text of the home, story, article, entity, outlet and search pages. Latin is allowed only in
URLs, the brand and the names of formats the pages link to (JSON API): see visible_text.py. The same
check in a real browser, over the text JavaScript leaves on the page: test_browser_arabic.py."""
from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient
from visible_text import visible_latin


def test_the_six_kinds_of_page_show_no_english_words(client: TestClient) -> None:
    story = client.get("/api/v1/stories?limit=1").json()["items"][0]
    members = client.get(f"/api/v1/stories/{quote(story['id'], safe='')}").json()["members"]
    outlet = next(o["name"] for o in client.get("/api/v1/outlets").json()["items"] if o["name"])
    pages = ["/", f"/story/{quote(story['id'], safe='')}", f"/article/{members[0]['id']}", "/entity/org:isis",
             f"/outlet/{quote(outlet, safe='')}", "/search?q=" + quote("قتلى"), "/entities"]
    found = {page: visible_latin(client.get(page).text) for page in pages}
    assert {page: words for page, words in found.items() if words} == {}

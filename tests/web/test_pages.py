"""HTML pages over the demo corpus: each shows its content, is RTL Arabic, and links its JSON twin."""
from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient


def story_with_edges(client: TestClient) -> dict:
    for s in client.get("/api/v1/stories?limit=200").json()["items"]:
        story = client.get(f"/api/v1/stories/{quote(s['id'], safe='')}").json()
        if story["report"]["edges"] and story["report"]["disagreements"]:
            return story
    raise AssertionError("no story with provenance edges and disagreements in the demo corpus")


def test_home_lists_latest_stories_with_outlets_and_a_search_box(client: TestClient) -> None:
    html = client.get("/").text
    assert '<html dir="rtl" lang="ar">' in html
    assert 'action="/search"' in html and 'name="q"' in html
    first = client.get("/api/v1/stories?limit=1").json()["items"][0]
    assert f'/story/{quote(first["id"], safe="")}' in html
    assert 'href="/api/v1/stories"' in html


def test_search_page_marks_matches_and_pages(client: TestClient) -> None:
    html = client.get("/search", params={"q": "في", "limit": 5}).text
    assert html.count('class="card hit"') == 5
    assert "<mark>" in html and 'rel="next"' in html
    assert client.get("/search", params={"q": "في", "limit": 5, "offset": 5}).status_code == 200


def test_search_page_explains_instead_of_failing(client: TestClient) -> None:
    for q in ["", "***", '"', "a" * 10_000, "NEAR(x y)"]:
        response = client.get("/search", params={"q": q})
        assert response.status_code == 200
    assert 'class="notice"' in client.get("/search", params={"q": "***"}).text
    assert 'class="notice"' in client.get("/search", params={"q": "كلمةلاتوجدابدا"}).text


def test_story_page_shows_outlets_numbers_graph_naming_quotes_timeline(client: TestClient) -> None:
    story = story_with_edges(client)
    html = client.get(f"/story/{quote(story['id'], safe='')}").text
    for section in ("side-by-side", "numbers", "provenance", "naming", "quotes", "timeline"):
        assert f'id="{section}"' in html
    assert '<svg class="provenance"' in html and 'class="node origin"' in html
    assert html.count('class="card column"') == len(story["report"]["outlets"])
    assert story["report"]["disagreements"][0]["what"] in html


def test_story_page_sets_each_disagreement_side_by_side_in_arabic(client: TestClient) -> None:
    story = story_with_edges(client)
    html = client.get(f"/story/{quote(story['id'], safe='')}").text
    shown = [d for d in story["report"]["disagreements"] if d["apart"]]
    assert html.count('class="clash"') == len(shown) > 0
    first = shown[0]
    low = first["apart"][0]
    assert "<mark>" + first["wording"][low] + "</mark>" in html.replace("&#34;", '"')
    codes = ("more_than", "less_than", "at_least", "at_most", "approx", "vague", "emotive", "delegitimising",
             "legitimising", "hedging")
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL))
    assert [c for c in codes if re.search(rf"\b{c}\b", visible)] == []


def test_story_page_gives_each_disagreements_basis_in_arabic_with_its_audited_record(client: TestClient) -> None:
    from marsad.labels import label
    from marsad.stories.measured import measured

    story = story_with_edges(client)
    html = client.get(f"/story/{quote(story['id'], safe='')}").text
    first = next(d for d in story["report"]["disagreements"] if d["apart"])
    record = measured(first["basis"])
    assert label("basis", first["basis"]) in html and record is not None
    assert f"صحّ {record.right} من {record.judged} على هذا الأساس" in html
    assert "درجة الثقة" not in html     # an alignment score is not a probability; the page does not say it is
    marked = 0
    for s in client.get("/api/v1/stories?limit=200").json()["items"]:
        report = client.get(f"/api/v1/stories/{quote(s['id'], safe='')}").json()["report"]
        shown = [d for d in report["disagreements"] if d["apart"] and d["sentences"]]
        doubtful = [d for d in shown if (m := measured(d["basis"])) and m.right * 2 < m.judged]
        page = client.get(f"/story/{quote(s['id'], safe='')}").text
        assert page.count('class="clash uncertain"') == len(doubtful)   # marked where the audit found most wrong
        marked += len(doubtful)
    assert marked > 0


def test_article_page_highlights_entities_quotes_numbers_and_dates(client: TestClient) -> None:
    story = story_with_edges(client)
    article_id = story["members"][0]["id"]
    html = client.get(f"/article/{article_id}").text
    for kind in ("hl-ent", "hl-qty", "hl-date"):
        assert f'class="{kind}' in html or f' {kind}' in html
    assert 'href="/entity/' in html
    assert f'href="/story/{quote(story["id"], safe="")}"' in html
    cited = next(m["id"] for m in story["members"] if m["outlet"] and
                 client.get(f"/api/v1/articles/{m['id']}").json()["attributions"])
    assert 'class="arrow"' in client.get(f"/article/{cited}").text   # outlet ← source, drawn as a chain


def test_article_page_keeps_removed_boilerplate_in_a_details_element(client: TestClient) -> None:
    for row in client.get("/api/v1/articles?limit=200").json()["items"]:
        article = client.get(f"/api/v1/articles/{row['id']}").json()
        if article.get("removed"):
            html = client.get(f"/article/{row['id']}").text
            assert '<details class="removed">' in html
            return
    raise AssertionError("no demo article had boilerplate removed")


def test_entity_page_shows_forms_mentions_over_time_and_quotes(client: TestClient) -> None:
    html = client.get("/entity/org:isis").text
    assert "تنظيم الدولة الإسلامية" in html
    assert 'id="forms-h"' in html and 'id="time-h"' in html and 'id="quotes-h"' in html
    assert re.search(r'<th scope="row" dir="ltr">2025-03-\d\d</th>', html)


def test_outlet_page_shows_coverage_and_whom_it_cites(client: TestClient) -> None:
    name = next(o["name"] for o in client.get("/api/v1/outlets").json()["items"] if o["name"])
    html = client.get(f"/outlet/{quote(name, safe='')}").text
    assert name in html and 'id="cites-h"' in html and 'id="stories-h"' in html


def test_unknown_pages_are_html_404s(client: TestClient) -> None:
    for url in ("/article/nope", "/story/nope", "/entity/per:nobody", "/outlet/nobody", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"]


def test_bad_page_parameters_are_html_400s(client: TestClient) -> None:
    response = client.get("/?limit=0")
    assert response.status_code == 400 and "limit" in response.text


def test_lists_and_docs_pages_render(client: TestClient) -> None:
    for url in ("/entities", "/entities?type=PER", "/outlets", "/docs"):
        assert client.get(url).status_code == 200


def test_static_assets_are_served_locally(client: TestClient) -> None:
    css = client.get("/static/marsad.css")
    assert css.status_code == 200 and "Noto Naskh Arabic" in css.text and "prefers-color-scheme" in css.text
    assert "localStorage" in client.get("/static/theme.js").text


def test_article_page_without_url_names_its_file_but_not_the_server_folders(client: TestClient) -> None:
    for row in client.get("/api/v1/articles?limit=200").json()["items"]:
        article = client.get(f"/api/v1/articles/{row['id']}").json()
        if not article.get("url") and "/" in article["source"]:
            folder, name = article["source"].rsplit("/", 1)
            html = client.get(f"/article/{row['id']}").text
            assert name in html and folder not in html
            return
    raise AssertionError("no demo article without a URL")


def test_story_page_points_to_related_stories_with_arabic_labels_both_ways(client: TestClient) -> None:
    stories = [client.get(f"/api/v1/stories/{quote(s['id'], safe='')}").json()
               for s in client.get("/api/v1/stories?limit=200").json()["items"]]
    linked = [s for s in stories if s["related"]]
    assert linked, "the demo corpus has stories told in the same words that are other events"
    story = linked[0]
    other = story["related"][0]
    html = client.get(f"/story/{quote(story['id'], safe='')}").text
    assert 'id="related"' in html and 'href="#related"' in html
    assert f'/story/{quote(other["id"], safe="")}' in html
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL))
    assert not re.search(r"follow_up|followed_up_by|same_topic", visible)
    back = client.get(f"/api/v1/stories/{quote(other['id'], safe='')}").json()["related"]
    mirror = {"follow_up_of": "followed_up_by", "followed_up_by": "follow_up_of", "same_topic": "same_topic"}
    assert {"id": story["id"], "relation": mirror[other["relation"]]}.items() <= next(
        r for r in back if r["id"] == story["id"]).items()

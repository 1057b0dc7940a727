"""Hostile input stays inert: script tags, event handlers, javascript: URLs and bidi overrides
ingested from a JSONL file are rendered harmlessly on every page and in every API response."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from web_support import HOSTILE_OUTLET, assert_inert

from marsad.web.security import CSP


def hostile_urls(client: TestClient) -> list[str]:
    articles = client.get("/api/v1/articles").json()["items"]
    assert len(articles) == 2
    stories = client.get("/api/v1/stories").json()["items"]
    entity = client.get("/api/v1/entities").json()["items"][0]["key"]
    urls = ["/", "/search?q=" + quote("حريق مخيم"), "/search?q=" + quote("<script>alert(1)</script>"),
            "/entities", "/outlets", f"/entity/{quote(entity, safe='')}",
            f"/outlet/{quote(HOSTILE_OUTLET.replace(chr(0x202e), '').replace(chr(0x2066), ''), safe='')}",
            "/nothing/<script>alert(1)</script>"]
    urls += [f"/article/{a['id']}" for a in articles]
    urls += [f"/story/{quote(s['id'], safe='')}" for s in stories]
    return urls


def test_the_payload_really_reached_the_store(hostile_client: TestClient) -> None:
    dump = json.dumps(hostile_client.get("/api/v1/articles").json(), ensure_ascii=False)
    stored = [hostile_client.get(f"/api/v1/articles/{a['id']}").json()
              for a in hostile_client.get("/api/v1/articles").json()["items"]]
    assert any("<script>" in (a["title"] or "") + a["text"] for a in stored) or "<script>" in dump
    assert any(a["url"] == "javascript:alert(1)" for a in stored)


def test_every_page_renders_the_payload_inert(hostile_client: TestClient) -> None:
    for url in hostile_urls(hostile_client):
        response = hostile_client.get(url)
        assert response.status_code in (200, 404), url
        assert_inert(response.text)


def test_a_javascript_url_is_shown_as_text_and_never_linked(hostile_client: TestClient) -> None:
    for a in hostile_client.get("/api/v1/articles").json()["items"]:
        html = hostile_client.get(f"/article/{a['id']}").text
        assert 'href="javascript' not in html.lower()
        if "javascript:alert" in html:
            assert 'class="unsafe-url"' in html


def test_user_text_is_isolated_in_bdi(hostile_client: TestClient) -> None:
    article = hostile_client.get("/api/v1/articles").json()["items"][0]
    html = hostile_client.get(f"/article/{article['id']}").text
    assert "<h1><bdi>" in html


def test_every_api_response_is_json_that_a_browser_will_not_sniff(hostile_client: TestClient) -> None:
    articles = hostile_client.get("/api/v1/articles").json()["items"]
    stories = hostile_client.get("/api/v1/stories").json()["items"]
    urls = ["/api/v1/stories", "/api/v1/articles", "/api/v1/entities", "/api/v1/outlets",
            "/api/v1/search?q=" + quote("<script>alert(1)</script>"), "/api/v1/search?q=" + quote("حريق"),
            "/openapi.json"]
    urls += [f"/api/v1/articles/{a['id']}" for a in articles]
    urls += [f"/api/v1/stories/{quote(s['id'], safe='')}" for s in stories]
    for url in urls:
        response = hostile_client.get(url)
        assert response.headers["content-type"].startswith("application/json"), url
        assert response.headers["x-content-type-options"] == "nosniff"
        json.loads(response.text)


@pytest.mark.parametrize("url", ["/", "/search?q=x", "/api/v1/stories", "/static/marsad.css", "/docs",
                                 "/openapi.json", "/nowhere", "/api/v1/articles?limit=0"])
def test_security_headers_are_on_every_response(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_carry_no_inline_script_style_or_handler(client: TestClient) -> None:
    for url in ("/", "/search?q=حجة", "/entities", "/outlets", "/docs", "/entity/org:isis"):
        assert_inert(client.get(url).text)

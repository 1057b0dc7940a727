"""All-Arabic interface, checked in a real browser: what a reader sees on the home, story, article,
entity, outlet and search pages (document.body.innerText, so also any text JavaScript writes, with
the <details> opened, plus the tab title and the inputs' placeholders; not opened: what cleaning
removed from an article, lines of the scraped page such as "Array") holds no English word
outside the allow-list of visible_text.py; every page is <html lang="ar" dir="rtl">; and the
numbers the app formats itself (counts, dates, confidences, the quantities it compares) are all
written in one kind of digit, Western 0-9 (Python's formatting, as in render.number).

The pages are reached as a reader reaches them, by clicking from the home page; the search is
for an Arabic word and must have hits. The same word check over the HTML: test_arabic_pages.py.
"""
from __future__ import annotations

from collections import Counter

import pytest
from visible_text import ALLOWED, digit_systems, latin_words

pytestmark = pytest.mark.slow

# Text the app did not write: titles, names, snippets and quotes (all in <bdi>), the article body,
# words picked from articles (chips), the link to the original, and the graph's labels. Numbers
# there are as the outlet wrote them; everything else with a digit in it is ours.
NOT_OURS = "bdi, .body, .chip, .source-link, .unsafe-url, svg, script, style, select, input, textarea"

READ = """(notOurs) => {
  document.querySelectorAll('details:not(.removed)').forEach(d => { d.open = true; });
  const ours = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (/[0-9\\u0660-\\u0669\\u06F0-\\u06F9]/.test(n.data) && !n.parentElement.closest(notOurs)) {
      ours.push(n.data.trim());
    }
  }
  const visible = el => el.checkVisibility();
  return {
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    text: document.title + '\\n' + document.body.innerText + '\\n' +
          [...document.querySelectorAll('[placeholder]')].filter(visible).map(e => e.placeholder).join('\\n'),
    allowed: [...document.querySelectorAll('a.brand .latin, a[href="/docs"], a.json')].map(e => e.innerText),
    numbers: ours,
  };
}"""


def read(page: object) -> dict:
    return page.evaluate(READ, NOT_OURS)  # type: ignore[attr-defined]


def english(seen: dict) -> list[str]:
    """Latin words on the page less the allowed ones, where they are allowed: the brand in the
    brand, API and JSON on the links to the API docs and to the page's JSON twin."""
    words = latin_words(seen["text"])
    words.subtract(Counter(w for text in seen["allowed"] for w in latin_words(text) if w in ALLOWED))
    return sorted(w for w, n in words.items() if n > 0)


def test_the_six_pages_a_reader_sees_are_arabic(server: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")  # type: ignore[attr-defined]
    page = context.new_page()
    seen: dict[str, dict] = {}

    page.goto(server + "/")
    seen["home"] = read(page)
    page.locator("ol.story-list li h3 a").first.click()
    page.wait_for_url("**/story/**")
    seen["story"] = read(page)
    page.locator("#side-by-side .members a").first.click()
    page.wait_for_url("**/article/**")
    seen["article"] = read(page)

    for kind, link in (("entity", "aside.side a.entity"), ("outlet", "aside.side a.outlet")):
        page.goto(server + "/")
        page.locator(link).first.click()
        page.wait_for_url(f"**/{kind}/**")
        seen[kind] = read(page)

    page.goto(server + "/")
    page.fill("form.search input[name=q]", "قتلى")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?**")
    assert page.locator("li.hit").count() >= 1, "the search for an Arabic word found nothing"
    seen["search"] = read(page)
    context.close()

    not_arabic = {name: (s["lang"], s["dir"]) for name, s in seen.items() if (s["lang"], s["dir"]) != ("ar", "rtl")}
    assert not not_arabic, f"pages not marked lang=ar dir=rtl: {not_arabic}"
    words = {name: english(s) for name, s in seen.items() if english(s)}
    assert not words, f"English words a reader sees: {words}"
    assert all(s["numbers"] for s in seen.values()), "a page with no number of ours: the digit check saw nothing"
    other = {name: [t for t in s["numbers"] if digit_systems(t) != {"0-9"}] for name, s in seen.items()}
    other = {name: texts for name, texts in other.items() if texts}
    assert not other, f"numbers of ours not in Western digits like the rest: {other}"

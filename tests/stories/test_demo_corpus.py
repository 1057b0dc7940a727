"""The demo corpus (examples/) and its MANIFEST: planted stories and number disagreements."""
import json
from collections import Counter

import pytest

from marsad.model import Article
from marsad.pipeline import read_articles
from marsad.stories.compare import compare, outlet_of
from marsad.stories.service import group


@pytest.fixture(scope="module")
def demo(examples_dir):
    manifest = json.loads((examples_dir / "MANIFEST.json").read_text("utf-8"))
    articles = [a for a in read_articles([examples_dir], with_analysis=True) if isinstance(a, Article)]
    by_locator = {a.source.split("examples/", 1)[-1]: a for a in articles}
    assignment, _ = group(articles)
    return manifest, by_locator, assignment


def test_every_planted_story_is_recovered_without_foreign_articles(demo):
    manifest, by_locator, assignment = demo
    for story in manifest["stories"]:
        sids = Counter(assignment[by_locator[loc].id] for loc in story["articles"])
        main, count = sids.most_common(1)[0]
        assert count >= 0.8 * len(story["articles"]), story["id"]
        members = {aid for aid, sid in assignment.items() if sid == main}
        planted = {by_locator[loc].id for loc in story["articles"]}
        assert members <= planted, f"{story['id']} absorbed articles of other stories"


def test_standalone_articles_stay_alone(demo):
    manifest, by_locator, assignment = demo
    sizes = Counter(assignment.values())
    for loc in manifest["standalone"]:
        assert sizes[assignment[by_locator[loc].id]] == 1, loc


def _same(planted, ours, scale):
    if planted is None or ours is None:
        return planted is None and ours is None
    if isinstance(planted, list) or isinstance(ours, list):
        return isinstance(planted, list) and isinstance(ours, list) and all(
            _same(p, o, scale) for p, o in zip(planted, ours))
    return abs(planted * scale - ours) < 1e-6 * max(1.0, abs(ours))


# Planted disagreements that the comparison does not report, and why (issue 14 asks for all 20;
# see docs/stories.md, "Number disagreements").
KNOWN_MISSES = {
    # "نسبة الزيادة بلغت 15% في المتوسط لجميع الأنواع" is the average rise of all grades; the 13% of
    # the other outlets is grade 92's ("بزيادة نحو 13 بالمئة للبنزين 92"): two quantities, not one
    ("egypt-fuel-prices-2025-03", "نسبة الزيادة بالمئة"),
}


def test_planted_number_disagreements_are_reported(demo):
    """A planted disagreement counts as reported when some reported one gives the planted value
    for at least two of its outlets (amounts may be scaled: '40 مليار' is 40e9). Every planted
    one is reported but the KNOWN_MISSES, and those are still missed (so that the list is kept true)."""
    manifest, by_locator, _ = demo
    missed = set()
    total = 0
    for story in manifest["stories"]:
        members = [by_locator[loc] for loc in story["articles"]]
        names = {outlet_of(by_locator[loc]): o for loc, o in zip(story["articles"], story["outlets"])}
        ours = [{names.get(k, k): v for k, v in d["values"].items()} for d in compare(members).disagreements]
        for planted in story["disagreements"]:
            total += 1
            if not any(sum(1 for outlet, v in planted["values"].items() if outlet in o and _same(v, o[outlet], s))
                       >= 2 for o in ours for s in (1, 1e3, 1e6, 1e9)):
                missed.add((story["id"], planted["what"]))
    assert total >= 15
    assert missed == KNOWN_MISSES, f"{total - len(missed)}/{total} planted disagreements reported"

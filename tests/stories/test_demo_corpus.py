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


def test_planted_number_disagreements_are_reported(demo):
    """A planted disagreement counts as reported when some reported one gives the planted value
    for at least two of its outlets (amounts may be scaled: '40 مليار' is 40e9)."""
    manifest, by_locator, _ = demo
    found = total = 0
    for story in manifest["stories"]:
        members = [by_locator[loc] for loc in story["articles"]]
        names = {outlet_of(by_locator[loc]): o for loc, o in zip(story["articles"], story["outlets"])}
        ours = [{names.get(k, k): v for k, v in d["values"].items()} for d in compare(members).disagreements]
        for planted in story["disagreements"]:
            total += 1
            found += any(sum(1 for outlet, v in planted["values"].items() if outlet in o and _same(v, o[outlet], s))
                         >= 2 for o in ours for s in (1, 1e3, 1e6, 1e9))
    assert total >= 15
    assert found == total, f"{found}/{total} planted disagreements reported"

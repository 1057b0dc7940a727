"""The five sample articles (../shared/samples) form exactly the gold stories."""
import marsad
from marsad.stories.compare import compare, outlet_of
from marsad.stories.service import group


def test_seed_articles_form_exactly_the_gold_stories(shared_dir, seeds_gold):
    articles = list(marsad.read(shared_dir / "samples" / "seeds", analyze=True))
    assignment, _ = group(articles)
    found = sorted(sorted(a for a in assignment if assignment[a] == sid) for sid in set(assignment.values()))
    assert found == sorted(sorted(s) for s in seeds_gold["stories"])


def test_seed_story_shows_the_sun_as_common_origin_and_each_outlets_framing(shared_dir, seeds_gold):
    articles = list(marsad.read(shared_dir / "samples" / "seeds", analyze=True))
    pair = [a for a in articles if a.id in seeds_gold["stories"][0]]
    report = compare(pair)
    assert report.origin == "الصن"
    assert len(report.framing) == 2 or len(report.distinctive) == 2
    outlet_001 = outlet_of(next(a for a in pair if a.id.startswith("001")))
    assert "مرتزقه" in report.framing[outlet_001]["delegitimising"] or \
        "مرتزق" in report.framing[outlet_001]["delegitimising"]

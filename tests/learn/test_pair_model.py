"""Training the same-event pair model from judged stories: pairs, fit, held-out figures, file."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import numpy as np

from marsad.learn.pair_model import fit_logistic, judged_pairs, train
from marsad.stories.pairs import PairModel, Profile


def test_judged_pairs_are_main_event_pairs_and_main_foreign_pairs_never_two_foreign():
    line = json.dumps({"set": "stories", "story": "s_1", "articles": [{"id": i} for i in "abcd"],
                       "verdict": {"event": "x", "foreign": ["c", "d"]}})
    pairs = judged_pairs([line, json.dumps({"set": "disagreements"})])
    assert sorted(pairs) == [("s_1", "a", "b", 1), ("s_1", "a", "c", 0), ("s_1", "a", "d", 0),
                             ("s_1", "b", "c", 0), ("s_1", "b", "d", 0)]


def test_fit_logistic_learns_the_sign_of_each_feature():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(float)
    w, _ = fit_logistic(x, y)
    assert w[0] > 1 and w[1] < -1


def _profile(n: int, event: int) -> Profile:
    when = datetime(2015, 8, 1) + timedelta(days=3 * event, hours=n)
    words = {f"حدث{event}": 1.0}
    return Profile(title_vector=words, lead_vector=words, places=frozenset({f"loc:{event}"}),
                   day=date(2015, 8, 1) + timedelta(days=3 * event), when=when, outlet=f"o{n % 3}")


def test_train_gives_the_same_model_twice_with_held_out_figures():
    profiles, pairs = {}, []
    for story in range(20):
        ids = [f"{story}-{k}" for k in range(4)]
        for k, aid in enumerate(ids):
            profiles[aid] = _profile(k, story if k < 3 else story + 100)     # the fourth: another event
        pairs += judged_pairs([json.dumps({"set": "stories", "story": f"s{story}",
                                           "articles": [{"id": i} for i in ids],
                                           "verdict": {"foreign": [ids[3]]}})])
    model = train(pairs, profiles)
    again = train(pairs, profiles)
    assert model == again and model.meta == again.meta
    assert model.meta["trained_on"] == {"pairs": 120, "same_event": 60, "two_events": 60, "stories": 20}
    assert model.meta["cross_validated"]["auc"] > 0.9
    assert model.probability(profiles["0-0"], profiles["0-1"]) > 0.5 > model.probability(profiles["0-0"], profiles["0-3"])
    assert PairModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


def test_the_command_reads_judged_articles_from_a_corpus_and_writes_a_model_that_loads(examples_dir, tmp_path):
    from marsad.learn.pair_model import main
    from marsad.model import Article as ArticleRecord
    from marsad.pipeline import read_articles
    from marsad.stories.pairs import read_model

    manifest = json.loads((examples_dir / "MANIFEST.json").read_text("utf-8"))
    ids = {a.source.split("examples/", 1)[-1]: a.id for a in read_articles([examples_dir])
           if isinstance(a, ArticleRecord)}
    lines = []
    for n, story in enumerate(manifest["stories"][:6]):
        members = [ids[loc] for loc in story["articles"]]
        other = ids[manifest["stories"][n + 1]["articles"][0]]       # a report of the next story: foreign
        lines.append(json.dumps({"set": "stories", "story": story["id"], "articles": [{"id": i} for i in members + [other]],
                                 "verdict": {"foreign": [other]}}))
    audit, out = tmp_path / "audit.jsonl", tmp_path / "model.json"
    audit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--corpus", str(examples_dir), str(audit), "--out", str(out)]) == 0
    model = read_model(out)
    trained = model.meta["trained_on"]
    assert trained["stories"] == 6 and trained["two_events"] > 0 and trained["same_event"] > trained["two_events"]
    assert model.meta["audits"] == ["audit.jsonl"]

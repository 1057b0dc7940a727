"""crf.ChainModel: Viterbi over stretches of doubt gives the exact best path, and a model round-trips."""
from __future__ import annotations

import itertools

import numpy as np

from marsad.extract.crf import ChainModel

LABELS = ["O", "B-PER", "I-PER"]


def _model(seed: int) -> ChainModel:
    rng = np.random.default_rng(seed)
    attributes = ["w=a", "w=b", "w=c"]
    return ChainModel(LABELS, attributes, rng.normal(size=(3, 3)), rng.normal(size=(3, 3)))


def _brute_force(model: ChainModel, emissions: np.ndarray) -> list[str]:
    best, best_path = -np.inf, None
    for path in itertools.product(range(len(LABELS)), repeat=len(emissions)):
        score = sum(emissions[t, y] for t, y in enumerate(path))
        score += sum(model.transitions[a, b] for a, b in itertools.pairwise(path))
        if score > best:
            best, best_path = score, path
    return [LABELS[y] for y in best_path]


def test_full_search_equals_brute_force_on_random_sequences():
    rng = np.random.default_rng(3)
    for seed in range(20):
        model = _model(seed)
        emissions = rng.normal(scale=2.0, size=(int(rng.integers(1, 7)), 3))
        assert model.viterbi(emissions, margin=None) == _brute_force(model, emissions)


def test_tokens_plainly_outside_split_the_search_without_changing_the_answer():
    rng = np.random.default_rng(5)
    model = _model(1)
    emissions = rng.normal(size=(7, 3))
    emissions[[0, 3, 6], 0] += 50.0            # O beyond doubt: three stretches of doubt remain
    assert model.viterbi(emissions, margin=6.0) == _brute_force(model, emissions)


def test_a_text_with_no_doubt_is_all_outside():
    model = _model(2)
    emissions = np.zeros((4, 3))
    emissions[:, 0] = 100.0
    assert model.viterbi(emissions) == ["O"] * 4


def test_saved_model_loads_with_the_same_weights(tmp_path):
    model = _model(4)
    model.save(tmp_path / "m.npz")
    back = ChainModel.load(tmp_path / "m.npz")
    assert back.labels == LABELS
    assert np.allclose(back.score(["w=a", "w=c", "unknown"]), model.score(["w=a", "w=c"]), atol=1e-6)
    assert np.allclose(back.transitions, model.transitions)

"""The audited record shown beside each disagreement's basis is the committed audit's."""
import json
from collections import Counter
from pathlib import Path

from marsad.stories.measured import Measured, measured

ROOT = Path(__file__).resolve().parents[2]


def test_each_basis_record_is_counted_from_the_audit_file_it_names():
    table = json.loads((ROOT / "src/marsad/stories/data/basis_audit.json").read_text("utf-8"))
    lines = (ROOT / table["source"]).read_text("utf-8").splitlines()
    right: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    for line in lines[1:]:
        item = json.loads(line)
        judged[item["basis"]] += 1
        right[item["basis"]] += item["verdict"]["same"] and item["verdict"]["incompatible"]
    assert {b: measured(b) for b in judged} == {b: Measured(right[b], judged[b]) for b in judged}
    assert measured(None) is None and measured("no-such-basis") is None

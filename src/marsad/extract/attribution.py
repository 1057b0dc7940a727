"""Attribution chains: who reports whom (the isnad of a report)."""
from __future__ import annotations

from marsad.model import Attribution, Entity


def find_attributions(text: str, entities: list[Entity], outlet: str | None = None
                      ) -> tuple[list[Attribution], list[str]]:
    """Return the attribution records and the flat `sources` list (first mention order)."""
    raise NotImplementedError

"""Hand-written Arabic articles for store tests (imported by conftest and the tests)."""
from __future__ import annotations

from marsad.model import Analysis, Article, Entity


def make_article(id: str, text: str, title: str | None = None, outlet: str | None = "صحيفة المرصد",
                 published: str | None = "2017-10-29T08:00:00+00:00", entities: list[Entity] | None = None,
                 analysed: bool = True, **extra: object) -> Article:
    """An Article as clean+analyze would hand it over (content_hash left to the store when empty)."""
    return Article(id=id, source=f"fixtures/{id}.txt", text=text, title=title, outlet=outlet,
                   published=published, analysis=Analysis(entities=entities or []) if analysed else None,
                   **extra)


def entity(text: str, body: str, type: str, canonical: str, key: str) -> Entity:
    start = body.index(text)
    return Entity(start, start + len(text), text, type, canonical, key)


BODY_UAE = "أعلنت دولة الإمارات العربية المتحدة اليوم عن خطة جديدة للطاقة حتى عام ٢٠١٧."
BODY_ISIS = "قالت مصادر محلية إن تنظيم داعش انسحب من البلدة بعد معارك استمرت أسبوعاً."
BODY_RAIN = "هطلت أمطار غزيرة على مدينة جدة مساء الخميس وتوقفت الحركة في عدة شوارع."

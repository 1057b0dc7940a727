"""Terminal rendering of stories (rich tables): the `marsad stories` list and `marsad story ID`."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from marsad.labels import label
from marsad.stories.measured import basis_note

__all__ = ["NARROW", "plain", "print_story", "story_list_table"]


def _value(v: Any) -> str:
    if v is None:
        return "غير محدد"
    if isinstance(v, list):
        return f"{_value(v[0])}–{_value(v[1])}"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else str(v)


NARROW = 100   # columns below which the secondary columns are dropped


def plain(*values: object) -> list[Text]:
    """Table cells shown as written: titles, names and quotes come from articles, and a "[/b]" in
    one would otherwise be read as Rich markup (a wrong style, or an error that stops the report)."""
    return [Text(str(v)) for v in values]


def story_list_table(items: list[dict[str, Any]], width: int = 120) -> Table:
    """The stories as a table that fits the terminal: titles wrap instead of being cut, and on a
    narrow terminal (under NARROW columns) only the title, counts and disagreements stay."""
    narrow = width < NARROW
    table = Table(title="القصص", expand=True, show_lines=narrow)
    if not narrow:
        table.add_column("المعرّف", no_wrap=True)
    table.add_column("القصة", ratio=3, overflow="fold")
    table.add_column("مقالات", no_wrap=True, justify="right")
    table.add_column("منابر", no_wrap=True, justify="right")
    if not narrow:
        table.add_column("أول ظهور", no_wrap=True, justify="right")
        table.add_column("المصدر الأول", ratio=1, overflow="fold")
    table.add_column("أرقام مختلفة", no_wrap=True, justify="right")
    for s in items:
        row = [s.get("title") or "", str(s.get("n_articles", len(s["articles"]))), str(len(s.get("outlets", [])))]
        if not narrow:
            row = [s["id"], *row, (s.get("first_seen") or "")[:10], s.get("origin") or ""]
        table.add_row(*plain(*row, str(len(s.get("disagreements", [])))))
    return table


def print_story(story: dict[str, Any], console: Console) -> None:
    """A readable report: reports in time order, numbers that disagree, naming, provenance, quotes."""
    report = story.get("report") or {}
    console.rule(Text(story.get("title") or story["id"], style="bold"))
    console.print(Text(f"القصة {story['id']} · {story.get('n_articles')} مقالات · "
                       f"{len(report.get('outlets', []))} منابر · أول ظهور {story.get('first_seen') or '?'}"))
    if report.get("origin"):
        console.print(f"[bold]أصل الرواية:[/] {escape(report['origin'])}")

    timeline = Table("النشر", "المنبر", "العنوان", "ما أضافه", title="التسلسل الزمني")
    copies = {m["id"]: m["original"] for m in story.get("members", [])}
    for row in report.get("timeline", []):
        added = row["added"]
        note = "; ".join(x for x in (", ".join(added["quantities"][:3]), ", ".join(added["sources"][:3])) if x)
        if copies.get(row["article"], row["article"]) != row["article"]:
            note = "نسخة من " + copies[row["article"]]
        timeline.add_row(*plain((row.get("published") or "")[:16], row["outlet"], (row.get("title") or "")[:60], note))
    console.print(timeline)

    if report.get("disagreements"):
        numbers = Table("المعدود", "المنبر", "القيمة", "الصياغة", "أساس المقارنة", title="أرقام لا تتفق")
        for d in report["disagreements"]:
            for i, (outlet, value) in enumerate(d["values"].items()):
                qualifier = d.get("qualifiers", {}).get(outlet, "exact")
                shown = _value(value) if qualifier == "exact" else f"{_value(value)} ({label('qualifier', qualifier)})"
                numbers.add_row(*plain(d["what"], outlet, shown, d["wording"].get(outlet, ""),
                                       basis_note(d.get("basis")) if i == 0 else ""))
        console.print(numbers)

    if report.get("naming"):
        naming = Table("الفاعل", "المنبر", "سمّاه", title="التسمية")
        for row in report["naming"][:8]:
            for outlet, forms in row["forms"].items():
                naming.add_row(*plain(row["canonical"], outlet, "، ".join(forms[:4])))
        console.print(naming)

    if report.get("framing") or report.get("distinctive"):
        framing = Table("المنبر", "مفردات التأطير", "كلمات انفرد بها", title="التأطير")
        for outlet in report.get("outlets", []):
            loaded = report.get("framing", {}).get(outlet, {})
            framing.add_row(*plain(outlet, "؛ ".join(f"{label('framing', group)}: {'، '.join(words)}"
                                                     for group, words in loaded.items()),
                                   "، ".join(report.get("distinctive", {}).get(outlet, [])[:6])))
        console.print(framing)

    if report.get("edges"):
        tree = Tree("[bold]من نقل عن من")
        for edge in report["edges"]:
            tree.add(Text(f"{edge['from']} → {edge['to']}" + (f" ×{edge['count']}" if edge["count"] > 1 else "")))
        console.print(tree)

    for quote in report.get("shared_quotes", []):
        console.print(f"[bold]اقتباس[/] ({escape(quote.get('speaker') or 'متحدث غير معروف')})"
                      + (" — [yellow]اختلفت الصياغة[/]" if quote["changed"] else ""))
        for outlet, text in quote["variants"].items():
            console.print(Text(f"   {outlet}: «{text}»"))

    if story.get("related"):
        related = Table("الصلة", "القصة", "المعرّف", "المقالات", "أول ظهور", title="قصص ذات صلة")
        for r in story["related"]:
            related.add_row(*plain(label("relation", r["relation"]), r.get("title") or "", r["id"],
                                   str(r.get("n_articles") or ""), (r.get("first_seen") or "")[:10]))
        console.print(related)

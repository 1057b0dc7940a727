"""The `marsad` command line: argument parsing and printing over the Python API, nothing more.

Every command is a thin layer over a function a user can call too (marsad.analyze, marsad.read,
marsad.runner.ingest, marsad.store, marsad.export). JSON goes to stdout as UTF-8 with Arabic
left readable; progress, tables and messages go to stderr unless they are the output. Everything
a person reads here (help, messages, tables) is Arabic; option names, JSON keys and codes are not.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.rich_utils as typer_rich
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from marsad.cli_errors import say_in_arabic
from marsad.store import DEFAULT_DB, QueryError, Store, open_store
from marsad.story_report import plain

# typer draws a few words of its own around our help (panel titles, [default: ...]); they are
# constants of typer.rich_utils read each time help is drawn, so the Arabic ones are set here.
# A name a later typer drops is skipped, and the help test then shows the English word.
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "المعطيات",
    "OPTIONS_PANEL_TITLE": "الخيارات",
    "COMMANDS_PANEL_TITLE": "الأوامر",
    "ERRORS_PANEL_TITLE": "خطأ",
    "REQUIRED_LONG_STRING": "[مطلوب]",
    "DEFAULT_STRING": "[الافتراضي: {}]",
    "ENVVAR_STRING": "[متغير البيئة: {}]",
    "DEPRECATED_STRING": "(مهمل) ",
    "ABORTED_TEXT": "أُلغي.",
    "RICH_HELP": "للمساعدة: [blue]{command_path} {help_option}[/]",
}
for _name, _word in _TYPER_WORDS.items():
    if hasattr(typer_rich, _name):
        setattr(typer_rich, _name, _word)

_typer_format_error = typer_rich.rich_format_error


def _format_error_in_arabic(exc: Any) -> None:
    """typer prints click's usage errors through this function: reword them in Arabic first."""
    say_in_arabic(exc)
    _typer_format_error(exc)


typer_rich.rich_format_error = _format_error_in_arabic


class _ArabicHelp:
    """The two words typer's commands hard-code, in Arabic: the usage prefix and --help's own help."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="الاستعمال: ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help, option.metavar = "اعرض هذه المساعدة واخرج.", ""
        return option


class _Group(_ArabicHelp, TyperGroup):
    pass


class _Command(_ArabicHelp, TyperCommand):
    pass


app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich", cls=_Group,
                  help="marsad — مرصد للأخبار العربية: من نقل ماذا، وعمّن نقله.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

FLAG = ""       # metavar of an on/off option: no value to name (typer would print <bool>)


def _print_version(asked: bool) -> None:
    if asked:
        from marsad import __version__

        out.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", metavar=FLAG, is_eager=True,
                                          callback=_print_version, help="اطبع رقم الإصدار واخرج.")) -> None:
    pass
OutletsOption = typer.Option(None, "--outlets", metavar="FILE",
                             help="ملف JSON أو TOML بالمنابر وأسمائها الأخرى (أسماء ونطاقات تُعرض "
                                  "منبراً واحداً)؛ انظر docs/ingest.md.")


def _use_outlets(path: Path | None) -> None:
    from marsad.clean.outlets import use_user_outlets

    try:
        use_user_outlets(path)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None


DbOption = typer.Option(DEFAULT_DB, "--db", envvar="MARSAD_DB", metavar="DB",
                        help="ملف SQLite أو عنوان postgresql://")


def _dump(data: Any, indent: int | None = 2) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


# what SQLite says when --db is not a database it can open, in words a user can act on
_DB_ERRORS = {
    "unable to open database file": "لا يمكن فتح الملف (هل المجلد موجود وتجوز الكتابة فيه؟)",
    "file is not a database": "الملف ليس قاعدة بيانات SQLite",
    "database is locked": "قاعدة البيانات مقفلة، تستعملها عملية أخرى",
}


def _open(db: str) -> Store:
    try:
        return open_store(db)
    except Exception as exc:
        err.print(f"[red]تعذر فتح قاعدة البيانات {db}:[/] {_DB_ERRORS.get(str(exc), exc)}")
        raise typer.Exit(2) from exc


def _existing(db: str) -> Store:
    """Open for reading; a missing SQLite file means nothing was ingested yet."""
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]لا قاعدة بيانات في {db}[/]: شغّل [bold]marsad ingest PATH --db {db}[/] أولاً")
        raise typer.Exit(2)
    return _open(db)


@app.command(cls=_Command)
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="ملفات أو مجلدات (.txt و.html و.jsonl "
                                                "و.warc و.xml و.zip وغيرها).")],
    db: str = DbOption,
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, metavar="N",
                                       help="عدد العمليات (الافتراضي: كل أنوية المعالج)."),
    no_analysis: bool = typer.Option(False, "--no-analysis", metavar=FLAG,
                                     help="القراءة والتنظيف فقط، بلا استخراج."),
    no_stories: bool = typer.Option(False, "--no-stories", metavar=FLAG,
                                    help="لا تجمع المقالات الجديدة في قصص."),
    outlets: Path | None = OutletsOption,
) -> None:
    """قراءة المقالات وتنظيفها وتحليلها وتخزينها، ثم جمع الجديد منها في قصص. إعادة التشغيل لا تغيّر ما لم يتغيّر.

    [bold]أمثلة[/]
      marsad ingest examples/
      marsad ingest dumps/*.zip --db postgresql://marsad@localhost/marsad --workers 8
    """
    from marsad.runner import ingest as run_ingest

    _use_outlets(outlets)
    counts, grouped = _store_with_progress(
        db, lambda store, progress: run_ingest(paths, store, workers=workers, with_analysis=not no_analysis,
                                               progress=progress),
        stories=not no_stories, workers=workers)
    _print_summary(db, counts, grouped)
    if counts.read == 0:
        err.print("[red]تعذرت قراءة أي شيء[/] من " + "، ".join(str(p) for p in paths))
        raise typer.Exit(1)


def _store_with_progress(db: str, work: Any, stories: bool, workers: int | None) -> tuple[Any, dict | None]:
    """Run `work(store, progress)` (an ingest or a load) under a progress line, then group the new
    articles into stories; Ctrl-C keeps the committed batches and says how to go on."""
    with _open(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TextColumn("[bold]{task.completed}[/] مدخلات"), TimeElapsedColumn(),
                                      console=err, transient=True) as bar:
        task = bar.add_task("إدخال", total=None)

        def progress(done: int, counts: Any) -> None:
            bar.update(task, completed=done,
                       description=f"إدخال · {counts.ingested} جديد · {counts.unchanged} بلا تغيير "
                                   f"· {len(counts.skipped)} متروك")

        try:
            counts = work(store, progress)
            grouped = None
            if stories:
                bar.update(task, description="تجميع القصص")
                from marsad.stories.service import update_stories

                grouped = update_stories(store, workers=workers or os.cpu_count() or 1)
        except KeyboardInterrupt:
            err.print("[yellow]توقف[/]: حُفظت الدفعات المكتملة؛ أعد تشغيل الأمر نفسه لإكمال الإدخال")
            raise typer.Exit(130) from None
    return counts, grouped


def _print_summary(db: str, counts: Any, grouped: dict | None) -> None:
    summary = Table(title=f"الإدخال في {db}", show_header=False)
    rows = [("أُدخل", counts.ingested), ("حُدّث", counts.updated),
            ("بلا تغيير", counts.unchanged), ("متروك", len(counts.skipped))]
    if grouped is not None:
        rows += [("القصص", f"{grouped['stories']} ({grouped['stories_touched']} جديدة أو محدّثة)")]
    for label, value in rows:
        summary.add_row(label, str(value))
    err.print(summary)
    if counts.skipped:
        skipped = Table(title="المتروك", title_justify="right")
        skipped.add_column("المدخل المتروك", overflow="fold")
        skipped.add_column("السبب", overflow="fold")
        for source, reason in counts.skipped:
            skipped.add_row(*plain(source, reason))
        err.print(skipped)


@app.command(cls=_Command)
def load(
    out_dir: Annotated[Path, typer.Argument(metavar="DIR", help="المجلد الذي كتب فيه تشغيلُ Spark ناتجه.")],
    db: str = DbOption,
    no_stories: bool = typer.Option(False, "--no-stories", metavar=FLAG,
                                    help="لا تجمع المقالات الجديدة في قصص."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, metavar="N",
                                       help="عدد العمليات لتجميع القصص (الافتراضي: كل أنوية المعالج)."),
) -> None:
    """إدخال ناتج تشغيل Spark في قاعدة البيانات دون إعادة قراءة الملفات الخام.

    المقالات منظفة ومحللة سلفاً، والقصص مجمّعة إن شُغّل Spark مع الخيار --stories؛ إعادة التشغيل لا تغيّر
    ما لم يتغيّر.

    [bold]مثال[/]
      python -m marsad.scale.spark dumps/ --out out/ --stories
      marsad load out/ --db marsad.db
    """
    from marsad.load import OutputError, load_output, load_stories

    def work(store: Store, progress: Any) -> Any:
        counts = load_output(out_dir, store, progress=progress)
        if not no_stories:
            load_stories(out_dir, store)     # the run's own stories; articles left out are grouped after
        return counts

    try:
        counts, grouped = _store_with_progress(db, work, stories=not no_stories, workers=workers)
    except OutputError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    _print_summary(db, counts, grouped)


@app.command(cls=_Command)
def extract(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="ملفات أو مجلدات للقراءة.")],
    jsonl: bool = typer.Option(False, "--jsonl", metavar=FLAG,
                               help="كائن JSON في كل سطر بدلاً من مصفوفة JSON واحدة."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, metavar="N",
                                       help="عدد العمليات (الافتراضي: كل أنوية المعالج)؛ يبقى الإخراج "
                                            "بترتيب المدخلات."),
    outlets: Path | None = OutletsOption,
) -> None:
    """قراءة وتنظيف وتحليل، ثم طباعة المقالات بصيغة JSON (لا يُخزَّن شيء).

    [bold]أمثلة[/]
      marsad extract article.txt
      marsad extract dumps/ --jsonl > articles.jsonl
      marsad extract dumps/ --jsonl --workers 1      # عملية واحدة: البايتات نفسها، أبطأ
    """
    from marsad.ingest import read_paths
    from marsad.pipeline import article_json
    from marsad.pool import ignore_interrupts, pooled_map

    _use_outlets(outlets)
    processes = workers or os.cpu_count() or 1
    first, read = True, 0
    if not jsonl:
        sys.stdout.write("[")
    pooled = processes if processes > 1 else 0
    for item in pooled_map(article_json, read_paths(paths), pooled, ordered=True,
                           initializer=ignore_interrupts if pooled else None):
        if not isinstance(item, str):
            err.print(f"[yellow]متروك[/] {escape(item.source)}: {escape(item.reason)}")
            continue
        text = item
        sys.stdout.write(text + "\n" if jsonl else ("\n" if first else ",\n") + text)
        first, read = False, read + 1
    if not jsonl:
        sys.stdout.write("\n]\n" if read else "]\n")
    if read == 0:
        raise typer.Exit(1)


@app.command(cls=_Command)
def analyze(
    file: str = typer.Argument("-", metavar="FILE", show_default=False,
                               help="ملف نصي بترميز UTF-8، أو - للمدخل القياسي (الافتراضي)."),
    published: str | None = typer.Option(None, "--published", metavar="DATE",
                                         help="تاريخ النشر بصيغة ISO، تُحسب منه التواريخ النسبية."),
) -> None:
    """تحليل نص عادي (بلا تنظيف) وطباعة كائن JSON واحد.

    [bold]أمثلة[/]
      marsad analyze body.txt --published 2017-10-29
      echo "قال مسؤول إن ..." | marsad analyze -
    """
    import marsad

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from marsad.ingest.reasons import os_error

        why = os_error(exc) if isinstance(exc, OSError) else f"ليس نصاً بترميز UTF-8 عند البايت {exc.start}"
        err.print(f"[red]تعذرت قراءة {file}:[/] {why} (يقبل analyze نصاً عادياً بترميز UTF-8؛ "
                  "استعمل extract لغيره من الملفات)")
        raise typer.Exit(2) from None
    _dump(marsad.analyze(text, published=published).to_dict())


def _snippet(hit: Any) -> Text:
    text = Text(hit.snippet)
    for start, end in hit.highlights:
        text.stylize("bold yellow", start, end)
    return text


@app.command(cls=_Command)
def search(
    query: str = typer.Argument("", metavar="QUERY", show_default=False,
                                help='كلمات يجب أن تطابق كلها؛ "كلمات بين علامتي تنصيص" تطابق عبارة؛ '
                                     "وكلمة* تطابق ما يبدأ بها."),
    db: str = DbOption,
    entity: str | None = typer.Option(None, "--entity", "-e", metavar="ENTITY",
                                      help="مفتاح كيان (مثل org:isis) أو اسمه."),
    outlet: str | None = typer.Option(None, "--outlet", metavar="OUTLET", help="هذا المنبر فقط."),
    date_from: str | None = typer.Option(None, "--from", metavar="DATE",
                                         help="المنشور في هذا التاريخ أو بعده (بصيغة ISO)."),
    date_to: str | None = typer.Option(None, "--to", metavar="DATE",
                                       help="المنشور في هذا التاريخ أو قبله (بصيغة ISO)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, metavar="N", help="عدد النتائج."),
    offset: int = typer.Option(0, "--offset", min=0, metavar="N",
                               help="عدد النتائج التي تُتخطّى من البداية (للصفحات التالية)."),
    as_json: bool = typer.Option(False, "--json", metavar=FLAG, help="طباعة النتائج بصيغة JSON."),
) -> None:
    """بحث في النص الكامل تتطابق فيه أشكال الكتابة (الامارات تجد الإمارات، و2017 تجد ٢٠١٧).

    [bold]أمثلة[/]
      marsad search الامارات
      marsad search "وزير الخارجية" --outlet "واس" --from 2015-07-25
      marsad search --entity org:isis --json
    """
    with _existing(db) as store:
        try:
            hits = store.search(query, outlet=outlet, entity=entity, date_from=date_from, date_to=date_to,
                                limit=limit, offset=offset)
        except QueryError as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    if as_json:
        _dump([h.to_dict() for h in hits])
        return
    if not hits:
        err.print("لا نتائج")
        return
    from marsad.story_report import NARROW

    narrow = out.width < NARROW
    table = Table(title="نتائج البحث", show_lines=True, expand=True)
    if not narrow:
        table.add_column("المعرّف", no_wrap=True)
    table.add_column("المنبر", overflow="fold")
    if not narrow:
        table.add_column("النشر", no_wrap=True)
    table.add_column("العنوان والمقتطف", ratio=3, overflow="fold")
    for hit in hits:
        cell = Text(hit.title or "", style="bold")
        cell.append("\n").append_text(_snippet(hit))
        row = [Text(hit.outlet or ""), cell] if narrow else [*plain(hit.id, hit.outlet or "", (hit.published or "")[:10]), cell]
        table.add_row(*row)
    out.print(table)


def _render_article(article: Any) -> None:
    """Terminal view: metadata, body with entities marked, then each kind of extraction (in Arabic)."""
    from marsad.labels import label

    meta = Table.grid(padding=(0, 2))
    for name, value in (("المعرّف", article.id), ("المنبر", article.outlet), ("النشر", article.published),
                        ("الكتّاب", "، ".join(article.authors)), ("الرابط", article.url), ("المصدر", article.source)):
        if value:
            meta.add_row(Text(name, style="dim"), Text(str(value)))
    out.print(Text(article.title or "(بلا عنوان)", style="bold"))
    out.print(meta)
    body = Text(article.text)
    analysis = article.analysis
    for entity in (analysis.entities if analysis else []):
        body.stylize("underline cyan", entity.start, entity.end)
    out.print()
    out.print(body)
    if analysis is None:
        out.print(Text("\n(لم يُحلَّل)", style="dim"))
        return
    sections = [
        ("الكيانات", ("النص", "النوع", "الاسم المعتمد", "المفتاح"),
         [(e.text, label("entity_type", e.type), e.canonical, e.key) for e in analysis.entities]),
        ("الإسناد", ("السلسلة", "النص"), [(" ← ".join(a.chain), a.text) for a in analysis.attributions]),
        ("الاقتباسات", ("المتحدث", "الاقتباس"), [(q.speaker or "?", q.text) for q in analysis.quotes]),
        ("الأرقام", ("النص", "القيمة", "النوع", "الصيغة", "المعدود"),
         [(q.text, "غير محدد" if q.value is None and q.low is None else str(q.value if q.low is None else f"{q.low}–{q.high}"),
           label("kind", q.kind),
           label("qualifier", q.qualifier), q.unit or "") for q in analysis.quantities]),
        ("التواريخ", ("النص", "القيمة", "النوع", "التقويم"),
         [(d.text, d.value or "?", label("date_kind", d.kind), label("calendar", d.calendar)) for d in analysis.dates]),
    ]
    if analysis.sources:
        out.print(Text("\nالمصادر: ", style="bold") + Text("، ".join(analysis.sources)))
    for title, headers, rows in sections:
        if rows:
            table = Table(title=title, title_justify="right")
            for header in headers:
                table.add_column(header, overflow="fold")
            for row in rows:
                table.add_row(*plain(*row))
            out.print(table)


@app.command(cls=_Command)
def show(
    article_id: str = typer.Argument(..., metavar="ID", help="معرّف المقال كما يطبعه أمر search."),
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", metavar=FLAG, help="طباعة المقال بصيغة JSON."),
) -> None:
    """عرض مقال مخزَّن: بياناته ونصه وما استُخرج منه.

    [bold]أمثلة[/]
      marsad show 000_47f195348861b221
      marsad show 000_47f195348861b221 --json
    """
    with _existing(db) as store:
        article = store.get(article_id)
    if article is None:
        err.print(f"[red]لا مقال بالمعرّف {escape(repr(article_id))}[/]: ابحث عن المعرّفات بالأمر marsad search")
        raise typer.Exit(1)
    if as_json:
        _dump(article.to_json())
    else:
        _render_article(article)


@app.command(cls=_Command)
def export(
    format: str = typer.Option("jsonl", "--format", "-f", metavar="FORMAT",
                               help="صيغة الملف: jsonl أو csv أو parquet."),
    out_file: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE",
                                                  help="ملف الإخراج (الإخراج القياسي إن لم يُعطَ، "
                                                       "لصيغتي jsonl وcsv).")] = None,
    graph: str | None = typer.Option(None, "--graph", metavar="FORMAT",
                                     help="تصدير مخطط الإسناد بدلاً من المقالات: graphml أو gexf."),
    db: str = DbOption,
) -> None:
    """تصدير كل المقالات المخزَّنة بحقول JSON المقال، أو مع --graph مخطط الإسناد لكل القصص (من نقل عمّن).

    في CSV تحمل الخلايا القوائم بصيغة JSON، ويُفتح مخطط الإسناد ببرنامج Gephi.

    [bold]أمثلة[/]
      marsad export --format jsonl > articles.jsonl
      marsad export --format parquet --out articles.parquet
      marsad export --graph gexf --out provenance.gexf
    """
    from marsad.export import export as run_export

    if graph:
        _export_graph(db, graph, out_file)
        return
    from marsad.export import FORMATS

    if format not in FORMATS:
        err.print(f"[red]صيغة غير معروفة {format!r}[/]: اختر إحدى الصيغ {'، '.join(FORMATS)}")
        raise typer.Exit(2)
    if format == "parquet" and out_file is None:
        err.print("[red]صيغة parquet ثنائية[/]: اذكر ملفاً بالخيار --out، مثل --out articles.parquet")
        raise typer.Exit(2)
    with _existing(db) as store:
        n = run_export(store.iter_articles(), format, out_file)
    err.print(f"صُدّر {n} مقالاً" + (f" إلى {out_file}" if out_file else ""))


def _export_graph(db: str, fmt: str, out_file: Path | None) -> None:
    from marsad.stories.graph import provenance_graph, write_graph
    from marsad.stories.service import get_story, list_stories

    if fmt not in ("graphml", "gexf"):
        err.print(f"[red]صيغة مخطط غير معروفة {fmt!r}[/]: استعمل graphml أو gexf")
        raise typer.Exit(2)
    target = out_file or Path(f"provenance.{fmt}")
    with _existing(db) as store:
        ids = [s["id"] for s in list_stories(store, limit=10**9)]
        graph = provenance_graph(filter(None, (get_story(store, i) for i in ids)))
    write_graph(graph, fmt, target)
    err.print(f"مخطط الإسناد: {graph.number_of_nodes()} عقدة و{graph.number_of_edges()} حافة، كُتب في {target}")


@app.command("outlets", cls=_Command)
def outlets_command(
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", metavar=FLAG, help="طباعة المنابر قائمةً بصيغة JSON."),
    outlets: Path | None = OutletsOption,
) -> None:
    """المنابر في قاعدة البيانات مع عدد مقالات كل منها، والأسماء الأخرى التي يعرفها marsad لها.

    [bold]أمثلة[/]
      marsad outlets
      marsad outlets --outlets my-outlets.toml --json
    """
    from marsad.clean.outlets import known_outlets
    from marsad.labels import label

    _use_outlets(outlets)
    aliases = {}
    for outlet in known_outlets():
        aliases.setdefault(outlet["name"], sorted({*outlet.get("aliases", []), *outlet.get("domains", [])} - {outlet["name"]}))
    with _existing(db) as store:
        rows = [{"outlet": name or label("outlet", "unknown"), "articles": n, "aliases": aliases.get(name or "", [])}
                for name, n in store.outlets()]
    if as_json:
        _dump(rows)
        return
    table = Table(title="المنابر", expand=True)
    table.add_column("المنبر", overflow="fold")
    table.add_column("مقالات", justify="right", no_wrap=True)
    table.add_column("أسماء أخرى", overflow="fold")
    for row in rows:
        table.add_row(*plain(row["outlet"], str(row["articles"]), "، ".join(row["aliases"])))
    out.print(table)


@app.command(cls=_Command)
def stories(
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", metavar=FLAG, help="طباعة القصص قائمةً بصيغة JSON."),
    limit: int = typer.Option(50, "--limit", min=1, metavar="N", help="عدد القصص (الأحدث أولاً)."),
    offset: int = typer.Option(0, "--offset", min=0, metavar="N",
                               help="عدد القصص التي تُتخطّى من البداية (للصفحات التالية)."),
    min_articles: int = typer.Option(1, "--min-articles", min=1, metavar="N",
                                     help="القصص التي فيها هذا العدد من المقالات على الأقل."),
    outlet: str | None = typer.Option(None, "--outlet", metavar="OUTLET", help="القصص التي غطّاها هذا المنبر فقط."),
) -> None:
    """القصص: الحدث نفسه عبر المنابر، مع مصدره الأول والأرقام المختلف عليها.

    [bold]أمثلة[/]
      marsad stories
      marsad stories --min-articles 3 --limit 20
      marsad stories --json > stories.json
    """
    from marsad.stories.service import list_stories
    from marsad.story_report import story_list_table

    with _existing(db) as store:
        items = list_stories(store, limit=limit, offset=offset, outlet=outlet, min_articles=min_articles)
    if as_json:
        _dump(items)
        return
    if not items:
        err.print("لا قصص بعد: شغّل [bold]marsad ingest PATH[/] أولاً")
        return
    out.print(story_list_table(items, out.width))


@app.command(cls=_Command)
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="معرّف قصة كما يطبعه أمر marsad stories.")],
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", metavar=FLAG, help="طباعة القصة ومقارنتها بصيغة JSON."),
) -> None:
    """قصة واحدة مقارنةً عبر المنابر: التسلسل الزمني، والأرقام المختلف عليها، والتسميات، ومن نقل عمّن.

    [bold]مثال[/]
      marsad story s_3c44a1b2c3d4
    """
    from marsad.stories.service import get_story
    from marsad.story_report import print_story

    with _existing(db) as store:
        found = get_story(store, story_id)
    if found is None:
        err.print(f"[red]لا قصة بالمعرّف {escape(story_id)}[/]: انظر [bold]marsad stories[/]")
        raise typer.Exit(1)
    if as_json:
        _dump(found)
    else:
        print_story(found, out)


@app.command(cls=_Command)
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST",
                             help="العنوان الذي يستمع عليه الخادم؛ أي عنوان غير المحلي يكشف التطبيق للشبكة."),
    port: int = typer.Option(8000, "--port", metavar="PORT", help="المنفذ."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, metavar="N",
                                       help="عمليات الخادم (الافتراضي: واحدة لكل نواة، وهو أسرع ما يكون "
                                            "تحت الحمل؛ 1 يبقيه في هذه العملية)."),
    cache_seconds: float = typer.Option(5.0, "--cache-seconds", min=0, metavar="SECONDS",
                                        help="أقصى مدة تتأخر فيها الإجابات عن إدخال جارٍ (0: بلا تخزين مؤقت)."),
    ingest_token: str | None = typer.Option(None, "--ingest-token", envvar="MARSAD_INGEST_TOKEN", metavar="TOKEN",
                                            help="يسمح بطلبات POST إلى /api/v1/ingest بهذا الرمز "
                                                 "(الخادم للقراءة فقط من دونه)."),
) -> None:
    """تشغيل تطبيق الويب وواجهة JSON البرمجية فوق قاعدة بيانات (للقراءة فقط ما لم يُعطَ رمز إدخال).

    [bold]أمثلة[/]
      marsad serve --db marsad.db --port 8000
      marsad serve --db marsad.db --workers 1
      MARSAD_INGEST_TOKEN=secret marsad serve --db marsad.db
    """
    from marsad.web import serve as run_server

    try:
        run_server(db=db, host=host, port=port, ingest_token=ingest_token,
                   workers=workers or os.cpu_count() or 1, cache_seconds=cache_seconds)
    except OSError as exc:          # the port is taken, the host is not this machine's, ...
        from marsad.ingest.reasons import os_error

        err.print(f"[red]تعذر التشغيل على {host}:{port}:[/] {os_error(exc)}")
        raise typer.Exit(1) from None


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    app()


if __name__ == "__main__":
    main()

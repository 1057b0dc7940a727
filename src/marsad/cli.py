"""The `marsad` command line: argument parsing and printing over the Python API, nothing more.

Every command is a thin layer over a function a user can call too (marsad.analyze, marsad.read,
marsad.runner.ingest, marsad.store, marsad.export). JSON goes to stdout as UTF-8 with Arabic
left readable; progress, tables and messages go to stderr unless they are the output.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from marsad.store import DEFAULT_DB, QueryError, Store, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="marsad — an observatory for Arabic news: who reported what, citing whom.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

OutletsOption = typer.Option(None, "--outlets", help="A JSON or TOML file of outlets with their aliases "
                             "(names and domains to show as one outlet); see docs/ingest.md.")


def _use_outlets(path: Path | None) -> None:
    from marsad.clean.outlets import use_user_outlets

    try:
        use_user_outlets(path)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None


DbOption = typer.Option(DEFAULT_DB, "--db", envvar="MARSAD_DB",
                        help="SQLite file or postgresql:// URL (env MARSAD_DB).")


def _dump(data: Any, indent: int | None = 2) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def _open(db: str) -> Store:
    try:
        return open_store(db)
    except Exception as exc:
        err.print(f"[red]تعذر فتح قاعدة البيانات {db}:[/] {exc}")
        raise typer.Exit(2) from exc


def _existing(db: str) -> Store:
    """Open for reading; a missing SQLite file means nothing was ingested yet."""
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]لا قاعدة بيانات في {db}[/]: شغّل [bold]marsad ingest PATH --db {db}[/] أولاً")
        raise typer.Exit(2)
    return _open(db)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl, .warc, .xml, .zip).")],
    db: str = DbOption,
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="Processes (default: all CPUs)."),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Read and clean only; skip extraction."),
    no_stories: bool = typer.Option(False, "--no-stories", help="Do not group new articles into stories."),
    outlets: Path | None = OutletsOption,
) -> None:
    """Read, clean, analyse and store articles, then group new ones into stories. Re-running changes nothing that did not change.

    [bold]Examples[/]
      marsad ingest examples/
      marsad ingest dumps/*.zip --db postgresql://marsad@localhost/marsad --workers 8
    """
    from marsad.runner import ingest as run_ingest

    _use_outlets(outlets)
    with _open(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TextColumn("[bold]{task.completed}[/] مدخلات"), TimeElapsedColumn(),
                                      console=err, transient=True) as bar:
        task = bar.add_task("إدخال", total=None)

        def progress(done: int, counts: Any) -> None:
            bar.update(task, completed=done,
                       description=f"إدخال · {counts.ingested} جديد · {counts.unchanged} بلا تغيير "
                                   f"· {len(counts.skipped)} متروك")

        try:
            counts = run_ingest(paths, store, workers=workers, with_analysis=not no_analysis, progress=progress)
            grouped = None
            if not no_stories:
                bar.update(task, description="تجميع القصص")
                from marsad.stories.service import update_stories

                grouped = update_stories(store, workers=workers or os.cpu_count() or 1)
        except KeyboardInterrupt:
            err.print("[yellow]توقف[/]: حُفظت الدفعات المكتملة؛ أعد تشغيل الأمر نفسه لإكمال الإدخال")
            raise typer.Exit(130) from None
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
            skipped.add_row(source, reason)
        err.print(skipped)
    if counts.read == 0:
        err.print("[red]تعذرت قراءة أي شيء[/] من " + "، ".join(str(p) for p in paths))
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per line instead of a JSON array."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1,
                                       help="Processes (default: all CPUs); output keeps the input order."),
    outlets: Path | None = OutletsOption,
) -> None:
    """Read + clean + analyse and print Article JSON (nothing is stored).

    [bold]Examples[/]
      marsad extract article.txt
      marsad extract dumps/ --jsonl > articles.jsonl
      marsad extract dumps/ --jsonl --workers 1      # one process: the same bytes, slower
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
            err.print(f"[yellow]متروك[/] {item.source}: {item.reason}")
            continue
        text = item
        sys.stdout.write(text + "\n" if jsonl else ("\n" if first else ",\n") + text)
        first, read = False, read + 1
    if not jsonl:
        sys.stdout.write("\n]\n" if read else "]\n")
    if read == 0:
        raise typer.Exit(1)


@app.command()
def analyze(
    file: str = typer.Argument("-", help="A UTF-8 text file, or - for standard input."),
    published: str | None = typer.Option(None, "--published", help="ISO date relative dates resolve against."),
) -> None:
    """Analyse plain text (no cleaning) and print one JSON object.

    [bold]Examples[/]
      marsad analyze body.txt --published 2017-10-29
      echo "قال مسؤول إن ..." | marsad analyze -
    """
    import marsad

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]cannot read {file}:[/] {exc} (analyze takes UTF-8 plain text; use extract for other files)")
        raise typer.Exit(2) from None
    _dump(marsad.analyze(text, published=published).to_dict())


def _snippet(hit: Any) -> Text:
    text = Text(hit.snippet)
    for start, end in hit.highlights:
        text.stylize("bold yellow", start, end)
    return text


@app.command()
def search(
    query: str = typer.Argument("", help='Words (all must match); "quoted words" match a phrase; word* a prefix.'),
    db: str = DbOption,
    entity: str | None = typer.Option(None, "--entity", "-e", help="Entity key (org:isis) or name."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet."),
    date_from: str | None = typer.Option(None, "--from", help="Published on or after (ISO date)."),
    date_to: str | None = typer.Option(None, "--to", help="Published on or before (ISO date)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print hits as JSON."),
) -> None:
    """Full-text search; spelling variants match (الامارات finds الإمارات, 2017 finds ٢٠١٧).

    [bold]Examples[/]
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
        row = [hit.outlet or "", cell] if narrow else [hit.id, hit.outlet or "", (hit.published or "")[:10], cell]
        table.add_row(*row)
    out.print(table)


def _render_article(article: Any) -> None:
    """Terminal view: metadata, body with entities marked, then each kind of extraction (in Arabic)."""
    from marsad.labels import label

    meta = Table.grid(padding=(0, 2))
    for name, value in (("المعرّف", article.id), ("المنبر", article.outlet), ("النشر", article.published),
                        ("الكتّاب", "، ".join(article.authors)), ("الرابط", article.url), ("المصدر", article.source)):
        if value:
            meta.add_row(Text(name, style="dim"), str(value))
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
                table.add_row(*row)
            out.print(table)


@app.command()
def show(
    article_id: str = typer.Argument(..., metavar="ID", help="Article id, as search prints it."),
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the Article JSON."),
) -> None:
    """Show one stored article: metadata, body and what was extracted from it.

    [bold]Examples[/]
      marsad show 000_47f195348861b221
      marsad show 000_47f195348861b221 --json
    """
    with _existing(db) as store:
        article = store.get(article_id)
    if article is None:
        err.print(f"[red]لا مقال بالمعرّف {article_id!r}[/]: ابحث عن المعرّفات بالأمر marsad search")
        raise typer.Exit(1)
    if as_json:
        _dump(article.to_json())
    else:
        _render_article(article)


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (stdout for jsonl/csv).")] = None,
    graph: str | None = typer.Option(None, "--graph", help="Export the provenance graph instead: graphml or gexf."),
    db: str = DbOption,
) -> None:
    """Export every stored article (Article JSON fields; CSV cells hold lists as JSON), or with
    --graph the provenance graph of all stories (who cited whom) for Gephi.

    [bold]Examples[/]
      marsad export --format jsonl > articles.jsonl
      marsad export --format parquet --out articles.parquet
      marsad export --graph gexf --out provenance.gexf
    """
    from marsad.export import export as run_export

    if graph:
        _export_graph(db, graph, out_file)
        return
    with _existing(db) as store:
        try:
            n = run_export(store.iter_articles(), format, out_file)
        except ValueError as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    err.print(f"صُدّر {n} مقالاً" + (f" إلى {out_file}" if out_file else ""))


def _export_graph(db: str, fmt: str, out_file: Path | None) -> None:
    from marsad.stories.graph import provenance_graph, write_graph
    from marsad.stories.service import get_story, list_stories

    if fmt not in ("graphml", "gexf"):
        err.print(f"[red]unknown graph format {fmt!r}[/]: use graphml or gexf")
        raise typer.Exit(2)
    target = out_file or Path(f"provenance.{fmt}")
    with _existing(db) as store:
        ids = [s["id"] for s in list_stories(store, limit=10**9)]
        graph = provenance_graph(filter(None, (get_story(store, i) for i in ids)))
    write_graph(graph, fmt, target)
    err.print(f"provenance graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {target}")


@app.command("outlets")
def outlets_command(
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the outlets as a JSON list."),
    outlets: Path | None = OutletsOption,
) -> None:
    """Outlets in the database with their article counts, and the aliases marsad knows for them.

    [bold]Examples[/]
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
        table.add_row(row["outlet"], str(row["articles"]), "، ".join(row["aliases"]))
    out.print(table)


@app.command()
def stories(
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the stories as a JSON list (Story JSON)."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many stories (newest first)."),
    offset: int = typer.Option(0, "--offset", min=0),
    min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only stories with this many articles."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only stories this outlet covered."),
) -> None:
    """Stories: the same event across outlets, with origin and numbers that disagree.

    [bold]Examples[/]
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


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id from `marsad stories`.")],
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the story with its comparison as JSON."),
) -> None:
    """One story compared across outlets: timeline, numbers that disagree, naming, who cited whom.

    [bold]Example[/]
      marsad story s_3c44a1b2c3d4
    """
    from marsad.stories.service import get_story
    from marsad.story_report import print_story

    with _existing(db) as store:
        found = get_story(store, story_id)
    if found is None:
        err.print(f"[red]لا قصة بالمعرّف {story_id}[/]: انظر [bold]marsad stories[/]")
        raise typer.Exit(1)
    if as_json:
        _dump(found)
    else:
        print_story(found, out)


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than loopback exposes the app."),
    port: int = typer.Option(8000, "--port"),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1,
                                       help="Server processes (default: one per CPU core, which answers most "
                                            "under load; 1 keeps it to this process)."),
    cache_seconds: float = typer.Option(5.0, "--cache-seconds", min=0,
                                        help="How long answers may lag an ongoing ingest (0: no cache)."),
    ingest_token: str | None = typer.Option(None, "--ingest-token", envvar="MARSAD_INGEST_TOKEN",
                                            help="Allow POST /api/v1/ingest with this bearer token "
                                                 "(read-only without it)."),
) -> None:
    """Serve the web app and JSON API over a database (read-only unless given an ingest token).

    [bold]Examples[/]
      marsad serve --db marsad.db --port 8000
      marsad serve --db marsad.db --workers 1
      MARSAD_INGEST_TOKEN=secret marsad serve --db marsad.db
    """
    from marsad.web import serve as run_server

    try:
        run_server(db=db, host=host, port=port, ingest_token=ingest_token,
                   workers=workers or os.cpu_count() or 1, cache_seconds=cache_seconds)
    except OSError as exc:          # the port is taken, the host is not this machine's, ...
        err.print(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
        raise typer.Exit(1) from None


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    app()


if __name__ == "__main__":
    main()

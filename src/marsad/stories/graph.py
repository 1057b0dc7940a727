"""The provenance graph (who cited whom) across stories, for Gephi and other graph tools."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["provenance_graph", "write_graph"]


def provenance_graph(stories: Iterable[dict[str, Any]]) -> nx.DiGraph:
    """A directed graph: reporter -> cited source, weighted by how often, over all `stories`
    (each a get_story() result). Nodes carry `kind` (outlet or source) and `origin_of` (how many
    stories trace back to them)."""
    graph = nx.DiGraph()
    for story in stories:
        report = story.get("report") or {}
        for outlet in report.get("outlets", []):
            graph.add_node(outlet, kind="outlet")
        for edge in report.get("edges", []):
            for node in (edge["from"], edge["to"]):
                if node not in graph:
                    graph.add_node(node, kind="source")
            if graph.has_edge(edge["from"], edge["to"]):
                graph[edge["from"]][edge["to"]]["weight"] += edge["count"]
                graph[edge["from"]][edge["to"]]["stories"] += 1
            else:
                graph.add_edge(edge["from"], edge["to"], weight=edge["count"], stories=1)
        origin = report.get("origin")
        if origin:
            graph.add_node(origin)
            graph.nodes[origin]["origin_of"] = graph.nodes[origin].get("origin_of", 0) + 1
    for _, data in graph.nodes(data=True):
        data.setdefault("kind", "source")
        data.setdefault("origin_of", 0)
    return graph


def write_graph(graph: nx.DiGraph, fmt: str, path: str | Path) -> None:
    """Write GraphML or GEXF (UTF-8, Arabic labels kept)."""
    if fmt == "graphml":
        nx.write_graphml(graph, str(path), encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, str(path), encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}: use graphml or gexf")

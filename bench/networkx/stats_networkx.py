#!/usr/bin/env python3
"""The peer of `lineage import WEEKLY.csv... && lineage stats --json`, written with networkx.

Reads the weekly "added models" CSVs (Model ID, Type, Base Model) in the order given with the standard csv
module, keeps the last accepted row of every model (a later row replaces the earlier one and its parents, as
`lineage import` does), builds the family graph with networkx and prints every key of `lineage stats --json`
(variant "all") as one JSON object. Definitions: docs/genealogy.md.

Usage: stats_networkx.py WEEKLY.csv [WEEKLY.csv ...] > stats.json
"""

import csv
import heapq
import json
import re
import sys
from collections import Counter

import networkx as nx

HEADER = ["Model ID", "Type", "Base Model"]

# The Hub's relation names as `lineage import` accepts them (case-insensitive); an empty Type is "unknown".
RELATIONS = {
    "finetune": "finetune", "fine-tune": "finetune",
    "adapter": "adapter",
    "quantized": "quantized", "quantization": "quantized",
    "merge": "merge", "merged": "merge",
    "unknown": "unknown", "": "unknown",
}
RELATION_ORDER = ["finetune", "adapter", "quantized", "merge", "unknown"]
TOP = 10


def ordinal(model_id):
    """Sort key equal to .NET's ordinal (UTF-16 code unit) order, which `lineage` uses for every tie."""
    return model_id.encode("utf-16-be", "surrogatepass")


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # an id with one is rejected
INVALID_UTF8 = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" decodes invalid bytes to


def read_weekly(paths):
    """The final parents list of every model id; rejected rows (as `lineage import` rejects them) are skipped."""
    models = {}
    rejected = 0
    for path in paths:
        with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            rows = csv.reader(handle)
            if next(rows, None) != HEADER:
                print(f"{path}:1: wrong CSV header, file skipped", file=sys.stderr)
                rejected += 1
                continue
            for row in rows:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line is not a record
                model_id = row[0].strip() if len(row) == 3 else ""
                relation = RELATIONS.get(row[1].strip().lower()) if len(row) == 3 else None
                invalid = any(INVALID_UTF8.search(field) for field in row)
                if not model_id or relation is None or invalid or CONTROL.search(model_id):
                    rejected += 1
                    continue
                parents = []
                for parent in row[2].split(","):
                    parent = parent.strip()
                    if parent and parent not in parents:
                        parents.append(parent)
                models[model_id] = (relation, parents)
    return models, rejected


def build(models):
    graph = nx.DiGraph()
    graph.add_nodes_from(models)
    dangling = []
    self_references = set()
    declared = Counter()
    for child, (relation, parents) in models.items():
        for parent in parents:
            if parent == child:
                self_references.add(child)
                continue
            declared[child] += 1
            if parent in models:
                graph.add_edge(parent, child, relation=relation)
            else:
                dangling.append(parent)
    multi_parent = sum(1 for count in declared.values() if count >= 2)
    return graph, dangling, len(self_references), multi_parent


def top(items, count=TOP):
    """The `count` best (score, id) pairs: score descending, then id in ordinal order."""
    return heapq.nsmallest(count, items, key=lambda item: (-item[0], ordinal(item[1])))


def generations(graph):
    """Longest path to every model from a generation-0 model, on the condensation (a cycle shares one generation)."""
    condensation = nx.condensation(graph)
    level = {}
    for component in nx.topological_sort(condensation):
        level[component] = max((level[p] + 1 for p in condensation.predecessors(component)), default=0)
    member_of = condensation.graph["mapping"]
    return {node: level[member_of[node]] for node in graph}, member_of, condensation


def chain(graph, generation, component, leaf):
    """Root-to-leaf chain: up to the smallest-id parent one generation up; inside a cycle, breadth-first to the exit."""
    def way_up(node):
        for parent in sorted(graph.predecessors(node), key=ordinal):
            if component[parent] != component[node] and generation[parent] == generation[node] - 1:
                return parent
        return None

    path = [leaf]
    current = leaf
    while generation[current] > 0:
        up = way_up(current)
        if up is not None:
            path.append(up)
            current = up
            continue
        came_from = {current: None}
        queue = [current]
        target = None
        while queue and target is None:
            node = queue.pop(0)
            for parent in sorted(graph.predecessors(node), key=ordinal):
                if component[parent] != component[current] or parent in came_from:
                    continue
                came_from[parent] = node
                if way_up(parent) is not None:
                    target = parent
                    break
                queue.append(parent)
        inside = []
        node = target
        while node != current:
            inside.append(node)
            node = came_from[node]
        path.extend(reversed(inside))
        current = target
    return list(reversed(path))


def statistics(graph, dangling, self_references, multi_parent):
    edges = Counter(relation for _, _, relation in graph.edges(data="relation"))
    generation, component, condensation = generations(graph)
    cycles = [members for _, members in condensation.nodes(data="members") if len(members) > 1]

    families = []
    for members in nx.weakly_connected_components(graph):
        candidates = sorted((v for v in members if generation[v] == 0), key=ordinal)
        root = candidates[0]
        if len(candidates) > 1:
            best = -1
            for candidate in candidates:
                descendants = len(nx.descendants(graph, candidate))
                if descendants > best:
                    best, root = descendants, candidate
        families.append((len(members), root, max(generation[v] for v in members)))
    largest = top((size, root) for size, root, _ in families)
    depth_of = {root: depth for _, root, depth in families}

    histogram = []
    for size, _, _ in families:
        bin_index = size.bit_length() - 1
        while len(histogram) <= bin_index:
            low = 1 << len(histogram)
            histogram.append({"min": low, "max": 2 * low - 1, "families": 0})
        histogram[bin_index]["families"] += 1

    children = dict(graph.out_degree())
    parents = dict(graph.in_degree())
    leaves = top((generation[v], v) for v in graph if children[v] == 0 and parents[v] > 0)
    counts = Counter(generation.values())
    return {
        "variant": "all",
        "models": graph.number_of_nodes(),
        "edges": {relation: edges[relation] for relation in RELATION_ORDER},
        "danglingEdges": len(dangling),
        "danglingParents": len(set(dangling)),
        "selfReferences": self_references,
        "multiParentModels": multi_parent,
        "modelsWithParents": sum(1 for v in graph if parents[v] > 0),
        "families": len(families),
        "largestFamilies": [{"root": root, "size": size, "maxDepth": depth_of[root]} for size, root in largest],
        "topParents": [{"id": v, "children": k} for k, v in top((k, v) for v, k in children.items() if k > 0)],
        "cycles": len(cycles),
        "modelsInCycles": sum(len(members) for members in cycles),
        "generations": {str(g): counts[g] for g in range(max(counts, default=-1) + 1)},
        "longestChains": [chain(graph, generation, component, leaf) for _, leaf in leaves],
        "familySizeHistogram": histogram,
        # The weekly files carry no creation time, so every model of a family is undated.
        "growth": [{"root": root, "undated": size, "months": {}} for size, root in largest],
    }


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    models, rejected = read_weekly(argv[1:])
    if rejected:
        print(f"{rejected} rows rejected", file=sys.stderr)
    graph, dangling, self_references, multi_parent = build(models)
    json.dump(statistics(graph, dangling, self_references, multi_parent), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

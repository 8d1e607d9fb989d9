using System.Globalization;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Computes <see cref="GenealogyStatistics"/> from a snapshot and its analysis: pure, linear in the graph size.</summary>
public static class GenealogyStatisticsCalculator
{
    /// <summary>How many entries the "top" lists hold.</summary>
    public const int TopCount = 10;

    /// <summary>Analyses the snapshot's graph and computes its statistics.</summary>
    public static GenealogyStatistics Compute(GenealogySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Compute(snapshot, GenealogyAnalysis.Run(snapshot.Graph, cancellationToken));
    }

    /// <summary>
    /// Computes the statistics. Longest chains: leaves (models with a parent and no children) ordered by generation
    /// descending then id; each chain is walked up from its leaf, at each step to the smallest-id parent one
    /// generation up; inside a cycle the walk first moves (breadth-first, smallest id first) to the nearest
    /// member that has such a parent, so every consecutive pair of ids is a real edge.
    /// </summary>
    public static GenealogyStatistics Compute(GenealogySnapshot snapshot, GenealogyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(analysis);
        var graph = snapshot.Graph;
        if (!ReferenceEquals(graph, analysis.Graph))
        {
            throw new ArgumentException("the analysis was computed on another graph", nameof(analysis));
        }
        var n = graph.NodeCount;

        Span<int> relationCounts = stackalloc int[Relations.All.Count];
        var topParents = new TopList(TopCount);
        var withParents = 0;
        for (var v = 0; v < n; v++)
        {
            foreach (var relation in graph.ChildRelations(v))
            {
                relationCounts[(int)relation]++;
            }
            var children = graph.OutDegree(v);
            if (children > 0)
            {
                topParents.Offer(children, v);
            }
            withParents += graph.InDegree(v) > 0 ? 1 : 0;
        }

        var danglingParents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in snapshot.Dangling)
        {
            danglingParents.Add(d.MissingParent);
        }

        var families = analysis.Families;
        var largest = new TopList(TopCount);
        for (var f = 0; f < families.Count; f++)
        {
            // Rank by size, then by root index (index order is ordinal id order).
            largest.Offer(families.Sizes[f], analysis.FamilyRoots[f]);
        }
        var largestFamilies = new List<FamilySummary>(largest.Count);
        var familyRank = new Dictionary<int, int>();
        for (var i = 0; i < largest.Count; i++)
        {
            var root = largest[i].Node;
            var f = families.Of[root];
            familyRank[f] = i;
            largestFamilies.Add(new FamilySummary(graph.IdOf(root), families.Sizes[f], analysis.FamilyMaxDepth[f]));
        }

        var maxGeneration = -1;
        foreach (var g in analysis.Generation)
        {
            maxGeneration = Math.Max(maxGeneration, g);
        }
        var generations = new int[maxGeneration + 1];
        foreach (var g in analysis.Generation)
        {
            generations[g]++;
        }

        var modelsInCycles = 0;
        foreach (var size in analysis.Strong.Sizes)
        {
            modelsInCycles += size > 1 ? size : 0;
        }

        var leaves = new TopList(TopCount);
        for (var v = 0; v < n; v++)
        {
            if (graph.OutDegree(v) == 0 && graph.InDegree(v) > 0)
            {
                leaves.Offer(analysis.Generation[v], v);
            }
        }
        var chains = new List<IReadOnlyList<string>>(leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            chains.Add(Chain(analysis, leaves[i].Node));
        }

        return new GenealogyStatistics
        {
            Variant = snapshot.Variant,
            Models = n,
            Edges = new EdgeCounts(relationCounts[(int)Relation.Finetune], relationCounts[(int)Relation.Adapter],
                relationCounts[(int)Relation.Quantized], relationCounts[(int)Relation.Merge], relationCounts[(int)Relation.Unknown]),
            DanglingEdges = snapshot.Dangling.Length,
            DanglingParents = danglingParents.Count,
            SelfReferences = snapshot.SelfReferencing.Length,
            MultiParentModels = snapshot.MultiParent.Length,
            ModelsWithParents = withParents,
            Families = families.Count,
            LargestFamilies = largestFamilies,
            TopParents = [.. Enumerable.Range(0, topParents.Count).Select(i => new ParentSummary(graph.IdOf(topParents[i].Node), (int)topParents[i].Score))],
            Cycles = analysis.Cycles,
            ModelsInCycles = modelsInCycles,
            Generations = generations,
            LongestChains = chains,
            FamilySizeHistogram = Histogram(families.Sizes),
            Growth = Growth(snapshot, families, familyRank, largestFamilies),
        };
    }

    /// <summary>
    /// Statistics of the family holding <paramref name="node"/>: the same figures as for a whole catalog, computed on
    /// the family's induced subgraph (its generations and root are those of the whole graph).
    /// </summary>
    public static FamilyStatistics ComputeFamily(GenealogySnapshot snapshot, GenealogyAnalysis analysis, int node)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(analysis);
        var family = analysis.Families.Of[node];
        var members = analysis.MembersOf(family);
        var subset = snapshot.Subset(members);
        var statistics = Compute(subset);
        return new FamilyStatistics(snapshot.Graph.IdOf(node), snapshot.Graph.IdOf(analysis.FamilyRoots[family]), statistics);
    }

    /// <summary>The chain from a generation-0 model down to <paramref name="leaf"/> (ids, root first), by the rule in <see cref="Compute(GenealogySnapshot, GenealogyAnalysis)"/>.</summary>
    public static IReadOnlyList<string> Chain(GenealogyAnalysis analysis, int leaf)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var graph = analysis.Graph;
        var generation = analysis.Generation;
        var component = analysis.Strong.Of;
        var path = new List<int> { leaf };
        var current = leaf;
        while (generation[current] > 0)
        {
            var up = ParentOneGenerationUp(graph, generation, component, current);
            if (up >= 0)
            {
                path.Add(up);
                current = up;
                continue;
            }
            // current sits in a cycle whose way up starts at another member: walk there breadth-first inside the cycle.
            var from = new Dictionary<int, int> { [current] = -1 };
            var queue = new Queue<int>();
            queue.Enqueue(current);
            var target = -1;
            while (queue.Count > 0 && target < 0)
            {
                var x = queue.Dequeue();
                foreach (var p in graph.Parents(x))
                {
                    if (component[p] != component[current] || from.ContainsKey(p))
                    {
                        continue;
                    }
                    from[p] = x;
                    if (ParentOneGenerationUp(graph, generation, component, p) >= 0)
                    {
                        target = p;
                        break;
                    }
                    queue.Enqueue(p);
                }
            }
            if (target < 0)
            {
                throw new InvalidOperationException($"generation {generation[current]} of '{graph.IdOf(current)}' has no parent one generation up");
            }
            var inside = new List<int>();
            for (var x = target; x != current; x = from[x])
            {
                inside.Add(x);
            }
            inside.Reverse();
            path.AddRange(inside);
            current = target;
        }
        path.Reverse();
        return [.. path.Select(graph.IdOf)];
    }

    private static int ParentOneGenerationUp(LineageGraph graph, int[] generation, int[] component, int node)
    {
        foreach (var p in graph.Parents(node))
        {
            if (component[p] != component[node] && generation[p] == generation[node] - 1)
            {
                return p; // parents are ascending, so this is the smallest id
            }
        }
        return -1;
    }

    private static List<SizeBin> Histogram(int[] sizes)
    {
        var bins = new List<SizeBin>();
        foreach (var size in sizes)
        {
            var bin = 31 - int.LeadingZeroCount(size); // floor(log2(size))
            while (bins.Count <= bin)
            {
                var min = 1 << bins.Count;
                bins.Add(new SizeBin(min, (int)Math.Min(((long)min << 1) - 1, int.MaxValue), 0));
            }
            bins[bin] = bins[bin] with { Families = bins[bin].Families + 1 };
        }
        return bins;
    }

    private static List<FamilyGrowth> Growth(GenealogySnapshot snapshot, ComponentLabels families, Dictionary<int, int> familyRank, List<FamilySummary> largest)
    {
        var perMonth = new SortedDictionary<int, int>[largest.Count];
        var undated = new int[largest.Count];
        for (var i = 0; i < perMonth.Length; i++)
        {
            perMonth[i] = [];
        }
        var created = snapshot.CreatedAtUnixMs;
        for (var v = 0; v < families.Of.Length; v++)
        {
            if (!familyRank.TryGetValue(families.Of[v], out var rank))
            {
                continue;
            }
            if (created[v] == GenealogySnapshot.UnknownTime)
            {
                undated[rank]++;
                continue;
            }
            var date = DateTimeOffset.FromUnixTimeMilliseconds(created[v]).UtcDateTime;
            var month = (date.Year * 12) + date.Month - 1;
            perMonth[rank][month] = perMonth[rank].GetValueOrDefault(month) + 1;
        }
        var growth = new List<FamilyGrowth>(largest.Count);
        for (var i = 0; i < largest.Count; i++)
        {
            var months = new List<MonthCount>(perMonth[i].Count);
            var total = 0;
            foreach (var (month, count) in perMonth[i])
            {
                total += count;
                months.Add(new MonthCount(string.Create(CultureInfo.InvariantCulture, $"{month / 12:D4}-{(month % 12) + 1:D2}"), total));
            }
            growth.Add(new FamilyGrowth(largest[i].Root, months, undated[i]));
        }
        return growth;
    }
}

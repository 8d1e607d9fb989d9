using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>
/// Trait mutation down family trees (study §4.1): per edge whose parent and child both declare the trait, mutation =
/// |A Δ B| / |A ∪ B| (0 or 1 for single-valued traits); the rate is the mean over those edges.
/// </summary>
public static class MutationAnalysis
{
    /// <summary>Mutation of license, language, task and library over every edge of <paramref name="graph"/>.</summary>
    public static MutationResult Analyze(LineageGraph graph, NodeTraits traits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(traits);
        return new MutationResult(
            Analyze(graph, traits.Licenses),
            Analyze(graph, traits.Languages),
            Analyze(graph, traits.Tasks),
            Analyze(graph, traits.Libraries));
    }

    /// <summary>Mutation of one trait column over every edge, overall and per relation.</summary>
    public static TraitMutation Analyze(LineageGraph graph, TraitColumn column)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(column);
        if (column.NodeCount != graph.NodeCount)
        {
            throw new ArgumentException($"trait column has {column.NodeCount} nodes, graph has {graph.NodeCount}", nameof(column));
        }
        var relationCount = Relations.All.Count;
        Span<long> edges = stackalloc long[relationCount];
        Span<long> present = stackalloc long[relationCount];
        Span<double> mutated = stackalloc double[relationCount];
        for (var child = 0; child < graph.NodeCount; child++)
        {
            var parents = graph.Parents(child);
            if (parents.IsEmpty)
            {
                continue;
            }
            var relations = graph.ParentRelations(child);
            var b = column.Of(child);
            for (var i = 0; i < parents.Length; i++)
            {
                var r = (int)relations[i];
                present[r]++;
                var a = column.Of(parents[i]);
                if (a.IsEmpty || b.IsEmpty)
                {
                    continue;
                }
                edges[r]++;
                mutated[r] += EdgeMutation(a, b);
            }
        }
        var byRelation = new Dictionary<string, MutationCount>(relationCount, StringComparer.Ordinal);
        long totalEdges = 0;
        double totalMutated = 0;
        foreach (var relation in Relations.All)
        {
            var r = (int)relation;
            totalEdges += edges[r];
            totalMutated += mutated[r];
            if (present[r] > 0)
            {
                byRelation[relation.Name()] = new MutationCount(edges[r], mutated[r]);
            }
        }
        return new TraitMutation(totalEdges, totalMutated, byRelation);
    }

    /// <summary>|A Δ B| / |A ∪ B| of two ascending, distinct id sets (0 when both are empty).</summary>
    public static double EdgeMutation(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var common = CommonCount(a, b);
        var union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)(union - common) / union;
    }

    /// <summary>|A ∩ B| of two ascending, distinct id sets.</summary>
    internal static int CommonCount(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) { i++; }
            else { j++; }
        }
        return common;
    }

    /// <summary>Whether an ascending, distinct id set contains <paramref name="value"/>.</summary>
    internal static bool Contains(ReadOnlySpan<int> set, int value) => set.BinarySearch(value) >= 0;
}

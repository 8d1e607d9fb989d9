using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>
/// The edges behind one transition A → B of the trait transition graph (study §4.2 step 1, counted exactly as
/// <see cref="TransitionCounts"/> counts them): edges whose parent declares A and whose child declares B, where the child
/// adds B (the parent lacks it) or drops A (the child lacks it). The transitions of the returned edges sum to
/// <see cref="TransitionCounts.Get(int, int)"/>.
/// </summary>
public static class TransitionEdges
{
    /// <summary>
    /// Every edge behind the transition <paramref name="from"/> → <paramref name="to"/> (value ids of
    /// <paramref name="column"/>), in graph order (children by node index, then each child's parents in order).
    /// Example: parent {mit}, child {apache-2.0} gives one edge with 2 transitions for mit → apache-2.0 (added and dropped).
    /// </summary>
    public static List<TransitionEdge> Find(LineageGraph graph, TraitColumn column, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(column);
        if (column.NodeCount != graph.NodeCount)
        {
            throw new ArgumentException($"trait column has {column.NodeCount} nodes, graph has {graph.NodeCount}", nameof(column));
        }
        var edges = new List<TransitionEdge>();
        if (from < 0 || to < 0 || from == to)
        {
            return edges;
        }
        for (var child = 0; child < graph.NodeCount; child++)
        {
            var b = column.Of(child);
            if (!Has(b, to))
            {
                continue;
            }
            var parents = graph.Parents(child);
            var relations = graph.ParentRelations(child);
            for (var i = 0; i < parents.Length; i++)
            {
                var a = column.Of(parents[i]);
                if (!Has(a, from))
                {
                    continue;
                }
                var transitions = (Has(a, to) ? 0 : 1) + (Has(b, from) ? 0 : 1);
                if (transitions > 0)
                {
                    edges.Add(new TransitionEdge(parents[i], child, relations[i], transitions));
                }
            }
        }
        return edges;
    }

    // Trait sets are sorted value ids (TraitColumn.Of).
    private static bool Has(ReadOnlySpan<int> set, int value) => set.BinarySearch(value) >= 0;
}

using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Similarity;

/// <summary>Small hand-drawn graphs whose pattern counts are worked out by hand in the tests.</summary>
internal static class NamedGraphs
{
    /// <summary>
    /// The "little tree": 0→1, 0→2, 0→3, 1→4, 1→5, 4→6 and an isolated node 7.
    /// <code>
    ///        0          7
    ///      / | \
    ///     1  2  3
    ///    / \
    ///   4   5
    ///   |
    ///   6
    /// </code>
    /// </summary>
    public static LineageGraph LittleTree() => Build(8, (0, 1), (0, 2), (0, 3), (1, 4), (1, 5), (4, 6));

    /// <summary>A merge diamond feeding a chain: 0→2 and 1→2 (2 merges 0 and 1), 2→3, 3→4.</summary>
    public static LineageGraph MergeChain() => Build(5, (0, 2), (1, 2), (2, 3), (3, 4));

    public static LineageGraph Build(int nodes, params (int Parent, int Child)[] edges) =>
        LineageGraph.Build([.. Enumerable.Range(0, nodes).Select(i => $"org/m{i}")],
            [.. edges.Select(e => new GraphEdge(e.Parent, e.Child, Relation.Finetune))]);
}

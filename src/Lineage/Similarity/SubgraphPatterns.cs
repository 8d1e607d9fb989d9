namespace Kinship.Lineage.Similarity;

/// <summary>The eight patterns of study §3.3 with the pairs each yields (table in §3.3) and their result names.</summary>
public static class SubgraphPatterns
{
    /// <summary>Every pattern, in report order.</summary>
    public static readonly IReadOnlyList<SubgraphPattern> All =
    [
        SubgraphPattern.Random, SubgraphPattern.Edge, SubgraphPattern.Cherry, SubgraphPattern.Chain3,
        SubgraphPattern.Star3, SubgraphPattern.Fork, SubgraphPattern.Aunt, SubgraphPattern.Chain4,
    ];

    /// <summary>Result name of a pattern (<c>random</c>, <c>edge</c>, <c>cherry</c>, <c>chain3</c>, <c>star3</c>, <c>fork</c>, <c>aunt</c>, <c>chain4</c>).</summary>
    public static string Name(this SubgraphPattern pattern) => pattern switch
    {
        SubgraphPattern.Random => "random",
        SubgraphPattern.Edge => "edge",
        SubgraphPattern.Cherry => "cherry",
        SubgraphPattern.Chain3 => "chain3",
        SubgraphPattern.Star3 => "star3",
        SubgraphPattern.Fork => "fork",
        SubgraphPattern.Aunt => "aunt",
        _ => "chain4",
    };

    /// <summary>The pairs a pattern yields, in the study's c1… order.</summary>
    public static IReadOnlyList<PatternPair> Pairs(SubgraphPattern pattern) => pattern switch
    {
        SubgraphPattern.Random => [P(pattern, 0, "unrelated (a,b)", null)],
        SubgraphPattern.Edge => [P(pattern, 0, "parent-child (u,v)", 1)],
        SubgraphPattern.Cherry => [P(pattern, 0, "parent-child (p,a)", 1), P(pattern, 1, "siblings (a,b)", 0)],
        SubgraphPattern.Chain3 =>
        [
            P(pattern, 0, "grandparent-grandchild (u,w)", 2), P(pattern, 1, "parent-child (v,w)", 1), P(pattern, 2, "parent-child (u,v)", 1),
        ],
        SubgraphPattern.Star3 => [P(pattern, 0, "parent-child (p,a)", 1), P(pattern, 1, "siblings (a,b)", 0)],
        SubgraphPattern.Fork =>
        [
            P(pattern, 0, "grandparent-grandchild (u,w)", 2), P(pattern, 1, "parent-child (v,w)", 1),
            P(pattern, 2, "parent-child (u,v)", 1), P(pattern, 3, "siblings (w,x)", 0),
        ],
        SubgraphPattern.Aunt =>
        [
            P(pattern, 0, "grandparent-grandchild (u,w)", 2), P(pattern, 1, "niece-aunt (w,x)", 1),
            P(pattern, 2, "parent-child (v,w)", 1), P(pattern, 3, "parent-child (u,v)", 1), P(pattern, 4, "siblings (v,x)", 0),
        ],
        _ =>
        [
            P(pattern, 0, "great-grandparent-great-grandchild (t,w)", 3), P(pattern, 1, "grandparent-grandchild (u,w)", 2),
            P(pattern, 2, "grandparent-grandchild (t,v)", 2), P(pattern, 3, "parent-child (v,w)", 1),
            P(pattern, 4, "parent-child (u,v)", 1), P(pattern, 5, "parent-child (t,u)", 1),
        ],
    };

    private static PatternPair P(SubgraphPattern pattern, int index, string label, int? generations) =>
        new(pattern, index, $"c{index + 1}", label, generations);
}

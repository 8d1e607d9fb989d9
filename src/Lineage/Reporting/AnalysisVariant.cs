using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// Which edges the analysed graph keeps (study §2.1): <c>all</c>; <c>no-merge</c> (a forest); <c>finetune</c> (the study's
/// genetic-similarity graph, v1); <c>finetune+adapter</c> (its final metadata graph). Untyped edges are kept only in <c>all</c>.
/// </summary>
public static class AnalysisVariant
{
    /// <summary>The variant names, default first.</summary>
    public static readonly IReadOnlyList<string> Names = ["finetune", "finetune+adapter", "no-merge", "all"];

    /// <summary>The edge filter of a variant, or null when the name is not a variant.</summary>
    public static Func<Relation, bool>? Filter(string name) => name switch
    {
        "all" => static _ => true,
        "no-merge" => static r => r is not Relation.Merge and not Relation.Unknown,
        "finetune" => static r => r == Relation.Finetune,
        "finetune+adapter" => static r => r is Relation.Finetune or Relation.Adapter,
        _ => null,
    };
}

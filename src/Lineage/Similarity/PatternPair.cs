namespace Kinship.Lineage.Similarity;

/// <summary>One pair a pattern yields: its code (c1…c6 as in the study), what the two models are to each other, and how many generations apart they are (null for unrelated).</summary>
public sealed record PatternPair(SubgraphPattern Pattern, int Index, string Code, string Label, int? GenerationsApart)
{
    /// <summary>The result name of the pair, e.g. <c>c4 siblings (w,x)</c>.</summary>
    public string Name => $"{Code} {Label}";
}

using System.Globalization;
using System.Text;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// Checks the study's expected ordering (§3.4 findings) against result rows, per DNA and measure: random ≪ parent–child
/// (the random interval lies wholly below the edge interval), parent–child &lt; siblings (edge mean below the cherry's
/// sibling mean), and similarity falls as generations apart grow (pooled means over all related pairs strictly decrease
/// from 0 to 3 generations apart).
/// </summary>
public static class SimilarityVerdict
{
    /// <summary>The claim text of the random-versus-parent–child check.</summary>
    public const string RandomBelowParentChild = "random << parent-child";

    /// <summary>The claim text of the parent–child-versus-siblings check.</summary>
    public const string ParentChildBelowSiblings = "parent-child < siblings";

    /// <summary>The claim text of the generational check.</summary>
    public const string FallsWithGenerations = "similarity falls as generations apart grow";

    /// <summary>Every check for every (DNA, measure) present in <paramref name="rows"/>.</summary>
    public static IReadOnlyList<VerdictCheck> Check(IReadOnlyList<SimilarityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var checks = new List<VerdictCheck>();
        foreach (var group in rows.GroupBy(r => (r.Dna, r.Measure)))
        {
            var list = group.ToList();
            var random = list.FirstOrDefault(r => r.Pattern == "random");
            var edge = list.FirstOrDefault(r => r.Pattern == "edge");
            var siblings = list.FirstOrDefault(r => r.Pattern == "cherry" && r.GenerationsApart == 0);
            checks.Add(random?.CiHigh is { } rHigh && edge?.CiLow is { } eLow
                ? new VerdictCheck(group.Key.Dna, group.Key.Measure, RandomBelowParentChild, rHigh < eLow,
                    $"random {F(random.Mean)} [{F(random.CiLow)}, {F(rHigh)}] vs parent-child {F(edge.Mean)} [{F(eLow)}, {F(edge.CiHigh)}]")
                : new VerdictCheck(group.Key.Dna, group.Key.Measure, RandomBelowParentChild, null, "no random or edge pairs"));
            checks.Add(edge?.Mean is { } eMean && siblings?.Mean is { } sMean
                ? new VerdictCheck(group.Key.Dna, group.Key.Measure, ParentChildBelowSiblings, eMean < sMean,
                    $"parent-child {F(eMean)} vs siblings {F(sMean)}")
                : new VerdictCheck(group.Key.Dna, group.Key.Measure, ParentChildBelowSiblings, null, "no edge or sibling pairs"));
            var byGeneration = list
                .Where(r => r.GenerationsApart is not null && r.N > 0 && r.Mean is not null)
                .GroupBy(r => r.GenerationsApart!.Value)
                .OrderBy(g => g.Key)
                .Select(g => (Gap: g.Key, Mean: g.Sum(r => r.Mean!.Value * r.N) / g.Sum(r => r.N)))
                .ToList();
            var falls = byGeneration.Count < 2 ? (bool?)null : byGeneration.Zip(byGeneration.Skip(1)).All(p => p.First.Mean > p.Second.Mean);
            checks.Add(new VerdictCheck(group.Key.Dna, group.Key.Measure, FallsWithGenerations, falls, GenerationEvidence(byGeneration, falls)));
        }
        return checks;
    }

    /// <summary>
    /// The pooled means compared, in order with the comparison between each neighbour (e.g. <c>0 apart 0.800 &gt; 1 apart
    /// 0.600 &gt; 2 apart 0.500 &lt; 3 apart 0.550</c>), then what that means: falls at every step, or where it does not.
    /// </summary>
    private static string GenerationEvidence(List<(int Gap, double Mean)> byGeneration, bool? falls)
    {
        if (byGeneration.Count == 0)
        {
            return "no related pairs";
        }
        var chain = new StringBuilder($"{byGeneration[0].Gap} apart {F(byGeneration[0].Mean)}");
        for (var i = 1; i < byGeneration.Count; i++)
        {
            chain.Append(byGeneration[i - 1].Mean > byGeneration[i].Mean ? " > " : byGeneration[i - 1].Mean < byGeneration[i].Mean ? " < " : " = ")
                .Append(CultureInfo.InvariantCulture, $"{byGeneration[i].Gap} apart {F(byGeneration[i].Mean)}");
        }
        var steps = byGeneration.Zip(byGeneration.Skip(1)).Where(p => p.First.Mean <= p.Second.Mean)
            .Select(p => $"{p.First.Gap} to {p.Second.Gap} apart").ToList();
        var meaning = falls switch
        {
            null => "only one generation gap has pairs, nothing to compare",
            true => "pooled means fall at every step",
            _ => "does not fall from " + string.Join(", nor from ", steps),
        };
        return $"{chain} (pooled means of related pairs); {meaning}";
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}

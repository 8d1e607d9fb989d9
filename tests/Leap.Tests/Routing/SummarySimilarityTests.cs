using CsCheck;
using Kinship.Leap.Routing;

namespace Kinship.Leap.Tests.Routing;

public sealed class SummarySimilarityTests
{
    [Fact]
    public void Levenshtein_similarity_is_one_minus_distance_over_the_longer_length()
    {
        Assert.Equal(1 - (3.0 / 7), SummarySimilarity.Levenshtein("kitten", "sitting"));
        Assert.Equal(0.0, SummarySimilarity.Levenshtein("abc", "xyz"));
        Assert.Equal(1.0 - (1.0 / 4), SummarySimilarity.Levenshtein("flaw", "law"));
    }

    [Fact]
    public void InDel_similarity_is_the_released_codes_ratio()
    {
        // python-Levenshtein ratio("kitten", "sitting") = 1 − 5/13: LCS "ittn" = 4, indel = 6 + 7 − 8 = 5.
        Assert.Equal(8.0 / 13, SummarySimilarity.InDel("kitten", "sitting"));
        // substitution costs 2 in InDel: "abc" vs "abd": indel = 2, 1 − 2/6.
        Assert.Equal(4.0 / 6, SummarySimilarity.InDel("abc", "abd"));
    }

    [Fact]
    public void Empty_summaries_are_identical_to_each_other_and_unlike_anything_else()
    {
        Assert.Equal(1.0, SummarySimilarity.Levenshtein("", ""));
        Assert.Equal(1.0, SummarySimilarity.InDel("", ""));
        Assert.Equal(0.0, SummarySimilarity.Levenshtein("", "abc"));
        Assert.Equal(0.0, SummarySimilarity.InDel("abc", ""));
    }

    [Fact]
    public void Long_summaries_use_pooled_rows_and_agree_with_a_direct_computation()
    {
        var a = string.Concat(Enumerable.Repeat("the sum is 1500 ", 40));
        var b = string.Concat(Enumerable.Repeat("the sum is 1600 ", 40));
        Assert.Equal(a.Length - 40, SummarySimilarity.LongestCommonSubsequence(a, b));
        Assert.Equal(1 - (40.0 / a.Length), SummarySimilarity.Levenshtein(a, b));
    }

    [Fact]
    public void Both_measures_are_symmetric_and_within_zero_and_one()
    {
        Gen.Select(Gen.String[Gen.Char['a', 'd'], 0, 300], Gen.String[Gen.Char['a', 'd'], 0, 300]).Sample((a, b) =>
        {
            foreach (var m in new[] { SimilarityMeasure.Levenshtein, SimilarityMeasure.InDel })
            {
                var s = SummarySimilarity.Compute(m, a, b);
                Assert.InRange(s, 0.0, 1.0);
                Assert.Equal(s, SummarySimilarity.Compute(m, b, a));
            }
        });
    }
}

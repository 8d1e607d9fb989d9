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

    [Fact]
    public void Characters_outside_the_BMP_count_as_one_code_point_each()
    {
        // U+1D465 / U+1D466 (math italic x, y) are two UTF-16 units each: over units the pair would differ in 1 of 4 symbols
        Assert.Equal(1 - (1.0 / 3), SummarySimilarity.Levenshtein("\U0001D465+1", "\U0001D466+1"));
        Assert.Equal(4.0 / 6, SummarySimilarity.InDel("\U0001D465+1", "\U0001D466+1"));
        Assert.Equal(0.5, SummarySimilarity.Levenshtein("\U0001F600a", "a"));
        Assert.Equal(2.0 / 3, SummarySimilarity.InDel("\U0001F600a", "a"));
        Assert.Equal(1, SummarySimilarity.LongestCommonSubsequence("\U0001F600a", "\U0001F601a"));
        Assert.Equal([0x1F600, 'a', 0xD800], SummarySimilarity.CodePoints("\U0001F600a\uD800")); // an unpaired surrogate is itself
    }

    [Fact]
    public void Similarity_of_non_BMP_text_equals_the_similarity_of_its_code_points()
    {
        // the code-point definition: map every distinct code point to a distinct BMP character, then compare unit by unit
        var symbols = new[] { "a", "b", "\U0001F600", "\U0001D465", "\u00E9" };
        var gen = Gen.Int[0, symbols.Length - 1].Array[0, 40];
        Gen.Select(gen, gen).Sample((x, y) =>
        {
            var a = string.Concat(x.Select(i => symbols[i]));
            var b = string.Concat(y.Select(i => symbols[i]));
            var bmpA = new string(x.Select(i => (char)('A' + i)).ToArray());
            var bmpB = new string(y.Select(i => (char)('A' + i)).ToArray());
            foreach (var m in new[] { SimilarityMeasure.Levenshtein, SimilarityMeasure.InDel })
            {
                Assert.Equal(SummarySimilarity.Compute(m, bmpA, bmpB), SummarySimilarity.Compute(m, a, b), 12);
            }
        });
    }
}

using System.Buffers;

namespace Kinship.Leap.Routing;

/// <summary>Summary similarity over UTF-16 characters (LeaP paper Eq. 4, or the released code's InDel ratio).</summary>
public static class SummarySimilarity
{
    private const int StackThreshold = 256;

    /// <summary>Similarity of <paramref name="a"/> and <paramref name="b"/> under <paramref name="measure"/>; two empty strings are identical (1).</summary>
    public static double Compute(SimilarityMeasure measure, ReadOnlySpan<char> a, ReadOnlySpan<char> b) => measure switch
    {
        SimilarityMeasure.Levenshtein => Levenshtein(a, b),
        SimilarityMeasure.InDel => InDel(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };

    /// <summary>1 − Levenshtein(a, b) / max(|a|, |b|) (LeaP paper Eq. 4).</summary>
    public static double Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 1.0 : 1.0 - (double)Quickenshtein.Levenshtein.GetDistance(a, b) / longest;
    }

    /// <summary>1 − InDel(a, b) / (|a| + |b|), where InDel = |a| + |b| − 2·LCS(a, b) (python-Levenshtein's <c>ratio</c>).</summary>
    public static double InDel(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var total = a.Length + b.Length;
        return total == 0 ? 1.0 : 2.0 * LongestCommonSubsequence(a, b) / total;
    }

    /// <summary>Length of the longest common subsequence, one row of the dynamic programme at a time.</summary>
    public static int LongestCommonSubsequence(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }
        if (b.IsEmpty)
        {
            return 0;
        }
        int[]? rented = null;
        var row = b.Length + 1 <= StackThreshold ? stackalloc int[StackThreshold] : (rented = ArrayPool<int>.Shared.Rent(b.Length + 1));
        row = row[..(b.Length + 1)];
        row.Clear();
        try
        {
            foreach (var ca in a)
            {
                var diagonal = 0;
                for (var j = 1; j < row.Length; j++)
                {
                    var above = row[j];
                    row[j] = ca == b[j - 1] ? diagonal + 1 : Math.Max(above, row[j - 1]);
                    diagonal = above;
                }
            }
            return row[^1];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }
}

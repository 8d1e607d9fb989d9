using System.Buffers;

namespace Kinship.Leap.Routing;

/// <summary>
/// Summary similarity over Unicode code points (LeaP paper Eq. 4, or the released code's InDel ratio): lengths and edits count
/// code points, as Python's <c>str</c> (and so the released code) does, not UTF-16 units; a character outside the BMP is one
/// symbol, an unpaired surrogate is one symbol of its own.
/// </summary>
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

    /// <summary>1 − Levenshtein(a, b) / max(|a|, |b|) over code points (LeaP paper Eq. 4).</summary>
    public static double Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (!HasSurrogates(a) && !HasSurrogates(b))
        {
            var longest = Math.Max(a.Length, b.Length);
            return longest == 0 ? 1.0 : 1.0 - (double)Quickenshtein.Levenshtein.GetDistance(a, b) / longest;
        }
        var (x, y) = (CodePoints(a), CodePoints(b));
        var max = Math.Max(x.Length, y.Length);
        return max == 0 ? 1.0 : 1.0 - (double)EditDistance<int>(x, y) / max;
    }

    /// <summary>1 − InDel(a, b) / (|a| + |b|) over code points, where InDel = |a| + |b| − 2·LCS(a, b) (python-Levenshtein's <c>ratio</c>).</summary>
    public static double InDel(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (!HasSurrogates(a) && !HasSurrogates(b))
        {
            var total = a.Length + b.Length;
            return total == 0 ? 1.0 : 2.0 * Lcs<char>(a, b) / total;
        }
        var (x, y) = (CodePoints(a), CodePoints(b));
        var sum = x.Length + y.Length;
        return sum == 0 ? 1.0 : 2.0 * Lcs<int>(x, y) / sum;
    }

    /// <summary>Length, in code points, of the longest common subsequence of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int LongestCommonSubsequence(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        !HasSurrogates(a) && !HasSurrogates(b) ? Lcs<char>(a, b) : Lcs<int>(CodePoints(a), CodePoints(b));

    /// <summary>The code points of <paramref name="text"/>: a surrogate pair is one, an unpaired surrogate stands for itself.</summary>
    public static int[] CodePoints(ReadOnlySpan<char> text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                points.Add(c);
            }
        }
        return [.. points];
    }

    private static bool HasSurrogates(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Longest common subsequence, one row of the dynamic programme at a time.</summary>
    private static int Lcs<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IEquatable<T>
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
                    row[j] = ca.Equals(b[j - 1]) ? diagonal + 1 : Math.Max(above, row[j - 1]);
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

    /// <summary>Levenshtein distance (unit insert, delete, substitute), one row at a time.</summary>
    private static int EditDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IEquatable<T>
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }
        if (b.IsEmpty)
        {
            return a.Length;
        }
        int[]? rented = null;
        var row = b.Length + 1 <= StackThreshold ? stackalloc int[StackThreshold] : (rented = ArrayPool<int>.Shared.Rent(b.Length + 1));
        row = row[..(b.Length + 1)];
        for (var j = 0; j < row.Length; j++)
        {
            row[j] = j;
        }
        try
        {
            for (var i = 1; i <= a.Length; i++)
            {
                var diagonal = row[0];
                row[0] = i;
                for (var j = 1; j < row.Length; j++)
                {
                    var above = row[j];
                    row[j] = a[i - 1].Equals(b[j - 1]) ? diagonal : 1 + Math.Min(diagonal, Math.Min(above, row[j - 1]));
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

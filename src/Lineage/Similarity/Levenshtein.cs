using System.Buffers;
using System.Text;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// Exact Levenshtein distance over Unicode code points (as Python's <c>len</c> and python-Levenshtein count them; a
/// surrogate pair is one character), by Myers' bit-parallel algorithm in its multi-word block form (Myers 1999,
/// "A fast bit-vector algorithm for approximate string matching based on dynamic programming", §4; the distance
/// variant of Hyyrö 2001): one pass over the longer string advances ⌈m/64⌉ 64-bit words per character, O(⌈m/64⌉·n).
/// Common prefixes and suffixes are stripped first. Example: <c>Distance("kitten", "sitting")</c> is 3.
/// </summary>
public static class Levenshtein
{
    private const int StackCodePoints = 256;

    /// <summary>The number of code-point insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var common = a.CommonPrefixLength(b);
        // Never split a surrogate pair: back off to the pair's start.
        if (common > 0 && char.IsHighSurrogate(a[common - 1]))
        {
            common--;
        }
        a = a[common..];
        b = b[common..];
        var suffix = CommonSuffixLength(a, b);
        if (suffix > 0 && char.IsLowSurrogate(a[^suffix]))
        {
            // a[^suffix] may be the low half of a pair whose high halves differ: keep it with its pair.
            suffix--;
        }
        a = a[..^suffix];
        b = b[..^suffix];
        if (a.IsEmpty || b.IsEmpty)
        {
            return CodePointCount(a) + CodePointCount(b);
        }
        int[]? rentedA = null, rentedB = null;
        Span<int> bufferA = a.Length <= StackCodePoints ? stackalloc int[StackCodePoints] : (rentedA = ArrayPool<int>.Shared.Rent(a.Length));
        Span<int> bufferB = b.Length <= StackCodePoints ? stackalloc int[StackCodePoints] : (rentedB = ArrayPool<int>.Shared.Rent(b.Length));
        try
        {
            var x = bufferA[..ToCodePoints(a, bufferA)];
            var y = bufferB[..ToCodePoints(b, bufferB)];
            return x.Length <= y.Length ? Myers(x, y) : Myers(y, x);
        }
        finally
        {
            if (rentedA is not null) ArrayPool<int>.Shared.Return(rentedA);
            if (rentedB is not null) ArrayPool<int>.Shared.Return(rentedB);
        }
    }

    /// <summary>Number of code points in <paramref name="text"/> (a well-formed surrogate pair counts once, a lone surrogate once).</summary>
    public static int CodePointCount(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[a.Length - 1 - i] == b[b.Length - 1 - i])
        {
            i++;
        }
        return i;
    }

    private static int ToCodePoints(ReadOnlySpan<char> text, Span<int> into)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                into[n++] = char.ConvertToUtf32(c, text[++i]);
            }
            else
            {
                into[n++] = c;
            }
        }
        return n;
    }

    /// <summary>Myers' block algorithm with the shorter string <paramref name="pattern"/> as the bit vectors' rows; both non-empty.</summary>
    private static int Myers(ReadOnlySpan<int> pattern, ReadOnlySpan<int> text)
    {
        var m = pattern.Length;
        var words = (m + 63) >> 6;
        // Dense symbol ids for the pattern's code points; 0 is every symbol the pattern lacks (an all-zero match vector).
        Dictionary<int, int>? wide = null;
        Span<int> ascii = stackalloc int[128];
        ascii.Clear();
        var symbols = 1;
        foreach (var c in pattern)
        {
            if (c < 128)
            {
                if (ascii[c] == 0) ascii[c] = symbols++;
            }
            else
            {
                wide ??= [];
                if (!wide.ContainsKey(c)) wide[c] = symbols++;
            }
        }
        var peq = ArrayPool<ulong>.Shared.Rent(symbols * words);
        var vectors = ArrayPool<ulong>.Shared.Rent(2 * words);
        try
        {
            Array.Clear(peq, 0, symbols * words);
            for (var i = 0; i < m; i++)
            {
                var c = pattern[i];
                var s = c < 128 ? ascii[c] : wide![c];
                peq[s * words + (i >> 6)] |= 1UL << (i & 63);
            }
            var vp = vectors.AsSpan(0, words);
            var vn = vectors.AsSpan(words, words);
            vp.Fill(ulong.MaxValue);
            vn.Clear();
            var last = 1UL << ((m - 1) & 63);
            var score = m;
            foreach (var c in text)
            {
                var s = c < 128 ? ascii[c] : wide is not null && wide.TryGetValue(c, out var id) ? id : 0;
                var eqRow = peq.AsSpan(s * words, words);
                // Row 0 of the distance matrix is 0, 1, 2, …: the horizontal delta entering the first block is +1.
                var hin = 1;
                for (var w = 0; w < words; w++)
                {
                    var eq = eqRow[w];
                    var pv = vp[w];
                    var mv = vn[w];
                    var xv = eq | mv;
                    if (hin < 0)
                    {
                        eq |= 1;
                    }
                    var xh = (((eq & pv) + pv) ^ pv) | eq;
                    var ph = mv | ~(xh | pv);
                    var mh = pv & xh;
                    var high = w == words - 1 ? last : 1UL << 63;
                    var hout = (ph & high) != 0 ? 1 : (mh & high) != 0 ? -1 : 0;
                    ph <<= 1;
                    mh <<= 1;
                    if (hin < 0)
                    {
                        mh |= 1;
                    }
                    else if (hin > 0)
                    {
                        ph |= 1;
                    }
                    vp[w] = mh | ~(xv | ph);
                    vn[w] = ph & xv;
                    hin = hout;
                }
                score += hin;
            }
            return score;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(peq);
            ArrayPool<ulong>.Shared.Return(vectors);
        }
    }
}

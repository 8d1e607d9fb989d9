using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Kinship.Lineage.Similarity;

/// <summary>Receives the terms of a document: a unigram (second span empty) or a bigram "first second".</summary>
internal interface ITermSink
{
    void Term(ulong hash, ReadOnlySpan<char> first, ReadOnlySpan<char> second);
}

/// <summary>
/// Word unigrams and bigrams exactly as scikit-learn's default analyzer makes them: the document is lower-cased as Python's
/// <c>str.lower()</c> does, a token is a maximal run of two or more word characters (Python <c>re</c>'s <c>\b\w\w+\b</c>,
/// counted in code points), a bigram joins consecutive tokens with one space.
/// Each term is identified by a 64-bit hash of its characters, so scanning allocates nothing.
/// </summary>
internal static class NgramTerms
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Documents up to this many characters are lower-cased on the stack.</summary>
    private const int StackLimit = 1024;

    /// <summary>Scans one document, calling the sink once per unigram and bigram occurrence in document order.</summary>
    public static void Scan<TSink>(ReadOnlySpan<char> document, scoped ref TSink sink)
        where TSink : struct, ITermSink
    {
        char[]? rented = null;
        var ascii = !document.ContainsAnyExceptInRange('\0', '\u007F');
        var capacity = ascii ? document.Length : PythonText.MaxLowerLength(document.Length);
        var lowered = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        if (ascii)
        {
            lowered = lowered[..document.Length];
            document.ToLowerInvariant(lowered);
        }
        else
        {
            // Python's str.lower(): U+0130 becomes two characters, a final capital sigma becomes U+03C2.
            lowered = lowered[..PythonText.Lower(document, lowered)];
        }
        try
        {
            ScanLowered(lowered, ref sink);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static void ScanLowered<TSink>(ReadOnlySpan<char> text, scoped ref TSink sink)
        where TSink : struct, ITermSink
    {
        var previous = ReadOnlySpan<char>.Empty;
        var previousState = 0UL;
        var i = 0;
        while (i < text.Length)
        {
            var width = WordWidth(text, i);
            if (width == 0)
            {
                i++;
                continue;
            }
            var start = i;
            var runes = 0;
            while (width > 0)
            {
                i += width;
                runes++;
                width = i < text.Length ? WordWidth(text, i) : 0;
            }
            if (runes < 2)
            {
                continue;
            }
            var token = text[start..i];
            var state = Feed(FnvOffset, token);
            sink.Term(Finish(state), token, default);
            if (!previous.IsEmpty)
            {
                var bigram = Feed(Feed(previousState, ' '), token);
                sink.Term(Finish(bigram), previous, token);
            }
            previous = token;
            previousState = state;
        }
    }

    /// <summary>The hash identifying a term string (a unigram, or a bigram with one space).</summary>
    public static ulong Hash(ReadOnlySpan<char> term) => Finish(Feed(FnvOffset, term));

    /// <summary>True when the term given as first(+" "+second) equals <paramref name="term"/>.</summary>
    public static bool Matches(string term, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        if (second.IsEmpty)
        {
            return first.SequenceEqual(term);
        }
        return term.Length == first.Length + 1 + second.Length
            && term.AsSpan(0, first.Length).SequenceEqual(first)
            && term[first.Length] == ' '
            && term.AsSpan(first.Length + 1).SequenceEqual(second);
    }

    /// <summary>The term string of first(+" "+second).</summary>
    public static string Materialize(ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        second.IsEmpty ? first.ToString() : string.Concat(first, " ", second);

    /// <summary>Number of UTF-16 units of the word character at <paramref name="i"/> (0 when it is not one).</summary>
    /// <remarks>
    /// Word characters are Python's <c>\w</c> for <c>str</c> patterns: <c>str.isalnum()</c> characters (categories L*, and
    /// N* which covers every character with a numeric value) and the underscore. Unlike .NET's <c>\w</c>, combining marks
    /// (Mn, Mc) and connector punctuation other than <c>_</c> are not word characters, so they split tokens.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordWidth(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c < 128)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' ? 1 : 0;
        }
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]))) ? 2 : 0;
        }
        return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(c)) ? 1 : 0;
    }

    private static bool IsWordCategory(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
        or UnicodeCategory.OtherNumber;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Feed(ulong state, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            state = (state ^ c) * FnvPrime;
        }
        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Feed(ulong state, char c) => (state ^ c) * FnvPrime;

    /// <summary>Murmur3's finalizer: spreads FNV's weak low bits over the whole word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h == 0 ? 1 : h;
    }
}

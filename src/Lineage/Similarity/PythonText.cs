using System.Globalization;
using System.Text;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// Python 3's text rules that scikit-learn's analyzer inherits: <c>str.lower()</c> (full lower-case mapping, so
/// U+0130 becomes "i" + U+0307, and the final-sigma rule) and <c>sorted()</c> order of strings (by code point).
/// </summary>
public static class PythonText
{
    /// <summary>Orders strings as Python compares them: by Unicode code point, not UTF-16 unit.</summary>
    public static readonly IComparer<string> CodePointOrder = Comparer<string>.Create(CompareCodePoints);

    /// <summary>Compares two strings by code point (Python's <c>str</c> order).</summary>
    public static int CompareCodePoints(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }
        return Fix(a[common]).CompareTo(Fix(b[common]));

        // Surrogates (U+D800-DFFF) encode code points above U+FFFF, so they sort after U+E000-FFFF.
        static int Fix(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
    }

    /// <summary>Python's <c>str.lower()</c> of <paramref name="text"/>.</summary>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return text.ToLowerInvariant();
        }
        var buffer = new char[MaxLowerLength(text.Length)];
        return new string(buffer, 0, Lower(text, buffer));
    }

    /// <summary>The most UTF-16 units the lower-case form of <paramref name="length"/> units can take.</summary>
    internal static int MaxLowerLength(int length) => 2 * length;

    /// <summary>Writes Python's <c>str.lower()</c> of <paramref name="text"/> into <paramref name="output"/> (at least <see cref="MaxLowerLength"/> long); returns its length.</summary>
    internal static int Lower(ReadOnlySpan<char> text, Span<char> output)
    {
        var i = 0;
        var o = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                output[o++] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
                i++;
                continue;
            }
            if (c == '\u0130')
            {
                output[o++] = 'i'; // SpecialCasing: LATIN CAPITAL LETTER I WITH DOT ABOVE lower-cases to two characters
                output[o++] = '\u0307';
                i++;
                continue;
            }
            if (c == '\u03A3')
            {
                output[o++] = IsFinalSigma(text, i) ? '\u03C2' : '\u03C3';
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var width) == System.Buffers.OperationStatus.Done)
            {
                o += Rune.ToLowerInvariant(rune).EncodeToUtf16(output[o..]);
                i += width;
            }
            else
            {
                output[o++] = c; // a lone surrogate lower-cases to itself
                i++;
            }
        }
        return o;
    }

    /// <summary>
    /// CPython's Final_Sigma test: a cased letter before (skipping case-ignorable characters) and none after.
    /// </summary>
    private static bool IsFinalSigma(ReadOnlySpan<char> text, int index)
    {
        var j = index - 1;
        var before = false;
        while (j >= 0)
        {
            var (rune, start) = RuneEndingAt(text, j);
            if (!IsCaseIgnorable(rune))
            {
                before = IsCased(rune);
                break;
            }
            j = start - 1;
        }
        if (!before)
        {
            return false;
        }
        j = index + 1;
        while (j < text.Length)
        {
            Rune.DecodeFromUtf16(text[j..], out var rune, out var width);
            if (!IsCaseIgnorable(rune))
            {
                return !IsCased(rune);
            }
            j += width;
        }
        return true;
    }

    private static (Rune Rune, int Start) RuneEndingAt(ReadOnlySpan<char> text, int end)
    {
        if (char.IsLowSurrogate(text[end]) && end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            return (new Rune(text[end - 1], text[end]), end - 1);
        }
        return (Rune.IsValid(text[end]) ? new Rune(text[end]) : Rune.ReplacementChar, end);
    }

    /// <summary>Unicode "Cased": upper, lower or title case letters, and characters that have a case mapping.</summary>
    private static bool IsCased(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;
    }

    /// <summary>Unicode "Case_Ignorable": marks, format characters, modifier letters and symbols, and word-internal punctuation.</summary>
    private static bool IsCaseIgnorable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol)
        {
            return true;
        }
        // Word_Break = MidLetter, MidNumLet or Single_Quote.
        return rune.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024
            or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
    }
}

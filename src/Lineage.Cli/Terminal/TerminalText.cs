using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kinship.Lineage.Cli.Terminal;

/// <summary>
/// The one escaping of untrusted text (model ids, licenses, file names, error messages) on its way to a terminal:
/// control characters (C0, DEL, C1 — ESC sequences among them) and the bidirectional overrides become visible
/// <c>\x1B</c> / <c>\u202E</c> escapes, so a model id can neither move the cursor, recolour the screen nor reorder a line.
/// </summary>
public static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c))
        + "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>The text with every unsafe character replaced by its visible escape (the text itself when it has none).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var at = text.AsSpan().IndexOfAny(Unsafe);
        if (at < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 8);
        builder.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (!Unsafe.Contains(c))
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary><see cref="Escape"/>, then escaped for Spectre.Console markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Escape(text));
}

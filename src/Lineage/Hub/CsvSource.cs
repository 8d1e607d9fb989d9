using System.Text;
using nietras.SeparatedValues;

namespace Kinship.Lineage.Hub;

/// <summary>Opens CSV input with Sep (quoted multi-line fields unescaped) and checks rows for shape and encoding.</summary>
internal static class CsvSource
{
    public static SepReader Open(Stream stream) =>
        Sep.New(',').Reader(options => options with { Unescape = true, DisableColCountCheck = true, HasHeader = true })
            .From(new StreamReader(stream, MarkingUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16));

    /// <summary>
    /// UTF-8 that decodes each invalid byte sequence to <see cref="InvalidMark"/>, so a row with real invalid bytes is told
    /// apart from one holding a correctly encoded U+FFFD. (.NET refuses lone surrogates from a fallback, so the mark is a
    /// pair of noncharacters, the code points Unicode reserves for a program's internal use.) Its preamble skips a BOM.
    /// </summary>
    private static readonly Encoding MarkingUtf8 = CreateMarkingUtf8();

    private const string InvalidMark = "\uFDD0\uFDEF";

    private static Encoding CreateMarkingUtf8()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        encoding.DecoderFallback = new DecoderReplacementFallback(InvalidMark);
        return encoding;
    }

    /// <summary>The first missing required column, or null when the header has them all.</summary>
    public static string? MissingColumn(SepReader reader, IReadOnlyList<string> required)
    {
        foreach (var column in required)
        {
            if (!reader.Header.TryIndexOf(column, out _))
            {
                return column;
            }
        }
        return null;
    }

    /// <summary>The reject for a wrong header.</summary>
    public static SourceItem WrongHeader(SepReader reader, IReadOnlyList<string> required) => SourceItem.Rejected(1,
        $"wrong CSV header: expected columns {string.Join(", ", required.Select(c => $"'{c}'"))}, found {string.Join(", ", reader.Header.ColNames.Select(c => $"'{c}'"))}");

    /// <summary>Why a row is unusable (wrong column count or invalid UTF-8), or null.</summary>
    public static string? RowProblem(SepReader.Row row, int columns)
    {
        if (row.ColCount != columns)
        {
            return $"expected {columns} columns, found {row.ColCount}";
        }
        return row.Span.Contains(InvalidMark, StringComparison.Ordinal) ? "invalid UTF-8" : null;
    }

    /// <summary>A column value, null when empty or Python's <c>nan</c>/<c>None</c>.</summary>
    public static string? Text(SepReader.Row row, int index)
    {
        if (index < 0)
        {
            return null;
        }
        var span = row[index].Span;
        return span.IsEmpty || span.SequenceEqual("nan") || span.SequenceEqual("None") ? null : span.ToString();
    }
}

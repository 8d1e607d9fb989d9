using System.Text;
using System.Text.Json;

namespace Kinship.Lineage.Hub;

/// <summary>Recognises an input format from the first bytes of a file (not from its name).</summary>
public static class FormatSniffer
{
    private const int SniffBytes = 1 << 16;

    /// <summary>Detects the format of a file.</summary>
    /// <exception cref="UnknownFormatException">The content matches no known format; the message says what was seen.</exception>
    public static InputFormat Detect(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[SniffBytes];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head.AsSpan(0, length), path);
    }

    /// <summary>Detects the format from the first bytes of a source (<paramref name="name"/> is for the message).</summary>
    public static InputFormat Detect(ReadOnlySpan<byte> head, string name)
    {
        if (head.StartsWith("PAR1"u8))
        {
            return InputFormat.HubStatsParquet;
        }
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        var text = head.TrimStart(" \t\r\n"u8);
        if (text.IsEmpty)
        {
            throw new UnknownFormatException($"{name}: no known input format: the file is empty");
        }
        if (text[0] == (byte)'[')
        {
            return InputFormat.Listing;
        }
        if (text[0] == (byte)'{')
        {
            return FirstPropertyIs(text, "models") ? InputFormat.ModelInfoJson : InputFormat.Listing;
        }
        var newline = head.IndexOf((byte)'\n');
        var header = Encoding.UTF8.GetString(newline < 0 ? head : head[..newline]).TrimEnd('\r');
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        if (columns.SetEquals(WeeklyLineageReader.Header))
        {
            return InputFormat.WeeklyCsv;
        }
        if (ModelInfoReader.CsvColumns.All(columns.Contains))
        {
            return InputFormat.ModelInfoCsv;
        }
        if (StudyTableReader.RequiredColumns.All(columns.Contains))
        {
            return InputFormat.StudyCsv;
        }
        var shown = header.Length > 80 ? header[..80] + "..." : header;
        throw new UnknownFormatException(
            $"{name}: no known input format (not Parquet, JSON, JSON Lines, or a CSV with a known header; first line: '{shown}'); use --format to force one of: {string.Join(", ", InputFormats.All.Select(f => f.Name))}");
    }

    private static bool FirstPropertyIs(ReadOnlySpan<byte> json, string property)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(property);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

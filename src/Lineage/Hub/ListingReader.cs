using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Kinship.Lineage.Hub;

/// <summary>Reads Hub API listing items: one JSON array (an <c>/api/models</c> page) or JSON Lines, streaming.</summary>
public static class ListingReader
{
    /// <summary>Reads the stream; a first non-blank byte of <c>[</c> means a JSON array, anything else JSON Lines.</summary>
    public static IEnumerable<SourceItem> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = stream is BufferedStream or MemoryStream or FileStream ? stream : new BufferedStream(stream);
        return FirstSignificantByte(buffered) == (byte)'[' ? ReadArray(buffered, null) : ReadLines(buffered);
    }

    /// <summary>True when the stream's first non-blank byte is <c>[</c> (a JSON array, not JSON Lines); the position is kept.</summary>
    internal static bool IsJsonArray(Stream stream) => FirstSignificantByte(stream) == (byte)'[';

    /// <summary>Reads JSON Lines: one record per non-blank line.</summary>
    public static IEnumerable<SourceItem> ReadLines(Stream stream)
    {
        foreach (var (line, bytes) in Utf8LineReader.Lines(stream))
        {
            if (Utf8LineReader.IsBlank(bytes.Span))
            {
                continue;
            }
            yield return ParseLine(line, bytes);
        }
    }

    /// <summary>Reads the elements of a JSON array (top level, or under <paramref name="property"/>) as listing records.</summary>
    internal static IEnumerable<SourceItem> ReadArray(Stream stream, string? property)
    {
        foreach (var element in JsonArrayStreamer.Read(stream, property))
        {
            if (element.Document is null)
            {
                yield return SourceItem.Rejected(element.Line, element.Error!);
                continue;
            }
            using var document = element.Document;
            yield return ParseElement(element.Line, document.RootElement, null);
        }
    }

    /// <summary>Parses one JSON Lines line into a record or a reject.</summary>
    internal static SourceItem ParseLine(long line, ReadOnlyMemory<byte> bytes)
    {
        if (!Utf8.IsValid(bytes.Span))
        {
            return SourceItem.Rejected(line, "invalid UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return SourceItem.Rejected(line, "bad JSON: " + JsonArrayStreamer.FirstSentence(e.Message));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return SourceItem.Rejected(line, $"not a JSON object");
            }
            try
            {
                return SourceItem.Read(line, HubJsonRecord.Parse(document.RootElement, Encoding.UTF8.GetString(bytes.Span)));
            }
            catch (RecordFormatException e)
            {
                return SourceItem.Rejected(line, e.Message);
            }
        }
    }

    internal static SourceItem ParseElement(long line, JsonElement element, string? fallbackId)
    {
        try
        {
            return SourceItem.Read(line, HubJsonRecord.Parse(element, element.GetRawText(), fallbackId));
        }
        catch (RecordFormatException e)
        {
            return SourceItem.Rejected(line, e.Message);
        }
    }

    private static int FirstSignificantByte(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the listing reader needs a seekable stream", nameof(stream));
        }
        var start = stream.Position;
        try
        {
            int b;
            var index = 0;
            while ((b = stream.ReadByte()) >= 0)
            {
                index++;
                if (index <= 3 && b is 0xEF or 0xBB or 0xBF)
                {
                    continue;
                }
                if (b is not (' ' or '\t' or '\r' or '\n'))
                {
                    return b;
                }
            }
            return -1;
        }
        finally
        {
            stream.Position = start;
        }
    }
}

using System.Text.Json;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Streams the elements of a JSON array — the top-level array, or the array under a named property of the top-level
/// object — one <see cref="JsonDocument"/> per element, with the line each element starts on. Memory is bounded by the
/// largest element, not the file. Malformed JSON ends the stream with one error item (nothing after it can be trusted).
/// </summary>
internal static class JsonArrayStreamer
{
    private const int InitialBuffer = 1 << 16;

    /// <summary>An element (caller disposes <see cref="Document"/>) or an error at a line.</summary>
    internal readonly record struct Element(long Line, JsonDocument? Document, string? Error);

    private enum Phase { Start, SeekProperty, ExpectArray, Elements, Trailing, Done }

    private sealed class Cursor
    {
        public JsonReaderState State = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        public Phase Phase = Phase.Start;
        public long LinesBefore = 1;
        public int CountedUpTo;
    }

    /// <summary>Yields the elements of the array; <paramref name="property"/> null means the top-level value must be the array.</summary>
    public static IEnumerable<Element> Read(Stream stream, string? property)
    {
        var buffer = new byte[InitialBuffer];
        var filled = 0;
        var eof = false;
        var cursor = new Cursor();
        var batch = new List<Element>();
        var firstFill = true;
        while (cursor.Phase != Phase.Done)
        {
            if (!eof && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    eof = true;
                }
                filled += read;
                if (firstFill && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    Buffer.BlockCopy(buffer, 3, buffer, 0, filled - 3);
                    filled -= 3;
                }
                firstFill = false;
            }
            batch.Clear();
            var consumed = Parse(buffer.AsSpan(0, filled), eof, property, cursor, batch);
            foreach (var element in batch)
            {
                yield return element;
            }
            if (cursor.Phase == Phase.Done)
            {
                yield break;
            }
            if (eof && consumed == 0 && batch.Count == 0)
            {
                yield return new Element(cursor.LinesBefore + CountLines(buffer.AsSpan(cursor.CountedUpTo, filled - cursor.CountedUpTo)), null,
                    cursor.Phase == Phase.Start ? "empty file: no JSON value" : "truncated JSON: the array is not closed");
                yield break;
            }
            cursor.LinesBefore += CountLines(buffer.AsSpan(cursor.CountedUpTo, consumed - cursor.CountedUpTo));
            cursor.CountedUpTo = 0;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (consumed == 0 && filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>Parses what the buffer holds; returns the bytes fully consumed (up to the last complete element).</summary>
    private static int Parse(ReadOnlySpan<byte> data, bool final, string? property, Cursor cursor, List<Element> batch)
    {
        var reader = new Utf8JsonReader(data, final, cursor.State);
        var consumed = 0;
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    if (final && cursor.Phase == Phase.Trailing)
                    {
                        cursor.Phase = Phase.Done;
                    }
                    return consumed;
                }
                switch (cursor.Phase)
                {
                    case Phase.Start:
                        if (property is null)
                        {
                            if (reader.TokenType != JsonTokenType.StartArray)
                            {
                                batch.Add(new Element(LineAt(data, (int)reader.TokenStartIndex, cursor), null, "not a JSON array"));
                                cursor.Phase = Phase.Done;
                                return consumed;
                            }
                            cursor.Phase = Phase.Elements;
                        }
                        else
                        {
                            if (reader.TokenType != JsonTokenType.StartObject)
                            {
                                batch.Add(new Element(LineAt(data, (int)reader.TokenStartIndex, cursor), null, $"not a JSON object with a \"{property}\" list"));
                                cursor.Phase = Phase.Done;
                                return consumed;
                            }
                            cursor.Phase = Phase.SeekProperty;
                        }
                        break;
                    case Phase.SeekProperty:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            batch.Add(new Element(LineAt(data, (int)reader.TokenStartIndex, cursor), null, $"no \"{property}\" list in the JSON object"));
                            cursor.Phase = Phase.Done;
                            return consumed;
                        }
                        if (reader.ValueTextEquals(property))
                        {
                            cursor.Phase = Phase.ExpectArray;
                            break;
                        }
                        // skip the value of another property
                        var skipper = reader;
                        if (!skipper.Read() || !skipper.TrySkip())
                        {
                            cursor.State = before;
                            return beforeConsumed;
                        }
                        reader = skipper;
                        break;
                    case Phase.ExpectArray:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            batch.Add(new Element(LineAt(data, (int)reader.TokenStartIndex, cursor), null, $"\"{property}\" is not a list"));
                            cursor.Phase = Phase.Done;
                            return consumed;
                        }
                        cursor.Phase = Phase.Elements;
                        break;
                    case Phase.Elements:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            // the rest must still be JSON: the enclosing object's other fields, then only whitespace
                            cursor.Phase = Phase.Trailing;
                            break;
                        }
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            var probe = reader;
                            if (!probe.TrySkip())
                            {
                                cursor.State = before;
                                return beforeConsumed;
                            }
                        }
                        var line = LineAt(data, (int)reader.TokenStartIndex, cursor);
                        batch.Add(new Element(line, JsonDocument.ParseValue(ref reader), null));
                        break;
                    case Phase.Trailing:
                        break;
                }
                consumed = (int)reader.BytesConsumed;
                cursor.State = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            // the reader state carries the absolute (0-based) line number across buffer refills
            batch.Add(new Element((e.LineNumber ?? 0) + 1, null, "bad JSON: " + FirstSentence(e.Message)));
            cursor.Phase = Phase.Done;
            return consumed;
        }
    }

    private static long LineAt(ReadOnlySpan<byte> data, int position, Cursor cursor)
    {
        cursor.LinesBefore += CountLines(data[cursor.CountedUpTo..position]);
        cursor.CountedUpTo = position;
        return cursor.LinesBefore;
    }

    private static long CountLines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}

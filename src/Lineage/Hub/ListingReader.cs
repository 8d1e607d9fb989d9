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

    /// <summary>Lines per parse batch of <see cref="ReadLinesParallel"/>.</summary>
    private const int BatchLines = 512;

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

    /// <summary>
    /// Reads JSON Lines as <see cref="ReadLines"/> does (same items, same order), parsing batches of lines on
    /// <paramref name="workers"/> thread-pool threads while this thread splits the next ones. At most two batches per
    /// worker are in flight, so memory stays bounded by a few thousand lines. A JSON array is read on one thread.
    /// </summary>
    public static IEnumerable<SourceItem> ReadParallel(Stream stream, int workers)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var buffered = stream is BufferedStream or MemoryStream or FileStream ? stream : new BufferedStream(stream);
        return FirstSignificantByte(buffered) == (byte)'[' ? ReadArray(buffered, null) : ReadLinesParallel(buffered, workers);
    }

    private static IEnumerable<SourceItem> ReadLinesParallel(Stream stream, int workers) =>
        ReadLinesParallel(stream, workers, static items => items, null).SelectMany(static items => items);

    /// <summary>
    /// Reads JSON Lines in ordered batches: this thread splits the lines, <paramref name="workers"/> thread-pool threads
    /// parse each batch and hand its items to <paramref name="onWorker"/> (still on the worker), and the results are
    /// yielded in file order. At most two batches per worker are in flight. When the enumeration is abandoned, every
    /// result not yet yielded goes to <paramref name="abandon"/> once its worker has finished.
    /// </summary>
    internal static IEnumerable<T> ReadLinesParallel<T>(Stream stream, int workers, Func<SourceItem[], T> onWorker, Action<T>? abandon)
    {
        var inFlight = new Queue<Task<T>>();
        var batch = new LineBatch();
        try
        {
            foreach (var (line, bytes) in Utf8LineReader.Lines(stream))
            {
                if (Utf8LineReader.IsBlank(bytes.Span))
                {
                    continue;
                }
                batch.Add(line, bytes.Span);
                if (batch.Count < BatchLines)
                {
                    continue;
                }
                var full = batch;
                inFlight.Enqueue(Task.Run(() => onWorker(full.Parse())));
                batch = new LineBatch();
                if (inFlight.Count >= 2 * workers)
                {
                    yield return inFlight.Dequeue().GetAwaiter().GetResult();
                }
            }
            if (batch.Count > 0)
            {
                var last = batch;
                inFlight.Enqueue(Task.Run(() => onWorker(last.Parse())));
            }
            while (inFlight.TryDequeue(out var next))
            {
                yield return next.GetAwaiter().GetResult();
            }
        }
        finally
        {
            // an abandoned enumeration (cancellation, a failed append) waits for its batches so none outlives the stream
            foreach (var pending in inFlight)
            {
                try
                {
                    var result = pending.GetAwaiter().GetResult();
                    abandon?.Invoke(result);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // the enumeration is already unwinding from its own exception
                }
            }
        }
    }

    /// <summary>
    /// A batch of numbered lines copied out of the line reader's buffer into one pooled array (returned after the parse:
    /// fresh quarter-megabyte arrays would land on the large-object heap and force a full collection every few batches).
    /// </summary>
    private sealed class LineBatch
    {
        private byte[] _bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(BatchLines * 512);
        private readonly (long Line, int Start, int Length)[] _lines = new (long, int, int)[BatchLines];
        private int _used;

        public int Count { get; private set; }

        public void Add(long line, ReadOnlySpan<byte> bytes)
        {
            if (_used + bytes.Length > _bytes.Length)
            {
                var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + bytes.Length));
                _bytes.AsSpan(0, _used).CopyTo(larger);
                System.Buffers.ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }
            bytes.CopyTo(_bytes.AsSpan(_used));
            _lines[Count++] = (line, _used, bytes.Length);
            _used += bytes.Length;
        }

        /// <summary>Parses every line; the batch's buffer goes back to the pool, so a batch is parsed once.</summary>
        public SourceItem[] Parse()
        {
            var items = new SourceItem[Count];
            try
            {
                for (var i = 0; i < Count; i++)
                {
                    var (line, start, length) = _lines[i];
                    items[i] = ParseLine(line, _bytes.AsMemory(start, length));
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
            }
            return items;
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

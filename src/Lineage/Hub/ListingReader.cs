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

    /// <summary>Lines per parse batch of <see cref="ReadLinesParallel"/> (one full DuckDB data chunk of records).</summary>
    private const int BatchLines = 2048;

    /// <summary>Bytes after which a batch closes early (real model records run to kilobytes: memory stays bounded by bytes too).</summary>
    private const int BatchBytes = 2 << 20;

    /// <summary>Batches per worker that <see cref="ReadLinesParallel"/> keeps in flight (split, parsing, or parsed and waiting).</summary>
    private const int WindowPerWorker = 4;

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
    /// <paramref name="workers"/> thread-pool threads while a reader thread splits the next ones. At most four batches per
    /// worker are in flight (with two workers 16,384 lines or 16 MB), so memory stays bounded. A JSON array is read on one thread.
    /// </summary>
    public static IEnumerable<SourceItem> ReadParallel(Stream stream, int workers)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var buffered = stream is BufferedStream or MemoryStream or FileStream ? stream : new BufferedStream(stream);
        return FirstSignificantByte(buffered) == (byte)'[' ? ReadArray(buffered, null) : ReadLinesParallel(buffered, workers);
    }

    private static IEnumerable<SourceItem> ReadLinesParallel(Stream stream, int workers) =>
        ReadLinesParallel(stream, workers, static (items, _) => items.ToArray(), null).SelectMany(static items => items);

    /// <summary>
    /// Reads JSON Lines in ordered batches (<see cref="OrderedPipeline"/>): a reader thread splits the lines,
    /// <paramref name="workers"/> thread-pool threads parse each batch and hand its items, with the 0-based ordinal of the
    /// batch's first record among the file's non-blank lines, to <paramref name="onWorker"/> (still on the worker), and the
    /// results are yielded on the calling thread in file order. Splitting never waits for the caller: while it is busy with
    /// a result (DuckDB compressing a row group), the reader and the workers go on, up to <see cref="WindowPerWorker"/>
    /// batches per worker. When the enumeration is abandoned, every result not yet yielded goes to <paramref name="abandon"/>.
    /// </summary>
    internal static IEnumerable<T> ReadLinesParallel<T>(Stream stream, int workers, Func<IEnumerable<SourceItem>, long, T> onWorker, Action<T>? abandon) =>
        OrderedPipeline.Run(LineBatches(stream), batch =>
        {
            try
            {
                return onWorker(batch.Parse(), batch.FirstOrdinal);
            }
            finally
            {
                batch.Release(); // onWorker may stop early (a failure): the buffer goes back all the same
            }
        }, WindowPerWorker * workers, abandon);

    private static IEnumerable<LineBatch> LineBatches(Stream stream)
    {
        long ordinal = 0;
        var batch = new LineBatch(ordinal);
        try
        {
            foreach (var (line, bytes) in Utf8LineReader.Lines(stream))
            {
                if (Utf8LineReader.IsBlank(bytes.Span))
                {
                    continue;
                }
                batch.Add(line, bytes.Span);
                ordinal++;
                if (batch.Count < BatchLines && batch.Bytes < BatchBytes)
                {
                    continue;
                }
                var full = batch;
                batch = new LineBatch(ordinal);
                yield return full;
            }
            if (batch.Count > 0)
            {
                var last = batch;
                batch = null;
                yield return last;
            }
        }
        finally
        {
            batch?.Release(); // the batch being filled when the reading ended or stopped
        }
    }

    /// <summary>
    /// A batch of numbered lines copied out of the line reader's buffer into one pooled array (returned after the parse:
    /// fresh megabyte arrays would land on the large-object heap and force a full collection every few batches).
    /// </summary>
    private sealed class LineBatch
    {
        private byte[] _bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        private readonly (long Line, int Start, int Length)[] _lines = new (long, int, int)[BatchLines];
        private int _used;

        /// <summary>A batch whose first line is the non-blank line of 0-based ordinal <paramref name="firstOrdinal"/>.</summary>
        public LineBatch(long firstOrdinal) => FirstOrdinal = firstOrdinal;

        /// <summary>The 0-based ordinal of the batch's first line among the file's non-blank lines.</summary>
        public long FirstOrdinal { get; }

        public int Count { get; private set; }

        /// <summary>Bytes of the lines so far.</summary>
        public int Bytes => _used;

        /// <summary>Gives the buffer back to the pool: after the parse, or for a batch never handed on (idempotent).</summary>
        public void Release()
        {
            if (_bytes.Length > 0)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
            }
        }

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

        /// <summary>Parses the lines one at a time as they are enumerated; call <see cref="Release"/> when done.</summary>
        public IEnumerable<SourceItem> Parse()
        {
            for (var i = 0; i < Count; i++)
            {
                var (line, start, length) = _lines[i];
                yield return ParseLine(line, _bytes.AsMemory(start, length));
            }
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

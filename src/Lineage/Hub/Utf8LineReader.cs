namespace Kinship.Lineage.Hub;

/// <summary>
/// Splits a UTF-8 stream into lines without decoding it, reusing one buffer: memory stays bounded by the longest line.
/// A yielded line is valid until the next one is requested. A leading byte-order mark and trailing <c>\r</c> are dropped.
/// </summary>
internal static class Utf8LineReader
{
    private const int InitialBuffer = 1 << 16;

    /// <summary>Yields (1-based line number, line bytes) for every line, blank ones included.</summary>
    public static IEnumerable<(long Line, ReadOnlyMemory<byte> Bytes)> Lines(Stream stream)
    {
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0;
        long line = 0;
        var eof = false;
        var first = true;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (eof)
                {
                    if (end > start)
                    {
                        line++;
                        yield return (line, Trim(buffer.AsMemory(start, end - start), ref first));
                    }
                    yield break;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    eof = true;
                }
                end += read;
                continue;
            }
            line++;
            var bytes = Trim(buffer.AsMemory(start, newline), ref first);
            start += newline + 1;
            yield return (line, bytes);
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes, ref bool first)
    {
        if (first)
        {
            first = false;
            if (bytes.Span.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }
        }
        return bytes.Span.EndsWith("\r"u8) ? bytes[..^1] : bytes;
    }

    /// <summary>True when the line holds only whitespace (blank lines are not records and are not counted as read).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.TrimStart(" \t\r\n"u8).IsEmpty;
}

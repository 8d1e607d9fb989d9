using System.Text;

namespace Kinship.Files;

/// <summary>
/// An output file written atomically: bytes go to a uniquely named temporary file beside the target (two runs never share
/// one), <see cref="Commit"/> flushes it to disk and renames it over the target, and disposing without a commit (an error,
/// a cancellation) deletes it. Readers see the old file or the whole new one, never half of it.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private StreamWriter? _text;
    private bool _committed;
    private bool _disposed;

    private AtomicFile(string path, string temporaryPath, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        Stream = stream;
    }

    /// <summary>The final path (absolute).</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream of the temporary file.</summary>
    public FileStream Stream { get; }

    /// <summary>A UTF-8 text writer (no byte-order mark, <c>\n</c> line ends) over <see cref="Stream"/>, flushed by <see cref="Commit"/>.</summary>
    public StreamWriter Text => _text ??= new StreamWriter(Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    /// <summary>Starts writing <paramref name="path"/> (its folder is created when absent).</summary>
    public static AtomicFile Create(string path, int bufferSize = 1 << 16, bool useAsync = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = TemporaryPathFor(full);
        try
        {
            return new AtomicFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, useAsync));
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            TryDelete(temporary);
            throw DiskFull(full, e);
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>: hidden, and unique per process and call.</summary>
    public static string TemporaryPathFor(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var name = System.IO.Path.GetFileName(full);
        // keep the name within the usual 255-byte limit however long the target's name is
        if (Encoding.UTF8.GetByteCount(name) > 200)
        {
            name = name[..100];
        }
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Flushes the temporary file to disk and renames it over <see cref="Path"/>.</summary>
    /// <exception cref="IOException">The write failed ("no space left on device writing FILE" when the disk is full); the temporary file is gone.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _text?.Flush();
            Stream.Flush(flushToDisk: true);
            Stream.Dispose();
            File.Move(TemporaryPath, Path, overwrite: true);
            _committed = true;
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            Dispose();
            throw DiskFull(Path, e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Closes the file; without a <see cref="Commit"/> the temporary file is deleted and the target left as it was.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_committed)
        {
            try
            {
                Stream.SetLength(0); // nothing left to flush: closing cannot fail again on a full disk
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
            }
            try
            {
                Stream.Dispose();
            }
            catch (IOException)
            {
            }
            TryDelete(TemporaryPath);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Create(path);
        file.Write(bytes);
        file.Commit();
    }

    /// <summary>Writes UTF-8 <paramref name="text"/> (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        using var file = Create(path, useAsync: true);
        try
        {
            await file.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw DiskFull(file.Path, e);
        }
        file.Commit();
    }

    /// <summary>Writes UTF-8 <paramref name="text"/> (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, new UTF8Encoding(false).GetBytes(text), cancellationToken);

    /// <summary>
    /// For writers that take a path, not a stream (DuckDB's <c>COPY … TO</c>): <paramref name="write"/> fills the temporary
    /// path it is given, which is then flushed to disk and renamed over <paramref name="path"/>; deleted on any failure.
    /// </summary>
    public static T Replace<T>(string path, Func<string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = TemporaryPathFor(full);
        try
        {
            var result = write(temporary);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
            return result;
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw DiskFull(full, e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes to the temporary file (disk-full errors name the target).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            Stream.Write(bytes);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw DiskFull(Path, e);
        }
    }

    /// <summary>True when the error is a full disk or quota (ENOSPC/EDQUOT, or Windows' disk-full codes).</summary>
    public static bool IsDiskFull(Exception e) => e is IOException io && (
        (OperatingSystem.IsWindows() ? (io.HResult & 0xFFFF) is 112 or 39 : io.HResult is 28 or 122)
        || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
        || io.Message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase));

    /// <summary>The one message for a full disk: "no space left on device writing FILE".</summary>
    public static IOException DiskFull(string path, Exception? inner = null) => new($"no space left on device writing {path}", inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

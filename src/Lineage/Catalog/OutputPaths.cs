using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// Guards output paths before anything is written: an output may not be an input, the catalog itself, or an existing file
/// of another kind (a Parquet export never replaces a database, a rejects report never replaces a Parquet file).
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws an <see cref="IOException"/> naming <paramref name="output"/> when writing it as <paramref name="kind"/> would destroy data.</summary>
    /// <param name="output">The path about to be written.</param>
    /// <param name="role">What it is, for the message ("the rejects report", "the export").</param>
    /// <param name="kind">What will be written there.</param>
    /// <param name="catalogPath">The catalog, which no other output may replace (null when none is involved).</param>
    /// <param name="inputs">Files being read, which no output may replace.</param>
    public static void Check(string output, string role, OutputFileKind kind, string? catalogPath, IEnumerable<string>? inputs = null)
    {
        var target = Resolve(output);
        if (catalogPath is not null && kind != OutputFileKind.DuckDb && target == Resolve(catalogPath))
        {
            throw new IOException($"{output}: {role} would overwrite the catalog; choose another path");
        }
        foreach (var input in inputs ?? [])
        {
            if (target == Resolve(input))
            {
                throw new IOException($"{output}: {role} would overwrite the input {input}; choose another path");
            }
        }
        if (Directory.Exists(target))
        {
            throw new IOException($"{output}: {role} is a folder; give a file path");
        }
        var existing = KindOf(target);
        if (existing is { } found && found != kind && !(found == OutputFileKind.Text && kind == OutputFileKind.JsonLines))
        {
            throw new IOException($"{output}: exists and is {Describe(found)}, not {Describe(kind)}; {role} will not replace it (delete it or choose another path)");
        }
        if (existing == OutputFileKind.Text && kind == OutputFileKind.JsonLines && TextKindOf(target) is { } other)
        {
            throw new IOException($"{output}: exists and is {other}, not {Describe(kind)}; {role} will not replace it (delete it or choose another path)");
        }
    }

    /// <summary>The message <see cref="Check"/> would throw (or the error reading the existing file); null when <paramref name="output"/> may be written.</summary>
    public static string? Problem(string output, string role, OutputFileKind kind, string? catalogPath, IEnumerable<string>? inputs = null)
    {
        try
        {
            Check(output, role, kind, catalogPath, inputs);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>Null when an existing text file reads as listing JSON Lines; otherwise what it is ("a CSV file", "a JSON file", "a text file").</summary>
    private static string? TextKindOf(string path)
    {
        try
        {
            var format = FormatSniffer.Detect(path);
            if (format == InputFormat.Listing && FirstByte(path) == (byte)'{')
            {
                return null;
            }
            return format is InputFormat.Listing or InputFormat.ModelInfoJson ? "a JSON file" : "a CSV file";
        }
        catch (UnknownFormatException)
        {
            return "a text file";
        }
    }

    /// <summary>The first byte after a byte-order mark and leading whitespace.</summary>
    private static byte FirstByte(string path)
    {
        Span<byte> head = stackalloc byte[4096];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        var text = head[..read];
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        text = text.TrimStart(" \t\r\n"u8);
        return text.IsEmpty ? (byte)0 : text[0];
    }

    /// <summary>The kind of an existing file; null when there is no file or it is empty.</summary>
    public static OutputFileKind? KindOf(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        Span<byte> head = stackalloc byte[12];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        if (read == 0)
        {
            return null;
        }
        if (read >= 12 && head[8..12].SequenceEqual("DUCK"u8))
        {
            return OutputFileKind.DuckDb;
        }
        return read >= 4 && head[..4].SequenceEqual("PAR1"u8) ? OutputFileKind.Parquet : OutputFileKind.Text;
    }

    private static string Describe(OutputFileKind kind) => kind switch
    {
        OutputFileKind.DuckDb => "a DuckDB database",
        OutputFileKind.Parquet => "a Parquet file",
        OutputFileKind.JsonLines => "a JSON Lines file",
        _ => "a text file",
    };

    /// <summary>The absolute path with every symbolic link resolved, so two names of one file compare equal.</summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && Directory.Exists(directory))
            {
                var resolvedDirectory = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
                full = Path.Combine(resolvedDirectory, Path.GetFileName(full));
            }
            return File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}

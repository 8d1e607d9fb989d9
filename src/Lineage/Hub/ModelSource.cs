namespace Kinship.Lineage.Hub;

/// <summary>Opens an input file with the reader of its format (detected from its content unless given).</summary>
public static class ModelSource
{
    /// <summary>Resolves the format of a file: the given one, or the detected one.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (or is a directory).</exception>
    /// <exception cref="UnknownFormatException">No format given and none recognised.</exception>
    public static InputFormat ResolveFormat(string path, InputFormat? format)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                Directory.Exists(path) ? $"{path}: is a directory, not an input file" : $"{path}: no such file", path);
        }
        return format ?? FormatSniffer.Detect(path);
    }

    /// <summary>Streams the items of a file in the given format; the stream is closed when enumeration ends.</summary>
    public static IEnumerable<SourceItem> Read(string path, InputFormat format)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        foreach (var item in Read(stream, format))
        {
            yield return item;
        }
    }

    /// <summary>Streams the items of an open, seekable stream in the given format (the caller closes it).</summary>
    internal static IEnumerable<SourceItem> Read(Stream stream, InputFormat format)
    {
        var items = format switch
        {
            InputFormat.Listing => ListingReader.Read(stream),
            InputFormat.ModelInfoCsv => ModelInfoReader.ReadCsv(stream),
            InputFormat.ModelInfoJson => ModelInfoReader.ReadJson(stream),
            InputFormat.StudyCsv => StudyTableReader.Read(stream),
            InputFormat.HubStatsParquet => HubStatsParquetReader.Read(stream),
            InputFormat.WeeklyCsv => WeeklyLineageReader.Read(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        foreach (var item in items)
        {
            yield return item;
        }
    }
}

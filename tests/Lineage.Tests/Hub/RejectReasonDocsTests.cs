using System.Text.RegularExpressions;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>docs/formats-catalog.md lists every reject reason the Hub readers can write: each literal part of each reason in the source appears in it.</summary>
public sealed partial class RejectReasonDocsTests
{
    /// <summary>A string literal (plain or interpolated) on a line that makes a reject reason.</summary>
    [GeneratedRegex("""(?:FormatException\(|IOException\(|InvalidDataException\(|Rejected\([^"]*|new Element\([^"]*|return |\? |: )\$?"(?<text>(?:[^"\\]|\\.)*)"(?=[),;]| :| \?)""")]
    private static partial Regex ReasonLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();

    /// <summary>The reasons' literal parts, by reader file, with C# escapes undone.</summary>
    private static IEnumerable<(string File, string Part)> ReasonParts()
    {
        string[] readers = ["HubJsonRecord.cs", "ListingReader.cs", "JsonArrayStreamer.cs", "ModelInfoReader.cs", "CsvSource.cs", "StudyTableReader.cs",
            "WeeklyLineageReader.cs", "HubStatsParquetReader.cs", "RecordChecks.cs", "PythonListLiteral.cs"];
        foreach (var file in readers)
        {
            foreach (var line in File.ReadLines(Path.Combine(SharedData.RepositoryRoot, "src", "Lineage", "Hub", file)))
            {
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal) || !(line.Contains("RecordFormatException(", StringComparison.Ordinal)
                    || line.Contains("Rejected(", StringComparison.Ordinal) || line.Contains("new Element(", StringComparison.Ordinal)
                    || line.Contains("FormatException(", StringComparison.Ordinal) || line.Contains("IOException(", StringComparison.Ordinal)
                    || line.Contains("InvalidDataException(", StringComparison.Ordinal)
                    || (file is "RecordChecks.cs" or "CsvSource.cs" && line.Contains("return", StringComparison.Ordinal))))
                {
                    continue;
                }
                foreach (Match match in ReasonLiteral().Matches(line))
                {
                    var text = match.Groups["text"].Value.Replace("\\\\", "\\", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
                    foreach (var part in Hole().Split(text).Select(p => p.Trim(' ', ':', '(', ')', '\'', '"')).Where(p => p.Length >= 4))
                    {
                        yield return (file, part);
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_reject_reason_of_the_readers_is_in_the_catalog_formats_doc()
    {
        var doc = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "formats-catalog.md"));
        var parts = ReasonParts().ToArray();
        Assert.True(parts.Length >= 40, $"only {parts.Length} reason parts found: the scan no longer matches the readers");

        var missing = parts.Where(p => !doc.Contains(p.Part, StringComparison.Ordinal)).Select(p => $"{p.File}: '{p.Part}'").Distinct().ToArray();

        Assert.True(missing.Length == 0, "not in docs/formats-catalog.md:\n" + string.Join("\n", missing));
    }
}

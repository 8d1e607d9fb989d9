using System.Text.Json.Nodes;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// One analysis in the report: its <c>results.json</c> key and data, its tables and charts, and a note (e.g. why it is
/// absent). Analyses map their result records to a section; the writers only render sections.
/// </summary>
public sealed record ReportSection(string Key, string Title, JsonNode? Data, IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportChart> Charts, string? Note = null)
{
    /// <summary>Further top-level <c>results.json</c> entries of this analysis (e.g. <c>similarityVerdict</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Related { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>A section whose analysis was not run, carrying null data and the reason.</summary>
    public static ReportSection NotComputed(string key, string title, string reason) => new(key, title, null, [], [], reason);
}

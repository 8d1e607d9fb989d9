using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Reporting;

/// <summary>Everything a report shows: where the data came from, the headline table, family statistics and one section per analysis.</summary>
public sealed record ReportModel(
    string Title,
    DateTimeOffset GeneratedAt,
    IReadOnlyDictionary<string, string> Inputs,
    HeadlineTable Headline,
    GenealogyStatistics Families,
    IReadOnlyList<ReportSection> Sections)
{
    /// <summary>What the data could not answer, one entry per analysis or trait; printed in place of empty tables and charts.</summary>
    public IReadOnlyList<NotMeasured> NotMeasured { get; init; } = [];

    /// <summary>Charts of the family statistics (family-size distribution, generation depths), shown under Families.</summary>
    public IReadOnlyList<ReportChart> FamilyCharts { get; init; } = [];
}

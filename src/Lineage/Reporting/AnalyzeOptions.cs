using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Reporting;

/// <summary>Settings of a full analysis run: graph variant, similarity sampling, and a description of the inputs for the report.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>The graph variant (see <see cref="AnalysisVariant"/>).</summary>
    public string Variant { get; init; } = AnalysisVariant.Names[0];

    /// <summary>Sampling and bootstrap settings of the similarity analysis.</summary>
    public SimilarityOptions Similarity { get; init; } = new();

    /// <summary>Lines describing the inputs (catalog path, …), shown at the top of the report.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Report time; the clock's now when null.</summary>
    public DateTimeOffset? Now { get; init; }
}

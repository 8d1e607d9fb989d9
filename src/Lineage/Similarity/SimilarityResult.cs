namespace Kinship.Lineage.Similarity;

/// <summary>Outcome of the genetic-similarity analysis: the rows, the verdict, each pattern's multiplicity and corpus facts per DNA kind.</summary>
public sealed record SimilarityResult(
    IReadOnlyList<SimilarityRow> Rows,
    IReadOnlyList<VerdictCheck> Verdict,
    IReadOnlyDictionary<string, long> Multiplicities,
    IReadOnlyList<DnaCorpusSummary> Corpora,
    SimilarityOptions Options)
{
    /// <summary>Distinct unordered pairs measured per DNA kind (each pair once per run, however often it was drawn).</summary>
    public IReadOnlyDictionary<string, long> PairsMeasured { get; init; } = new Dictionary<string, long>();
}

using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Reporting;

/// <summary>Runs every analysis of the study over a graph, its models' traits and their DNA, and assembles the report model.</summary>
public static class LineageAnalysis
{
    /// <summary>Analyses <paramref name="graph"/> (all relations; the variant is taken here) and returns the report model.</summary>
    public static ReportModel Run(LineageGraph graph, IReadOnlyList<ModelTraits> traits, IDnaSource dna, AnalyzeOptions options,
        IProgress<SimilarityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(dna);
        ArgumentNullException.ThrowIfNull(options);
        var filter = AnalysisVariant.Filter(options.Variant)
            ?? throw new ArgumentException($"unknown variant '{options.Variant}'; use one of {string.Join(", ", AnalysisVariant.Names)}", nameof(options));
        progress?.Report(new SimilarityProgress($"building the {options.Variant} graph", 0, null));
        var variant = options.Variant == "all" ? graph : graph.Where(filter);
        var headline = HeadlineTable.Compute(traits);
        var families = FamilyOverview.Compute(variant);
        var similarity = SimilarityAnalysis.Run(variant, dna, options.Similarity, progress, cancellationToken);
        const string pending = "not computed in this build: the trait mutation, drift, documentation and compliance analyses are wired in once they are part of the library";
        var inputs = new Dictionary<string, string>(options.Inputs)
        {
            ["graph variant"] = options.Variant,
            ["models"] = ReportFormat.Count(variant.NodeCount),
            ["edges in variant"] = ReportFormat.Count(variant.EdgeCount),
        };
        return new ReportModel("Lineage: anatomy of a model ecosystem", options.Now ?? DateTimeOffset.UtcNow, inputs, headline, families,
        [
            SimilarityReport.Section(similarity),
            ReportSection.NotComputed("mutation", "Trait mutation", pending),
            ReportSection.NotComputed("drift", "Directional drift", pending),
            ReportSection.NotComputed("documentation", "Documentation drift", pending),
            ReportSection.NotComputed("compliance", "License compliance", pending),
        ]);
    }
}

using Kinship.Lineage.Compliance;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Reporting;

/// <summary>Runs every analysis of the study over a genealogy, its models' traits and their DNA, and assembles the report model.</summary>
public static class LineageAnalysis
{
    /// <summary>
    /// Analyses <paramref name="genealogy"/> (the <c>all</c> snapshot): family statistics and genetic similarity on
    /// <see cref="AnalyzeOptions.Variant"/>; mutation, drift, documentation and compliance on <see cref="AnalyzeOptions.TraitVariant"/>.
    /// </summary>
    public static ReportModel Run(GenealogySnapshot genealogy, NodeTraits traits, IDnaSource dna, AnalyzeOptions options,
        IProgress<SimilarityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genealogy);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(dna);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report(new SimilarityProgress("family statistics", 0, null));
        var variant = genealogy.WithVariant(options.Variant);
        var traitGraph = genealogy.WithVariant(options.TraitVariant).Graph;
        var families = GenealogyStatisticsCalculator.Compute(variant, cancellationToken);
        var headline = HeadlineTable.Compute(traits);
        var traitLabel = options.TraitVariant.Name();
        progress?.Report(new SimilarityProgress("trait mutation and drift", 0, null));
        var mutation = MutationAnalysis.Analyze(traitGraph, traits);
        var drift = DirectionalDrift.Analyze(traitGraph, traits, options.DriftTopN);
        var documentation = DocumentationDrift.Analyze(traitGraph, traits);
        progress?.Report(new SimilarityProgress("license compliance", 0, null));
        var compliance = ComplianceAnalysis.Analyze(traitGraph, traits, maxFindings: 10_000);
        cancellationToken.ThrowIfCancellationRequested();
        var similarity = SimilarityAnalysis.Run(variant.Graph, dna, options.Similarity, progress, cancellationToken);
        var inputs = new Dictionary<string, string>(options.Inputs)
        {
            ["similarity and family graph"] = $"{options.Variant.Name()} ({ReportFormat.Count(variant.Graph.EdgeCount)} edges)",
            ["trait graph"] = $"{traitLabel} ({ReportFormat.Count(traitGraph.EdgeCount)} edges)",
            ["models"] = ReportFormat.Count(genealogy.Graph.NodeCount),
        };
        var notMeasured = NotMeasuredFinder.Find(traits, traitGraph.EdgeCount, similarity, mutation, drift, documentation, compliance);
        return new ReportModel("Lineage: anatomy of a model ecosystem", options.Now ?? DateTimeOffset.UtcNow, inputs, headline, families,
        [
            SimilarityReport.Section(similarity),
            AnalysisSections.Mutation(mutation, traitLabel),
            AnalysisSections.Drift(drift, traitLabel),
            AnalysisSections.Documentation(documentation, traitLabel),
            AnalysisSections.Compliance(compliance, traitLabel),
        ])
        { NotMeasured = notMeasured, FamilyCharts = ReportTables.FamilyCharts(families) };
    }
}

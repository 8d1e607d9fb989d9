using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Reporting;

/// <summary>Settings of a full analysis run: the graph variants, similarity sampling, and a description of the inputs for the report.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>The graph genetic similarity and family statistics are computed on (the study's: fine-tunes).</summary>
    public GraphVariant Variant { get; init; } = GraphVariant.Finetune;

    /// <summary>The graph mutation, drift, documentation and compliance are computed on (the study's v1: every edge).</summary>
    public GraphVariant TraitVariant { get; init; } = GraphVariant.All;

    /// <summary>Sampling and bootstrap settings of the similarity analysis.</summary>
    public SimilarityOptions Similarity { get; init; } = new();

    /// <summary>Ordered traits per trait in directional drift (default: the study's final code, 20 licenses and languages, 10 tasks and libraries).</summary>
    public Func<Traits.Trait, int> DriftTopN { get; init; } = Drift.DirectionalDrift.StudyFinalTopN;

    /// <summary>Lines describing the inputs (catalog path, …), shown at the top of the report.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Report time; the clock's now when null.</summary>
    public DateTimeOffset? Now { get; init; }
}

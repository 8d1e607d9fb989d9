namespace Kinship.Lineage.Genealogy;

/// <summary>Everything <c>lineage stats</c> reports about one graph variant of a catalog (issue 3, item 3).</summary>
public sealed record GenealogyStatistics
{
    /// <summary>The variant the figures describe.</summary>
    public required GraphVariant Variant { get; init; }

    /// <summary>Number of models.</summary>
    public required int Models { get; init; }

    /// <summary>Edges of the variant by relation.</summary>
    public required EdgeCounts Edges { get; init; }

    /// <summary>Declared child–parent pairs of the variant's relations whose parent is not a model.</summary>
    public required int DanglingEdges { get; init; }

    /// <summary>Distinct absent parent ids among <see cref="DanglingEdges"/>.</summary>
    public required int DanglingParents { get; init; }

    /// <summary>Models that name themselves as a parent.</summary>
    public required int SelfReferences { get; init; }

    /// <summary>Models declaring two or more distinct parents other than themselves (present or absent).</summary>
    public required int MultiParentModels { get; init; }

    /// <summary>Models with at least one parent edge in the variant.</summary>
    public required int ModelsWithParents { get; init; }

    /// <summary>Number of families (weakly connected components; a model with no edge is a family of one).</summary>
    public required int Families { get; init; }

    /// <summary>The ten largest families, by size descending then root id (ordinal).</summary>
    public required IReadOnlyList<FamilySummary> LargestFamilies { get; init; }

    /// <summary>The ten models with most direct children (at least one), ties by id (ordinal).</summary>
    public required IReadOnlyList<ParentSummary> TopParents { get; init; }

    /// <summary>Strongly connected components with more than one model.</summary>
    public required int Cycles { get; init; }

    /// <summary>Models inside those cycles.</summary>
    public required int ModelsInCycles { get; init; }

    /// <summary>Number of models in each generation, index = generation.</summary>
    public required IReadOnlyList<int> Generations { get; init; }

    /// <summary>
    /// The ten longest root-to-leaf chains (ids, root first): one per leaf (a model with no children and a
    /// parent), longest first, ties by leaf id; see <see cref="GenealogyStatisticsCalculator"/> for the path rule.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<string>> LongestChains { get; init; }

    /// <summary>Family sizes in logarithmic bins [1], [2,3], [4,7], ... up to the largest family.</summary>
    public required IReadOnlyList<SizeBin> FamilySizeHistogram { get; init; }

    /// <summary>Cumulative size by month of the ten largest families, in <see cref="LargestFamilies"/> order.</summary>
    public required IReadOnlyList<FamilyGrowth> Growth { get; init; }
}

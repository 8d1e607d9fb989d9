namespace Kinship.Lineage.Similarity;

/// <summary>
/// The node pairs sampled for one <see cref="PatternPair"/>: pair i is (<see cref="First"/>[i], <see cref="Second"/>[i]).
/// A sample holds one pair per drawn instance; an exhaustive enumeration holds every instance once, as
/// <see cref="Group"/> consecutive pairs (the orderings of its interchangeable nodes) per instance.
/// </summary>
public sealed record SampledPairs(PatternPair Pair, int[] First, int[] Second)
{
    /// <summary>Number of pairs.</summary>
    public int Count => First.Length;

    /// <summary>Consecutive pairs that belong to one instance (1 for a sample).</summary>
    public int Group { get; init; } = 1;

    /// <summary>True when these are all the pattern's instances (exact), not a sample.</summary>
    public bool Exhaustive { get; init; }

    /// <summary>Number of instances: <see cref="Count"/> / <see cref="Group"/>.</summary>
    public int Instances => Count / Group;
}

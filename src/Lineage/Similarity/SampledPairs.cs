namespace Kinship.Lineage.Similarity;

/// <summary>The node pairs sampled for one <see cref="PatternPair"/>: pair i is (<see cref="First"/>[i], <see cref="Second"/>[i]), one per sampled instance.</summary>
public sealed record SampledPairs(PatternPair Pair, int[] First, int[] Second)
{
    /// <summary>Number of sampled pairs.</summary>
    public int Count => First.Length;
}

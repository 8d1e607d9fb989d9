using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>Mutation over a set of edges: how many edges had the trait on both ends, the summed per-edge mutation, and their mean.</summary>
/// <param name="Edges">Edges where parent and child both declare the trait.</param>
/// <param name="Mutated">Sum of per-edge mutation |A Δ B| / |A ∪ B| (fractional for set-valued traits).</param>
public sealed record MutationCount(
    [property: JsonPropertyName("edges")] long Edges,
    [property: JsonPropertyName("mutated")] double Mutated)
{
    /// <summary>Mean mutation over <see cref="Edges"/> (the study's mutation rate); null when no edge qualifies.</summary>
    [JsonPropertyName("rate")]
    public double? Rate => Edges == 0 ? null : Mutated / Edges;
}

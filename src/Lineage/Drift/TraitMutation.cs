using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>Mutation of one trait over every edge of a graph and per relation (the <c>results.json</c> <c>mutation.{trait}</c> object).</summary>
/// <param name="Edges">Edges where parent and child both declare the trait.</param>
/// <param name="Mutated">Sum of per-edge mutation.</param>
/// <param name="ByRelation">The same per relation name (<c>finetune</c>, <c>adapter</c>, ...), for relations with at least one edge in the graph.</param>
public sealed record TraitMutation(
    [property: JsonPropertyName("edges")] long Edges,
    [property: JsonPropertyName("mutated")] double Mutated,
    [property: JsonPropertyName("byRelation")] IReadOnlyDictionary<string, MutationCount> ByRelation)
{
    /// <summary>Mean mutation over <see cref="Edges"/>; null when no edge qualifies.</summary>
    [JsonPropertyName("rate")]
    [JsonPropertyOrder(-1)]
    public double? Rate => Edges == 0 ? null : Mutated / Edges;
}

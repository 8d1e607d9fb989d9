using System.Text.Json.Serialization;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>Mutation rates of the four traits (the <c>results.json</c> <c>mutation</c> object).</summary>
public sealed record MutationResult(
    [property: JsonPropertyName("license")] TraitMutation License,
    [property: JsonPropertyName("language")] TraitMutation Language,
    [property: JsonPropertyName("task")] TraitMutation Task,
    [property: JsonPropertyName("library")] TraitMutation Library)
{
    /// <summary>The mutation of one trait.</summary>
    public TraitMutation this[Trait trait] => trait switch
    {
        Trait.License => License,
        Trait.Language => Language,
        Trait.Task => Task,
        _ => Library,
    };
}

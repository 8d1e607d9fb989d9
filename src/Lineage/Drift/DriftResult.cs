using System.Text.Json.Serialization;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>Directional drift of the four traits (the <c>results.json</c> <c>drift</c> object).</summary>
public sealed record DriftResult(
    [property: JsonPropertyName("license")] TraitDrift License,
    [property: JsonPropertyName("language")] TraitDrift Language,
    [property: JsonPropertyName("task")] TraitDrift Task,
    [property: JsonPropertyName("library")] TraitDrift Library)
{
    /// <summary>The drift of one trait.</summary>
    public TraitDrift this[Trait trait] => trait switch
    {
        Trait.License => License,
        Trait.Language => Language,
        Trait.Task => Task,
        _ => Library,
    };
}
